//! Transfers driven together, as libcurl's multi handle: one connection pool and DNS cache
//! for all of them (unless a share handle provides its own), each transfer advanced until it
//! would block, and the sockets and deadlines they wait for gathered for whoever waits (the
//! application's `curl_multi_wait`/`poll` loop or its own event loop).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::os::fd::RawFd;
use std::time::Instant;

use super::{Interest, Shared, Step, Transfer, Watch};
use crate::error::Result;
use crate::http::pipeline::PipelineOptions;
use crate::net::tls::TlsCache;
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
    /// Boxed: a transfer is large, and entries move as others come and go.
    transfer: Box<Transfer>,
    /// The pool and DNS cache this transfer uses: its share handle's, else the multi's.
    pool: Slot<super::pool::Pool>,
    dns: Slot<DnsCache>,
    tls: Slot<TlsCache>,
    /// What the last step waits for.
    socket: Option<Watch>,
    deadline: Option<Instant>,
    /// Waiting for a place under the connection limits: stepped once a connection is
    /// given back.
    pending: bool,
}

/// The transfers, and indexes over what they wait for, so that an event (a ready socket,
/// a deadline) costs only the transfers it concerns, however many there are.
pub struct Multi {
    shared: Shared,
    own_pool: Slot<super::pool::Pool>,
    own_dns: Slot<DnsCache>,
    own_tls: Slot<TlsCache>,

    /// By id, which is also the order they were added in.
    entries: BTreeMap<TransferId, Entry>,
    next_id: TransferId,
    /// A connection was given back since the waiting transfers last tried.
    released: bool,
    /// Due at the next pass whatever happens: new transfers, and those that wait on neither
    /// a socket nor a deadline.
    due_now: BTreeSet<TransferId>,
    deadlines: BTreeSet<(Instant, TransferId)>,
    by_fd: HashMap<RawFd, TransferId>,
    /// Started, not pending, waiting on no socket: a name lookup (not a paused transfer).
    sockless: BTreeSet<TransferId>,
    pending: BTreeSet<TransferId>,
    /// Transfers whose socket changed (or that ended) since `take_changes`.
    changed: BTreeSet<TransferId>,
    /// Transfers a pipeline change woke during this pass: stepped before it ends.
    woken: BTreeSet<TransferId>,
}

impl Default for Multi {
    fn default() -> Self {
        static NEXT_ENGINE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let shared = Shared {
            engine: NEXT_ENGINE.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            ..Shared::default()
        };
        Multi {
            own_pool: shared.pool.clone(),
            own_dns: shared.dns.clone(),
            own_tls: shared.tls.clone(),

            shared,
            entries: BTreeMap::new(),
            next_id: 1,
            released: false,
            due_now: BTreeSet::new(),
            deadlines: BTreeSet::new(),
            by_fd: HashMap::new(),
            sockless: BTreeSet::new(),
            pending: BTreeSet::new(),
            changed: BTreeSet::new(),
            woken: BTreeSet::new(),
        }
    }
}

impl Multi {
    /// The multi runs `curl_easy_perform`'s transfer (the event-driven way).
    pub fn set_easy(&mut self) {
        self.shared.easy = true;
    }

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
    /// The pipelining settings (`CURLMOPT_PIPELINING` and the options around it).
    pub fn pipelining_mut(&mut self) -> &mut PipelineOptions {
        &mut self.shared.pipelining
    }

    pub fn set_connection_limits(&mut self, max_host: usize, max_total: usize) {
        self.own_pool.with(|p| p.set_limits(max_host, max_total));
        self.released = true;
    }

    /// The DNS cache a transfer with this share set uses (for `CURLOPT_RESOLVE` entries).
    pub fn dns_for(&self, share: &ShareSet) -> Slot<DnsCache> {
        share.dns.clone().unwrap_or_else(|| self.own_dns.clone())
    }

