//! Idle keep-alive connections, ready for the next request to the same origin, and the
//! multi's limits on open connections (per host and in total).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use super::pipe::Pipe;
use crate::http::pipeline::Capabilities;
use crate::net::socket::Stream;
use crate::options::IpResolve;
use crate::proxy::Proxy;

/// What must match for a connection to be reused.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ConnKey {
    pub scheme: String,
    /// Lowercased host name or address as the URL gave it (after CONNECT_TO).
    pub host: String,
    pub port: u16,
    /// The local binding the connection was made with.
    pub bind: BindKey,
    /// The proxy the connection goes through, if any.
    pub proxy: Option<ProxyKey>,
    /// TLS to the origin (https): the name its certificate was checked for, and how.
    pub tls: Option<TlsKey>,
    /// The Unix socket the connection goes to instead of `host` (the host stays in the key:
    /// libcurl reuses a Unix socket connection only for the same host name, too).
    pub unix: Option<crate::net::unix::UnixTarget>,
}

/// A TLS connection serves only requests for the same name with the same TLS settings: one
/// made without verification is never used by a request that verifies.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TlsKey {
    pub server_name: String,
    pub options: crate::options::TlsOptions,
}

/// A connection's proxy: which one (with its credentials), and whether the connection is a
/// tunnel (CONNECT or SOCKS) to the key's origin or carries requests for any origin.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ProxyKey {
    pub proxy: Proxy,
    pub tunnel: bool,
}

/// The settings that decide a connection's local end.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct BindKey {
    /// `CURLOPT_INTERFACE`, as set.
    pub interface: Option<String>,
    pub local_port: u16,
    pub local_port_range: u16,
    /// `CURLOPT_IPRESOLVE`.
    pub ip_version: IpResolve,
}

impl ConnKey {
    /// Whether a connection made for `self` may carry a request for `want`, by libcurl's
    /// rules: the same origin; when `want` binds (an interface or a local port), the same
    /// interface string, local port and port range; when `want` asks for one IP version,
    /// the same one. A request that binds nothing may use a bound connection.
    /// Through the same HTTP proxy without a tunnel, any origin will do, as in libcurl.
    pub fn serves(&self, want: &ConnKey) -> bool {
        let (have, need) = (&self.bind, &want.bind);
        let any_origin = want.proxy.as_ref().is_some_and(|p| !p.tunnel);
        // libcurl takes a connection with an empty primary IP for one still resolving, and
        // an abstract Unix socket's shows as empty: such a connection is never reused.
        let abstract_unix = self.unix.as_ref().is_some_and(|u| u.abstract_name);
        self.proxy == want.proxy
            && self.unix == want.unix
            && !abstract_unix
            && self.tls == want.tls
            && (any_origin
                || self.scheme == want.scheme && self.host == want.host && self.port == want.port)
            && (need.interface.is_none() && need.local_port == 0
                || have.interface == need.interface
                    && have.local_port == need.local_port
                    && have.local_port_range == need.local_port_range)
            && (need.ip_version == IpResolve::Whatever || have.ip_version == need.ip_version)
    }
}

/// A connection between requests: the stream and when it was made and last used.
pub struct Conn {
    /// The connection's number in verbose output (`#0`), counted per pool as libcurl's
    /// connection cache counts them.
    pub id: u64,
    pub stream: Stream,
    pub key: ConnKey,
    pub created: Instant,
    pub last_used: Instant,
    /// The server answered in HTTP/1.0: later requests on it go as HTTP/1.0, as libcurl's.
    pub http10: bool,
    /// Its place among the open connections; given back when the connection closes.
    pub ticket: Option<Ticket>,
}

/// Open connections (in use or idle) per destination and in total.
#[derive(Default)]
struct Open {
    per_host: HashMap<String, usize>,
    total: usize,
}

/// A place among the open connections, taken before connecting; dropping it (with the
/// connection, or when the connect fails) gives it back.
pub struct Ticket {
    open: Arc<Mutex<Open>>,
    host: String,
}

impl Drop for Ticket {
    fn drop(&mut self) {
        if let Ok(mut o) = self.open.lock() {
            o.total = o.total.saturating_sub(1);
            if let Some(n) = o.per_host.get_mut(&self.host) {
                *n -= 1;
                if *n == 0 {
                    o.per_host.remove(&self.host);
                }
            }
        }
    }
}

/// libcurl's default `CURLOPT_MAXCONNECTS` for an easy handle's cache.
pub const DEFAULT_MAX_IDLE: usize = 5;

