//! Response heads: an incremental, line-at-a-time parser with libcurl 7.88.1's leniencies and
//! errors.
//!
//! libcurl does not parse a head as a unit: it takes one line at a time, checks it, acts on it
//! (Content-Length, Connection, Transfer-Encoding, ...) and hands it to the header callback
//! before looking at the next one. [`ResponseParser`] does the same, so errors surface at the
//! same line and the callback (see [`ResponseParser::feed_with`]) has seen the same lines.
//!
//! `httparse` is not used: it rejects inputs libcurl accepts (`HTTP/2 200`, four-digit codes
//! after `HTTP/2`, lower-case `http/` status lines that libcurl reads as "200 HTTP/1.0", a line
//! starting with CR ending the head) and accepts some libcurl rejects, so each such case would
//! need a fallback anyway. The line rules are small enough to state directly.
//!
//! Limits, as in libcurl: one header line (with its line end) must stay under 100 KiB
//! (`CURL_MAX_HTTP_HEADER`), else `CURLE_OUT_OF_MEMORY` with no message; all header lines of
//! all heads of one response together must stay within 300 KiB, else `CURLE_RECV_ERROR`
//! "Too large response headers: N > 307200".

use super::{
    compare_header, header_value, is_blank, is_space, starts_with_ci, strtoofft, HttpError, OffT,
};

/// `CURL_MAX_HTTP_HEADER`: libcurl's line buffer limit (the line plus a terminating NUL).
pub const MAX_HEADER_LINE: usize = 100 * 1024;
/// `MAX_HTTP_RESP_HEADER_SIZE`: cap on the sum of all received header lines.
pub const MAX_RESPONSE_HEADERS: u64 = 300 * 1024;
/// libcurl refuses to stack more decoders than this (`MAX_ENCODE_STACK`).
pub const MAX_ENCODINGS: usize = 5;

/// Options from the easy handle that change how heads are interpreted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParseOptions {
    /// `CURLOPT_IGNORE_CONTENT_LENGTH`: `Content-Length:` is not even parsed.
    pub ignore_content_length: bool,
    /// `CURLOPT_ACCEPT_ENCODING` is set (to anything): `Content-Encoding:` is acted on.
    pub content_decoding: bool,
    /// The request was HEAD (`CURLOPT_NOBODY`): a length-less 1.1 reply does not mean "close".
    pub head_request: bool,
    /// `CURLOPT_MAXFILESIZE_LARGE`; 0 means no limit.
    pub max_filesize: u64,
    /// `CURLOPT_HTTP200ALIASES`: status lines that mean `HTTP/1.0 200` (`ICY 200 OK`).
    pub aliases: std::sync::Arc<[Box<[u8]>]>,
    /// `CURLOPT_HTTP09_ALLOWED`: a response that does not start like a status line is an
    /// HTTP/0.9 body instead of an error.
    pub http09_allowed: bool,
}

/// One received header line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderField {
    /// The line exactly as received, line end included: what the header callback gets.
    pub raw: Vec<u8>,
    /// Bytes before the first colon; empty for a continuation line.
    pub name: Vec<u8>,
    /// The value without surrounding whitespace and line end (for a continuation line: the
    /// line's text).
    pub value: Vec<u8>,
    /// An obs-fold continuation line (starts with space or tab). libcurl does not merge it into
    /// the previous header: it is passed on as a line of its own and otherwise ignored.
    pub continuation: bool,
}

/// A complete response head (a 1xx interim head, or the final one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseHead {
    /// (1,0), (1,1) or (2,0). A lower-case or unparsable `http/...` line is read as (1,0).
    pub version: (u8, u8),
    /// The status code as libcurl stores it (an `int`: after `HTTP/2` any number is taken).
    pub code: i32,
    /// Text after the status code (may be empty).
    pub reason: Vec<u8>,
    /// The status line as received.
    pub status_line: Vec<u8>,
    /// Header lines in order.
    pub headers: Vec<HeaderField>,
    /// The line that ended the head as received (`\r\n`, `\n`, or any line starting with CR).
    pub end_line: Vec<u8>,
    /// Bytes of the last `feed` call's input used up to and including `end_line`.
    pub consumed: usize,
    /// A 1xx other than 101: another head follows on the same response.
    pub informational: bool,
    /// 1xx, 204 or 304: body headers were ignored and no body is read (101 excepted: libcurl
    /// reads until close after a 101 it did not ask for).
    pub bodyless: bool,
    /// Body length to expect: `None` when unknown, chunked, or ignored.
    pub content_length: Option<u64>,
    /// `chunked` appeared among the transfer codings.
    pub chunked: bool,
    /// Whether libcurl would keep the connection after this response.
    pub keep_alive: bool,
    /// Transfer codings other than `chunked`, in header order (decoded regardless of
    /// `CURLOPT_ACCEPT_ENCODING`).
    pub transfer_codings: Vec<String>,
    /// Content codings to undo, in header order (only with `content_decoding`).
    pub content_codings: Vec<String>,
    /// Last non-empty `Content-Type:` value seen for this request.
    pub content_type: Option<Vec<u8>>,
    /// First non-empty `Location:` value of a 3xx head.
    pub location: Option<Vec<u8>>,
}

impl ResponseHead {
    /// What an HTTP/0.9 response stands for: no status (code 0, as libcurl reports it), no
    /// headers, a body until the connection closes, which is not kept.
    pub fn http09() -> ResponseHead {
        ResponseHead {
            version: (0, 9),
            code: 0,
            reason: Vec::new(),
            status_line: Vec::new(),
            headers: Vec::new(),
            end_line: Vec::new(),
            consumed: 0,
            informational: false,
            bodyless: false,
            content_length: None,
            chunked: false,
            keep_alive: false,
            transfer_codings: Vec::new(),
            content_codings: Vec::new(),
            content_type: None,
            location: None,
        }
    }

    /// Every line in arrival order, as the header callback receives them.
    pub fn raw_lines(&self) -> impl Iterator<Item = &[u8]> {
        std::iter::once(self.status_line.as_slice())
            .chain(self.headers.iter().map(|h| h.raw.as_slice()))
            .chain(std::iter::once(self.end_line.as_slice()))
    }

    /// Value of the first header named `name` (case-insensitive).
    pub fn get<'a>(&'a self, name: &'a str) -> Option<&'a [u8]> {
        self.get_all(name).next()
    }

    /// Values of all headers named `name` (case-insensitive), in order.
    pub fn get_all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a [u8]> + 'a {
        self.headers
            .iter()
            .filter(move |h| !h.continuation && h.name.eq_ignore_ascii_case(name.as_bytes()))
            .map(|h| h.value.as_slice())
    }

    /// libcurl's final "Empty reply from server" check, for when the transfer is over:
    /// header bytes of interim heads do not count, and 7.88.1 also discounts the head of a
    /// final 1xx (an unrequested 101), so such a reply with no body bytes is `CURLE_GOT_NOTHING`.
    /// `body_bytes` counts body bytes received (after chunked decoding).
    pub fn check_got_something(&self, body_bytes: u64) -> Result<(), HttpError> {
        if (100..=199).contains(&self.code) && body_bytes == 0 {
            Err(HttpError::GotNothing("Empty reply from server".into()))
        } else {
            Ok(())
        }
    }

    /// The document time from the last `Last-Modified:` line, as libcurl's `filetime`
    /// (`None` when absent, unparsable, or the response is bodyless).
    pub fn last_modified(&self) -> Option<i64> {
        if self.bodyless {
            return None;
        }
        let line = self
            .headers
            .iter()
            .rev()
            .find(|h| starts_with_ci(&h.raw, b"Last-Modified:"))?;
        getdate_capped(&line.raw[14..])
    }

    /// libcurl's `CURLINFO_RETRY_AFTER` from the last `Retry-After:` line: delay-seconds, or
    /// an HTTP date minus `now`, or 0. 7.88.1 does not clamp, so a past date gives a negative.
    pub fn retry_after(&self, now: i64) -> i64 {
        let Some(line) = self
            .headers
            .iter()
            .rev()
            .find(|h| starts_with_ci(&h.raw, b"Retry-After:"))
        else {
            return 0;
        };
        let v = &line.raw[12..];
        match strtoofft(v, 10) {
            OffT::Ok(n) if n != 0 => n,
            _ => match getdate_capped(v) {
                Some(date) => date.saturating_sub(now),
                None => 0,
            },
        }
    }
}

