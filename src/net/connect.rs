//! Connecting to one of a host's addresses: each address in turn, without blocking. A
//! refused or failed address moves on to the next; the last error is kept for the message
//! and `CURLINFO_OS_ERRNO`.

use std::io;
use std::net::SocketAddr;
use std::os::fd::{AsRawFd, RawFd};
use std::time::Duration;

use socket2::{Domain, Protocol, SockAddr, Socket, TcpKeepalive, Type};

use super::socket::{next_socket_id, Stream};

/// Socket settings taken from the easy handle's options.
#[derive(Clone, Debug)]
pub struct SocketConfig {
    pub nodelay: bool,
    pub keepalive: Option<(u32, u32)>,
}

pub enum Progress {
    /// Waiting for the socket (descriptor, socket id) to become writable.
    Pending(RawFd, u64),
    Connected(Stream),
    /// Every address failed; the last OS error.
    Failed(Option<io::Error>),
}

pub struct Connector {
    addrs: Vec<SocketAddr>,
    next: usize,
    current: Option<(Socket, u64, SocketAddr)>,
    config: SocketConfig,
    last_error: Option<io::Error>,
}

impl Connector {
    pub fn new(addrs: Vec<SocketAddr>, config: SocketConfig) -> Self {
        Connector {
            addrs,
            next: 0,
            current: None,
            config,
            last_error: None,
        }
    }

    /// The address being tried, for messages.
    pub fn current_addr(&self) -> Option<SocketAddr> {
        self.current.as_ref().map(|c| c.2)
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
                        continue;
                    }
                }
            }
            let Some(addr) = self.addrs.get(self.next).copied() else {
                return Progress::Failed(self.last_error.take());
            };
            self.next += 1;
            match self.start(addr) {
                Ok(sock) => self.current = Some((sock, next_socket_id(), addr)),
                Err(e) => self.last_error = Some(e),
            }
        }
    }

    /// Abandons the current attempt (its timer ran out) and moves to the next address.
    pub fn skip_current(&mut self) {
        if self.current.take().is_some() {
            self.last_error = Some(io::Error::from_raw_os_error(libc::ETIMEDOUT));
        }
    }

    fn start(&self, addr: SocketAddr) -> io::Result<Socket> {
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
        match sock.connect(&SockAddr::from(addr)) {
            Ok(()) => Ok(sock),
            Err(e) if e.raw_os_error() == Some(libc::EINPROGRESS) => Ok(sock),
            Err(e) => Err(e),
        }
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
        }
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
        let dead = {
            let l = TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap()
        };
        let mut c = Connector::new(vec![dead, good], config());
        match drive(&mut c) {
            Progress::Connected(s) => assert_eq!(s.peer, good),
            _ => panic!("expected a connection"),
        }
    }

    #[test]
    fn all_refused_reports_the_error() {
        let dead = {
            let l = TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap()
        };
        let mut c = Connector::new(vec![dead], config());
        match drive(&mut c) {
            Progress::Failed(Some(e)) => {
                assert_eq!(e.raw_os_error(), Some(libc::ECONNREFUSED))
            }
            _ => panic!("expected failure"),
        }
    }
}
