//! The internal driver: waits with mio (epoll) for what a transfer asked for, then advances
//! it. The application's own event loop (`curl_multi_socket_action`) is the other driver.

pub mod events;

use std::sync::Arc;
use std::time::{Duration, Instant};

use mio::unix::SourceFd;
use mio::{Events, Poll, Token, Waker};

use crate::engine::{Shared, Step, Transfer, Watch};
use crate::error::{Code, Error, Result};
use crate::resolve::Wake;

const WAKE: Token = Token(usize::MAX);
const SOCKET: Token = Token(0);
/// The longest `curl_easy_perform` waits between passes (libcurl's 1000 ms poll).
pub(crate) const EASY_PASS: Duration = Duration::from_secs(1);

pub struct Driver {
    poll: Poll,
    events: Events,
    waker: Arc<Waker>,
    registered: Option<Watch>,
    /// The process that made the epoll instance (see `Engine::perform` on fork).
    pid: u32,
}

impl Driver {
    pub fn new() -> Result<Self> {
        let poll = Poll::new().map_err(|_| Error::bare(Code::FailedInit))?;
        let waker = Waker::new(poll.registry(), WAKE).map_err(|_| Error::bare(Code::FailedInit))?;
        Ok(Driver {
            poll,
            events: Events::with_capacity(8),
            waker: Arc::new(waker),
            registered: None,
            pid: std::process::id(),
        })
    }

    pub fn pid(&self) -> u32 {
        self.pid
    }

    /// What a resolver thread calls when its lookup is done.
    pub fn waker(&self) -> Wake {
        let w = self.waker.clone();
        Arc::new(move || {
            let _ = w.wake();
        })
    }

    /// Advances `t` until it finishes, waiting for readiness and deadlines in between.
    pub fn run(&mut self, shared: &mut Shared, t: &mut Transfer) -> Result<()> {
        loop {
            let now = Instant::now();
            match t.step(shared, now) {
                Step::Done(r) => return r,
                Step::Wait { socket, deadline } => {
                    self.watch(socket)?;
                    // At least one pass a second, as libcurl's curl_easy_perform loop waits
                    // at most that long: progress callbacks run even while nothing moves.
                    let timeout = deadline.map_or(EASY_PASS, |d| {
                        d.saturating_duration_since(now).min(EASY_PASS)
                    });
                    if let Err(e) = self.poll.poll(&mut self.events, Some(timeout)) {
                        if e.kind() != std::io::ErrorKind::Interrupted {
                            return Err(Error::new(Code::RecvError, "poll failed"));
                        }
                    }
                }
            }
        }
    }

    /// Keeps the transfer's socket registered. A socket is registered once, for both
    /// directions (edge-triggered, so an unwanted direction costs at most one spurious
    /// wake-up), and stays registered between transfers while its connection is pooled:
    /// a reused connection needs no epoll calls at all. Sockets are told apart by
    /// connection id, not descriptor number, since a closed socket's number comes back.
    fn watch(&mut self, want: Option<Watch>) -> Result<()> {
        let Some(w) = want else {
            return Ok(());
        };
        if self.registered.is_some_and(|r| r.id == w.id) {
            return Ok(());
        }
        let reg = self.poll.registry();
        if let Some(old) = self.registered.take() {
            // Usually already closed, and so already gone from epoll.
            let _ = reg.deregister(&mut SourceFd(&old.fd));
        }
        let both = mio::Interest::READABLE | mio::Interest::WRITABLE;
        reg.register(&mut SourceFd(&w.fd), SOCKET, both)
            .map_err(|_| Error::new(Code::FailedInit, "cannot watch socket"))?;
        self.registered = Some(w);
        Ok(())
    }
}