/// Outcome of feeding bytes to the parser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parse {
    /// All input was taken; the head is not complete yet.
    NeedMore,
    /// A head is complete. Bytes after `consumed` belong to the body (or the next head when
    /// `informational`). Boxed: a head is large and `NeedMore` is the common answer.
    Head(Box<ResponseHead>),
    /// The response is HTTP/0.9 (allowed by `http09_allowed`): it has no head, and every
    /// byte is body, read until the connection closes. `held` are the bytes the parser had
    /// taken for a status line (from earlier calls and this one), up to `consumed` of this
    /// call's input; the rest of the input follows them.
    Http09 { held: Vec<u8>, consumed: usize },
}

#[derive(Debug, Clone)]
struct HeadInProgress {
    version: (u8, u8),
    code: i32,
    reason: Vec<u8>,
    status_line: Vec<u8>,
    headers: Vec<HeaderField>,
    bodyless: bool,
}

/// Incremental parser for the heads of one response (interim 1xx heads and the final head).
/// After an error the parser must not be fed again.
#[derive(Debug, Clone)]
pub struct ResponseParser {
    opts: ParseOptions,
    /// The line being assembled (libcurl's `headerb`).
    line: Vec<u8>,
    /// Lines seen in the current head, status line included (libcurl's `headerline`).
    headerline: u32,
    cur: Option<HeadInProgress>,
    /// libcurl's `k->size`: -1 when unknown.
    size: i64,
    chunk: bool,
    ignore_cl: bool,
    /// `conn->bits.close`: survives from one head to the next, as in libcurl.
    close: bool,
    depth: usize,
    transfer_codings: Vec<String>,
    content_codings: Vec<String>,
    content_type: Option<Vec<u8>>,
    location: Option<Vec<u8>>,
    /// `info.header_size`: every complete line of every head.
    header_size: u64,
    /// `headerbytecount` and `deductheadercount`, for the "Empty reply" decision.
    header_bytes: u64,
    deduct: u64,
}

impl ResponseParser {
    /// A parser for one response.
    pub fn new(opts: ParseOptions) -> ResponseParser {
        ResponseParser {
            opts,
            line: Vec::new(),
            headerline: 0,
            cur: None,
            size: -1,
            chunk: false,
            ignore_cl: false,
            close: false,
            depth: 0,
            transfer_codings: Vec::new(),
            content_codings: Vec::new(),
            content_type: None,
            location: None,
            header_size: 0,
            header_bytes: 0,
            deduct: 0,
        }
    }

    /// Total size of the header lines received so far (`CURLINFO_HEADER_SIZE`).
    pub fn header_size(&self) -> u64 {
        self.header_size
    }

    /// Feeds bytes; see [`ResponseParser::feed_with`].
    pub fn feed(&mut self, input: &[u8]) -> Result<Parse, HttpError> {
        self.feed_with(input, &mut |_| Ok(()))
    }

    /// Feeds bytes, calling `on_line` with each complete line (status line, headers, the
    /// ending empty line) at the moment libcurl would call the header callback: after the line
    /// passed its checks, before the next line is looked at. An error from `on_line` stops
    /// parsing and is returned as is.
    pub fn feed_with<F>(&mut self, input: &[u8], on_line: &mut F) -> Result<Parse, HttpError>
    where
        F: FnMut(&[u8]) -> Result<(), HttpError>,
    {
        let mut pos = 0;
        loop {
            let rest = &input[pos..];
            let Some(nl) = rest.iter().position(|&b| b == b'\n') else {
                self.append(rest)?;
                if self.headerline == 0 && !self.line.is_empty() && self.is_http09()? {
                    return Ok(self.http09(input.len()));
                }
                return Ok(Parse::NeedMore);
            };
            self.append(&rest[..=nl])?;
            pos += nl + 1;
            if self.headerline == 0 && self.is_http09()? {
                return Ok(self.http09(pos));
            }
            let line = std::mem::take(&mut self.line);
            if line[0] == b'\r' || line[0] == b'\n' {
                let mut head = self.end_of_head(line, on_line)?;
                head.consumed = pos;
                return Ok(Parse::Head(Box::new(head)));
            }
            self.header_line(line, on_line)?;
        }
    }

    /// Call when the connection closed while a head was still expected. libcurl reports
    /// `CURLE_GOT_NOTHING` only when no complete line arrived after the last 1xx head; a head
    /// cut short after some lines ends the transfer *successfully*, without a body.
    pub fn on_eof(&self) -> Result<(), HttpError> {
        if self.header_bytes.saturating_sub(self.deduct) == 0 {
            Err(HttpError::GotNothing("Empty reply from server".into()))
        } else {
            Ok(())
        }
    }

    fn append(&mut self, bytes: &[u8]) -> Result<(), HttpError> {
        // libcurl's dynbuf refuses to hold MAX_HEADER_LINE bytes including its NUL.
        if self.line.len() + bytes.len() + 1 > MAX_HEADER_LINE {
            return Err(HttpError::OutOfMemory(None));
        }
        self.line.extend_from_slice(bytes);
        Ok(())
    }

    /// Before the status line is complete: anything not starting with "HTTP/" (any case)
    /// is HTTP/0.9, which 7.88.1 refuses unless `CURLOPT_HTTP09_ALLOWED` is set.
    fn is_http09(&self) -> Result<bool, HttpError> {
        // As far as the line goes: "HTTP/" or an alias of `CURLOPT_HTTP200ALIASES`.
        let starts = |prefix: &[u8]| {
            let n = self.line.len().min(prefix.len());
            self.line[..n].eq_ignore_ascii_case(&prefix[..n])
        };
        if starts(b"HTTP/") || self.opts.aliases.iter().any(|a| starts(a)) {
            Ok(false)
        } else if self.opts.http09_allowed {
            Ok(true)
        } else {
            Err(HttpError::UnsupportedProtocol(
                "Received HTTP/0.9 when not allowed".into(),
            ))
        }
    }

    /// The answer once the response turned out to be HTTP/0.9: what was held for a status
    /// line is body.
    fn http09(&mut self, consumed: usize) -> Parse {
        Parse::Http09 {
            held: std::mem::take(&mut self.line),
            consumed,
        }
    }

    /// The status line, or one of `CURLOPT_HTTP200ALIASES`, which libcurl reads as
    /// `HTTP/1.0 200` when the line is not an HTTP one.
    fn status_line(&self, line: &[u8]) -> Result<StatusLine, HttpError> {
        let http = line.len() >= 5 && line[..5].eq_ignore_ascii_case(b"HTTP/");
        let alias = !http
            && self
                .opts
                .aliases
                .iter()
                .any(|a| line.len() >= a.len() && line[..a.len()].eq_ignore_ascii_case(a));
        if alias {
            return Ok(StatusLine {
                version: (1, 0),
                code: 200,
                reason: Vec::new(),
            });
        }
        parse_status_line(line)
    }

