//! The event-driven way of running transfers, as an application's event loop runs them
//! through `curl_multi_socket_action`: the multi says which sockets it waits on (and a
//! descriptor for name lookups), the loop waits on exactly those, and only the transfers of
//! a ready socket, or whose time has come, are advanced.
//!
//! `curl_easy_perform` runs here instead of in the internal driver when the test switch
//! `RCURL_EVENT_DRIVER=1` is set, so that the easy interface's tests also prove this path.

use std::os::fd::RawFd;
use std::sync::Arc;
use std::time::Instant;

use mio::unix::SourceFd;
use mio::{Events, Interest as Ready, Poll, Token};

use crate::engine::multi::{Multi, SocketEvent, Sockets};
use crate::engine::{Interest, Transfer};
use crate::error::{Code, Error, Result};
use crate::net::signal::Signal;
use crate::share::ShareSet;

/// Whether the test switch routes `curl_easy_perform` through this driver.
pub fn enabled() -> bool {
    std::env::var_os("RCURL_EVENT_DRIVER").is_some_and(|v| v == "1")
}

fn failed() -> Error {
    Error::new(Code::FailedInit, "event loop failed")
}

/// Runs one transfer to its end on a multi of its own, with the pool and DNS cache given.
pub fn run(transfer: Transfer, share: &ShareSet, max_idle: usize) -> Result<()> {
    let lookups = Signal::new().map_err(|_| failed())?;
    let mut multi = Multi::default();
    multi.set_easy();
    let signal = lookups.clone();
    multi.set_wake(Arc::new(move || {
        signal.raise();
    }));
    multi.set_limits(max_idle, 1);
    multi.add(transfer, share);
    let mut poll = Poll::new().map_err(|_| failed())?;
    let mut events = Events::with_capacity(64);
    // What the loop watches, as the socket callback would have told it.
    let mut sockets = Sockets::default();
    let mut done = multi.perform_timeouts(Instant::now());
    loop {
        if let Some(d) = done.pop() {
            return d.result;
        }
        let mut changes = sockets.apply(multi.take_changes());
        changes.extend(sockets.extra(lookups.fd(), multi.sockless()));
        for change in changes {
            watch(&poll, change)?;
        }
        let now = Instant::now();
        // At least one pass a second, as libcurl's curl_easy_perform loop (see `super`).
        let timeout = multi.next_deadline(now).map_or(super::EASY_PASS, |d| {
            d.saturating_duration_since(now).min(super::EASY_PASS)
        });
        if let Err(e) = poll.poll(&mut events, Some(timeout)) {
            if e.kind() != std::io::ErrorKind::Interrupted {
                return Err(failed());
            }
        }
        let ready: Vec<RawFd> = events.iter().map(|e| e.token().0 as RawFd).collect();
        let now = Instant::now();
        if ready.is_empty() {
            // The transfer's time has come, or a second passed: a full pass, as libcurl's
            // curl_multi_perform.
            done = multi.perform(now);
            continue;
        }
        for fd in ready {
            if fd == lookups.fd() {
                lookups.clear();
                done.extend(multi.perform_sockless(now));
            } else {
                done.extend(multi.perform_socket(fd, now));
            }
        }
    }
}

/// Applies one change to the epoll registrations, as an application does in its socket
/// callback.
fn watch(poll: &Poll, change: SocketEvent) -> Result<()> {
    let reg = poll.registry();
    match change {
        SocketEvent::Remove { fd, .. } => {
            // Usually closed already, and so gone from epoll.
            let _ = reg.deregister(&mut SourceFd(&fd));
        }
        SocketEvent::Watch {
            fd,
            interest,
            fresh,
            ..
        } => {
            let ready = match interest {
                Interest::Read => Ready::READABLE,
                Interest::Write => Ready::WRITABLE,
                Interest::Both => Ready::READABLE | Ready::WRITABLE,
            };
            let token = Token(fd as usize);
            let r = if fresh {
                reg.register(&mut SourceFd(&fd), token, ready)
            } else {
                Err(std::io::ErrorKind::AlreadyExists.into())
            };
            if r.is_err() {
                reg.reregister(&mut SourceFd(&fd), token, ready)
                    .map_err(|_| failed())?;
            }
        }
    }
    Ok(())
}
