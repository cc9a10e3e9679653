//! Network namespaces for the local-binding tests.
//!
//! A [`Lab`] is two namespaces made for one test, a client and a server, joined by three veth
//! pairs whose both ends live in them (nothing is added to the machine's own namespace), with
//! no default route: traffic can only go between the two. The client side has
//!
//! | device | addresses |
//! |---|---|
//! | `v4only` | IPv4, and IPv6 link-local `fe80::1` only |
//! | `dual` | IPv4, a unique-local IPv6 in the server's prefix of that link, `fe80::3` |
//! | `noaddr` | none |
//!
//! and the server side (`s-v4only`, `s-dual`, `s-noaddr`) has IPv4 and a unique-local
//! `/64` on every link, link-locals `fe80::2` and `fe80::4`, and a global-class address
//! (`2001:db8:…`) on the dual link. Link-local addresses are set by hand (no automatic ones)
//! and no address waits for duplicate address detection, so everything is usable at once.
//!
//! Names and subnets are unique per run; a file lock under `target/` lets one lab exist at a
//! time across all test processes. Dropping the lab stops its server and removes both
//! namespaces, also when the test fails; labs left over by a killed run are removed by the
//! next one.

use std::fs::File;
use std::io::{ErrorKind, Read, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream};
use std::os::fd::AsRawFd;
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use socket2::{Domain, Socket, Type};

use crate::{capi_target, in_ci, missing};

/// The port the lab's server listens on, on every address of the server namespace.
pub const SERVER_PORT: u16 = 8080;

/// Namespace names start with this; the rest is the process id and a counter.
const PREFIX: &str = "rcurl-";

/// The three links, by the client-side device name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Link {
    V4Only,
    Dual,
    NoAddr,
}

impl Link {
    pub const ALL: [Link; 3] = [Link::V4Only, Link::Dual, Link::NoAddr];

    /// The client-side device.
    pub fn device(self) -> &'static str {
        match self {
            Link::V4Only => "v4only",
            Link::Dual => "dual",
            Link::NoAddr => "noaddr",
        }
    }

    fn number(self) -> u8 {
        match self {
            Link::V4Only => 1,
            Link::Dual => 2,
            Link::NoAddr => 3,
        }
    }
}

/// Two namespaces joined by veth pairs, and an HTTP server in the server one.
pub struct Lab {
    pub client: String,
    pub server: String,
    /// Makes this lab's subnets differ from other runs': 10.A.(4B+link).0/24 and
    /// fd72:AABB:link::/64.
    tag: (u8, u8),
    http: Option<NsServer>,
    lock: Option<File>,
}

impl Lab {
    /// Makes a lab, or returns None when network namespaces cannot be made here (after
    /// saying so loudly; under `CI=true` that fails the test instead).
    pub fn create() -> Option<Lab> {
        match Lab::try_create() {
            Ok(lab) => Some(lab),
            Err(why) => {
                let what = format!("network namespaces ({why})");
                if in_ci() {
                    panic!("CI=true and the namespace tests cannot run: {what}");
                }
                missing(&what);
                None
            }
        }
    }

    fn try_create() -> Result<Lab, String> {
        if crate::which("ip").is_none() {
            return Err("the ip tool (iproute2) is not installed".into());
        }
        let lock = take_lock()?;
        remove_stale();
        static COUNT: AtomicU32 = AtomicU32::new(0);
        let n = COUNT.fetch_add(1, Ordering::Relaxed);
        let pid = std::process::id();
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let seed = pid ^ nanos ^ n.wrapping_mul(0x9e37_79b9);
        let tag = ((seed % 254 + 1) as u8, ((seed >> 8) % 64) as u8);
        let mut lab = Lab {
            client: format!("{PREFIX}{pid}-{n}-c"),
            server: format!("{PREFIX}{pid}-{n}-s"),
            tag,
            http: None,
            lock: Some(lock),
        };
        // From here on, Drop removes whatever was made.
        ip(&["netns", "add", &lab.client])?;
        ip(&["netns", "add", &lab.server])?;
        lab.build()?;
        lab.http = Some(NsServer::start(&lab.server)?);
        Ok(lab)
    }

