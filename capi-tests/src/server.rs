//! A scripted HTTP/1.1 test server on loopback.
//!
//! A test describes what the server answers as a [`Script`]: an ordered list of [`Reply`]s
//! (the n-th request the server reads, on any connection, gets the n-th reply) and optionally
//! replies chosen by request target. Replies are raw bytes, so a test can send anything —
//! malformed heads, chunked bodies, 1xx responses — plus an action (close, reset, stall,
//! truncate, hold, trickle). The server records exactly the bytes of every request it read,
//! with the index of the connection it came on.
//!
//! Requests are framed the way a real server frames them (head up to `\r\n\r\n`, then a
//! `Content-Length` or chunked body) so keep-alive and pipelining work; the raw bytes are kept,
//! not the decoded body, because the tests compare what the client put on the wire.
//!
//! Only loopback addresses are ever bound (127.0.0.1 or ::1).

use std::collections::{HashMap, VecDeque};
use std::io::{self, ErrorKind, Read, Write};
use std::net::{Ipv4Addr, Ipv6Addr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use crate::lock;
use socket2::{Domain, SockRef, Socket, Type};

/// Largest request head the server accepts; a bigger one is a client bug worth failing on.
const MAX_HEAD: usize = 1 << 20;
/// How long `hold_until` waits for the further requests before answering anyway, so that a
/// client which never pipelines cannot hang a test.
const HOLD_LIMIT: Duration = Duration::from_secs(5);
/// How long a graceful close waits for the client to close its side.
const DRAIN_LIMIT: Duration = Duration::from_secs(2);
/// Granularity of interruptible sleeps: a dropped server stops its threads within this.
const TICK: Duration = Duration::from_millis(10);

/// What the connection does after a reply has been sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum After {
    /// Read the next request on the same connection.
    KeepAlive,
    /// Half-close, let the client read everything, then close (a FIN, never a reset).
    Close,
    /// SO_LINGER 0 then close: the client sees a TCP reset.
    Reset,
}

/// How a request carrying `Expect: 100-continue` is treated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Continue {
    /// Send `HTTP/1.1 100 Continue` before reading the body, as ordinary servers do.
    Send,
    /// Say nothing and wait for the body (the client sends it after its expect timeout).
    Ignore,
    /// Answer with the reply at once without reading the body, then close (the unread body
    /// would otherwise be taken for the next request).
    ReplyFirst,
}

/// One scripted response and what the server does around it.
#[derive(Clone, Debug)]
pub struct Reply {
    bytes: Vec<u8>,
    after: After,
    stall: Option<Duration>,
    byte_delay: Option<Duration>,
    truncate: Option<usize>,
    pause_after: Option<(usize, Duration)>,
    reset_after_body: Option<usize>,
    hold_until: Option<usize>,
    expect: Continue,
    silent: bool,
    templated: bool,
}

impl Reply {
    /// Exactly these bytes, nothing added.
    pub fn raw(bytes: impl AsRef<[u8]>) -> Reply {
        Reply {
            bytes: bytes.as_ref().to_vec(),
            after: After::KeepAlive,
            stall: None,
            byte_delay: None,
            truncate: None,
            pause_after: None,
            reset_after_body: None,
            hold_until: None,
            expect: Continue::Send,
            silent: false,
            templated: false,
        }
    }

    /// `200 OK` with a `text/plain` body and its `Content-Length`.
    pub fn ok(body: impl AsRef<[u8]>) -> Reply {
        Reply::status(200, &[("Content-Type", "text/plain")], body)
    }

    /// A response with the given status, headers (in this order) and body; `Content-Length` is
    /// added last. The reason phrase is the usual one for the code.
    pub fn status(code: u16, headers: &[(&str, &str)], body: impl AsRef<[u8]>) -> Reply {
        let body = body.as_ref();
        let mut head = format!("HTTP/1.1 {code} {}\r\n", reason(code));
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
        let mut bytes = head.into_bytes();
        bytes.extend_from_slice(body);
        Reply::raw(bytes)
    }

    /// A redirect (`301`, `302`, `303`, `307`, `308`) to `location`, with a short body.
    /// The location may name the server itself as `{url}`, `{host}` or `{port}` (see
    /// [`Reply::templated`]).
    pub fn redirect(code: u16, location: &str) -> Reply {
        Reply::status(code, &[("Location", location)], "moved\n").templated()
    }

    /// `200 OK` with a chunked body made of exactly these chunks (empty ones are skipped, as
    /// a zero-size chunk would end the body).
    pub fn chunked<C: AsRef<[u8]>>(chunks: &[C]) -> Reply {
        let mut bytes = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
        for chunk in chunks.iter().map(AsRef::as_ref).filter(|c| !c.is_empty()) {
            bytes.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
            bytes.extend_from_slice(chunk);
            bytes.extend_from_slice(b"\r\n");
        }
        bytes.extend_from_slice(b"0\r\n\r\n");
        Reply::raw(bytes)
    }

