//! HTTP/1.1 codec: the byte-level parts of an HTTP transfer, with libcurl 7.88.1's exact
//! behaviour and no I/O.
//!
//! * [`request`] builds the request head (and, like libcurl, a small POST body inline).
//! * [`response`] parses response heads incrementally, line by line, the way libcurl does.
//! * [`body`] frames the response body (Content-Length, chunked, until close, none).
//! * [`decode`] undoes `Content-Encoding` / `Transfer-Encoding` compression (gzip, deflate).
//!
//! Every failure is an [`HttpError`] whose variant is the `CURLcode` libcurl returns in that
//! situation and whose text is what libcurl writes to `CURLOPT_ERRORBUFFER`.

use std::fmt;

pub mod auth;
pub mod body;
pub mod decode;
pub mod drain;
pub mod pipeline;
pub mod request;
pub mod response;

/// An HTTP-level failure. Each variant is one `CURLcode`; the payload is libcurl's error-buffer
/// text for the case. Where libcurl fails without writing the error buffer the payload is
/// `None` (the application then sees an empty buffer and only `curl_easy_strerror`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HttpError {
    /// `CURLE_UNSUPPORTED_PROTOCOL` (1): HTTP/0.9 reply, unsupported version or status code.
    UnsupportedProtocol(String),
    /// `CURLE_WEIRD_SERVER_REPLY` (8): malformed header line or Content-Length.
    WeirdServerReply(String),
    /// `CURLE_PARTIAL_FILE` (18): the body ended early, or a resumed upload has nothing left.
    PartialFile(String),
    /// `CURLE_WRITE_ERROR` (23): bytes after the end of a compressed stream, or a failing sink.
    WriteError(Option<String>),
    /// `CURLE_UPLOAD_FAILED` (25): chunked upload requested over HTTP/1.0.
    UploadFailed(String),
    /// `CURLE_OUT_OF_MEMORY` (27): libcurl's answer to an over-long header or trailer line
    /// (its line buffer refuses to grow, which it reports as an allocation failure).
    OutOfMemory(Option<String>),
    /// `CURLE_BAD_FUNCTION_ARGUMENT` (43): a time condition value that cannot be a date.
    BadFunctionArgument(String),
    /// `CURLE_GOT_NOTHING` (52): the connection closed before any response header line.
    GotNothing(String),
    /// `CURLE_RECV_ERROR` (56): bad chunked framing, or response headers over the size cap.
    RecvError(String),
    /// `CURLE_BAD_CONTENT_ENCODING` (61): corrupt compressed data or an unknown coding.
    BadContentEncoding(String),
    /// `CURLE_FILESIZE_EXCEEDED` (63): Content-Length above `CURLOPT_MAXFILESIZE`.
    FileSizeExceeded(String),
}

impl HttpError {
    /// The numeric `CURLcode` this error stands for.
    pub fn curl_code(&self) -> u32 {
        match self {
            HttpError::UnsupportedProtocol(_) => 1,
            HttpError::WeirdServerReply(_) => 8,
            HttpError::PartialFile(_) => 18,
            HttpError::WriteError(_) => 23,
            HttpError::UploadFailed(_) => 25,
            HttpError::OutOfMemory(_) => 27,
            HttpError::BadFunctionArgument(_) => 43,
            HttpError::GotNothing(_) => 52,
            HttpError::RecvError(_) => 56,
            HttpError::BadContentEncoding(_) => 61,
            HttpError::FileSizeExceeded(_) => 63,
        }
    }

    /// The error-buffer text, if libcurl writes one for this case.
    pub fn message(&self) -> Option<&str> {
        match self {
            HttpError::UnsupportedProtocol(m)
            | HttpError::WeirdServerReply(m)
            | HttpError::PartialFile(m)
            | HttpError::UploadFailed(m)
            | HttpError::BadFunctionArgument(m)
            | HttpError::GotNothing(m)
            | HttpError::RecvError(m)
            | HttpError::BadContentEncoding(m)
            | HttpError::FileSizeExceeded(m) => Some(m),
            HttpError::WriteError(m) | HttpError::OutOfMemory(m) => m.as_deref(),
        }
    }

