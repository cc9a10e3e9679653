//! Percent-encoding and decoding with the exact byte rules of libcurl 7.88.1.
//!
//! libcurl does not have one URL encoder but several, each with its own idea
//! of which bytes to touch, and applications can observe every one of them:
//!
//! * [`escape`] is `curl_easy_escape`: everything except the RFC 3986
//!   "unreserved" set becomes `%XX` with *uppercase* hex digits.
//! * [`unescape`] is `curl_easy_unescape` (and, with `reject_ctrl`, the
//!   decoder that `CURLU_URLDECODE` uses): `%XX` is decoded when both digits
//!   are hex, anything else is copied through untouched.
//! * [`encode_whitespace_and_8bit`] is what libcurl applies to whole URLs
//!   (redirect targets, `CURLU_URLENCODE` on a full URL): only spaces and
//!   bytes >= 0x80 change, and it writes *lowercase* hex.
//! * [`encode_part`] is what `curl_url_set` does to a single part when
//!   `CURLU_URLENCODE` is given, again with lowercase hex.
//! * [`lowercase_percent_hex`] is what `curl_url_set` does to a part when it
//!   is *not* asked to encode: it only normalises the case of existing
//!   escapes.
//!
//! The functions work on bytes, not `str`, because URLs handed over by C
//! callers can contain any byte and libcurl keeps them as they are.

use std::fmt;

/// Hex digits for the escapes that libcurl writes in uppercase.
const UPPER_HEX: &[u8; 16] = b"0123456789ABCDEF";
/// Hex digits for the escapes that libcurl writes in lowercase.
const LOWER_HEX: &[u8; 16] = b"0123456789abcdef";

/// True for the RFC 3986 "unreserved" bytes: `A-Z a-z 0-9 - . _ ~`.
///
/// These are the only bytes that `curl_easy_escape` and `curl_url_set`'s
/// encoder leave alone.
pub fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// Appends `%XY` for `b` using the given digit table.
fn push_escape(out: &mut Vec<u8>, b: u8, digits: &[u8; 16]) {
    out.push(b'%');
    out.push(digits[usize::from(b >> 4)]);
    out.push(digits[usize::from(b & 0x0f)]);
}

/// Value of one ASCII hex digit, or `None` for any other byte.
pub(crate) fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// `curl_easy_escape`: every byte outside the unreserved set becomes `%XX`
/// with uppercase hex digits.
///
/// The result is always ASCII, so returning a `String` loses nothing.
pub fn escape(input: &[u8]) -> String {
    let mut out = Vec::with_capacity(input.len());
    for &b in input {
        if is_unreserved(b) {
            out.push(b);
        } else {
            push_escape(&mut out, b, UPPER_HEX);
        }
    }
    // Only unreserved ASCII bytes, '%' and hex digits were written.
    String::from_utf8(out).unwrap_or_default()
}

/// The decoder refused the input because a decoded (or literal) byte was a
/// control character.
///
/// `offset` is the position in the *input* where the offending byte or
/// escape sequence starts, which helps callers produce a precise message.
/// libcurl itself only reports `CURLE_URL_MALFORMAT` (or `CURLUE_URLDECODE`
/// from the URL API) in this case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnescapeError {
    /// Index into the input of the byte or `%XX` sequence that was refused.
    pub offset: usize,
}

impl fmt::Display for UnescapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "control character in URL-encoded input at offset {}",
            self.offset
        )
    }
}

impl std::error::Error for UnescapeError {}

/// `curl_easy_unescape` (and libcurl's internal URL decoder).
///
/// A `%` followed by two hex digits (either case) is replaced by that byte;
/// a `%` that is not followed by two hex digits is kept literally, as are
/// all other bytes. `+` is *not* turned into a space here: libcurl only does
/// that for query strings, in the URL code.
///
/// With `reject_ctrl` (the mode used by `CURLU_URLDECODE` and host name
/// decoding) any resulting byte below 0x20 is an error, whether it came
/// from an escape or was present literally. 0x7f is allowed, as in libcurl.
pub fn unescape(input: &[u8], reject_ctrl: bool) -> Result<Vec<u8>, UnescapeError> {
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        let start = i;
        let mut byte = input[i];
        i += 1;
        if byte == b'%' {
            let hi = input.get(i).copied().and_then(hex_value);
            let lo = input.get(i + 1).copied().and_then(hex_value);
            if let (Some(hi), Some(lo)) = (hi, lo) {
                byte = (hi << 4) | lo;
                i += 2;
            }
        }
        if reject_ctrl && byte < 0x20 {
            return Err(UnescapeError { offset: start });
        }
        out.push(byte);
    }
    Ok(out)
}

/// Index just past the authority of a full URL: the first `/` or `?` after
/// the `//` that follows the scheme (or from the start when there is no
/// `//`). libcurl leaves the bytes before it unencoded because encoding a
/// host name would break IDN resolution.
fn host_end(url: &[u8]) -> usize {
    let start = find_subslice(url, b"//").map_or(0, |i| i + 2);
    url[start..]
        .iter()
        .position(|&b| b == b'/' || b == b'?')
        .map_or(url.len(), |i| start + i)
}