    /// Never answer: keep the connection open, reading and discarding, until the client
    /// closes it (or the server is dropped).
    pub fn none() -> Reply {
        Reply {
            silent: true,
            ..Reply::raw(b"")
        }
    }

    /// Replace `{url}` (`http://HOST:PORT`), `{host}` (`HOST:PORT`) and `{port}` in the bytes
    /// with the running server's own, when sent: a script is written before the port is known.
    /// Meant for heads; a `Content-Length` computed earlier is not adjusted.
    pub fn templated(mut self) -> Reply {
        self.templated = true;
        self
    }

    /// Close the connection (gracefully) after this reply.
    pub fn then_close(mut self) -> Reply {
        self.after = After::Close;
        self
    }

    /// Reset the connection (SO_LINGER 0) after this reply.
    pub fn then_reset(mut self) -> Reply {
        self.after = After::Reset;
        self
    }

    /// Wait `ms` milliseconds before sending anything.
    pub fn stall(mut self, ms: u64) -> Reply {
        self.stall = Some(Duration::from_millis(ms));
        self
    }

    /// Send the bytes one at a time, `ms` milliseconds apart.
    pub fn byte_delay(mut self, ms: u64) -> Reply {
        self.byte_delay = Some(Duration::from_millis(ms));
        self
    }

    /// Send only the first `n` bytes, then close the connection.
    pub fn truncate(mut self, n: usize) -> Reply {
        self.truncate = Some(n);
        self.after = After::Close;
        self
    }

    /// Send the first `n` bytes, then wait `ms` milliseconds before the rest: a transfer that
    /// stalls at a known point (mid-body, say), so progress counts at a timeout are exact.
    pub fn pause_after(mut self, n: usize, ms: u64) -> Reply {
        self.pause_after = Some((n, Duration::from_millis(ms)));
        self
    }

    /// Read the request head and only the first `n` bytes of its body, record that much, then
    /// reset the connection without answering: a server that gives up on a large upload
    /// while the client is still sending (the client's next writes fail: EPIPE/ECONNRESET).
    pub fn reset_after_body(mut self, n: usize) -> Reply {
        self.reset_after_body = Some(n);
        self.after = After::Reset;
        self
    }

    /// Hold this reply until `k` requests in total have arrived on this connection (this one
    /// included), so pipelined requests are all on the wire before the first answer.
    pub fn hold_until(mut self, k: usize) -> Reply {
        self.hold_until = Some(k);
        self
    }

    /// On `Expect: 100-continue`, do not send `100 Continue`; wait for the body instead.
    pub fn no_continue(mut self) -> Reply {
        self.expect = Continue::Ignore;
        self
    }

    /// On `Expect: 100-continue`, answer with this reply before the body arrives, then close.
    pub fn before_body(mut self) -> Reply {
        self.expect = Continue::ReplyFirst;
        self
    }
}

/// The usual reason phrase, so scripted heads read like real ones.
fn reason(code: u16) -> &'static str {
    match code {
        100 => "Continue",
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        206 => "Partial Content",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        417 => "Expectation Failed",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

/// What a server answers: replies in order, and replies by request target.
#[derive(Clone, Debug, Default)]
pub struct Script {
    replies: Vec<Reply>,
    routes: Vec<(String, Reply)>,
    otherwise: Option<Reply>,
    ipv6: bool,
}

impl Script {
    pub fn new() -> Script {
        Script::default()
    }

    /// Append a reply to the ordered list.
    pub fn reply(mut self, reply: Reply) -> Script {
        self.replies.push(reply);
        self
    }

    /// Answer every request whose target is exactly `target` (path and query, as sent) with
    /// `reply`; routes take precedence over the ordered list and are never used up.
    pub fn route(mut self, target: &str, reply: Reply) -> Script {
        self.routes.push((target.to_string(), reply));
        self
    }

    /// The reply for every request once the ordered list is used up (by default a `500` that
    /// says the script ran out, then close).
    pub fn otherwise(mut self, reply: Reply) -> Script {
        self.otherwise = Some(reply);
        self
    }

    /// Listen on [::1] instead of 127.0.0.1.
    pub fn ipv6(mut self) -> Script {
        self.ipv6 = true;
        self
    }
}

impl From<Vec<Reply>> for Script {
    fn from(replies: Vec<Reply>) -> Script {
        Script {
            replies,
            ..Script::default()
        }
    }
}

impl From<Reply> for Script {
    fn from(reply: Reply) -> Script {
        Script::from(vec![reply])
    }
}

/// A request as received.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// Index of the connection it came on, in accept order from 0.
    pub conn: usize,
    /// The exact bytes: head and (raw, still chunk-encoded) body.
    pub raw: Vec<u8>,
}