    /// Adds a transfer; it starts at the next pass.
    pub fn add(&mut self, mut transfer: Transfer, share: &ShareSet) -> TransferId {
        let id = self.next_id;
        self.next_id += 1;
        transfer.set_id(id);
        let pool = share
            .connect
            .clone()
            .unwrap_or_else(|| self.own_pool.clone());
        self.entries.insert(
            id,
            Entry {
                transfer: Box::new(transfer),
                pool,
                dns: self.dns_for(share),
                tls: share
                    .ssl_session
                    .clone()
                    .unwrap_or_else(|| self.own_tls.clone()),
                socket: None,
                deadline: None,
                pending: false,
            },
        );
        self.due_now.insert(id);
        id
    }

    /// Drops a transfer wherever it is; its connection, if any, is closed.
    pub fn remove(&mut self, id: TransferId) -> bool {
        let Some(entry) = self.forget(id) else {
            return false;
        };
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
        let ids: Vec<TransferId> = self
            .entries
            .iter()
            .filter(|(_, e)| !e.pending)
            .map(|(id, _)| *id)
            .collect();
        self.run(ids, now)
    }

    /// Advances the transfer waiting on socket `fd`, and those whose time has come.
    pub fn perform_socket(&mut self, fd: RawFd, now: Instant) -> Vec<Done> {
        let mut ids = self.due(now);
        ids.extend(self.by_fd.get(&fd).copied());
        self.run(ids, now)
    }

    /// Advances the transfers that wait on no socket (a name lookup), and those whose
    /// time has come.
    pub fn perform_sockless(&mut self, now: Instant) -> Vec<Done> {
        let mut ids = self.due(now);
        ids.extend(self.sockless.iter().copied());
        self.run(ids, now)
    }

    /// Advances the transfers whose time has come (and new ones).
    pub fn perform_timeouts(&mut self, now: Instant) -> Vec<Done> {
        let ids = self.due(now);
        self.run(ids, now)
    }

    /// The application paused or unpaused transfer `id`: it is due at the next pass unless
    /// both directions stay paused (`run` false).
    pub fn pause_changed(&mut self, id: TransferId, run: bool) {
        let Some(e) = self.entries.get(&id) else {
            return;
        };
        // As libcurl: a pause stops watching the socket at once, an unpause watches it again.
        if let Some(w) = e.transfer.watch_after_pause() {
            let (deadline, pending) = (e.deadline, e.pending);
            self.index(id, w, deadline, pending, w.is_none());
        }
        if run {
            self.due_now.insert(id);
        }
    }

    /// A started transfer waiting on no socket (a name lookup), if any.
    pub fn sockless(&self) -> Option<TransferId> {
        self.sockless.first().copied()
    }

