//! A pipelined HTTP/1.1 connection: the connection and the ordered queue of the transfers
//! whose requests are on it. Requests are written back to back through one output buffer;
//! responses are read in order, by the transfer at the head of the queue only, which borrows
//! the connection for the length of a step. Bytes read past the head's response belong to
//! the next one and wait in `leftover`.
//!
//! Safety rules (where libcurl 7.61's pipelining failed):
//! * a member that goes away (removed, timed out, failed) before its response was read leaves
//!   a ghost in the queue: when the ghost reaches the head, the next member reads the ghost's
//!   response off the connection and drops it (`http::drain`); one that cannot be framed or
//!   is over the drain limit closes the connection instead, and the members behind it,
//!   which have received nothing, are sent again;
//! * a connection that breaks takes no new members, and every member that received nothing
//!   is sent again elsewhere; a member that received bytes fails, never restarts.

use std::collections::VecDeque;
use std::io;
use std::sync::{Arc, Mutex, MutexGuard};

use super::pool::{Conn, ConnKey};
use crate::http::drain::{Drained, Drainer};

/// A member: its transfer's id in the multi that drives the pipe.
pub type MemberId = u64;

#[derive(Debug, PartialEq, Eq)]
enum Member {
    Live(MemberId),
    /// Gone before its response was read; `head_request`: it asked with HEAD (the answer
    /// has no body).
    Ghost {
        head_request: bool,
    },
}

/// What draining ghosts' responses came to.
pub enum DrainStep {
    /// No ghost at the head any more.
    Ready,
    /// More of a ghost's response is still to come.
    Wait,
    /// The connection cannot go on.
    Lost,
}

/// The state shared by the transfers of one pipelined connection.
pub struct PipeState {
    pub key: ConnKey,
    /// The multi whose transfers use the pipe (member ids are its transfer ids).
    pub engine: u64,
    /// The connection's addresses, for members that never hold it.
    pub peer: crate::net::socket::Peer,
    pub local: Option<std::net::SocketAddr>,
    /// None while the head has borrowed it (during its step), or once it is closed.
    conn: Option<Conn>,
    queue: VecDeque<Member>,
    /// Request bytes not yet taken by the socket.
    pub out: Vec<u8>,
    /// Bytes read past the head's response: the start of the next one.
    pub leftover: Vec<u8>,
    /// Takes no new members: the connection is to close after the head's response, or is
    /// broken.
    pub closing: bool,
    /// The connection is gone: members still queued must be sent again.
    pub broken: bool,
    /// The Content-Length the head's response announced, 0 if none (for the penalty size).
    pub head_content_length: u64,
    /// What is left of the chunk the head's response is in, 0 if none (for the penalty).
    pub current_chunk: u64,
    /// Transfers to step because the pipe changed for them (a new head, a broken pipe).
    pub wake: Vec<MemberId>,
    /// The ghost response being read off the connection, when it came in parts.
    drain: Option<Drainer>,
}

/// A handle on a pipe; clones share it.
#[derive(Clone)]
pub struct Pipe(Arc<Mutex<PipeState>>);

impl Pipe {
    /// A pipe over `conn` of the multi `engine`, with `first` as its only member.
    pub fn new(conn: Conn, key: ConnKey, engine: u64, first: MemberId) -> Pipe {
        let state = PipeState {
            key,
            engine,
            peer: conn.stream.peer.clone(),
            local: conn.stream.local,
            conn: Some(conn),
            queue: VecDeque::from([Member::Live(first)]),
            out: Vec::new(),
            leftover: Vec::new(),
            closing: false,
            broken: false,
            head_content_length: 0,
            current_chunk: 0,
            wake: Vec::new(),
            drain: None,
        };
        Pipe(Arc::new(Mutex::new(state)))
    }

