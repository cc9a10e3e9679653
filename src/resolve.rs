//! Name resolution: lookups run on short-lived worker threads (never on the event loop),
//! `CURLOPT_RESOLVE` entries override them, and answers are cached for
//! `CURLOPT_DNS_CACHE_TIMEOUT` seconds.

use std::collections::{HashMap, HashSet};
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::options::IpResolve;

/// Called from a worker thread when a lookup finished, so the loop wakes up.
pub type Wake = Arc<dyn Fn() + Send + Sync>;

/// A lookup's answer: the addresses in the order the system resolver gave them.
pub type Answer = Result<Vec<IpAddr>, ()>;

/// Worker threads get a modest stack: getaddrinfo with NSS modules needs more than the
/// smallest stacks, far less than the 8 MiB default.
const WORKER_STACK: usize = 256 * 1024;

pub struct Resolver {
    tx: Sender<(u64, Answer)>,
    rx: Receiver<(u64, Answer)>,
    /// Answers that arrived for lookups not asked about yet (several transfers share the
    /// resolver in a multi).
    done: HashMap<u64, Answer>,
    abandoned: HashSet<u64>,
    next_id: u64,
    wake: Option<Wake>,
}

impl Default for Resolver {
    fn default() -> Self {
        let (tx, rx) = channel();
        Resolver {
            tx,
            rx,
            done: HashMap::new(),
            abandoned: HashSet::new(),
            next_id: 1,
            wake: None,
        }
    }
}

impl Resolver {
    /// Sets what a finished lookup calls to wake the loop waiting for it.
    pub fn set_wake(&mut self, wake: Wake) {
        self.wake = Some(wake);
    }

    /// Starts resolving `host` on a worker thread and returns the lookup's id.
    pub fn start(&mut self, host: &str) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        let tx = self.tx.clone();
        let wake = self.wake.clone();
        let host = host.to_owned();
        let spawned = std::thread::Builder::new()
            .name("curl-resolver".into())
            .stack_size(WORKER_STACK)
            .spawn(move || {
                let answer = lookup(&host);
                // The transfer may be gone (timed out, removed): then nobody listens.
                let _ = tx.send((id, answer));
                if let Some(wake) = wake {
                    wake();
                }
            });
        if spawned.is_err() {
            let _ = self.tx.send((id, Err(())));
        }
        id
    }

    /// The answer of lookup `id`, once it has finished.
    pub fn take(&mut self, id: u64) -> Option<Answer> {
        self.collect();
        self.done.remove(&id)
    }

    /// Lookup `id` is no longer wanted (its transfer went away): its answer is dropped,
    /// now or when it arrives.
    pub fn forget(&mut self, id: u64) {
        self.collect();
        if self.done.remove(&id).is_none() {
            self.abandoned.insert(id);
        }
    }

    fn collect(&mut self) {
        for (id, answer) in self.rx.try_iter() {
            if !self.abandoned.remove(&id) {
                self.done.insert(id, answer);
            }
        }
    }
}

fn lookup(host: &str) -> Answer {
    // The port is irrelevant here; the resolver answers per host.
    match (host, 0u16).to_socket_addrs() {
        Ok(addrs) => {
            let mut out: Vec<IpAddr> = Vec::new();
            for a in addrs {
                if !out.contains(&a.ip()) {
                    out.push(a.ip());
                }
            }
            if out.is_empty() {
                Err(())
            } else {
                Ok(out)
            }
        }
        Err(_) => Err(()),
    }
}

/// Keeps only the addresses of the family `CURLOPT_IPRESOLVE` allows.
pub fn filter_family(addrs: &[IpAddr], family: IpResolve) -> Vec<IpAddr> {
    addrs
        .iter()
        .copied()
        .filter(|a| match family {
            IpResolve::Whatever => true,
            IpResolve::V4 => a.is_ipv4(),
            IpResolve::V6 => a.is_ipv6(),
        })
        .collect()
}

/// Literal addresses need no lookup. Accepts the bracketless IPv6 form.
pub fn parse_literal(host: &str) -> Option<IpAddr> {
    let bare = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    bare.parse().ok()
}