    /// The sockets the transfers wait on, one entry per transfer waiting on a socket.
    pub fn sockets(&self) -> impl Iterator<Item = Watch> + '_ {
        self.entries.values().filter_map(|e| e.socket)
    }

    /// Each transfer that ended or now waits on another socket (or in another way) since
    /// the last call, with the socket it waits on now.
    pub fn take_changes(&mut self) -> Vec<(TransferId, Option<Watch>)> {
        std::mem::take(&mut self.changed)
            .into_iter()
            .map(|id| (id, self.entries.get(&id).and_then(|e| e.socket)))
            .collect()
    }

    /// The earliest deadline a transfer set (not counting those due at once): a new one
    /// is a new timer for the application, even when it is as near as the last.
    pub fn first_deadline(&self) -> Option<Instant> {
        self.deadlines.first().map(|(d, _)| *d)
    }

    /// When a transfer must be advanced without socket activity: `now` for one due at once,
    /// `None` when only sockets (or nothing) can move things on.
    pub fn next_deadline(&self, now: Instant) -> Option<Instant> {
        if !self.due_now.is_empty() {
            return Some(now);
        }
        self.deadlines.first().map(|(d, _)| *d)
    }

    /// The transfers whose deadline has come, and those due at once.
    fn due(&self, now: Instant) -> Vec<TransferId> {
        let mut ids: Vec<TransferId> = self.due_now.iter().copied().collect();
        ids.extend(
            self.deadlines
                .iter()
                .take_while(|(d, _)| *d <= now)
                .map(|(_, id)| *id),
        );
        ids
    }

    /// Steps the transfers `ids` (in id order, each once), then the ones waiting for a
    /// connection, in the order they were added, while connections are being given back.
    fn run(&mut self, mut ids: Vec<TransferId>, now: Instant) -> Vec<Done> {
        ids.sort_unstable();
        ids.dedup();
        let mut done = Vec::new();
        for id in ids {
            done.extend(self.step(id, now));
        }
        // Then, while that frees something: pipe members whose turn came (woken), and the
        // transfers waiting for a connection. Each round needs a transfer to have ended or
        // a pipe to have moved on, so this ends.
        let mut progress = self.released || !done.is_empty();
        let mut rounds = 0;
        while (progress || !self.woken.is_empty()) && rounds <= self.entries.len() + 1 {
            rounds += 1;
            let before = done.len();
            for id in std::mem::take(&mut self.woken) {
                done.extend(self.step(id, now));
            }
            if (progress || done.len() > before) && !self.pending.is_empty() {
                self.released = false;
                let waiting: Vec<TransferId> = self.pending.iter().copied().collect();
                for id in waiting {
                    done.extend(self.step(id, now));
                }
            }
            progress = done.len() > before || self.released;
        }
        self.released = false;
        self.woken.clear();
        done
    }

    fn step(&mut self, id: TransferId, now: Instant) -> Option<Done> {
        let e = self.entries.get_mut(&id)?;
        self.shared.pool = e.pool.clone();
        self.shared.dns = e.dns.clone();
        self.shared.tls = e.tls.clone();
        let done = match e.transfer.step(&mut self.shared, now) {
            Step::Done(result) => {
                self.forget(id);
                Some(Done { id, result })
            }
            Step::Wait { socket, deadline } => {
                let (pending, idle) = (e.transfer.is_pending(), e.transfer.is_idle());
                self.index(id, socket, deadline, pending, idle);
                None
            }
        };
        // Pipelines that changed for other transfers (a new head, a broken connection).
        for other in std::mem::take(&mut self.shared.wake) {
            if let Some(e) = self.entries.get_mut(&other) {
                e.pending = false;
                self.pending.remove(&other);
                self.due_now.insert(other);
                self.woken.insert(other);
            }
        }
        done
    }

    /// Records what transfer `id` waits for now, in every index.
    fn index(
        &mut self,
        id: TransferId,
        socket: Option<Watch>,
        deadline: Option<Instant>,
        pending: bool,
        idle: bool,
    ) {
        let Some(e) = self.entries.get_mut(&id) else {
            return;
        };
        if let Some(d) = e.deadline {
            self.deadlines.remove(&(d, id));
        }
        if let Some(d) = deadline {
            self.deadlines.insert((d, id));
        }
        if e.socket != socket {
            if let Some(old) = e.socket {
                if self.by_fd.get(&old.fd) == Some(&id) {
                    self.by_fd.remove(&old.fd);
                }
            }
            self.changed.insert(id);
        }
        if let Some(w) = socket {
            self.by_fd.insert(w.fd, id);
        }
        e.socket = socket;
        e.deadline = deadline;
        e.pending = pending;
        set(&mut self.pending, id, pending);
        // A paused transfer watching nothing is not waiting for a name lookup.
        let sockless = !pending && !idle && socket.is_none();
        set(&mut self.sockless, id, sockless);
        set(&mut self.due_now, id, sockless && deadline.is_none());
    }

    /// Takes transfer `id` out of the multi and every index.
    fn forget(&mut self, id: TransferId) -> Option<Entry> {
        let e = self.entries.remove(&id)?;
        if let Some(d) = e.deadline {
            self.deadlines.remove(&(d, id));
        }
        if let Some(w) = e.socket {
            if self.by_fd.get(&w.fd) == Some(&id) {
                self.by_fd.remove(&w.fd);
            }
        }
        self.due_now.remove(&id);
        self.sockless.remove(&id);
        self.pending.remove(&id);
        self.changed.insert(id);
        Some(e)
    }
}

