//! Connecting to one of a host's addresses: each address in turn, without blocking. A
//! refused or failed address moves on to the next. With a local binding
//! (`CURLOPT_INTERFACE`, `CURLOPT_LOCALPORT`), each address gets the local address of its
//! own family; an address the binding cannot serve is skipped without a connect attempt.
//!
//! When every address failed, the result is that of the last attempt in the family of the
//! first address (libcurl reports the first family's eyeballer), the text is the first
//! error-buffer text an attempt wrote, and the last OS error is kept for
//! `CURLINFO_OS_ERRNO`.

use std::io;
use std::net::SocketAddr;
use std::os::fd::{AsRawFd, RawFd};
use std::time::Duration;

use socket2::{Domain, Protocol, SockAddr, Socket, TcpKeepalive, Type};

use super::bind::{Binder, LocalBinding, Plan};
use super::socket::{next_socket_id, Stream};
use crate::error::Code;

/// Socket settings taken from the easy handle's options.
#[derive(Clone, Debug)]
pub struct SocketConfig {
    pub nodelay: bool,
    pub keepalive: Option<(u32, u32)>,
    /// `CURLOPT_INTERFACE`, `CURLOPT_LOCALPORT`, `CURLOPT_LOCALPORTRANGE`.
    pub local: LocalBinding,
}

pub enum Progress {
    /// Waiting for the socket (descriptor, socket id) to become writable.
    Pending(RawFd, u64),
    Connected(Stream),
    /// Every address failed or was skipped.
    Failed(Failure),
}

/// Why a connect failed.
#[derive(Debug)]
pub struct Failure {
    /// `CouldntConnect`, or `InterfaceFailed` when the local binding failed.
    pub code: Code,
    /// The last OS error of a bind or connect.
    pub error: Option<io::Error>,
    /// The error-buffer text an attempt wrote (libcurl keeps the first one), if any.
    pub message: Option<String>,
}

/// How one attempt ended, when it did not start connecting.
enum Attempt {
    Started(Socket),
    /// The local binding cannot serve this address.
    Skipped,
    /// socket() or connect() failed.
    Failed(io::Error),
    /// The local binding failed (`CURLE_INTERFACE_FAILED`).
    BindFailed(Option<io::Error>),
}

pub struct Connector {
    addrs: Vec<SocketAddr>,
    next: usize,
    current: Option<(Socket, u64, SocketAddr)>,
    config: SocketConfig,
    binder: Binder,
    last_error: Option<io::Error>,
    /// The result of the last attempt of each family: [IPv4, IPv6].
    results: [Option<Code>; 2],
    message: Option<String>,
    /// Verbose lines not yet handed out.
    notes: Vec<String>,
}

impl Connector {
    pub fn new(addrs: Vec<SocketAddr>, config: SocketConfig) -> Self {
        Connector {
            addrs,
            next: 0,
            current: None,
            binder: Binder::new(&config.local),
            config,
            last_error: None,
            results: [None, None],
            message: None,
            notes: Vec::new(),
        }
    }

    /// The address being tried, for messages.
    pub fn current_addr(&self) -> Option<SocketAddr> {
        self.current.as_ref().map(|c| c.2)
    }

    /// What happened since the last call, as lines for the verbose output: the local
    /// address chosen for each address, the addresses skipped and why, bind errors.
    pub fn take_notes(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notes)
    }

    /// Advances: starts the next attempt or checks the pending one. Call again when the
    /// pending socket is writable.
    pub fn poll(&mut self) -> Progress {
        loop {
            if let Some((sock, id, addr)) = self.current.take() {
                match check_connected(&sock) {
                    Ok(true) => {
                        return Progress::Connected(Stream::new(sock, id, addr));
                    }
                    Ok(false) => {
                        let fd = sock.as_raw_fd();
                        self.current = Some((sock, id, addr));
                        return Progress::Pending(fd, id);
                    }
                    Err(e) => {
                        self.last_error = Some(e);
                        self.record(&addr, Code::CouldntConnect);
                        continue;
                    }
                }
            }
            let Some(addr) = self.addrs.get(self.next).copied() else {
                return Progress::Failed(self.failure());
            };
            self.next += 1;
            match self.start(addr) {
                Attempt::Started(sock) => self.current = Some((sock, next_socket_id(), addr)),
                Attempt::Skipped => self.record(&addr, Code::CouldntConnect),
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

    /// Abandons the current attempt (its timer ran out) and moves to the next address.
    pub fn skip_current(&mut self) {
        if let Some((_, _, addr)) = self.current.take() {
            self.last_error = Some(io::Error::from_raw_os_error(libc::ETIMEDOUT));
            self.record(&addr, Code::CouldntConnect);
        }
    }

    fn record(&mut self, addr: &SocketAddr, code: Code) {
        self.results[usize::from(addr.is_ipv6())] = Some(code);
    }

    fn failure(&mut self) -> Failure {
        let first = self.addrs.first().map_or(0, |a| usize::from(a.is_ipv6()));
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
        let sock = match self.open(addr) {
            Ok(s) => s,
            Err(e) => return Attempt::Failed(e),
        };
        if let Some(end) = local {
            if let Err((message, e)) = self.binder.bind(&sock, &end, &mut self.notes) {
                self.fail_text(message, false);
                return Attempt::BindFailed(Some(e));
            }
        }
        match sock.connect(&SockAddr::from(addr)) {
            Ok(()) => Attempt::Started(sock),
            Err(e) if e.raw_os_error() == Some(libc::EINPROGRESS) => Attempt::Started(sock),
            Err(e) => Attempt::Failed(e),
        }
    }

    /// A non-blocking TCP socket for `addr`'s family with the configured options.
    fn open(&self, addr: SocketAddr) -> io::Result<Socket> {
        let sock = Socket::new(Domain::for_address(addr), Type::STREAM, Some(Protocol::TCP))?;
        sock.set_nonblocking(true)?;
        sock.set_cloexec(true)?;
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
        Ok(sock)
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
            match c.poll() {
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
            Progress::Connected(s) => assert_eq!(s.peer, good),
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
            Progress::Connected(s) => assert_eq!(s.peer, good),
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
}
