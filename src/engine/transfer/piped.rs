//! A transfer on a pipelined connection (`CURLMOPT_PIPELINING` with `CURLPIPE_HTTP1`): how
//! it gets a seat (a new pipe over its own connection, or the end of another's), sends its
//! request through the pipe, waits for its turn, reads its response as the head with the
//! bytes the previous response left over, and leaves. See `engine::pipe` for the rules that
//! keep every transfer's bytes its own when a connection breaks or a member goes away.

use std::io;
use std::time::Instant;

use super::{Step, Transfer, Tunnel};
use crate::engine::pipe::{DrainStep, Pipe, PipeState};
use crate::engine::pool::Conn;
use crate::engine::Shared;
use crate::error::{Code, Error, Result};
use crate::http::pipeline::{self, Choice, ConnView, RequestTraits, ResponseTraits};
use crate::http::request;
use crate::options::{HttpReq, HttpVersion};

/// Reads of responses nobody wants go into a buffer of this size.
const DRAIN_BUFFER: usize = 16 * 1024;

/// What the seat check found.
pub(super) enum Seat {
    /// The transfer is not (or no longer) on a pipe.
    None,
    /// It is the head: the connection is lent to it for this step.
    Head,
    /// Its turn has not come: wait to be woken.
    Waiting,
    /// It is reading the responses of transfers that went away, ahead of its own: wait
    /// for the socket.
    Draining,
}

impl Transfer {
    /// The multi's id for this transfer (a pipe's member id).
    pub fn set_id(&mut self, id: u64) {
        self.id = id;
    }

    /// Whether this request may be pipelined.
    fn pipelinable(&self, shared: &Shared) -> bool {
        // Pipelines are kept to one multi's transfers, and (for now) to direct connections.
        if !shared.pipelining.http1
            || self.id == 0
            || shared.engine == 0
            || self.proxy.is_some()
            || self.tunnel != Tunnel::NotUsed
        {
            return false;
        }
        let Some(url) = self.url.as_ref() else {
            return false;
        };
        let req = self.effective_req();
        let custom = self.opts.custom_request.is_some() && !self.method_to_get;
        let close = request::find_custom(&self.opts.http_headers, "Connection")
            .and_then(|h| h.split_once(':'))
            .is_some_and(|(_, v)| v.trim().eq_ignore_ascii_case("close"));
        let traits = RequestTraits {
            get_or_head: matches!(req, HttpReq::Get | HttpReq::Head) && !custom,
            has_body: false,
            http10: self.opts.http_version == HttpVersion::V1_0 || self.server_http10,
            forbid_reuse: self.opts.forbid_reuse,
            fresh_connect: self.opts.fresh_connect,
            connection_close: close,
            auth_in_progress: self.auth_picked || self.repeat,
            host: url.host_for_connect().map(|h| h.0).unwrap_or_default(),
            port: self.url_port,
        };
        pipeline::eligible(&shared.pipelining, &traits)
    }

    /// Before a new connection is opened: a seat at the end of a pipeline, if the policy
    /// gives one. `Some(Choice::Wait)` asks to wait for one (`CURLOPT_PIPEWAIT`); `None`:
    /// the request is not pipelinable.
    pub(super) fn pipeline_choice(&mut self, shared: &mut Shared) -> Option<Choice> {
        if !self.pipelinable(shared) {
            return None;
        }
        let key = self.key.clone()?;
        let dest = format!("{}:{}", self.host, self.port);
        let engine = shared.engine;
        let (pipes, capability, room) = shared.pool.with(|p| {
            (
                p.pipes_for(&key, engine),
                p.capabilities.get(&key),
                p.room_for_new(&dest),
            )
        });
        let views: Vec<ConnView> = pipes
            .iter()
            .map(|p| {
                let st = p.lock();
                ConnView {
                    outstanding: st.outstanding(),
                    closing: st.closing,
                    // Only pipelinable requests ever join a pipe.
                    all_pipelinable: true,
                    head_content_length: st.head_content_length,
                    current_chunk: st.current_chunk,
                }
            })
            .collect();
        let pipewait = self.opts.pipewait;
        match pipeline::choose(&shared.pipelining, capability, true, pipewait, &views, room) {
            Choice::Pipeline(i) => {
                self.seat = Some(pipes[i].clone());
                self.joining = true;
                self.reused = true;
                Some(Choice::Pipeline(i))
            }
            other => Some(other),
        }
    }

    /// The transfer holds its own connection for a pipelinable request: it becomes a pipe
    /// that later requests can join.
    pub(super) fn open_pipe(&mut self, shared: &mut Shared) {
        if self.seat.is_some() || !self.pipelinable(shared) {
            return;
        }
        let (Some(conn), Some(key)) = (self.conn.take(), self.key.clone()) else {
            return;
        };
        let pipe = Pipe::new(conn, key, shared.engine, self.id);
        shared.pool.with(|p| p.add_pipe(pipe.clone()));
        self.seat = Some(pipe);
        self.joining = false;
    }

