//! `curl_share_*`: share handles, through which easy handles share their DNS cache and
//! connection pool, with the application's lock callbacks called around every access.

use std::ffi::{c_char, c_int, c_long, c_void};
use std::ptr;
use std::sync::{Arc, Mutex};

use super::abi::{
    curl_lock_access, curl_lock_data, curl_lock_function, curl_unlock_function, CURLSHcode,
    CURLSHcode_arg, CURLSHoption, CURLSH,
};
use super::boundary::guard;
use super::handle::{checked, into_raw, release, Handle};
use super::strerror;
use crate::share::{LockData, Locks, ShareSet, Slot};

use CURLSHcode::*;

const SHARE_MAGIC: u64 = 0x6375_726c_7368_6172; // "curlshar"

/// The application's lock functions and their data pointer, as last set.
#[derive(Clone, Copy)]
struct LockFns {
    lock: curl_lock_function,
    unlock: curl_unlock_function,
    data: *mut c_void,
}

/// Calls the application's lock functions; read at each access, so setting them after the
/// data was shared still takes effect (libcurl reads them at each access too).
struct CLocks(Mutex<LockFns>);

// SAFETY: libcurl requires the lock callbacks to be callable from any thread (sharing
// across threads is their purpose); the data pointer is only handed back to them.
unsafe impl Send for CLocks {}
// SAFETY: as above; the fields are behind a mutex.
unsafe impl Sync for CLocks {}

fn c_lock_data(what: LockData) -> curl_lock_data {
    match what {
        LockData::Dns => curl_lock_data::CURL_LOCK_DATA_DNS,
        LockData::Connect => curl_lock_data::CURL_LOCK_DATA_CONNECT,
        LockData::SslSession => curl_lock_data::CURL_LOCK_DATA_SSL_SESSION,
    }
}

impl CLocks {
    fn fns(&self) -> LockFns {
        *self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn lock_raw(&self, data: curl_lock_data) {
        let f = self.fns();
        if let Some(lock) = f.lock {
            // SAFETY: the application's callback with its own data pointer. The easy handle
            // is not known at this level: NULL, which the callback must accept for the
            // share's own lock as well.
            unsafe {
                lock(
                    ptr::null_mut(),
                    data,
                    curl_lock_access::CURL_LOCK_ACCESS_SINGLE,
                    f.data,
                )
            };
        }
    }

    fn unlock_raw(&self, data: curl_lock_data) {
        let f = self.fns();
        if let Some(unlock) = f.unlock {
            // SAFETY: as in `lock_raw`.
            unsafe { unlock(ptr::null_mut(), data, f.data) };
        }
    }
}

impl Locks for CLocks {
    fn lock(&self, what: LockData) {
        self.lock_raw(c_lock_data(what));
    }

