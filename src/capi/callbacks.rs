//! The application's callbacks as the core's `Hooks`: each call crosses into C with the
//! pointers the application gave, and libcurl's defaults (fwrite to a `FILE*`, fread from
//! stdin) apply where it gave none.

use std::ffi::{c_char, c_int, c_uint, c_void};
use std::net::SocketAddr;
use std::os::fd::{FromRawFd, OwnedFd, RawFd};
use std::ptr;
use std::sync::Arc;

use super::abi::{
    curl_closesocket_callback, curl_debug_callback, curl_infotype, curl_ioctl_callback,
    curl_opensocket_callback, curl_prereq_callback, curl_progress_callback, curl_read_callback,
    curl_resolver_start_callback, curl_seek_callback, curl_slist, curl_sockaddr,
    curl_sockopt_callback, curl_trailer_callback, curl_write_callback, curl_xferinfo_callback,
    curliocmd, curlsocktype, CURL, CURL_PROGRESSFUNC_CONTINUE, CURL_SOCKOPT_ALREADY_CONNECTED,
    CURL_SOCKOPT_OK, CURL_TRAILERFUNC_OK,
};
use crate::engine::hooks::{
    DebugKind, Hooks, Progress, ProgressReply, ReadOutcome, SeekOutcome, WriteOutcome,
};
use crate::net::socket::{Opened, SocketHooks, SockoptOutcome};

/// libcurl's magic return values.
const WRITEFUNC_PAUSE: usize = 0x1000_0001;
const READFUNC_ABORT: usize = 0x1000_0000;
const READFUNC_PAUSE: usize = 0x1000_0001;
const SEEKFUNC_OK: i32 = 0;
const SEEKFUNC_CANTSEEK: i32 = 2;

extern "C" {
    // From the C shim: the C library's standard streams, which Rust cannot name portably.
    fn rcurl_stdout() -> *mut libc::FILE;
    fn rcurl_stdin() -> *mut libc::FILE;
    fn rcurl_stderr() -> *mut libc::FILE;
}

pub(crate) fn c_stderr() -> *mut libc::FILE {
    // SAFETY: returns the process's `stderr` pointer; no preconditions.
    unsafe { rcurl_stderr() }
}

/// Everything callback-related that `setopt` stores. Copied into each transfer.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Callbacks {
    pub write: curl_write_callback,
    pub write_data: *mut c_void,
    pub header: curl_write_callback,
    pub header_data: *mut c_void,
    pub read: curl_read_callback,
    pub read_data: *mut c_void,
    pub seek: curl_seek_callback,
    pub seek_data: *mut c_void,
    /// `CURLOPT_IOCTLFUNCTION`: the old way to rewind an upload, used without a seek
    /// callback.
    pub ioctl: curl_ioctl_callback,
    pub ioctl_data: *mut c_void,
    pub progress: curl_progress_callback,
    pub xferinfo: curl_xferinfo_callback,
    pub progress_data: *mut c_void,
    pub debug: curl_debug_callback,
    pub debug_data: *mut c_void,
    pub resolver_start: curl_resolver_start_callback,
    pub resolver_start_data: *mut c_void,
    pub prereq: curl_prereq_callback,
    pub prereq_data: *mut c_void,
    pub opensocket: curl_opensocket_callback,
    pub opensocket_data: *mut c_void,
    pub sockopt: curl_sockopt_callback,
    pub sockopt_data: *mut c_void,
    pub closesocket: curl_closesocket_callback,
    pub closesocket_data: *mut c_void,
    pub trailer: curl_trailer_callback,
    pub trailer_data: *mut c_void,
    pub stderr: *mut libc::FILE,
    pub verbose: bool,
    pub noprogress: bool,
}

