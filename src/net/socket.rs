//! A connected, non-blocking stream (TCP, or a Unix domain socket). Every send uses `MSG_NOSIGNAL`, so a peer reset
//! never raises SIGPIPE in the application.

use std::io::{self, Read};
use std::net::SocketAddr;
use std::ops::Deref;
use std::os::fd::{AsRawFd, IntoRawFd, OwnedFd, RawFd};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use socket2::Socket;

use super::tls::{Handshake, TlsSession};
use crate::error::Error;

/// What the application's open-socket hook did.
pub enum Opened {
    /// No hook: the library opens the socket itself.
    Library,
    /// The application's socket, for the address (possibly changed by the hook).
    Socket(OwnedFd),
    /// The hook refused (`CURL_SOCKET_BAD`).
    Bad,
}

/// What the application's socket-options hook answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SockoptOutcome {
    Ok,
    /// The socket is already connected: no connect.
    AlreadyConnected,
    /// Abort (`CURLE_ABORTED_BY_CALLBACK`).
    Error,
}

/// The application's socket hooks (`CURLOPT_OPENSOCKETFUNCTION`,
/// `CURLOPT_SOCKOPTFUNCTION`, `CURLOPT_CLOSESOCKETFUNCTION`). The defaults mean "no hook:
/// do it yourself". A connection keeps the hooks it was made with, to close its socket.
pub trait SocketHooks: Send + Sync {
    /// Opens a TCP socket for `addr`, which the hook may change.
    fn open_socket(&self, addr: &mut SocketAddr) -> Opened {
        let _ = addr;
        Opened::Library
    }
    /// Adjusts a freshly opened socket, before it is bound and connected.
    fn sockopt(&self, fd: RawFd) -> SockoptOutcome {
        let _ = fd;
        SockoptOutcome::Ok
    }
    /// Closes `fd`; `false` when there is no hook and the library must close it.
    fn close_socket(&self, fd: RawFd) -> bool {
        let _ = fd;
        false
    }
}

/// A socket that is closed through the application's close hook when it has one.
pub struct Sock {
    sock: Option<Socket>,
    hooks: Option<Arc<dyn SocketHooks>>,
}

impl Sock {
    pub fn new(sock: Socket, hooks: Option<Arc<dyn SocketHooks>>) -> Self {
        Sock {
            sock: Some(sock),
            hooks,
        }
    }
}

impl Deref for Sock {
    type Target = Socket;
    fn deref(&self) -> &Socket {
        self.sock.as_ref().expect("socket present until dropped")
    }
}

impl Drop for Sock {
    fn drop(&mut self) {
        let Some(sock) = self.sock.take() else {
            return;
        };
        if let Some(h) = &self.hooks {
            let fd = sock.as_raw_fd();
            if h.close_socket(fd) {
                // The application closed it: release it without closing it again.
                let _ = sock.into_raw_fd();
            }
        }
    }
}

/// What a connection is connected to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Peer {
    Ip(SocketAddr),
    Unix(super::unix::UnixTarget),
}

pub struct Stream {
    sock: Sock,
    /// Tells this socket apart from any other, even one that gets the same descriptor
    /// number after this one is closed (event loops key their registrations on it).
    id: u64,
    pub peer: Peer,
    /// The local end of a TCP connection.
    pub local: Option<SocketAddr>,
    /// The TLS layer, once the handshake has started: reads and writes go through it.
    tls: Option<Box<TlsSession>>,
}

/// A process-unique number for a new socket.
pub fn next_socket_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

impl Stream {
    pub fn new(sock: Sock, id: u64, peer: Peer) -> Self {
        let local = sock.local_addr().ok().and_then(|a| a.as_socket());
        Stream {
            sock,
            id,
            peer,
            local,
            tls: None,
        }
    }

    pub fn fd(&self) -> RawFd {
        self.sock.as_raw_fd()
    }

    pub fn id(&self) -> u64 {
        self.id
    }

    /// Puts TLS on top of the connection; the handshake is driven by `handshake`.
    pub fn start_tls(&mut self, session: TlsSession) {
        self.tls = Some(Box::new(session));
    }

    pub fn tls(&self) -> Option<&TlsSession> {
        self.tls.as_deref()
    }

    /// Advances the TLS handshake (see `TlsSession::handshake`).
    pub fn handshake(&mut self) -> std::result::Result<Handshake, (Error, i64)> {
        match &mut self.tls {
            Some(t) => t.handshake(&self.sock),
            None => Ok(Handshake::Done),
        }
    }

    pub fn send(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.tls {
            Some(t) => t.send(&self.sock, buf),
            None => self.sock.send_with_flags(buf, libc::MSG_NOSIGNAL),
        }
    }

    pub fn recv(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match &mut self.tls {
            Some(t) => t.recv(&self.sock, buf),
            None => (&*self.sock).read(buf),
        }
    }

    /// Bytes are queued in a layer for the socket to take: wait for writability too.
    pub fn wants_write(&self) -> bool {
        self.tls.as_ref().is_some_and(|t| t.wants_write())
    }

    /// True when the peer has closed or reset the connection or sent unexpected bytes:
    /// an idle keep-alive connection must have nothing to read.
    pub fn is_dead(&mut self) -> bool {
        if let Some(t) = &mut self.tls {
            return t.is_dead(&self.sock);
        }
        let mut probe = [std::mem::MaybeUninit::<u8>::uninit(); 1];
        match self.sock.peek(&mut probe) {
            Ok(_) => true,
            Err(e) => e.kind() != io::ErrorKind::WouldBlock,
        }
    }
}

impl Drop for Stream {
    /// A TLS connection says goodbye with `close_notify`, as libcurl's does.
    fn drop(&mut self) {
        if let Some(t) = &mut self.tls {
            t.close(&self.sock);
        }
    }
}