    /// Puts the request head into the pipe (behind the others when joining) and writes
    /// what the socket takes.
    pub(super) fn send_piped(&mut self) {
        let Some(pipe) = self.seat.clone() else {
            return;
        };
        let mut st = pipe.lock();
        self.response.set_pipelined();
        let request = std::mem::take(&mut self.out);
        self.out_pos = 0;
        if !self.joining {
            // The first request: it goes out now, and its transfer reads next.
            st.out.extend_from_slice(&request);
            // A failed write shows up when the head reads.
            let _ = flush(&mut st);
            return;
        }
        self.joining = false;
        st.join(self.id, &request);
        // The transfer whose turn it is writes what joined, in one go for all the requests
        // that join during this pass of the multi.
        if let Some(head) = st.first_live().filter(|h| *h != self.id) {
            self.woken.push(head);
        } else {
            let _ = flush(&mut st);
        }
    }

    /// Where the transfer stands on its pipe at the start of a receiving step; as the head
    /// it borrows the connection and takes the bytes left over for it.
    pub(super) fn take_seat(&mut self) -> Result<Seat> {
        let Some(pipe) = self.seat.clone() else {
            return Ok(Seat::None);
        };
        let mut st = pipe.lock();
        if st.broken {
            st.forget(self.id);
            drop(st);
            self.seat = None;
            return self.pipe_lost().map(|()| Seat::None);
        }
        if !st.is_head(self.id) {
            if !st.ghost_at_head() || st.first_live() != Some(self.id) {
                return Ok(Seat::Waiting);
            }
            // Next in line behind responses nobody wants: read them off first.
            let Some(mut conn) = self.conn.take().or_else(|| st.borrow()) else {
                return self.seat_lost(st);
            };
            let mut buf = vec![0u8; DRAIN_BUFFER];
            match st.drain(&mut conn, &mut buf) {
                DrainStep::Wait => {
                    self.conn = Some(conn);
                    return Ok(Seat::Draining);
                }
                DrainStep::Lost => {
                    drop(conn);
                    return self.seat_lost(st);
                }
                DrainStep::Ready => self.conn = Some(conn),
            }
        }
        if self.conn.is_none() {
            self.conn = st.borrow();
        }
        if self.conn.is_none() {
            return self.seat_lost(st);
        }
        Ok(Seat::Head)
    }

    /// The pipe cannot go on: it breaks, and this transfer goes on without it.
    fn seat_lost(&mut self, mut st: std::sync::MutexGuard<'_, PipeState>) -> Result<Seat> {
        st.break_up();
        st.forget(self.id);
        self.wake_from(&mut st);
        drop(st);
        self.seat = None;
        self.pipe_lost().map(|()| Seat::None)
    }

    /// Whether the request asked with HEAD (its answer has no body).
    fn head_request(&self) -> bool {
        self.effective_req() == HttpReq::Head || self.opts.no_body
    }

    /// The pipe this transfer was on broke: sent again if nothing came back for it, else
    /// it fails with what it got (never restarted after delivering data).
    fn pipe_lost(&mut self) -> Result<()> {
        self.conn = None;
        if !self.response.got_anything() && self.retries < super::MAX_RETRIES {
            return self.retry();
        }
        Err(Error::new(
            Code::RecvError,
            "Connection died with a pipelined response outstanding",
        ))
    }

    /// Feeds the bytes the previous response left over. `Ok(true)` when they completed
    /// this response too.
    pub(super) fn feed_leftover(&mut self) -> Result<bool> {
        let Some(pipe) = self.seat.clone() else {
            return Ok(false);
        };
        let mut st = pipe.lock();
        // Queued requests go out first: the server may wait for them. The head holds the
        // connection now, so it writes them; a dead connection shows up when it reads.
        if let Some(conn) = self.conn.as_mut() {
            let _ = write_out(&mut st.out, conn);
        }
        let leftover = std::mem::take(&mut st.leftover);
        drop(st);
        if leftover.is_empty() {
            return Ok(false);
        }
        if !self.response.got_anything() {
            let t = self
                .started
                .map_or(std::time::Duration::ZERO, |s| s.elapsed());
            self.with_info(|i| i.starttransfer = t);
        }
        let outcome = self
            .response
            .feed(&leftover, &mut *self.hooks, &self.info)?;
        let complete = matches!(outcome, super::RecvOutcome::Complete);
        if complete {
            self.keep_excess(&leftover);
        }
        Ok(complete)
    }

    /// The end of `input` past the complete response is the next response's start.
    pub(super) fn keep_excess(&mut self, input: &[u8]) {
        let excess = self.response.excess();
        if excess == 0 {
            return;
        }
        if let Some(pipe) = &self.seat {
            let mut st = pipe.lock();
            let rest = &input[input.len() - excess..];
            let mut kept = rest.to_vec();
            kept.extend_from_slice(&st.leftover);
            st.leftover = kept;
        }
    }

    /// Queued request bytes wait for the socket: the head watches for writability too.
    pub(super) fn pipe_wants_write(&self) -> bool {
        self.seat.as_ref().is_some_and(|p| !p.lock().out.is_empty())
    }

