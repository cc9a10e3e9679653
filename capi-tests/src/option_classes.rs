//! The README's option table and the values the option tests set, shared by
//! `tests/options_table.rs` (which sets each option on our library and on Debian's) and the
//! library's own unit test of what `curl_easy_setopt` keeps (`src/capi/option_classes_test.rs`,
//! which includes this file by path). Only `std` here.
//!
//! The README's table is the rows of `| options | class | notes |` in section "Options". In
//! the first column, `NAME(_SUFFIX)` stands for `NAME` and `NAME_SUFFIX`; nothing but
//! backquoted names, commas and slashes may stand there. The class is one of [`Class`]'s.
//!
//! The values are libcurl's documented defaults (0, NULL) and, for the other value, 1 (or a
//! plausible string, list, callback, pointer or blob) unless [`LONGS`], [`OFF_TS`],
//! [`STRINGS`] or [`STRING_DEFAULTS`] say otherwise: options whose valid values are
//! special, or whose default is not 0 or NULL. When an option changes class, its README row
//! moves; when its default or valid values are special, it gets a line in those tables.

use std::collections::HashMap;
use std::ffi::{c_int, c_long};

/// `CURLE_OK`.
pub const CURLE_OK: c_int = 0;
/// `CURLE_NOT_BUILT_IN`.
pub const CURLE_NOT_BUILT_IN: c_int = 4;

/// What `curl_easy_setopt` does with an option, as the README's table names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// Honoured by transfers.
    Implemented,
    /// Accepted and kept, without effect on an HTTP transfer.
    NoEffect,
    /// Accepted; a transfer it applies to fails with `CURLE_NOT_BUILT_IN`.
    FailsTransfer,
    /// `CURLE_OK` at the default value, `CURLE_NOT_BUILT_IN` at any other.
    DefaultOnly,
    /// `CURLE_NOT_BUILT_IN` for any value.
    NotBuiltIn,
}

impl Class {
    pub fn parse(s: &str) -> Option<Class> {
        Some(match s {
            "implemented" => Class::Implemented,
            "no effect" => Class::NoEffect,
            "fails the transfer" => Class::FailsTransfer,
            "default only" => Class::DefaultOnly,
            "not built in" => Class::NotBuiltIn,
            _ => return None,
        })
    }

    /// The codes for the default value and for another valid value.
    pub fn expected(self) -> (c_int, c_int) {
        match self {
            Class::Implemented | Class::NoEffect | Class::FailsTransfer => (CURLE_OK, CURLE_OK),
            Class::DefaultOnly => (CURLE_OK, CURLE_NOT_BUILT_IN),
            Class::NotBuiltIn => (CURLE_NOT_BUILT_IN, CURLE_NOT_BUILT_IN),
        }
    }
}