/// Position of the first occurrence of `needle` in `hay`.
pub(crate) fn find_subslice(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

/// libcurl's whole-URL encoder (`urlencode_str` in 7.88.1).
///
/// Only two kinds of bytes change: a space becomes `%20` (or `+` once a `?`
/// has been seen, or from the start when `query` is true, because in a query
/// `+` is the conventional encoding of a space), and a byte >= 0x80 becomes
/// `%xx` with lowercase hex. Control characters and ASCII punctuation pass
/// through, so the URL parser can still reject the former.
///
/// With `relative == false` the input is treated as a full URL and its
/// authority (up to the first `/` or `?` after the `//`) is copied verbatim.
pub fn encode_whitespace_and_8bit(input: &[u8], relative: bool, query: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len() + input.len() / 4);
    let mut in_path = !query;
    let copy_until = if relative { 0 } else { host_end(input) };
    for (i, &b) in input.iter().enumerate() {
        if i < copy_until {
            out.push(b);
        } else if b == b' ' {
            if in_path {
                out.extend_from_slice(b"%20");
            } else {
                out.push(b'+');
            }
        } else {
            if b == b'?' {
                in_path = false;
            }
            if b >= 0x80 {
                push_escape(&mut out, b, LOWER_HEX);
            } else {
                out.push(b);
            }
        }
    }
    out
}

/// How [`encode_part`] treats the few bytes that differ between URL parts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PartEncoding {
    /// Write a space as `+` (queries) instead of `%20`.
    pub space_as_plus: bool,
    /// Keep `/` as is (paths).
    pub keep_slash: bool,
    /// Keep the first `=` as is (a `name=value` pair appended to a query).
    pub keep_first_equals: bool,
}

/// `curl_url_set`'s per-part encoder used with `CURLU_URLENCODE`: every
/// byte outside the unreserved set becomes `%xx` with lowercase hex, with
/// the exceptions chosen in `how`.
///
/// Note that `%` itself is encoded too, so a part that is already encoded
/// gets encoded a second time; that is what libcurl does.
pub fn encode_part(input: &[u8], how: PartEncoding) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len() * 3);
    let mut keep_equals = how.keep_first_equals;
    for &b in input {
        if b == b' ' && how.space_as_plus {
            out.push(b'+');
        } else if is_unreserved(b) || (b == b'/' && how.keep_slash) {
            out.push(b);
        } else if b == b'=' && keep_equals {
            keep_equals = false;
            out.push(b);
        } else {
            push_escape(&mut out, b, LOWER_HEX);
        }
    }
    out
}

/// Lowercases the hex digits of every `%XX` escape that has an uppercase
/// digit, leaving everything else alone. `curl_url_set` does this to parts
/// it is not asked to encode, so that stored parts compare consistently.
pub fn lowercase_percent_hex(input: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    let mut i = 0;
    while i < out.len() {
        if out[i] == b'%'
            && out.len() > i + 2
            && out[i + 1].is_ascii_hexdigit()
            && out[i + 2].is_ascii_hexdigit()
            && (out[i + 1].is_ascii_uppercase() || out[i + 2].is_ascii_uppercase())
        {
            out[i + 1] = out[i + 1].to_ascii_lowercase();
            out[i + 2] = out[i + 2].to_ascii_lowercase();
            i += 3;
        } else {
            i += 1;
        }
    }
    out
}

