//! A SOCKS4, SOCKS4a and SOCKS5 proxy on loopback, for tests.
//!
//! [`SocksServer`] listens on an ephemeral port of 127.0.0.1, speaks SOCKS4, SOCKS4a and
//! SOCKS5 (RFC 1928, with "no authentication" and the RFC 1929 username/password method)
//! and relays granted connections to their target. It relays to loopback only: an address
//! must be in 127.0.0.0/8 or be ::1, and a name must be `localhost`, a loopback address
//! literal or a name the test mapped ([`SocksConfig::name`]). Anything else is refused with
//! "request rejected" (SOCKS4 code 91) or "connection not allowed by ruleset" (SOCKS5 code 2),
//! and nothing is connected to.
//!
//! Every connection leaves a [`Seen`] record: the version, what the client offered and sent
//! (methods, SOCKS4 user id, SOCKS5 credentials), the requested target and port, and what
//! the server answered. A record is complete before the server's answer is written, so once
//! the client has its answer (or has exited) the record is final.
//!
//! [`SocksConfig`] makes the server refuse every request with a chosen reply code, require
//! username/password authentication, or close the connection without answering. Dropping
//! the server stops all its threads.

use std::collections::HashMap;
use std::io::{self, ErrorKind, Read, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use crate::lock;

/// How long a handshake may wait for the client's next bytes before giving up.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);
/// How long connecting to a (loopback) target may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(2);
/// How long a graceful close waits for the client to close its side.
const DRAIN_LIMIT: Duration = Duration::from_secs(2);
/// Read timeout while draining, so a dropped server is noticed promptly.
const TICK: Duration = Duration::from_millis(20);
/// Longest SOCKS4 user id or SOCKS4a host name read (they are NUL-terminated, unbounded by
/// the protocol).
const MAX_CSTR: usize = 1 << 16;

/// The protocol a client spoke.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Version {
    /// SOCKS4: the client sent an IPv4 address.
    V4,
    /// SOCKS4a: the client sent 0.0.0.x (x ≠ 0) and a host name.
    V4a,
    /// SOCKS5 (the address type tells whether the client sent a name).
    V5,
}

/// What the client asked to be connected to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// An address: SOCKS4, or SOCKS5 address type 1 (IPv4) or 4 (IPv6).
    Ip(IpAddr),
    /// A name: SOCKS4a, or SOCKS5 address type 3.
    Name(String),
}

/// When a server configured with [`SocksConfig::close_after`] closes the connection. It always
/// reads the client's message first, then closes gracefully: closing with unread input would
/// make the close a TCP reset, and the client would see a different error depending on timing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// After the first message: the SOCKS5 method greeting, or the whole SOCKS4 request.
    Greeting,
    /// After the connect request (for SOCKS5, after method selection and authentication).
    Request,
}

/// How the server answered a connection.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Verdict {
    /// The handshake did not finish: the client went away, sent something malformed or took
    /// too long ([`Seen::error`] says which).
    #[default]
    Incomplete,
    /// Granted, and relayed to this address.
    Relayed(SocketAddr),
    /// Refused with this reply code because the test said so ([`SocksConfig::refuse`]).
    Refused(u8),
    /// Refused with this reply code because the target is not on loopback (or is a name the
    /// server does not know).
    Forbidden(u8),
    /// The target was allowed, but connecting to it failed; this reply code was sent.
    Unreachable(u8),
    /// The command or address type is not supported; this reply code was sent.
    Unsupported(u8),
    /// SOCKS5: none of the offered methods was acceptable (method 0xFF was selected).
    NoAcceptableMethod,
    /// SOCKS5: the credentials were wrong (status 1 was sent).
    AuthRejected,
    /// Closed without answering, as configured ([`SocksConfig::close_after`]).
    Closed,
    /// SOCKS5: this method was selected as configured ([`SocksConfig::force_method`]), one the
    /// server cannot go on with (not 0 or 2), and the server waited for the client to close.
    MethodForced(u8),
    /// The first reply had a wrong version byte, as configured ([`SocksConfig::wrong_version`]);
    /// then the server waited for the client to close.
    WrongVersion,
}

/// What one connection to the proxy carried.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Seen {
    /// None when not even a valid version byte arrived.
    pub version: Option<Version>,
    /// SOCKS5: the authentication methods the client offered, in its order.
    pub methods: Vec<u8>,
    /// SOCKS4 and SOCKS4a: the user id (empty when the client sent none).
    pub user_id: Option<String>,
    /// SOCKS5: the username and password of the RFC 1929 sub-negotiation.
    pub credentials: Option<(String, String)>,
    /// The command code (1 is CONNECT).
    pub command: Option<u8>,
    pub target: Option<Target>,
    pub port: Option<u16>,
    pub verdict: Verdict,
    /// Why the handshake did not finish, or why connecting to the target failed.
    pub error: Option<String>,
}

/// How a [`SocksServer`] behaves. The default relays every loopback request, without
/// authentication.
#[derive(Clone, Debug)]
pub struct SocksConfig {
    /// Lower-cased names the server resolves, to loopback addresses (port 0: the requested).
    names: HashMap<String, SocketAddr>,
    credentials: Option<(String, String)>,
    /// The reply codes for SOCKS4 and SOCKS5 when every request is refused.
    refuse: Option<(u8, u8)>,
    close_after: Option<Stage>,
    force_method: Option<u8>,
    wrong_version: bool,
}