#[derive(Default)]
pub struct Pool {
    idle: Vec<Conn>,
    next_id: u64,
    open: Arc<Mutex<Open>>,
    /// `CURLMOPT_MAX_HOST_CONNECTIONS` and `CURLMOPT_MAX_TOTAL_CONNECTIONS` (0: no limit).
    max_host: usize,
    max_total: usize,
    /// Connections in use that carry pipelined requests.
    pipes: Vec<Pipe>,
    /// What each destination's server has shown of pipelining.
    pub capabilities: Capabilities<ConnKey>,
}

impl Pool {
    /// Takes an idle connection for `key` that is still usable at `now`: idle for no more
    /// than `max_age` whole seconds and alive for no more than `max_life` (0 = no limit),
    /// whole seconds as libcurl counts, and not closed by the peer. Dead or stale ones found
    /// on the way are dropped (their numbers come back, stale then dead, for the verbose
    /// output). Of several,
    /// the one pooled first is taken, as libcurl's.
    pub fn take(
        &mut self,
        key: &ConnKey,
        now: Instant,
        max_age: i64,
        max_life: i64,
    ) -> (Option<Conn>, Vec<u64>, Vec<u64>) {
        let secs = |since: Instant| now.saturating_duration_since(since).as_secs() as i64;
        let stale =
            |c: &Conn| secs(c.last_used) > max_age || (max_life > 0 && secs(c.created) > max_life);
        let mut closed = Vec::new();
        self.idle.retain(|c| {
            let keep = !stale(c);
            if !keep {
                closed.push(c.id);
            }
            keep
        });
        // Only a connection about to be used is asked whether the peer closed it (a
        // syscall): checking every idle one would cost each reuse a call per connection.
        let mut dead = Vec::new();
        while let Some(pos) = self.idle.iter().position(|c| c.key.serves(key)) {
            let mut c = self.idle.remove(pos);
            if !c.stream.is_dead() {
                return (Some(c), closed, dead);
            }
            dead.push(c.id);
        }
        (None, closed, dead)
    }

    pub fn set_limits(&mut self, max_host: usize, max_total: usize) {
        self.max_host = max_host;
        self.max_total = max_total;
    }

    /// A place for a new connection to `host` ("name:port" it connects to), as libcurl
    /// makes room: at a limit, an idle connection (to that host for the per-host limit,
    /// the oldest for the total) is closed first. `None` when no place can be had now;
    /// else the ticket and the numbers of the connections closed for it.
    pub fn admit(&mut self, host: &str) -> Option<(Ticket, Vec<u64>)> {
        let mut closed = Vec::new();
        loop {
            let (per_host, total) = {
                let o = self.open.lock().ok()?;
                (o.per_host.get(host).copied().unwrap_or(0), o.total)
            };
            let host_full = self.max_host > 0 && per_host >= self.max_host;
            let total_full = self.max_total > 0 && total >= self.max_total;
            if !host_full && !total_full {
                break;
            }
            let victim = if host_full {
                self.idle
                    .iter()
                    .position(|c| c.ticket.as_ref().is_some_and(|t| t.host == host))
            } else {
                (!self.idle.is_empty()).then_some(0)
            };
            let conn = self.idle.remove(victim?);
            closed.push(conn.id);
            // Its ticket goes with it, outside the count's lock.
            drop(conn);
        }
        let mut o = self.open.lock().ok()?;
        o.total += 1;
        *o.per_host.entry(host.to_string()).or_insert(0) += 1;
        let ticket = Ticket {
            open: self.open.clone(),
            host: host.to_string(),
        };
        Some((ticket, closed))
    }

    /// Whether both connection limits are set and allow one more connection to `host`: only
    /// then does a pipelinable request get a new connection rather than a pipeline.
    pub fn room_for_new(&self, host: &str) -> bool {
        let Ok(o) = self.open.lock() else {
            return false;
        };
        let per_host = o.per_host.get(host).copied().unwrap_or(0);
        self.max_host > 0
            && self.max_total > 0
            && per_host < self.max_host
            && o.total < self.max_total
    }

    /// A connection now carries pipelined requests: later requests may join it.
    pub fn add_pipe(&mut self, pipe: Pipe) {
        self.pipes.retain(|p| {
            let st = p.lock();
            !st.broken && st.outstanding() > 0
        });
        self.pipes.push(pipe);
    }

    /// The pipes of multi `engine` whose connections serve `key` and take new requests.
    pub fn pipes_for(&self, key: &ConnKey, engine: u64) -> Vec<Pipe> {
        self.pipes
            .iter()
            .filter(|p| {
                let st = p.lock();
                st.engine == engine && !st.closing && st.key.serves(key)
            })
            .cloned()
            .collect()
    }

    /// A pipe is done with (its connection went idle or closed).
    pub fn remove_pipe(&mut self, pipe: &Pipe) {
        self.pipes.retain(|p| !p.same(pipe));
    }