impl Request {
    /// The raw bytes as text (lossy), for assertions and messages.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.raw).into_owned()
    }
}

/// State shared between the test, the accept thread and the connection threads.
struct Shared {
    replies: Mutex<VecDeque<Reply>>,
    routes: Vec<(String, Reply)>,
    otherwise: Option<Reply>,
    requests: Mutex<Vec<Request>>,
    accepted: AtomicUsize,
    /// Held replies that went out after `HOLD_LIMIT` without their requests.
    holds_expired: AtomicUsize,
    stop: AtomicBool,
    /// Clones of the open connections' streams, so dropping the server can unblock their
    /// readers. A connection removes its own when it ends: the clone would keep the socket
    /// open, and a close or reset would never reach the client.
    streams: Mutex<HashMap<usize, TcpStream>>,
    workers: Mutex<Vec<JoinHandle<()>>>,
}

impl Shared {
    fn stopped(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }

    /// The reply for a request target: a route if one matches, else the next in order, else
    /// the fallback, else a 500 that says the script ran out (and closes, as nothing further
    /// is scripted).
    fn pick(&self, target: &str) -> Reply {
        if let Some((_, r)) = self.routes.iter().find(|(t, _)| t == target) {
            return r.clone();
        }
        if let Some(r) = lock(&self.replies).pop_front() {
            return r;
        }
        self.otherwise.clone().unwrap_or_else(|| {
            Reply::status(500, &[], format!("no scripted reply left for {target}\n")).then_close()
        })
    }

    /// Sleep `d`, waking early when the server is dropped. Returns false if it was.
    fn sleep(&self, d: Duration) -> bool {
        let end = Instant::now() + d;
        while Instant::now() < end {
            if self.stopped() {
                return false;
            }
            thread::sleep(TICK.min(end.saturating_duration_since(Instant::now())));
        }
        !self.stopped()
    }
}

/// A running scripted server. Dropping it stops all its threads.
pub struct Server {
    addr: SocketAddr,
    shared: Arc<Shared>,
    acceptor: Option<JoinHandle<()>>,
}

impl Server {
    /// Bind an ephemeral loopback port and start serving `script`.
    pub fn start(script: impl Into<Script>) -> Server {
        let script = script.into();
        let ip: std::net::IpAddr = if script.ipv6 {
            Ipv6Addr::LOCALHOST.into()
        } else {
            Ipv4Addr::LOCALHOST.into()
        };
        let listener = TcpListener::bind((ip, 0)).expect("bind a loopback port for the server");
        let addr = listener.local_addr().expect("server address");
        let shared = Arc::new(Shared {
            replies: Mutex::new(script.replies.into()),
            routes: script.routes,
            otherwise: script.otherwise,
            requests: Mutex::new(Vec::new()),
            accepted: AtomicUsize::new(0),
            holds_expired: AtomicUsize::new(0),
            stop: AtomicBool::new(false),
            streams: Mutex::new(HashMap::new()),
            workers: Mutex::new(Vec::new()),
        });
        let sh = Arc::clone(&shared);
        let acceptor = thread::Builder::new()
            .name(format!("server-{}", addr.port()))
            .spawn(move || accept_loop(listener, sh))
            .expect("spawn the accept thread");
        Server {
            addr,
            shared,
            acceptor: Some(acceptor),
        }
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `127.0.0.1:PORT` or `[::1]:PORT`: what a client puts in `Host:`.
    pub fn host(&self) -> String {
        self.addr.to_string()
    }

    /// `http://HOST:PORT` followed by `path` (which should start with `/`).
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// Every complete request read so far, in arrival order.
    pub fn requests(&self) -> Vec<Request> {
        lock(&self.shared.requests).clone()
    }

    /// The requests as text, in arrival order.
    pub fn request_texts(&self) -> Vec<String> {
        self.requests().iter().map(Request::text).collect()
    }

    /// How many connections were accepted so far.
    pub fn connections_accepted(&self) -> usize {
        self.shared.accepted.load(Ordering::SeqCst)
    }

    /// How many `hold_until` replies went out without all their requests having come (the
    /// client did not pipeline as deep as the test expected).
    pub fn holds_expired(&self) -> usize {
        self.shared.holds_expired.load(Ordering::SeqCst)
    }

    /// Wait until at least `n` requests were recorded (or `limit` passed); returns how many
    /// there are. Useful when the client gives up before the server has read everything.
    pub fn wait_for_requests(&self, n: usize, limit: Duration) -> usize {
        let end = Instant::now() + limit;
        loop {
            let have = lock(&self.shared.requests).len();
            if have >= n || Instant::now() >= end {
                return have;
            }
            thread::sleep(TICK);
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        // The acceptor blocks in accept(): a connection of our own wakes it to see the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        for s in lock(&self.shared.streams).values() {
            let _ = s.shutdown(Shutdown::Both);
        }
        if let Some(h) = self.acceptor.take() {
            let _ = h.join();
        }
        let workers: Vec<_> = lock(&self.shared.workers).drain(..).collect();
        for w in workers {
            let _ = w.join();
        }
    }
}

fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    for stream in listener.incoming() {
        if shared.stopped() {
            break;
        }
        let Ok(stream) = stream else { continue };
        let index = shared.accepted.fetch_add(1, Ordering::SeqCst);
        // Scripted timing (byte delays, truncation) must reach the client as written.
        let _ = stream.set_nodelay(true);
        if let Ok(clone) = stream.try_clone() {
            lock(&shared.streams).insert(index, clone);
        }
        let sh = Arc::clone(&shared);
        let handle = thread::Builder::new()
            .name(format!("conn-{index}"))
            .spawn(move || {
                let mut conn = Conn {
                    stream,
                    buf: Vec::new(),
                    index,
                    received: 0,
                    shared: sh,
                };
                // An I/O error only means the client went away; what it sent is recorded.
                let _ = conn.serve();
                lock(&conn.shared.streams).remove(&conn.index);
            })
            .expect("spawn a connection thread");
        lock(&shared.workers).push(handle);
    }
}

