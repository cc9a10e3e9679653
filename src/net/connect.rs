//! Connecting to one of a host's addresses without blocking, with happy eyeballs as in
//! libcurl 7.88.1: the family of the first address is tried first, the addresses of each
//! family one after another (a refused or failed address moves on to the next at once), and
//! the other family starts after `CURLOPT_HAPPY_EYEBALLS_TIMEOUT_MS` or as soon as the first
//! has run out of addresses. The first socket to connect wins; the other is closed. While more
//! addresses of its family remain, an attempt gets half of the connect time left when it
//! starts; the family's last address gets all of it, so the connector itself ends the
//! connect time (`ETIMEDOUT`, which the transfer reports as `CURLE_OPERATION_TIMEDOUT`).
//!
//! With a local binding (`CURLOPT_INTERFACE`, `CURLOPT_LOCALPORT`), each address gets the
//! local address of its own family; an address the binding cannot serve is skipped without a
//! connect attempt. The application's socket hooks run in libcurl's order: open, socket
//! options, bind, connect.
//!
//! When every address failed, the result is that of the last attempt in the family of the
//! first address (libcurl reports the first family's eyeballer), the text is the first
//! error-buffer text an attempt wrote, and the last OS error is kept for
//! `CURLINFO_OS_ERRNO`.
//!
//! The connector never reads the clock: `poll` gets the time and `wake` tells when it must
//! be polled again without socket activity.

use std::io;
use std::net::SocketAddr;
use std::os::fd::{AsRawFd, RawFd};
use std::sync::Arc;
use std::time::{Duration, Instant};

use socket2::{Domain, Protocol, SockAddr, Socket, TcpKeepalive, Type};

use super::bind::{Binder, LocalBinding, Plan};
use super::socket::{next_socket_id, Opened, Peer, Sock, SocketHooks, SockoptOutcome, Stream};
use crate::error::Code;

/// libcurl's default `CURLOPT_HAPPY_EYEBALLS_TIMEOUT_MS`.
pub const DEFAULT_HAPPY_EYEBALLS: Duration = Duration::from_millis(200);

/// While both families have a socket in flight only one is watched for readiness; the
/// other is checked at least this often.
const RECHECK: Duration = Duration::from_millis(5);

/// Socket settings taken from the easy handle's options.
#[derive(Clone, Debug)]
pub struct SocketConfig {
    pub nodelay: bool,
    pub keepalive: Option<(u32, u32)>,
    /// `CURLOPT_INTERFACE`, `CURLOPT_LOCALPORT`, `CURLOPT_LOCALPORTRANGE`.
    pub local: LocalBinding,
    /// `CURLOPT_HAPPY_EYEBALLS_TIMEOUT_MS`.
    pub happy_eyeballs: Duration,
}

pub enum Progress {
    /// Waiting for the socket (descriptor, socket id) to become writable, or until `wake`.
    Pending(RawFd, u64),
    Connected(Stream),
    /// Every address failed or was skipped.
    Failed(Failure),
}

/// Why a connect failed.
#[derive(Debug)]
pub struct Failure {
    /// `CouldntConnect`, `InterfaceFailed` when the local binding failed, or
    /// `AbortedByCallback` when the socket-options hook said so.
    pub code: Code,
    /// The last OS error of a bind or connect.
    pub error: Option<io::Error>,
    /// The error-buffer text an attempt wrote (libcurl keeps the first one), if any.
    pub message: Option<String>,
}

/// How one attempt started.
enum Attempt {
    Started(Sock),
    /// The socket-options hook said the socket is already connected.
    Connected(Sock),
    /// The local binding cannot serve this address.
    Skipped,
    /// socket() or connect() failed.
    Failed(io::Error),
    /// The open-socket hook returned `CURL_SOCKET_BAD`.
    Refused,
    /// The socket-options hook failed.
    Aborted,
    /// The local binding failed (`CURLE_INTERFACE_FAILED`).
    BindFailed(Option<io::Error>),
}

/// One socket of an attempt.
struct InFlight {
    sock: Sock,
    id: u64,
    addr: SocketAddr,
    started: Instant,
    /// When the attempt gives way to the family's next address.
    until: Option<Instant>,
}

/// The attempts of one family: its addresses in list order, one at a time.
struct Eyeballer {
    addrs: Vec<SocketAddr>,
    next: usize,
    current: Option<InFlight>,
    /// Connected without a connect call (the socket-options hook's say).
    ready: Option<InFlight>,
}

