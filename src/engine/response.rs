//! Receiving one response: heads (1xx and final) through the HTTP parser, each header line
//! to the header callback, the body through its framing and content decoding to the write
//! callback, and what `curl_easy_getinfo` reports about it.

use std::sync::{Arc, Mutex};

use super::delivery::{Delivery, PauseFlags};
use super::hooks::{DebugKind, Hooks};
use crate::error::{Code, Error};
use crate::http::auth::Negotiation;
use crate::http::body::{BodyDecoder, BodyOptions};
use crate::http::decode::ContentDecoder;
use crate::http::response::{parse_status_line, Parse, ParseOptions, ResponseHead, ResponseParser};
use crate::http::HttpError;
use crate::info::{HeaderEntry, HeaderOrigin, Info};
use crate::options::{HttpReq, Options, TimeCondition};

pub enum RecvOutcome {
    /// Everything given was consumed; the response goes on.
    More,
    /// A `100 Continue` arrived: the request body may be sent.
    Continue,
    /// The response is complete.
    Complete,
}

/// The options that shape how a response is taken.
#[derive(Clone, Copy)]
struct Settings {
    header_in_body: bool,
    failonerror: bool,
    filetime: bool,
    follow: bool,
    /// `CURLOPT_RESUME_FROM(_LARGE)`.
    resume_from: i64,
    /// A time condition and its value (seconds since the epoch).
    time_condition: Option<(TimeCondition, i64)>,
    /// CURLOPT_RANGE is set: libcurl does not check a time condition then.
    range: bool,
    content_decoding: bool,
    decode_content: bool,
    transfer_decoding: bool,
    ignore_content_length: bool,
    max_filesize: u64,
    http09_allowed: bool,
}

pub struct Response {
    set: Settings,
    /// `CURLOPT_HTTP200ALIASES`.
    aliases: std::sync::Arc<[Box<[u8]>]>,
    head_request: bool,
    get_request: bool,
    parser: ResponseParser,
    body: Option<BodyDecoder>,
    content: Option<ContentDecoder>,
    got_anything: bool,
    body_bytes: u64,
    expected: Option<u64>,
    keep_alive: bool,
    code: u16,
    location: Option<String>,
    /// The body of a redirect that is followed is read but not delivered.
    ignore_body: bool,
    /// Header bytes received in this transfer, earlier responses (redirects) included:
    /// CURLINFO_HEADER_SIZE sums them all.
    header_base: u64,
    delivery: Delivery,
    info: Arc<Mutex<Info>>,
    /// Which request of the transfer this response answers (for the header API).
    request: u32,
    /// The head being received is a 1xx one.
    in_1xx: bool,
    /// The transfer's authentication, which this response's challenges update.
    auth: Negotiation,
    /// There are credentials for the origin, and for the proxy.
    credentials: (bool, bool),
    /// A challenge picked a method: the request is to be repeated with credentials.
    auth_retry: bool,
    /// This is the proxy's answer to CONNECT; `Some(true)` with
    /// `CURLOPT_SUPPRESS_CONNECT_HEADERS`.
    connect: Option<bool>,
    connect_notes: Vec<String>,
    http10: bool,
    /// On a pipelined connection: bytes past the end belong to the next response.
    pipelined: bool,
    /// Bytes of the last input past the end of the response.
    excess: usize,
    /// The `Server:` header's value (pipelining learns from it).
    server: Option<String>,
}

impl Response {
    pub fn new(opts: &Options, pause: Arc<PauseFlags>, info: Arc<Mutex<Info>>) -> Self {
        let set = Settings {
            header_in_body: opts.header,
            failonerror: opts.failonerror,
            filetime: opts.filetime,
            follow: opts.follow_location,
            resume_from: opts.resume_from,
            time_condition: (opts.time_condition != TimeCondition::None)
                .then_some((opts.time_condition, opts.time_value)),
            range: opts.range.is_some(),
            content_decoding: opts.accept_encoding.is_some(),
            decode_content: opts.accept_encoding.is_some() && opts.http_content_decoding,
            transfer_decoding: opts.http_transfer_decoding,
            ignore_content_length: opts.ignore_content_length,
            max_filesize: u64::try_from(opts.max_filesize).unwrap_or(0),
            http09_allowed: opts.http09_allowed,
        };
        let mut r = Response {
            set,
            aliases: opts.http200_aliases.clone(),
            head_request: false,
            get_request: false,
            parser: ResponseParser::new(ParseOptions::default()),
            body: None,
            content: None,
            got_anything: false,
            body_bytes: 0,
            expected: None,
            keep_alive: false,
            code: 0,
            location: None,
            ignore_body: false,
            header_base: 0,
            delivery: Delivery::new(pause),
            info,
            request: 0,
            in_1xx: false,
            auth: Negotiation::default(),
            credentials: (false, false),
            auth_retry: false,
            connect: None,
            connect_notes: Vec::new(),
            http10: false,
            pipelined: false,
            excess: 0,
            server: None,
        };
        r.set_request(opts.httpreq, opts.no_body);
        r
    }