/// A request read and recorded, waiting for its reply to be sent.
struct Pending {
    reply: Reply,
    /// The body was not read (`before_body`): the connection cannot be reused.
    desynced: bool,
}

struct Conn {
    stream: TcpStream,
    /// Bytes read but not yet consumed by request framing.
    buf: Vec<u8>,
    index: usize,
    /// Requests read on this connection so far.
    received: usize,
    shared: Arc<Shared>,
}

impl Conn {
    fn serve(&mut self) -> io::Result<()> {
        let mut queue: VecDeque<Pending> = VecDeque::new();
        loop {
            if queue.is_empty() {
                match self.read_request()? {
                    Some(p) => queue.push_back(p),
                    None => return Ok(()),
                }
            }
            let Some(p) = queue.pop_front() else {
                return Ok(());
            };
            if let Some(k) = p.reply.hold_until {
                let end = Instant::now() + HOLD_LIMIT;
                while self.received < k && Instant::now() < end && !p.desynced {
                    self.stream.set_read_timeout(Some(
                        end.saturating_duration_since(Instant::now()).max(TICK),
                    ))?;
                    match self.read_request() {
                        Ok(Some(more)) => queue.push_back(more),
                        Ok(None) => break,
                        Err(e) if is_timeout(&e) => break,
                        Err(e) => return Err(e),
                    }
                }
                self.stream.set_read_timeout(None)?;
                if self.received < k {
                    self.shared.holds_expired.fetch_add(1, Ordering::SeqCst);
                }
            }
            if p.reply.silent {
                return self.discard_until_eof();
            }
            if p.reply.reset_after_body.is_some() {
                SockRef::from(&self.stream).set_linger(Some(Duration::ZERO))?;
                return Ok(());
            }
            if !self.send(&p.reply)? {
                return Ok(());
            }
            let after = if p.desynced {
                After::Close
            } else {
                p.reply.after
            };
            match after {
                After::KeepAlive => {}
                After::Close => return self.close_gracefully(),
                After::Reset => {
                    SockRef::from(&self.stream).set_linger(Some(Duration::ZERO))?;
                    return Ok(());
                }
            }
        }
    }

    /// Read more bytes into `buf`; `Ok(false)` on end of stream.
    fn fill(&mut self) -> io::Result<bool> {
        if self.shared.stopped() {
            return Ok(false);
        }
        let mut chunk = [0u8; 16384];
        let n = self.stream.read(&mut chunk)?;
        self.buf.extend_from_slice(&chunk[..n]);
        Ok(n > 0)
    }

