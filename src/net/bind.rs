//! Local binding: what `CURLOPT_INTERFACE`, `CURLOPT_LOCALPORT` and `CURLOPT_LOCALPORTRANGE`
//! ask for, and which local address serves which remote address.
//!
//! The interface string is kept as the application gave it and read here, at connect time,
//! as libcurl 7.88.1 does:
//!
//! * `if!NAME`: the interface NAME only; an unknown interface fails the attempt with
//!   `CURLE_INTERFACE_FAILED`.
//! * `host!NAME`: an IP address or a host name for the local address, resolved for the
//!   family of the remote address being tried.
//! * `NAME`: an interface when one has that name, else an IP address or host name.
//! * `ifhost!IFACE!HOST`: the device IFACE and the address HOST (libcurl 8.9's form).
//!
//! For every remote address the local address is chosen anew, of that address's family:
//! the interface's IPv6 addresses count only when their scope class equals the remote
//! address's and, when the remote address carries a scope id (a URL zone id or
//! `CURLOPT_ADDRESS_SCOPE`), only with that scope id. An interface that has no such address
//! makes the connector skip the remote address without trying it.

use std::ffi::{CStr, CString};
use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};

use socket2::{SockAddr, Socket};

/// libcurl ignores an interface string this long or longer (it binds only the local port).
const MAX_DEVICE_LEN: usize = 255;

/// A parsed `CURLOPT_INTERFACE` value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Spec {
    /// `if!NAME`: an interface, never resolved as a host.
    Interface(String),
    /// `host!NAME`: an IP address or host name.
    Host(String),
    /// A plain `NAME`: an interface if one has that name, else an IP address or host name.
    Either(String),
    /// `ifhost!IFACE!HOST`: bind the device IFACE and the address HOST.
    IfHost { iface: String, host: String },
}

/// Reads a `CURLOPT_INTERFACE` string. `None` when libcurl would ignore it (255 bytes or
/// more). The prefixes are case-sensitive, as libcurl's. An `ifhost!` string without a
/// second `!` or with an empty part is read as a plain name, which is what 7.88.1 (without
/// the form) does with it, and fails the same way.
pub fn parse(text: &str) -> Option<Spec> {
    if text.len() >= MAX_DEVICE_LEN {
        return None;
    }
    if let Some(rest) = text.strip_prefix("if!") {
        return Some(Spec::Interface(rest.to_string()));
    }
    if let Some(rest) = text.strip_prefix("host!") {
        return Some(Spec::Host(rest.to_string()));
    }
    if let Some(rest) = text.strip_prefix("ifhost!") {
        if let Some((iface, host)) = rest.split_once('!') {
            if !iface.is_empty() && !host.is_empty() {
                return Some(Spec::IfHost {
                    iface: iface.to_string(),
                    host: host.to_string(),
                });
            }
        }
    }
    Some(Spec::Either(text.to_string()))
}

/// The scope class of an address, as libcurl computes it from the address bytes. IPv4
/// addresses are all global.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Global,
    LinkLocal,
    SiteLocal,
    UniqueLocal,
    Loopback,
}

impl Scope {
    fn name(self) -> &'static str {
        match self {
            Scope::Global => "global",
            Scope::LinkLocal => "link-local",
            Scope::SiteLocal => "site-local",
            Scope::UniqueLocal => "unique-local",
            Scope::Loopback => "loopback",
        }
    }
}

pub fn scope_of(ip: &IpAddr) -> Scope {
    let IpAddr::V6(v6) = ip else {
        return Scope::Global;
    };
    let b = v6.octets();
    if b[0] == 0xfe && b[1] & 0xc0 == 0x80 {
        Scope::LinkLocal
    } else if b[0] == 0xfe && b[1] & 0xc0 == 0xc0 {
        Scope::SiteLocal
    } else if b[0] & 0xfe == 0xfc {
        Scope::UniqueLocal
    } else if *v6 == Ipv6Addr::LOCALHOST {
        Scope::Loopback
    } else {
        Scope::Global
    }
}

/// One entry of the system's interface list: an interface name and one of its addresses
/// (`None` for entries of other families, such as the link-layer one every interface has).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IfAddr {
    pub name: String,
    pub addr: Option<IpAddr>,
    /// `sin6_scope_id` of an IPv6 address (the interface index for link-local ones).
    pub scope_id: u32,
}