    /// Resets for a request of this kind.
    pub fn set_request(&mut self, req: HttpReq, no_body: bool) {
        self.head_request = req == HttpReq::Head || no_body;
        self.get_request = req == HttpReq::Get && !no_body;
        self.parser = ResponseParser::new(ParseOptions {
            ignore_content_length: self.set.ignore_content_length,
            content_decoding: self.set.content_decoding,
            head_request: self.head_request,
            max_filesize: self.set.max_filesize,
            aliases: self.aliases.clone(),
            http09_allowed: self.set.http09_allowed,
        });
    }

    /// Received data is held for an unpause.
    pub fn holding(&self) -> bool {
        self.delivery.holding()
    }

    /// Hands held data over if receiving is no longer paused; true when none is left.
    pub fn flush(&mut self, hooks: &mut dyn Hooks) -> Result<bool, Error> {
        self.delivery.flush(hooks).map_err(from_http)
    }

    /// Where this response stands in its transfer: the header bytes received before it,
    /// and the index of its request.
    pub fn set_position(&mut self, header_base: u64, request: u32) {
        self.header_base = header_base;
        self.request = request;
    }

    /// Takes the proxy's answer to CONNECT: its headers go out (unless suppressed) with
    /// the CONNECT origin, its code is `CURLINFO_HTTP_CONNECTCODE`, and it ends with its
    /// head: a 2xx opens the tunnel, anything else ends the transfer.
    pub fn set_connect(&mut self, suppress_headers: bool) {
        self.connect = Some(suppress_headers);
        self.parser = ResponseParser::new(ParseOptions {
            head_request: true,
            ..ParseOptions::default()
        });
    }

    /// The transfer's authentication so far, and whether there are credentials for the
    /// origin and for the proxy.
    pub fn set_auth(&mut self, auth: Negotiation, host: bool, proxy: bool) {
        self.auth = auth;
        self.credentials = (host, proxy);
    }

    /// The authentication after this response's challenges.
    pub fn auth(&self) -> Negotiation {
        self.auth
    }

    pub fn auth_retry(&self) -> bool {
        self.auth_retry
    }

    /// The final head has been received.
    pub fn head_done(&self) -> bool {
        self.body.is_some() || self.code >= 200
    }

    pub fn got_anything(&self) -> bool {
        self.got_anything
    }

    pub fn body_bytes(&self) -> u64 {
        self.body_bytes
    }

    pub fn expected_size(&self) -> Option<u64> {
        self.expected
    }

    pub fn keep_alive(&self) -> bool {
        self.keep_alive
    }

    pub fn code(&self) -> u16 {
        self.code
    }

    /// The final head said HTTP/1.0.
    pub fn http10(&self) -> bool {
        self.http10
    }

    /// Verbose lines about the CONNECT answer: the framing headers of a 2xx, which
    /// libcurl ignores (the tunnel starts right after the head).
    pub fn take_connect_notes(&mut self) -> Vec<String> {
        std::mem::take(&mut self.connect_notes)
    }

    pub fn location(&self) -> Option<String> {
        self.location.clone()
    }