    /// Make sure `buf` holds at least `n` bytes; false if the stream ended first.
    fn need(&mut self, n: usize) -> io::Result<bool> {
        while self.buf.len() < n {
            if !self.fill()? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Read one whole request, pick its reply, record it. `None` when the client closed
    /// (an incomplete request at that point is dropped: it was never a request).
    fn read_request(&mut self) -> io::Result<Option<Pending>> {
        let head_len = loop {
            if let Some(pos) = find(&self.buf, b"\r\n\r\n") {
                break pos + 4;
            }
            if self.buf.len() > MAX_HEAD {
                return Err(io::Error::new(
                    ErrorKind::InvalidData,
                    "request head too big",
                ));
            }
            if !self.fill()? {
                return Ok(None);
            }
        };
        let head = Head::parse(&self.buf[..head_len]);
        let reply = self.shared.pick(&head.target);
        if let Some(n) = reply.reset_after_body {
            return self.read_partial_body(head_len, n, reply);
        }
        let has_body = head.chunked || head.content_length.unwrap_or(0) > 0;
        let mut desynced = false;
        let mut end = head_len;
        if has_body && head.expect_continue && self.buf.len() == head_len {
            match reply.expect {
                Continue::Send => self.stream.write_all(b"HTTP/1.1 100 Continue\r\n\r\n")?,
                Continue::Ignore => {}
                Continue::ReplyFirst => desynced = true,
            }
        }
        if !desynced {
            end = match self.body_end(&head, head_len)? {
                Some(end) => end,
                None => return Ok(None),
            };
        }
        let raw: Vec<u8> = self.buf.drain(..end).collect();
        self.received += 1;
        lock(&self.shared.requests).push(Request {
            conn: self.index,
            raw,
        });
        Ok(Some(Pending { reply, desynced }))
    }

    /// For `reset_after_body`: answer `Expect: 100-continue` as usual, read up to `n` body bytes
    /// and record exactly the head and those bytes (what else had arrived is not part of it).
    fn read_partial_body(
        &mut self,
        head_len: usize,
        n: usize,
        reply: Reply,
    ) -> io::Result<Option<Pending>> {
        let head = Head::parse(&self.buf[..head_len]);
        if head.expect_continue && self.buf.len() == head_len && reply.expect == Continue::Send {
            self.stream.write_all(b"HTTP/1.1 100 Continue\r\n\r\n")?;
        }
        // The stream may end first: what arrived is recorded all the same.
        let _ = self.need(head_len + n)?;
        let end = self.buf.len().min(head_len + n);
        let raw = self.buf[..end].to_vec();
        self.buf.clear();
        self.received += 1;
        lock(&self.shared.requests).push(Request {
            conn: self.index,
            raw,
        });
        Ok(Some(Pending {
            reply,
            desynced: true,
        }))
    }

    /// Where the body that follows a head ending at `start` ends in `buf` (reading as needed).
    fn body_end(&mut self, head: &Head, start: usize) -> io::Result<Option<usize>> {
        if head.chunked {
            let mut pos = start;
            loop {
                let line_end = loop {
                    if let Some(i) = find(&self.buf[pos..], b"\r\n") {
                        break pos + i;
                    }
                    if !self.fill()? {
                        return Ok(None);
                    }
                };
                let line = String::from_utf8_lossy(&self.buf[pos..line_end]).into_owned();
                let hex = line.split(';').next().unwrap_or("").trim();
                let size = usize::from_str_radix(hex, 16).map_err(|_| {
                    io::Error::new(ErrorKind::InvalidData, format!("bad chunk size {line:?}"))
                })?;
                pos = line_end + 2;
                if size == 0 {
                    // Trailers, if any, end with an empty line.
                    loop {
                        let e = loop {
                            if let Some(i) = find(&self.buf[pos..], b"\r\n") {
                                break pos + i;
                            }
                            if !self.fill()? {
                                return Ok(None);
                            }
                        };
                        let empty = e == pos;
                        pos = e + 2;
                        if empty {
                            return Ok(Some(pos));
                        }
                    }
                }
                if !self.need(pos + size + 2)? {
                    return Ok(None);
                }
                pos += size + 2;
            }
        }
        let end = start + head.content_length.unwrap_or(0);
        Ok(if self.need(end)? { Some(end) } else { None })
    }

    /// Send a reply with its timing; false if the server was dropped meanwhile.
    fn send(&mut self, reply: &Reply) -> io::Result<bool> {
        if let Some(d) = reply.stall {
            if !self.shared.sleep(d) {
                return Ok(false);
            }
        }
        let expanded;
        let full: &[u8] = if reply.templated {
            expanded = self.expand(&reply.bytes);
            &expanded
        } else {
            &reply.bytes
        };
        let bytes = match reply.truncate {
            Some(n) => &full[..n.min(full.len())],
            None => full,
        };
        if let Some((n, d)) = reply.pause_after {
            let n = n.min(bytes.len());
            self.stream.write_all(&bytes[..n])?;
            self.stream.flush()?;
            if !self.shared.sleep(d) {
                return Ok(false);
            }
            self.stream.write_all(&bytes[n..])?;
            self.stream.flush()?;
            return Ok(true);
        }
        match reply.byte_delay {
            Some(d) => {
                for (i, b) in bytes.iter().enumerate() {
                    if i > 0 && !self.shared.sleep(d) {
                        return Ok(false);
                    }
                    self.stream.write_all(std::slice::from_ref(b))?;
                }
            }
            None => self.stream.write_all(bytes)?,
        }
        self.stream.flush()?;
        Ok(true)
    }

    fn expand(&self, bytes: &[u8]) -> Vec<u8> {
        let addr = self
            .stream
            .local_addr()
            .expect("connected socket has an address");
        String::from_utf8_lossy(bytes)
            .replace("{url}", &format!("http://{addr}"))
            .replace("{host}", &addr.to_string())
            .replace("{port}", &addr.port().to_string())
            .into_bytes()
    }

    /// FIN first, then read until the client closes too: closing a socket with unread input
    /// would send a reset, and the client would see a different error than a plain close.
    fn close_gracefully(&mut self) -> io::Result<()> {
        self.stream.shutdown(Shutdown::Write)?;
        self.stream.set_read_timeout(Some(DRAIN_LIMIT))?;
        let mut sink = [0u8; 4096];
        let end = Instant::now() + DRAIN_LIMIT;
        while Instant::now() < end && !self.shared.stopped() {
            match self.stream.read(&mut sink) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(_) => break,
            }
        }
        Ok(())
    }

    fn discard_until_eof(&mut self) -> io::Result<()> {
        let mut sink = [0u8; 4096];
        while !self.shared.stopped() {
            if self.stream.read(&mut sink)? == 0 {
                break;
            }
        }
        Ok(())
    }
}

fn is_timeout(e: &io::Error) -> bool {
    matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The parts of a request head that framing and routing need.
#[derive(Debug, Default)]
struct Head {
    target: String,
    content_length: Option<usize>,
    chunked: bool,
    expect_continue: bool,
}

impl Head {
    fn parse(bytes: &[u8]) -> Head {
        let text = String::from_utf8_lossy(bytes);
        let mut lines = text.split("\r\n");
        let mut head = Head {
            target: lines
                .next()
                .and_then(|l| l.split(' ').nth(1))
                .unwrap_or("")
                .to_string(),
            ..Head::default()
        };
        for line in lines {
            let Some((name, value)) = line.split_once(':') else {
                continue;
            };
            let (name, value) = (name.trim(), value.trim());
            if name.eq_ignore_ascii_case("content-length") {
                head.content_length = value.parse().ok();
            } else if name.eq_ignore_ascii_case("transfer-encoding") {
                head.chunked = value.to_ascii_lowercase().contains("chunked");
            } else if name.eq_ignore_ascii_case("expect") {
                head.expect_continue = value.eq_ignore_ascii_case("100-continue");
            }
        }
        head
    }
}

/// A loopback port that is bound but not listening: connecting to it is refused. Keeping it
/// bound stops anything else from taking the port while the test runs.
pub struct RefusedPort {
    _socket: Socket,
    port: u16,
}

impl RefusedPort {
    pub fn new() -> RefusedPort {
        let socket = Socket::new(Domain::IPV4, Type::STREAM, None).expect("socket");
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, 0));
        socket.bind(&addr.into()).expect("bind a loopback port");
        let port = socket
            .local_addr()
            .ok()
            .and_then(|a| a.as_socket())
            .map(|a| a.port())
            .expect("bound port");
        RefusedPort {
            _socket: socket,
            port,
        }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{}", self.port, path)
    }
}