/// The addresses of every interface, in the kernel's order. An error reads as "no
/// interfaces", as in libcurl.
pub fn interfaces() -> Vec<IfAddr> {
    let mut head: *mut libc::ifaddrs = std::ptr::null_mut();
    // SAFETY: getifaddrs writes a list head into `head`, which we own until freeifaddrs.
    if unsafe { libc::getifaddrs(&mut head) } != 0 {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut cur = head;
    while !cur.is_null() {
        // SAFETY: `cur` is a node of the list getifaddrs returned, not yet freed.
        let ifa = unsafe { &*cur };
        cur = ifa.ifa_next;
        if ifa.ifa_name.is_null() {
            continue;
        }
        // SAFETY: ifa_name is a NUL-terminated string owned by the list.
        let name = unsafe { CStr::from_ptr(ifa.ifa_name) }
            .to_string_lossy()
            .into_owned();
        let (addr, scope_id) = if ifa.ifa_addr.is_null() {
            (None, 0)
        } else {
            // SAFETY: ifa_addr points to a sockaddr whose sa_family says which struct it is;
            // the list holds at least that struct for AF_INET and AF_INET6 entries.
            unsafe { sockaddr_ip(ifa.ifa_addr) }
        };
        out.push(IfAddr {
            name,
            addr,
            scope_id,
        });
    }
    // SAFETY: `head` came from getifaddrs and is freed once; nothing refers to it now.
    unsafe { libc::freeifaddrs(head) };
    out
}

/// The IP address (and IPv6 scope id) of a sockaddr of family AF_INET or AF_INET6.
///
/// # Safety
/// `sa` points to a valid sockaddr whose size matches its `sa_family`.
unsafe fn sockaddr_ip(sa: *const libc::sockaddr) -> (Option<IpAddr>, u32) {
    // SAFETY: the caller guarantees a valid sockaddr; the family selects the struct read.
    unsafe {
        match i32::from((*sa).sa_family) {
            libc::AF_INET => {
                let sin = &*sa.cast::<libc::sockaddr_in>();
                let ip = Ipv4Addr::from(u32::from_be(sin.sin_addr.s_addr));
                (Some(IpAddr::V4(ip)), 0)
            }
            libc::AF_INET6 => {
                let sin6 = &*sa.cast::<libc::sockaddr_in6>();
                let ip = Ipv6Addr::from(sin6.sin6_addr.s6_addr);
                (Some(IpAddr::V6(ip)), sin6.sin6_scope_id)
            }
            _ => (None, 0),
        }
    }
}

/// What an interface offers for one remote address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup {
    /// No interface has that name.
    NotFound,
    /// The interface exists but has no usable address for the remote address; why.
    NoAddress(String),
    /// The local address to bind, and the interface's name as the system spells it.
    Found {
        name: String,
        ip: IpAddr,
        scope_id: u32,
    },
}

/// Picks the local address of interface `name` (compared case-insensitively) for
/// connecting to `remote`: the first address of the remote's family, for IPv6 the first
/// one of the remote's scope class and, when the remote has a scope id, with that scope
/// id.
pub fn pick(list: &[IfAddr], name: &str, remote: &SocketAddr) -> Lookup {
    let want_scope = scope_of(&remote.ip());
    let want_id = match remote {
        SocketAddr::V6(v6) => v6.scope_id(),
        SocketAddr::V4(_) => 0,
    };
    let mut exists = false;
    let mut other_scope = false;
    let mut other_id = false;
    for entry in list.iter().filter(|e| e.name.eq_ignore_ascii_case(name)) {
        exists = true;
        let Some(ip) = entry.addr else {
            continue;
        };
        if ip.is_ipv6() != remote.is_ipv6() {
            continue;
        }
        if ip.is_ipv6() {
            if scope_of(&ip) != want_scope {
                other_scope = true;
                continue;
            }
            if want_id != 0 && entry.scope_id != want_id {
                other_id = true;
                continue;
            }
        }
        return Lookup::Found {
            name: entry.name.clone(),
            ip,
            scope_id: entry.scope_id,
        };
    }
    if !exists {
        return Lookup::NotFound;
    }
    let why = if !remote.is_ipv6() {
        "no IPv4 address".to_string()
    } else if other_id {
        format!(
            "no {} IPv6 address with scope id {want_id}",
            want_scope.name()
        )
    } else if other_scope {
        format!("no IPv6 address of {} scope", want_scope.name())
    } else {
        "no IPv6 address".to_string()
    };
    Lookup::NoAddress(why)
}