impl Default for Callbacks {
    fn default() -> Self {
        Callbacks {
            write: None,
            // SAFETY: see `c_stderr`.
            write_data: unsafe { rcurl_stdout() }.cast(),
            header: None,
            header_data: ptr::null_mut(),
            read: None,
            // SAFETY: see `c_stderr`.
            read_data: unsafe { rcurl_stdin() }.cast(),
            seek: None,
            seek_data: ptr::null_mut(),
            ioctl: None,
            ioctl_data: ptr::null_mut(),
            progress: None,
            xferinfo: None,
            progress_data: ptr::null_mut(),
            debug: None,
            debug_data: ptr::null_mut(),
            resolver_start: None,
            resolver_start_data: ptr::null_mut(),
            prereq: None,
            prereq_data: ptr::null_mut(),
            opensocket: None,
            opensocket_data: ptr::null_mut(),
            sockopt: None,
            sockopt_data: ptr::null_mut(),
            closesocket: None,
            closesocket_data: ptr::null_mut(),
            trailer: None,
            trailer_data: ptr::null_mut(),
            stderr: c_stderr(),
            verbose: false,
            noprogress: true,
        }
    }
}

/// The hooks of one transfer: the callbacks and the handle they report.
pub(crate) struct CHooks {
    pub cb: Callbacks,
    pub handle: *mut CURL,
    /// An upload source exists: a read callback, or libcurl's default fread from READDATA.
    pub can_read: bool,
    /// Where the data for a write, header or debug callback is copied (see [`handed_over`]).
    pub scratch: Vec<u8>,
}

impl CHooks {
    pub fn new(cb: Callbacks, handle: *mut CURL, can_read: bool) -> Self {
        CHooks {
            cb,
            handle,
            can_read,
            scratch: Vec::new(),
        }
    }
}

/// `data` copied into `scratch` with a NUL after it, as the callbacks get it: libcurl hands
/// them its own buffers, which they may write into (the prototypes take `char *` and
/// nothing forbids it), and it ends CURLINFO_TEXT with a NUL that programs print with `%s`.
/// The engine's data is shared and read-only, so the callbacks get this copy.
fn handed_over(scratch: &mut Vec<u8>, data: &[u8]) -> *mut c_char {
    scratch.clear();
    scratch.reserve(data.len() + 1);
    scratch.extend_from_slice(data);
    scratch.push(0);
    scratch.as_mut_ptr().cast()
}

/// libcurl's default write function: fwrite to the `FILE*` given as data.
unsafe fn default_write(data: &[u8], file: *mut c_void) -> usize {
    if file.is_null() {
        return 0;
    }
    // SAFETY: the application promised a `FILE*` (WRITEDATA/HEADERDATA without a callback).
    unsafe { libc::fwrite(data.as_ptr().cast(), 1, data.len(), file.cast()) }
}

unsafe fn call_write(
    f: curl_write_callback,
    userdata: *mut c_void,
    data: &[u8],
    scratch: &mut Vec<u8>,
) -> WriteOutcome {
    if data.is_empty() {
        return WriteOutcome::Done;
    }
    let n = match f {
        // SAFETY: the callback gets `len` bytes in a buffer of ours that it may read and
        // write, valid and not otherwise used for the duration of the call.
        Some(f) => unsafe { f(handed_over(scratch, data), 1, data.len(), userdata) },
        // SAFETY: as `default_write`.
        None => unsafe { default_write(data, userdata) },
    };
    if n == WRITEFUNC_PAUSE {
        WriteOutcome::Pause
    } else if n != data.len() {
        WriteOutcome::Fail
    } else {
        WriteOutcome::Done
    }
}

/// `struct curl_sockaddr` with room for an IPv6 address, as libcurl passes it.
#[repr(C)]
struct SockaddrEx {
    family: c_int,
    socktype: c_int,
    protocol: c_int,
    addrlen: c_uint,
    addr: libc::sockaddr_storage,
}

/// The application's socket callbacks, kept by each connection for closing its socket.
pub(crate) struct CSocketHooks {
    open: curl_opensocket_callback,
    open_data: *mut c_void,
    sockopt: curl_sockopt_callback,
    sockopt_data: *mut c_void,
    close: curl_closesocket_callback,
    close_data: *mut c_void,
}

// SAFETY: the pointers are the application's; libcurl calls these callbacks from whichever
// thread drives the handle (or a handle sharing its connections), and so do we. Nothing
// here is dereferenced by us.
unsafe impl Send for CSocketHooks {}
// SAFETY: as above; the struct is never mutated after creation.
unsafe impl Sync for CSocketHooks {}

