//! The handles as C sees them: boxed structs behind `CURL *`, `CURLM *` and `CURLSH *`,
//! recognised by a magic number on every call ([`Handle`], [`checked`]). The easy handle
//! is defined here. Handle state is only ever reached through shared references with
//! interior mutability, so a callback that calls back into the library never aliases a
//! `&mut`.

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

/// A handle type that C holds as an opaque pointer.
///
/// # Safety
/// The implementing type is `#[repr(C)]`, its first field is a `u64` that holds `MAGIC`
/// from creation until [`release`] (and is written nowhere else), it is only ever
/// allocated by `Box`, and `MAGIC` differs from every other handle type's.
pub(crate) unsafe trait Handle: Sized {
    const MAGIC: u64;
}

/// `p` as a pointer to a `T`, or `None` for NULL, a misaligned pointer, or a pointer to
/// something else (another kind of handle). Creates no reference, so it may be used on a
/// handle another thread is using.
///
/// # Safety
/// `p` is NULL or points to at least 8 readable bytes, as every handle this library returns
/// does while it is alive (a freed handle is undefined behaviour, as in libcurl).
pub(crate) unsafe fn checked_ptr<T: Handle, P>(p: *mut P) -> Option<*mut T> {
    if p.is_null() || !(p as usize).is_multiple_of(std::mem::align_of::<T>()) {
        return None;
    }
    // SAFETY: readable and aligned for a u64 (every handle type holds one first, so its
    // alignment is at least a u64's), per the caller and the check above.
    let magic = unsafe { p.cast::<u64>().read() };
    (magic == T::MAGIC).then_some(p.cast())
}

/// The handle behind `p`, or `None` as for [`checked_ptr`].
///
/// # Safety
/// As [`checked_ptr`]; the handle is not released while the reference is used.
pub(crate) unsafe fn checked<'a, T: Handle, P>(p: *mut P) -> Option<&'a T> {
    // SAFETY: forwarded contract; a matching magic means a live `T` (see `Handle`).
    unsafe { checked_ptr::<T, P>(p).map(|h| &*h) }
}

/// The pointer C gets for a new handle.
pub(crate) fn into_raw<T: Handle, P>(h: Box<T>) -> *mut P {
    Box::into_raw(h).cast()
}

/// Frees a handle, clearing its magic first so that a stale pointer passed again is caught
/// more often.
///
/// # Safety
/// `p` came from [`into_raw`] and is live, and no reference to the handle exists any more
/// (the callers end their borrows before calling this).
pub(crate) unsafe fn release<T: Handle>(p: *mut T) {
    // SAFETY: a live handle (caller); its first field is the u64 magic (`Handle`).
    unsafe { p.cast::<u64>().write(0) };
    // SAFETY: allocated by Box (`into_raw`), not referenced any more (caller).
    drop(unsafe { Box::from_raw(p) });
}

/// Marks a handle busy (running a transfer, and so its callbacks) until dropped, when the
/// flag gets back its previous value. It is dropped when a panic unwinds through it too, so
/// a caught panic never leaves a handle refusing every later call as busy.
pub(crate) struct Busy<'a> {
    flag: &'a Cell<bool>,
    before: bool,
}

impl<'a> Busy<'a> {
    pub fn enter(flag: &'a Cell<bool>) -> Self {
        let before = flag.replace(true);
        Busy { flag, before }
    }
}

impl Drop for Busy<'_> {
    fn drop(&mut self) {
        self.flag.set(self.before);
    }
}

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

impl Settings {
    /// Everything kept, as text: two handles with equal fingerprints transfer alike. Names
    /// every field, so a new one cannot be left out.
    #[cfg(test)]
    pub fn fingerprint(&self) -> String {
        let Settings {
            opts,
            cb,
            error_buffer,
            private,
            postfields,
            http_headers,
            proxy_headers,
            http200_aliases,
            resolve,
            resolve_pending,
            connect_to,
            curlu,
            share,
        } = self;
        format!(
            "{opts:?} {cb:?} {error_buffer:?} {private:?} {postfields:?} {http_headers:?} \
             {proxy_headers:?} {http200_aliases:?} {resolve:?} {resolve_pending} \
             {connect_to:?} {curlu:?} {:?}",
            share.as_ref().map(Arc::as_ptr)
        )
    }
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

// SAFETY: repr(C) with the magic first, created by `into_raw` only, freed by `release`.
unsafe impl Handle for EasyHandle {
    const MAGIC: u64 = EASY_MAGIC;
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
        into_raw(h)
    }

    /// The handle behind `p`, or `None` for NULL or a pointer that is not an easy handle.
    ///
    /// # Safety
    /// As [`checked`].
    pub unsafe fn from_ptr<'a>(p: *mut CURL) -> Option<&'a EasyHandle> {
        // SAFETY: forwarded contract.
        unsafe { checked(p) }
    }

    /// Frees the handle.
    ///
    /// # Safety
    /// As [`release`].
    pub unsafe fn free(p: *mut CURL) {
        // SAFETY: forwarded contract.
        unsafe { release(p.cast::<EasyHandle>()) }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn busy_is_cleared_when_a_panic_unwinds() {
        let flag = Cell::new(false);
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _busy = Busy::enter(&flag);
            assert!(flag.get());
            panic!("inside a busy section");
        }));
        assert!(caught.is_err());
        assert!(!flag.get(), "the guard cleared the flag while unwinding");
    }

    #[test]
    fn busy_restores_what_was_there() {
        let flag = Cell::new(false);
        {
            let _outer = Busy::enter(&flag);
            {
                let _inner = Busy::enter(&flag);
            }
            assert!(flag.get(), "still inside the outer section");
        }
        assert!(!flag.get());
    }

    #[test]
    fn handles_are_told_apart_by_their_magic() {
        let easy: *mut CURL = EasyHandle::into_raw(Settings::default());
        // SAFETY: a live handle of ours.
        assert!(unsafe { checked::<EasyHandle, _>(easy) }.is_some());
        let multi = crate::capi::multi::curl_multi_init();
        // SAFETY: a live multi handle is readable for its magic.
        assert!(unsafe { checked::<EasyHandle, _>(multi) }.is_none());
        // SAFETY: NULL is allowed.
        assert!(unsafe { checked::<EasyHandle, CURL>(ptr::null_mut()) }.is_none());
        let misaligned = easy.cast::<u8>().wrapping_add(1);
        // SAFETY: misaligned pointers are rejected before any read.
        assert!(unsafe { checked::<EasyHandle, _>(misaligned) }.is_none());
        crate::capi::multi::curl_multi_cleanup(multi);
        // SAFETY: live, no reference left.
        unsafe { EasyHandle::free(easy) };
    }
}