    /// Fills in `msg` when the error carries no text yet. libcurl keeps only the first message
    /// written for a transfer, so an outer layer's text only shows when the inner one had none.
    pub(crate) fn or_message(self, msg: &str) -> HttpError {
        match self {
            HttpError::WriteError(None) => HttpError::WriteError(Some(msg.to_string())),
            HttpError::OutOfMemory(None) => HttpError::OutOfMemory(Some(msg.to_string())),
            other => other,
        }
    }
}

impl fmt::Display for HttpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.message() {
            Some(m) => write!(f, "{m} (CURLcode {})", self.curl_code()),
            None => write!(f, "CURLcode {}", self.curl_code()),
        }
    }
}

impl std::error::Error for HttpError {}

/// C's `isspace` in the "C" locale, which is what libcurl's parsers use.
pub(crate) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// C's `isblank`: only space and tab.
pub(crate) fn is_blank(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// ASCII case-insensitive "starts with", the test libcurl uses for header names.
pub(crate) fn starts_with_ci(hay: &[u8], prefix: &[u8]) -> bool {
    hay.len() >= prefix.len() && hay[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// libcurl's `Curl_compareheader`: `line` starts with `header` (which includes the colon) and
/// its value, up to the line end, contains `content`; both compared without regard to case.
pub(crate) fn compare_header(line: &[u8], header: &[u8], content: &[u8]) -> bool {
    if !starts_with_ci(line, header) {
        return false;
    }
    let mut start = header.len();
    while start < line.len() && is_space(line[start]) {
        start += 1;
    }
    let rest = &line[start..];
    let end = rest
        .iter()
        .position(|&c| c == b'\r' || c == b'\n')
        .unwrap_or(rest.len());
    let value = &rest[..end];
    value.len() >= content.len()
        && value
            .windows(content.len())
            .any(|w| w.eq_ignore_ascii_case(content))
}

/// libcurl's `Curl_copy_header_value` for a received line: the text after the first colon,
/// up to the line end, without surrounding whitespace.
pub(crate) fn header_value(line: &[u8]) -> &[u8] {
    let after = match line.iter().position(|&c| c == b':') {
        Some(p) => &line[p + 1..],
        None => &line[line.len()..],
    };
    let start = after
        .iter()
        .position(|&c| !is_space(c))
        .unwrap_or(after.len());
    let rest = &after[start..];
    let end = rest
        .iter()
        .position(|&c| c == b'\r' || c == b'\n')
        .unwrap_or(rest.len());
    let mut v = &rest[..end];
    while let [head @ .., last] = v {
        if is_space(*last) {
            v = head;
        } else {
            break;
        }
    }
    v
}

/// Result of libcurl's `curlx_strtoofft` on a decimal or hex number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OffT {
    Ok(i64),
    /// Out of range for a signed 64-bit value.
    Overflow,
    /// Negative, leading whitespace other than blanks, or no digits at all.
    Invalid,
}

/// Parses a number the way `curlx_strtoofft` does: blanks are skipped, then a leading `-` or
/// any other whitespace makes it invalid, then `strtoll` rules apply (optional `+`, digits,
/// trailing garbage ignored).
pub(crate) fn strtoofft(s: &[u8], radix: u32) -> OffT {
    let mut i = 0;
    while i < s.len() && is_blank(s[i]) {
        i += 1;
    }
    if i >= s.len() {
        return OffT::Invalid;
    }
    if s[i] == b'-' || is_space(s[i]) {
        return OffT::Invalid;
    }
    if s[i] == b'+' {
        i += 1;
    }
    let mut value: i64 = 0;
    let mut digits = 0;
    let mut overflow = false;
    while i < s.len() {
        let d = match (s[i] as char).to_digit(radix) {
            Some(d) => d,
            None => break,
        };
        digits += 1;
        match value
            .checked_mul(radix as i64)
            .and_then(|v| v.checked_add(d as i64))
        {
            Some(v) => value = v,
            None => overflow = true,
        }
        i += 1;
    }
    if digits == 0 {
        OffT::Invalid
    } else if overflow {
        OffT::Overflow
    } else {
        OffT::Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_messages() {
        let e = HttpError::RecvError("x".into());
        assert_eq!(e.curl_code(), 56);
        assert_eq!(e.message(), Some("x"));
        assert_eq!(HttpError::OutOfMemory(None).message(), None);
        assert_eq!(
            HttpError::WriteError(None).or_message("m"),
            HttpError::WriteError(Some("m".into()))
        );
        assert_eq!(
            HttpError::WriteError(Some("a".into())).or_message("m"),
            HttpError::WriteError(Some("a".into()))
        );
        assert_eq!(format!("{e}"), "x (CURLcode 56)");
    }

    /// Deterministic xorshift64* generator for the robustness tests.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }

        /// Random bytes biased towards HTTP syntax so the parsers get past their first checks.
        fn http_bytes(&mut self, max: usize) -> Vec<u8> {
            const PIECES: &[&[u8]] = &[
                b"HTTP/1.1 ",
                b"HTTP/1.0 ",
                b"HTTP/2 ",
                b"http/",
                b"200",
                b"100",
                b"204",
                b"101",
                b"999",
                b"\r\n",
                b"\n",
                b"\r",
                b": ",
                b":",
                b" ",
                b"\t",
                b"Content-Length: ",
                b"Transfer-Encoding: chunked",
                b"Connection: close",
                b"Content-Encoding: gzip, deflate",
                b"Location: /x",
                b"0",
                b"5",
                b"ffff",
                b"-1",
                b";ext",
                b"\0",
                b"Last-Modified: Sun, 06 Nov 1994 08:49:37 GMT",
                b"Retry-After: 1",
                b"\x1f\x8b\x08",
                b"x\x9c",
            ];
            let mut v = Vec::new();
            let n = self.below(max + 1);
            while v.len() < n {
                if self.below(3) == 0 {
                    v.push(self.next() as u8);
                } else {
                    v.extend_from_slice(PIECES[self.below(PIECES.len())]);
                }
            }
            v
        }
    }

    /// Feeds `input` in random pieces to the head parser, body decoder and content decoder,
    /// as a transfer would. Only checks that nothing panics and that bookkeeping is sane.
    fn pipeline(rng: &mut Rng, input: &[u8]) {
        use body::{BodyDecoder, BodyOptions};
        use decode::ContentDecoder;
        use response::{Parse, ParseOptions, ResponseParser};

        let opts = ParseOptions {
            content_decoding: rng.below(2) == 0,
            ignore_content_length: rng.below(4) == 0,
            head_request: rng.below(4) == 0,
            max_filesize: if rng.below(4) == 0 { 100 } else { 0 },
            aliases: if rng.below(4) == 0 {
                vec![b"ICY 200".to_vec().into_boxed_slice()].into()
            } else {
                Default::default()
            },
            http09_allowed: rng.below(4) == 0,
        };
        let mut parser = ResponseParser::new(opts.clone());
        let mut rest = input;
        let head = loop {
            if rest.is_empty() {
                let _ = parser.on_eof();
                return;
            }
            let n = 1 + rng.below(rest.len());
            match parser.feed_with(&rest[..n], &mut |_| Ok(())) {
                Err(_) => return,
                Ok(Parse::NeedMore) => rest = &rest[n..],
                Ok(Parse::Http09 { held, consumed }) => {
                    assert!(opts.http09_allowed && consumed <= n && !held.is_empty());
                    return;
                }
                Ok(Parse::Head(h)) => {
                    assert!(h.consumed <= n);
                    rest = &rest[h.consumed..];
                    if !h.informational {
                        break h;
                    }
                }
            }
        };
        let body_opts = BodyOptions {
            no_body: opts.head_request,
            transfer_decoding: rng.below(4) != 0,
        };
        let mut body = BodyDecoder::for_response(&head, body_opts);
        let mut content = ContentDecoder::for_head(&head);
        while !rest.is_empty() {
            let n = 1 + rng.below(rest.len());
            let r = body.decode(&rest[..n], &mut |d| match content.as_mut() {
                Some(c) => c.write(d, &mut |_| Ok(())),
                None => Ok(()),
            });
            match r {
                Err(_) => return,
                Ok(p) => {
                    assert!(p.consumed <= n);
                    if p.complete {
                        return;
                    }
                    rest = &rest[p.consumed..];
                    if p.consumed < n {
                        return;
                    }
                }
            }
        }
        let _ = body.on_eof();
    }

    #[test]
    fn fuzz_parsers_never_panic() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..4000 {
            let input = rng.http_bytes(300);
            pipeline(&mut rng, &input);
            // Pure noise too, and noise after a valid chunked head.
            let mut framed = b"HTTP/1.1 200 OK\r\n".to_vec();
            framed.extend(rng.http_bytes(300));
            pipeline(&mut rng, &framed);
            let noise: Vec<u8> = (0..rng.below(200)).map(|_| rng.next() as u8).collect();
            pipeline(&mut rng, &noise);
            let mut chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
            chunked.extend(rng.http_bytes(100));
            pipeline(&mut rng, &chunked);
            let _ = response::parse_status_line(&input);
            let _ = response::getdate_capped(&input);
        }
    }

    #[test]
    fn fuzz_decoders_never_panic() {
        use decode::ContentDecoder;
        use flate2::{write::GzEncoder, Compression};
        use std::io::Write;

        let mut rng = Rng(42);
        let mut enc = GzEncoder::new(Vec::new(), Compression::default());
        enc.write_all(&[b'q'; 3000]).unwrap();
        let valid = enc.finish().unwrap();
        for _ in 0..3000 {
            // A valid stream with a few bytes flipped, cut, or extended.
            let mut data = valid.clone();
            for _ in 0..rng.below(4) {
                let i = rng.below(data.len());
                data[i] ^= 1 << rng.below(8);
            }
            data.truncate(rng.below(data.len() + 1));
            if rng.below(4) == 0 {
                data.extend(rng.http_bytes(10));
            }
            let names = ["gzip", "deflate", "identity", "br", "x-gzip"];
            let ce: Vec<String> = (0..1 + rng.below(2))
                .map(|_| names[rng.below(names.len())].to_string())
                .collect();
            let mut d = ContentDecoder::new(&[], &ce).unwrap();
            let mut rest = &data[..];
            while !rest.is_empty() {
                let n = 1 + rng.below(rest.len());
                if d.write(&rest[..n], &mut |_| Ok(())).is_err() {
                    break;
                }
                rest = &rest[n..];
            }
            let _ = d.finish();
        }
    }

    #[test]
    fn fuzz_request_builder_never_panics() {
        use request::{plan_request, RequestBody, RequestKind, RequestSpec, TimeCondition};

        let mut rng = Rng(7);
        let words = [
            "Host",
            "Accept",
            "Expect",
            "Content-Length",
            "Transfer-Encoding",
            "Connection",
            "TE",
            "Cookie",
            "Authorization",
            "X-ü",
            "Range",
            "Content-Type",
        ];
        let tails = [
            ":",
            ";",
            ": v",
            ":  ",
            ";  ",
            ";x",
            "",
            ": chunked",
            ": 100-continue",
            "é;",
        ];
        for _ in 0..3000 {
            let mut s = RequestSpec::get("h:1", "/");
            s.kind = [
                RequestKind::Get,
                RequestKind::Head,
                RequestKind::Post,
                RequestKind::Put,
            ][rng.below(4)];
            s.http10 = rng.below(3) == 0;
            s.transfer_encoding = rng.below(2) == 0;
            s.resume_from = [0, 1, -1, 5, i64::MAX][rng.below(5)];
            s.range = (rng.below(2) == 0).then(|| "1-2".to_string());
            s.body = match rng.below(3) {
                0 => RequestBody::None,
                1 => RequestBody::Fields(vec![b'a'; rng.below(10)]),
                _ => RequestBody::Stream {
                    size: [None, Some(0), Some(3), Some(u64::MAX)][rng.below(4)],
                },
            };
            s.time_condition = match rng.below(3) {
                0 => TimeCondition::None,
                1 => TimeCondition::IfModifiedSince(rng.next() as i64),
                _ => TimeCondition::LastModified(rng.below(1 << 40) as i64),
            };
            s.headers = (0..rng.below(5))
                .map(|_| {
                    format!(
                        "{}{}",
                        words[rng.below(words.len())],
                        tails[rng.below(tails.len())]
                    )
                })
                .collect();
            s.jar_cookies = (0..rng.below(3))
                .map(|i| (format!("c{i}"), "v".repeat(rng.below(5000))))
                .collect();
            if let Ok(p) = plan_request(&s) {
                assert!(p.head.ends_with(b"\r\n"));
            }
        }
    }

    /// A whole exchange the way a transfer strings the pieces together.
    #[test]
    fn end_to_end_gzip_chunked() {
        use flate2::{write::GzEncoder, Compression};
        use std::io::Write;

        let mut enc = GzEncoder::new(Vec::new(), Compression::default());
        enc.write_all(b"hello, world").unwrap();
        let gz = enc.finish().unwrap();
        let mut wire = b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n\
            Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n"
            .to_vec();
        for piece in gz.chunks(5) {
            wire.extend_from_slice(format!("{:x}\r\n", piece.len()).as_bytes());
            wire.extend_from_slice(piece);
            wire.extend_from_slice(b"\r\n");
        }
        wire.extend_from_slice(b"0\r\nX-Trailer: yes\r\n\r\nHTTP/1.1 200 OK\r\n");

        let opts = response::ParseOptions {
            content_decoding: true,
            ..Default::default()
        };
        let mut parser = response::ResponseParser::new(opts);
        let mut rest = &wire[..];
        let mut lines = Vec::new();
        let head = loop {
            match parser
                .feed_with(rest, &mut |l| {
                    lines.push(l.to_vec());
                    Ok(())
                })
                .unwrap()
            {
                response::Parse::Head(h) => {
                    rest = &rest[h.consumed..];
                    if !h.informational {
                        break h;
                    }
                }
                response::Parse::NeedMore | response::Parse::Http09 { .. } => unreachable!(),
            }
        };
        assert_eq!(lines.len(), 6);
        let mut body = body::BodyDecoder::for_response(&head, body::BodyOptions::default());
        let mut content = decode::ContentDecoder::for_head(&head).unwrap();
        let mut out = Vec::new();
        let p = body
            .decode(rest, &mut |d| {
                content.write(d, &mut |x| {
                    out.extend_from_slice(x);
                    Ok(())
                })
            })
            .unwrap();
        assert!(p.complete);
        assert_eq!(out, b"hello, world");
        assert_eq!(body.trailers(), &[b"X-Trailer: yes\r\n".to_vec()]);
        assert_eq!(&rest[p.consumed..], b"HTTP/1.1 200 OK\r\n");
    }

    #[test]
    fn strtoofft_rules() {
        assert_eq!(strtoofft(b" 12\r\n", 10), OffT::Ok(12));
        assert_eq!(strtoofft(b"+3", 10), OffT::Ok(3));
        assert_eq!(strtoofft(b"3x", 10), OffT::Ok(3));
        assert_eq!(strtoofft(b"-1", 10), OffT::Invalid);
        assert_eq!(strtoofft(b" \r\n", 10), OffT::Invalid);
        assert_eq!(strtoofft(b"abc", 10), OffT::Invalid);
        assert_eq!(strtoofft(b"", 10), OffT::Invalid);
        assert_eq!(strtoofft(b"+-1", 10), OffT::Invalid);
        assert_eq!(strtoofft(b"99999999999999999999", 10), OffT::Overflow);
        assert_eq!(strtoofft(b"7fffffffffffffff", 16), OffT::Ok(i64::MAX));
        assert_eq!(strtoofft(b"8000000000000000", 16), OffT::Overflow);
        assert_eq!(strtoofft(b"fF", 16), OffT::Ok(255));
    }
}