    fn build(&self) -> Result<(), String> {
        let (c, s) = (self.client.as_str(), self.server.as_str());
        for ns in [c, s] {
            ip(&["-n", ns, "link", "set", "lo", "up"])?;
        }
        for link in Link::ALL {
            let dev = link.device();
            let peer = self.server_device(link);
            ip(&[
                "-n", c, "link", "add", dev, "type", "veth", "peer", "name", &peer, "netns", s,
            ])?;
            // No automatic link-local addresses: the lab sets each address itself.
            ip(&["-n", c, "link", "set", dev, "addrgenmode", "none"])?;
            ip(&["-n", s, "link", "set", &peer, "addrgenmode", "none"])?;
            let mut client_addrs = Vec::new();
            let mut server_addrs = vec![
                format!("{}/24", self.server_v4(link)),
                format!("{}/64", self.server_ula(link)),
            ];
            match link {
                Link::V4Only => {
                    client_addrs.push(format!("{}/24", self.client_v4(link)));
                    client_addrs.push("fe80::1/64".to_string());
                    server_addrs.push("fe80::2/64".to_string());
                }
                Link::Dual => {
                    client_addrs.push(format!("{}/24", self.client_v4(link)));
                    client_addrs.push(format!("{}/64", self.client_ula()));
                    client_addrs.push("fe80::3/64".to_string());
                    server_addrs.push(format!("{}/64", self.server_global()));
                    server_addrs.push("fe80::4/64".to_string());
                }
                Link::NoAddr => {}
            }
            for (ns, dev, addrs) in [(c, dev, &client_addrs), (s, peer.as_str(), &server_addrs)] {
                for a in addrs {
                    let mut args = vec!["-n", ns, "addr", "add", a.as_str(), "dev", dev];
                    if a.contains(':') {
                        args.push("nodad");
                    }
                    ip(&args)?;
                }
                ip(&["-n", ns, "link", "set", dev, "up"])?;
            }
        }
        self.wait_until_up()
    }

    /// Waits until every veth reports its carrier (the kernel announces it a little after
    /// `link set up`; packets sent before may wait for neighbour discovery).
    fn wait_until_up(&self) -> Result<(), String> {
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        loop {
            let mut down = Vec::new();
            for ns in [&self.client, &self.server] {
                let list = ip_output(&["-n", ns, "-br", "link", "show", "type", "veth"])?;
                down.extend(
                    list.lines()
                        .filter(|l| l.split_whitespace().nth(1) != Some("UP"))
                        .map(|l| format!("{ns}: {l}")),
                );
            }
            if down.is_empty() {
                return Ok(());
            }
            if std::time::Instant::now() > deadline {
                return Err(format!("links still down: {down:?}"));
            }
            thread::sleep(Duration::from_millis(10));
        }
    }

    /// The server-side device of a link.
    pub fn server_device(&self, link: Link) -> String {
        format!("s-{}", link.device())
    }

    fn subnet(&self, link: Link) -> [u8; 3] {
        [10, self.tag.0, self.tag.1 * 4 + link.number()]
    }

    pub fn server_v4(&self, link: Link) -> Ipv4Addr {
        let [a, b, c] = self.subnet(link);
        Ipv4Addr::new(a, b, c, 1)
    }

    /// The client's IPv4 address on a link (`noaddr` has none; this is what it would be).
    pub fn client_v4(&self, link: Link) -> Ipv4Addr {
        let [a, b, c] = self.subnet(link);
        Ipv4Addr::new(a, b, c, 2)
    }

    fn ula(&self, link: Link, host: u16) -> Ipv6Addr {
        let id = u16::from(self.tag.0) << 8 | u16::from(self.tag.1);
        Ipv6Addr::new(0xfd72, id, link.number().into(), 0, 0, 0, 0, host)
    }

    /// The server's unique-local address on a link.
    pub fn server_ula(&self, link: Link) -> Ipv6Addr {
        self.ula(link, 1)
    }

