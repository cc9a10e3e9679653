//! Transfers driven together, as libcurl's multi handle: one connection pool and DNS cache
//! for all of them (unless a share handle provides its own), each transfer advanced until it
//! would block, and the sockets and deadlines they wait for gathered for whoever waits (the
//! application's `curl_multi_wait`/`poll` loop or its own event loop).

use std::time::Instant;

use super::{Shared, Step, Transfer, Watch};
use crate::error::Result;
use crate::resolve::{DnsCache, Wake};
use crate::share::{ShareSet, Slot};

/// Names a transfer of a multi.
pub type TransferId = u64;

/// A transfer that ended, with its result.
#[derive(Debug)]
pub struct Done {
    pub id: TransferId,
    pub result: Result<()>,
}

struct Entry {
    id: TransferId,
    transfer: Transfer,
    /// The pool and DNS cache this transfer uses: its share handle's, else the multi's.
    pool: Slot<super::pool::Pool>,
    dns: Slot<DnsCache>,
    /// What the last step waits for; a new transfer waits for nothing and is due at once.
    socket: Option<Watch>,
    deadline: Option<Instant>,
    started: bool,
    /// Waiting for a place under the connection limits: stepped once a transfer ends.
    pending: bool,
}

pub struct Multi {
    shared: Shared,
    own_pool: Slot<super::pool::Pool>,
    own_dns: Slot<DnsCache>,
    entries: Vec<Entry>,
    next_id: TransferId,
    /// A connection was given back since the waiting transfers last tried.
    released: bool,
}

impl Default for Multi {
    fn default() -> Self {
        let shared = Shared::default();
        Multi {
            own_pool: shared.pool.clone(),
            own_dns: shared.dns.clone(),
            shared,
            entries: Vec::new(),
            next_id: 1,
            released: false,
        }
    }
}

impl Multi {
    /// What a finished name lookup calls, so that a waiting loop wakes up.
    pub fn set_wake(&mut self, wake: Wake) {
        self.shared.resolver.set_wake(wake);
    }

    /// `CURLMOPT_MAXCONNECTS`, and the number of easy handles in the multi: the pool keeps
    /// that many idle connections, or four per handle when it is 0, as libcurl.
    pub fn set_limits(&mut self, max_connects: usize, handles: usize) {
        self.shared.max_idle = match max_connects {
            0 => handles.saturating_mul(4).max(1),
            n => n,
        };
    }

    /// `CURLMOPT_MAX_HOST_CONNECTIONS` and `CURLMOPT_MAX_TOTAL_CONNECTIONS` (0: no limit):
    /// transfers that would open one more wait, in order, until a connection is free.
    pub fn set_connection_limits(&mut self, max_host: usize, max_total: usize) {
        self.own_pool.with(|p| p.set_limits(max_host, max_total));
        self.released = true;
    }

    /// The DNS cache a transfer with this share set uses (for `CURLOPT_RESOLVE` entries).
    pub fn dns_for(&self, share: &ShareSet) -> Slot<DnsCache> {
        share.dns.clone().unwrap_or_else(|| self.own_dns.clone())
    }

    /// Adds a transfer; it starts at the next `perform`.
    pub fn add(&mut self, transfer: Transfer, share: &ShareSet) -> TransferId {
        let id = self.next_id;
        self.next_id += 1;
        self.entries.push(Entry {
            id,
            transfer,
            pool: share
                .connect
                .clone()
                .unwrap_or_else(|| self.own_pool.clone()),
            dns: self.dns_for(share),
            socket: None,
            deadline: None,
            started: false,
            pending: false,
        });
        id
    }

    /// Drops a transfer wherever it is; its connection, if any, is closed.
    pub fn remove(&mut self, id: TransferId) -> bool {
        let Some(pos) = self.entries.iter().position(|e| e.id == id) else {
            return false;
        };
        let entry = self.entries.remove(pos);
        if let Some(lookup) = entry.transfer.pending_lookup() {
            self.shared.resolver.forget(lookup);
        }
        // Its connection, if any, is given back: waiting transfers may go on.
        drop(entry);
        self.released = true;
        true
    }