impl SocketHooks for CSocketHooks {
    fn open_socket(&self, addr: &mut SocketAddr) -> Opened {
        let Some(f) = self.open else {
            return Opened::Library;
        };
        let sa = socket2::SockAddr::from(*addr);
        // SAFETY: sockaddr_storage is plain data; all zeroes is a valid value.
        let mut ex: SockaddrEx = unsafe { std::mem::zeroed() };
        ex.family = c_int::from(sa.family());
        ex.socktype = libc::SOCK_STREAM;
        ex.protocol = libc::IPPROTO_TCP;
        ex.addrlen = sa.len();
        // SAFETY: `sa` holds `len` bytes of address, which fit in a sockaddr_storage.
        unsafe {
            ptr::copy_nonoverlapping(
                sa.as_ptr().cast::<u8>(),
                ptr::addr_of_mut!(ex.addr).cast::<u8>(),
                sa.len() as usize,
            );
        }
        // SAFETY: the callback gets a `struct curl_sockaddr` that it may read and change;
        // SockaddrEx starts with the same fields and has room for any address.
        let fd = unsafe {
            f(
                self.open_data,
                curlsocktype::CURLSOCKTYPE_IPCXN,
                ptr::addr_of_mut!(ex).cast::<curl_sockaddr>(),
            )
        };
        if fd < 0 {
            return Opened::Bad;
        }
        let len = ex
            .addrlen
            .min(std::mem::size_of::<libc::sockaddr_storage>() as c_uint);
        // SAFETY: the storage holds the (possibly changed) address of `len` bytes.
        let changed = unsafe { socket2::SockAddr::new(ex.addr, len) };
        if let Some(a) = changed.as_socket() {
            *addr = a;
        }
        // SAFETY: the application hands us the socket it opened; it is closed only through
        // `close_socket` (or by us when there is no close callback, as libcurl does).
        Opened::Socket(unsafe { OwnedFd::from_raw_fd(fd) })
    }

    fn sockopt(&self, fd: RawFd) -> SockoptOutcome {
        let Some(f) = self.sockopt else {
            return SockoptOutcome::Ok;
        };
        // SAFETY: the application's callback with its own data pointer.
        let r = unsafe { f(self.sockopt_data, fd, curlsocktype::CURLSOCKTYPE_IPCXN) };
        match r {
            CURL_SOCKOPT_OK => SockoptOutcome::Ok,
            CURL_SOCKOPT_ALREADY_CONNECTED => SockoptOutcome::AlreadyConnected,
            _ => SockoptOutcome::Error,
        }
    }

    fn close_socket(&self, fd: RawFd) -> bool {
        let Some(f) = self.close else {
            return false;
        };
        // SAFETY: the application's callback with its own data pointer.
        unsafe { f(self.close_data, fd) };
        true
    }
}

impl Hooks for CHooks {
    fn socket_hooks(&self) -> Option<Arc<dyn SocketHooks>> {
        let cb = &self.cb;
        if cb.opensocket.is_none() && cb.sockopt.is_none() && cb.closesocket.is_none() {
            return None;
        }
        Some(Arc::new(CSocketHooks {
            open: cb.opensocket,
            open_data: cb.opensocket_data,
            sockopt: cb.sockopt,
            sockopt_data: cb.sockopt_data,
            close: cb.closesocket,
            close_data: cb.closesocket_data,
        }))
    }

    fn write(&mut self, data: &[u8]) -> WriteOutcome {
        #[cfg(feature = "panic-injection")]
        if data.starts_with(b"PANIC") {
            panic!("injected panic (feature panic-injection)");
        }
        // SAFETY: pointers as the application set them; see `call_write`.
        unsafe { call_write(self.cb.write, self.cb.write_data, data, &mut self.scratch) }
    }

    fn header(&mut self, line: &[u8]) -> WriteOutcome {
        let scratch = &mut self.scratch;
        if self.cb.header.is_some() {
            // SAFETY: see `call_write`.
            return unsafe { call_write(self.cb.header, self.cb.header_data, line, scratch) };
        }
        if !self.cb.header_data.is_null() {
            // HEADERDATA without HEADERFUNCTION: libcurl passes headers to the write function.
            // SAFETY: see `call_write`.
            return unsafe { call_write(self.cb.write, self.cb.header_data, line, scratch) };
        }
        WriteOutcome::Done
    }