impl Default for RefusedPort {
    fn default() -> Self {
        RefusedPort::new()
    }
}

/// A loopback listener that accepts connections and never sends a byte: for timeouts.
pub struct BlackHole {
    server: Server,
}

impl BlackHole {
    pub fn new() -> BlackHole {
        // A server that leaves every request unanswered is exactly a black hole.
        BlackHole {
            server: Server::start(Script::new().otherwise(Reply::none())),
        }
    }

    pub fn port(&self) -> u16 {
        self.server.port()
    }

    pub fn url(&self, path: &str) -> String {
        self.server.url(path)
    }

    pub fn connections_accepted(&self) -> usize {
        self.server.connections_accepted()
    }
}

impl Default for BlackHole {
    fn default() -> Self {
        BlackHole::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn connect(s: &Server) -> TcpStream {
        let c = TcpStream::connect(s.addr()).unwrap();
        c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        c
    }

    fn read_all(c: &mut TcpStream) -> Vec<u8> {
        let mut out = Vec::new();
        c.read_to_end(&mut out).unwrap();
        out
    }

    /// Read exactly `n` bytes.
    fn read_n(c: &mut TcpStream, n: usize) -> Vec<u8> {
        let mut out = vec![0; n];
        c.read_exact(&mut out).unwrap();
        out
    }

    #[test]
    fn serves_in_order_on_one_connection_and_records_bytes() {
        let s = Server::start(vec![Reply::ok("one"), Reply::ok("two").then_close()]);
        let mut c = connect(&s);
        let r1 = b"GET /a HTTP/1.1\r\nHost: x\r\n\r\n";
        c.write_all(r1).unwrap();
        let first = Reply::ok("one").bytes;
        assert_eq!(read_n(&mut c, first.len()), first);
        let r2 = b"POST /b HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello";
        c.write_all(r2).unwrap();
        let rest = read_all(&mut c);
        assert_eq!(rest, Reply::ok("two").bytes);
        let reqs = s.requests();
        assert_eq!(reqs.len(), 2);
        assert_eq!(
            reqs[0],
            Request {
                conn: 0,
                raw: r1.to_vec()
            }
        );
        assert_eq!(
            reqs[1],
            Request {
                conn: 0,
                raw: r2.to_vec()
            }
        );
        assert_eq!(s.connections_accepted(), 1);
    }

    #[test]
    fn chunked_request_is_framed_and_kept_raw() {
        let s = Server::start(vec![Reply::ok("a"), Reply::ok("b").then_close()]);
        let mut c = connect(&s);
        let req = b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n0\r\nT: 1\r\n\r\n";
        // Split across writes so the framing has to wait for more input.
        c.write_all(&req[..20]).unwrap();
        thread::sleep(Duration::from_millis(20));
        c.write_all(&req[20..]).unwrap();
        let a = Reply::ok("a").bytes;
        assert_eq!(read_n(&mut c, a.len()), a);
        c.write_all(b"GET /next HTTP/1.1\r\n\r\n").unwrap();
        assert_eq!(read_all(&mut c), Reply::ok("b").bytes);
        assert_eq!(s.requests()[0].raw, req.to_vec());
        assert_eq!(s.request_texts()[1], "GET /next HTTP/1.1\r\n\r\n");
    }

    #[test]
    fn routes_win_over_order_and_unscripted_gets_500() {
        let s = Server::start(
            Script::new()
                .route("/r", Reply::ok("routed").then_close())
                .reply(Reply::ok("ordered").then_close()),
        );
        for (path, want) in [("/r", "routed"), ("/x", "ordered"), ("/r", "routed")] {
            let mut c = connect(&s);
            c.write_all(format!("GET {path} HTTP/1.1\r\n\r\n").as_bytes())
                .unwrap();
            let got = String::from_utf8(read_all(&mut c)).unwrap();
            assert!(got.ends_with(want), "{path}: {got}");
        }
        let mut c = connect(&s);
        c.write_all(b"GET /y HTTP/1.1\r\n\r\n").unwrap();
        let got = String::from_utf8(read_all(&mut c)).unwrap();
        assert!(got.starts_with("HTTP/1.1 500"), "{got}");
        assert_eq!(s.connections_accepted(), 4);
        let conns: Vec<usize> = s.requests().iter().map(|r| r.conn).collect();
        assert_eq!(conns, vec![0, 1, 2, 3]);
    }

    #[test]
    fn expect_continue_modes() {
        let s = Server::start(vec![
            Reply::ok("sent").then_close(),
            Reply::status(417, &[], "").before_body(),
        ]);
        let head = b"PUT /u HTTP/1.1\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n";
        let mut c = connect(&s);
        c.write_all(head).unwrap();
        let cont = b"HTTP/1.1 100 Continue\r\n\r\n";
        assert_eq!(read_n(&mut c, cont.len()), cont.to_vec());
        c.write_all(b"abc").unwrap();
        assert_eq!(read_all(&mut c), Reply::ok("sent").bytes);

        let mut c = connect(&s);
        c.write_all(head).unwrap();
        let got = String::from_utf8(read_all(&mut c)).unwrap();
        assert!(got.starts_with("HTTP/1.1 417"), "{got}");
        let reqs = s.requests();
        assert_eq!(reqs[0].raw, [&head[..], b"abc"].concat());
        assert_eq!(reqs[1].raw, head.to_vec());
    }

    #[test]
    fn truncate_stall_and_byte_delay() {
        let s = Server::start(vec![
            Reply::ok("0123456789").truncate(20),
            Reply::raw("HTTP/1.1 204 No Content\r\n\r\n")
                .stall(100)
                .byte_delay(1)
                .then_close(),
        ]);
        let mut c = connect(&s);
        c.write_all(b"GET / HTTP/1.1\r\n\r\n").unwrap();
        assert_eq!(
            read_all(&mut c),
            Reply::ok("0123456789").bytes[..20].to_vec()
        );

        let mut c = connect(&s);
        let t = Instant::now();
        c.write_all(b"GET / HTTP/1.1\r\n\r\n").unwrap();
        assert_eq!(
            read_all(&mut c),
            b"HTTP/1.1 204 No Content\r\n\r\n".to_vec()
        );
        assert!(t.elapsed() >= Duration::from_millis(100));
    }

    #[test]
    fn pause_after_splits_the_reply() {
        let s = Server::start(vec![Reply::ok("0123456789")
            .pause_after(5, 200)
            .then_close()]);
        let mut c = connect(&s);
        c.write_all(b"GET / HTTP/1.1\r\n\r\n").unwrap();
        assert_eq!(read_n(&mut c, 5), Reply::ok("").bytes[..5].to_vec());
        c.set_read_timeout(Some(Duration::from_millis(100)))
            .unwrap();
        let mut b = [0u8; 1];
        assert!(
            is_timeout(&c.read(&mut b).unwrap_err()),
            "nothing during the pause"
        );
        c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        assert_eq!(
            read_all(&mut c),
            Reply::ok("0123456789").bytes[5..].to_vec()
        );
    }

    #[test]
    fn reset_after_body_records_the_part_read() {
        let s = Server::start(vec![Reply::ok("never").reset_after_body(4)]);
        let mut c = connect(&s);
        let head = b"PUT /u HTTP/1.1\r\nContent-Length: 100\r\n\r\n";
        c.write_all(head).unwrap();
        c.write_all(b"abcdefgh").unwrap();
        let mut got = Vec::new();
        let err = c.read_to_end(&mut got).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::ConnectionReset);
        assert!(got.is_empty(), "no answer before the reset");
        assert_eq!(s.requests()[0].raw, [&head[..], b"abcd"].concat());
    }