    /// The number for a new connection.
    pub fn next_id(&mut self) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    /// Returns a connection, idle from `now`; the one idle the longest is closed when the
    /// cache is full (its number comes back, for the verbose output).
    pub fn put(&mut self, mut conn: Conn, max_idle: usize, now: Instant) -> Option<u64> {
        conn.last_used = now;
        self.idle.push(conn);
        let mut closed = None;
        while self.idle.len() > max_idle.max(1) {
            closed = Some(self.idle.remove(0).id);
        }
        closed
    }

    pub fn len(&self) -> usize {
        self.idle.len()
    }

    /// Whether connection `id` is kept here, idle.
    pub fn holds(&self, id: u64) -> bool {
        self.idle.iter().any(|c| c.id == id)
    }

    pub fn is_empty(&self) -> bool {
        self.idle.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(interface: Option<&str>, port: u16, ip: IpResolve) -> ConnKey {
        ConnKey {
            scheme: "http".into(),
            host: "example".into(),
            port: 80,
            bind: BindKey {
                interface: interface.map(String::from),
                local_port: port,
                local_port_range: 1,
                ip_version: ip,
            },
            proxy: None,
            tls: None,
            unix: None,
        }
    }

    #[test]
    fn unix_socket_connections_serve_the_same_socket_only() {
        let unix = |path: &str, abstract_name| ConnKey {
            unix: Some(crate::net::unix::UnixTarget {
                path: path.into(),
                abstract_name,
            }),
            ..key(None, 0, IpResolve::Whatever)
        };
        assert!(unix("/a", false).serves(&unix("/a", false)));
        assert!(!unix("/a", false).serves(&unix("/b", false)));
        assert!(!unix("/a", false).serves(&unix("/a", true)));
        assert!(
            !unix("/a", true).serves(&unix("/a", true)),
            "abstract: never reused"
        );
        assert!(!unix("/a", false).serves(&key(None, 0, IpResolve::Whatever)));
        assert!(!key(None, 0, IpResolve::Whatever).serves(&unix("/a", false)));
    }

    #[test]
    fn proxy_connections_serve_origins_by_tunnel() {
        let proxy = |tunnel| ProxyKey {
            proxy: Proxy {
                kind: crate::proxy::ProxyKind::Http,
                host: "proxy".into(),
                port: 3128,
                user: None,
                password: None,
            },
            tunnel,
        };
        let via = |host: &str, tunnel| ConnKey {
            host: host.into(),
            proxy: Some(proxy(tunnel)),
            ..key(None, 0, IpResolve::Whatever)
        };
        assert!(via("a", false).serves(&via("b", false)), "any origin");
        assert!(
            !via("a", true).serves(&via("b", true)),
            "a tunnel goes to one"
        );
        assert!(via("a", true).serves(&via("a", true)));
        assert!(!via("a", false).serves(&via("a", true)));
        assert!(!key(None, 0, IpResolve::Whatever).serves(&via("example", false)));
        assert!(!via("example", false).serves(&key(None, 0, IpResolve::Whatever)));
    }

    #[test]
    fn tls_connections_serve_the_same_name_and_settings_only() {
        let tls = |name: &str, verify: bool| ConnKey {
            scheme: "https".into(),
            tls: Some(TlsKey {
                server_name: name.into(),
                options: crate::options::TlsOptions {
                    verify_peer: verify,
                    ..Default::default()
                },
            }),
            ..key(None, 0, IpResolve::Whatever)
        };
        assert!(tls("a", true).serves(&tls("a", true)));
        assert!(!tls("a", false).serves(&tls("a", true)), "unverified");
        assert!(!tls("a", true).serves(&tls("a", false)));
        assert!(!tls("a", true).serves(&tls("b", true)), "another name");
        assert!(!key(None, 0, IpResolve::Whatever).serves(&tls("a", true)));
    }

    #[test]
    fn bound_connections_serve_the_same_binding_only() {
        use IpResolve::*;
        let plain = key(None, 0, Whatever);
        let eth1 = key(Some("if!eth1"), 0, Whatever);
        let eth2 = key(Some("if!eth2"), 0, Whatever);
        assert!(eth1.serves(&eth1));
        assert!(!eth1.serves(&eth2));
        assert!(!plain.serves(&eth1));
        // The interface string compares exactly.
        assert!(!eth1.serves(&key(Some("if!ETH1"), 0, Whatever)));
        assert!(!eth1.serves(&key(Some("if!eth1"), 4000, Whatever)));
        assert!(!plain.serves(&key(None, 4000, Whatever)));
        // Unbound requests may use any connection, as libcurl's.
        assert!(eth1.serves(&plain));
        // An IP version asked for must be the connection's.
        assert!(!plain.serves(&key(None, 0, V4)));
        assert!(key(None, 0, V4).serves(&key(None, 0, V4)));
        assert!(key(None, 0, V6).serves(&plain));
    }
}
