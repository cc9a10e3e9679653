//! A connected, non-blocking TCP stream. Every send uses `MSG_NOSIGNAL`, so a peer reset
//! never raises SIGPIPE in the application.

use std::io::{self, Read};
use std::net::SocketAddr;
use std::os::fd::{AsRawFd, RawFd};
use std::sync::atomic::{AtomicU64, Ordering};

use socket2::Socket;

pub struct Stream {
    sock: Socket,
    /// Tells this socket apart from any other, even one that gets the same descriptor
    /// number after this one is closed (event loops key their registrations on it).
    id: u64,
    pub peer: SocketAddr,
    pub local: Option<SocketAddr>,
}

/// A process-unique number for a new socket.
pub fn next_socket_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

impl Stream {
    pub fn new(sock: Socket, id: u64, peer: SocketAddr) -> Self {
        let local = sock.local_addr().ok().and_then(|a| a.as_socket());
        Stream {
            sock,
            id,
            peer,
            local,
        }
    }

    pub fn fd(&self) -> RawFd {
        self.sock.as_raw_fd()
    }

    pub fn id(&self) -> u64 {
        self.id
    }

    pub fn send(&self, buf: &[u8]) -> io::Result<usize> {
        self.sock.send_with_flags(buf, libc::MSG_NOSIGNAL)
    }

    pub fn recv(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        (&self.sock).read(buf)
    }

    /// True when the peer has closed or reset the connection or sent unexpected bytes:
    /// an idle keep-alive connection must have nothing to read.
    pub fn is_dead(&self) -> bool {
        let mut probe = [std::mem::MaybeUninit::<u8>::uninit(); 1];
        match self.sock.peek(&mut probe) {
            Ok(_) => true,
            Err(e) => e.kind() != io::ErrorKind::WouldBlock,
        }
    }
}