    fn bump(&mut self, delta: usize) -> Result<(), HttpError> {
        let delta = delta as u64;
        let bad = if delta < MAX_RESPONSE_HEADERS {
            self.header_bytes += delta;
            self.header_size += delta;
            (self.header_size > MAX_RESPONSE_HEADERS).then_some(self.header_size)
        } else {
            Some(self.header_size + delta)
        };
        match bad {
            Some(bad) => Err(HttpError::RecvError(format!(
                "Too large response headers: {bad} > {MAX_RESPONSE_HEADERS}"
            ))),
            None => Ok(()),
        }
    }

    fn header_line<F>(&mut self, line: Vec<u8>, on_line: &mut F) -> Result<(), HttpError>
    where
        F: FnMut(&[u8]) -> Result<(), HttpError>,
    {
        self.headerline += 1;
        if self.headerline == 1 {
            let st = self.status_line(&line)?;
            if st.version == (1, 0) {
                // HTTP/1.0 closes after the body unless a keep-alive header says otherwise.
                self.close = true;
            }
            let mut bodyless = (100..=199).contains(&st.code);
            if st.code == 204 || st.code == 304 {
                self.size = 0;
                bodyless = true;
            }
            if line.contains(&0) {
                return Err(nul_byte());
            }
            self.cur = Some(HeadInProgress {
                version: st.version,
                code: st.code,
                reason: st.reason,
                status_line: line.clone(),
                headers: Vec::new(),
                bodyless,
            });
        } else {
            if line.contains(&0) {
                return Err(nul_byte());
            }
            let continuation = (line[0] == b' ' || line[0] == b'\t') && self.headerline > 2;
            if !continuation && !line.contains(&b':') {
                return Err(HttpError::WeirdServerReply("Header without colon".into()));
            }
            self.act_on_header(&line)?;
            let field = if continuation {
                let v = header_text(&line);
                HeaderField {
                    raw: line.clone(),
                    name: Vec::new(),
                    value: v.to_vec(),
                    continuation,
                }
            } else {
                let colon = line.iter().position(|&b| b == b':').unwrap_or(line.len());
                HeaderField {
                    raw: line.clone(),
                    name: line[..colon].to_vec(),
                    value: header_value(&line).to_vec(),
                    continuation,
                }
            };
            if let Some(cur) = self.cur.as_mut() {
                cur.headers.push(field);
            }
        }
        on_line(&line)?;
        self.bump(line.len())
    }

    /// libcurl's `Curl_http_header`: the few headers that change the transfer.
    fn act_on_header(&mut self, line: &[u8]) -> Result<(), HttpError> {
        let Some(cur) = self.cur.as_ref() else {
            return Ok(());
        };
        let bodyless = cur.bodyless;
        let version = cur.version;
        let code = cur.code;
        if !bodyless && !self.opts.ignore_content_length && starts_with_ci(line, b"Content-Length:")
        {
            match strtoofft(&line[15..], 10) {
                OffT::Ok(n) => self.size = n,
                OffT::Overflow => {
                    if self.opts.max_filesize > 0 {
                        return Err(filesize_exceeded());
                    }
                    // Too big to track: read until close instead.
                    self.close = true;
                }
                OffT::Invalid => {
                    return Err(HttpError::WeirdServerReply(
                        "Invalid Content-Length: value".into(),
                    ))
                }
            }
        } else if starts_with_ci(line, b"Content-Type:") {
            let v = header_value(line);
            if !v.is_empty() {
                self.content_type = Some(v.to_vec());
            }
        } else if version == (1, 0) && compare_header(line, b"Connection:", b"keep-alive") {
            self.close = false;
        } else if compare_header(line, b"Connection:", b"close") {
            self.close = true;
        } else if !bodyless && starts_with_ci(line, b"Transfer-Encoding:") {
            self.add_codings(&line[18..], true)?;
            if !self.chunk {
                // Only the close can end a non-chunked transfer-coded body, and its
                // Content-Length must not be trusted.
                self.close = true;
                self.ignore_cl = true;
            }
        } else if !bodyless
            && self.opts.content_decoding
            && starts_with_ci(line, b"Content-Encoding:")
        {
            self.add_codings(&line[17..], false)?;
        } else if (300..400).contains(&code)
            && starts_with_ci(line, b"Location:")
            && self.location.is_none()
        {
            let v = header_value(line);
            if !v.is_empty() {
                self.location = Some(v.to_vec());
            }
        }
        Ok(())
    }

    /// libcurl's coding-list walk: names split on commas, blanks skipped, `chunked` (transfer
    /// codings only) switches on chunked framing, anything else becomes a decoding stage.
    fn add_codings(&mut self, list: &[u8], transfer: bool) -> Result<(), HttpError> {
        let mut i = 0;
        loop {
            while i < list.len() && (is_blank(list[i]) || list[i] == b',') {
                i += 1;
            }
            let start = i;
            let mut len = 0;
            while i < list.len() && list[i] != b',' {
                if !is_space(list[i]) {
                    len = i - start + 1;
                }
                i += 1;
            }
            let name = &list[start..start + len];
            if transfer && name.eq_ignore_ascii_case(b"chunked") {
                self.chunk = true;
            } else if !name.is_empty() {
                if self.depth >= MAX_ENCODINGS {
                    return Err(HttpError::BadContentEncoding(format!(
                        "Reject response due to more than {MAX_ENCODINGS} content encodings"
                    )));
                }
                self.depth += 1;
                let name = String::from_utf8_lossy(name).into_owned();
                if transfer {
                    self.transfer_codings.push(name);
                } else {
                    self.content_codings.push(name);
                }
            }
            if i >= list.len() {
                return Ok(());
            }
        }
    }

    fn end_of_head<F>(&mut self, line: Vec<u8>, on_line: &mut F) -> Result<ResponseHead, HttpError>
    where
        F: FnMut(&[u8]) -> Result<(), HttpError>,
    {
        let cur = self.cur.take().ok_or_else(|| {
            // Unreachable: an empty first line fails the "HTTP/" check.
            HttpError::UnsupportedProtocol("Received HTTP/0.9 when not allowed".into())
        })?;
        let informational = (100..=199).contains(&cur.code) && cur.code != 101;
        if !informational {
            if self.size == -1
                && !self.chunk
                && !self.close
                && cur.version == (1, 1)
                && !self.opts.head_request
            {
                // HTTP/1.1 without length or chunks: only the close can end the body.
                self.close = true;
            }
            if self.ignore_cl || self.chunk {
                self.size = -1;
            } else if self.size != -1
                && self.opts.max_filesize > 0
                && self.size as u64 > self.opts.max_filesize
            {
                return Err(filesize_exceeded());
            }
        }
        on_line(&line)?;
        self.bump(line.len())?;
        if informational {
            // Interim heads do not count as "got something".
            self.deduct = self.header_bytes;
        } else {
            self.deduct = 0;
        }
        self.headerline = 0;
        Ok(ResponseHead {
            version: cur.version,
            code: cur.code,
            reason: cur.reason,
            status_line: cur.status_line,
            headers: cur.headers,
            end_line: line,
            consumed: 0,
            informational,
            bodyless: cur.bodyless,
            content_length: u64::try_from(self.size).ok(),
            chunked: self.chunk,
            keep_alive: !self.close,
            transfer_codings: self.transfer_codings.clone(),
            content_codings: self.content_codings.clone(),
            content_type: self.content_type.clone(),
            location: self.location.clone(),
        })
    }
}