    fn read(&mut self, buf: &mut [u8]) -> ReadOutcome {
        let n = match self.cb.read {
            // SAFETY: the callback may write up to `buf.len()` bytes into the buffer.
            Some(f) => unsafe { f(buf.as_mut_ptr().cast(), 1, buf.len(), self.cb.read_data) },
            None => {
                if self.cb.read_data.is_null() {
                    return ReadOutcome::Fail;
                }
                // SAFETY: READDATA without READFUNCTION is a `FILE*` (libcurl's default).
                unsafe {
                    libc::fread(
                        buf.as_mut_ptr().cast(),
                        1,
                        buf.len(),
                        self.cb.read_data.cast(),
                    )
                }
            }
        };
        match n {
            READFUNC_ABORT => ReadOutcome::Abort,
            READFUNC_PAUSE => ReadOutcome::Pause,
            n if n > buf.len() => ReadOutcome::Fail,
            n => ReadOutcome::Data(n),
        }
    }

    fn has_reader(&self) -> bool {
        self.can_read
    }

    fn seek(&mut self, offset: u64) -> SeekOutcome {
        let Some(f) = self.cb.seek else {
            // libcurl's default reader is fread on READDATA, which it rewinds with fseek.
            if self.cb.read.is_none() && !self.cb.read_data.is_null() {
                let Ok(offset) = libc::c_long::try_from(offset) else {
                    return SeekOutcome::Fail;
                };
                // SAFETY: READDATA without READFUNCTION is a FILE* (libcurl's default).
                let r = unsafe { libc::fseek(self.cb.read_data.cast(), offset, libc::SEEK_SET) };
                return if r == 0 {
                    SeekOutcome::Ok
                } else {
                    SeekOutcome::CantSeek
                };
            }
            return SeekOutcome::CantSeek;
        };
        // SAFETY: the application's seek callback with its own data pointer.
        let r = unsafe { f(self.cb.seek_data, offset as i64, libc::SEEK_SET) };
        match r {
            SEEKFUNC_OK => SeekOutcome::Ok,
            SEEKFUNC_CANTSEEK => SeekOutcome::CantSeek,
            _ => SeekOutcome::Fail,
        }
    }

    /// As libcurl rewinds an upload to send it again: the seek callback, else the ioctl
    /// callback, else `fseek` of the default reader's `FILE *`.
    fn rewind(&mut self) -> Result<(), String> {
        if let Some(f) = self.cb.seek {
            // SAFETY: the application's seek callback with its own data pointer.
            let r = unsafe { f(self.cb.seek_data, 0, libc::SEEK_SET) };
            return match r {
                SEEKFUNC_OK => Ok(()),
                e => Err(format!("seek callback returned error {e}")),
            };
        }
        if let Some(f) = self.cb.ioctl {
            let restart = curliocmd::CURLIOCMD_RESTARTREAD as c_int;
            // SAFETY: the application's ioctl callback, with the handle and its data.
            let r = unsafe { f(self.handle, restart, self.cb.ioctl_data) };
            self.debug(
                DebugKind::Text,
                format!("the ioctl callback returned {r}\n").as_bytes(),
            );
            return match r {
                0 => Ok(()),
                e => Err(format!("ioctl callback returned error {e}")),
            };
        }
        match self.seek(0) {
            SeekOutcome::Ok => Ok(()),
            _ => Err("necessary data rewind wasn't possible".into()),
        }
    }

    fn progress(&mut self, p: Progress) -> ProgressReply {
        if self.cb.noprogress {
            return ProgressReply::Continue;
        }
        let answer = if let Some(f) = self.cb.xferinfo {
            // SAFETY: the application's callback with its own data pointer.
            unsafe {
                f(
                    self.cb.progress_data,
                    p.dltotal,
                    p.dlnow,
                    p.ultotal,
                    p.ulnow,
                )
            }
        } else if let Some(f) = self.cb.progress {
            // SAFETY: as above; the old callback takes doubles.
            unsafe {
                f(
                    self.cb.progress_data,
                    p.dltotal as f64,
                    p.dlnow as f64,
                    p.ultotal as f64,
                    p.ulnow as f64,
                )
            }
        } else {
            return ProgressReply::Meter { callback: false };
        };
        match answer {
            0 => ProgressReply::Continue,
            CURL_PROGRESSFUNC_CONTINUE => ProgressReply::Meter { callback: true },
            _ => ProgressReply::Abort,
        }
    }