    /// The client's unique-local address (on `dual`, the only link with one).
    pub fn client_ula(&self) -> Ipv6Addr {
        self.ula(Link::Dual, 2)
    }

    /// The server's global-class address (on the dual link).
    pub fn server_global(&self) -> Ipv6Addr {
        let id = u16::from(self.tag.0) << 8 | u16::from(self.tag.1);
        Ipv6Addr::new(0x2001, 0xdb8, id, 2, 0, 0, 0, 1)
    }

    /// The server's link-local address on the v4only link.
    pub fn server_link_local(&self) -> Ipv6Addr {
        "fe80::2".parse().expect("literal")
    }

    /// The client's link-local address on the v4only link.
    pub fn client_link_local(&self) -> Ipv6Addr {
        "fe80::1".parse().expect("literal")
    }

    /// The interface index of a client device (a link-local address's scope id).
    pub fn client_index(&self, link: Link) -> u32 {
        let out = ip_output(&[
            "-n",
            &self.client,
            "-o",
            "link",
            "show",
            "dev",
            link.device(),
        ])
        .unwrap_or_else(|e| panic!("{e}"));
        out.split(':')
            .next()
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or_else(|| panic!("no index in {out:?}"))
    }

    /// The lab's HTTP server: it answers every request with the client's address.
    pub fn http(&self) -> &NsServer {
        self.http
            .as_ref()
            .expect("the server runs while the lab exists")
    }

    /// Runs `f` on a thread inside the client namespace: sockets it makes belong there.
    pub fn in_client<T: Send>(&self, f: impl FnOnce() -> T + Send) -> T {
        in_netns(&self.client, f).unwrap_or_else(|e| panic!("{e}"))
    }
}

impl Drop for Lab {
    fn drop(&mut self) {
        // The server's sockets keep its namespace alive: stop it first.
        self.http = None;
        for ns in [&self.client, &self.server] {
            let _ = ip(&["netns", "del", ns]);
        }
        self.lock = None;
    }
}

/// `ip ARGS`, failing with its stderr.
fn ip(args: &[&str]) -> Result<(), String> {
    ip_output(args).map(drop)
}

fn ip_output(args: &[&str]) -> Result<String, String> {
    let out = Command::new("ip")
        .args(args)
        .output()
        .map_err(|e| format!("cannot run ip: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "`ip {}` failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The lock all namespace tests share, across test processes: held until dropped.
fn take_lock() -> Result<File, String> {
    let dir = capi_target();
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let path = dir.join("netns.lock");
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    loop {
        // SAFETY: flock on a descriptor we own; it blocks until the lock is ours.
        if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) } == 0 {
            return Ok(file);
        }
        let e = std::io::Error::last_os_error();
        if e.kind() != ErrorKind::Interrupted {
            return Err(format!("cannot lock {}: {e}", path.display()));
        }
    }
}

/// Removes the namespaces of labs whose process is gone (a killed test run).
fn remove_stale() {
    let Ok(list) = ip_output(&["netns", "list"]) else {
        return;
    };
    for name in list.lines().filter_map(|l| l.split_whitespace().next()) {
        let Some(pid) = name
            .strip_prefix(PREFIX)
            .and_then(|r| r.split('-').next())
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && !std::path::Path::new(&format!("/proc/{pid}")).exists() {
            let _ = ip(&["netns", "del", name]);
        }
    }
}

/// Runs `f` on a new thread that has entered network namespace `ns`.
fn in_netns<T: Send>(ns: &str, f: impl FnOnce() -> T + Send) -> Result<T, String> {
    let path = format!("/run/netns/{ns}");
    let file = File::open(&path).map_err(|e| format!("cannot open {path}: {e}"))?;
    thread::scope(|scope| {
        scope
            .spawn(|| {
                // SAFETY: setns on a namespace descriptor we own; it changes only this
                // thread's network namespace, and this thread ends after `f`.
                if unsafe { libc::setns(file.as_raw_fd(), libc::CLONE_NEWNET) } != 0 {
                    let e = std::io::Error::last_os_error();
                    return Err(format!("cannot enter {ns}: {e}"));
                }
                Ok(f())
            })
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e))
    })
}