/// The local binding settings of a transfer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LocalBinding {
    /// `CURLOPT_INTERFACE`, as set.
    pub interface: Option<String>,
    /// `CURLOPT_LOCALPORT` (0: any).
    pub port: u16,
    /// `CURLOPT_LOCALPORTRANGE`: how many ports to try from `port` (0 and 1: one).
    pub range: u16,
}

/// Where a socket is bound before it connects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocalEnd {
    /// The address (port 0; the configured port is applied when binding).
    pub addr: SocketAddr,
    /// The device for SO_BINDTODEVICE.
    pub device: Option<String>,
}

/// What to do for one remote address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Plan {
    /// No local binding was asked for.
    Nothing,
    Bind(LocalEnd),
    /// The binding cannot serve this address: go to the next one without trying it.
    Skip,
    /// The binding fails for this address (`CURLE_INTERFACE_FAILED`) with libcurl's
    /// error-buffer text; `forced` texts replace an earlier one, as libcurl's do.
    Fail {
        message: String,
        forced: bool,
    },
}

/// The binding of one connect (one list of remote addresses): the parsed settings and the
/// local host name's answers per family, looked up once.
#[derive(Debug)]
pub struct Binder {
    spec: Option<Spec>,
    port: u16,
    range: u16,
    /// Resolved local host for IPv4 and IPv6 (outer None: not looked up yet).
    resolved: [Option<Option<(IpAddr, u32)>>; 2],
    /// The interface list, for tests; read from the system when None.
    list: Option<Vec<IfAddr>>,
}

impl Binder {
    pub fn new(cfg: &LocalBinding) -> Binder {
        Binder {
            spec: cfg.interface.as_deref().and_then(parse),
            port: cfg.port,
            range: cfg.range,
            resolved: [None, None],
            list: None,
        }
    }

    /// A binder that reads interfaces from `list` instead of the system.
    #[cfg(test)]
    fn with_interfaces(cfg: &LocalBinding, list: Vec<IfAddr>) -> Binder {
        Binder {
            list: Some(list),
            ..Binder::new(cfg)
        }
    }

    fn interfaces(&self) -> Vec<IfAddr> {
        match &self.list {
            Some(l) => l.clone(),
            None => interfaces(),
        }
    }

    /// Decides the local end for `remote`; what it found goes to `notes` (verbose lines).
    pub fn plan(&mut self, remote: &SocketAddr, notes: &mut Vec<String>) -> Plan {
        let spec = match &self.spec {
            Some(s) => s.clone(),
            None if self.port != 0 => {
                let any = if remote.is_ipv6() {
                    IpAddr::V6(Ipv6Addr::UNSPECIFIED)
                } else {
                    IpAddr::V4(Ipv4Addr::UNSPECIFIED)
                };
                return Plan::Bind(LocalEnd {
                    addr: SocketAddr::new(any, 0),
                    device: None,
                });
            }
            None => return Plan::Nothing,
        };
        match spec {
            Spec::Interface(name) => {
                self.by_interface(&name, remote, notes)
                    .unwrap_or_else(|| Plan::Fail {
                        message: format!("Couldn't bind to interface '{name}'"),
                        forced: false,
                    })
            }
            Spec::Either(name) => match self.by_interface(&name, remote, notes) {
                Some(plan) => plan,
                None => self.by_host(&name, None, remote, notes),
            },
            Spec::Host(name) => self.by_host(&name, None, remote, notes),
            Spec::IfHost { iface, host } => {
                // The device as the system spells it; an unknown one is still tried (and
                // its failure ignored), as libcurl 8.9 does.
                let device = self
                    .interfaces()
                    .into_iter()
                    .find(|e| e.name.eq_ignore_ascii_case(&iface))
                    .map_or(iface, |e| e.name);
                self.by_host(&host, Some(device), remote, notes)
            }
        }
    }

    /// The plan from interface `name`; None when there is no such interface.
    fn by_interface(
        &self,
        name: &str,
        remote: &SocketAddr,
        notes: &mut Vec<String>,
    ) -> Option<Plan> {
        match pick(&self.interfaces(), name, remote) {
            Lookup::NotFound => None,
            Lookup::NoAddress(why) => {
                notes.push(format!(
                    "Local Interface {name} has {why} for {}, skipping it",
                    show(remote)
                ));
                Some(Plan::Skip)
            }
            Lookup::Found {
                name: real,
                ip,
                scope_id,
            } => {
                let text = with_scope(&ip, scope_id);
                notes.push(format!(
                    "Local Interface {name} is ip {text} using address family {}",
                    family_number(remote)
                ));
                Some(Plan::Bind(LocalEnd {
                    addr: socket_addr(ip, scope_id),
                    device: Some(real),
                }))
            }
        }
    }

