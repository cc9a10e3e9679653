//! Connecting to a Unix domain socket (`CURLOPT_UNIX_SOCKET_PATH`,
//! `CURLOPT_ABSTRACT_UNIX_SOCKET`, a SOCKS proxy given as `socks5h://localhost/path`). A
//! local stream socket connects at once or fails at once, so there is no address list, no
//! happy eyeballs and no local binding: one attempt, finished within the call. The
//! application's socket-options and close hooks apply as for TCP.

use std::io;
use std::os::fd::AsRawFd;
use std::os::unix::ffi::OsStrExt;
use std::sync::Arc;

use socket2::{Domain, SockAddr, Socket, Type};

use super::connect::Failure;
use super::socket::{next_socket_id, Peer, Sock, SocketHooks, SockoptOutcome, Stream};
use crate::error::Code;

/// The size of `sockaddr_un.sun_path` on Linux.
const SUN_PATH: usize = 108;
/// libcurl's `MAX_IPADR_LEN`: how much of the path `CURLINFO_PRIMARY_IP` shows.
const MAX_IPADR_LEN: usize = 46;

/// Where a Unix socket connection goes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct UnixTarget {
    /// The path (or, abstract, the name without its leading NUL).
    pub path: Vec<u8>,
    /// A name in Linux's abstract namespace rather than a file.
    pub abstract_name: bool,
}

impl UnixTarget {
    /// The address, or `None` when the path is too long for `sun_path` (a file path needs
    /// room for its NUL, an abstract name for the leading one), as libcurl's unix2addr.
    fn sockaddr(&self) -> Option<SockAddr> {
        let mut bytes = Vec::with_capacity(self.path.len() + 1);
        if self.abstract_name {
            bytes.push(0);
        }
        bytes.extend_from_slice(&self.path);
        let fits = if self.abstract_name {
            bytes.len() <= SUN_PATH
        } else {
            bytes.len() < SUN_PATH
        };
        if !fits {
            return None;
        }
        SockAddr::unix(std::ffi::OsStr::from_bytes(&bytes)).ok()
    }

    /// What `CURLINFO_PRIMARY_IP` and the verbose lines show for it: libcurl prints
    /// `sun_path` as a C string into a buffer of `MAX_IPADR_LEN`, so an abstract name (which
    /// starts with a NUL) shows as nothing and a long path is cut.
    pub fn display(&self) -> String {
        if self.abstract_name {
            return String::new();
        }
        let end = self.path.len().min(MAX_IPADR_LEN - 1);
        String::from_utf8_lossy(&self.path[..end]).into_owned()
    }
}

/// Connects to `target`. A path too long for the address fails as libcurl's resolve step
/// does (`CURLE_COULDNT_RESOLVE_HOST`, "Unix socket path too long").
pub fn connect(
    target: &UnixTarget,
    hooks: Option<Arc<dyn SocketHooks>>,
) -> Result<Stream, Failure> {
    let fail = |code, error, message| Failure {
        code,
        error,
        message,
    };
    let Some(addr) = target.sockaddr() else {
        let path = String::from_utf8_lossy(&target.path);
        return Err(fail(
            Code::CouldntResolveHost,
            None,
            Some(format!("Unix socket path too long: '{path}'")),
        ));
    };
    let io_fail = |e: io::Error| fail(Code::CouldntConnect, Some(e), None);
    let sock = Socket::new(Domain::UNIX, Type::STREAM, None).map_err(io_fail)?;
    sock.set_cloexec(true).map_err(io_fail)?;
    let sock = Sock::new(sock, hooks.clone());
    let mut connected = false;
    if let Some(h) = &hooks {
        match h.sockopt(sock.as_raw_fd()) {
            SockoptOutcome::Ok => {}
            SockoptOutcome::AlreadyConnected => connected = true,
            SockoptOutcome::Error => return Err(fail(Code::AbortedByCallback, None, None)),
        }
    }
    sock.set_nonblocking(true).map_err(io_fail)?;
    if !connected {
        sock.connect(&addr).map_err(io_fail)?;
    }
    Ok(Stream::new(
        sock,
        next_socket_id(),
        Peer::Unix(target.clone()),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};
    use std::os::unix::net::UnixListener;

    fn target(path: &[u8], abstract_name: bool) -> UnixTarget {
        UnixTarget {
            path: path.to_vec(),
            abstract_name,
        }
    }

    #[test]
    fn connects_to_a_listening_path_and_to_an_abstract_name() {
        let dir = std::env::temp_dir().join(format!("unix-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("s.sock");
        let _ = std::fs::remove_file(&path);
        let listener = UnixListener::bind(&path).unwrap();
        let t = target(path.as_os_str().as_bytes(), false);
        let mut stream = connect(&t, None).unwrap();
        let (mut peer, _) = listener.accept().unwrap();
        assert_eq!(stream.send(b"hi").unwrap(), 2);
        let mut got = [0u8; 2];
        peer.read_exact(&mut got).unwrap();
        assert_eq!(&got, b"hi");
        peer.write_all(b"ok").unwrap();
        assert_eq!(stream.peer, Peer::Unix(t.clone()));
        assert!(stream.local.is_none());
        std::fs::remove_dir_all(&dir).unwrap();

        use std::os::linux::net::SocketAddrExt;
        let name = format!("unix-test-abstract-{}", std::process::id());
        let addr = std::os::unix::net::SocketAddr::from_abstract_name(name.as_bytes()).unwrap();
        let listener = UnixListener::bind_addr(&addr).unwrap();
        let t = target(name.as_bytes(), true);
        connect(&t, None).unwrap();
        listener.accept().unwrap();
        assert_eq!(t.display(), "");
    }

    #[test]
    fn a_missing_path_is_refused_and_a_long_one_is_a_resolve_error() {
        let Err(f) = connect(&target(b"/nonexistent/dir/s.sock", false), None) else {
            panic!("connected to a missing path");
        };
        assert_eq!(f.code, Code::CouldntConnect);
        assert_eq!(f.error.unwrap().raw_os_error(), Some(libc::ENOENT));

        let long = vec![b'a'; 108];
        let Err(f) = connect(&target(&long, false), None) else {
            panic!("connected with a path too long");
        };
        assert_eq!(f.code, Code::CouldntResolveHost);
        assert!(f
            .message
            .unwrap()
            .starts_with("Unix socket path too long: 'aaa"));
        // An abstract name has no NUL at its end: 107 bytes still fit.
        assert!(target(&long[..107], true).sockaddr().is_some());
        assert!(target(&long[..107], false).sockaddr().is_some());
        assert!(target(&long, true).sockaddr().is_none());
    }

    #[test]
    fn the_primary_ip_is_the_path_cut_as_libcurl_prints_it() {
        assert_eq!(target(b"/tmp/s.sock", false).display(), "/tmp/s.sock");
        let long = vec![b'p'; 80];
        assert_eq!(target(&long, false).display().len(), 45);
    }
}