    /// Takes received bytes.
    pub fn feed(
        &mut self,
        mut input: &[u8],
        hooks: &mut dyn Hooks,
        info: &Arc<Mutex<Info>>,
    ) -> Result<RecvOutcome, Error> {
        self.got_anything = true;
        let mut continued = false;
        while !input.is_empty() {
            if self.body.is_none() {
                let header_in_body = self.set.header_in_body;
                let header_bytes = &mut self.header_base;
                let delivery = &mut self.delivery;
                let request = self.request;
                let in_1xx = &mut self.in_1xx;
                let connect = self.connect;
                // The blank line ending the head: shown to the debug callback once the head
                // has been acted on (see below).
                let mut blank_line: &'static [u8] = b"";
                let parse = self
                    .parser
                    .feed_with(input, &mut |line: &[u8]| {
                        // libcurl records the status as soon as the status line is in, so
                        // getinfo has it in header callbacks and after a failed head.
                        let status = (line.len() > 5 && line[..5].eq_ignore_ascii_case(b"HTTP/"))
                            .then(|| parse_status_line(line).ok())
                            .flatten();
                        *header_bytes += line.len() as u64;
                        let size = *header_bytes;
                        if let Some(s) = &status {
                            *in_1xx = (100..200).contains(&s.code);
                        }
                        let origin = if connect.is_some() {
                            HeaderOrigin::Connect
                        } else if *in_1xx {
                            HeaderOrigin::Informational
                        } else {
                            HeaderOrigin::Header
                        };
                        // Recorded before the header callback runs, so the header API finds
                        // the line from inside it, as libcurl's.
                        let entry = status
                            .is_none()
                            .then(|| HeaderEntry::parse(line, origin, request))
                            .flatten();
                        with_info(info, |i| {
                            i.header_size = size;
                            match (&status, connect) {
                                (Some(s), None) => {
                                    i.response_code = u16::try_from(s.code).unwrap_or(0);
                                    i.http_version = s.version.0 * 10 + s.version.1;
                                }
                                (Some(s), Some(_)) => {
                                    i.connect_code = u16::try_from(s.code).unwrap_or(0)
                                }
                                (None, _) => {}
                            }
                            i.headers.extend(entry);
                        });
                        // libcurl shows each header line to the debug callback before the
                        // header callback, except the blank line that ends the head.
                        let blank = line == b"\r\n" || line == b"\n";
                        if hooks.wants_debug() && !blank {
                            hooks.debug(DebugKind::HeaderIn, line);
                        }
                        if connect != Some(true) {
                            delivery.header(hooks, line, header_in_body)?;
                        }
                        if blank {
                            blank_line = if line == b"\n" { b"\n" } else { b"\r\n" };
                        }
                        Ok(())
                    })
                    .map_err(from_http)?;
                match parse {
                    Parse::NeedMore => {
                        return Ok(if continued {
                            RecvOutcome::Continue
                        } else {
                            RecvOutcome::More
                        })
                    }
                    Parse::Http09 { held, consumed } => {
                        // libcurl counts the bytes it held for a status line from earlier
                        // reads in SIZE_DOWNLOAD only when this read goes on past the line
                        // (they are delivered either way).
                        let uncounted = if consumed == input.len() {
                            (held.len() - consumed) as u64
                        } else {
                            0
                        };
                        input = &input[consumed..];
                        if self.head_request {
                            // Body bytes although none is wanted: libcurl gives up on
                            // the connection, with no message.
                            self.keep_alive = false;
                            return Err(Error::bare(Code::WeirdServerReply));
                        }
                        self.final_head(&ResponseHead::http09(), info)?;
                        let mut held = held.as_slice();
                        self.body_bytes_in(&mut held, hooks, info)
                            .map_err(from_http)?;
                        self.body_bytes -= uncounted;
                        let n = self.body_bytes;
                        with_info(info, |i| i.size_download = n);
                    }
                    Parse::Head(head) => {
                        input = &input[head.consumed..];
                        if head.informational {
                            // libcurl shows no blank line after a 1xx head.
                            if head.code == 100 {
                                continued = true;
                            }
                            continue;
                        }
                        // A head that fails the transfer (CURLOPT_FAILONERROR, say) has its
                        // error text shown instead of the blank line, as libcurl's.
                        let no_body = self.final_head(&head, info)?;
                        if hooks.wants_debug() {
                            hooks.debug(DebugKind::HeaderIn, blank_line);
                            if self.set.follow
                                && (300..400).contains(&self.code)
                                && self.location.is_some()
                                && self.connect.is_none()
                            {
                                hooks.debug(DebugKind::Text, b"Ignoring the response-body\n");
                            }
                        }
                        if no_body {
                            self.past_end(input.len());
                            return Ok(RecvOutcome::Complete);
                        }
                    }
                }
            } else {
                let done = self
                    .body_bytes_in(&mut input, hooks, info)
                    .map_err(from_http)?;
                if done {
                    self.past_end(input.len());
                    return Ok(RecvOutcome::Complete);
                }
            }
        }
        Ok(if continued {
            RecvOutcome::Continue
        } else {
            RecvOutcome::More
        })
    }