    fn unlock(&self, what: LockData) {
        self.unlock_raw(c_lock_data(what));
    }
}

/// The state behind a share handle; easy handles that use it hold a [`ShareUse`].
pub(crate) struct ShareInner {
    set: Mutex<ShareSet>,
    locks: Arc<CLocks>,
    /// How many easy handles use the share: while any does, it cannot change or be freed.
    users: Mutex<usize>,
}

impl ShareInner {
    /// What the share currently shares.
    pub fn set(&self) -> ShareSet {
        self.set.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    fn in_use(&self) -> bool {
        *self.users.lock().unwrap_or_else(|p| p.into_inner()) > 0
    }
}

/// An easy handle's use of a share (`CURLOPT_SHARE`); dropping it releases the share.
pub(crate) struct ShareUse(pub Arc<ShareInner>);

impl ShareUse {
    fn new(inner: Arc<ShareInner>) -> Self {
        *inner.users.lock().unwrap_or_else(|p| p.into_inner()) += 1;
        ShareUse(inner)
    }
}

impl Drop for ShareUse {
    fn drop(&mut self) {
        let mut n = self.0.users.lock().unwrap_or_else(|p| p.into_inner());
        *n = n.saturating_sub(1);
    }
}

#[repr(C)]
struct ShareHandle {
    magic: u64,
    inner: Arc<ShareInner>,
}

// SAFETY: repr(C) with the magic first, created by `into_raw` only, freed by `release`.
unsafe impl Handle for ShareHandle {
    const MAGIC: u64 = SHARE_MAGIC;
}

/// # Safety
/// As [`checked`].
unsafe fn share_from<'a>(p: *mut CURLSH) -> Option<&'a ShareHandle> {
    // SAFETY: forwarded contract.
    unsafe { checked(p) }
}

/// For `CURLOPT_SHARE`: a use of the share at `p`, or `None` if `p` is not a share handle.
///
/// # Safety
/// As [`share_from`].
pub(crate) unsafe fn use_share(p: *mut c_void) -> Option<ShareUse> {
    // SAFETY: forwarded contract.
    unsafe { share_from(p) }.map(|h| ShareUse::new(h.inner.clone()))
}

#[no_mangle]
pub extern "C" fn curl_share_init() -> *mut CURLSH {
    guard(ptr::null_mut(), || {
        let locks = Arc::new(CLocks(Mutex::new(LockFns {
            lock: None,
            unlock: None,
            data: ptr::null_mut(),
        })));
        into_raw(Box::new(ShareHandle {
            magic: SHARE_MAGIC,
            inner: Arc::new(ShareInner {
                set: Mutex::new(ShareSet::default()),
                locks,
                users: Mutex::new(0),
            }),
        }))
    })
}

/// Called by the shim's `curl_share_setopt`: `l` carries the int argument of SHARE/UNSHARE,
/// `p` the pointer of the other options.
#[no_mangle]
pub extern "C" fn rcurl_share_setopt(
    s: *mut CURLSH,
    opt: c_int,
    l: c_long,
    p: *mut c_void,
) -> CURLSHcode {
    guard(CURLSHE_INVALID, || {
        // SAFETY: the application's pointer; checked by magic.
        let Some(h) = (unsafe { share_from(s) }) else {
            return CURLSHE_INVALID;
        };
        if h.inner.in_use() {
            return CURLSHE_IN_USE;
        }
        let share = matches!(
            CURLSHoption::from_raw(opt),
            Some(CURLSHoption::CURLSHOPT_SHARE)
        );
        match CURLSHoption::from_raw(opt) {
            Some(CURLSHoption::CURLSHOPT_SHARE | CURLSHoption::CURLSHOPT_UNSHARE) => {
                let data = c_int::try_from(l).ok().and_then(curl_lock_data::from_raw);
                let mut set = h.inner.set.lock().unwrap_or_else(|e| e.into_inner());
                let locks: Arc<dyn Locks> = h.inner.locks.clone();
                match data {
                    Some(curl_lock_data::CURL_LOCK_DATA_DNS) => {
                        set.dns = share.then(|| Slot::new(LockData::Dns, Some(locks)));
                    }
                    Some(curl_lock_data::CURL_LOCK_DATA_CONNECT) => {
                        set.connect = share.then(|| Slot::new(LockData::Connect, Some(locks)));
                    }
                    Some(curl_lock_data::CURL_LOCK_DATA_SSL_SESSION) => {
                        set.ssl_session =
                            share.then(|| Slot::new(LockData::SslSession, Some(locks)));
                    }
                    // Cookies, PSL and HSTS are not built in: nothing to share.
                    Some(
                        curl_lock_data::CURL_LOCK_DATA_COOKIE
                        | curl_lock_data::CURL_LOCK_DATA_PSL
                        | curl_lock_data::CURL_LOCK_DATA_HSTS,
                    ) => {
                        return if share {
                            CURLSHE_NOT_BUILT_IN
                        } else {
                            CURLSHE_OK
                        };
                    }
                    _ => return CURLSHE_BAD_OPTION,
                }
                CURLSHE_OK
            }
            Some(CURLSHoption::CURLSHOPT_LOCKFUNC) => {
                let mut f = h.inner.locks.0.lock().unwrap_or_else(|e| e.into_inner());
                // SAFETY: the option's documented argument is a curl_lock_function; function
                // pointers and data pointers have the same size here.
                f.lock = unsafe { std::mem::transmute::<*mut c_void, curl_lock_function>(p) };
                CURLSHE_OK
            }
            Some(CURLSHoption::CURLSHOPT_UNLOCKFUNC) => {
                let mut f = h.inner.locks.0.lock().unwrap_or_else(|e| e.into_inner());
                // SAFETY: as above, for a curl_unlock_function.
                f.unlock = unsafe { std::mem::transmute::<*mut c_void, curl_unlock_function>(p) };
                CURLSHE_OK
            }
            Some(CURLSHoption::CURLSHOPT_USERDATA) => {
                h.inner
                    .locks
                    .0
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .data = p;
                CURLSHE_OK
            }
            _ => CURLSHE_BAD_OPTION,
        }
    })
}

/// # Safety
/// `s` is NULL or a share handle not used after this call succeeds.
#[no_mangle]
pub unsafe extern "C" fn curl_share_cleanup(s: *mut CURLSH) -> CURLSHcode {
    guard(CURLSHE_INVALID, || {
        let locks = {
            // SAFETY: the application's pointer; checked by magic.
            let Some(h) = (unsafe { share_from(s) }) else {
                return CURLSHE_INVALID;
            };
            if h.inner.in_use() {
                return CURLSHE_IN_USE;
            }
            h.inner.locks.clone()
        };
        // As libcurl, the share's own lock is held around its destruction.
        locks.lock_raw(curl_lock_data::CURL_LOCK_DATA_SHARE);
        // SAFETY: a live share handle created by curl_share_init; nothing uses it, and the
        // reference above has ended.
        unsafe { release(s.cast::<ShareHandle>()) };
        locks.unlock_raw(curl_lock_data::CURL_LOCK_DATA_SHARE);
        CURLSHE_OK
    })
}

#[no_mangle]
pub extern "C" fn curl_share_strerror(code: CURLSHcode_arg) -> *const c_char {
    strerror::lookup(strerror::SHARE, 0, code.into(), strerror::SHARE_UNKNOWN)
        .as_ptr()
        .cast()
}