impl Eyeballer {
    fn new(addrs: Vec<SocketAddr>) -> Self {
        Eyeballer {
            addrs,
            next: 0,
            current: None,
            ready: None,
        }
    }

    fn exhausted(&self) -> bool {
        self.current.is_none() && self.ready.is_none() && self.next >= self.addrs.len()
    }

    fn name(&self) -> &'static str {
        match self.addrs.first() {
            Some(SocketAddr::V6(_)) => "ipv6",
            _ => "ipv4",
        }
    }
}

enum Ball {
    Pending(RawFd, u64),
    Connected(Stream),
    Exhausted,
}

pub struct Connector {
    /// The first family's eyeballer, then the other's (if it has addresses).
    balls: Vec<Eyeballer>,
    first_is_v6: bool,
    second_started: bool,
    began: Option<Instant>,
    wake: Option<Instant>,
    /// The end of the connect time (`CURLOPT_CONNECTTIMEOUT`, capped by `CURLOPT_TIMEOUT`).
    deadline: Option<Instant>,
    config: SocketConfig,
    binder: Binder,
    hooks: Option<Arc<dyn SocketHooks>>,
    last_error: Option<io::Error>,
    /// The result of the last attempt of each family: [IPv4, IPv6].
    results: [Option<Code>; 2],
    message: Option<String>,
    /// Verbose lines not yet handed out.
    notes: Vec<String>,
    /// Whether verbose output is wanted: the lines libcurl prints for every attempt are
    /// made only then.
    verbose: bool,
}

impl Connector {
    pub fn new(addrs: Vec<SocketAddr>, config: SocketConfig) -> Self {
        let first_is_v6 = addrs.first().is_some_and(|a| a.is_ipv6());
        let (first, other): (Vec<SocketAddr>, Vec<SocketAddr>) =
            addrs.into_iter().partition(|a| a.is_ipv6() == first_is_v6);
        let mut balls = vec![Eyeballer::new(first)];
        if !other.is_empty() {
            balls.push(Eyeballer::new(other));
        }
        Connector {
            balls,
            first_is_v6,
            second_started: false,
            began: None,
            wake: None,
            deadline: None,
            binder: Binder::new(&config.local),
            config,
            hooks: None,
            last_error: None,
            results: [None, None],
            message: None,
            notes: Vec::new(),
            verbose: false,
        }
    }

    /// Make libcurl's lines for each attempt ("Trying ADDRESS:PORT...", why one failed).
    pub fn with_verbose(mut self, verbose: bool) -> Self {
        self.verbose = verbose;
        self
    }

    /// The application's socket hooks, for every socket this connector opens.
    pub fn with_hooks(mut self, hooks: Option<Arc<dyn SocketHooks>>) -> Self {
        self.hooks = hooks;
        self
    }

    /// The end of the connect time, which attempts share.
    pub fn with_deadline(mut self, deadline: Instant) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// When `poll` must be called again without socket activity: the happy-eyeballs timer,
    /// an attempt's end, or a recheck while two sockets are in flight.
    pub fn wake(&self) -> Option<Instant> {
        self.wake
    }