    #[test]
    fn reset_is_a_reset() {
        let s = Server::start(vec![Reply::ok("x").then_reset()]);
        let mut c = connect(&s);
        c.write_all(b"GET / HTTP/1.1\r\n\r\n").unwrap();
        let want = Reply::ok("x").bytes;
        let mut got = Vec::new();
        let mut buf = [0u8; 1024];
        let err = loop {
            match c.read(&mut buf) {
                Ok(0) => break None,
                Ok(n) => got.extend_from_slice(&buf[..n]),
                Err(e) => break Some(e),
            }
        };
        assert!(want.starts_with(&got));
        assert_eq!(
            err.map(|e| e.kind()),
            Some(ErrorKind::ConnectionReset),
            "a reset, not a clean close"
        );
    }

    #[test]
    fn hold_until_waits_for_pipelined_requests() {
        let s = Server::start(vec![
            Reply::ok("1").hold_until(3),
            Reply::ok("2"),
            Reply::ok("3").then_close(),
        ]);
        let mut c = connect(&s);
        c.write_all(b"GET /1 HTTP/1.1\r\n\r\n").unwrap();
        c.set_read_timeout(Some(Duration::from_millis(150)))
            .unwrap();
        let mut b = [0u8; 1];
        let e = c.read(&mut b).unwrap_err();
        assert!(
            is_timeout(&e),
            "nothing may arrive before the third request"
        );
        c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        c.write_all(b"GET /2 HTTP/1.1\r\n\r\nGET /3 HTTP/1.1\r\n\r\n")
            .unwrap();
        let want = [
            Reply::ok("1").bytes,
            Reply::ok("2").bytes,
            Reply::ok("3").bytes,
        ]
        .concat();
        assert_eq!(read_all(&mut c), want);
        assert_eq!(s.requests().len(), 3);
    }