impl Default for SocksConfig {
    fn default() -> Self {
        SocksConfig::new()
    }
}

impl SocksConfig {
    pub fn new() -> SocksConfig {
        SocksConfig {
            names: HashMap::new(),
            credentials: None,
            refuse: None,
            close_after: None,
            force_method: None,
            wrong_version: false,
        }
    }

    /// Resolve `name` (case-insensitively) to `addr`, which must be a loopback address; a port
    /// of 0 means the port the client asked for. `localhost` needs no mapping (it is
    /// 127.0.0.1).
    pub fn name(mut self, name: &str, addr: SocketAddr) -> SocksConfig {
        assert!(
            addr.ip().is_loopback(),
            "the SOCKS test server relays to loopback only, not {addr}"
        );
        self.names.insert(name.to_ascii_lowercase(), addr);
        self
    }

    /// SOCKS5: select username/password authentication (method 2), or "no acceptable
    /// methods" when the client does not offer it, and accept only these credentials (any
    /// other gets status 1 and the connection is closed). SOCKS4 is not affected.
    pub fn require_auth(mut self, user: &str, password: &str) -> SocksConfig {
        self.credentials = Some((user.to_string(), password.to_string()));
        self
    }

    /// Refuse every connect request: SOCKS5 with reply code `socks5_code`, SOCKS4 with 91
    /// ("request rejected or failed"). The reply comes after the whole request was read
    /// (and SOCKS5 authentication done), so it is recorded in full.
    pub fn refuse(self, socks5_code: u8) -> SocksConfig {
        self.refuse_with(91, socks5_code)
    }

    /// Refuse every connect request with these reply codes (SOCKS4: 91, 92 or 93 are the
    /// defined ones).
    pub fn refuse_with(mut self, socks4_code: u8, socks5_code: u8) -> SocksConfig {
        self.refuse = Some((socks4_code, socks5_code));
        self
    }

    /// Close every connection without answering, at `stage`.
    pub fn close_after(mut self, stage: Stage) -> SocksConfig {
        self.close_after = Some(stage);
        self
    }

    /// SOCKS5: select `method` whatever the client offered. With 2, the username/password
    /// sub-negotiation follows (checked against [`SocksConfig::require_auth`]'s credentials
    /// if set, else any are accepted); with 0, the request; with anything else the server
    /// waits for the client to give up.
    pub fn force_method(mut self, method: u8) -> SocksConfig {
        self.force_method = Some(method);
        self
    }

    /// Answer the first message with a wrong version byte, then wait for the client to give
    /// up: SOCKS4 "granted" with version 4 instead of 0, SOCKS5 a method selection (0) with
    /// version 4 instead of 5. Nothing is connected to.
    pub fn wrong_version(mut self) -> SocksConfig {
        self.wrong_version = true;
        self
    }

    pub fn start(self) -> SocksServer {
        SocksServer::start(self)
    }
}

/// State shared between the test, the accept thread and the connection threads.
struct Shared {
    config: SocksConfig,
    seen: Mutex<Vec<Seen>>,
    accepted: AtomicUsize,
    stop: AtomicBool,
    /// Clones of open sockets (client and target sides), so that dropping the server can
    /// unblock their readers. Each connection removes its own when it ends.
    streams: Mutex<HashMap<usize, TcpStream>>,
    workers: Mutex<Vec<JoinHandle<()>>>,
}

impl Shared {
    fn stopped(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }
}

/// A running SOCKS proxy on 127.0.0.1. Dropping it stops all its threads.
pub struct SocksServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    acceptor: Option<JoinHandle<()>>,
}

impl Default for SocksServer {
    fn default() -> Self {
        SocksServer::new()
    }
}

impl SocksServer {
    /// A server with the default configuration: relay every loopback request.
    pub fn new() -> SocksServer {
        SocksServer::start(SocksConfig::new())
    }

