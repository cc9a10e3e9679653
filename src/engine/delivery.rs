//! Handing received data to the application: header lines to the header callback (and the
//! write callback with `CURLOPT_HEADER`), body bytes to the write callback. When a callback
//! answers "pause", or the application paused receiving with `curl_easy_pause`, what arrives
//! is kept, in order, and handed over once receiving is unpaused, as libcurl does.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Arc;

use super::hooks::{Hooks, WriteOutcome};
use crate::http::HttpError;

/// The directions an application paused: libcurl's `CURLPAUSE_RECV` and `CURLPAUSE_SEND`.
/// Shared between the easy handle (for `curl_easy_pause`) and its running transfer.
#[derive(Debug, Default)]
pub struct PauseFlags(AtomicU8);

impl PauseFlags {
    pub const RECV: u8 = 1;
    pub const SEND: u8 = 4;

    pub fn set(&self, bits: u8) {
        self.0
            .store(bits & (Self::RECV | Self::SEND), Ordering::SeqCst);
    }

    fn add(&self, bit: u8) {
        self.0.fetch_or(bit, Ordering::SeqCst);
    }

    pub fn recv_paused(&self) -> bool {
        self.0.load(Ordering::SeqCst) & Self::RECV != 0
    }

    pub fn send_paused(&self) -> bool {
        self.0.load(Ordering::SeqCst) & Self::SEND != 0
    }

    pub fn pause_send(&self) {
        self.add(Self::SEND);
    }
}

enum Piece {
    Header { line: Vec<u8>, also_body: bool },
    Body(Vec<u8>),
}

pub struct Delivery {
    pause: Arc<PauseFlags>,
    held: VecDeque<Piece>,
}

fn write_error() -> HttpError {
    HttpError::WriteError(Some("Failure writing output to destination".into()))
}

impl Delivery {
    pub fn new(pause: Arc<PauseFlags>) -> Self {
        Delivery {
            pause,
            held: VecDeque::new(),
        }
    }

    /// Data is waiting for an unpause.
    pub fn holding(&self) -> bool {
        !self.held.is_empty()
    }

    fn must_hold(&self) -> bool {
        self.holding() || self.pause.recv_paused()
    }

    pub fn header(
        &mut self,
        hooks: &mut dyn Hooks,
        line: &[u8],
        also_body: bool,
    ) -> Result<(), HttpError> {
        if self.must_hold() {
            self.held.push_back(Piece::Header {
                line: line.to_vec(),
                also_body,
            });
            return Ok(());
        }
        if let Some(rest) = send_header(hooks, line, also_body)? {
            self.pause.add(PauseFlags::RECV);
            self.held.push_back(rest);
        }
        Ok(())
    }

    pub fn body(&mut self, hooks: &mut dyn Hooks, data: &[u8]) -> Result<(), HttpError> {
        if data.is_empty() {
            return Ok(());
        }
        if self.must_hold() {
            self.held.push_back(Piece::Body(data.to_vec()));
            return Ok(());
        }
        if !send_body(hooks, data)? {
            self.pause.add(PauseFlags::RECV);
            self.held.push_back(Piece::Body(data.to_vec()));
        }
        Ok(())
    }

    /// Hands over what was held, unless receiving is (again) paused. True when nothing is
    /// held any more.
    pub fn flush(&mut self, hooks: &mut dyn Hooks) -> Result<bool, HttpError> {
        while !self.pause.recv_paused() {
            let Some(piece) = self.held.pop_front() else {
                return Ok(true);
            };
            let rest = match piece {
                Piece::Header { line, also_body } => send_header(hooks, &line, also_body)?,
                Piece::Body(data) => (!send_body(hooks, &data)?).then_some(Piece::Body(data)),
            };
            if let Some(rest) = rest {
                self.pause.add(PauseFlags::RECV);
                self.held.push_front(rest);
            }
        }
        Ok(self.held.is_empty())
    }
}

/// False when the callback paused (the data counts as not delivered).
fn send_body(hooks: &mut dyn Hooks, data: &[u8]) -> Result<bool, HttpError> {
    match hooks.write(data) {
        WriteOutcome::Done => Ok(true),
        WriteOutcome::Pause => Ok(false),
        WriteOutcome::Fail => Err(write_error()),
    }
}

/// With CURLOPT_HEADER the line goes to the write callback first, then to the header
/// callback, as libcurl orders them. On a pause, what is still to be delivered: after the
/// write callback took the line, only the header callback's part.
fn send_header(
    hooks: &mut dyn Hooks,
    line: &[u8],
    also_body: bool,
) -> Result<Option<Piece>, HttpError> {
    let held = |also_body| {
        Some(Piece::Header {
            line: line.to_vec(),
            also_body,
        })
    };
    if also_body && !send_body(hooks, line)? {
        return Ok(held(true));
    }
    match hooks.header(line) {
        WriteOutcome::Done => Ok(None),
        WriteOutcome::Pause => Ok(held(false)),
        WriteOutcome::Fail => Err(HttpError::WriteError(Some("Failed writing header".into()))),
    }
}