fn nul_byte() -> HttpError {
    HttpError::WeirdServerReply("Nul byte in header".into())
}

fn filesize_exceeded() -> HttpError {
    HttpError::FileSizeExceeded("Maximum file size exceeded".into())
}

/// Text of a continuation line: without surrounding whitespace and line end.
fn header_text(line: &[u8]) -> &[u8] {
    let start = line
        .iter()
        .position(|&c| !is_space(c))
        .unwrap_or(line.len());
    let end = line
        .iter()
        .rposition(|&c| !is_space(c))
        .map_or(start, |p| p + 1);
    &line[start..end.max(start)]
}

/// A parsed status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusLine {
    /// Protocol version.
    pub version: (u8, u8),
    /// Status code.
    pub code: i32,
    /// Text after the code.
    pub reason: Vec<u8>,
}

/// Reads a status line with libcurl's rules: `HTTP/x.y<SP>nnn`, digits possibly preceded by
/// whitespace, exactly three code digits (100 or more); `HTTP/2 <number>` is taken too; a line
/// that starts with `HTTP/` in any case but does not scan is "200, HTTP/1.0".
pub fn parse_status_line(line: &[u8]) -> Result<StatusLine, HttpError> {
    // sscanf stops at a NUL byte; the NUL itself is reported after the status line checks.
    let s = match line.iter().position(|&b| b == 0) {
        Some(p) => &line[..p],
        None => line,
    };
    let mut nc = 0;
    let (mut major, mut minor, mut sep, mut code, mut digit4) = (0i64, 0i64, 0u8, 0i32, 0u8);
    let mut code_end = 0;
    let mut sc = Scan::new(s);
    sc.skip_ws();
    if sc.lit(b"HTTP/") {
        if let Some(v) = sc.int(1) {
            major = v;
            nc = 1;
            if sc.lit(b".") {
                if let Some(v) = sc.int(1) {
                    minor = v;
                    nc = 2;
                    if let Some(c) = sc.chr() {
                        sep = c;
                        nc = 3;
                        if let Some(v) = sc.int(3) {
                            code = v as i32;
                            code_end = sc.i;
                            nc = 4;
                            if let Some(c) = sc.chr() {
                                digit4 = c;
                                nc = 5;
                            }
                        }
                    }
                }
            }
        }
    }

    let h2 = if nc == 1 && major >= 2 {
        scan_h2(s)
    } else {
        None
    };
    if let Some((c, end)) = h2 {
        code = c;
        code_end = end;
        minor = 0;
        sep = b' ';
        nc = 4;
    } else if digit4.is_ascii_digit() || (nc >= 4 && code < 100) {
        return Err(HttpError::UnsupportedProtocol(
            "Unsupported response code in HTTP response".into(),
        ));
    }

    if nc >= 4 && sep == b' ' {
        let v = major * 10 + minor;
        if !matches!(v, 10 | 11 | 20) {
            return Err(HttpError::UnsupportedProtocol(format!(
                "Unsupported HTTP version ({}.{}) in response",
                v / 10,
                v % 10
            )));
        }
        let mut r = &s[code_end..];
        while let [b' ' | b'\t', rest @ ..] = r {
            r = rest;
        }
        while let [rest @ .., b'\r' | b'\n'] = r {
            r = rest;
        }
        Ok(StatusLine {
            version: ((v / 10) as u8, (v % 10) as u8),
            code,
            reason: r.to_vec(),
        })
    } else if nc == 0 {
        // libcurl also tries " HTTP %3d" here, which cannot match a line that passed the
        // "HTTP/" check, and then accepts the line as its built-in 200 alias.
        Ok(StatusLine {
            version: (1, 0),
            code: 200,
            reason: Vec::new(),
        })
    } else {
        Err(HttpError::UnsupportedProtocol(
            "Unsupported HTTP version in response".into(),
        ))
    }
}

/// The second scan libcurl makes for `HTTP/2` and `HTTP/3`: `HTTP/` then 2 or 3, whitespace,
/// and an unbounded integer (stored into a C `int`).
fn scan_h2(s: &[u8]) -> Option<(i32, usize)> {
    let mut sc = Scan::new(s);
    sc.skip_ws();
    if !sc.lit(b"HTTP/") {
        return None;
    }
    match sc.chr() {
        Some(b'2' | b'3') => {}
        _ => return None,
    }
    let v = sc.int(usize::MAX)?;
    // glibc reads a long (saturating) and truncates it into the int.
    Some((v as i32, sc.i))
}

/// Just enough of `sscanf` for libcurl's status-line and date formats.
struct Scan<'a> {
    s: &'a [u8],
    i: usize,
}

impl<'a> Scan<'a> {
    fn new(s: &'a [u8]) -> Self {
        Scan { s, i: 0 }
    }

    fn skip_ws(&mut self) {
        while self.i < self.s.len() && is_space(self.s[self.i]) {
            self.i += 1;
        }
    }

    fn lit(&mut self, l: &[u8]) -> bool {
        if self.s[self.i..].starts_with(l) {
            self.i += l.len();
            true
        } else {
            false
        }
    }

    /// `%c`
    fn chr(&mut self) -> Option<u8> {
        let c = *self.s.get(self.i)?;
        self.i += 1;
        Some(c)
    }

    /// `%<width>d`: whitespace skipped, then an optional sign and digits, at most `width`
    /// characters in all. Saturates instead of overflowing.
    fn int(&mut self, width: usize) -> Option<i64> {
        self.skip_ws();
        let start = self.i;
        let mut j = self.i;
        let mut neg = false;
        if j < self.s.len() && width > 0 && (self.s[j] == b'+' || self.s[j] == b'-') {
            neg = self.s[j] == b'-';
            j += 1;
        }
        let mut v: i64 = 0;
        let mut digits = 0;
        while j < self.s.len() && j - start < width && self.s[j].is_ascii_digit() {
            let d = (self.s[j] - b'0') as i64;
            v = v.saturating_mul(10).saturating_add(d);
            digits += 1;
            j += 1;
        }
        if digits == 0 {
            return None;
        }
        self.i = j;
        Some(if neg { v.saturating_neg() } else { v })
    }
}