    /// What happened since the last call, as lines for the verbose output: the local
    /// address chosen for each address, the addresses skipped and why, bind errors.
    pub fn take_notes(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notes)
    }

    /// Advances: starts attempts and checks the pending ones. Call again when the returned
    /// socket is writable or at `wake`. With two sockets in flight, the newest is returned.
    pub fn poll(&mut self, now: Instant) -> Progress {
        let began = *self.began.get_or_insert(now);
        let second_at = began + self.config.happy_eyeballs;
        let mut pending = Vec::with_capacity(2);
        for i in 0..self.balls.len() {
            if i == 1 && !self.second_started {
                if !self.balls[0].exhausted() && now < second_at {
                    continue;
                }
                self.second_started = true;
            }
            match self.advance(i, now) {
                Ball::Connected(stream) => {
                    // The winner: the other family's attempt is closed.
                    self.balls.clear();
                    self.wake = None;
                    return Progress::Connected(stream);
                }
                Ball::Pending(fd, id) => pending.push((fd, id)),
                Ball::Exhausted => {}
            }
        }
        let Some(&(fd, id)) = pending.last() else {
            self.wake = None;
            return Progress::Failed(self.failure());
        };
        let mut wake = if self.balls.len() > 1 && !self.second_started {
            Some(second_at)
        } else if pending.len() > 1 {
            Some(now + RECHECK)
        } else {
            None
        };
        for until in self.balls.iter().filter_map(|b| b.current.as_ref()?.until) {
            wake = Some(wake.map_or(until, |w| w.min(until)));
        }
        self.wake = wake;
        Progress::Pending(fd, id)
    }

    /// Moves eyeballer `i` on: checks its attempt, starts the next address when it failed
    /// or its time is up.
    fn advance(&mut self, i: usize, now: Instant) -> Ball {
        loop {
            if let Some(f) = self.balls[i].ready.take() {
                return Ball::Connected(Stream::new(f.sock, f.id, Peer::Ip(f.addr)));
            }
            if let Some(f) = self.balls[i].current.take() {
                match check_connected(&f.sock) {
                    Ok(true) => {
                        return Ball::Connected(Stream::new(f.sock, f.id, Peer::Ip(f.addr)))
                    }
                    Ok(false) if f.until.is_some_and(|u| now >= u) => {
                        let name = self.balls[i].name();
                        let ms = f
                            .until
                            .map_or(0, |u| u.saturating_duration_since(f.started).as_millis());
                        self.notes
                            .push(format!("{name} connect timeout after {ms}ms, move on!"));
                        self.last_error = Some(io::Error::from_raw_os_error(libc::ETIMEDOUT));
                        self.record(&f.addr, Code::CouldntConnect);
                        continue;
                    }
                    Ok(false) => {
                        let (fd, id) = (f.sock.as_raw_fd(), f.id);
                        self.balls[i].current = Some(f);
                        return Ball::Pending(fd, id);
                    }
                    Err(e) => {
                        if self.verbose {
                            let (ip, port) = (f.addr.ip(), f.addr.port());
                            let why = crate::net::bind::os_text(&e);
                            self.notes
                                .push(format!("connect to {ip} port {port} failed: {why}"));
                        }
                        self.last_error = Some(e);
                        self.record(&f.addr, Code::CouldntConnect);
                        continue;
                    }
                }
            }
            let ball = &mut self.balls[i];
            let Some(addr) = ball.addrs.get(ball.next).copied() else {
                return Ball::Exhausted;
            };
            ball.next += 1;
            // Half the time left while the family has more addresses; the last gets it all.
            let more = ball.next < ball.addrs.len();
            let until = self.deadline.map(|d| {
                let left = d.saturating_duration_since(now);
                now + if more { left / 2 } else { left }
            });
            let in_flight = |sock| InFlight {
                sock,
                id: next_socket_id(),
                addr,
                started: now,
                until,
            };
            match self.start(addr) {
                Attempt::Started(sock) => self.balls[i].current = Some(in_flight(sock)),
                Attempt::Connected(sock) => self.balls[i].ready = Some(in_flight(sock)),
                Attempt::Skipped | Attempt::Refused => self.record(&addr, Code::CouldntConnect),
                Attempt::Aborted => self.record(&addr, Code::AbortedByCallback),
                Attempt::Failed(e) => {
                    self.last_error = Some(e);
                    self.record(&addr, Code::CouldntConnect);
                }
                Attempt::BindFailed(e) => {
                    if e.is_some() {
                        self.last_error = e;
                    }
                    self.record(&addr, Code::InterfaceFailed);
                }
            }
        }
    }

    fn record(&mut self, addr: &SocketAddr, code: Code) {
        self.results[usize::from(addr.is_ipv6())] = Some(code);
    }

    fn failure(&mut self) -> Failure {
        let first = usize::from(self.first_is_v6);
        let code = self.results[first]
            .or(self.results[1 - first])
            .unwrap_or(Code::CouldntConnect);
        Failure {
            code,
            error: self.last_error.take(),
            message: self.message.take(),
        }
    }

    /// libcurl's error buffer keeps the first text written, unless a text replaces it.
    fn fail_text(&mut self, message: String, forced: bool) {
        self.notes.push(message.clone());
        if forced || self.message.is_none() {
            self.message = Some(message);
        }
    }

    /// One attempt, in libcurl's order: open, socket options, bind, connect.
    fn start(&mut self, addr: SocketAddr) -> Attempt {
        let local = match self.binder.plan(&addr, &mut self.notes) {
            Plan::Nothing => None,
            Plan::Bind(end) => Some(end),
            Plan::Skip => return Attempt::Skipped,
            Plan::Fail { message, forced } => {
                self.fail_text(message, forced);
                return Attempt::BindFailed(None);
            }
        };
        let mut target = addr;
        let sock = match self.open(&mut target) {
            Ok(Some(s)) => s,
            Ok(None) => return Attempt::Refused,
            Err(e) => return Attempt::Failed(e),
        };
        if self.verbose {
            // As libcurl, once the socket is open.
            let note = match target {
                SocketAddr::V6(a) => format!("  Trying [{}]:{}...", a.ip(), a.port()),
                SocketAddr::V4(a) => format!("  Trying {}:{}...", a.ip(), a.port()),
            };
            self.notes.push(note);
        }
        let mut connected = false;
        if let Some(h) = &self.hooks {
            match h.sockopt(sock.as_raw_fd()) {
                SockoptOutcome::Ok => {}
                SockoptOutcome::AlreadyConnected => connected = true,
                SockoptOutcome::Error => return Attempt::Aborted,
            }
        }
        if let Some(end) = local {
            if let Err((message, e)) = self.binder.bind(&sock, &end, &mut self.notes) {
                self.fail_text(message, false);
                return Attempt::BindFailed(Some(e));
            }
        }
        if let Err(e) = sock.set_nonblocking(true) {
            return Attempt::Failed(e);
        }
        if connected {
            return Attempt::Connected(sock);
        }
        match sock.connect(&SockAddr::from(target)) {
            Ok(()) => Attempt::Started(sock),
            Err(e) if e.raw_os_error() == Some(libc::EINPROGRESS) => Attempt::Started(sock),
            Err(e) => Attempt::Failed(e),
        }
    }

    /// A TCP socket for `addr`'s family with the configured options, from the open-socket
    /// hook when there is one (which may change `addr`); `None` when the hook refused.
    fn open(&self, addr: &mut SocketAddr) -> io::Result<Option<Sock>> {
        let opened = match &self.hooks {
            Some(h) => h.open_socket(addr),
            None => Opened::Library,
        };
        let sock = match opened {
            Opened::Bad => return Ok(None),
            Opened::Socket(fd) => Socket::from(fd),
            Opened::Library => {
                let s = Socket::new(
                    Domain::for_address(*addr),
                    Type::STREAM,
                    Some(Protocol::TCP),
                )?;
                s.set_cloexec(true)?;
                s
            }
        };
        let sock = Sock::new(sock, self.hooks.clone());
        if self.config.nodelay {
            // Failing to set it is harmless, as in libcurl.
            let _ = sock.set_nodelay(true);
        }
        if let Some((idle, intvl)) = self.config.keepalive {
            let ka = TcpKeepalive::new()
                .with_time(Duration::from_secs(idle.into()))
                .with_interval(Duration::from_secs(intvl.into()));
            let _ = sock.set_tcp_keepalive(&ka);
        }
        Ok(Some(sock))
    }
}