/// libcurl 7.88.1 answers `localhost` and `*.localhost` itself, without asking the system
/// resolver, with both loopback addresses (IPv4 first), whatever /etc/hosts says.
pub fn localhost(host: &str) -> Option<Vec<IpAddr>> {
    let lower = host.to_ascii_lowercase();
    let lower = lower.strip_suffix('.').unwrap_or(&lower);
    (lower == "localhost" || lower.ends_with(".localhost")).then(|| {
        vec![
            IpAddr::V4(std::net::Ipv4Addr::LOCALHOST),
            IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
        ]
    })
}

struct CacheEntry {
    addrs: Vec<IpAddr>,
    /// `None` for `CURLOPT_RESOLVE` entries without `+`, which never expire.
    stored: Option<Instant>,
}

/// The DNS cache, keyed by lowercased host name and port as libcurl's.
#[derive(Default)]
pub struct DnsCache {
    entries: HashMap<(String, u16), CacheEntry>,
}

/// One parsed `CURLOPT_RESOLVE` line.
#[derive(Debug, PartialEq, Eq)]
pub enum ResolveEntry {
    Add {
        host: String,
        port: u16,
        addrs: Vec<IpAddr>,
        timeout: bool,
    },
    Remove {
        host: String,
        port: u16,
    },
}

/// Parses `[+]HOST:PORT:ADDR[,ADDR]...` or `-HOST:PORT`. Returns `None` for a line libcurl
/// would skip as malformed.
pub fn parse_resolve_entry(line: &str) -> Option<ResolveEntry> {
    if let Some(rest) = line.strip_prefix('-') {
        let (host, port) = rest.rsplit_once(':')?;
        return Some(ResolveEntry::Remove {
            host: host.to_ascii_lowercase(),
            port: port.parse().ok()?,
        });
    }
    let (timeout, rest) = match line.strip_prefix('+') {
        Some(r) => (true, r),
        None => (false, line),
    };
    let (host, rest) = rest.split_once(':')?;
    let (port, addrs) = rest.split_once(':')?;
    let port: u16 = port.parse().ok()?;
    let mut list = Vec::new();
    for a in addrs.split(',') {
        let a = a.trim();
        if a.is_empty() {
            continue;
        }
        list.push(parse_literal(a)?);
    }
    if host.is_empty() || list.is_empty() {
        return None;
    }
    Some(ResolveEntry::Add {
        host: host.to_ascii_lowercase(),
        port,
        addrs: list,
        timeout,
    })
}

impl DnsCache {
    /// Loads one `CURLOPT_RESOLVE` entry; `shuffle` is `CURLOPT_DNS_SHUFFLE_ADDRESSES`.
    pub fn apply(&mut self, entry: ResolveEntry, shuffle_addrs: bool, now: Instant) {
        match entry {
            ResolveEntry::Add {
                host,
                port,
                mut addrs,
                timeout,
            } => {
                if shuffle_addrs {
                    shuffle(&mut addrs);
                }
                let stored = if timeout { Some(now) } else { None };
                self.entries
                    .insert((host, port), CacheEntry { addrs, stored });
            }
            ResolveEntry::Remove { host, port } => {
                self.entries.remove(&(host, port));
            }
        }
    }

    /// A cached answer still fresh at `now` (`timeout` < 0: forever; 0: no caching).
    pub fn get(&self, host: &str, port: u16, timeout: i64, now: Instant) -> Option<Vec<IpAddr>> {
        let key = (host.to_ascii_lowercase(), port);
        let e = self
            .entries
            .get(&key)
            .or_else(|| self.entries.get(&("*".to_string(), port)))?;
        match e.stored {
            None => Some(e.addrs.clone()),
            Some(_) if timeout < 0 => Some(e.addrs.clone()),
            Some(t) if now.duration_since(t) < Duration::from_secs(timeout as u64) => {
                Some(e.addrs.clone())
            }
            Some(_) => None,
        }
    }

    pub fn store(&mut self, host: &str, port: u16, addrs: Vec<IpAddr>, now: Instant) {
        self.entries.insert(
            (host.to_ascii_lowercase(), port),
            CacheEntry {
                addrs,
                stored: Some(now),
            },
        );
    }
}