/// libcurl's `Curl_getdate_capped`: seconds since the epoch, `i64::MAX` when the date is too
/// far in the future, `None` when it does not parse. Understands RFC 1123, RFC 850, asctime
/// and the other forms `curl_getdate` accepts.
pub fn getdate_capped(text: &[u8]) -> Option<i64> {
    match parse_date(text) {
        Ok(-1) => Some(0),
        Ok(t) => Some(t),
        Err(DateError::Later) => Some(i64::MAX),
        Err(DateError::Fail) => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DateError {
    Fail,
    Later,
}

const WEEKDAY_FULL: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const WEEKDAY_ABBR: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Time zone names curl's date parser knows, with their offset west of GMT in minutes
/// (daylight-saving names are one hour less).
const TIME_ZONES: &[(&str, i64)] = &[
    ("GMT", 0),
    ("UT", 0),
    ("UTC", 0),
    ("WET", 0),
    ("BST", -60),
    ("WAT", 60),
    ("AST", 240),
    ("ADT", 180),
    ("EST", 300),
    ("EDT", 240),
    ("CST", 360),
    ("CDT", 300),
    ("MST", 420),
    ("MDT", 360),
    ("PST", 480),
    ("PDT", 420),
    ("YST", 540),
    ("YDT", 480),
    ("HST", 600),
    ("HDT", 540),
    ("CAT", 600),
    ("AHST", 600),
    ("NT", 660),
    ("IDLW", 720),
    ("CET", -60),
    ("MET", -60),
    ("MEWT", -60),
    ("MEST", -120),
    ("CEST", -120),
    ("MESZ", -120),
    ("FWT", -60),
    ("FST", -120),
    ("EET", -120),
    ("WAST", -420),
    ("WADT", -480),
    ("CCT", -480),
    ("JST", -540),
    ("EAST", -600),
    ("EADT", -660),
    ("GST", -600),
    ("NZT", -720),
    ("NZST", -720),
    ("NZDT", -780),
    ("IDLE", -720),
    // Military zones (J is deliberately absent: it means local time).
    ("A", 60),
    ("B", 120),
    ("C", 180),
    ("D", 240),
    ("E", 300),
    ("F", 360),
    ("G", 420),
    ("H", 480),
    ("I", 540),
    ("K", 600),
    ("L", 660),
    ("M", 720),
    ("N", -60),
    ("O", -120),
    ("P", -180),
    ("Q", -240),
    ("R", -300),
    ("S", -360),
    ("T", -420),
    ("U", -480),
    ("V", -540),
    ("W", -600),
    ("X", -660),
    ("Y", -720),
    ("Z", 0),
];

fn find_name(list: &[&str], word: &[u8]) -> Option<i64> {
    list.iter()
        .position(|n| n.as_bytes().eq_ignore_ascii_case(word))
        .map(|p| p as i64)
}

/// curl's token-driven date parser: up to six words/numbers, each classified by what it looks
/// like and what is still missing.
fn parse_date(text: &[u8]) -> Result<i64, DateError> {
    let s = match text.iter().position(|&b| b == 0) {
        Some(p) => &text[..p],
        None => text,
    };
    let (mut wday, mut mon, mut mday, mut hour, mut min, mut sec, mut year, mut tzoff) =
        (-1i64, -1i64, -1i64, -1i64, -1i64, -1i64, -1i64, -1i64);
    #[derive(PartialEq)]
    enum Next {
        MDay,
        Year,
    }
    let mut dignext = Next::MDay;
    let mut i = 0;
    let mut part = 0;
    while i < s.len() && part < 6 {
        let mut found = false;
        while i < s.len() && !s[i].is_ascii_alphanumeric() {
            i += 1;
        }
        if i < s.len() && s[i].is_ascii_alphabetic() {
            let mut j = i;
            while j < s.len() && j - i < 31 && s[j].is_ascii_alphabetic() {
                j += 1;
            }
            let word = &s[i..j];
            if wday == -1 {
                let list: &[&str] = if word.len() > 3 {
                    &WEEKDAY_FULL
                } else {
                    &WEEKDAY_ABBR
                };
                if let Some(d) = find_name(list, word) {
                    wday = d;
                    found = true;
                }
            }
            if !found && mon == -1 {
                if let Some(m) = find_name(&MONTHS, word) {
                    mon = m;
                    found = true;
                }
            }
            if !found && tzoff == -1 {
                if let Some(&(_, off)) = TIME_ZONES
                    .iter()
                    .find(|(n, _)| n.as_bytes().eq_ignore_ascii_case(word))
                {
                    tzoff = off * 60;
                    found = true;
                }
            }
            if !found {
                return Err(DateError::Fail);
            }
            i = j;
        } else if i < s.len() && s[i].is_ascii_digit() {
            let mut t = Scan { s, i };
            let hms = if sec == -1 {
                (|| {
                    let h = t.int(2)?;
                    t.lit(b":").then_some(())?;
                    let m = t.int(2)?;
                    let save = t.i;
                    let sec = if t.lit(b":") { t.int(2) } else { None };
                    if sec.is_none() {
                        t.i = save;
                    }
                    Some((h, m, sec))
                })()
            } else {
                None
            };
            if let Some((h, m, sv)) = hms {
                hour = h;
                min = m;
                sec = sv.unwrap_or(0);
                i = t.i;
            } else {
                let mut end = i;
                while end < s.len() && s[end].is_ascii_digit() {
                    end += 1;
                }
                let digits = end - i;
                let val: i64 = match std::str::from_utf8(&s[i..end])
                    .ok()
                    .and_then(|d| d.parse().ok())
                {
                    Some(v) if v <= i32::MAX as i64 => v,
                    _ => return Err(DateError::Fail),
                };
                if tzoff == -1
                    && digits == 4
                    && val <= 1400
                    && i > 0
                    && (s[i - 1] == b'+' || s[i - 1] == b'-')
                {
                    found = true;
                    let off = (val / 100 * 60 + val % 100) * 60;
                    // "+0100" is an hour east of GMT: subtract to get GMT.
                    tzoff = if s[i - 1] == b'+' { -off } else { off };
                }
                if digits == 8 && year == -1 && mon == -1 && mday == -1 {
                    found = true;
                    year = val / 10000;
                    mon = (val % 10000) / 100 - 1;
                    mday = val % 100;
                }
                if !found && dignext == Next::MDay && mday == -1 {
                    if val > 0 && val < 32 {
                        mday = val;
                        found = true;
                    }
                    dignext = Next::Year;
                }
                if !found && dignext == Next::Year && year == -1 {
                    year = val;
                    found = true;
                    if year < 100 {
                        year += if year > 70 { 1900 } else { 2000 };
                    }
                    if mday == -1 {
                        dignext = Next::MDay;
                    }
                }
                if !found {
                    return Err(DateError::Fail);
                }
                i = end;
            }
        }
        part += 1;
    }
    let _ = wday;
    if sec == -1 {
        sec = 0;
        min = 0;
        hour = 0;
    }
    if mday == -1 || mon == -1 || year == -1 {
        return Err(DateError::Fail);
    }
    // The Gregorian calendar starts in 1582; earlier years are refused.
    if year < 1583 {
        return Err(DateError::Fail);
    }
    if mday > 31 || mon > 11 || hour > 23 || min > 59 || sec > 60 {
        return Err(DateError::Fail);
    }
    let t = time2epoch(sec, min, hour, mday, mon, year);
    let tzoff = if tzoff == -1 { 0 } else { tzoff };
    if tzoff > 0 && t > i64::MAX - tzoff {
        return Err(DateError::Later);
    }
    Ok(t + tzoff)
}

/// Calendar fields (month 0-11) in GMT to seconds since the epoch.
fn time2epoch(sec: i64, min: i64, hour: i64, mday: i64, mon: i64, year: i64) -> i64 {
    const CUMULATIVE: [i64; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let y = year - i64::from(mon <= 1);
    let leap_days = y / 4 - y / 100 + y / 400 - (1969 / 4) + (1969 / 100) - (1969 / 400);
    ((((year - 1970) * 365 + leap_days + CUMULATIVE[mon.clamp(0, 11) as usize] + mday - 1) * 24
        + hour)
        * 60
        + min)
        * 60
        + sec
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_all(input: &[u8]) -> Result<(ResponseHead, Vec<Vec<u8>>), HttpError> {
        parse_with(input, ParseOptions::default())
    }

    fn parse_with(
        input: &[u8],
        opts: ParseOptions,
    ) -> Result<(ResponseHead, Vec<Vec<u8>>), HttpError> {
        let mut p = ResponseParser::new(opts);
        let mut lines = Vec::new();
        match p.feed_with(input, &mut |l| {
            lines.push(l.to_vec());
            Ok(())
        })? {
            Parse::Head(h) => Ok((*h, lines)),
            Parse::NeedMore | Parse::Http09 { .. } => panic!("incomplete"),
        }
    }

    /// Feeds one byte at a time; the result must match a single feed.
    fn bytewise(input: &[u8], opts: ParseOptions) -> Result<(ResponseHead, usize), HttpError> {
        let mut p = ResponseParser::new(opts);
        for (i, b) in input.iter().enumerate() {
            if let Parse::Head(h) = p.feed(std::slice::from_ref(b))? {
                return Ok((*h, i + 1));
            }
        }
        panic!("incomplete")
    }

    fn err(input: &[u8]) -> HttpError {
        let mut p = ResponseParser::new(ParseOptions::default());
        p.feed(input).unwrap_err()
    }

    #[test]
    fn simple_head() {
        let input = b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: b \r\n\r\nhello";
        let (h, lines) = parse_all(input).unwrap();
        assert_eq!(h.version, (1, 1));
        assert_eq!(h.code, 200);
        assert_eq!(h.reason, b"OK");
        assert_eq!(h.content_length, Some(5));
        assert!(h.keep_alive && !h.chunked && !h.informational);
        assert_eq!(h.consumed, input.len() - 5);
        assert_eq!(h.get("x-a"), Some(&b"b"[..]));
        assert_eq!(h.headers[1].raw, b"X-A: b \r\n");
        assert_eq!(
            lines,
            vec![
                b"HTTP/1.1 200 OK\r\n".to_vec(),
                b"Content-Length: 5\r\n".to_vec(),
                b"X-A: b \r\n".to_vec(),
                b"\r\n".to_vec()
            ]
        );
        assert_eq!(h.raw_lines().map(|l| l.to_vec()).collect::<Vec<_>>(), lines);
    }

    #[test]
    fn every_split_gives_same_result() {
        let inputs: [&[u8]; 5] = [
            b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: one\r\n  two\r\n\r\nhello",
            b"HTTP/1.0 404 Not Found\nConnection: keep-alive\nContent-Length: 0\n\nX",
            b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n\r\n",
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
            b"HTTP/2 204\r\nContent-Length: 9\r\n\r\n",
        ];
        for input in inputs {
            let whole = parse_all(input).unwrap().0;
            let (one, used) = bytewise(input, ParseOptions::default()).unwrap();
            assert_eq!(used, whole.consumed);
            assert_eq!(
                ResponseHead { consumed: 0, ..one },
                ResponseHead {
                    consumed: 0,
                    ..whole.clone()
                }
            );
            for split in 0..input.len() {
                let mut p = ResponseParser::new(ParseOptions::default());
                let r = match p.feed(&input[..split]).unwrap() {
                    Parse::Head(h) => {
                        assert_eq!(h.consumed, whole.consumed);
                        *h
                    }
                    Parse::NeedMore => match p.feed(&input[split..]).unwrap() {
                        Parse::Head(h) => {
                            assert_eq!(h.consumed + split, whole.consumed);
                            *h
                        }
                        Parse::NeedMore | Parse::Http09 { .. } => panic!("incomplete"),
                    },
                    Parse::Http09 { .. } => panic!("not HTTP/0.9"),
                };
                assert_eq!(r.code, whole.code);
                assert_eq!(r.headers, whole.headers);
            }
        }
    }

    #[test]
    fn status_line_variants() {
        let ok = |l: &[u8]| parse_status_line(l).unwrap();
        assert_eq!(ok(b"HTTP/1.1 200\r\n").reason, b"");
        assert_eq!(ok(b"HTTP/1.1 200\r\n").code, 200);
        assert_eq!(ok(b"HTTP/1.0 200 OK\r\n").version, (1, 0));
        let h2 = ok(b"HTTP/2 200\r\n");
        assert_eq!((h2.version, h2.code), ((2, 0), 200));
        assert_eq!(ok(b"HTTP/2.0 201 X\r\n").code, 201);
        assert_eq!(ok(b"HTTP/2 2000\r\n").code, 2000);
        assert_eq!(ok(b"HTTP/2 99\r\n").code, 99);
        let lower = ok(b"http/1.1 404 Nope\r\n");
        assert_eq!((lower.version, lower.code), ((1, 0), 200));
        let junk = ok(b"HTTP/abc\r\n");
        assert_eq!((junk.version, junk.code), ((1, 0), 200));
        assert_eq!(ok(b"HTTP/1.1  200 x\r\n").code, 200);
        assert_eq!(ok(b"HTTP/1.1 200OK\r\n").reason, b"OK");
        let unsup_code =
            HttpError::UnsupportedProtocol("Unsupported response code in HTTP response".into());
        let unsup_ver =
            HttpError::UnsupportedProtocol("Unsupported HTTP version in response".into());
        assert_eq!(
            parse_status_line(b"HTTP/1.1 2000 x\r\n"),
            Err(unsup_code.clone())
        );
        assert_eq!(
            parse_status_line(b"HTTP/1.1 99 x\r\n"),
            Err(unsup_code.clone())
        );
        assert_eq!(
            parse_status_line(b"HTTP/1.1 099 x\r\n"),
            Err(unsup_code.clone())
        );
        assert_eq!(parse_status_line(b"HTTP/1.1 -20 x\r\n"), Err(unsup_code));
        assert_eq!(
            parse_status_line(b"HTTP/1 200 x\r\n"),
            Err(unsup_ver.clone())
        );
        assert_eq!(
            parse_status_line(b"HTTP/1.1\t200 x\r\n"),
            Err(unsup_ver.clone())
        );
        assert_eq!(
            parse_status_line(b"HTTP/1.1 abc\r\n"),
            Err(unsup_ver.clone())
        );
        assert_eq!(parse_status_line(b"HTTP/9 200\r\n"), Err(unsup_ver));
        assert_eq!(
            parse_status_line(b"HTTP/1.2 200 x\r\n"),
            Err(HttpError::UnsupportedProtocol(
                "Unsupported HTTP version (1.2) in response".into()
            ))
        );
        assert_eq!(
            parse_status_line(b"HTTP/3 200\r\n"),
            Err(HttpError::UnsupportedProtocol(
                "Unsupported HTTP version (3.0) in response".into()
            ))
        );
    }

    #[test]
    fn http09_rejected_early() {
        let e = HttpError::UnsupportedProtocol("Received HTTP/0.9 when not allowed".into());
        assert_eq!(err(b"hello world\r\n"), e);
        assert_eq!(err(b"hel"), e);
        assert_eq!(err(b" HTTP/1.1 200 OK\r\n"), e);
        assert_eq!(err(b"\r\nHTTP/1.1 200 OK\r\n"), e);
        let mut p = ResponseParser::new(ParseOptions::default());
        assert_eq!(p.feed(b"HTT").unwrap(), Parse::NeedMore);
        assert_eq!(p.feed(b"x").unwrap_err(), e);
    }

    #[test]
    fn http09_allowed_hands_everything_over_as_body() {
        let opts = || ParseOptions {
            http09_allowed: true,
            ..ParseOptions::default()
        };
        // Decided within the first line: what was held and what this call took.
        let mut p = ResponseParser::new(opts());
        assert_eq!(p.feed(b"HT").unwrap(), Parse::NeedMore);
        assert_eq!(
            p.feed(b"Xhello\nmore").unwrap(),
            Parse::Http09 {
                held: b"HTXhello\n".to_vec(),
                consumed: 7
            }
        );
        // A partial line that can no longer be a status line is decided at once.
        let mut p = ResponseParser::new(opts());
        assert_eq!(
            p.feed(b"hi").unwrap(),
            Parse::Http09 {
                held: b"hi".to_vec(),
                consumed: 2
            }
        );
        // Real status lines and aliases are still heads.
        let mut p = ResponseParser::new(opts());
        assert!(matches!(
            p.feed(b"HTTP/1.1 200 OK\r\n\r\n").unwrap(),
            Parse::Head(_)
        ));
        // Only the first line of a response decides: a later line is a header.
        let mut p = ResponseParser::new(opts());
        assert_eq!(
            p.feed(b"HTTP/1.1 200 OK\r\nnot a header\r\n").unwrap_err(),
            HttpError::WeirdServerReply("Header without colon".into())
        );
    }

    #[test]
    fn header_line_errors_and_callback_order() {
        let mut seen = Vec::new();
        let mut p = ResponseParser::new(ParseOptions::default());
        let e = p
            .feed_with(
                b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nBadHeader\r\n\r\n",
                &mut |l| {
                    seen.push(l.to_vec());
                    Ok(())
                },
            )
            .unwrap_err();
        assert_eq!(
            e,
            HttpError::WeirdServerReply("Header without colon".into())
        );
        assert_eq!(seen.len(), 2);
        assert_eq!(
            err(b"HTTP/1.1 200 OK\r\nX: a\x00b\r\n\r\n"),
            HttpError::WeirdServerReply("Nul byte in header".into())
        );
        assert_eq!(
            err(b"HTTP/1.1 200 O\x00K\r\n\r\n"),
            HttpError::WeirdServerReply("Nul byte in header".into())
        );
        // A folded line right after the status line has nothing to continue.
        assert_eq!(
            err(b"HTTP/1.1 200 OK\r\n  two\r\n\r\n"),
            HttpError::WeirdServerReply("Header without colon".into())
        );
    }

    #[test]
    fn folding_lf_and_cr_lines() {
        let (h, lines) = parse_all(
            b"HTTP/1.1 200 OK\r\nX-A: one\r\n  two\r\n\tthree\r\nContent-Length: 5\r\n\r\n",
        )
        .unwrap();
        assert_eq!(lines.len(), 6);
        assert!(h.headers[1].continuation && h.headers[2].continuation);
        assert_eq!(h.headers[1].value, b"two");
        assert_eq!(h.get("X-A"), Some(&b"one"[..]));
        assert_eq!(h.content_length, Some(5));

        let (h, lines) = parse_all(b"HTTP/1.1 200 OK\nX-A: 1\nContent-Length: 5\n\nhello").unwrap();
        assert_eq!(lines[3], b"\n");
        assert_eq!(h.consumed, 42);

        // Any line starting with CR ends the head, rest of the line included.
        let (h, _) = parse_all(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\rjunk\r\nhello").unwrap();
        assert_eq!(h.end_line, b"\rjunk\r\n");
        assert_eq!(h.consumed, 43);
    }

    #[test]
    fn content_length_rules() {
        let cl = |v: &str| {
            parse_all(format!("HTTP/1.1 200 OK\r\nContent-Length: {v}\r\n\r\n").as_bytes())
        };
        let invalid = HttpError::WeirdServerReply("Invalid Content-Length: value".into());
        assert_eq!(cl("-1").unwrap_err(), invalid);
        assert_eq!(cl("abc").unwrap_err(), invalid);
        assert_eq!(cl("").unwrap_err(), invalid);
        assert_eq!(cl("+3").unwrap().0.content_length, Some(3));
        assert_eq!(cl("3x").unwrap().0.content_length, Some(3));
        let big = cl("99999999999999999999").unwrap().0;
        assert_eq!(big.content_length, None);
        assert!(!big.keep_alive);
        let dup = parse_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 4\r\n\r\n")
            .unwrap()
            .0;
        assert_eq!(dup.content_length, Some(4));
        // "Content-Length :" is not the header libcurl looks for.
        let sp = parse_all(b"HTTP/1.1 200 OK\r\nContent-Length : 2\r\n\r\n")
            .unwrap()
            .0;
        assert_eq!(sp.content_length, None);
        assert!(!sp.keep_alive);
        // Ignored entirely with CURLOPT_IGNORE_CONTENT_LENGTH, even when invalid.
        let opts = ParseOptions {
            ignore_content_length: true,
            ..Default::default()
        };
        let ig = parse_with(b"HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n", opts)
            .unwrap()
            .0;
        assert_eq!(ig.content_length, None);
        // Too big for CURLOPT_MAXFILESIZE.
        let opts = ParseOptions {
            max_filesize: 3,
            ..Default::default()
        };
        let max = HttpError::FileSizeExceeded("Maximum file size exceeded".into());
        assert_eq!(
            parse_with(
                b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n",
                opts.clone()
            )
            .unwrap_err(),
            max
        );
        assert_eq!(
            parse_with(
                b"HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n",
                opts
            )
            .unwrap_err(),
            max
        );
    }

    #[test]
    fn transfer_encoding_rules() {
        let h = parse_all(
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n",
        )
        .unwrap()
        .0;
        assert!(h.chunked && h.keep_alive);
        assert_eq!(h.content_length, None);
        let h =
            parse_all(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\nContent-Length: 3\r\n\r\n")
                .unwrap()
                .0;
        assert!(!h.chunked && !h.keep_alive);
        assert_eq!(h.content_length, None);
        assert_eq!(h.transfer_codings, vec!["gzip".to_string()]);
        // "chunked" anywhere in the list counts.
        let h = parse_all(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\n")
            .unwrap()
            .0;
        assert!(h.chunked && h.keep_alive);
        // 204/304/1xx ignore body headers.
        let h = parse_all(
            b"HTTP/1.1 204 No\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n",
        )
        .unwrap()
        .0;
        assert!(!h.chunked && h.bodyless && h.keep_alive);
        assert_eq!(h.content_length, Some(0));
    }

    #[test]
    fn content_encoding_only_when_decoding() {
        let input = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n";
        assert!(parse_all(input).unwrap().0.content_codings.is_empty());
        let opts = ParseOptions {
            content_decoding: true,
            ..Default::default()
        };
        assert_eq!(
            parse_with(input, opts.clone()).unwrap().0.content_codings,
            vec!["gzip"]
        );
        let six = b"HTTP/1.1 200 OK\r\nContent-Encoding: identity, identity, identity, identity, identity, identity\r\n\r\n";
        let mut seen = 0;
        let mut p = ResponseParser::new(opts.clone());
        assert_eq!(
            p.feed_with(six, &mut |_| {
                seen += 1;
                Ok(())
            })
            .unwrap_err(),
            HttpError::BadContentEncoding(
                "Reject response due to more than 5 content encodings".into()
            )
        );
        assert_eq!(seen, 1);
        let five = b"HTTP/1.1 200 OK\r\nContent-Encoding: identity, none,identity ,, identity, x-gzip\r\n\r\n";
        assert_eq!(
            parse_with(five, opts).unwrap().0.content_codings,
            vec!["identity", "none", "identity", "identity", "x-gzip"]
        );
    }

    #[test]
    fn keep_alive_rules() {
        let ka = |input: &[u8]| parse_all(input).unwrap().0.keep_alive;
        assert!(!ka(b"HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\n"));
        assert!(ka(
            b"HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\n"
        ));
        assert!(!ka(
            b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\n"
        ));
        assert!(ka(b"HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n"));
        // No length, no chunks on 1.1: the end is the close.
        assert!(!ka(b"HTTP/1.1 200 OK\r\n\r\n"));
        // ... except for HEAD.
        let opts = ParseOptions {
            head_request: true,
            ..Default::default()
        };
        assert!(
            parse_with(b"HTTP/1.1 200 OK\r\n\r\n", opts)
                .unwrap()
                .0
                .keep_alive
        );
        // Last word wins.
        assert!(ka(
            b"HTTP/1.0 200 OK\r\nConnection: close\r\nConnection: Keep-Alive\r\nContent-Length: 1\r\n\r\n"
        ));
    }

    #[test]
    fn interim_heads() {
        let input = b"HTTP/1.1 103 Early\r\nLink: x\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
        let mut p = ResponseParser::new(ParseOptions::default());
        let Parse::Head(h1) = p.feed(input).unwrap() else {
            panic!()
        };
        assert!(h1.informational && h1.bodyless);
        assert_eq!(h1.consumed, 31);
        let Parse::Head(h2) = p.feed(&input[h1.consumed..]).unwrap() else {
            panic!()
        };
        assert_eq!(h2.code, 200);
        assert_eq!(h2.content_length, Some(5));
        assert_eq!(&input[h1.consumed + h2.consumed..], b"hello");
        // A 101 nobody asked for is final, and its body runs to the close.
        let h = parse_all(b"HTTP/1.1 101 Switching\r\nContent-Length: 2\r\n\r\n")
            .unwrap()
            .0;
        assert!(!h.informational && h.bodyless && !h.keep_alive);
        assert_eq!(h.content_length, None);
        // ... and without any body it counts as an empty reply.
        assert_eq!(
            h.check_got_something(0),
            Err(HttpError::GotNothing("Empty reply from server".into()))
        );
        assert_eq!(h.check_got_something(1), Ok(()));
        assert_eq!(h2.check_got_something(0), Ok(()));
    }

    #[test]
    fn eof_handling() {
        let got_nothing = Err(HttpError::GotNothing("Empty reply from server".into()));
        let p = ResponseParser::new(ParseOptions::default());
        assert_eq!(p.on_eof(), got_nothing);
        let mut p = ResponseParser::new(ParseOptions::default());
        p.feed(b"HTTP/1.1 200 OK").unwrap();
        assert_eq!(p.on_eof(), got_nothing);
        let mut p = ResponseParser::new(ParseOptions::default());
        p.feed(b"HTTP/1.1 200 OK\r\nX-A: 1\r\n").unwrap();
        assert_eq!(p.on_eof(), Ok(()));
        let mut p = ResponseParser::new(ParseOptions::default());
        p.feed(b"HTTP/1.1 100 Continue\r\n\r\n").unwrap();
        assert_eq!(p.on_eof(), got_nothing);
        p.feed(b"HTTP/1.1 200 OK\r\n").unwrap();
        assert_eq!(p.on_eof(), Ok(()));
    }

    #[test]
    fn size_limits() {
        // 102399 bytes with CRLF is the longest line libcurl takes.
        let mut ok = b"HTTP/1.1 200 OK\r\nX-Big: ".to_vec();
        ok.extend(std::iter::repeat_n(b'a', MAX_HEADER_LINE - 10));
        ok.extend_from_slice(b"\r\n\r\n");
        assert!(parse_all(&ok).is_ok());
        let mut bad = b"HTTP/1.1 200 OK\r\nX-Big: ".to_vec();
        bad.extend(std::iter::repeat_n(b'a', MAX_HEADER_LINE - 9));
        bad.extend_from_slice(b"\r\n\r\n");
        assert_eq!(parse_all(&bad).unwrap_err(), HttpError::OutOfMemory(None));
        // Also while the line is still incomplete.
        let mut p = ResponseParser::new(ParseOptions::default());
        p.feed(b"HTTP/1.1 200 OK\r\n").unwrap();
        assert_eq!(
            p.feed(&vec![b'a'; MAX_HEADER_LINE]).unwrap_err(),
            HttpError::OutOfMemory(None)
        );
        // Seven 50 KB lines: the seventh crosses 300 KiB, after being handed to the callback.
        let mut big = b"HTTP/1.1 200 OK\r\n".to_vec();
        for _ in 0..7 {
            big.extend_from_slice(b"X-Big: ");
            big.extend(std::iter::repeat_n(b'a', 50_000));
            big.extend_from_slice(b"\r\n");
        }
        big.extend_from_slice(b"\r\n");
        let mut seen = 0;
        let mut p = ResponseParser::new(ParseOptions::default());
        assert_eq!(
            p.feed_with(&big, &mut |_| {
                seen += 1;
                Ok(())
            })
            .unwrap_err(),
            HttpError::RecvError("Too large response headers: 350080 > 307200".into())
        );
        assert_eq!(seen, 8);
    }

    #[test]
    fn helpers() {
        let h = parse_all(
            b"HTTP/1.1 301 Moved\r\nLocation:  /a \r\nLocation: /b\r\nContent-Type:\r\n\
              Content-Type: text/html\r\nLast-Modified: Sun, 06 Nov 1994 08:49:37 GMT\r\n\
              Retry-After: 120\r\nContent-Length: 0\r\n\r\n",
        )
        .unwrap()
        .0;
        assert_eq!(h.location.as_deref(), Some(&b"/a"[..]));
        assert_eq!(h.content_type.as_deref(), Some(&b"text/html"[..]));
        assert_eq!(h.last_modified(), Some(784_111_777));
        assert_eq!(h.retry_after(0), 120);
        assert_eq!(h.get_all("location").count(), 2);
        let h = parse_all(
            b"HTTP/1.1 200 OK\r\nLocation: /a\r\nRetry-After: Sun, 06 Nov 1994 08:49:37 GMT\r\n\
              Content-Length: 0\r\n\r\n",
        )
        .unwrap()
        .0;
        assert_eq!(h.location, None);
        assert_eq!(h.retry_after(784_111_700), 77);
        assert_eq!(h.retry_after(784_111_800), -23);
    }

    #[test]
    fn dates() {
        let d = |s: &str| getdate_capped(s.as_bytes());
        assert_eq!(d("Sun, 06 Nov 1994 08:49:37 GMT"), Some(784_111_777));
        assert_eq!(d("Sunday, 06-Nov-94 08:49:37 GMT"), Some(784_111_777));
        assert_eq!(d("Sun Nov  6 08:49:37 1994"), Some(784_111_777));
        assert_eq!(d(" Sun, 06 Nov 1994 09:49:37 +0100\r\n"), Some(784_111_777));
        assert_eq!(d("Sun, 06 Nov 1994 03:49:37 EST"), Some(784_111_777));
        assert_eq!(d("19941106"), Some(784_080_000));
        assert_eq!(d("06 Nov 1994"), Some(784_080_000));
        assert_eq!(d("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(d("Wed, 31 Dec 1969 23:59:59 GMT"), Some(0));
        assert_eq!(d("Sat, 29 Feb 2000 12:00"), Some(951_825_600));
        assert_eq!(d("garbage"), None);
        assert_eq!(d("Sun, 06 Nov 1500 08:49:37 GMT"), None);
        assert_eq!(d("Sun, 32 Nov 1994 08:49:37 GMT"), None);
        assert_eq!(d("Sun, 06 Nov 1994 24:49:37 GMT"), None);
        assert_eq!(d(""), None);
    }

    #[test]
    fn http200_aliases() {
        let opts = ParseOptions {
            aliases: vec![b"ICY 200 OK".to_vec().into_boxed_slice()].into(),
            ..Default::default()
        };
        let Parse::Head(h) = ResponseParser::new(opts)
            .feed(b"icy 200 ok\r\nContent-Length: 7\r\n\r\n")
            .unwrap()
        else {
            panic!("a head");
        };
        assert_eq!((h.code, h.version), (200, (1, 0)));
        let plain = ResponseParser::new(ParseOptions::default()).feed(b"ICY 200 OK\r\n\r\n");
        assert!(plain.is_err(), "without the alias it is HTTP/0.9");
    }
}
