//! The internal driver: waits with mio (epoll) for what a transfer asked for, then advances
//! it. The application's own event loop (`curl_multi_socket_action`) is the other driver.

use std::sync::Arc;
use std::time::Instant;

use mio::unix::SourceFd;
use mio::{Events, Poll, Token, Waker};

use crate::engine::{Interest, Shared, Step, Transfer, Watch};
use crate::error::{Code, Error, Result};
use crate::resolve::Wake;

const WAKE: Token = Token(usize::MAX);
const SOCKET: Token = Token(0);

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
        let result = loop {
            let now = Instant::now();
            match t.step(shared, now) {
                Step::Done(r) => break r,
                Step::Wait { socket, deadline } => {
                    if let Err(e) = self.watch(socket) {
                        break Err(e);
                    }
                    let timeout = deadline.map(|d| d.saturating_duration_since(now));
                    if let Err(e) = self.poll.poll(&mut self.events, timeout) {
                        if e.kind() != std::io::ErrorKind::Interrupted {
                            break Err(Error::new(Code::RecvError, "poll failed"));
                        }
                    }
                }
            }
        };
        // The connection may now sit idle in the pool: stop watching it.
        let _ = self.watch(None);
        result
    }

    /// Makes the registration match what the transfer waits for, changing only what differs.
    /// Sockets are identified by connection id, not descriptor number: a closed socket's
    /// number can come back for a new one, which must be registered afresh.
    fn watch(&mut self, want: Option<Watch>) -> Result<()> {
        if self.registered == want {
            return Ok(());
        }
        let reg = self.poll.registry();
        let fail = |_| Error::new(Code::FailedInit, "cannot watch socket");
        if let Some(old) = self.registered.take() {
            match want {
                Some(w) if w.id == old.id => {
                    reg.reregister(&mut SourceFd(&w.fd), SOCKET, to_mio(w.interest))
                        .map_err(fail)?;
                    self.registered = want;
                    return Ok(());
                }
                // A socket already closed is gone from epoll: the error is expected.
                _ => {
                    let _ = reg.deregister(&mut SourceFd(&old.fd));
                }
            }
        }
        if let Some(w) = want {
            reg.register(&mut SourceFd(&w.fd), SOCKET, to_mio(w.interest))
                .map_err(fail)?;
            self.registered = want;
        }
        Ok(())
    }
}

fn to_mio(i: Interest) -> mio::Interest {
    match i {
        Interest::Read => mio::Interest::READABLE,
        Interest::Write => mio::Interest::WRITABLE,
        Interest::Both => mio::Interest::READABLE | mio::Interest::WRITABLE,
    }
}