    /// The plan from a local IP address or host name, for the remote's family.
    fn by_host(
        &mut self,
        host: &str,
        device: Option<String>,
        remote: &SocketAddr,
        notes: &mut Vec<String>,
    ) -> Plan {
        let slot = usize::from(remote.is_ipv6());
        let answer = match self.resolved[slot] {
            Some(a) => a,
            None => {
                let a = resolve_local(host, remote.is_ipv6());
                self.resolved[slot] = Some(a);
                a
            }
        };
        let Some((ip, scope_id)) = answer else {
            return Plan::Fail {
                message: format!("Couldn't bind to '{host}'"),
                forced: true,
            };
        };
        let af = family_number(remote);
        let got = if ip.is_ipv6() {
            libc::AF_INET6
        } else {
            libc::AF_INET
        };
        notes.push(format!(
            "Name '{host}' family {af} resolved to '{}' family {got}",
            with_scope(&ip, scope_id)
        ));
        if ip.is_ipv6() != remote.is_ipv6() {
            notes.push(format!(
                "Local address {ip} cannot serve {}, skipping it",
                show(remote)
            ));
            return Plan::Skip;
        }
        Plan::Bind(LocalEnd {
            addr: socket_addr(ip, scope_id),
            device,
        })
    }

    /// Binds `sock` to `end`: the device when one is named (a refusal, such as EPERM
    /// without the privilege, is only noted), then the address with the configured port,
    /// trying the next port while binding fails, up to the range. The error is libcurl's
    /// text and the OS error.
    pub fn bind(
        &self,
        sock: &Socket,
        end: &LocalEnd,
        notes: &mut Vec<String>,
    ) -> Result<(), (String, io::Error)> {
        if let Some(dev) = &end.device {
            if let Err(e) = sock.bind_device(Some(dev.as_bytes())) {
                notes.push(format!(
                    "SO_BINDTODEVICE {dev} failed with errno {}: {}; will do regular bind",
                    e.raw_os_error().unwrap_or(0),
                    os_text(&e)
                ));
            }
        }
        // The port is picked at connect time when none is asked for, so that the same
        // local address can serve many destinations.
        let on: libc::c_int = 1;
        // SAFETY: a valid descriptor and a c_int option value of the right size.
        unsafe {
            libc::setsockopt(
                std::os::fd::AsRawFd::as_raw_fd(sock),
                libc::SOL_IP,
                libc::IP_BIND_ADDRESS_NO_PORT,
                (&on as *const libc::c_int).cast(),
                std::mem::size_of::<libc::c_int>() as libc::socklen_t,
            );
        }
        let mut port = self.port;
        let mut tries = self.range.max(1);
        loop {
            let mut addr = end.addr;
            addr.set_port(port);
            match sock.bind(&SockAddr::from(addr)) {
                Ok(()) => {
                    notes.push(format!("Local port: {port}"));
                    return Ok(());
                }
                Err(e) => {
                    tries -= 1;
                    if tries == 0 || port == u16::MAX {
                        let message = format!(
                            "bind failed with errno {}: {}",
                            e.raw_os_error().unwrap_or(0),
                            os_text(&e)
                        );
                        return Err((message, e));
                    }
                    notes.push(format!("Bind to local port {port} failed, trying next"));
                    port += 1;
                }
            }
        }
    }
}