/// Whether a non-blocking connect has completed: an error if it failed, false while it
/// is still in progress.
fn check_connected(sock: &Socket) -> io::Result<bool> {
    if let Some(e) = sock.take_error()? {
        return Err(e);
    }
    match sock.peer_addr() {
        Ok(_) => Ok(true),
        Err(e) if e.raw_os_error() == Some(libc::ENOTCONN) => Ok(false),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::TcpListener;

    fn config() -> SocketConfig {
        SocketConfig {
            nodelay: true,
            keepalive: None,
            local: LocalBinding::default(),
            happy_eyeballs: DEFAULT_HAPPY_EYEBALLS,
        }
    }

    fn bound(interface: &str) -> SocketConfig {
        SocketConfig {
            local: LocalBinding {
                interface: Some(interface.into()),
                port: 0,
                range: 1,
            },
            ..config()
        }
    }

    fn dead_port() -> SocketAddr {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    }

    fn drive(c: &mut Connector) -> Progress {
        for _ in 0..1000 {
            match c.poll(Instant::now()) {
                Progress::Pending(..) => std::thread::yield_now(),
                other => return other,
            }
        }
        panic!("connect did not finish");
    }

    #[test]
    fn refused_address_falls_back_to_next() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let good = listener.local_addr().unwrap();
        let dead = dead_port();
        let mut c = Connector::new(vec![dead, good], config());
        match drive(&mut c) {
            Progress::Connected(s) => assert_eq!(s.peer, Peer::Ip(good)),
            _ => panic!("expected a connection"),
        }
    }

    #[test]
    fn all_refused_reports_the_error() {
        let mut c = Connector::new(vec![dead_port()], config());
        match drive(&mut c) {
            Progress::Failed(f) => {
                assert_eq!(f.code, Code::CouldntConnect);
                assert_eq!(f.error.unwrap().raw_os_error(), Some(libc::ECONNREFUSED));
                assert_eq!(f.message, None);
            }
            _ => panic!("expected failure"),
        }
    }

    #[test]
    fn binds_the_interface_address() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let good = listener.local_addr().unwrap();
        let mut c = Connector::new(vec![good], bound("if!LO"));
        match drive(&mut c) {
            Progress::Connected(s) => {
                assert_eq!(s.local.unwrap().ip(), good.ip());
            }
            _ => panic!("expected a connection"),
        }
        // (Without the privilege, SO_BINDTODEVICE adds a line saying it was refused.)
        let notes: Vec<String> = c
            .take_notes()
            .into_iter()
            .filter(|n| !n.starts_with("SO_BINDTODEVICE"))
            .collect();
        assert_eq!(
            notes,
            [
                "Local Interface LO is ip 127.0.0.1 using address family 2",
                "Local port: 0"
            ]
        );
    }

    #[test]
    fn an_address_of_the_other_family_is_skipped_without_trying() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let good = listener.local_addr().unwrap();
        // The IPv6 address is never tried: the local address is IPv4.
        let never: SocketAddr = format!("[::1]:{}", good.port()).parse().unwrap();
        let mut c = Connector::new(vec![never, good], bound("host!127.0.0.1"));
        match drive(&mut c) {
            Progress::Connected(s) => assert_eq!(s.peer, Peer::Ip(good)),
            _ => panic!("expected a connection"),
        }
        let notes = c.take_notes();
        assert_eq!(
            notes[1],
            format!("Local address 127.0.0.1 cannot serve {never}, skipping it")
        );

        // Nothing left after skipping: CURLE_COULDNT_CONNECT without an OS error.
        let mut c = Connector::new(vec![never], bound("host!127.0.0.1"));
        match drive(&mut c) {
            Progress::Failed(f) => {
                assert_eq!(f.code, Code::CouldntConnect);
                assert!(f.error.is_none());
                assert_eq!(f.message, None);
            }
            _ => panic!("expected failure"),
        }
    }

    #[test]
    fn an_unknown_interface_fails_every_address() {
        let mut c = Connector::new(vec![dead_port(), dead_port()], bound("if!rcurl-nosuch"));
        match drive(&mut c) {
            Progress::Failed(f) => {
                assert_eq!(f.code, Code::InterfaceFailed);
                assert_eq!(
                    f.message.as_deref(),
                    Some("Couldn't bind to interface 'rcurl-nosuch'")
                );
            }
            _ => panic!("expected failure"),
        }
        assert_eq!(c.take_notes().len(), 2, "one line per address");
    }

    #[test]
    fn the_first_family_decides_the_code() {
        // IPv6 first, skipped (7); then IPv4 fails to bind (45): 7, with the bind text.
        let taken = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = taken.local_addr().unwrap().port();
        let cfg = SocketConfig {
            local: LocalBinding {
                interface: Some("host!127.0.0.1".into()),
                port,
                range: 1,
            },
            ..config()
        };
        let v6: SocketAddr = "[::1]:9".parse().unwrap();
        let mut c = Connector::new(vec![v6, dead_port()], cfg.clone());
        match drive(&mut c) {
            Progress::Failed(f) => {
                assert_eq!(f.code, Code::CouldntConnect);
                assert_eq!(f.error.unwrap().raw_os_error(), Some(libc::EADDRINUSE));
                assert_eq!(
                    f.message.as_deref(),
                    Some("bind failed with errno 98: Address already in use")
                );
            }
            _ => panic!("expected failure"),
        }
        let mut c = Connector::new(vec![dead_port()], cfg);
        match drive(&mut c) {
            Progress::Failed(f) => assert_eq!(f.code, Code::InterfaceFailed),
            _ => panic!("expected failure"),
        }
    }

    /// A listener whose accept queue is full: a further connect stays pending.
    fn hole(ip: &str) -> (Socket, Vec<Socket>, SocketAddr) {
        let addr: SocketAddr = format!("{ip}:0").parse().unwrap();
        let l = Socket::new(Domain::for_address(addr), Type::STREAM, None).unwrap();
        l.bind(&addr.into()).unwrap();
        l.listen(0).unwrap();
        let addr = l.local_addr().unwrap().as_socket().unwrap();
        let mut fillers = Vec::new();
        for _ in 0..16 {
            let s = Socket::new(Domain::for_address(addr), Type::STREAM, None).unwrap();
            s.set_nonblocking(true).unwrap();
            let _ = s.connect(&addr.into());
            std::thread::sleep(Duration::from_millis(20));
            let done = check_connected(&s).unwrap_or(true);
            fillers.push(s);
            if !done {
                return (l, fillers, addr);
            }
        }
        panic!("could not fill the accept queue");
    }

    /// A listener on IPv6 loopback, when the host has one.
    fn v6_listener() -> Option<TcpListener> {
        TcpListener::bind("[::1]:0").ok()
    }

    #[test]
    fn the_first_address_decides_the_first_family() {
        let Some(six) = v6_listener() else { return };
        let four = TcpListener::bind("127.0.0.1:0").unwrap();
        let (a6, a4) = (six.local_addr().unwrap(), four.local_addr().unwrap());
        // A fixed clock: the other family never starts, so the first family must win.
        let now = Instant::now();
        for (list, want) in [(vec![a4, a6], a4), (vec![a6, a4], a6)] {
            let mut c = Connector::new(list, config());
            let got = (0..1000).find_map(|_| match c.poll(now) {
                Progress::Connected(s) => match s.peer {
                    Peer::Ip(a) => Some(a),
                    Peer::Unix(_) => None,
                },
                Progress::Pending(..) => None,
                Progress::Failed(_) => panic!("failed"),
            });
            assert_eq!(got, Some(want));
        }
    }

    #[test]
    fn a_refused_first_family_starts_the_other_at_once() {
        let four = TcpListener::bind("127.0.0.1:0").unwrap();
        let good = four.local_addr().unwrap();
        let refused: SocketAddr = format!("[::1]:{}", dead_port().port()).parse().unwrap();
        let now = Instant::now();
        let mut c = Connector::new(vec![refused, good], config());
        let got = (0..1000).find_map(|_| match c.poll(now) {
            Progress::Connected(s) => match s.peer {
                Peer::Ip(a) => Some(a),
                Peer::Unix(_) => None,
            },
            Progress::Pending(..) => None,
            Progress::Failed(_) => panic!("failed"),
        });
        assert_eq!(got, Some(good), "no waiting for the timer");

        // And the reverse: IPv4 refused, IPv6 used.
        let Some(six) = v6_listener() else { return };
        let good = six.local_addr().unwrap();
        let mut c = Connector::new(vec![dead_port(), good], config());
        let got = (0..1000).find_map(|_| match c.poll(now) {
            Progress::Connected(s) => match s.peer {
                Peer::Ip(a) => Some(a),
                Peer::Unix(_) => None,
            },
            Progress::Pending(..) => None,
            Progress::Failed(_) => panic!("failed"),
        });
        assert_eq!(got, Some(good));
    }

    #[test]
    fn the_other_family_starts_after_the_delay() {
        let (_l, _fill, slow) = hole("127.0.0.1");
        let Some(six) = v6_listener() else { return };
        let good = six.local_addr().unwrap();
        six.set_nonblocking(true).unwrap();
        let cfg = SocketConfig {
            happy_eyeballs: Duration::from_millis(300),
            ..config()
        };
        let t0 = Instant::now();
        let mut c = Connector::new(vec![slow, good], cfg);
        assert!(matches!(c.poll(t0), Progress::Pending(..)));
        assert_eq!(c.wake(), Some(t0 + Duration::from_millis(300)));
        std::thread::sleep(Duration::from_millis(20));
        assert!(matches!(
            c.poll(t0 + Duration::from_millis(299)),
            Progress::Pending(..)
        ));
        assert!(six.accept().is_err(), "IPv6 not started before the delay");
        let later = t0 + Duration::from_millis(300);
        let got = (0..1000).find_map(|_| match c.poll(later) {
            Progress::Connected(s) => match s.peer {
                Peer::Ip(a) => Some(a),
                Peer::Unix(_) => None,
            },
            Progress::Pending(..) => {
                std::thread::yield_now();
                None
            }
            Progress::Failed(_) => panic!("failed"),
        });
        assert_eq!(got, Some(good));
    }

    #[test]
    fn two_attempts_in_flight_are_both_checked() {
        let (_l4, _f4, slow4) = hole("127.0.0.1");
        let Some(_) = v6_listener() else { return };
        let (_l6, _f6, slow6) = hole("[::1]");
        let t0 = Instant::now();
        let mut c = Connector::new(vec![slow6, slow4], config());
        let Progress::Pending(_, first) = c.poll(t0) else {
            panic!("expected pending")
        };
        let t1 = t0 + DEFAULT_HAPPY_EYEBALLS;
        let Progress::Pending(_, newest) = c.poll(t1) else {
            panic!("expected pending")
        };
        assert_ne!(first, newest, "the newest attempt is watched");
        assert_eq!(c.wake(), Some(t1 + RECHECK), "the other is rechecked");
    }

    #[test]
    fn an_attempt_gets_half_the_time_left_while_its_family_has_more() {
        let (_l, _fill, slow) = hole("127.0.0.1");
        let good_l = TcpListener::bind("127.0.0.2:0").unwrap();
        let good = good_l.local_addr().unwrap();
        let t0 = Instant::now();
        let deadline = t0 + Duration::from_secs(10);
        let mut c = Connector::new(vec![slow, good], config()).with_deadline(deadline);
        assert!(matches!(c.poll(t0), Progress::Pending(..)));
        assert_eq!(c.wake(), Some(t0 + Duration::from_secs(5)));
        assert!(matches!(
            c.poll(t0 + Duration::from_millis(4999)),
            Progress::Pending(..)
        ));
        let t1 = t0 + Duration::from_secs(5);
        let got = (0..1000).find_map(|_| match c.poll(t1) {
            Progress::Connected(s) => match s.peer {
                Peer::Ip(a) => Some(a),
                Peer::Unix(_) => None,
            },
            Progress::Pending(..) => {
                std::thread::yield_now();
                None
            }
            Progress::Failed(_) => panic!("failed"),
        });
        assert_eq!(got, Some(good), "the next address after half the time");
        assert!(c
            .take_notes()
            .contains(&"ipv4 connect timeout after 5000ms, move on!".to_string()));
    }

    #[test]
    fn the_last_address_of_a_family_gets_all_the_time() {
        let (_l, _fill, slow) = hole("127.0.0.1");
        let t0 = Instant::now();
        let end = t0 + Duration::from_secs(10);
        let mut c = Connector::new(vec![slow], config()).with_deadline(end);
        assert!(matches!(c.poll(t0), Progress::Pending(..)));
        assert_eq!(c.wake(), Some(end));
        assert!(matches!(
            c.poll(t0 + Duration::from_secs(9)),
            Progress::Pending(..)
        ));
        match c.poll(end) {
            Progress::Failed(f) => {
                assert_eq!(f.code, Code::CouldntConnect);
                assert_eq!(f.error.unwrap().raw_os_error(), Some(libc::ETIMEDOUT));
            }
            _ => panic!("expected the connect time to end it"),
        }
    }

    /// Socket hooks that count closes and let the library do the rest.
    #[derive(Default)]
    struct Counting {
        closes: std::sync::atomic::AtomicUsize,
    }

    impl SocketHooks for Counting {
        fn close_socket(&self, _fd: RawFd) -> bool {
            self.closes
                .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            false
        }
    }

    #[test]
    fn sockets_are_closed_through_the_hooks() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let good = listener.local_addr().unwrap();
        let hooks = Arc::new(Counting::default());
        let dyn_hooks: Arc<dyn SocketHooks> = hooks.clone();
        let mut c = Connector::new(vec![dead_port(), good], config()).with_hooks(Some(dyn_hooks));
        let Progress::Connected(s) = drive(&mut c) else {
            panic!("expected a connection")
        };
        // The refused attempt's socket went through the hook.
        assert_eq!(hooks.closes.load(std::sync::atomic::Ordering::SeqCst), 1);
        drop(s);
        drop(c);
        assert_eq!(hooks.closes.load(std::sync::atomic::Ordering::SeqCst), 2);
    }
}
