//! Idle keep-alive connections, ready for the next request to the same origin.

use std::time::{Duration, Instant};

use crate::net::socket::Stream;

/// What must match for a connection to be reused.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ConnKey {
    pub scheme: String,
    /// Lowercased host name or address as the URL gave it (after CONNECT_TO).
    pub host: String,
    pub port: u16,
}

/// A connection between requests: the stream and when it was made and last used.
pub struct Conn {
    pub stream: Stream,
    pub key: ConnKey,
    pub created: Instant,
    pub last_used: Instant,
}

/// libcurl's default `CURLOPT_MAXCONNECTS` for an easy handle's cache.
pub const DEFAULT_MAX_IDLE: usize = 5;

#[derive(Default)]
pub struct Pool {
    idle: Vec<Conn>,
}

impl Pool {
    /// Takes an idle connection for `key` that is still usable at `now`: not older than
    /// `max_age` idle seconds nor `max_life` seconds in total (0 = no limit), and not
    /// closed by the peer. Dead or stale ones found on the way are dropped.
    pub fn take(
        &mut self,
        key: &ConnKey,
        now: Instant,
        max_age: i64,
        max_life: i64,
    ) -> Option<Conn> {
        let stale = |c: &Conn| {
            (max_age > 0 && now.duration_since(c.last_used) > Duration::from_secs(max_age as u64))
                || (max_life > 0
                    && now.duration_since(c.created) > Duration::from_secs(max_life as u64))
                || c.stream.is_dead()
        };
        self.idle.retain(|c| !stale(c));
        let pos = self.idle.iter().rposition(|c| &c.key == key)?;
        Some(self.idle.remove(pos))
    }

    /// Returns a connection; the oldest idle one is closed when the cache is full.
    pub fn put(&mut self, conn: Conn, max_idle: usize) {
        self.idle.push(conn);
        while self.idle.len() > max_idle.max(1) {
            self.idle.remove(0);
        }
    }

    pub fn len(&self) -> usize {
        self.idle.len()
    }

    pub fn is_empty(&self) -> bool {
        self.idle.is_empty()
    }
}
