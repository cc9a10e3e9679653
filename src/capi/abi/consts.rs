//! Everything else: callback return codes, buffer limits, global-init and pause bits,
//! header-origin and WebSocket flags.

use std::ffi::{c_int, c_uint};

// The invalid socket value.
pub const CURL_SOCKET_BAD: c_int = -1;

// Progress callback result: carry on with the default progress meter.
pub const CURL_PROGRESSFUNC_CONTINUE: c_int = 0x10000001;

// Buffer size limits. A program may define these before including curl.h.
#[cfg(not(curl_max_read_size_given))]
pub const CURL_MAX_READ_SIZE: c_int = 10 * 1024 * 1024;
#[cfg(not(curl_max_write_size_given))]
pub const CURL_MAX_WRITE_SIZE: c_int = 16384;
#[cfg(not(curl_max_http_header_given))]
pub const CURL_MAX_HTTP_HEADER: c_int = 100 * 1024;

// Write callback results that are not byte counts.
pub const CURL_WRITEFUNC_PAUSE: c_int = 0x10000001;
pub const CURL_WRITEFUNC_ERROR: c_uint = 0xFFFF_FFFFu32;

// `curl_fileinfo.flags`: which fields hold data.
pub const CURLFINFOFLAG_KNOWN_FILENAME: c_int = 1 << 0;
pub const CURLFINFOFLAG_KNOWN_FILETYPE: c_int = 1 << 1;
pub const CURLFINFOFLAG_KNOWN_TIME: c_int = 1 << 2;
pub const CURLFINFOFLAG_KNOWN_PERM: c_int = 1 << 3;
pub const CURLFINFOFLAG_KNOWN_UID: c_int = 1 << 4;
pub const CURLFINFOFLAG_KNOWN_GID: c_int = 1 << 5;
pub const CURLFINFOFLAG_KNOWN_SIZE: c_int = 1 << 6;
pub const CURLFINFOFLAG_KNOWN_HLINKCOUNT: c_int = 1 << 7;

// Results of the FTP wildcard chunk callbacks.
pub const CURL_CHUNK_BGN_FUNC_OK: c_int = 0;
pub const CURL_CHUNK_BGN_FUNC_FAIL: c_int = 1;
pub const CURL_CHUNK_BGN_FUNC_SKIP: c_int = 2;
pub const CURL_CHUNK_END_FUNC_OK: c_int = 0;
pub const CURL_CHUNK_END_FUNC_FAIL: c_int = 1;

// Results of the wildcard match callback.
pub const CURL_FNMATCHFUNC_MATCH: c_int = 0;
pub const CURL_FNMATCHFUNC_NOMATCH: c_int = 1;
pub const CURL_FNMATCHFUNC_FAIL: c_int = 2;

// Results of the seek callback.
pub const CURL_SEEKFUNC_OK: c_int = 0;
pub const CURL_SEEKFUNC_FAIL: c_int = 1;
pub const CURL_SEEKFUNC_CANTSEEK: c_int = 2;

// Read callback results that are not byte counts.
pub const CURL_READFUNC_ABORT: c_int = 0x10000000;
pub const CURL_READFUNC_PAUSE: c_int = 0x10000001;

// Results of the trailer callback.
pub const CURL_TRAILERFUNC_OK: c_int = 0;
pub const CURL_TRAILERFUNC_ABORT: c_int = 1;

// Results of the socket-option callback.
pub const CURL_SOCKOPT_OK: c_int = 0;
pub const CURL_SOCKOPT_ERROR: c_int = 1;
pub const CURL_SOCKOPT_ALREADY_CONNECTED: c_int = 2;

// Results of the pre-request callback.
pub const CURL_PREREQFUNC_OK: c_int = 0;
pub const CURL_PREREQFUNC_ABORT: c_int = 1;

// Size of the buffer `CURLOPT_ERRORBUFFER` points to.
pub const CURL_ERROR_SIZE: c_int = 256;

// Length argument meaning "up to the terminating NUL".
pub const CURL_ZERO_TERMINATED: usize = -1isize as usize;

// `curl_global_init` flags.
pub const CURL_GLOBAL_SSL: c_int = 1 << 0;
pub const CURL_GLOBAL_WIN32: c_int = 1 << 1;
pub const CURL_GLOBAL_ALL: c_int = CURL_GLOBAL_SSL | CURL_GLOBAL_WIN32;
pub const CURL_GLOBAL_NOTHING: c_int = 0;
pub const CURL_GLOBAL_DEFAULT: c_int = CURL_GLOBAL_ALL;
pub const CURL_GLOBAL_ACK_EINTR: c_int = 1 << 2;

// `curl_easy_pause` bits.
pub const CURLPAUSE_RECV: c_int = 1 << 0;
pub const CURLPAUSE_RECV_CONT: c_int = 0;
pub const CURLPAUSE_SEND: c_int = 1 << 2;
pub const CURLPAUSE_SEND_CONT: c_int = 0;
pub const CURLPAUSE_ALL: c_int = CURLPAUSE_RECV | CURLPAUSE_SEND;
pub const CURLPAUSE_CONT: c_int = CURLPAUSE_RECV_CONT | CURLPAUSE_SEND_CONT;

// `curl_blob.flags`.
pub const CURL_BLOB_COPY: c_int = 1;
pub const CURL_BLOB_NOCOPY: c_int = 0;

// Header origins for the header API.
pub const CURLH_HEADER: c_int = 1 << 0;
pub const CURLH_TRAILER: c_int = 1 << 1;
pub const CURLH_CONNECT: c_int = 1 << 2;
pub const CURLH_1XX: c_int = 1 << 3;
pub const CURLH_PSEUDO: c_int = 1 << 4;

// WebSocket frame flags; `CURLWS_RAW_MODE` is a `CURLOPT_WS_OPTIONS` bit.
pub const CURLWS_TEXT: c_int = 1 << 0;
pub const CURLWS_BINARY: c_int = 1 << 1;
pub const CURLWS_CONT: c_int = 1 << 2;
pub const CURLWS_CLOSE: c_int = 1 << 3;
pub const CURLWS_PING: c_int = 1 << 4;
pub const CURLWS_OFFSET: c_int = 1 << 5;
pub const CURLWS_PONG: c_int = 1 << 6;
pub const CURLWS_RAW_MODE: c_int = 1 << 0;