    /// Bind an ephemeral port on 127.0.0.1 and start serving.
    pub fn start(config: SocksConfig) -> SocksServer {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .expect("bind a loopback port for the SOCKS server");
        let addr = listener.local_addr().expect("SOCKS server address");
        let shared = Arc::new(Shared {
            config,
            seen: Mutex::new(Vec::new()),
            accepted: AtomicUsize::new(0),
            stop: AtomicBool::new(false),
            streams: Mutex::new(HashMap::new()),
            workers: Mutex::new(Vec::new()),
        });
        let sh = Arc::clone(&shared);
        let acceptor = thread::Builder::new()
            .name(format!("socks-{}", addr.port()))
            .spawn(move || accept_loop(listener, sh))
            .expect("spawn the SOCKS accept thread");
        SocksServer {
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

    /// `SCHEME://127.0.0.1:PORT`, for `CURLOPT_PROXY`.
    pub fn url(&self, scheme: &str) -> String {
        format!("{scheme}://{}", self.addr)
    }

    /// How many connections were accepted so far.
    pub fn connections_accepted(&self) -> usize {
        self.shared.accepted.load(Ordering::SeqCst)
    }

    /// The record of every connection so far, in accept order.
    pub fn seen(&self) -> Vec<Seen> {
        lock(&self.shared.seen).clone()
    }

    /// The records of the connections that asked for this target port, in accept order: when
    /// several clients share the proxy, each one's own (each talks to its own server).
    pub fn seen_for_port(&self, port: u16) -> Vec<Seen> {
        self.seen()
            .into_iter()
            .filter(|s| s.port == Some(port))
            .collect()
    }

    /// Wait until at least `n` connections have a verdict other than `Incomplete` (or `limit`
    /// passed); returns how many have.
    pub fn wait_for_verdicts(&self, n: usize, limit: Duration) -> usize {
        let end = Instant::now() + limit;
        loop {
            let have = lock(&self.shared.seen)
                .iter()
                .filter(|s| s.verdict != Verdict::Incomplete)
                .count();
            if have >= n || Instant::now() >= end {
                return have;
            }
            thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for SocksServer {
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
        lock(&shared.seen).push(Seen::default());
        let _ = stream.set_nodelay(true);
        if let Ok(clone) = stream.try_clone() {
            lock(&shared.streams).insert(2 * index, clone);
        }
        let sh = Arc::clone(&shared);
        let handle = thread::Builder::new()
            .name(format!("socks-conn-{index}"))
            .spawn(move || {
                let mut conn = Conn {
                    stream,
                    index,
                    shared: sh,
                };
                match conn.handshake() {
                    Ok(Some(upstream)) => conn.relay(upstream),
                    Ok(None) => {}
                    Err(e) => conn.note(|s| s.error = Some(e.to_string())),
                }
                let mut streams = lock(&conn.shared.streams);
                streams.remove(&(2 * index));
                streams.remove(&(2 * index + 1));
            })
            .expect("spawn a SOCKS connection thread");
        lock(&shared.workers).push(handle);
    }
}

fn invalid(msg: String) -> io::Error {
    io::Error::new(ErrorKind::InvalidData, msg)
}

/// Only loopback targets are ever connected to.
fn allowed(ip: IpAddr) -> bool {
    ip.is_loopback()
}

/// A SOCKS5 reply without a meaningful bound address.
fn socks5_reply(code: u8) -> [u8; 10] {
    [5, code, 0, 1, 0, 0, 0, 0, 0, 0]
}

/// The SOCKS5 reply code for a failed connect.
fn socks5_connect_error(e: &io::Error) -> u8 {
    match e.kind() {
        ErrorKind::ConnectionRefused => 5,
        ErrorKind::TimedOut | ErrorKind::WouldBlock => 4,
        _ => 1,
    }
}

struct Conn {
    stream: TcpStream,
    index: usize,
    shared: Arc<Shared>,
}

impl Conn {
    fn note(&self, f: impl FnOnce(&mut Seen)) {
        if let Some(s) = lock(&self.shared.seen).get_mut(self.index) {
            f(s);
        }
    }

    /// Fill `buf` from the client, giving up when the server is dropped or the client takes
    /// longer than `HANDSHAKE_TIMEOUT` (the socket has a short read timeout for this).
    fn read_exact(&mut self, buf: &mut [u8]) -> io::Result<()> {
        let end = Instant::now() + HANDSHAKE_TIMEOUT;
        let mut got = 0;
        while got < buf.len() {
            if self.shared.stopped() {
                return Err(io::Error::other("the server was dropped"));
            }
            match self.stream.read(&mut buf[got..]) {
                Ok(0) => return Err(ErrorKind::UnexpectedEof.into()),
                Ok(n) => got += n,
                Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                    if Instant::now() >= end {
                        return Err(ErrorKind::TimedOut.into());
                    }
                }
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    fn read_u8(&mut self) -> io::Result<u8> {
        let mut b = [0u8; 1];
        self.read_exact(&mut b)?;
        Ok(b[0])
    }

    fn read_n(&mut self, n: usize) -> io::Result<Vec<u8>> {
        let mut v = vec![0u8; n];
        self.read_exact(&mut v)?;
        Ok(v)
    }

    /// A NUL-terminated string (the NUL is not part of it).
    fn read_cstr(&mut self) -> io::Result<String> {
        let mut v = Vec::new();
        loop {
            match self.read_u8()? {
                0 => return Ok(String::from_utf8_lossy(&v).into_owned()),
                b if v.len() < MAX_CSTR => v.push(b),
                _ => return Err(invalid("NUL-terminated field too long".into())),
            }
        }
    }

    /// Run the handshake; `Some(target connection)` when granted.
    fn handshake(&mut self) -> io::Result<Option<TcpStream>> {
        self.stream.set_read_timeout(Some(TICK))?;
        match self.read_u8()? {
            4 => self.socks4(),
            5 => self.socks5(),
            v => Err(invalid(format!("unknown SOCKS version {v}"))),
        }
    }

    fn socks4(&mut self) -> io::Result<Option<TcpStream>> {
        // CD, DSTPORT, DSTIP; then the user id and, for SOCKS4a, the host name.
        let mut head = [0u8; 7];
        self.read_exact(&mut head)?;
        let command = head[0];
        let port = u16::from_be_bytes([head[1], head[2]]);
        let ip = Ipv4Addr::new(head[3], head[4], head[5], head[6]);
        let user_id = self.read_cstr()?;
        let o = ip.octets();
        let socks4a = o[..3] == [0, 0, 0] && o[3] != 0;
        let target = if socks4a {
            Target::Name(self.read_cstr()?)
        } else {
            Target::Ip(ip.into())
        };
        self.note(|s| {
            s.version = Some(if socks4a { Version::V4a } else { Version::V4 });
            s.command = Some(command);
            s.user_id = Some(user_id);
            s.target = Some(target.clone());
            s.port = Some(port);
        });
        // The reply echoes the requested port and address.
        let reply = |code: u8| {
            [
                0, code, head[1], head[2], head[3], head[4], head[5], head[6],
            ]
        };
        if self.shared.config.close_after.is_some() {
            return self.close(Verdict::Closed, &[]);
        }
        if self.shared.config.wrong_version {
            let mut granted = reply(90);
            granted[0] = 4;
            return self.close(Verdict::WrongVersion, &granted);
        }
        if let Some((code, _)) = self.shared.config.refuse {
            return self.close(Verdict::Refused(code), &reply(code));
        }
        if command != 1 {
            return self.close(Verdict::Unsupported(91), &reply(91));
        }
        let Some(addr) = self.resolve(&target, port) else {
            return self.close(Verdict::Forbidden(91), &reply(91));
        };
        match TcpStream::connect_timeout(&addr, CONNECT_TIMEOUT) {
            Ok(up) => {
                self.note(|s| s.verdict = Verdict::Relayed(addr));
                self.stream.write_all(&reply(90))?;
                Ok(Some(up))
            }
            Err(e) => {
                self.note(|s| s.error = Some(format!("connect to {addr}: {e}")));
                self.close(Verdict::Unreachable(91), &reply(91))
            }
        }
    }

    fn socks5(&mut self) -> io::Result<Option<TcpStream>> {
        let n = self.read_u8()?;
        let methods = self.read_n(usize::from(n))?;
        self.note(|s| {
            s.version = Some(Version::V5);
            s.methods = methods.clone();
        });
        if self.shared.config.close_after == Some(Stage::Greeting) {
            return self.close(Verdict::Closed, &[]);
        }
        if self.shared.config.wrong_version {
            return self.close(Verdict::WrongVersion, &[4, 0]);
        }
        let wanted = self.shared.config.credentials.clone();
        let method = match self.shared.config.force_method {
            Some(m) => m,
            None if wanted.is_some() => 2,
            None => 0,
        };
        if self.shared.config.force_method.is_none() && !methods.contains(&method) {
            return self.close(Verdict::NoAcceptableMethod, &[5, 0xff]);
        }
        if method != 0 && method != 2 {
            return self.close(Verdict::MethodForced(method), &[5, method]);
        }
        self.stream.write_all(&[5, method])?;
        if method == 2 {
            let version = self.read_u8()?;
            if version != 1 {
                return Err(invalid(format!(
                    "username/password sub-negotiation version {version}"
                )));
            }
            let n = self.read_u8()?;
            let user = String::from_utf8_lossy(&self.read_n(usize::from(n))?).into_owned();
            let n = self.read_u8()?;
            let password = String::from_utf8_lossy(&self.read_n(usize::from(n))?).into_owned();
            let got = (user, password);
            let good = wanted.as_ref().is_none_or(|w| *w == got);
            self.note(|s| s.credentials = Some(got));
            if !good {
                return self.close(Verdict::AuthRejected, &[1, 1]);
            }
            self.stream.write_all(&[1, 0])?;
        }
        let mut req = [0u8; 4];
        self.read_exact(&mut req)?;
        if req[0] != 5 {
            return Err(invalid(format!("SOCKS5 request version {}", req[0])));
        }
        let command = req[1];
        let target = match req[3] {
            1 => {
                let mut a = [0u8; 4];
                self.read_exact(&mut a)?;
                Target::Ip(Ipv4Addr::from(a).into())
            }
            3 => {
                let n = self.read_u8()?;
                Target::Name(String::from_utf8_lossy(&self.read_n(usize::from(n))?).into_owned())
            }
            4 => {
                let mut a = [0u8; 16];
                self.read_exact(&mut a)?;
                Target::Ip(Ipv6Addr::from(a).into())
            }
            t => {
                self.note(|s| {
                    s.command = Some(command);
                    s.error = Some(format!("address type {t}"));
                });
                return self.close(Verdict::Unsupported(8), &socks5_reply(8));
            }
        };
        let mut p = [0u8; 2];
        self.read_exact(&mut p)?;
        let port = u16::from_be_bytes(p);
        self.note(|s| {
            s.command = Some(command);
            s.target = Some(target.clone());
            s.port = Some(port);
        });
        if self.shared.config.close_after == Some(Stage::Request) {
            return self.close(Verdict::Closed, &[]);
        }
        if let Some((_, code)) = self.shared.config.refuse {
            return self.close(Verdict::Refused(code), &socks5_reply(code));
        }
        if command != 1 {
            return self.close(Verdict::Unsupported(7), &socks5_reply(7));
        }
        let Some(addr) = self.resolve(&target, port) else {
            return self.close(Verdict::Forbidden(2), &socks5_reply(2));
        };
        match TcpStream::connect_timeout(&addr, CONNECT_TIMEOUT) {
            Ok(up) => {
                let bound = up.local_addr()?;
                let mut reply = vec![5, 0, 0];
                match bound.ip() {
                    IpAddr::V4(a) => {
                        reply.push(1);
                        reply.extend_from_slice(&a.octets());
                    }
                    IpAddr::V6(a) => {
                        reply.push(4);
                        reply.extend_from_slice(&a.octets());
                    }
                }
                reply.extend_from_slice(&bound.port().to_be_bytes());
                self.note(|s| s.verdict = Verdict::Relayed(addr));
                self.stream.write_all(&reply)?;
                Ok(Some(up))
            }
            Err(e) => {
                let code = socks5_connect_error(&e);
                self.note(|s| s.error = Some(format!("connect to {addr}: {e}")));
                self.close(Verdict::Unreachable(code), &socks5_reply(code))
            }
        }
    }

    /// Where a target goes, if it may be relayed at all.
    fn resolve(&self, target: &Target, port: u16) -> Option<SocketAddr> {
        match target {
            Target::Ip(ip) => allowed(*ip).then(|| SocketAddr::new(*ip, port)),
            Target::Name(name) => {
                if let Some(a) = self.shared.config.names.get(&name.to_ascii_lowercase()) {
                    let p = if a.port() == 0 { port } else { a.port() };
                    return Some(SocketAddr::new(a.ip(), p));
                }
                if name.eq_ignore_ascii_case("localhost") {
                    return Some(SocketAddr::new(Ipv4Addr::LOCALHOST.into(), port));
                }
                name.parse::<IpAddr>()
                    .ok()
                    .filter(|ip| allowed(*ip))
                    .map(|ip| SocketAddr::new(ip, port))
            }
        }
    }

    /// Record the verdict, send `answer`, then close gracefully: FIN first, then read until the
    /// client closes too, so that the client sees the answer and a clean end of stream.
    fn close(&mut self, verdict: Verdict, answer: &[u8]) -> io::Result<Option<TcpStream>> {
        self.note(|s| s.verdict = verdict);
        self.stream.write_all(answer)?;
        self.stream.flush()?;
        self.stream.shutdown(Shutdown::Write)?;
        self.stream.set_read_timeout(Some(TICK))?;
        let end = Instant::now() + DRAIN_LIMIT;
        let mut sink = [0u8; 4096];
        while Instant::now() < end && !self.shared.stopped() {
            match self.stream.read(&mut sink) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(_) => break,
            }
        }
        Ok(None)
    }

    /// Copy bytes both ways until both sides are done; an end of stream on one side is passed
    /// on as a half-close of the other.
    fn relay(&mut self, upstream: TcpStream) {
        let _ = upstream.set_nodelay(true);
        let _ = self.stream.set_read_timeout(None);
        let clones = (
            self.stream.try_clone(),
            upstream.try_clone(),
            upstream.try_clone(),
        );
        let (Ok(client), Ok(up_reader), Ok(up_registered)) = clones else {
            return;
        };
        lock(&self.shared.streams).insert(2 * self.index + 1, up_registered);
        if self.shared.stopped() {
            // Drop may have passed the streams already: do not start a relay it cannot stop.
            return;
        }
        let shared = Arc::clone(&self.shared);
        let back = thread::Builder::new()
            .name(format!("socks-back-{}", self.index))
            .spawn(move || copy(up_reader, client, &shared));
        let mut up_writer = upstream;
        copy_into(&mut self.stream, &mut up_writer, &self.shared);
        if let Ok(h) = back {
            let _ = h.join();
        }
    }
}

fn copy(mut from: TcpStream, mut to: TcpStream, shared: &Shared) {
    copy_into(&mut from, &mut to, shared);
}

/// Copy until end of stream (then half-close `to`) or an error.
fn copy_into(from: &mut TcpStream, to: &mut TcpStream, shared: &Shared) {
    let mut buf = [0u8; 16384];
    while !shared.stopped() {
        match from.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                if to.write_all(&buf[..n]).is_err() {
                    return;
                }
            }
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(_) => break,
        }
    }
    let _ = to.shutdown(Shutdown::Write);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::{Reply, Script, Server};

    fn connect(s: &SocksServer) -> TcpStream {
        let c = TcpStream::connect(s.addr()).unwrap();
        c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        c
    }

    fn read_n(c: &mut TcpStream, n: usize) -> Vec<u8> {
        let mut v = vec![0; n];
        c.read_exact(&mut v).unwrap();
        v
    }

    fn read_all(c: &mut TcpStream) -> Vec<u8> {
        let mut v = Vec::new();
        c.read_to_end(&mut v).unwrap();
        v
    }

    fn http_server() -> Server {
        Server::start(Script::new().otherwise(Reply::ok("relayed").then_close()))
    }

    /// A GET through an established tunnel, returning the whole response.
    fn get_through(c: &mut TcpStream) -> String {
        c.write_all(b"GET /x HTTP/1.1\r\nHost: t\r\n\r\n").unwrap();
        String::from_utf8(read_all(c)).unwrap()
    }

    fn socks4_request(port: u16, ip: [u8; 4], user: &str, host: Option<&str>) -> Vec<u8> {
        let mut r = vec![4, 1];
        r.extend_from_slice(&port.to_be_bytes());
        r.extend_from_slice(&ip);
        r.extend_from_slice(user.as_bytes());
        r.push(0);
        if let Some(h) = host {
            r.extend_from_slice(h.as_bytes());
            r.push(0);
        }
        r
    }

    fn socks5_name_request(name: &str, port: u16) -> Vec<u8> {
        let mut r = vec![5, 1, 0, 3, name.len() as u8];
        r.extend_from_slice(name.as_bytes());
        r.extend_from_slice(&port.to_be_bytes());
        r
    }

    #[test]
    fn socks4_relays_to_loopback_and_records_the_user_id() {
        let http = http_server();
        let s = SocksServer::new();
        let mut c = connect(&s);
        c.write_all(&socks4_request(http.port(), [127, 0, 0, 1], "alice", None))
            .unwrap();
        let mut want = vec![0, 90];
        want.extend_from_slice(&http.port().to_be_bytes());
        want.extend_from_slice(&[127, 0, 0, 1]);
        assert_eq!(read_n(&mut c, 8), want);
        assert!(get_through(&mut c).ends_with("relayed"));
        assert_eq!(http.request_texts(), ["GET /x HTTP/1.1\r\nHost: t\r\n\r\n"]);
        let seen = s.seen();
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].version, Some(Version::V4));
        assert_eq!(seen[0].user_id.as_deref(), Some("alice"));
        assert_eq!(seen[0].target, Some(Target::Ip(Ipv4Addr::LOCALHOST.into())));
        assert_eq!(seen[0].port, Some(http.port()));
        assert_eq!(seen[0].verdict, Verdict::Relayed(http.addr()));
        assert_eq!(s.seen_for_port(http.port()).len(), 1);
        assert!(s.seen_for_port(http.port().wrapping_add(1)).is_empty());
    }

    #[test]
    fn socks4a_resolves_localhost_and_mapped_names_only() {
        let http = http_server();
        let mapped = SocketAddr::new(Ipv4Addr::LOCALHOST.into(), 0);
        let s = SocksConfig::new().name("Origin.Test", mapped).start();
        for name in ["localhost", "origin.test"] {
            let mut c = connect(&s);
            c.write_all(&socks4_request(http.port(), [0, 0, 0, 1], "", Some(name)))
                .unwrap();
            assert_eq!(read_n(&mut c, 2), [0, 90]);
            read_n(&mut c, 6);
            assert!(get_through(&mut c).ends_with("relayed"));
        }
        let mut c = connect(&s);
        c.write_all(&socks4_request(
            http.port(),
            [0, 0, 0, 7],
            "bob",
            Some("example.com"),
        ))
        .unwrap();
        let mut want = vec![0, 91];
        want.extend_from_slice(&http.port().to_be_bytes());
        want.extend_from_slice(&[0, 0, 0, 7]);
        assert_eq!(read_all(&mut c), want, "refused, then closed");
        let seen = s.seen();
        assert_eq!(seen[0].version, Some(Version::V4a));
        assert_eq!(seen[0].target, Some(Target::Name("localhost".into())));
        assert_eq!(seen[0].user_id.as_deref(), Some(""));
        assert_eq!(seen[1].verdict, Verdict::Relayed(http.addr()));
        assert_eq!(seen[2].target, Some(Target::Name("example.com".into())));
        assert_eq!(seen[2].verdict, Verdict::Forbidden(91));
        assert_eq!(http.requests().len(), 2);
    }

    #[test]
    fn socks5_without_auth_relays_names_and_addresses() {
        let http = http_server();
        let s = SocksServer::new();
        let mut c = connect(&s);
        c.write_all(&[5, 1, 0]).unwrap();
        assert_eq!(read_n(&mut c, 2), [5, 0]);
        c.write_all(&socks5_name_request("LocalHost", http.port()))
            .unwrap();
        let reply = read_n(&mut c, 10);
        assert_eq!(reply[..4], [5, 0, 0, 1]);
        assert_eq!(reply[4..8], [127, 0, 0, 1]);
        assert!(get_through(&mut c).ends_with("relayed"));

        let mut c = connect(&s);
        c.write_all(&[5, 2, 0, 2]).unwrap();
        assert_eq!(read_n(&mut c, 2), [5, 0]);
        let mut req = vec![5, 1, 0, 1, 127, 0, 0, 1];
        req.extend_from_slice(&http.port().to_be_bytes());
        c.write_all(&req).unwrap();
        assert_eq!(read_n(&mut c, 10)[..2], [5, 0]);
        assert!(get_through(&mut c).ends_with("relayed"));

        let seen = s.seen();
        assert_eq!(seen[0].version, Some(Version::V5));
        assert_eq!(seen[0].methods, [0]);
        assert_eq!(seen[0].target, Some(Target::Name("LocalHost".into())));
        assert_eq!(seen[0].credentials, None);
        assert_eq!(seen[1].methods, [0, 2]);
        assert_eq!(seen[1].target, Some(Target::Ip(Ipv4Addr::LOCALHOST.into())));
        assert_eq!(seen[1].command, Some(1));
        assert_eq!(seen[1].verdict, Verdict::Relayed(http.addr()));
    }

    #[test]
    fn socks5_ipv6_loopback_and_forbidden_targets() {
        let http = Server::start(
            Script::new()
                .ipv6()
                .otherwise(Reply::ok("six").then_close()),
        );
        let s = SocksServer::new();
        let mut c = connect(&s);
        c.write_all(&[5, 1, 0]).unwrap();
        assert_eq!(read_n(&mut c, 2), [5, 0]);
        let mut req = vec![5, 1, 0, 4];
        req.extend_from_slice(&Ipv6Addr::LOCALHOST.octets());
        req.extend_from_slice(&http.port().to_be_bytes());
        c.write_all(&req).unwrap();
        let reply = read_n(&mut c, 22);
        assert_eq!(reply[..4], [5, 0, 0, 4], "bound address is IPv6");
        assert!(get_through(&mut c).ends_with("six"));

        // Not loopback: refused without connecting anywhere.
        for (atyp, addr) in [(1u8, vec![10, 1, 2, 3]), (1, vec![192, 0, 2, 1])] {
            let mut c = connect(&s);
            c.write_all(&[5, 1, 0]).unwrap();
            assert_eq!(read_n(&mut c, 2), [5, 0]);
            let mut req = vec![5, 1, 0, atyp];
            req.extend_from_slice(&addr);
            req.extend_from_slice(&80u16.to_be_bytes());
            c.write_all(&req).unwrap();
            assert_eq!(read_all(&mut c), socks5_reply(2));
        }
        let mut c = connect(&s);
        c.write_all(&[5, 1, 0]).unwrap();
        assert_eq!(read_n(&mut c, 2), [5, 0]);
        c.write_all(&socks5_name_request("example.com", 80))
            .unwrap();
        assert_eq!(read_all(&mut c), socks5_reply(2));
        let verdicts: Vec<Verdict> = s.seen().into_iter().map(|s| s.verdict).collect();
        assert_eq!(
            verdicts,
            [
                Verdict::Relayed(http.addr()),
                Verdict::Forbidden(2),
                Verdict::Forbidden(2),
                Verdict::Forbidden(2)
            ]
        );
    }

    #[test]
    fn socks5_connect_failure_is_connection_refused() {
        let dead = crate::server::RefusedPort::new();
        let s = SocksServer::new();
        let mut c = connect(&s);
        c.write_all(&[5, 1, 0]).unwrap();
        assert_eq!(read_n(&mut c, 2), [5, 0]);
        c.write_all(&socks5_name_request("localhost", dead.port()))
            .unwrap();
        assert_eq!(read_all(&mut c), socks5_reply(5));
        assert_eq!(s.seen()[0].verdict, Verdict::Unreachable(5));
        assert!(s.seen()[0].error.is_some());
    }

    #[test]
    fn socks5_auth_required() {
        let http = http_server();
        let s = SocksConfig::new().require_auth("alice", "s3cret").start();
        // Right credentials.
        let mut c = connect(&s);
        c.write_all(&[5, 2, 0, 2]).unwrap();
        assert_eq!(read_n(&mut c, 2), [5, 2]);
        c.write_all(b"\x01\x05alice\x06s3cret").unwrap();
        assert_eq!(read_n(&mut c, 2), [1, 0]);
        c.write_all(&socks5_name_request("localhost", http.port()))
            .unwrap();
        assert_eq!(read_n(&mut c, 10)[..2], [5, 0]);
        assert!(get_through(&mut c).ends_with("relayed"));
        // Wrong password.
        let mut c = connect(&s);
        c.write_all(&[5, 2, 0, 2]).unwrap();
        assert_eq!(read_n(&mut c, 2), [5, 2]);
        c.write_all(b"\x01\x05alice\x05wrong").unwrap();
        assert_eq!(read_all(&mut c), [1, 1]);
        // Username/password not offered.
        let mut c = connect(&s);
        c.write_all(&[5, 1, 0]).unwrap();
        assert_eq!(read_all(&mut c), [5, 0xff]);

        let seen = s.seen();
        assert_eq!(seen[0].credentials, Some(("alice".into(), "s3cret".into())));
        assert_eq!(seen[0].verdict, Verdict::Relayed(http.addr()));
        assert_eq!(seen[1].credentials, Some(("alice".into(), "wrong".into())));
        assert_eq!(seen[1].verdict, Verdict::AuthRejected);
        assert_eq!(seen[1].target, None);
        assert_eq!(seen[2].verdict, Verdict::NoAcceptableMethod);
    }

    #[test]
    fn refusal_codes() {
        let http = http_server();
        let s = SocksConfig::new().refuse(4).start();
        let mut c = connect(&s);
        c.write_all(&socks4_request(http.port(), [127, 0, 0, 1], "", None))
            .unwrap();
        assert_eq!(read_all(&mut c)[..2], [0, 91]);
        let mut c = connect(&s);
        c.write_all(&[5, 1, 0]).unwrap();
        assert_eq!(read_n(&mut c, 2), [5, 0]);
        c.write_all(&socks5_name_request("localhost", http.port()))
            .unwrap();
        assert_eq!(read_all(&mut c), socks5_reply(4));
        let verdicts: Vec<Verdict> = s.seen().into_iter().map(|s| s.verdict).collect();
        assert_eq!(verdicts, [Verdict::Refused(91), Verdict::Refused(4)]);
        assert_eq!(http.connections_accepted(), 0, "nothing was connected to");

        let s = SocksConfig::new().refuse_with(93, 1).start();
        let mut c = connect(&s);
        c.write_all(&socks4_request(http.port(), [127, 0, 0, 1], "", None))
            .unwrap();
        assert_eq!(read_all(&mut c)[..2], [0, 93]);
    }

    #[test]
    fn forced_methods() {
        let http = http_server();
        // Username/password although only "no authentication" was offered: any credentials.
        let s = SocksConfig::new().force_method(2).start();
        let mut c = connect(&s);
        c.write_all(&[5, 1, 0]).unwrap();
        assert_eq!(read_n(&mut c, 2), [5, 2]);
        c.write_all(&[1, 0, 0]).unwrap();
        assert_eq!(read_n(&mut c, 2), [1, 0]);
        c.write_all(&socks5_name_request("localhost", http.port()))
            .unwrap();
        assert_eq!(read_n(&mut c, 10)[..2], [5, 0]);
        assert!(get_through(&mut c).ends_with("relayed"));
        assert_eq!(
            s.seen()[0].credentials,
            Some((String::new(), String::new()))
        );
        // A method the server cannot go on with.
        let s = SocksConfig::new().force_method(3).start();
        let mut c = connect(&s);
        c.write_all(&[5, 1, 0]).unwrap();
        assert_eq!(read_all(&mut c), [5, 3]);
        assert_eq!(s.seen()[0].verdict, Verdict::MethodForced(3));
    }

    #[test]
    fn wrong_versions() {
        let s = SocksConfig::new().wrong_version().start();
        let mut c = connect(&s);
        c.write_all(&[5, 1, 0]).unwrap();
        assert_eq!(read_all(&mut c), [4, 0]);
        let mut c = connect(&s);
        c.write_all(&socks4_request(80, [127, 0, 0, 1], "", None))
            .unwrap();
        assert_eq!(read_all(&mut c), [4, 90, 0, 80, 127, 0, 0, 1]);
        let verdicts: Vec<Verdict> = s.seen().into_iter().map(|s| s.verdict).collect();
        assert_eq!(verdicts, [Verdict::WrongVersion, Verdict::WrongVersion]);
    }

    #[test]
    fn close_after_each_stage() {
        let s = SocksConfig::new().close_after(Stage::Greeting).start();
        let mut c = connect(&s);
        c.write_all(&[5, 1, 0]).unwrap();
        assert_eq!(read_all(&mut c), b"");
        let mut c = connect(&s);
        c.write_all(&socks4_request(80, [127, 0, 0, 1], "u", None))
            .unwrap();
        assert_eq!(read_all(&mut c), b"");
        let seen = s.seen();
        assert_eq!(seen[0].verdict, Verdict::Closed);
        assert_eq!(seen[0].methods, [0]);
        assert_eq!(seen[1].verdict, Verdict::Closed);
        assert_eq!(seen[1].user_id.as_deref(), Some("u"));

        let s = SocksConfig::new().close_after(Stage::Request).start();
        let mut c = connect(&s);
        c.write_all(&[5, 1, 0]).unwrap();
        assert_eq!(read_n(&mut c, 2), [5, 0]);
        c.write_all(&socks5_name_request("localhost", 80)).unwrap();
        assert_eq!(read_all(&mut c), b"");
        assert_eq!(s.seen()[0].verdict, Verdict::Closed);
        assert_eq!(s.seen()[0].target, Some(Target::Name("localhost".into())));
    }

    #[test]
    fn garbage_is_recorded_as_incomplete() {
        let s = SocksServer::new();
        let mut c = connect(&s);
        c.write_all(b"GET / HTTP/1.1\r\n\r\n").unwrap();
        let _ = c.read_to_end(&mut Vec::new());
        drop(c);
        let end = Instant::now() + Duration::from_secs(5);
        while s.seen()[0].error.is_none() && Instant::now() < end {
            thread::sleep(Duration::from_millis(10));
        }
        let seen = &s.seen()[0];
        assert_eq!(seen.verdict, Verdict::Incomplete);
        assert_eq!(seen.version, None);
        assert!(seen.error.as_deref().unwrap().contains("version 71"));
    }

    #[test]
    #[should_panic(expected = "loopback only")]
    fn names_must_map_to_loopback() {
        let _ = SocksConfig::new().name("x.test", "192.0.2.1:80".parse().unwrap());
    }

    #[test]
    fn drop_stops_an_idle_relay_promptly() {
        // A relayed connection that stays open on both sides.
        let http = Server::start(Script::new().otherwise(Reply::none()));
        let s = SocksServer::new();
        let mut c = connect(&s);
        c.write_all(&[5, 1, 0]).unwrap();
        assert_eq!(read_n(&mut c, 2), [5, 0]);
        c.write_all(&socks5_name_request("localhost", http.port()))
            .unwrap();
        assert_eq!(read_n(&mut c, 10)[..2], [5, 0]);
        // And one stuck in its handshake.
        let _idle = connect(&s);
        assert_eq!(s.wait_for_verdicts(1, Duration::from_secs(5)), 1);
        let t = Instant::now();
        drop(s);
        assert!(t.elapsed() < Duration::from_secs(5));
        assert_eq!(read_all(&mut c), b"", "the client sees the end");
    }
}