fn set(s: &mut BTreeSet<TransferId>, id: TransferId, member: bool) {
    if member {
        s.insert(id);
    } else {
        s.remove(&id);
    }
}

/// What an event loop must change in what it watches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SocketEvent {
    /// Watch `fd` for `interest` (`fresh`: a socket not watched before).
    Watch {
        fd: RawFd,
        interest: Interest,
        fresh: bool,
        transfer: TransferId,
    },
    /// Stop watching `fd`.
    Remove { fd: RawFd, transfer: TransferId },
}

/// The sockets an event loop watches for a multi, kept up to date from
/// [`Multi::take_changes`]: what libcurl's socket callback reports, on change only, keyed
/// by socket identity (a number reused by a new socket is removed, then added).
#[derive(Default)]
pub struct Sockets {
    /// fd -> (interest, socket identity, transfer).
    by_fd: HashMap<RawFd, (Interest, u64, TransferId)>,
    for_transfer: HashMap<TransferId, RawFd>,
}

impl Sockets {
    pub fn apply(&mut self, changes: Vec<(TransferId, Option<Watch>)>) -> Vec<SocketEvent> {
        let mut removes = Vec::new();
        let mut watches = Vec::new();
        for (id, watch) in changes {
            // The socket it waited on, unless another transfer has taken it over since.
            if let Some(fd) = self.for_transfer.remove(&id) {
                let still = watch.is_some_and(|w| w.fd == fd);
                if !still && self.by_fd.get(&fd).is_some_and(|s| s.2 == id) {
                    self.by_fd.remove(&fd);
                    removes.push(SocketEvent::Remove { fd, transfer: id });
                }
            }
            let Some(w) = watch else {
                continue;
            };
            self.for_transfer.insert(id, w.fd);
            let fresh = match self.by_fd.get_mut(&w.fd) {
                Some(s) if s.1 == w.id => {
                    s.2 = id;
                    if s.0 == w.interest {
                        continue;
                    }
                    s.0 = w.interest;
                    false
                }
                Some(_) => {
                    removes.push(SocketEvent::Remove {
                        fd: w.fd,
                        transfer: id,
                    });
                    true
                }
                None => true,
            };
            self.by_fd.insert(w.fd, (w.interest, w.id, id));
            watches.push(SocketEvent::Watch {
                fd: w.fd,
                interest: w.interest,
                fresh,
                transfer: id,
            });
        }
        removes.extend(watches);
        removes
    }

    /// A descriptor of the loop's own (the name-lookup signal): watched for reading while
    /// `want` holds a transfer that waits for it.
    pub fn extra(&mut self, fd: RawFd, want: Option<TransferId>) -> Option<SocketEvent> {
        match (want, self.by_fd.contains_key(&fd)) {
            (Some(transfer), false) => {
                self.by_fd.insert(fd, (Interest::Read, 0, transfer));
                Some(SocketEvent::Watch {
                    fd,
                    interest: Interest::Read,
                    fresh: true,
                    transfer,
                })
            }
            (None, true) => {
                let (_, _, transfer) = self.by_fd.remove(&fd)?;
                Some(SocketEvent::Remove { fd, transfer })
            }
            _ => None,
        }
    }

    /// Whether `fd` is watched now.
    pub fn watches(&self, fd: RawFd) -> bool {
        self.by_fd.contains_key(&fd)
    }

    /// Every socket still watched, forgotten (the multi goes away).
    pub fn drain(&mut self) -> Vec<RawFd> {
        self.for_transfer.clear();
        self.by_fd.drain().map(|(fd, _)| fd).collect()
    }
}