/// Long options: (name, libcurl's default, another valid value). Unlisted: 0 and 1.
pub const LONGS: &[(&str, c_long, c_long)] = &[
    ("ACCEPTTIMEOUT_MS", 60_000, 1),
    ("BUFFERSIZE", 16_384, 65_536),
    ("CA_CACHE_TIMEOUT", 86_400, 1),
    ("DNS_CACHE_TIMEOUT", 60, 0),
    ("DOH_SSL_VERIFYHOST", 2, 0),
    ("DOH_SSL_VERIFYPEER", 1, 0),
    ("EXPECT_100_TIMEOUT_MS", 1000, 1),
    ("FTP_FILEMETHOD", 1, 2),
    ("FTP_USE_EPRT", 1, 0),
    ("FTP_USE_EPSV", 1, 0),
    ("HAPPY_EYEBALLS_TIMEOUT_MS", 200, 1),
    // CURLHEADER_SEPARATE; CURLHEADER_UNIFIED.
    ("HEADEROPT", 1, 0),
    // CURLAUTH_BASIC; CURLAUTH_ANY.
    ("HTTPAUTH", 1, !16),
    ("HTTP_CONTENT_DECODING", 1, 0),
    ("HTTP_TRANSFER_DECODING", 1, 0),
    // CURL_HTTP_VERSION_NONE; CURL_HTTP_VERSION_1_1.
    ("HTTP_VERSION", 0, 2),
    ("INFILESIZE", -1, 1),
    ("LOCALPORTRANGE", 1, 10),
    ("MAXAGE_CONN", 118, 1),
    ("MAXCONNECTS", 5, 1),
    ("MAXREDIRS", -1, 5),
    // 0644, 0600.
    ("NEW_FILE_PERMS", 0o644, 0o600),
    // 0755, 0700.
    ("NEW_DIRECTORY_PERMS", 0o755, 0o700),
    ("NOPROGRESS", 1, 0),
    ("POSTFIELDSIZE", -1, 1),
    // CURLPROTO_ALL; CURLPROTO_HTTP.
    ("PROTOCOLS", !0, 1),
    // CURLAUTH_BASIC; CURLAUTH_ANY.
    ("PROXYAUTH", 1, !16),
    // CURLPROXY_HTTP; CURLPROXY_SOCKS4.
    ("PROXYTYPE", 0, 4),
    ("PROXY_SSL_VERIFYHOST", 2, 0),
    ("PROXY_SSL_VERIFYPEER", 1, 0),
    // CURL_SSLVERSION_DEFAULT; CURL_SSLVERSION_TLSv1_2.
    ("PROXY_SSLVERSION", 0, 6),
    // HTTP, HTTPS, FTP and FTPS; CURLPROTO_HTTP.
    ("REDIR_PROTOCOLS", 15, 1),
    // CURL_RTSPREQ_OPTIONS; CURL_RTSPREQ_DESCRIBE.
    ("RTSP_REQUEST", 1, 2),
    ("SERVER_RESPONSE_TIMEOUT", 60, 1),
    // CURLAUTH_BASIC | CURLAUTH_GSSAPI; CURLAUTH_BASIC.
    ("SOCKS5_AUTH", 5, 1),
    // CURLSSH_AUTH_ANY; CURLSSH_AUTH_PUBLICKEY.
    ("SSH_AUTH_TYPES", !0, 1),
    // CURL_SSLVERSION_DEFAULT; CURL_SSLVERSION_TLSv1_2.
    ("SSLVERSION", 0, 6),
    ("SSL_ENABLE_ALPN", 1, 0),
    ("SSL_ENABLE_NPN", 1, 0),
    // CURLSSLOPT_NO_REVOKE.
    ("PROXY_SSL_OPTIONS", 0, 2),
    ("SSL_OPTIONS", 0, 2),
    ("SSL_SESSIONID_CACHE", 1, 0),
    ("SSL_VERIFYHOST", 2, 0),
    ("SSL_VERIFYPEER", 1, 0),
    ("STREAM_WEIGHT", 16, 1),
    ("TCP_KEEPIDLE", 60, 1),
    ("TCP_KEEPINTVL", 60, 1),
    ("TCP_NODELAY", 1, 0),
    ("TFTP_BLKSIZE", 512, 1024),
    ("UPKEEP_INTERVAL_MS", 60_000, 1),
    ("UPLOAD_BUFFERSIZE", 65_536, 16_384),
];

/// `curl_off_t` options: (name, libcurl's default, another valid value). Unlisted: 0 and 1.
pub const OFF_TS: &[(&str, i64, i64)] = &[
    ("INFILESIZE_LARGE", -1, 1),
    ("MAX_RECV_SPEED_LARGE", 0, 1000),
    ("MAX_SEND_SPEED_LARGE", 0, 1000),
    ("POSTFIELDSIZE_LARGE", -1, 1),
];

/// String options other than NULL (the default of each): (name, the value set). Unlisted:
/// "value".
pub const STRINGS: &[(&str, &str)] = &[
    ("ACCEPT_ENCODING", "gzip"),
    ("ALTSVC", "altsvc.txt"),
    ("AWS_SIGV4", "aws:amz:us-east-1:s3"),
    ("COOKIEFILE", "cookies.txt"),
    ("COOKIEJAR", "cookies.txt"),
    ("COOKIELIST", "Set-Cookie: a=b"),
    ("CUSTOMREQUEST", "PATCH"),
    ("DEFAULT_PROTOCOL", "https"),
    ("DNS_INTERFACE", "eth0"),
    ("DNS_LOCAL_IP4", "192.0.2.1"),
    ("DNS_LOCAL_IP6", "2001:db8::1"),
    ("DNS_SERVERS", "192.0.2.53"),
    ("DOH_URL", "https://dns.example/dns-query"),
    ("HSTS", "hsts.txt"),
    ("INTERFACE", "lo"),
    ("NOPROXY", "example.com"),
    ("PRE_PROXY", "socks5://127.0.0.1:1080"),
    ("PROTOCOLS_STR", "http"),
    ("PROXY", "http://127.0.0.1:3128"),
    ("PROXYUSERPWD", "user:password"),
    ("PROXY_TLSAUTH_TYPE", "SRP"),
    ("RANGE", "0-99"),
    ("REDIR_PROTOCOLS_STR", "http"),
    ("SSLENGINE", "pkcs11"),
    ("SSL_EC_CURVES", "X25519"),
    ("TLSAUTH_TYPE", "SRP"),
    ("UNIX_SOCKET_PATH", "app.sock"),
    ("URL", "http://example.com/"),
    ("USERPWD", "user:password"),
];