    /// Bytes past the end of the response: the next response's on a pipelined connection;
    /// otherwise the connection's framing is no longer known, so it is not reused.
    fn past_end(&mut self, excess: usize) {
        self.excess = excess;
        if excess > 0 && !self.pipelined {
            self.keep_alive = false;
        }
    }

    /// The response is read on a pipelined connection (see `excess`).
    pub fn set_pipelined(&mut self) {
        self.pipelined = true;
    }

    /// How many bytes of the last input lay past the end of the complete response.
    pub fn excess(&self) -> usize {
        self.excess
    }

    /// What is left of the chunk being read, for a chunked body.
    pub fn current_chunk(&self) -> Option<u64> {
        self.body.as_ref().and_then(|b| b.current_chunk())
    }

    /// The `Server:` header of the final response.
    pub fn server(&self) -> Option<&str> {
        self.server.as_deref()
    }

    /// Acts on the final head. True when the response has no body to wait for.
    fn final_head(&mut self, head: &ResponseHead, info: &Arc<Mutex<Info>>) -> Result<bool, Error> {
        self.code = u16::try_from(head.code).unwrap_or(0);
        self.http10 = head.version == (1, 0);
        if self.connect.is_some() {
            if (200..300).contains(&self.code) {
                for name in ["Content-Length", "Transfer-Encoding"] {
                    if head.get(name).is_some() {
                        let code = self.code;
                        self.connect_notes
                            .push(format!("Ignoring {name} in CONNECT {code} response"));
                    }
                }
            }
            // A tunnel carries other bytes after its head; a refusal's body is not read,
            // unless the CONNECT is to go again with credentials on this connection.
            self.keep_alive = (200..300).contains(&self.code);
            if self.code == 407 {
                let avail = auth_offered(head, "Proxy-Authenticate");
                with_info(info, |i| i.proxyauth_avail |= avail);
                let (_, proxy) = self.credentials;
                if self.auth.on_response(407, 0, avail, false, proxy) {
                    self.auth_retry = true;
                    self.ignore_body = true;
                    // As libcurl, a 407 with neither length nor chunks has no body, and
                    // the connection stays unless a header closes it.
                    self.keep_alive = head.keep_alive;
                    if head.keep_alive && (head.chunked || head.content_length.is_some()) {
                        let body = BodyDecoder::for_response(
                            head,
                            BodyOptions {
                                no_body: false,
                                transfer_decoding: true,
                            },
                        );
                        let done = body.is_complete();
                        self.body = Some(body);
                        return Ok(done);
                    }
                }
            }
            return Ok(true);
        }
        self.keep_alive = head.keep_alive;
        self.server = head
            .get("Server")
            .map(|v| String::from_utf8_lossy(v).into_owned());
        self.location = head
            .location
            .as_ref()
            .map(|l| String::from_utf8_lossy(l).into_owned());
        let code = self.code;
        let version = head.version.0 * 10 + head.version.1;
        let content_type = head
            .content_type
            .as_ref()
            .map(|c| String::from_utf8_lossy(c).into_owned());
        let length = head.content_length;
        // Last-Modified matters for FILETIME and for checking a time condition the server
        // ignored.
        let doc_time = if self.set.filetime || self.set.time_condition.is_some() {
            head.last_modified()
        } else {
            None
        };
        let filetime = if self.set.filetime { doc_time } else { None };
        let mut unmet = code == 304;
        let mut simulated_304 = false;
        if let (Some((cond, value)), Some(t), 200, false) =
            (self.set.time_condition, doc_time, code, self.set.range)
        {
            let met = match cond {
                TimeCondition::IfUnmodifiedSince => t < value,
                TimeCondition::LastModified | TimeCondition::None => true,
                TimeCondition::IfModifiedSince => t > value,
            };
            if !met {
                // libcurl then acts as if the server had said 304: no body, and the
                // connection is closed since the body is left unread.
                unmet = true;
                simulated_304 = true;
            }
        }
        let code = if simulated_304 { 304 } else { code };
        // Retry-After counts from now (its date form), as libcurl's.
        let unix_now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        let retry_after = head.retry_after(unix_now);
        with_info(info, |i| {
            i.retry_after = retry_after;
            i.response_code = code;
            i.http_version = version;
            i.content_type = content_type;
            i.content_length_download = length.map_or(-1, |l| l as i64);
            if let Some(t) = filetime {
                i.filetime = t;
            }
            i.condition_unmet = unmet;
        });
        // As libcurl, challenges count only in the response codes they belong to, and
        // what they offer adds up over the requests of a transfer.
        let proxy_offer = if code == 407 {
            auth_offered(head, "Proxy-Authenticate")
        } else {
            0
        };
        let www_offer = if code == 401 {
            auth_offered(head, "WWW-Authenticate")
        } else {
            0
        };
        with_info(info, |i| {
            i.proxyauth_avail |= proxy_offer;
            i.httpauth_avail |= www_offer;
        });
        let (host, proxy) = self.credentials;
        if self
            .auth
            .on_response(code, www_offer, proxy_offer, host, proxy)
        {
            // The body of this challenge does not matter: the request goes again.
            self.auth_retry = true;
            self.ignore_body = true;
        }
        // A 416 to a resume has no content worth delivering. As in libcurl,
        // `Content-Range: bytes */N` cancels the resume (everything is wanted again); a 416
        // to a resume still standing most likely means the file is complete already, which
        // is no failure.
        if code == 416 && self.set.resume_from > 0 {
            self.ignore_body = true;
        }
        let range = content_range(head);
        let resume_from = match range {
            Some(None) => 0,
            _ => self.set.resume_from,
        };
        let resumed_get = resume_from > 0 && self.get_request;
        if self.set.failonerror && code >= 400 && !self.auth_retry && !(resumed_get && code == 416)
        {
            self.keep_alive = false;
            return Err(Error::new(
                Code::HttpReturnedError,
                format!("The requested URL returned error: {code}"),
            ));
        }
        // A redirect that is followed is not the document: its body is not checked either.
        self.ignore_body |=
            self.set.follow && (300..400).contains(&code) && self.location.is_some();
        if resumed_get && !self.ignore_body && range != Some(Some(resume_from)) {
            if length == u64::try_from(resume_from).ok() {
                // The resume point is the end of the document: nothing left to get.
                self.keep_alive = false;
                return Ok(true);
            }
            return Err(Error::new(
                Code::RangeError,
                "HTTP server doesn't seem to support byte ranges. Cannot resume.",
            ));
        }
        if simulated_304 {
            self.code = 304;
            self.keep_alive = false;
            return Ok(true);
        }
        self.expected = length;
        if self.ignore_body && !self.keep_alive {
            // libcurl stops right after the head of a redirect it follows on a closing
            // connection.
            return Ok(true);
        }
        let none: &[String] = &[];
        self.content = ContentDecoder::new(
            if self.set.transfer_decoding {
                &head.transfer_codings
            } else {
                none
            },
            if self.set.decode_content {
                &head.content_codings
            } else {
                none
            },
        );
        let body = BodyDecoder::for_response(
            head,
            BodyOptions {
                no_body: self.head_request || head.bodyless,
                transfer_decoding: self.set.transfer_decoding,
            },
        );
        let done = body.is_complete();
        self.body = Some(body);
        Ok(done)
    }

