//! Response body framing: where the body ends and, for chunked bodies, what the payload is.
//!
//! [`BodyDecoder::decode`] takes raw bytes from the connection and hands payload bytes to a
//! sink. It never consumes past the end of the body: whatever follows is returned unconsumed
//! (libcurl 7.88.1 itself discards such bytes, and closes the connection when they follow a
//! Content-Length body; the caller decides).
//!
//! Chunked framing follows libcurl's `http_chunks.c` state machine, including its tolerance:
//! anything between the hex size and the LF is skipped (extensions, spaces, a missing CR),
//! CRs before the LF that ends the data are skipped, trailer lines are handed on with a CRLF
//! ending whatever they arrived with, and a close after the final chunk's CR (before its LF)
//! still counts as complete.

use super::response::ResponseHead;
use super::HttpError;

/// libcurl's `CHUNK_MAXNUM_LEN`: at most 16 hex digits in a chunk size.
pub const MAX_CHUNK_HEX: usize = 16;
/// libcurl's `DYN_H1_TRAILER`: a trailer line plus CRLF (and a NUL) must fit in 4096 bytes.
pub const MAX_TRAILER_LINE: usize = 4096;

/// What the transfer asked for that affects body framing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BodyOptions {
    /// `CURLOPT_NOBODY`: libcurl stops reading after the head.
    pub no_body: bool,
    /// `CURLOPT_HTTP_TRANSFER_DECODING` (default on). Off: chunked bytes go to the sink
    /// as received (framing is still tracked to find the end) and trailers are not reported.
    pub transfer_decoding: bool,
}

impl Default for BodyOptions {
    fn default() -> Self {
        BodyOptions {
            no_body: false,
            transfer_decoding: true,
        }
    }
}

/// States of the chunked decoder (libcurl's `CHUNK_*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChunkState {
    /// Reading the hex chunk size.
    Hex,
    /// Skipping to the LF that ends the size line (extensions live here).
    Lf,
    /// Inside chunk data.
    Data,
    /// After chunk data: skipping CRs, expecting LF.
    PostLf,
    /// After the zero-size chunk: reading a trailer line, or the final empty line.
    Trailer,
    /// A trailer line ended in CR: LF must follow.
    TrailerCr,
    /// Between trailer lines: another trailer, or CR/LF of the final empty line.
    TrailerPostCr,
    /// Expecting the final LF. Reaching this state already counts as "complete" at EOF.
    Stop,
    /// The final LF was seen: the body is complete.
    Done,
}

/// Chunked-body decoder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChunkedDecoder {
    state: ChunkState,
    hex: Vec<u8>,
    datasize: u64,
    trailer_line: Vec<u8>,
    trailers: Vec<Vec<u8>>,
    raw: bool,
    /// Chunk data seen so far, framing excluded (what libcurl counts as downloaded, even
    /// when the framing is passed on raw).
    payload: u64,
}

/// Body framing for one response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyDecoder {
    /// No body at all (HEAD request, 204/304, Content-Length: 0, ...).
    None,
    /// Exactly `remaining` more bytes.
    Length(u64),
    /// Chunked framing.
    Chunked(ChunkedDecoder),
    /// Everything until the connection closes.
    UntilClose,
}

/// Result of one [`BodyDecoder::decode`] call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Input bytes that belonged to this body.
    pub consumed: usize,
    /// The body is complete; input after `consumed` is not part of it.
    pub complete: bool,
}

impl BodyDecoder {
    /// The framing libcurl picks for a final response head.
    pub fn for_response(head: &ResponseHead, opts: BodyOptions) -> BodyDecoder {
        if opts.no_body || head.content_length == Some(0) {
            BodyDecoder::None
        } else if head.chunked {
            BodyDecoder::Chunked(ChunkedDecoder::new(!opts.transfer_decoding))
        } else if let Some(n) = head.content_length {
            BodyDecoder::Length(n)
        } else {
            BodyDecoder::UntilClose
        }
    }