/// `CURLOPT_DNS_SHUFFLE_ADDRESSES`: puts the addresses in a random order (Fisher-Yates).
/// As libcurl, this happens when an answer enters the cache, so a cached answer keeps the
/// order it was given. The randomness comes from the standard library's per-process hash
/// keys, which is all this needs: an even spread, not secrecy.
pub fn shuffle(addrs: &mut [IpAddr]) {
    use std::hash::{BuildHasher, RandomState};
    let keys = RandomState::new();
    for i in (1..addrs.len()).rev() {
        let j = (keys.hash_one(i) % (i as u64 + 1)) as usize;
        addrs.swap(i, j);
    }
}

/// The socket addresses to try for `addrs` on `port`.
pub fn with_port(addrs: &[IpAddr], port: u16) -> Vec<SocketAddr> {
    addrs.iter().map(|a| SocketAddr::new(*a, port)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_lines() {
        assert_eq!(
            parse_resolve_entry("example.com:80:127.0.0.1,[::1]"),
            Some(ResolveEntry::Add {
                host: "example.com".into(),
                port: 80,
                addrs: vec!["127.0.0.1".parse().unwrap(), "::1".parse().unwrap()],
                timeout: false
            })
        );
        assert_eq!(
            parse_resolve_entry("-Example.com:443"),
            Some(ResolveEntry::Remove {
                host: "example.com".into(),
                port: 443
            })
        );
        assert!(matches!(
            parse_resolve_entry("+a:1:10.0.0.1"),
            Some(ResolveEntry::Add { timeout: true, .. })
        ));
        assert_eq!(parse_resolve_entry("nohost"), None);
        assert_eq!(parse_resolve_entry("h:99999:127.0.0.1"), None);
        assert_eq!(parse_resolve_entry("h:80:notanip"), None);
    }

    #[test]
    fn cache_expiry_and_permanent_entries() {
        let t0 = Instant::now();
        let mut c = DnsCache::default();
        c.store("h", 80, vec!["127.0.0.1".parse().unwrap()], t0);
        assert!(c.get("H", 80, 60, t0).is_some());
        assert!(c.get("h", 80, 60, t0 + Duration::from_secs(61)).is_none());
        assert!(c.get("h", 80, -1, t0 + Duration::from_secs(61)).is_some());
        c.apply(parse_resolve_entry("p:80:127.0.0.2").unwrap(), false, t0);
        assert!(c.get("p", 80, 0, t0 + Duration::from_secs(1000)).is_some());
        c.apply(parse_resolve_entry("*:81:127.0.0.3").unwrap(), false, t0);
        assert!(c.get("anything", 81, 60, t0).is_some());
    }

    #[test]
    fn shuffle_keeps_the_addresses_and_moves_them() {
        let orig: Vec<IpAddr> = (1..=4u8).map(|i| IpAddr::from([127, 0, 0, i])).collect();
        let mut firsts = std::collections::HashSet::new();
        for _ in 0..200 {
            let mut a = orig.clone();
            shuffle(&mut a);
            let mut sorted = a.clone();
            sorted.sort();
            assert_eq!(sorted, orig);
            firsts.insert(a[0]);
        }
        assert_eq!(firsts.len(), 4, "every address comes first sometimes");
        let mut one = vec![orig[0]];
        shuffle(&mut one);
        assert_eq!(one, vec![orig[0]]);
    }

    #[test]
    fn localhost_names_resolve_internally() {
        for name in ["localhost", "LocalHost", "a.b.localhost", "localhost."] {
            let a = localhost(name).unwrap();
            assert_eq!(a.len(), 2, "{name}");
            assert!(a[0].is_ipv4() && a[1].is_ipv6());
        }
        assert!(localhost("localhostx").is_none());
        assert!(localhost("notlocalhost").is_none());
    }

    #[test]
    fn family_filter() {
        let a: Vec<IpAddr> = vec!["::1".parse().unwrap(), "127.0.0.1".parse().unwrap()];
        assert_eq!(filter_family(&a, IpResolve::V4).len(), 1);
        assert!(filter_family(&a, IpResolve::V6)[0].is_ipv6());
        assert_eq!(filter_family(&a, IpResolve::Whatever).len(), 2);
    }
}
