//! Handing received data to the application: header lines to the header callback (and the
//! write callback with `CURLOPT_HEADER`), body bytes to the write callback. When a callback
//! answers "pause", or the application paused receiving with `curl_easy_pause`, what arrives
//! is kept, in order, and handed over once receiving is unpaused, as libcurl does.
//!
//! The write callback gets at most `CURL_MAX_WRITE_SIZE` bytes per call, whatever
//! `CURLOPT_BUFFERSIZE` is, as libcurl chops what it delivers; the header callback gets each
//! header line whole.

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

/// libcurl's `CURL_MAX_WRITE_SIZE`: the most a write callback is given in one call.
pub const MAX_WRITE_SIZE: usize = 16 * 1024;

enum Piece {
    /// A header line; with `also_body`, the write callback still has to get it from
    /// `from` on (a pause may have stopped it part way through a long line).
    Header {
        line: Vec<u8>,
        also_body: bool,
        from: usize,
    },
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
                from: 0,
            });
            return Ok(());
        }
        if let Some(rest) = send_header(hooks, line, also_body, 0)? {
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
        if let Some(at) = send_body(hooks, data)? {
            self.pause.add(PauseFlags::RECV);
            self.held.push_back(Piece::Body(data[at..].to_vec()));
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
                Piece::Header {
                    line,
                    also_body,
                    from,
                } => send_header(hooks, &line, also_body, from)?,
                Piece::Body(mut data) => send_body(hooks, &data)?.map(|at| {
                    data.drain(..at);
                    Piece::Body(data)
                }),
            };
            if let Some(rest) = rest {
                self.pause.add(PauseFlags::RECV);
                self.held.push_front(rest);
            }
        }
        Ok(self.held.is_empty())
    }
}

/// Hands `data` to the write callback in pieces of at most [`MAX_WRITE_SIZE`]. On a pause,
/// where the piece the callback refused starts (it and the rest count as not delivered).
fn send_body(hooks: &mut dyn Hooks, data: &[u8]) -> Result<Option<usize>, HttpError> {
    let mut at = 0;
    while at < data.len() {
        let end = (at + MAX_WRITE_SIZE).min(data.len());
        match hooks.write(&data[at..end]) {
            WriteOutcome::Done => at = end,
            WriteOutcome::Pause => return Ok(Some(at)),
            WriteOutcome::Fail => return Err(write_error()),
        }
    }
    Ok(None)
}

/// With CURLOPT_HEADER the line goes to the write callback first (from `from` on), then
/// whole to the header callback, as libcurl orders them. On a pause, what is still to be
/// delivered: after the write callback took the line, only the header callback's part.
fn send_header(
    hooks: &mut dyn Hooks,
    line: &[u8],
    also_body: bool,
    from: usize,
) -> Result<Option<Piece>, HttpError> {
    let held = |also_body, from| {
        Some(Piece::Header {
            line: line.to_vec(),
            also_body,
            from,
        })
    };
    if also_body {
        if let Some(at) = send_body(hooks, &line[from..])? {
            return Ok(held(true, from + at));
        }
    }
    match hooks.header(line) {
        WriteOutcome::Done => Ok(None),
        WriteOutcome::Pause => Ok(held(false, 0)),
        WriteOutcome::Fail => Err(HttpError::WriteError(Some("Failed writing header".into()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::hooks::{DebugKind, Progress, ProgressReply, ReadOutcome, SeekOutcome};

    /// Records every call; pauses the write call numbered `pause_at` (once).
    #[derive(Default)]
    struct Recorder {
        writes: Vec<usize>,
        headers: Vec<usize>,
        body: Vec<u8>,
        pause_at: Option<usize>,
    }

    impl Hooks for Recorder {
        fn write(&mut self, data: &[u8]) -> WriteOutcome {
            if self.pause_at == Some(self.writes.len()) {
                self.pause_at = None;
                return WriteOutcome::Pause;
            }
            self.writes.push(data.len());
            self.body.extend_from_slice(data);
            WriteOutcome::Done
        }
        fn header(&mut self, line: &[u8]) -> WriteOutcome {
            self.headers.push(line.len());
            WriteOutcome::Done
        }
        fn read(&mut self, _: &mut [u8]) -> ReadOutcome {
            ReadOutcome::Data(0)
        }
        fn has_reader(&self) -> bool {
            false
        }
        fn seek(&mut self, _: u64) -> SeekOutcome {
            SeekOutcome::CantSeek
        }
        fn progress(&mut self, _: Progress) -> ProgressReply {
            ProgressReply::Continue
        }
        fn debug(&mut self, _: DebugKind, _: &[u8]) {}
        fn wants_debug(&self) -> bool {
            false
        }
    }

    fn data(n: usize) -> Vec<u8> {
        (0..n).map(|i| (i % 251) as u8).collect()
    }

    #[test]
    fn writes_are_chopped_to_the_maximum_write_size() {
        let mut d = Delivery::new(Arc::new(PauseFlags::default()));
        let mut h = Recorder::default();
        let big = data(100 * 1024 + 5);
        d.body(&mut h, &big).unwrap();
        assert!(h.writes.iter().all(|&n| n <= MAX_WRITE_SIZE));
        assert_eq!(h.writes.len(), 7);
        assert_eq!(h.body, big);
    }

    #[test]
    fn a_pause_part_way_holds_the_refused_piece_and_the_rest() {
        let pause = Arc::new(PauseFlags::default());
        let mut d = Delivery::new(pause.clone());
        let mut h = Recorder {
            pause_at: Some(2),
            ..Default::default()
        };
        let big = data(5 * MAX_WRITE_SIZE);
        d.body(&mut h, &big).unwrap();
        assert_eq!(h.writes, vec![MAX_WRITE_SIZE, MAX_WRITE_SIZE]);
        assert!(pause.recv_paused() && d.holding());
        pause.set(0);
        assert!(d.flush(&mut h).unwrap());
        assert_eq!(h.writes, vec![MAX_WRITE_SIZE; 5]);
        assert_eq!(h.body, big);
    }

    #[test]
    fn header_lines_are_chopped_for_the_write_callback_only() {
        let mut d = Delivery::new(Arc::new(PauseFlags::default()));
        let mut h = Recorder::default();
        let line = data(40 * 1024);
        d.header(&mut h, &line, true).unwrap();
        assert_eq!(h.writes, vec![16384, 16384, 8192]);
        assert_eq!(h.headers, vec![40 * 1024]);
    }
}
