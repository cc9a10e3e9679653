//! The multi interface: its option numbers, message type, poll and select bits, and
//! the callbacks an event-driven application registers.

use std::ffi::{c_int, c_long, c_short, c_void};

use super::*;

/// Kind of a message from `curl_multi_info_read`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CURLMSG {
    CURLMSG_NONE = 0,
    CURLMSG_DONE = 1,
    CURLMSG_LAST = 2,
}

impl CURLMSG {
    /// The variant whose C value is `value`, if there is one.
    pub const fn from_raw(value: c_int) -> Option<Self> {
        match value {
            0 => Some(Self::CURLMSG_NONE),
            1 => Some(Self::CURLMSG_DONE),
            2 => Some(Self::CURLMSG_LAST),
            _ => None,
        }
    }
}

/// Options of `curl_multi_setopt`; same numbering scheme as `CURLoption`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CURLMoption {
    CURLMOPT_SOCKETFUNCTION = 20001,
    CURLMOPT_SOCKETDATA = 10002,
    CURLMOPT_PIPELINING = 3,
    CURLMOPT_TIMERFUNCTION = 20004,
    CURLMOPT_TIMERDATA = 10005,
    CURLMOPT_MAXCONNECTS = 6,
    CURLMOPT_MAX_HOST_CONNECTIONS = 7,
    CURLMOPT_MAX_PIPELINE_LENGTH = 8,
    CURLMOPT_CONTENT_LENGTH_PENALTY_SIZE = 30009,
    CURLMOPT_CHUNK_LENGTH_PENALTY_SIZE = 30010,
    CURLMOPT_PIPELINING_SITE_BL = 10011,
    CURLMOPT_PIPELINING_SERVER_BL = 10012,
    CURLMOPT_MAX_TOTAL_CONNECTIONS = 13,
    CURLMOPT_PUSHFUNCTION = 20014,
    CURLMOPT_PUSHDATA = 10015,
    CURLMOPT_MAX_CONCURRENT_STREAMS = 16,
    CURLMOPT_LASTENTRY = 17,
}

impl CURLMoption {
    /// The variant whose C value is `value`, if there is one.
    pub const fn from_raw(value: c_int) -> Option<Self> {
        match value {
            20001 => Some(Self::CURLMOPT_SOCKETFUNCTION),
            10002 => Some(Self::CURLMOPT_SOCKETDATA),
            3 => Some(Self::CURLMOPT_PIPELINING),
            20004 => Some(Self::CURLMOPT_TIMERFUNCTION),
            10005 => Some(Self::CURLMOPT_TIMERDATA),
            6 => Some(Self::CURLMOPT_MAXCONNECTS),
            7 => Some(Self::CURLMOPT_MAX_HOST_CONNECTIONS),
            8 => Some(Self::CURLMOPT_MAX_PIPELINE_LENGTH),
            30009 => Some(Self::CURLMOPT_CONTENT_LENGTH_PENALTY_SIZE),
            30010 => Some(Self::CURLMOPT_CHUNK_LENGTH_PENALTY_SIZE),
            10011 => Some(Self::CURLMOPT_PIPELINING_SITE_BL),
            10012 => Some(Self::CURLMOPT_PIPELINING_SERVER_BL),
            13 => Some(Self::CURLMOPT_MAX_TOTAL_CONNECTIONS),
            20014 => Some(Self::CURLMOPT_PUSHFUNCTION),
            10015 => Some(Self::CURLMOPT_PUSHDATA),
            16 => Some(Self::CURLMOPT_MAX_CONCURRENT_STREAMS),
            17 => Some(Self::CURLMOPT_LASTENTRY),
            _ => None,
        }
    }
}

// `CURLMOPT_PIPELINING` bits (`long`). cbindgen would print them as casts, which `#if`
// cannot evaluate; cbindgen.toml's trailer writes them as `long` literals (`2L`) instead,
// and `header_test` checks that those agree with these.
/// cbindgen:ignore
pub const CURLPIPE_NOTHING: c_long = 0;
/// cbindgen:ignore
pub const CURLPIPE_HTTP1: c_long = 1;
/// cbindgen:ignore
pub const CURLPIPE_MULTIPLEX: c_long = 2;

// `curl_waitfd` event bits.
pub const CURL_WAIT_POLLIN: c_int = 0x0001;
pub const CURL_WAIT_POLLPRI: c_int = 0x0002;
pub const CURL_WAIT_POLLOUT: c_int = 0x0004;

// What the socket callback asks the application to watch.
pub const CURL_POLL_NONE: c_int = 0;
pub const CURL_POLL_IN: c_int = 1;
pub const CURL_POLL_OUT: c_int = 2;
pub const CURL_POLL_INOUT: c_int = 3;
pub const CURL_POLL_REMOVE: c_int = 4;

// The "socket" to pass to `curl_multi_socket_action` when a timeout expired.
pub const CURL_SOCKET_TIMEOUT: c_int = CURL_SOCKET_BAD;

// Event bits for `curl_multi_socket_action`.
pub const CURL_CSELECT_IN: c_int = 0x01;
pub const CURL_CSELECT_OUT: c_int = 0x02;
pub const CURL_CSELECT_ERR: c_int = 0x04;

// Results of the server-push callback.
pub const CURL_PUSH_OK: c_int = 0;
pub const CURL_PUSH_DENY: c_int = 1;
pub const CURL_PUSH_ERROROUT: c_int = 2;

/// A multi handle as applications see it: an untyped pointer.
pub type CURLM = c_void;

/// `CURLMoption` as a C caller may pass it: any `int`. Printed as `CURLMoption`.
pub type CURLMoption_arg = c_int;

/// The payload of a `CURLMsg` (an unnamed union in libcurl's header).
#[repr(C)]
#[derive(Clone, Copy)]
pub union CURLMsg_data {
    pub whatever: *mut c_void,
    /// The transfer's `CURLcode` when `msg` is `CURLMSG_DONE`.
    pub result: CURLcode_arg,
}

/// A message from `curl_multi_info_read`.
#[repr(C)]
pub struct CURLMsg {
    pub msg: CURLMSG,
    pub easy_handle: *mut CURL,
    pub data: CURLMsg_data,
}

/// An extra descriptor for `curl_multi_wait` and `curl_multi_poll`.
#[repr(C)]
pub struct curl_waitfd {
    pub fd: curl_socket_t,
    /// `CURL_WAIT_*` bits to wait for.
    pub events: c_short,
    /// `CURL_WAIT_*` bits that happened.
    pub revents: c_short,
}

/// The headers of an HTTP/2 server push (opaque to applications).
pub struct curl_pushheaders {
    _private: [u8; 0],
}

/// Tells the application which socket to watch for what (`CURL_POLL_*`).
pub type curl_socket_callback = Option<
    unsafe extern "C" fn(
        easy: *mut CURL,
        s: curl_socket_t,
        what: c_int,
        userp: *mut c_void,
        socketp: *mut c_void,
    ) -> c_int,
>;

/// Tells the application when to call `curl_multi_socket_action` next.
pub type curl_multi_timer_callback = Option<
    unsafe extern "C" fn(multi: *mut CURLM, timeout_ms: c_long, userp: *mut c_void) -> c_int,
>;

/// Accepts or refuses an HTTP/2 server push (`CURL_PUSH_*`).
pub type curl_push_callback = Option<
    unsafe extern "C" fn(
        parent: *mut CURL,
        easy: *mut CURL,
        num_headers: usize,
        headers: *mut curl_pushheaders,
        userp: *mut c_void,
    ) -> c_int,
>;
