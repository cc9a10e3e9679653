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
/// authority (see [`host_end`]) is copied verbatim.
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