    #[test]
    fn ipv6_server() {
        let s = Server::start(Script::new().ipv6().reply(Reply::ok("six").then_close()));
        assert!(s.url("/").starts_with("http://[::1]:"));
        let mut c = connect(&s);
        c.write_all(b"GET / HTTP/1.1\r\n\r\n").unwrap();
        assert_eq!(read_all(&mut c), Reply::ok("six").bytes);
    }

    #[test]
    fn dead_helpers() {
        let refused = RefusedPort::new();
        let e = TcpStream::connect(("127.0.0.1", refused.port())).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::ConnectionRefused);

        let hole = BlackHole::new();
        let mut c = TcpStream::connect(("127.0.0.1", hole.port())).unwrap();
        c.write_all(b"GET / HTTP/1.1\r\n\r\n").unwrap();
        c.set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        let mut b = [0u8; 1];
        assert!(is_timeout(&c.read(&mut b).unwrap_err()));
        assert_eq!(hole.connections_accepted(), 1);
    }

    #[test]
    fn drop_stops_a_stalled_server_promptly() {
        let s = Server::start(vec![Reply::ok("late").stall(60_000)]);
        let mut c = connect(&s);
        c.write_all(b"GET / HTTP/1.1\r\n\r\n").unwrap();
        assert_eq!(s.wait_for_requests(1, Duration::from_secs(5)), 1);
        let t = Instant::now();
        drop(s);
        assert!(t.elapsed() < Duration::from_secs(5));
    }
}