    /// Runs body bytes through framing and decoding. True when the body is complete.
    fn body_bytes_in(
        &mut self,
        input: &mut &[u8],
        hooks: &mut dyn Hooks,
        info: &Arc<Mutex<Info>>,
    ) -> Result<bool, HttpError> {
        let body = self.body.as_mut().expect("body decoder set after the head");
        let ignore = self.ignore_body;
        let content = &mut self.content;
        let count = &mut self.body_bytes;
        let delivery = &mut self.delivery;
        // libcurl shows what it read, chunk framing included; on a pipelined connection,
        // only this response's part of it.
        let dechunk = hooks.wants_debug() && body.is_dechunking();
        let pipelined = self.pipelined;
        if dechunk && !pipelined {
            hooks.debug(DebugKind::DataIn, input);
        }
        let progress = body.decode(input, &mut |data: &[u8]| {
            *count += data.len() as u64;
            // libcurl shows a body it ignores (a redirect's, say) too.
            if hooks.wants_debug() && !dechunk {
                hooks.debug(DebugKind::DataIn, data);
            }
            if ignore {
                return Ok(());
            }
            match content {
                Some(dec) => dec.write(data, &mut |plain: &[u8]| delivery.body(hooks, plain)),
                None => delivery.body(hooks, data),
            }
        })?;
        // Published once the received block went through, as libcurl counts.
        if let Some(payload) = self.body.as_ref().and_then(|b| b.payload_bytes()) {
            self.body_bytes = payload;
        }
        let n = self.body_bytes;
        if self.connect.is_none() {
            with_info(info, |i| i.size_download = n);
        }
        if dechunk && pipelined {
            hooks.debug(DebugKind::DataIn, &input[..progress.consumed]);
        }
        *input = &input[progress.consumed..];
        if progress.complete {
            self.finish_body(hooks)?;
        }
        Ok(progress.complete)
    }