/// The local address for `host` and one family: an IP literal as it is (whatever its
/// family; a `%scope` suffix, a number or an interface name, gives an IPv6 scope id), else
/// the system resolver's first answer of that family.
fn resolve_local(host: &str, v6: bool) -> Option<(IpAddr, u32)> {
    if let Ok(ip) = host.parse::<IpAddr>() {
        return Some((ip, 0));
    }
    if let Some((addr, zone)) = host.split_once('%') {
        if let Ok(ip) = addr.parse::<Ipv6Addr>() {
            return super::scope_id(zone).map(|id| (IpAddr::V6(ip), id));
        }
    }
    let name = CString::new(host).ok()?;
    // SAFETY: an all-zero addrinfo is a valid "no hints" value; fields are set below.
    let mut hints: libc::addrinfo = unsafe { std::mem::zeroed() };
    hints.ai_family = if v6 { libc::AF_INET6 } else { libc::AF_INET };
    hints.ai_socktype = libc::SOCK_STREAM;
    let mut res: *mut libc::addrinfo = std::ptr::null_mut();
    // SAFETY: valid NUL-terminated name and hints; `res` receives a list we free below.
    let rc = unsafe { libc::getaddrinfo(name.as_ptr(), std::ptr::null(), &hints, &mut res) };
    if rc != 0 {
        return None;
    }
    let mut found = None;
    let mut cur = res;
    while !cur.is_null() && found.is_none() {
        // SAFETY: `cur` is a node of the list getaddrinfo returned, not yet freed.
        let ai = unsafe { &*cur };
        if !ai.ai_addr.is_null() {
            // SAFETY: ai_addr points to a sockaddr of ai_addrlen bytes matching its family.
            let (ip, scope) = unsafe { sockaddr_ip(ai.ai_addr) };
            found = ip.map(|ip| (ip, scope));
        }
        cur = ai.ai_next;
    }
    // SAFETY: `res` came from a successful getaddrinfo and is freed once.
    unsafe { libc::freeaddrinfo(res) };
    found
}

fn socket_addr(ip: IpAddr, scope_id: u32) -> SocketAddr {
    match ip {
        IpAddr::V4(v4) => SocketAddr::V4(SocketAddrV4::new(v4, 0)),
        IpAddr::V6(v6) => SocketAddr::V6(SocketAddrV6::new(v6, 0, 0, scope_id)),
    }
}

/// An address as libcurl prints it after an interface lookup: `%scope` when non-zero.
fn with_scope(ip: &IpAddr, scope_id: u32) -> String {
    if scope_id != 0 && ip.is_ipv6() {
        format!("{ip}%{scope_id}")
    } else {
        ip.to_string()
    }
}

/// `[addr]:port` for IPv6, `addr:port` for IPv4, without the scope id.
fn show(addr: &SocketAddr) -> String {
    match addr {
        SocketAddr::V4(a) => a.to_string(),
        SocketAddr::V6(a) => format!("[{}]:{}", a.ip(), a.port()),
    }
}

/// The address family number libcurl prints (AF_INET 2, AF_INET6 10).
fn family_number(addr: &SocketAddr) -> i32 {
    if addr.is_ipv6() {
        libc::AF_INET6
    } else {
        libc::AF_INET
    }
}