/// One request as the server saw it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seen {
    /// The index of the connection it came on, in accept order.
    pub conn: usize,
    /// The client's address and port.
    pub peer: SocketAddr,
    /// The request line.
    pub line: String,
}

/// An HTTP/1.1 server on every address of a namespace (port [`SERVER_PORT`], IPv4 and
/// IPv6): each request gets `200 OK` with the client's address as the body, and the
/// connection stays open.
pub struct NsServer {
    seen: Arc<Mutex<Vec<Seen>>>,
    accepted: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    threads: Arc<Mutex<Vec<JoinHandle<()>>>>,
    acceptor: Option<JoinHandle<()>>,
}

impl NsServer {
    fn start(ns: &str) -> Result<NsServer, String> {
        let listeners = in_netns(ns, || -> std::io::Result<Vec<TcpListener>> {
            let v4 = TcpListener::bind((Ipv4Addr::UNSPECIFIED, SERVER_PORT))?;
            let v6 = Socket::new(Domain::IPV6, Type::STREAM, None)?;
            v6.set_only_v6(true)?;
            v6.set_reuse_address(true)?;
            v6.bind(&SocketAddr::from((Ipv6Addr::UNSPECIFIED, SERVER_PORT)).into())?;
            v6.listen(16)?;
            Ok(vec![v4, v6.into()])
        })?
        .map_err(|e| format!("cannot listen in {ns}: {e}"))?;
        for l in &listeners {
            l.set_nonblocking(true)
                .map_err(|e| format!("listener: {e}"))?;
        }
        let mut server = NsServer {
            seen: Arc::default(),
            accepted: Arc::default(),
            stop: Arc::default(),
            threads: Arc::default(),
            acceptor: None,
        };
        let (seen, accepted, stop, threads) = (
            server.seen.clone(),
            server.accepted.clone(),
            server.stop.clone(),
            server.threads.clone(),
        );
        let acceptor = thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                let mut idle = true;
                for l in &listeners {
                    if let Ok((stream, peer)) = l.accept() {
                        idle = false;
                        let conn = accepted.fetch_add(1, Ordering::SeqCst);
                        let (seen, stop) = (seen.clone(), stop.clone());
                        let t = thread::spawn(move || serve(stream, conn, peer, &seen, &stop));
                        threads.lock().expect("threads").push(t);
                    }
                }
                if idle {
                    thread::sleep(Duration::from_millis(5));
                }
            }
        });
        server.acceptor = Some(acceptor);
        Ok(server)
    }

    /// Every request so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().expect("seen").clone()
    }

    /// How many connections were accepted.
    pub fn accepted(&self) -> usize {
        self.accepted.load(Ordering::SeqCst)
    }

    /// The client addresses of the requests, in order.
    pub fn peers(&self) -> Vec<IpAddr> {
        self.seen().iter().map(|s| s.peer.ip()).collect()
    }
}

impl Drop for NsServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(a) = self.acceptor.take() {
            let _ = a.join();
        }
        let threads = std::mem::take(&mut *self.threads.lock().expect("threads"));
        for t in threads {
            let _ = t.join();
        }
    }
}

/// Answers the requests of one connection until the client closes it or the server stops.
fn serve(
    mut stream: TcpStream,
    conn: usize,
    peer: SocketAddr,
    seen: &Mutex<Vec<Seen>>,
    stop: &AtomicBool,
) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(20)));
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    while !stop.load(Ordering::Relaxed) {
        match stream.read(&mut chunk) {
            Ok(0) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => continue,
            Err(_) => return,
        }
        // Requests without bodies: each ends at the blank line.
        while let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head: Vec<u8> = buf.drain(..end + 4).collect();
            let line = String::from_utf8_lossy(&head)
                .lines()
                .next()
                .unwrap_or_default()
                .to_string();
            seen.lock().expect("seen").push(Seen { conn, peer, line });
            let body = peer.ip().to_string();
            let reply = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            );
            if stream.write_all(reply.as_bytes()).is_err() {
                return;
            }
        }
    }
}