    fn meter(&mut self, text: &[u8]) {
        if self.cb.stderr.is_null() {
            return;
        }
        // SAFETY: STDERR is a `FILE*` the application gave, or the process's stderr; the
        // meter is flushed at once, as libcurl's.
        unsafe {
            libc::fwrite(text.as_ptr().cast(), 1, text.len(), self.cb.stderr);
            libc::fflush(self.cb.stderr);
        }
    }

    fn debug(&mut self, kind: DebugKind, data: &[u8]) {
        if !self.cb.verbose {
            return;
        }
        if let Some(f) = self.cb.debug {
            let k = match kind {
                DebugKind::Text => curl_infotype::CURLINFO_TEXT,
                DebugKind::HeaderIn => curl_infotype::CURLINFO_HEADER_IN,
                DebugKind::HeaderOut => curl_infotype::CURLINFO_HEADER_OUT,
                DebugKind::DataIn => curl_infotype::CURLINFO_DATA_IN,
                DebugKind::DataOut => curl_infotype::CURLINFO_DATA_OUT,
            };
            let copy = handed_over(&mut self.scratch, data);
            // SAFETY: the callback gets `len` bytes (and a NUL after them) in a buffer of
            // ours that it may read and write, valid for the duration of the call.
            unsafe { f(self.handle, k, copy, data.len(), self.cb.debug_data) };
            return;
        }
        // libcurl's default: text as "* ", headers as "> " / "< ", no data.
        let prefix: &[u8] = match kind {
            DebugKind::Text => b"* ",
            DebugKind::HeaderOut => b"> ",
            DebugKind::HeaderIn => b"< ",
            DebugKind::DataIn | DebugKind::DataOut => return,
        };
        if self.cb.stderr.is_null() {
            return;
        }
        // SAFETY: STDERR is a `FILE*` the application gave, or the process's stderr.
        unsafe {
            libc::fwrite(prefix.as_ptr().cast(), 1, prefix.len(), self.cb.stderr);
            libc::fwrite(data.as_ptr().cast(), 1, data.len(), self.cb.stderr);
        }
    }

    fn wants_debug(&self) -> bool {
        self.cb.verbose
    }

    fn resolver_start(&mut self) -> bool {
        match self.cb.resolver_start {
            // SAFETY: the application's callback with its own data pointer; there is no
            // resolver state to show it (libcurl passes its c-ares or thread state).
            Some(f) => unsafe {
                f(
                    ptr::null_mut(),
                    ptr::null_mut(),
                    self.cb.resolver_start_data,
                ) == 0
            },
            None => true,
        }
    }

    fn trailers(&mut self) -> Option<Result<Vec<String>, ()>> {
        let f = self.cb.trailer?;
        let mut list: *mut curl_slist = ptr::null_mut();
        // SAFETY: the application's callback appends to the list we hand it (NULL at
        // first) with curl_slist_append; we read the list, then free it, as libcurl does.
        let rc = unsafe { f(&mut list, self.cb.trailer_data) };
        // SAFETY: the list is NULL or a curl_slist the callback built.
        let lines = unsafe { super::easy::slist_strings(list) };
        // SAFETY: as above; freed once.
        unsafe { super::global::curl_slist_free_all(list) };
        Some(if rc == CURL_TRAILERFUNC_OK {
            Ok(lines)
        } else {
            Err(())
        })
    }

    fn prereq(
        &mut self,
        primary_ip: &str,
        local_ip: &str,
        primary_port: u16,
        local_port: u16,
    ) -> bool {
        let Some(f) = self.cb.prereq else {
            return true;
        };
        let c = |s: &str| std::ffi::CString::new(s).unwrap_or_default();
        let (primary, local) = (c(primary_ip), c(local_ip));
        // SAFETY: the strings live across the call; the callback only reads them.
        let rc = unsafe {
            f(
                self.cb.prereq_data,
                primary.as_ptr() as *mut c_char,
                local.as_ptr() as *mut c_char,
                primary_port.into(),
                local_port.into(),
            )
        };
        rc == 0
    }
}