    /// True once the whole body has been seen (never for `UntilClose`).
    pub fn is_complete(&self) -> bool {
        match self {
            BodyDecoder::None => true,
            BodyDecoder::Length(n) => *n == 0,
            BodyDecoder::Chunked(c) => c.state == ChunkState::Done,
            BodyDecoder::UntilClose => false,
        }
    }

    /// Consumes body bytes from `input`, passing payload to `out`. Stops exactly at the end of
    /// the body. An error from `out` is returned (for chunked bodies with libcurl's
    /// "Failed reading the chunked-encoded stream" text when it has none of its own).
    pub fn decode<F>(&mut self, input: &[u8], out: &mut F) -> Result<Progress, HttpError>
    where
        F: FnMut(&[u8]) -> Result<(), HttpError>,
    {
        match self {
            BodyDecoder::None => Ok(Progress {
                consumed: 0,
                complete: true,
            }),
            BodyDecoder::Length(remaining) => {
                let take = (*remaining).min(input.len() as u64) as usize;
                if take > 0 {
                    out(&input[..take])?;
                }
                *remaining -= take as u64;
                Ok(Progress {
                    consumed: take,
                    complete: *remaining == 0,
                })
            }
            BodyDecoder::Chunked(c) => c.decode(input, out),
            BodyDecoder::UntilClose => {
                if !input.is_empty() {
                    out(input)?;
                }
                Ok(Progress {
                    consumed: input.len(),
                    complete: false,
                })
            }
        }
    }

    /// The connection closed. `Ok` when that is a proper end for this body; otherwise
    /// libcurl's `CURLE_PARTIAL_FILE`. (libcurl skips the Content-Length check when it is
    /// about to follow a redirect; that decision belongs to the caller.)
    pub fn on_eof(&self) -> Result<(), HttpError> {
        match self {
            BodyDecoder::Length(n) if *n > 0 => Err(HttpError::PartialFile(format!(
                "transfer closed with {n} bytes remaining to read"
            ))),
            BodyDecoder::Chunked(c) if !matches!(c.state, ChunkState::Stop | ChunkState::Done) => {
                Err(HttpError::PartialFile(
                    "transfer closed with outstanding read data remaining".into(),
                ))
            }
            _ => Ok(()),
        }
    }

    /// Body bytes as libcurl counts them for CURLINFO_SIZE_DOWNLOAD, when that differs from
    /// what was handed on: chunk data only, when chunked framing is passed on raw.
    /// The bytes still to come of the chunk being read (for pipelining's chunk-length
    /// penalty), when the body is chunked and inside a chunk.
    pub fn current_chunk(&self) -> Option<u64> {
        match self {
            BodyDecoder::Chunked(d) if d.state == ChunkState::Data => Some(d.datasize),
            _ => None,
        }
    }

    /// A chunked body whose framing is taken off (not passed through raw).
    pub fn is_dechunking(&self) -> bool {
        matches!(self, BodyDecoder::Chunked(c) if !c.raw)
    }

    pub fn payload_bytes(&self) -> Option<u64> {
        match self {
            BodyDecoder::Chunked(c) if c.raw => Some(c.payload),
            _ => None,
        }
    }

    /// Trailer lines received so far (chunked bodies only), each ending in CRLF, as libcurl
    /// hands them to the header callback after the body data.
    pub fn trailers(&self) -> &[Vec<u8>] {
        match self {
            BodyDecoder::Chunked(c) => &c.trailers,
            _ => &[],
        }
    }
}

fn chunk_error(what: &str) -> HttpError {
    HttpError::RecvError(format!("{what} in chunked-encoding"))
}

impl ChunkedDecoder {
    /// A decoder at the start of a chunked body. `raw`: pass the framing through untouched.
    pub fn new(raw: bool) -> ChunkedDecoder {
        ChunkedDecoder {
            state: ChunkState::Hex,
            hex: Vec::with_capacity(MAX_CHUNK_HEX),
            datasize: 0,
            trailer_line: Vec::new(),
            trailers: Vec::new(),
            raw,
            payload: 0,
        }
    }

