//! The easy handle as C sees it: a boxed struct behind `CURL *`, checked by a magic number
//! on every call. Its state is only ever reached through shared references with interior
//! mutability, so a callback that calls back into the library never aliases a `&mut`.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::ffi::{c_char, c_void, CString};
use std::ptr;
use std::sync::{Arc, Mutex};

use super::abi::{curl_slist, CURL, CURLU};
use super::callbacks::Callbacks;
use super::header::HeaderOut;
use super::share::ShareUse;
use crate::engine::delivery::PauseFlags;
use crate::engine::Engine;
use crate::info::Info;
use crate::options::Options;

const EASY_MAGIC: u64 = 0x6375_726c_6561_7379; // "curleasy"

/// Everything `curl_easy_setopt` stores, including the pointers libcurl borrows.
#[derive(Clone)]
pub(crate) struct Settings {
    pub opts: Options,
    pub cb: Callbacks,
    pub error_buffer: *mut c_char,
    pub private: *mut c_void,
    /// `POSTFIELDS` is borrowed: read when a transfer starts.
    pub postfields: *const c_char,
    pub http_headers: *const curl_slist,
    /// `CURLOPT_PROXYHEADER`.
    pub proxy_headers: *const curl_slist,
    /// `CURLOPT_HTTP200ALIASES`.
    pub http200_aliases: *const curl_slist,
    pub resolve: *const curl_slist,
    /// RESOLVE was set since the last transfer: its entries are loaded at the next one.
    pub resolve_pending: bool,
    pub connect_to: *const curl_slist,
    /// `CURLOPT_CURLU` is borrowed: rendered into the URL when a transfer starts.
    pub curlu: *const CURLU,
    /// `CURLOPT_SHARE`: the share handle in use, if any.
    pub share: Option<Arc<ShareUse>>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            opts: Options::default(),
            cb: Callbacks::default(),
            error_buffer: ptr::null_mut(),
            private: ptr::null_mut(),
            postfields: ptr::null(),
            http_headers: ptr::null(),
            proxy_headers: ptr::null(),
            http200_aliases: ptr::null(),
            resolve: ptr::null(),
            resolve_pending: false,
            connect_to: ptr::null(),
            curlu: ptr::null(),
            share: None,
        }
    }
}

#[repr(C)]
pub(crate) struct EasyHandle {
    magic: u64,
    pub settings: RefCell<Settings>,
    pub info: Arc<Mutex<Info>>,
    /// The private "multi" of `curl_easy_perform`: its connection pool outlives transfers.
    pub engine: RefCell<Engine>,
    /// What the application paused, shared with the running transfer.
    pub pause: Arc<PauseFlags>,
    /// Set while `curl_easy_perform` runs: callbacks must not re-enter it or free the handle.
    pub busy: Cell<bool>,
    /// The multi handle this handle is in, or NULL.
    pub multi: Cell<*mut std::ffi::c_void>,
    /// What `curl_easy_header`/`_nextheader` handed out last.
    pub header_out: RefCell<HeaderOut>,
    /// Strings handed out by `curl_easy_getinfo`, kept until they change.
    pub info_strings: RefCell<HashMap<i32, CString>>,
    /// The `struct curl_certinfo` handed out by `curl_easy_getinfo`.
    pub certinfo: RefCell<super::getinfo::CertInfoOut>,
}

impl EasyHandle {
    /// A new handle, returned as the pointer C programs hold.
    pub fn into_raw(settings: Settings) -> *mut CURL {
        let h = Box::new(EasyHandle {
            magic: EASY_MAGIC,
            settings: RefCell::new(settings),
            info: Arc::new(Mutex::new(Info::fresh())),
            engine: RefCell::new(Engine::default()),
            pause: Arc::new(PauseFlags::default()),
            busy: Cell::new(false),
            multi: Cell::new(ptr::null_mut()),
            info_strings: RefCell::new(HashMap::new()),
            certinfo: RefCell::default(),
            header_out: RefCell::new(HeaderOut::default()),
        });
        Box::into_raw(h).cast()
    }

    /// The handle behind `p`, or `None` for NULL or a pointer that is not an easy handle.
    ///
    /// # Safety
    /// `p` is NULL or points to readable memory at least as large as the magic field, as any
    /// handle this library returned does (a freed handle is undefined behaviour, as in
    /// libcurl).
    pub unsafe fn from_ptr<'a>(p: *mut CURL) -> Option<&'a EasyHandle> {
        if p.is_null() || !(p as usize).is_multiple_of(std::mem::align_of::<EasyHandle>()) {
            return None;
        }
        let h = p.cast::<EasyHandle>();
        // SAFETY: the caller promises `p` points to one of our handles or readable memory;
        // the magic field comes first in every handle type (repr(C)).
        if unsafe { ptr::addr_of!((*h).magic).read() } != EASY_MAGIC {
            return None;
        }
        // SAFETY: the magic matched, so this is a live EasyHandle.
        Some(unsafe { &*h })
    }

    /// Frees the handle.
    ///
    /// # Safety
    /// `p` came from `EasyHandle::new`, and no reference to it is used afterwards.
    pub unsafe fn free(p: *mut CURL) {
        let h = p.cast::<EasyHandle>();
        // SAFETY: clear the magic so a second cleanup of a stale pointer is caught more often.
        unsafe { (*h).magic = 0 };
        // SAFETY: created by Box::into_raw in `new`.
        drop(unsafe { Box::from_raw(h) });
    }

    /// A NUL-terminated copy of `value` owned by the handle for info `id`; the pointer stays
    /// valid until the value changes or the handle is freed.
    pub fn info_string(&self, id: i32, value: &str) -> *const c_char {
        let mut strings = self.info_strings.borrow_mut();
        let keep = strings
            .get(&id)
            .map(|s| s.as_bytes() == value.as_bytes())
            .unwrap_or(false);
        if !keep {
            let clean: Vec<u8> = value.bytes().filter(|&b| b != 0).collect();
            strings.insert(id, CString::new(clean).unwrap_or_default());
        }
        strings.get(&id).map(|s| s.as_ptr()).unwrap_or(ptr::null())
    }
}