    fn finish_body(&mut self, hooks: &mut dyn Hooks) -> Result<(), HttpError> {
        if let (Some(dec), false) = (self.content.as_mut(), self.ignore_body) {
            dec.finish()?;
        }
        if let Some(body) = &self.body {
            for line in body.trailers() {
                let entry = HeaderEntry::parse(line, HeaderOrigin::Trailer, self.request);
                with_info(&self.info, |i| i.headers.extend(entry));
                self.delivery.header(hooks, line, self.set.header_in_body)?;
            }
        }
        Ok(())
    }

    /// The peer closed the connection.
    pub fn on_eof(&mut self, hooks: &mut dyn Hooks) -> Result<(), Error> {
        self.eof(hooks).map_err(from_http)
    }

    fn eof(&mut self, hooks: &mut dyn Hooks) -> Result<(), HttpError> {
        self.keep_alive = false;
        match &self.body {
            None => {
                if !self.got_anything {
                    return Err(HttpError::GotNothing("Empty reply from server".into()));
                }
                self.parser.on_eof()
            }
            Some(body) => {
                // A followed redirect's body does not matter.
                if !self.ignore_body {
                    body.on_eof()?;
                }
                self.finish_body(hooks)
            }
        }
    }
}

fn with_info(info: &Arc<Mutex<Info>>, f: impl FnOnce(&mut Info)) {
    if let Ok(mut i) = info.lock() {
        f(&mut i);
    }
}

/// An HTTP-layer failure as the core's error, keeping libcurl's message.
pub fn from_http(e: HttpError) -> Error {
    let code = match e.curl_code() {
        1 => Code::UnsupportedProtocol,
        8 => Code::WeirdServerReply,
        18 => Code::PartialFile,
        23 => Code::WriteError,
        25 => Code::UploadFailed,
        27 => Code::OutOfMemory,
        43 => Code::BadFunctionArgument,
        52 => Code::GotNothing,
        61 => Code::BadContentEncoding,
        63 => Code::FilesizeExceeded,
        _ => Code::RecvError,
    };
    Error::new(code, e.message().unwrap_or_default())
}

/// The `CURLAUTH_*` bits of the methods a challenge's headers offer.
fn auth_offered(head: &ResponseHead, header: &str) -> u64 {
    crate::http::auth::offered(head.get_all(header))
}

/// The `Content-Range` header: `None` without one, `Some(Some(N))` for `bytes N-...`,
/// `Some(None)` for a range without a start (`bytes */N`).
fn content_range(head: &ResponseHead) -> Option<Option<i64>> {
    let value = head.get("Content-Range")?;
    let digits: Vec<u8> = value
        .iter()
        .skip_while(|b| !b.is_ascii_digit() && **b != b'*')
        .take_while(|b| b.is_ascii_digit())
        .copied()
        .collect();
    Some(
        std::str::from_utf8(&digits)
            .ok()
            .and_then(|d| d.parse().ok()),
    )
}