    /// Current state.
    pub fn state(&self) -> ChunkState {
        self.state
    }

    fn decode<F>(&mut self, input: &[u8], out: &mut F) -> Result<Progress, HttpError>
    where
        F: FnMut(&[u8]) -> Result<(), HttpError>,
    {
        let passthru = |e: HttpError| e.or_message("Failed reading the chunked-encoded stream");
        match self.parse(input, out) {
            Ok(p) => {
                if self.raw && p.consumed > 0 {
                    out(&input[..p.consumed]).map_err(passthru)?;
                }
                Ok(p)
            }
            Err(e) => {
                // libcurl hands raw bytes to the application before it parses them, so in raw
                // mode the whole buffer has gone out by the time a framing error shows up.
                if self.raw && !input.is_empty() {
                    out(input).map_err(passthru)?;
                }
                Err(e)
            }
        }
    }

    fn parse<F>(&mut self, input: &[u8], out: &mut F) -> Result<Progress, HttpError>
    where
        F: FnMut(&[u8]) -> Result<(), HttpError>,
    {
        let mut i = 0;
        while i < input.len() {
            let b = input[i];
            match self.state {
                ChunkState::Hex => {
                    if b.is_ascii_hexdigit() {
                        if self.hex.len() >= MAX_CHUNK_HEX {
                            return Err(chunk_error("Too long hexadecimal number"));
                        }
                        self.hex.push(b);
                        i += 1;
                    } else {
                        // Not consumed: the Lf state looks at this byte again.
                        if self.hex.is_empty() {
                            return Err(chunk_error("Illegal or missing hexadecimal sequence"));
                        }
                        match super::strtoofft(&self.hex, 16) {
                            super::OffT::Ok(n) => self.datasize = n as u64,
                            _ => {
                                return Err(chunk_error("Illegal or missing hexadecimal sequence"))
                            }
                        }
                        self.state = ChunkState::Lf;
                    }
                }
                ChunkState::Lf => {
                    if b == b'\n' {
                        self.state = if self.datasize == 0 {
                            ChunkState::Trailer
                        } else {
                            ChunkState::Data
                        };
                    }
                    i += 1;
                }
                ChunkState::Data => {
                    let piece = self.datasize.min((input.len() - i) as u64) as usize;
                    if !self.raw {
                        out(&input[i..i + piece]).map_err(|e| {
                            e.or_message("Failed reading the chunked-encoded stream")
                        })?;
                    }
                    self.datasize -= piece as u64;
                    self.payload += piece as u64;
                    i += piece;
                    if self.datasize == 0 {
                        self.state = ChunkState::PostLf;
                    }
                }
                ChunkState::PostLf => {
                    if b == b'\n' {
                        self.hex.clear();
                        self.state = ChunkState::Hex;
                    } else if b != b'\r' {
                        return Err(chunk_error("Malformed encoding found"));
                    }
                    i += 1;
                }
                ChunkState::Trailer => {
                    if b == b'\r' || b == b'\n' {
                        if self.trailer_line.is_empty() {
                            // No trailer: this is the final empty line. Not consumed here.
                            self.state = ChunkState::TrailerPostCr;
                            continue;
                        }
                        if self.trailer_line.len() + 2 + 1 > MAX_TRAILER_LINE {
                            return Err(chunk_error("Out of memory"));
                        }
                        let mut line = std::mem::take(&mut self.trailer_line);
                        line.extend_from_slice(b"\r\n");
                        if !self.raw {
                            self.trailers.push(line);
                        }
                        self.state = ChunkState::TrailerCr;
                        if b == b'\n' {
                            // TrailerCr will consume this LF.
                            continue;
                        }
                    } else {
                        if self.trailer_line.len() + 1 + 1 > MAX_TRAILER_LINE {
                            return Err(chunk_error("Out of memory"));
                        }
                        self.trailer_line.push(b);
                    }
                    i += 1;
                }
                ChunkState::TrailerCr => {
                    if b != b'\n' {
                        return Err(chunk_error("Malformed encoding found"));
                    }
                    self.state = ChunkState::TrailerPostCr;
                    i += 1;
                }
                ChunkState::TrailerPostCr => {
                    if b != b'\r' && b != b'\n' {
                        self.state = ChunkState::Trailer;
                        continue;
                    }
                    if b == b'\r' {
                        i += 1;
                    }
                    self.state = ChunkState::Stop;
                }
                ChunkState::Stop => {
                    if b != b'\n' {
                        return Err(chunk_error("Malformed encoding found"));
                    }
                    self.state = ChunkState::Done;
                    return Ok(Progress {
                        consumed: i + 1,
                        complete: true,
                    });
                }
                ChunkState::Done => {
                    return Ok(Progress {
                        consumed: i,
                        complete: true,
                    })
                }
            }
        }
        Ok(Progress {
            consumed: i,
            complete: self.state == ChunkState::Done,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::response::{Parse, ParseOptions, ResponseParser};
    use super::*;

    fn head(input: &[u8]) -> ResponseHead {
        match ResponseParser::new(ParseOptions::default())
            .feed(input)
            .unwrap()
        {
            Parse::Head(h) => *h,
            Parse::NeedMore | Parse::Http09 { .. } => panic!(),
        }
    }

    fn chunked() -> BodyDecoder {
        BodyDecoder::Chunked(ChunkedDecoder::new(false))
    }

    /// Decodes in one go: (payload, consumed, complete).
    fn run(dec: &mut BodyDecoder, input: &[u8]) -> Result<(Vec<u8>, usize, bool), HttpError> {
        let mut got = Vec::new();
        let p = dec.decode(input, &mut |d| {
            got.extend_from_slice(d);
            Ok(())
        })?;
        Ok((got, p.consumed, p.complete))
    }

    #[test]
    fn framing_choice() {
        let opts = BodyOptions::default();
        let f = |i: &[u8]| BodyDecoder::for_response(&head(i), opts);
        assert_eq!(
            f(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"),
            BodyDecoder::Length(5)
        );
        assert_eq!(
            f(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"),
            BodyDecoder::None
        );
        assert_eq!(
            f(b"HTTP/1.1 204 No\r\nContent-Length: 5\r\n\r\n"),
            BodyDecoder::None
        );
        assert_eq!(f(b"HTTP/1.1 304 No\r\n\r\n"), BodyDecoder::None);
        assert_eq!(f(b"HTTP/1.1 200 OK\r\n\r\n"), BodyDecoder::UntilClose);
        assert_eq!(f(b"HTTP/1.0 200 OK\r\n\r\n"), BodyDecoder::UntilClose);
        assert_eq!(
            f(b"HTTP/1.1 101 Up\r\nContent-Length: 2\r\n\r\n"),
            BodyDecoder::UntilClose
        );
        assert_eq!(
            f(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"),
            chunked()
        );
        let no_body = BodyOptions {
            no_body: true,
            ..opts
        };
        let h = head(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n");
        assert_eq!(BodyDecoder::for_response(&h, no_body), BodyDecoder::None);
        let opts = ParseOptions {
            ignore_content_length: true,
            ..Default::default()
        };
        let Parse::Head(h) = ResponseParser::new(opts)
            .feed(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n")
            .unwrap()
        else {
            panic!()
        };
        assert_eq!(
            BodyDecoder::for_response(&h, BodyOptions::default()),
            BodyDecoder::UntilClose
        );
    }

    #[test]
    fn length_stops_at_end() {
        let mut d = BodyDecoder::Length(5);
        assert_eq!(run(&mut d, b"hel").unwrap(), (b"hel".to_vec(), 3, false));
        assert_eq!(
            d.on_eof(),
            Err(HttpError::PartialFile(
                "transfer closed with 2 bytes remaining to read".into()
            ))
        );
        assert_eq!(
            run(&mut d, b"loHTTP/1.1").unwrap(),
            (b"lo".to_vec(), 2, true)
        );
        assert_eq!(d.on_eof(), Ok(()));
        assert_eq!(run(&mut d, b"more").unwrap(), (Vec::new(), 0, true));
    }

    #[test]
    fn chunked_basic_and_trailers() {
        let body = b"5;ext=1\r\nhello\r\n0\r\nX-T: 1\r\nX-U: 2\n\r\nNEXT";
        let mut d = chunked();
        let (got, used, done) = run(&mut d, body).unwrap();
        assert_eq!(got, b"hello");
        assert!(done);
        assert_eq!(&body[used..], b"NEXT");
        assert_eq!(
            d.trailers(),
            &[b"X-T: 1\r\n".to_vec(), b"X-U: 2\r\n".to_vec()]
        );
        assert!(d.is_complete());
    }

    #[test]
    fn chunked_every_split() {
        let bodies: [&[u8]; 4] = [
            b"5;ext=1\r\nhello\r\na\r\n0123456789\r\n0\r\nX-T: 1\r\nX-U: 2\n\r\n",
            b"3\nabc\n0\n\n",
            b"1 ; junk \r\nx\r\r\n00000\r\n\r\n",
            b"0\r\n\r\n",
        ];
        for body in bodies {
            let mut whole = chunked();
            let expect = run(&mut whole, body).unwrap();
            assert!(expect.2);
            for split in 0..=body.len() {
                let mut d = chunked();
                let (mut got, used1, done1) = run(&mut d, &body[..split]).unwrap();
                assert_eq!(used1, split.min(expect.1));
                if !done1 {
                    let (g2, used2, done2) = run(&mut d, &body[split..]).unwrap();
                    got.extend(g2);
                    assert!(done2);
                    assert_eq!(used1 + used2, expect.1);
                }
                assert_eq!(got, expect.0);
                assert_eq!(d.trailers(), whole.trailers());
            }
            // One byte at a time.
            let mut d = chunked();
            let mut got = Vec::new();
            for b in body.iter() {
                got.extend(run(&mut d, std::slice::from_ref(b)).unwrap().0);
            }
            assert!(d.is_complete());
            assert_eq!(got, expect.0);
        }
    }

    #[test]
    fn pipelined_responses() {
        let stream = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n\
                       HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nxyzHTTP/1.1 204 No\r\n\r\n";
        let mut rest: &[u8] = stream;
        let mut bodies = Vec::new();
        for _ in 0..3 {
            let mut p = ResponseParser::new(ParseOptions::default());
            let Parse::Head(h) = p.feed(rest).unwrap() else {
                panic!()
            };
            rest = &rest[h.consumed..];
            let mut d = BodyDecoder::for_response(&h, BodyOptions::default());
            let (got, used, done) = run(&mut d, rest).unwrap();
            assert!(done);
            rest = &rest[used..];
            bodies.push(got);
        }
        assert!(rest.is_empty());
        assert_eq!(bodies, vec![b"abc".to_vec(), b"xyz".to_vec(), Vec::new()]);
    }

    #[test]
    fn chunked_errors() {
        let e = |body: &[u8]| run(&mut chunked(), body).unwrap_err();
        let rx = |m: &str| HttpError::RecvError(m.into());
        assert_eq!(
            e(b"zz\r\nhello\r\n0\r\n\r\n"),
            rx("Illegal or missing hexadecimal sequence in chunked-encoding")
        );
        assert_eq!(
            e(b"00000000000000005\r\nhello\r\n"),
            rx("Too long hexadecimal number in chunked-encoding")
        );
        assert_eq!(
            e(b"ffffffffffffffff\r\nhello\r\n"),
            rx("Illegal or missing hexadecimal sequence in chunked-encoding")
        );
        assert_eq!(
            e(b"5\r\nhelloX\r\n0\r\n\r\n"),
            rx("Malformed encoding found in chunked-encoding")
        );
        assert_eq!(
            e(b"0\r\nX: 1\rY"),
            rx("Malformed encoding found in chunked-encoding")
        );
        assert_eq!(
            e(b"0\r\n\rX"),
            rx("Malformed encoding found in chunked-encoding")
        );
        let mut long = b"0\r\n".to_vec();
        long.extend(std::iter::repeat_n(b'a', MAX_TRAILER_LINE));
        assert_eq!(e(&long), rx("Out of memory in chunked-encoding"));
        // The biggest trailer line that fits: 4093 bytes plus CRLF.
        let mut ok = b"0\r\n".to_vec();
        ok.extend(std::iter::repeat_n(b'a', MAX_TRAILER_LINE - 3));
        ok.extend_from_slice(b"\r\n\r\n");
        assert!(run(&mut chunked(), &ok).unwrap().2);
        let mut bad = b"0\r\n".to_vec();
        bad.extend(std::iter::repeat_n(b'a', MAX_TRAILER_LINE - 2));
        bad.extend_from_slice(b"\r\n\r\n");
        assert_eq!(e(&bad), rx("Out of memory in chunked-encoding"));
        // Largest 16-digit size is accepted (the data then simply never ends).
        let mut d = chunked();
        assert!(!run(&mut d, b"7fffffffffffffff\r\nab").unwrap().2);
    }

    #[test]
    fn chunked_eof() {
        let partial = Err(HttpError::PartialFile(
            "transfer closed with outstanding read data remaining".into(),
        ));
        for (body, result) in [
            (&b"5\r\nhel"[..], partial.clone()),
            (b"5\r\nhello\r\n0\r\n", partial.clone()),
            (b"", partial),
            // libcurl accepts a close right before the final LF.
            (b"5\r\nhello\r\n0\r\n\r", Ok(())),
            (b"5\r\nhello\r\n0\r\n\r\n", Ok(())),
        ] {
            let mut d = chunked();
            run(&mut d, body).unwrap();
            assert_eq!(d.on_eof(), result, "{body:?}");
        }
        assert_eq!(BodyDecoder::UntilClose.on_eof(), Ok(()));
        assert_eq!(BodyDecoder::None.on_eof(), Ok(()));
    }

    #[test]
    fn raw_chunked_passthrough() {
        let mut d = BodyDecoder::Chunked(ChunkedDecoder::new(true));
        let body = b"5;ext=1\r\nhello\r\n0\r\nX-T: 1\r\n\r\nEXTRA";
        let (got, used, done) = run(&mut d, body).unwrap();
        assert!(done);
        assert_eq!(got, &body[..used]);
        assert_eq!(&body[used..], b"EXTRA");
        assert!(d.trailers().is_empty());
        // On a framing error the whole buffer has been passed on, as libcurl does.
        let mut d = BodyDecoder::Chunked(ChunkedDecoder::new(true));
        let mut got = Vec::new();
        let e = d
            .decode(b"5\r\nhelloX\r\n", &mut |b| {
                got.extend_from_slice(b);
                Ok(())
            })
            .unwrap_err();
        assert_eq!(got, b"5\r\nhelloX\r\n");
        assert_eq!(e.curl_code(), 56);
    }

    #[test]
    fn sink_errors() {
        let mut d = chunked();
        let e = d
            .decode(b"3\r\nabc\r\n", &mut |_| Err(HttpError::WriteError(None)))
            .unwrap_err();
        assert_eq!(
            e,
            HttpError::WriteError(Some("Failed reading the chunked-encoded stream".into()))
        );
        let mut d = chunked();
        let inner = HttpError::BadContentEncoding("inner".into());
        let e = d
            .decode(b"3\r\nabc\r\n", &mut |_| Err(inner.clone()))
            .unwrap_err();
        assert_eq!(e, inner);
        let mut d = BodyDecoder::Length(3);
        let e = d
            .decode(b"abc", &mut |_| Err(HttpError::WriteError(None)))
            .unwrap_err();
        assert_eq!(e, HttpError::WriteError(None));
    }
}