/// Replaces every `%` with `%25`. libcurl renders stored host names this way
/// because a host is kept decoded and a literal `%` must not be mistaken for
/// an escape when the URL is parsed again.
pub fn escape_percent_only(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len());
    for &b in input {
        if b == b'%' {
            out.extend_from_slice(b"%25");
        } else {
            out.push(b);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_cases::{case_bytes, show};

    /// Observations from the system libcurl 7.88.1: `E input => output` is
    /// `curl_easy_escape`, `U input => output` is `curl_easy_unescape`.
    /// Inputs and outputs write control bytes, bytes >= 0x7f, `\`, `|` and
    /// `!` as `\xhh`; fields are separated by tabs.
    const LIBCURL_CASES: &str = r##"
E		=>
E	abcXYZ019-._~	=> abcXYZ019-._~
E	a b+c/d?e&f=g%h	=> a%20b%2Bc%2Fd%3Fe%26f%3Dg%25h
E	\x01\x7f\x80\xff	=> %01%7F%80%FF
E	ü	=> %C3%BC
E	:/?#[]@!$&'()*,;=	=> %3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2C%3B%3D
E	"<>\x5c^`{|}	=> %22%3C%3E%5C%5E%60%7B%7C%7D
E	%41	=> %2541
E	日本	=> %E6%97%A5%E6%9C%AC
U		=>
U	a%20b	=> a b
U	a+b	=> a+b
U	%4a%4A	=> JJ
U	%	=> %
U	%4	=> %4
U	%41	=> A
U	a%4	=> a%4
U	%zz	=> %zz
U	%%41	=> %A
U	%00	=> \x00
U	%1f%7f%80%ff	=> \x1f\x7f\x80\xff
U	%g1	=> %g1
U	%1g	=> %1g
U	%C3%BC	=> \xc3\xbc
U	%c3%bc%	=> \xc3\xbc%
U	100%	=> 100%
U	%%%	=> %%%
U	\x01%0a	=> \x01\x0a
"##;

    #[test]
    fn matches_libcurl_observations() {
        let mut count = 0;
        for line in LIBCURL_CASES.lines().filter(|l| !l.is_empty()) {
            let (command, expected) = line.split_once("\t=>").unwrap();
            let (kind, input) = command.split_once('\t').unwrap();
            let input = case_bytes(input);
            let actual = match kind {
                "E" => escape(&input),
                "U" => show(&unescape(&input, false).unwrap()),
                other => panic!("unknown command {other}"),
            };
            assert_eq!(actual, expected.trim_start(), "case {command:?}");
            count += 1;
        }
        assert!(count > 25);
    }

    #[test]
    fn unescape_can_reject_control_bytes() {
        // The decoder used for CURLU_URLDECODE and host names: libcurl
        // refuses "/p%01" and "/p%1f" there and accepts "%7f" (see the URL
        // tests). Literal control bytes are refused too.
        assert_eq!(unescape(b"a%01", true), Err(UnescapeError { offset: 1 }));
        assert_eq!(unescape(b"%1f", true), Err(UnescapeError { offset: 0 }));
        assert_eq!(unescape(b"ab\x01", true), Err(UnescapeError { offset: 2 }));
        assert_eq!(unescape(b"%00", true), Err(UnescapeError { offset: 0 }));
        assert_eq!(unescape(b"%7f%20%", true).unwrap(), b"\x7f %");
        assert_eq!(unescape(b"%00", false).unwrap(), b"\0");
        assert!(UnescapeError { offset: 3 }.to_string().contains('3'));
    }

    #[test]
    fn unreserved_set() {
        let kept: Vec<u8> = (0..=255u8).filter(|&b| is_unreserved(b)).collect();
        assert_eq!(
            kept,
            b"-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~"
        );
    }

    #[test]
    fn whole_url_encoding() {
        // What libcurl makes of a redirect target (observed through
        // curl_url_set with CURLU_URLENCODE).
        assert_eq!(
            encode_whitespace_and_8bit(b"d e?f g#h i", true, false),
            b"d%20e?f+g#h+i"
        );
        assert_eq!(encode_whitespace_and_8bit(b"a b", true, true), b"a+b");
        assert_eq!(
            encode_whitespace_and_8bit("\u{fc}".as_bytes(), true, false),
            b"%c3%bc"
        );
        // Control bytes and ASCII punctuation are left for the parser.
        assert_eq!(
            encode_whitespace_and_8bit(b"\x01\"<>\\%", true, false),
            b"\x01\"<>\\%"
        );
        // A full URL keeps its authority as it is.
        assert_eq!(
            encode_whitespace_and_8bit(b"o p/d e", false, false),
            b"o p/d%20e"
        );
        assert_eq!(
            encode_whitespace_and_8bit(b"http://a b/c d?e f", false, false),
            b"http://a b/c%20d?e+f"
        );
        assert_eq!(encode_whitespace_and_8bit(b"", false, false), b"");
    }

    #[test]
    fn part_encoding() {
        // curl_url_set with CURLU_URLENCODE (observed through the URL API).
        let plain = PartEncoding::default();
        assert_eq!(encode_part(b"a:b@c", plain), b"a%3ab%40c");
        assert_eq!(encode_part(b"a b#c", plain), b"a%20b%23c");
        let path = PartEncoding {
            keep_slash: true,
            ..plain
        };
        assert_eq!(
            encode_part("a b/c%2F?#\u{fc}".as_bytes(), path),
            b"a%20b/c%252F%3f%23%c3%bc"
        );
        let query = PartEncoding {
            space_as_plus: true,
            ..plain
        };
        assert_eq!(encode_part(b"a=b c=d&e+f", query), b"a%3db+c%3dd%26e%2bf");
        let append = PartEncoding {
            space_as_plus: true,
            keep_first_equals: true,
            ..plain
        };
        assert_eq!(encode_part(b"a=b c=d&e", append), b"a=b+c%3dd%26e");
    }

    #[test]
    fn percent_case_and_percent_escaping() {
        assert_eq!(lowercase_percent_hex(b"A%4A%4a%zZ%G1%"), b"A%4a%4a%zZ%G1%");
        assert_eq!(lowercase_percent_hex(b"a%2Fb%zz%Aa"), b"a%2fb%zz%aa");
        assert_eq!(lowercase_percent_hex(b"%A"), b"%A");
        assert_eq!(escape_percent_only(b"a%41%"), b"a%2541%25");
        assert_eq!(escape_percent_only(b"plain"), b"plain");
    }

    #[test]
    fn round_trip_every_byte() {
        let all: Vec<u8> = (0..=255u8).collect();
        let escaped = escape(&all);
        assert!(escaped.bytes().all(|b| is_unreserved(b) || b == b'%'));
        assert_eq!(unescape(escaped.as_bytes(), false).unwrap(), all);
    }
}
