//! What a transfer calls out to: the application's callbacks, behind a trait so the core
//! stays free of C. The C layer implements it with the function pointers it was given.

use std::sync::Arc;

use crate::net::socket::SocketHooks;

/// A write or header callback's answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteOutcome {
    Done,
    /// `CURL_WRITEFUNC_PAUSE`.
    Pause,
    /// Fewer bytes taken than given: `CURLE_WRITE_ERROR`.
    Fail,
}

/// A read callback's answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadOutcome {
    /// Bytes placed at the start of the buffer; 0 is the end of the upload.
    Data(usize),
    /// `CURL_READFUNC_PAUSE`.
    Pause,
    /// `CURL_READFUNC_ABORT`: `CURLE_ABORTED_BY_CALLBACK`.
    Abort,
    /// More bytes claimed than the buffer holds: `CURLE_READ_ERROR`.
    Fail,
}

/// A seek callback's answer (also used to rewind an upload for a redirect).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeekOutcome {
    Ok,
    Fail,
    CantSeek,
}

/// The kinds of `CURLOPT_DEBUGFUNCTION` data, in libcurl's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DebugKind {
    Text,
    HeaderIn,
    HeaderOut,
    DataIn,
    DataOut,
}

/// Progress figures passed to the progress callbacks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub dltotal: i64,
    pub dlnow: i64,
    pub ultotal: i64,
    pub ulnow: i64,
}

/// What a progress call asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProgressReply {
    /// Go on (a callback returned 0).
    Continue,
    /// Go on and show the built-in meter: no callback is set (`callback` false), or one
    /// returned `CURL_PROGRESSFUNC_CONTINUE` (`callback` true; no newline at the end).
    Meter { callback: bool },
    /// Abort the transfer.
    Abort,
}

pub trait Hooks {
    /// Response body bytes (and header lines when `CURLOPT_HEADER` is set).
    fn write(&mut self, data: &[u8]) -> WriteOutcome;
    /// One complete response header line, CRLF included.
    fn header(&mut self, line: &[u8]) -> WriteOutcome;
    /// Upload bytes; only called when `has_reader` is true.
    fn read(&mut self, buf: &mut [u8]) -> ReadOutcome;
    /// Whether the application gave a read callback or data to read from.
    fn has_reader(&self) -> bool;
    /// Moves the upload back to `offset` (0 to rewind).
    fn seek(&mut self, offset: u64) -> SeekOutcome;
    /// Rewinds the upload to send it again; the error text when it cannot.
    fn rewind(&mut self) -> Result<(), String> {
        match self.seek(0) {
            SeekOutcome::Ok => Ok(()),
            _ => Err("necessary data rewind wasn't possible".into()),
        }
    }
    /// A progress call: the callback's answer, or the meter when there is none.
    fn progress(&mut self, p: Progress) -> ProgressReply;
    /// Text of the built-in progress meter, for `CURLOPT_STDERR`.
    fn meter(&mut self, _text: &[u8]) {}
    /// Verbose/debug output.
    fn debug(&mut self, kind: DebugKind, data: &[u8]);
    /// Whether verbose output is wanted at all (saves formatting it otherwise).
    fn wants_debug(&self) -> bool;
    /// The application's socket hooks (open, socket options, close), if it set any.
    fn socket_hooks(&self) -> Option<Arc<dyn SocketHooks>> {
        None
    }
    /// The trailers of a chunked upload (`CURLOPT_TRAILERFUNCTION`): `None` without a
    /// callback, `Err` when it aborts.
    fn trailers(&mut self) -> Option<Result<Vec<String>, ()>> {
        None
    }
    /// Before a name is resolved (`CURLOPT_RESOLVER_START_FUNCTION`); `false` aborts.
    fn resolver_start(&mut self) -> bool {
        true
    }
    /// Before a request is sent on its connection (`CURLOPT_PREREQFUNCTION`); `false` aborts.
    fn prereq(
        &mut self,
        primary_ip: &str,
        local_ip: &str,
        primary_port: u16,
        local_port: u16,
    ) -> bool {
        let _ = (primary_ip, local_ip, primary_port, local_port);
        true
    }
}