/// String options naming a file a libcurl may write when the handle goes (Debian's writes
/// its cookie jar, alt-svc and HSTS caches): their values are put in a directory of the
/// test's own.
pub const FILES_WRITTEN: &[&str] = &["ALTSVC", "COOKIEFILE", "COOKIEJAR", "HSTS"];

/// String options whose default is not NULL (7.88.1 refuses NULL for these): (name, the
/// value that means the default).
pub const STRING_DEFAULTS: &[(&str, &str)] = &[
    ("PROTOCOLS_STR", "all"),
    ("REDIR_PROTOCOLS_STR", "http,https,ftp,ftps"),
];

/// A name of the README's table: the row's line, its class.
pub struct Listed {
    pub line: usize,
    pub class: Class,
}

/// The README's option table: every name with its class. Problems go to `errors`.
pub fn readme_table(readme: &str, errors: &mut Vec<String>) -> HashMap<String, Vec<Listed>> {
    let mut names: HashMap<String, Vec<Listed>> = HashMap::new();
    let lines: Vec<&str> = readme.lines().collect();
    let section = lines
        .iter()
        .position(|l| *l == "## Options")
        .expect("README has no \"## Options\" section");
    let header = (section..lines.len())
        .take_while(|&i| i == section || !lines[i].starts_with("## "))
        .find(|&i| lines[i].replace(' ', "") == "|options|class|notes|")
        .expect("\"## Options\" has no `| options | class | notes |` table");
    let mut rows = 0;
    for (i, line) in lines.iter().enumerate().skip(header + 2) {
        if !line.starts_with('|') {
            break;
        }
        rows += 1;
        let lineno = i + 1;
        let cells: Vec<&str> = line.split('|').collect();
        if cells.len() != 5 || !cells[0].is_empty() || !cells[4].is_empty() {
            errors.push(format!(
                "README line {lineno}: not three cells (no `|` in notes)"
            ));
            continue;
        }
        let Some(class) = Class::parse(cells[2].trim()) else {
            errors.push(format!(
                "README line {lineno}: unknown class {:?}",
                cells[2].trim()
            ));
            continue;
        };
        let parts: Vec<&str> = cells[1].split('`').collect();
        if parts.len().is_multiple_of(2) {
            errors.push(format!("README line {lineno}: unbalanced backquotes"));
            continue;
        }
        for (k, part) in parts.iter().enumerate() {
            if k % 2 == 0 {
                if !part.chars().all(|c| c == ',' || c == '/' || c == ' ') {
                    errors.push(format!(
                        "README line {lineno}: {part:?} between the names (only `NAME`s, commas and slashes)"
                    ));
                }
                continue;
            }
            for name in expand(part) {
                let plain = !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
                if !plain {
                    errors.push(format!("README line {lineno}: `{part}` is no option name"));
                    continue;
                }
                names.entry(name).or_default().push(Listed {
                    line: lineno,
                    class,
                });
            }
        }
    }
    assert!(rows > 0, "the README's option table has no rows");
    names
}

/// `NAME(_SUFFIX)` is `NAME` and `NAME_SUFFIX`; anything else is itself.
pub fn expand(token: &str) -> Vec<String> {
    match token.strip_suffix(')').and_then(|t| t.split_once('(')) {
        Some((base, suffix)) => vec![base.to_string(), format!("{base}{suffix}")],
        None => vec![token.to_string()],
    }
}

/// A long option's (default, other value).
pub fn long_values(name: &str) -> (c_long, c_long) {
    LONGS
        .iter()
        .find(|(n, ..)| *n == name)
        .map_or((0, 1), |&(_, d, v)| (d, v))
}

/// A `curl_off_t` option's (default, other value).
pub fn off_t_values(name: &str) -> (i64, i64) {
    OFF_TS
        .iter()
        .find(|(n, ..)| *n == name)
        .map_or((0, 1), |&(_, d, v)| (d, v))
}

/// A string option's other value.
pub fn string_value(name: &str) -> &'static str {
    STRINGS
        .iter()
        .find(|(n, _)| *n == name)
        .map_or("value", |(_, v)| v)
}

/// A string option's default, when it is not NULL.
pub fn string_default(name: &str) -> Option<&'static str> {
    STRING_DEFAULTS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| *v)
}