    pub fn lock(&self) -> MutexGuard<'_, PipeState> {
        // The state stays consistent between calls: a panic while holding it cannot leave
        // it half-changed in a way that matters more than the panic.
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn same(&self, other: &Pipe) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl PipeState {
    /// Requests on the connection (ghosts included: their responses are still to come).
    pub fn outstanding(&self) -> usize {
        self.queue.len()
    }

    /// Adds a member at the end; its request goes into `out`.
    pub fn join(&mut self, member: MemberId, request: &[u8]) {
        self.queue.push_back(Member::Live(member));
        self.out.extend_from_slice(request);
    }

    /// Whether `member` is at the head (its response is the next to read).
    pub fn is_head(&self, member: MemberId) -> bool {
        self.queue.front() == Some(&Member::Live(member))
    }

    /// The head is a ghost: its response is to be read for nobody.
    pub fn ghost_at_head(&self) -> bool {
        matches!(self.queue.front(), Some(Member::Ghost { .. }))
    }

    /// The first member still waiting for its response.
    pub fn first_live(&self) -> Option<MemberId> {
        self.queue.iter().find_map(|m| match m {
            Member::Live(id) => Some(*id),
            Member::Ghost { .. } => None,
        })
    }

    /// Reads the responses of the ghosts at the head off `conn` (the bytes left over
    /// first) and drops them, as far as they have come.
    pub fn drain(&mut self, conn: &mut Conn, buf: &mut [u8]) -> DrainStep {
        while let Some(Member::Ghost { head_request }) = self.queue.front() {
            let mut drainer = self
                .drain
                .take()
                .unwrap_or_else(|| Drainer::new(*head_request));
            let leftover = std::mem::take(&mut self.leftover);
            // The bytes after the ghost's response, once it is complete.
            let mut after = None;
            if !leftover.is_empty() {
                match drainer.feed(&leftover) {
                    Drained::Done { excess } => {
                        after = Some(leftover[leftover.len() - excess..].to_vec())
                    }
                    Drained::More => {}
                    Drained::GiveUp => return DrainStep::Lost,
                }
            }
            while after.is_none() {
                let n = match conn.stream.recv(buf) {
                    Ok(0) => return DrainStep::Lost,
                    Ok(n) => n,
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                        self.drain = Some(drainer);
                        return DrainStep::Wait;
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(_) => return DrainStep::Lost,
                };
                match drainer.feed(&buf[..n]) {
                    Drained::Done { excess } => after = Some(buf[n - excess..n].to_vec()),
                    Drained::More => {}
                    Drained::GiveUp => return DrainStep::Lost,
                }
            }
            self.leftover = after.unwrap_or_default();
            self.queue.pop_front();
        }
        DrainStep::Ready
    }

    /// Lends the connection to the head.
    pub fn borrow(&mut self) -> Option<Conn> {
        self.conn.take()
    }

    /// Takes the connection back after the head's step.
    pub fn give_back(&mut self, conn: Conn) {
        self.conn = Some(conn);
    }

    /// The connection, to write queued requests with, when nobody has borrowed it.
    pub fn conn_mut(&mut self) -> Option<&mut Conn> {
        self.conn.as_mut()
    }

    /// The head's response is complete: it leaves, and the next member (if any) is woken.
    /// Returns the connection when the queue is now empty, for the idle pool.
    pub fn head_done(&mut self, member: MemberId) -> Option<Conn> {
        if self.is_head(member) {
            self.queue.pop_front();
        }
        self.head_content_length = 0;
        self.current_chunk = 0;
        self.wake_head();
        if self.queue.is_empty() && !self.broken && !self.closing {
            return self.conn.take();
        }
        None
    }

    /// `member` goes away before its response was read: it stays as a ghost, so that the
    /// responses behind keep their places, and its response is drained when its turn
    /// comes. A head whose response has been partly read (`untouched` false) cannot be
    /// drained from the middle: the connection cannot go on.
    pub fn leave(&mut self, member: MemberId, head_request: bool, untouched: bool) {
        let Some(pos) = self.queue.iter().position(|m| *m == Member::Live(member)) else {
            return;
        };
        if pos == 0 && !untouched {
            self.break_up();
            return;
        }
        self.queue[pos] = Member::Ghost { head_request };
        if pos == 0 {
            self.wake_head();
        }
    }

    /// The connection is lost (or can no longer be read in order): it closes, and every
    /// member is woken to be sent again (or to fail, if it had received bytes).
    pub fn break_up(&mut self) {
        self.broken = true;
        self.closing = true;
        self.conn = None;
        self.out.clear();
        self.leftover.clear();
        self.wake.extend(self.queue.iter().filter_map(|m| match m {
            Member::Live(id) => Some(*id),
            Member::Ghost { .. } => None,
        }));
    }

    /// Takes `member` out of a broken pipe's queue (it is being sent again elsewhere).
    pub fn forget(&mut self, member: MemberId) {
        self.queue.retain(|m| *m != Member::Live(member));
    }

    /// Wakes the member whose turn it is: the head, or behind ghosts the first live member,
    /// which drains their responses first. With only ghosts left, nobody will: the
    /// connection closes.
    fn wake_head(&mut self) {
        match self.first_live() {
            Some(id) => self.wake.push(id),
            None if !self.queue.is_empty() => self.break_up(),
            None => {}
        }
    }
}