/// strerror's text, without Rust's " (os error N)".
pub(crate) fn os_text(e: &io::Error) -> String {
    let s = match e.raw_os_error() {
        Some(code) => io::Error::from_raw_os_error(code).to_string(),
        None => e.to_string(),
    };
    s.split(" (os error").next().unwrap_or(&s).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::TcpListener;

    fn v6(s: &str, scope: u32) -> SocketAddr {
        SocketAddr::V6(SocketAddrV6::new(s.parse().unwrap(), 80, 0, scope))
    }

    fn v4(s: &str) -> SocketAddr {
        SocketAddr::new(s.parse().unwrap(), 80)
    }

    fn entry(name: &str, addr: Option<&str>, scope_id: u32) -> IfAddr {
        IfAddr {
            name: name.into(),
            addr: addr.map(|a| a.parse().unwrap()),
            scope_id,
        }
    }

    /// eth1: IPv4 only plus a link-local; eth2: IPv4, unique-local, link-local; eth3: no
    /// address at all (only its link-layer entry).
    fn sample() -> Vec<IfAddr> {
        vec![
            entry("lo", None, 0),
            entry("lo", Some("127.0.0.1"), 0),
            entry("lo", Some("::1"), 0),
            entry("eth1", None, 0),
            entry("eth1", Some("10.0.1.2"), 0),
            entry("eth1", Some("10.0.1.3"), 0),
            entry("eth1", Some("fe80::1"), 3),
            entry("eth2", None, 0),
            entry("eth2", Some("10.0.2.2"), 0),
            entry("eth2", Some("fe80::2"), 4),
            entry("eth2", Some("fd00:2::2"), 0),
            entry("eth3", None, 0),
        ]
    }

    fn binding(interface: &str) -> LocalBinding {
        LocalBinding {
            interface: Some(interface.into()),
            port: 0,
            range: 1,
        }
    }

    #[test]
    fn string_forms() {
        assert_eq!(parse("if!eth0"), Some(Spec::Interface("eth0".into())));
        assert_eq!(parse("host!10.0.0.1"), Some(Spec::Host("10.0.0.1".into())));
        assert_eq!(parse("eth0"), Some(Spec::Either("eth0".into())));
        assert_eq!(
            parse("ifhost!eth0!192.0.2.1"),
            Some(Spec::IfHost {
                iface: "eth0".into(),
                host: "192.0.2.1".into()
            })
        );
        // The host part may itself contain '!'; only the first one splits.
        assert_eq!(
            parse("ifhost!vrf!a!b"),
            Some(Spec::IfHost {
                iface: "vrf".into(),
                host: "a!b".into()
            })
        );
        // Incomplete ifhost! strings are plain names, as 7.88.1 reads them.
        for s in ["ifhost!eth0", "ifhost!!h", "ifhost!eth0!"] {
            assert_eq!(parse(s), Some(Spec::Either(s.into())), "{s}");
        }
        // Prefixes are case-sensitive; empty names stay empty (they fail at connect time).
        assert_eq!(parse("IF!eth0"), Some(Spec::Either("IF!eth0".into())));
        assert_eq!(parse("if!"), Some(Spec::Interface(String::new())));
        assert_eq!(parse("host!"), Some(Spec::Host(String::new())));
        assert_eq!(parse(""), Some(Spec::Either(String::new())));
        // 255 bytes or more: ignored, as libcurl does.
        assert_eq!(parse(&"x".repeat(254)), Some(Spec::Either("x".repeat(254))));
        assert_eq!(parse(&"x".repeat(255)), None);
    }

    #[test]
    fn scope_classes() {
        let s = |t: &str| scope_of(&t.parse().unwrap());
        assert_eq!(s("fe80::1"), Scope::LinkLocal);
        assert_eq!(s("febf:ffff::1"), Scope::LinkLocal);
        assert_eq!(s("fec0::1"), Scope::SiteLocal);
        assert_eq!(s("feff::1"), Scope::SiteLocal);
        assert_eq!(s("fc00::1"), Scope::UniqueLocal);
        assert_eq!(s("fdff:1:2::3"), Scope::UniqueLocal);
        assert_eq!(s("::1"), Scope::Loopback);
        assert_eq!(s("2001:db8::1"), Scope::Global);
        assert_eq!(s("fe00::1"), Scope::Global);
        assert_eq!(s("::"), Scope::Global);
        assert_eq!(s("::ffff:10.0.0.1"), Scope::Global);
        assert_eq!(s("127.0.0.1"), Scope::Global);
        assert_eq!(s("169.254.1.1"), Scope::Global);
    }

    #[test]
    fn picks_the_first_address_of_the_family() {
        let l = sample();
        assert_eq!(
            pick(&l, "eth1", &v4("10.0.1.1")),
            Lookup::Found {
                name: "eth1".into(),
                ip: "10.0.1.2".parse().unwrap(),
                scope_id: 0
            }
        );
        // Names compare case-insensitively; the system's spelling comes back.
        assert!(matches!(
            pick(&l, "ETH1", &v4("10.0.1.1")),
            Lookup::Found { name, .. } if name == "eth1"
        ));
        assert_eq!(pick(&l, "eth9", &v4("10.0.1.1")), Lookup::NotFound);
    }

    #[test]
    fn ipv6_addresses_must_match_the_scope_class() {
        let l = sample();
        // eth1 has only a link-local IPv6: nothing for a unique-local or global remote.
        assert_eq!(
            pick(&l, "eth1", &v6("fd00:1::1", 0)),
            Lookup::NoAddress("no IPv6 address of unique-local scope".into())
        );
        assert_eq!(
            pick(&l, "eth2", &v6("2001:db8::1", 0)),
            Lookup::NoAddress("no IPv6 address of global scope".into())
        );
        assert_eq!(
            pick(&l, "eth2", &v6("fd00:2::1", 0)),
            Lookup::Found {
                name: "eth2".into(),
                ip: "fd00:2::2".parse().unwrap(),
                scope_id: 0
            }
        );
        assert_eq!(
            pick(&l, "eth2", &v6("fe80::99", 0)),
            Lookup::Found {
                name: "eth2".into(),
                ip: "fe80::2".parse().unwrap(),
                scope_id: 4
            }
        );
        assert_eq!(
            pick(&l, "lo", &v6("::1", 0)),
            Lookup::Found {
                name: "lo".into(),
                ip: "::1".parse().unwrap(),
                scope_id: 0
            }
        );
    }

    #[test]
    fn a_known_scope_id_must_match() {
        let l = sample();
        assert_eq!(
            pick(&l, "eth1", &v6("fe80::99", 3)),
            Lookup::Found {
                name: "eth1".into(),
                ip: "fe80::1".parse().unwrap(),
                scope_id: 3
            }
        );
        assert_eq!(
            pick(&l, "eth2", &v6("fe80::99", 3)),
            Lookup::NoAddress("no link-local IPv6 address with scope id 3".into())
        );
        // A scope id also rules out addresses without one (global, unique-local).
        assert!(matches!(
            pick(&l, "eth2", &v6("fd00:2::1", 4)),
            Lookup::NoAddress(_)
        ));
    }

    #[test]
    fn an_interface_without_addresses_exists() {
        let l = sample();
        assert_eq!(
            pick(&l, "eth3", &v4("10.0.3.1")),
            Lookup::NoAddress("no IPv4 address".into())
        );
        assert_eq!(
            pick(&l, "eth3", &v6("fd00:3::1", 0)),
            Lookup::NoAddress("no IPv6 address".into())
        );
    }

    #[test]
    fn plans_per_remote_address() {
        let mut notes = Vec::new();
        let mut b = Binder::with_interfaces(&binding("if!eth1"), sample());
        assert_eq!(b.plan(&v6("fd00:1::1", 0), &mut notes), Plan::Skip);
        assert_eq!(
            b.plan(&v4("10.0.1.1"), &mut notes),
            Plan::Bind(LocalEnd {
                addr: "10.0.1.2:0".parse().unwrap(),
                device: Some("eth1".into())
            })
        );
        assert_eq!(
            notes,
            [
                "Local Interface eth1 has no IPv6 address of unique-local scope for \
                 [fd00:1::1]:80, skipping it",
                "Local Interface eth1 is ip 10.0.1.2 using address family 2",
            ]
        );

        let mut notes = Vec::new();
        let mut b = Binder::with_interfaces(&binding("if!eth1"), sample());
        let Plan::Bind(end) = b.plan(&v6("fe80::9", 3), &mut notes) else {
            panic!("expected a binding: {notes:?}");
        };
        assert_eq!(end.addr, SocketAddr::V6("[fe80::1%3]:0".parse().unwrap()));
        assert_eq!(
            notes,
            ["Local Interface eth1 is ip fe80::1%3 using address family 10"]
        );
    }

    #[test]
    fn unknown_interfaces_and_hosts_fail() {
        let mut notes = Vec::new();
        let mut b = Binder::with_interfaces(&binding("if!nosuch"), sample());
        assert_eq!(
            b.plan(&v4("10.0.1.1"), &mut notes),
            Plan::Fail {
                message: "Couldn't bind to interface 'nosuch'".into(),
                forced: false
            }
        );
        // A plain name that is no interface is a host; an empty name resolves to nothing.
        let mut b = Binder::with_interfaces(&binding(""), sample());
        assert_eq!(
            b.plan(&v4("10.0.1.1"), &mut notes),
            Plan::Fail {
                message: "Couldn't bind to ''".into(),
                forced: true
            }
        );
        assert!(notes.is_empty(), "{notes:?}");
    }

    #[test]
    fn host_literals_skip_the_other_family() {
        let mut notes = Vec::new();
        let mut b = Binder::with_interfaces(&binding("host!10.0.1.2"), sample());
        assert_eq!(b.plan(&v6("fd00:1::1", 0), &mut notes), Plan::Skip);
        assert_eq!(
            b.plan(&v4("10.0.1.1"), &mut notes),
            Plan::Bind(LocalEnd {
                addr: "10.0.1.2:0".parse().unwrap(),
                device: None
            })
        );
        assert_eq!(
            notes,
            [
                "Name '10.0.1.2' family 10 resolved to '10.0.1.2' family 2",
                "Local address 10.0.1.2 cannot serve [fd00:1::1]:80, skipping it",
                "Name '10.0.1.2' family 2 resolved to '10.0.1.2' family 2",
            ]
        );
        // A plain IP address (no interface has that name) works the same way.
        let mut b = Binder::with_interfaces(&binding("fd00:2::2"), sample());
        assert_eq!(b.plan(&v4("10.0.2.1"), &mut notes), Plan::Skip);
        assert!(matches!(
            b.plan(&v6("fd00:2::1", 0), &mut notes),
            Plan::Bind(LocalEnd { device: None, .. })
        ));
        // A scope suffix gives the scope id.
        let mut b = Binder::with_interfaces(&binding("host!fe80::1%7"), sample());
        assert_eq!(
            b.plan(&v6("fe80::2", 7), &mut notes),
            Plan::Bind(LocalEnd {
                addr: SocketAddr::V6("[fe80::1%7]:0".parse().unwrap()),
                device: None
            })
        );
    }

    #[test]
    fn ifhost_binds_device_and_address() {
        let mut notes = Vec::new();
        let mut b = Binder::with_interfaces(&binding("ifhost!ETH2!10.0.2.9"), sample());
        assert_eq!(
            b.plan(&v4("10.0.2.1"), &mut notes),
            Plan::Bind(LocalEnd {
                addr: "10.0.2.9:0".parse().unwrap(),
                device: Some("eth2".into())
            })
        );
        assert_eq!(b.plan(&v6("fd00:2::1", 0), &mut notes), Plan::Skip);
    }

    #[test]
    fn only_a_port_binds_the_wildcard_address() {
        let mut notes = Vec::new();
        let cfg = LocalBinding {
            interface: None,
            port: 4000,
            range: 3,
        };
        let mut b = Binder::with_interfaces(&cfg, sample());
        assert_eq!(
            b.plan(&v6("fd00:1::1", 0), &mut notes),
            Plan::Bind(LocalEnd {
                addr: "[::]:0".parse().unwrap(),
                device: None
            })
        );
        let mut none = Binder::with_interfaces(&LocalBinding::default(), sample());
        assert_eq!(none.plan(&v4("10.0.1.1"), &mut notes), Plan::Nothing);
        // Too long a string is ignored: only the port counts.
        let long = LocalBinding {
            interface: Some("x".repeat(300)),
            port: 0,
            range: 1,
        };
        let mut b = Binder::with_interfaces(&long, sample());
        assert_eq!(b.plan(&v4("10.0.1.1"), &mut notes), Plan::Nothing);
        assert!(notes.is_empty());
    }

    #[test]
    fn the_port_range_moves_past_taken_ports() {
        // Two consecutive taken ports on loopback, then a free one.
        let (first, _held) = (|| {
            for _ in 0..50 {
                let a = TcpListener::bind("127.0.0.1:0").ok()?;
                let p = a.local_addr().ok()?.port();
                if p >= u16::MAX - 3 {
                    continue;
                }
                if let Ok(b) = TcpListener::bind(("127.0.0.1", p + 1)) {
                    if TcpListener::bind(("127.0.0.1", p + 2)).is_ok() {
                        return Some((p, (a, b)));
                    }
                }
            }
            None
        })()
        .expect("three consecutive ports on loopback");
        let cfg = LocalBinding {
            interface: Some("host!127.0.0.1".into()),
            port: first,
            range: 5,
        };
        let mut b = Binder::new(&cfg);
        let mut notes = Vec::new();
        let Plan::Bind(end) = b.plan(&v4("127.0.0.1"), &mut notes) else {
            panic!("expected a binding");
        };
        let sock = Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).unwrap();
        b.bind(&sock, &end, &mut notes).unwrap();
        // The two held ports are skipped. The third was free a moment ago; another process
        // may have taken it since, so any later port of the range is right too.
        let local = sock.local_addr().unwrap().as_socket().unwrap();
        assert!(
            (first + 2..first + 5).contains(&local.port()),
            "{}",
            local.port()
        );
        assert_eq!(
            &notes[1..3],
            [
                format!("Bind to local port {first} failed, trying next"),
                format!("Bind to local port {} failed, trying next", first + 1),
            ]
        );
        assert_eq!(notes.last(), Some(&format!("Local port: {}", local.port())));

        // A range of two is exhausted: libcurl's text and the OS error.
        let cfg = LocalBinding { range: 2, ..cfg };
        let b = Binder::new(&cfg);
        let sock = Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).unwrap();
        let (message, err) = b.bind(&sock, &end, &mut Vec::new()).unwrap_err();
        assert_eq!(err.raw_os_error(), Some(libc::EADDRINUSE));
        assert_eq!(message, "bind failed with errno 98: Address already in use");
    }

    #[test]
    fn the_loopback_interface_is_listed() {
        let list = interfaces();
        assert!(
            list.iter()
                .any(|e| e.name == "lo" && e.addr == Some(IpAddr::V4(Ipv4Addr::LOCALHOST))),
            "{list:?}"
        );
    }
}
