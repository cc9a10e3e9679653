//! Reading a response that nobody will receive: on a pipelined connection, the answer to a
//! request whose transfer went away must still be taken off the wire, whole and no more,
//! so that the responses behind it reach their own transfers. Only framing is parsed; the
//! bytes are dropped. A response that cannot be framed this way (it ends when the
//! connection closes, it closes the connection, it is malformed) or that is longer than
//! [`DRAIN_LIMIT`] is given up on: the connection is then closed instead.

use super::body::{BodyDecoder, BodyOptions};
use super::response::{Parse, ParseOptions, ResponseParser};

/// The most a drain reads before giving up on the connection.
pub const DRAIN_LIMIT: u64 = 1 << 20;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Drained {
    /// All input was part of the response; it goes on.
    More,
    /// The response ended; the last `excess` bytes of the input come after it.
    Done { excess: usize },
    /// Not worth it or not possible: close the connection.
    GiveUp,
}

pub struct Drainer {
    parser: ResponseParser,
    body: Option<BodyDecoder>,
    head_request: bool,
    seen: u64,
}

impl Drainer {
    /// A drain for the answer to a HEAD request (no body) or another request.
    pub fn new(head_request: bool) -> Drainer {
        Drainer {
            parser: ResponseParser::new(ParseOptions {
                head_request,
                ..ParseOptions::default()
            }),
            body: None,
            head_request,
            seen: 0,
        }
    }

    pub fn feed(&mut self, mut input: &[u8]) -> Drained {
        loop {
            if self.body.is_none() {
                let head = match self.parser.feed_with(input, &mut |_| Ok(())) {
                    // HTTP/0.9 is never allowed here: nothing frames it.
                    Err(_) | Ok(Parse::Http09 { .. }) => return Drained::GiveUp,
                    Ok(Parse::NeedMore) => return self.count(input.len(), Drained::More),
                    Ok(Parse::Head(head)) => head,
                };
                input = &input[head.consumed..];
                if let Drained::GiveUp = self.count(head.consumed, Drained::More) {
                    return Drained::GiveUp;
                }
                if head.informational {
                    continue;
                }
                let body = BodyDecoder::for_response(
                    &head,
                    BodyOptions {
                        no_body: self.head_request || head.bodyless,
                        transfer_decoding: true,
                    },
                );
                let too_long = matches!(body, BodyDecoder::Length(n) if n > DRAIN_LIMIT);
                if !head.keep_alive || matches!(body, BodyDecoder::UntilClose) || too_long {
                    return Drained::GiveUp;
                }
                self.body = Some(body);
            }
            let body = self.body.as_mut().expect("set above");
            if body.is_complete() {
                return Drained::Done {
                    excess: input.len(),
                };
            }
            return match body.decode(input, &mut |_| Ok(())) {
                Err(_) => Drained::GiveUp,
                Ok(p) if p.complete => self.count(
                    p.consumed,
                    Drained::Done {
                        excess: input.len() - p.consumed,
                    },
                ),
                Ok(p) => self.count(p.consumed, Drained::More),
            };
        }
    }

    /// Counts `n` more bytes read; past the limit the drain gives up.
    fn count(&mut self, n: usize, then: Drained) -> Drained {
        self.seen += n as u64;
        if self.seen > DRAIN_LIMIT {
            Drained::GiveUp
        } else {
            then
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drain_all(head: bool, input: &[u8]) -> Drained {
        Drainer::new(head).feed(input)
    }

    #[test]
    fn a_whole_response_and_what_follows() {
        let r = b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcHTTP/1.1 200";
        assert_eq!(drain_all(false, r), Drained::Done { excess: 12 });
        let chunked =
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\nX";
        assert_eq!(drain_all(false, chunked), Drained::Done { excess: 1 });
        // A HEAD answer has no body whatever its length says.
        let head = b"HTTP/1.1 200 OK\r\nContent-Length: 30\r\n\r\nnext";
        assert_eq!(drain_all(true, head), Drained::Done { excess: 4 });
        let informational = b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n";
        assert_eq!(drain_all(false, informational), Drained::Done { excess: 0 });
    }

    #[test]
    fn in_pieces() {
        let r = b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello!";
        let mut d = Drainer::new(false);
        for piece in r[..r.len() - 3].chunks(4) {
            assert_eq!(d.feed(piece), Drained::More);
        }
        assert_eq!(d.feed(&r[r.len() - 3..]), Drained::Done { excess: 1 });
    }

    #[test]
    fn gives_up_where_it_cannot_frame_or_should_not_read() {
        let until_close = b"HTTP/1.1 200 OK\r\n\r\nand so on";
        assert_eq!(drain_all(false, until_close), Drained::GiveUp);
        let closing = b"HTTP/1.1 200 OK\r\nContent-Length: 1\r\nConnection: close\r\n\r\nx";
        assert_eq!(drain_all(false, closing), Drained::GiveUp);
        let huge = b"HTTP/1.1 200 OK\r\nContent-Length: 2000000\r\n\r\n";
        assert_eq!(drain_all(false, huge), Drained::GiveUp);
        assert_eq!(drain_all(false, b"garbage\r\n\r\n"), Drained::GiveUp);
        let mut d = Drainer::new(false);
        let head = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
        assert_eq!(d.feed(head), Drained::More);
        let chunk = format!("{:x}\r\n", 4 << 20);
        assert_eq!(d.feed(chunk.as_bytes()), Drained::More);
        assert_eq!(d.feed(&vec![b'z'; (1 << 20) + 1]), Drained::GiveUp);
    }
}