    /// At the end of every step the head gives the connection back to the pipe.
    pub(super) fn return_seat(&mut self) {
        let Some(pipe) = &self.seat else {
            return;
        };
        if let Some(conn) = self.conn.take() {
            pipe.lock().give_back(conn);
        }
    }

    /// The transfer leaves its pipe at its end: as the head with its response complete and
    /// the connection fit to go on, the next member's turn comes (or the connection goes
    /// idle); otherwise a member still queued leaves a ghost, and a head whose connection
    /// cannot go on breaks the pipe.
    pub(super) fn leave_pipe(&mut self, shared: &mut Shared, ok: bool, now: Instant) {
        let Some(pipe) = self.seat.take() else {
            return;
        };
        let mut st = pipe.lock();
        // The head has the connection on loan during its step, or left it in the pipe (a
        // response completed from held data, after an unpause).
        let conn = self.conn.take().or_else(|| st.borrow());
        let head = st.is_head(self.id);
        let mut idle = None;
        if head && ok && self.response.keep_alive() && conn.is_some() {
            if let Some(c) = conn {
                st.give_back(c);
            }
            idle = st.head_done(self.id);
        } else if head {
            drop(conn);
            st.break_up();
            st.forget(self.id);
        } else {
            let untouched = !self.response.got_anything();
            st.leave(self.id, self.head_request(), untouched);
        }
        self.wake_from(&mut st);
        let dissolved = st.broken || st.outstanding() == 0;
        drop(st);
        shared.wake.append(&mut self.woken);
        if dissolved {
            shared.pool.with(|p| p.remove_pipe(&pipe));
        }
        if let Some(c) = idle {
            self.pool_conn(shared, c, now);
        }
    }

    fn wake_from(&mut self, st: &mut PipeState) {
        self.woken.append(&mut st.wake);
    }

    /// What the response taught about the server, kept for the multi's lifetime.
    pub(super) fn learn_capability(&mut self, shared: &mut Shared) {
        if !shared.pipelining.http1 || !self.response.head_done() {
            return;
        }
        let Some(key) = self.key.clone() else {
            return;
        };
        let traits = ResponseTraits {
            http11: !self.response.http10(),
            connection_close: !self.response.keep_alive(),
            server: self.response.server().map(str::to_string),
        };
        let opts = shared.pipelining.clone();
        shared
            .pool
            .with(|p| p.capabilities.learn(&key, &traits, &opts));
        if let Some(pipe) = &self.seat {
            if !self.response.keep_alive() {
                pipe.lock().closing = true;
            }
        }
    }

    /// A member waiting for its turn: no socket, its own deadlines only.
    pub(super) fn parked(&mut self, now: Instant) -> Step {
        self.pending = true;
        self.waiting_turn = true;
        self.wait(None, now)
    }

    /// Records the head's announced length and current chunk for the penalty sizes.
    pub(super) fn note_head_length(&self) {
        if let Some(pipe) = &self.seat {
            let mut st = pipe.lock();
            st.head_content_length = self.response.expected_size().unwrap_or(0);
            st.current_chunk = self.response.current_chunk().unwrap_or(0);
        }
    }

    /// The transfer is dropped (removed from the multi) while on a pipe.
    pub(super) fn abandon_seat(&mut self) {
        if let Some(pipe) = self.seat.take() {
            let mut st = pipe.lock();
            if let Some(conn) = self.conn.take() {
                st.give_back(conn);
            }
            let (head, untouched) = (self.head_request(), !self.response.got_anything());
            st.leave(self.id, head, untouched);
        }
    }

    /// The transfer's connection is closed while it is the head: the pipe breaks, and the
    /// members behind are woken to be sent again.
    pub(super) fn break_seat(&mut self) {
        if let Some(pipe) = self.seat.take() {
            let mut st = pipe.lock();
            st.break_up();
            st.forget(self.id);
            self.wake_from(&mut st);
        }
    }

    /// The addresses of the pipe's connection (for a member that never held it).
    pub(super) fn seat_addresses(
        &self,
    ) -> Option<(crate::net::socket::Peer, Option<std::net::SocketAddr>)> {
        self.seat.as_ref().map(|p| {
            let st = p.lock();
            (st.peer.clone(), st.local)
        })
    }
}

/// Writes the pipe's queued request bytes while the connection is in the pipe.
fn flush(st: &mut PipeState) -> io::Result<()> {
    let mut out = std::mem::take(&mut st.out);
    let result = match st.conn_mut() {
        Some(conn) => write_out(&mut out, conn),
        None => Ok(()),
    };
    st.out = out;
    result
}

/// Writes what the socket takes of `out`, leaving the rest in it.
fn write_out(out: &mut Vec<u8>, conn: &mut Conn) -> io::Result<()> {
    let mut sent = 0;
    let result = loop {
        if sent == out.len() {
            break Ok(());
        }
        match conn.stream.send(&out[sent..]) {
            Ok(0) => break Err(io::Error::from(io::ErrorKind::WriteZero)),
            Ok(n) => sent += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => break Err(e),
        }
    };
    out.drain(..sent);
    result
}

impl Drop for Transfer {
    fn drop(&mut self) {
        self.abandon_seat();
    }
}
