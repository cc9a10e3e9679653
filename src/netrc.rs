//! `.netrc` files (`CURLOPT_NETRC`, `CURLOPT_NETRC_FILE`) read as libcurl 7.88.1 reads them:
//! whitespace-separated tokens, `#` comments, `"quoted \"strings\""` with `\n`, `\r`, `\t`
//! escapes, `machine NAME` (compared case-insensitively), `default`, `login`, `password`,
//! and `macdef` bodies skipped up to an empty line. With a login already known (from the
//! URL), only that login's password counts.

use std::os::unix::ffi::OsStringExt;
use std::path::PathBuf;

/// What a `.netrc` says for a host.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup {
    /// The file is missing, or names neither the host nor a usable `default`.
    NotFound,
    /// The file could not be parsed (an unterminated quote or escape).
    Broken,
    /// The host's entry. `login` is `None` when the caller's login was kept (and the
    /// password is then that login's, or empty when the entry names the login without a
    /// password); `password` is `None` when the entry has none for a login the caller gave.
    Found {
        login: Option<String>,
        password: Option<String>,
    },
}

/// The file libcurl reads: `CURLOPT_NETRC_FILE`, else `$HOME/.netrc` (the home directory
/// from the password database when `HOME` is unset).
pub fn default_path() -> Option<PathBuf> {
    let home = std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
        .or_else(home_from_passwd)?;
    Some(home.join(".netrc"))
}

fn home_from_passwd() -> Option<PathBuf> {
    let mut buf = vec![0 as libc::c_char; 4096];
    // SAFETY: zeroed passwd struct filled by getpwuid_r, which writes strings into `buf` of
    // the length given; `res` is set to the struct or NULL.
    unsafe {
        let mut pw: libc::passwd = std::mem::zeroed();
        let mut res: *mut libc::passwd = std::ptr::null_mut();
        if libc::getpwuid_r(
            libc::geteuid(),
            &mut pw,
            buf.as_mut_ptr(),
            buf.len(),
            &mut res,
        ) != 0
            || res.is_null()
            || pw.pw_dir.is_null()
        {
            return None;
        }
        let dir = std::ffi::CStr::from_ptr(pw.pw_dir).to_bytes().to_vec();
        Some(PathBuf::from(std::ffi::OsString::from_vec(dir)))
    }
}

