//! Idle keep-alive connections, ready for the next request to the same origin.

use std::time::Instant;

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
    /// Takes an idle connection for `key` that is still usable at `now`: idle for no more
    /// than `max_age` whole seconds and alive for no more than `max_life` (0 = no limit),
    /// whole seconds as libcurl counts, and not closed by the peer. Dead or stale ones found
    /// on the way are dropped. Of several, the one pooled first is taken, as libcurl's.
    pub fn take(
        &mut self,
        key: &ConnKey,
        now: Instant,
        max_age: i64,
        max_life: i64,
    ) -> Option<Conn> {
        let secs = |since: Instant| now.saturating_duration_since(since).as_secs() as i64;
        let stale = |c: &Conn| {
            secs(c.last_used) > max_age
                || (max_life > 0 && secs(c.created) > max_life)
                || c.stream.is_dead()
        };
        self.idle.retain(|c| !stale(c));
        let pos = self.idle.iter().position(|c| &c.key == key)?;
        Some(self.idle.remove(pos))
    }

    /// Returns a connection, idle from `now`; the one idle the longest is closed when the
    /// cache is full.
    pub fn put(&mut self, mut conn: Conn, max_idle: usize, now: Instant) {
        conn.last_used = now;
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