    pub fn running(&self) -> usize {
        self.entries.len()
    }

    /// Advances every transfer as far as it can go now; returns those that ended.
    pub fn perform(&mut self, now: Instant) -> Vec<Done> {
        self.step_where(now, |_| true)
    }

    /// Advances the transfers waiting on socket `fd`, and those whose deadline has come.
    pub fn perform_socket(&mut self, fd: i32, now: Instant) -> Vec<Done> {
        self.step_where(now, |e| {
            !e.started
                || e.socket.is_some_and(|w| w.fd == fd)
                || e.deadline.is_some_and(|d| d <= now)
                || (e.socket.is_none() && e.deadline.is_none())
        })
    }

    /// Advances the transfers that wait on no socket (a name lookup), and those whose
    /// deadline has come.
    pub fn perform_sockless(&mut self, now: Instant) -> Vec<Done> {
        self.step_where(now, |e| {
            !e.started || e.socket.is_none() || e.deadline.is_some_and(|d| d <= now)
        })
    }

    /// The first started transfer waiting on no socket (a name lookup), if any.
    pub fn sockless(&self) -> Option<TransferId> {
        self.entries
            .iter()
            .find(|e| e.started && !e.pending && e.socket.is_none())
            .map(|e| e.id)
    }

    /// Advances the transfers whose deadline has come (and new ones).
    pub fn perform_timeouts(&mut self, now: Instant) -> Vec<Done> {
        self.step_where(now, |e| {
            !e.started
                || e.deadline.is_some_and(|d| d <= now)
                || (e.socket.is_none() && e.deadline.is_none())
        })
    }

    fn step_where(&mut self, now: Instant, due: impl Fn(&Entry) -> bool) -> Vec<Done> {
        let mut done = self.step_pass(now, |e| !e.pending && due(e));
        // Transfers waiting for a connection go on, in the order they were added, once a
        // connection has been given back (a transfer ended or was removed).
        while (self.released || !done.is_empty()) && self.entries.iter().any(|e| e.pending) {
            self.released = false;
            let more = self.step_pass(now, |e| e.pending);
            if more.is_empty() {
                break;
            }
            done.extend(more);
        }
        self.released = false;
        done
    }

    fn step_pass(&mut self, now: Instant, due: impl Fn(&Entry) -> bool) -> Vec<Done> {
        let mut done = Vec::new();
        let mut i = 0;
        while i < self.entries.len() {
            if !due(&self.entries[i]) {
                i += 1;
                continue;
            }
            let e = &mut self.entries[i];
            self.shared.pool = e.pool.clone();
            self.shared.dns = e.dns.clone();
            e.started = true;
            match e.transfer.step(&mut self.shared, now) {
                Step::Done(result) => {
                    let e = self.entries.remove(i);
                    done.push(Done { id: e.id, result });
                }
                Step::Wait { socket, deadline } => {
                    e.socket = socket;
                    e.deadline = deadline;
                    e.pending = e.transfer.is_pending();
                    i += 1;
                }
            }
        }
        done
    }

    /// The sockets the transfers wait on, one entry per transfer waiting on a socket.
    pub fn sockets(&self) -> impl Iterator<Item = Watch> + '_ {
        self.entries.iter().filter_map(|e| e.socket)
    }

    /// Each waiting transfer with the socket it waits on.
    pub fn waits(&self) -> impl Iterator<Item = (TransferId, Watch)> + '_ {
        self.entries.iter().filter_map(|e| Some((e.id, e.socket?)))
    }

    /// When `perform` must run again without socket activity: `Some(now)`-or-earlier for a
    /// transfer due at once, `None` when only sockets (or nothing) can move things on.
    pub fn next_deadline(&self, now: Instant) -> Option<Instant> {
        self.entries
            .iter()
            .filter_map(|e| {
                if !e.started || (!e.pending && e.socket.is_none() && e.deadline.is_none()) {
                    Some(now)
                } else {
                    e.deadline
                }
            })
            .min()
    }
}