/// Reads `path` and looks `host` up (see [`lookup`]).
pub fn lookup_file(path: &std::path::Path, host: &str, login: Option<&str>) -> Lookup {
    match std::fs::read(path) {
        Ok(bytes) => lookup(&String::from_utf8_lossy(&bytes), host, login),
        Err(_) => Lookup::NotFound,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Nothing,
    Macdef,
    /// After `machine`: the next token is the name.
    HostFound,
    /// Inside the entry for our host (or `default`).
    HostValid,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Keyword {
    None,
    Login,
    Password,
}

/// The credentials `text` (a `.netrc`) gives `host`; `login` is the user name the caller
/// already has, if any.
pub fn lookup(text: &str, host: &str, login: Option<&str>) -> Lookup {
    let specific = login.is_some();
    let mut found_login: Option<String> = None;
    let mut password: Option<String> = None;
    let mut state = State::Nothing;
    let mut keyword = Keyword::None;
    let (mut have_login, mut have_password) = (false, false);
    let mut our_login = false;
    let mut matched = false;
    'lines: for line in text.split_inclusive('\n') {
        if state == State::Macdef {
            if line.starts_with('\n') || line.starts_with('\r') {
                state = State::Nothing;
            } else {
                continue;
            }
        }
        let mut rest = line;
        loop {
            rest = rest.trim_start_matches([' ', '\t']);
            if rest.is_empty() || rest.starts_with('#') {
                break;
            }
            let (tok, after) = match next_token(rest) {
                Some(t) => t,
                None => return Lookup::Broken,
            };
            rest = after;
            match state {
                State::Nothing => {
                    if tok.eq_ignore_ascii_case("macdef") {
                        state = State::Macdef;
                    } else if tok.eq_ignore_ascii_case("machine") {
                        state = State::HostFound;
                        keyword = Keyword::None;
                        (have_login, have_password, our_login) = (false, false, false);
                        password = None;
                        found_login = None;
                    } else if tok.eq_ignore_ascii_case("default") {
                        state = State::HostValid;
                        matched = true;
                    }
                }
                State::Macdef => {
                    if tok.is_empty() {
                        state = State::Nothing;
                    }
                }
                State::HostFound => {
                    if tok.eq_ignore_ascii_case(host) {
                        state = State::HostValid;
                        matched = true;
                    } else {
                        state = State::Nothing;
                    }
                }
                State::HostValid => {
                    if keyword == Keyword::Login {
                        if specific {
                            our_login = login == Some(tok.as_str());
                        } else {
                            our_login = true;
                            found_login = Some(tok);
                        }
                        have_login = true;
                        keyword = Keyword::None;
                    } else if keyword == Keyword::Password {
                        password = Some(tok);
                        have_password = true;
                        keyword = Keyword::None;
                    } else if tok.eq_ignore_ascii_case("login") {
                        keyword = Keyword::Login;
                    } else if tok.eq_ignore_ascii_case("password") {
                        keyword = Keyword::Password;
                    } else if tok.eq_ignore_ascii_case("machine") {
                        state = State::HostFound;
                        keyword = Keyword::None;
                        (have_login, have_password) = (false, false);
                        password = None;
                        found_login = None;
                    } else if tok.eq_ignore_ascii_case("default") {
                        state = State::HostValid;
                        matched = true;
                        password = None;
                        found_login = None;
                    }
                    if have_login && have_password && our_login {
                        break 'lines;
                    }
                }
            }
        }
    }
    if !matched {
        return Lookup::NotFound;
    }
    if password.is_none() && our_login {
        // A login without a password: an empty one.
        password = Some(String::new());
    } else if !specific && found_login.is_none() && password.is_none() {
        // A default with no credentials.
        return Lookup::NotFound;
    }
    Lookup::Found {
        login: if specific { None } else { found_login },
        password,
    }
}

/// The token at the start of `s` (which starts with a non-blank) and what follows it; `None`
/// for a quoted token without its end quote or ending in an escape.
fn next_token(s: &str) -> Option<(String, &str)> {
    let Some(quoted) = s.strip_prefix('"') else {
        let end = s.find(|c: char| c.is_ascii_whitespace()).unwrap_or(s.len());
        return Some((s[..end].to_string(), &s[(end + 1).min(s.len())..]));
    };
    let mut out = String::new();
    let mut chars = quoted.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                let (_, e) = chars.next()?;
                out.push(match e {
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    other => other,
                });
            }
            '"' => {
                // libcurl moves on from the character after the closing quote.
                let after = &quoted[i + 1..];
                let skip = after.chars().next().map_or(0, char::len_utf8);
                return Some((out, &after[skip..]));
            }
            other => out.push(other),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// libcurl's unit test 1304 file.
    const UNIT1304: &str = "machine example.com login admin password passwd\n\
                            machine curl.example.com login none password none\n";

    fn found(login: Option<&str>, password: Option<&str>) -> Lookup {
        Lookup::Found {
            login: login.map(String::from),
            password: password.map(String::from),
        }
    }

    #[test]
    fn libcurls_unit_test_1304() {
        assert_eq!(lookup(UNIT1304, "test.example.com", None), Lookup::NotFound);
        // A login the file does not have: the host is found, no password.
        for other in ["me", "admi", "adminn"] {
            assert_eq!(
                lookup(UNIT1304, "example.com", Some(other)),
                found(None, None)
            );
        }
        assert_eq!(
            lookup(UNIT1304, "test.example.com", Some("me")),
            Lookup::NotFound
        );
        assert_eq!(
            lookup(UNIT1304, "example.com", None),
            found(Some("admin"), Some("passwd"))
        );
        assert_eq!(
            lookup(UNIT1304, "curl.example.com", None),
            found(Some("none"), Some("none"))
        );
        assert_eq!(
            lookup(UNIT1304, "curl.example.com", Some("none")),
            found(None, Some("none"))
        );
    }

    #[test]
    fn default_quotes_comments_and_macros() {
        let text = "# comment\nmacdef init\nmachine evil login x password y\n\n\
                    machine A.com login \"us er\" password \"p\\\"w\\n\"\n\
                    default login anon password \"\"\n";
        assert_eq!(
            lookup(text, "a.COM", None),
            found(Some("us er"), Some("p\"w\n"))
        );
        assert_eq!(
            lookup(text, "evil", None),
            found(Some("anon"), Some("")),
            "the macro body is skipped"
        );
        assert_eq!(
            lookup("machine h login u password \"open", "h", None),
            Lookup::Broken
        );
        assert_eq!(lookup("default\n", "h", None), Lookup::NotFound);
        // A login named without a password gets an empty one.
        assert_eq!(
            lookup("machine h login u\n", "h", Some("u")),
            found(None, Some(""))
        );
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "\"",
            "\\",
            "machine",
            "machine \"ü\\",
            "login password",
            "\"\"\"\"",
        ] {
            let _ = lookup(text, "h", None);
            let _ = lookup(text, "h", Some("u"));
        }
    }
}
