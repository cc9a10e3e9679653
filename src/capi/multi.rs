//! `curl_multi_*`: transfers of several easy handles on one engine (`engine::multi`), waited
//! for with `curl_multi_wait`/`poll`/`fdset` or driven from the application's event loop
//! with `curl_multi_socket_action`.
//!
//! A multi handle is used by one thread at a time, except `curl_multi_wakeup`, which only
//! writes to an eventfd owned by an `Arc`.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::ffi::{c_int, c_long, c_short, c_uint, c_void};
use std::os::fd::RawFd;
use std::ptr;
use std::sync::Arc;
use std::time::Instant;

use super::abi::*;
use super::boundary::guard;
use super::easy::{finish, prepare};
use super::handle::{checked, checked_ptr, into_raw, release, Busy, EasyHandle, Handle};
use crate::engine::multi::{Multi, SocketEvent, Sockets, TransferId};
use crate::engine::{Interest, Transfer};
use crate::net::signal::Signal;

use CURLMcode::*;

const MULTI_MAGIC: u64 = 0x6375_726c_6d75_6c74; // "curlmult"

/// An easy handle in the multi, and its transfer while it runs.
struct Added {
    id: Option<TransferId>,
    error_buffer: *mut std::ffi::c_char,
}

/// The easy handles in the multi, found by handle and by transfer.
#[derive(Default)]
struct Handles {
    by_easy: HashMap<*mut CURL, Added>,
    by_id: HashMap<TransferId, *mut CURL>,
    /// Handles whose transfer could not start (bad options), with the code: reported at the
    /// next perform, in the order added.
    failed: Vec<(*mut CURL, CURLcode)>,
    /// Added handles whose transfer has not started, in the order added: libcurl reads a
    /// handle's options when its transfer starts (the first perform or socket action after
    /// adding), so what the application sets in between applies.
    unstarted: Vec<*mut CURL>,
}

/// What `curl_multi_setopt` stores.
struct MultiOptions {
    socket_cb: curl_socket_callback,
    socket_data: *mut c_void,
    timer_cb: curl_multi_timer_callback,
    timer_data: *mut c_void,
    /// `CURLMOPT_MAXCONNECTS`.
    max_connects: usize,
    /// `CURLMOPT_MAX_HOST_CONNECTIONS`, `CURLMOPT_MAX_TOTAL_CONNECTIONS`.
    max_host: usize,
    max_total: usize,
}

// SAFETY: repr(C) with the magic first, created by `into_raw` only, freed by `release`.
unsafe impl Handle for MultiHandle {
    const MAGIC: u64 = MULTI_MAGIC;
}

#[repr(C)]
pub(crate) struct MultiHandle {
    magic: u64,
    core: RefCell<Multi>,
    added: RefCell<Handles>,
    msgs: RefCell<VecDeque<CURLMsg>>,
    /// The message `curl_multi_info_read` returned last; valid until the next call.
    last_msg: RefCell<Box<CURLMsg>>,
    /// Set while the multi runs transfers (and so their callbacks).
    busy: Cell<bool>,
    /// Raised by finished name lookups, so a waiting loop wakes up.
    resolved: Signal,
    /// Raised by `curl_multi_wakeup`; `curl_multi_poll` waits on it.
    wakeup: Signal,
    options: RefCell<MultiOptions>,
    /// What the socket callback has been told.
    sockets: RefCell<Sockets>,
    /// `curl_multi_assign`'s pointers, by socket.
    assigned: RefCell<HashMap<RawFd, *mut c_void>>,
    /// The timeout last given to the timer callback (ms, -1 for none).
    timer: Cell<Option<c_long>>,
    /// The deadline that timeout came from, if a transfer set one.
    timer_key: Cell<Option<Instant>>,
}

impl MultiHandle {
    fn into_raw() -> *mut CURLM {
        let (Ok(resolved), Ok(wakeup)) = (Signal::new(), Signal::new()) else {
            return ptr::null_mut();
        };
        let mut core = Multi::default();
        let signal = resolved.clone();
        core.set_wake(Arc::new(move || {
            signal.raise();
        }));
        into_raw(Box::new(MultiHandle {
            magic: MULTI_MAGIC,
            core: RefCell::new(core),
            added: RefCell::new(Handles::default()),
            msgs: RefCell::new(VecDeque::new()),
            last_msg: RefCell::new(Box::new(CURLMsg {
                msg: CURLMSG::CURLMSG_NONE,
                easy_handle: ptr::null_mut(),
                data: CURLMsg_data {
                    whatever: ptr::null_mut(),
                },
            })),
            busy: Cell::new(false),
            resolved,
            wakeup,
            options: RefCell::new(MultiOptions {
                socket_cb: None,
                socket_data: ptr::null_mut(),
                timer_cb: None,
                timer_data: ptr::null_mut(),
                max_connects: 0,
                max_host: 0,
                max_total: 0,
            }),
            sockets: RefCell::new(Sockets::default()),
            assigned: RefCell::new(HashMap::new()),
            timer: Cell::new(None),
            timer_key: Cell::new(None),
        }))
    }

    /// The handle behind `p`, or `None` for NULL or a pointer that is not a multi handle.
    ///
    /// # Safety
    /// As [`checked`].
    unsafe fn from_ptr<'a>(p: *mut CURLM) -> Option<&'a MultiHandle> {
        // SAFETY: forwarded contract.
        unsafe { checked(p) }
    }

    /// Runs `f` with the multi marked busy: callbacks it triggers that call back into the
    /// multi get `CURLM_RECURSIVE_API_CALL`. The mark goes also when `f` panics.
    fn running<R>(&self, f: impl FnOnce() -> R) -> R {
        let _busy = Busy::enter(&self.busy);
        f()
    }

    /// Turns ended transfers into messages, with each result in its handle's error buffer.
    fn report(&self, done: Vec<crate::engine::multi::Done>) {
        let mut added = self.added.borrow_mut();
        let mut msgs = self.msgs.borrow_mut();
        for d in done {
            let Some(easy) = added.by_id.remove(&d.id) else {
                continue;
            };
            let Some(a) = added.by_easy.get_mut(&easy) else {
                continue;
            };
            a.id = None;
            // SAFETY: the handle's error buffer is valid while the handle is in the multi.
            let code = unsafe { finish(a.error_buffer, d.result) };
            msgs.push_back(done_msg(easy, code));
        }
        for (easy, code) in std::mem::take(&mut added.failed) {
            msgs.push_back(done_msg(easy, code));
        }
    }

    /// The pool's size follows `CURLMOPT_MAXCONNECTS` and the number of handles.
    fn update_limits(&self) {
        let max = self.options.borrow().max_connects;
        let handles = self.added.borrow().by_easy.len();
        self.core.borrow_mut().set_limits(max, handles);
    }

    fn running_count(&self) -> c_int {
        c_int::try_from(self.core.borrow().running()).unwrap_or(c_int::MAX)
    }

    /// Tells the application's socket callback what changed since it was last called:
    /// sockets to watch for other events, new sockets, sockets no longer in use (REMOVE);
    /// then the timer callback, when the next timeout changed.
    fn update_callbacks(&self, now: Instant) -> bool {
        let (socket_cb, socket_data, timer_cb, timer_data) = {
            let o = self.options.borrow();
            (o.socket_cb, o.socket_data, o.timer_cb, o.timer_data)
        };
        let mut ok = true;
        // Drained whether or not anybody listens, so that it stays small.
        let changes = self.core.borrow_mut().take_changes();
        if let Some(cb) = socket_cb {
            let calls = self.socket_changes(changes);
            for (easy, fd, what, assigned) in calls {
                // SAFETY: the application's callback with the arguments libcurl passes.
                if unsafe { cb(easy, fd, what, socket_data, assigned) } == -1 {
                    ok = false;
                }
            }
        }
        if let Some(cb) = timer_cb {
            let ms = self.timeout_ms(now);
            // As libcurl compares expiry times: a timer that expired and was set again at
            // once (a file:// transfer stepping on) is announced again, even though it is 0
            // ms as before.
            let key = self.core.borrow().first_deadline();
            let renewed = ms == 0 && key.is_some() && key != self.timer_key.get();
            if (self.timer.get() != Some(ms) || renewed)
                && !(self.timer.get().is_none() && ms == -1)
            {
                self.timer.set(Some(ms));
                self.timer_key.set(key);
                let m: *const MultiHandle = self;
                // SAFETY: the application's callback with the arguments libcurl passes.
                if unsafe { cb(m.cast_mut().cast(), ms, timer_data) } == -1 {
                    ok = false;
                }
            }
        }
        ok
    }

    /// The socket callback's calls for these changes (see [`Sockets`]), with the lookup
    /// descriptor there while a transfer waits for a name.
    fn socket_changes(
        &self,
        changes: Vec<(TransferId, Option<crate::engine::Watch>)>,
    ) -> Vec<(*mut CURL, RawFd, c_int, *mut c_void)> {
        let mut sockets = self.sockets.borrow_mut();
        let mut events = sockets.apply(changes);
        let waiting = self.core.borrow().sockless();
        events.extend(sockets.extra(self.resolved.fd(), waiting));
        let added = self.added.borrow();
        let mut assigned = self.assigned.borrow_mut();
        events
            .into_iter()
            .map(|ev| match ev {
                SocketEvent::Remove { fd, transfer } => {
                    let easy = added.by_id.get(&transfer).copied();
                    let p = assigned.remove(&fd).unwrap_or(ptr::null_mut());
                    (easy.unwrap_or(ptr::null_mut()), fd, CURL_POLL_REMOVE, p)
                }
                SocketEvent::Watch {
                    fd,
                    interest,
                    fresh,
                    transfer,
                } => {
                    let what = match interest {
                        Interest::Read => CURL_POLL_IN,
                        Interest::Write => CURL_POLL_OUT,
                        Interest::Both => CURL_POLL_INOUT,
                    };
                    if fresh {
                        assigned.remove(&fd);
                    }
                    let p = assigned.get(&fd).copied().unwrap_or(ptr::null_mut());
                    let easy = added.by_id.get(&transfer).copied();
                    (easy.unwrap_or(ptr::null_mut()), fd, what, p)
                }
            })
            .collect()
    }

    /// `curl_multi_timeout`'s answer: ms until a transfer must be advanced, -1 for none.
    fn timeout_ms(&self, now: Instant) -> c_long {
        let added = self.added.borrow();
        if !added.failed.is_empty() || !added.unstarted.is_empty() {
            return 0;
        }
        match self.core.borrow().next_deadline(now) {
            None => -1,
            Some(d) => {
                let left = d.saturating_duration_since(now);
                // Rounded up, so that a loop does not wake a moment too early.
                let ms = left.as_micros().div_ceil(1000);
                c_long::try_from(ms).unwrap_or(c_long::MAX)
            }
        }
    }
}

fn done_msg(easy: *mut CURL, code: CURLcode) -> CURLMsg {
    CURLMsg {
        msg: CURLMSG::CURLMSG_DONE,
        easy_handle: easy,
        data: CURLMsg_data {
            result: code as CURLcode_arg,
        },
    }
}

/// Runs `f` on a valid multi handle that is not busy running callbacks.
fn with_multi(m: *mut CURLM, f: impl FnOnce(&MultiHandle) -> CURLMcode) -> CURLMcode {
    with_any_multi(m, |h| {
        if h.busy.get() {
            return CURLM_RECURSIVE_API_CALL;
        }
        f(h)
    })
}

/// Runs `f` on a valid multi handle, busy or not (`f` checks, in libcurl's order).
fn with_any_multi(m: *mut CURLM, f: impl FnOnce(&MultiHandle) -> CURLMcode) -> CURLMcode {
    guard(CURLM_INTERNAL_ERROR, || {
        // SAFETY: `m` is NULL or a pointer the application got from us.
        let Some(h) = (unsafe { MultiHandle::from_ptr(m) }) else {
            return CURLM_BAD_HANDLE;
        };
        f(h)
    })
}

#[no_mangle]
pub extern "C" fn curl_multi_init() -> *mut CURLM {
    guard(ptr::null_mut(), MultiHandle::into_raw)
}

#[no_mangle]
pub extern "C" fn curl_multi_cleanup(m: *mut CURLM) -> CURLMcode {
    guard(CURLM_INTERNAL_ERROR, || {
        // The handle is freed only after every reference to it has ended.
        let code = with_multi(m, |h| {
            forget_everything(h);
            CURLM_OK
        });
        if code == CURLM_OK {
            // SAFETY: a live multi handle from `into_raw` (checked above), not busy, no
            // reference to it left, not used after this.
            unsafe { release(m.cast::<MultiHandle>()) };
        }
        code
    })
}

/// What `curl_multi_cleanup` does before freeing the handle: its easy handles leave it, and
/// the socket callback hears that every socket is gone.
fn forget_everything(h: &MultiHandle) {
    let added = std::mem::take(&mut *h.added.borrow_mut());
    for easy in added.by_easy.keys() {
        // SAFETY: handles stay valid while they are in the multi (libcurl's rule).
        if let Some(e) = unsafe { EasyHandle::from_ptr(*easy) } {
            e.multi.set(ptr::null_mut());
        }
    }
    // Tell the event loop every socket is gone, as libcurl does on cleanup.
    let mut assigned = std::mem::take(&mut *h.assigned.borrow_mut());
    let sockets: Vec<(RawFd, *mut c_void)> = h
        .sockets
        .borrow_mut()
        .drain()
        .into_iter()
        .map(|fd| (fd, assigned.remove(&fd).unwrap_or(ptr::null_mut())))
        .collect();
    let (cb, data) = {
        let o = h.options.borrow();
        (o.socket_cb, o.socket_data)
    };
    if let Some(cb) = cb {
        // Busy while the callback runs: it must not free or drive the multi.
        h.running(|| {
            for (fd, assigned) in sockets {
                // SAFETY: the application's callback with libcurl's arguments.
                unsafe { cb(ptr::null_mut(), fd, CURL_POLL_REMOVE, data, assigned) };
            }
        });
    }
}

#[no_mangle]
pub extern "C" fn curl_multi_add_handle(m: *mut CURLM, e: *mut CURL) -> CURLMcode {
    with_any_multi(m, |h| {
        // SAFETY: `e` is NULL or a pointer the application got from us.
        let Some(easy) = (unsafe { EasyHandle::from_ptr(e) }) else {
            return CURLM_BAD_EASY_HANDLE;
        };
        if !easy.multi.get().is_null() || easy.busy.get() {
            return CURLM_ADDED_ALREADY;
        }
        if h.busy.get() {
            return CURLM_RECURSIVE_API_CALL;
        }
        easy.multi.set(m);
        {
            let mut handles = h.added.borrow_mut();
            handles.unstarted.push(e);
            handles.by_easy.insert(
                e,
                Added {
                    id: None,
                    error_buffer: ptr::null_mut(),
                },
            );
        }
        h.update_limits();
        // As libcurl: an event-driven application learns at once that it is time to act.
        h.timer.set(None);
        let now = Instant::now();
        if !h.running(|| h.update_callbacks(now)) {
            return CURLM_ABORTED_BY_CALLBACK;
        }
        CURLM_OK
    })
}

#[no_mangle]
pub extern "C" fn curl_multi_remove_handle(m: *mut CURLM, e: *mut CURL) -> CURLMcode {
    with_any_multi(m, |h| {
        // SAFETY: `e` is NULL or a pointer the application got from us.
        let Some(easy) = (unsafe { EasyHandle::from_ptr(e) }) else {
            return CURLM_BAD_EASY_HANDLE;
        };
        let owner = easy.multi.get();
        if owner.is_null() {
            // As libcurl: already removed is fine.
            return CURLM_OK;
        }
        if owner != m {
            return CURLM_BAD_EASY_HANDLE;
        }
        if h.busy.get() {
            return CURLM_RECURSIVE_API_CALL;
        }
        detach(h, e);
        easy.multi.set(ptr::null_mut());
        h.update_limits();
        let now = Instant::now();
        if !h.running(|| h.update_callbacks(now)) {
            return CURLM_ABORTED_BY_CALLBACK;
        }
        CURLM_OK
    })
}

/// Starts the transfers of the handles added since the last pass, in the order added,
/// reading their options now, as libcurl does when a transfer leaves its init state.
fn start_added(h: &MultiHandle) {
    let unstarted = std::mem::take(&mut h.added.borrow_mut().unstarted);
    for e in unstarted {
        // SAFETY: handles stay valid while they are in the multi (libcurl's rule).
        let Some(easy) = (unsafe { EasyHandle::from_ptr(e) }) else {
            continue;
        };
        let mut id = None;
        let mut error_buffer = ptr::null_mut();
        let mut failed = None;
        // SAFETY: the handle's borrowed pointers are valid while it is in the multi.
        match unsafe { prepare(easy, e) } {
            Err(code) => failed = Some(code),
            Ok(p) => {
                error_buffer = p.error_buffer;
                let mut core = h.core.borrow_mut();
                let dns = core.dns_for(&p.share_set);
                match crate::engine::load_resolve_entries(&dns, &p.opts) {
                    Err(err) => {
                        // SAFETY: the handle's error buffer.
                        failed = Some(unsafe { finish(p.error_buffer, Err(err)) });
                    }
                    Ok(()) => {
                        easy.pause.set(0);
                        let t = Transfer::new(
                            p.opts,
                            p.body,
                            Box::new(p.hooks),
                            easy.info.clone(),
                            easy.pause.clone(),
                        );
                        id = Some(core.add(t, &p.share_set));
                    }
                }
            }
        }
        let mut handles = h.added.borrow_mut();
        if let Some(a) = handles.by_easy.get_mut(&e) {
            a.id = id;
            a.error_buffer = error_buffer;
        }
        if let Some(id) = id {
            handles.by_id.insert(id, e);
        }
        if let Some(code) = failed {
            handles.failed.push((e, code));
        }
    }
}

/// Takes `e` out of the multi: its transfer stops (its connection closes) and its messages
/// go.
fn detach(h: &MultiHandle, e: *mut CURL) {
    let entry = {
        let mut added = h.added.borrow_mut();
        added.failed.retain(|(f, _)| *f != e);
        added.unstarted.retain(|u| *u != e);
        let entry = added.by_easy.remove(&e);
        if let Some(id) = entry.as_ref().and_then(|a| a.id) {
            added.by_id.remove(&id);
        }
        entry
    };
    if let Some(id) = entry.and_then(|a| a.id) {
        h.core.borrow_mut().remove(id);
    }
    h.msgs.borrow_mut().retain(|msg| msg.easy_handle != e);
}

/// A handle in a multi was paused or unpaused: its transfer is due at once unless both
/// directions stay paused (`run`), and an event-driven application hears so from the timer
/// callback, and of the socket the pause stops or starts watching from the socket callback.
/// From inside the multi's own callbacks nothing is needed: the transfer being stepped sees
/// the new state.
pub(crate) fn pause_changed(easy: &EasyHandle, e: *mut CURL, run: bool) {
    let m = easy.multi.get();
    if m.is_null() {
        return;
    }
    // SAFETY: the multi a handle is in stays valid until the handle leaves it.
    let Some(h) = (unsafe { MultiHandle::from_ptr(m) }) else {
        return;
    };
    if h.busy.get() {
        return;
    }
    let id = h.added.borrow().by_easy.get(&e).and_then(|a| a.id);
    if let (Some(id), Ok(mut core)) = (id, h.core.try_borrow_mut()) {
        core.pause_changed(id, run);
    }
    let now = Instant::now();
    h.running(|| h.update_callbacks(now));
}

/// `curl_easy_cleanup` of a handle still in a multi: libcurl takes it out first.
pub(crate) fn remove_on_cleanup(easy: &EasyHandle, e: *mut CURL) -> bool {
    let m = easy.multi.get();
    if m.is_null() {
        return true;
    }
    // SAFETY: the multi a handle is in stays valid until the handle leaves it.
    let Some(h) = (unsafe { MultiHandle::from_ptr(m) }) else {
        return true;
    };
    if h.busy.get() {
        // From inside a callback of this multi: the transfer is running; refuse.
        return false;
    }
    detach(h, e);
    easy.multi.set(ptr::null_mut());
    true
}

#[no_mangle]
pub extern "C" fn curl_multi_perform(m: *mut CURLM, running: *mut c_int) -> CURLMcode {
    with_multi(m, |h| {
        h.resolved.clear();
        h.running(|| start_added(h));
        let now = Instant::now();
        let done = h.running(|| h.core.borrow_mut().perform(now));
        h.report(done);
        let ok = h.running(|| h.update_callbacks(Instant::now()));
        if !running.is_null() {
            // SAFETY: the application passes a valid int pointer or NULL.
            unsafe { *running = h.running_count() };
        }
        if ok {
            CURLM_OK
        } else {
            CURLM_ABORTED_BY_CALLBACK
        }
    })
}

#[no_mangle]
pub extern "C" fn curl_multi_info_read(m: *mut CURLM, queued: *mut c_int) -> *mut CURLMsg {
    guard(ptr::null_mut(), || {
        // SAFETY: `m` is NULL or a pointer the application got from us.
        let Some(h) = (unsafe { MultiHandle::from_ptr(m) }) else {
            return ptr::null_mut();
        };
        let mut msgs = h.msgs.borrow_mut();
        let msg = msgs.pop_front();
        if !queued.is_null() {
            // SAFETY: a valid int pointer from the application.
            unsafe { *queued = c_int::try_from(msgs.len()).unwrap_or(c_int::MAX) };
        }
        let Some(msg) = msg else {
            return ptr::null_mut();
        };
        let mut last = h.last_msg.borrow_mut();
        **last = msg;
        let p: *mut CURLMsg = &mut **last;
        p
    })
}

#[no_mangle]
pub extern "C" fn curl_multi_fdset(
    m: *mut CURLM,
    r: *mut libc::fd_set,
    w: *mut libc::fd_set,
    x: *mut libc::fd_set,
    max_fd: *mut c_int,
) -> CURLMcode {
    let _ = x;
    with_multi(m, |h| {
        let mut max = -1;
        for watch in h.core.borrow().sockets() {
            // An fd_set holds descriptors below FD_SETSIZE only; a larger one would write
            // past it into the application's memory.
            if watch.fd < 0 || watch.fd >= libc::FD_SETSIZE as c_int {
                continue;
            }
            let read = matches!(watch.interest, Interest::Read | Interest::Both);
            let write = matches!(watch.interest, Interest::Write | Interest::Both);
            // SAFETY: the application's fd_sets (or NULL), and fd is in range.
            unsafe {
                if read && !r.is_null() {
                    libc::FD_SET(watch.fd, r);
                }
                if write && !w.is_null() {
                    libc::FD_SET(watch.fd, w);
                }
            }
            max = max.max(watch.fd);
        }
        if !max_fd.is_null() {
            // SAFETY: a valid int pointer from the application.
            unsafe { *max_fd = max };
        }
        CURLM_OK
    })
}

#[no_mangle]
pub extern "C" fn curl_multi_timeout(m: *mut CURLM, ms: *mut c_long) -> CURLMcode {
    with_multi(m, |h| {
        if ms.is_null() {
            return CURLM_BAD_FUNCTION_ARGUMENT;
        }
        // SAFETY: a valid long pointer from the application.
        unsafe { *ms = h.timeout_ms(Instant::now()) };
        CURLM_OK
    })
}

#[no_mangle]
pub extern "C" fn curl_multi_wait(
    m: *mut CURLM,
    extra: *mut curl_waitfd,
    n: c_uint,
    timeout_ms: c_int,
    numfds: *mut c_int,
) -> CURLMcode {
    with_multi(m, |h| wait(h, extra, n, timeout_ms, numfds, false))
}

#[no_mangle]
pub extern "C" fn curl_multi_poll(
    m: *mut CURLM,
    extra: *mut curl_waitfd,
    n: c_uint,
    timeout_ms: c_int,
    numfds: *mut c_int,
) -> CURLMcode {
    with_multi(m, |h| wait(h, extra, n, timeout_ms, numfds, true))
}

/// `curl_multi_wait` and `curl_multi_poll`: waits for the transfers' sockets, the extra
/// descriptors, a finished name lookup, and (`poll` only) `curl_multi_wakeup`, at most
/// until the multi's own timeout. `poll` waits the whole time even with nothing to watch;
/// `wait` then returns at once.
fn wait(
    h: &MultiHandle,
    extra: *mut curl_waitfd,
    n: c_uint,
    timeout_ms: c_int,
    numfds: *mut c_int,
    poll: bool,
) -> CURLMcode {
    if timeout_ms < 0 || (extra.is_null() && n > 0) {
        return CURLM_BAD_FUNCTION_ARGUMENT;
    }
    let extra: &mut [curl_waitfd] = if n == 0 {
        &mut []
    } else {
        // SAFETY: the application passes `n` waitfds at `extra`.
        unsafe { std::slice::from_raw_parts_mut(extra, n as usize) }
    };
    let mut fds: Vec<libc::pollfd> = Vec::new();
    for w in h.core.borrow().sockets() {
        let events = match w.interest {
            Interest::Read => libc::POLLIN,
            Interest::Write => libc::POLLOUT,
            Interest::Both => libc::POLLIN | libc::POLLOUT,
        };
        fds.push(libc::pollfd {
            fd: w.fd,
            events,
            revents: 0,
        });
    }
    let transfer_fds = fds.len();
    for e in extra.iter() {
        let mut events = 0;
        if c_int::from(e.events) & CURL_WAIT_POLLIN != 0 {
            events |= libc::POLLIN;
        }
        if c_int::from(e.events) & CURL_WAIT_POLLPRI != 0 {
            events |= libc::POLLPRI;
        }
        if c_int::from(e.events) & CURL_WAIT_POLLOUT != 0 {
            events |= libc::POLLOUT;
        }
        fds.push(libc::pollfd {
            fd: e.fd,
            events,
            revents: 0,
        });
    }
    let watched = fds.len();
    fds.push(libc::pollfd {
        fd: h.resolved.fd(),
        events: libc::POLLIN,
        revents: 0,
    });
    if poll {
        fds.push(libc::pollfd {
            fd: h.wakeup.fd(),
            events: libc::POLLIN,
            revents: 0,
        });
    }
    let own = h.timeout_ms(Instant::now());
    let mut timeout = if own >= 0 {
        own.min(c_long::from(timeout_ms))
    } else {
        c_long::from(timeout_ms)
    };
    let pending = h.core.borrow().running() > 0;
    if watched == 0 && !poll && !pending {
        timeout = 0;
    }
    let timeout = c_int::try_from(timeout).unwrap_or(c_int::MAX);
    // SAFETY: `fds` is a valid array of pollfd of the given length.
    let rc = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, timeout) };
    if rc < 0 && std::io::Error::last_os_error().raw_os_error() != Some(libc::EINTR) {
        return CURLM_UNRECOVERABLE_POLL;
    }
    let mut ready = 0;
    for (i, p) in fds[..watched].iter().enumerate() {
        if p.revents == 0 {
            continue;
        }
        ready += 1;
        if i >= transfer_fds {
            let mut r = 0;
            if p.revents & libc::POLLIN != 0 {
                r |= CURL_WAIT_POLLIN;
            }
            if p.revents & libc::POLLPRI != 0 {
                r |= CURL_WAIT_POLLPRI;
            }
            if p.revents & libc::POLLOUT != 0 {
                r |= CURL_WAIT_POLLOUT;
            }
            extra[i - transfer_fds].revents = r as c_short;
        }
    }
    if poll && fds.last().is_some_and(|p| p.revents != 0) {
        h.wakeup.clear();
    }
    if !numfds.is_null() {
        // SAFETY: a valid int pointer from the application.
        unsafe { *numfds = ready };
    }
    CURLM_OK
}

#[no_mangle]
pub extern "C" fn curl_multi_wakeup(m: *mut CURLM) -> CURLMcode {
    guard(CURLM_INTERNAL_ERROR, || {
        // SAFETY: `m` is NULL or a pointer the application got from us; `checked_ptr` reads
        // only the magic and makes no reference.
        let Some(h) = (unsafe { checked_ptr::<MultiHandle, _>(m) }) else {
            return CURLM_BAD_HANDLE;
        };
        // SAFETY: a live multi handle that another thread may be using: only the wake-up
        // signal is borrowed, through a raw field pointer; it is immutable for the handle's
        // life, so nothing is borrowed that the other thread mutates.
        let wakeup = unsafe { &*ptr::addr_of!((*h).wakeup) };
        if wakeup.raise() {
            CURLM_OK
        } else {
            CURLM_WAKEUP_FAILURE
        }
    })
}

#[no_mangle]
pub extern "C" fn curl_multi_socket_action(
    m: *mut CURLM,
    s: curl_socket_t,
    ev: c_int,
    running: *mut c_int,
) -> CURLMcode {
    let _ = ev;
    with_multi(m, |h| socket_action(h, s, running))
}

#[no_mangle]
pub extern "C" fn curl_multi_socket(
    m: *mut CURLM,
    s: curl_socket_t,
    running: *mut c_int,
) -> CURLMcode {
    with_multi(m, |h| socket_action(h, s, running))
}

#[no_mangle]
pub extern "C" fn curl_multi_socket_all(m: *mut CURLM, running: *mut c_int) -> CURLMcode {
    curl_multi_perform(m, running)
}

/// Advances the transfers on socket `s` (or, for `CURL_SOCKET_TIMEOUT`, those whose time
/// has come), then updates the application's callbacks.
fn socket_action(h: &MultiHandle, s: curl_socket_t, running: *mut c_int) -> CURLMcode {
    // Only the call for the lookup descriptor consumes its signal: the transfers it is
    // for run then.
    if s == h.resolved.fd() {
        h.resolved.clear();
    }
    // New handles are due at once, whichever socket this is for (libcurl's expired timer).
    h.running(|| start_added(h));
    let now = Instant::now();
    let done = h.running(|| {
        let mut core = h.core.borrow_mut();
        if s == CURL_SOCKET_TIMEOUT {
            core.perform_timeouts(now)
        } else if s == h.resolved.fd() {
            core.perform_sockless(now)
        } else {
            core.perform_socket(s, now)
        }
    });
    h.report(done);
    let ok = h.running(|| h.update_callbacks(Instant::now()));
    if !running.is_null() {
        // SAFETY: the application passes a valid int pointer or NULL.
        unsafe { *running = h.running_count() };
    }
    if ok {
        CURLM_OK
    } else {
        CURLM_ABORTED_BY_CALLBACK
    }
}

#[no_mangle]
pub extern "C" fn curl_multi_assign(m: *mut CURLM, s: curl_socket_t, p: *mut c_void) -> CURLMcode {
    // Allowed from the socket callback, where applications usually call it.
    with_any_multi(m, |h| {
        if !h.sockets.borrow().watches(s) {
            return CURLM_BAD_SOCKET;
        }
        h.assigned.borrow_mut().insert(s, p);
        CURLM_OK
    })
}

/// The strings of a NULL-terminated `char **` (none for NULL).
///
/// # Safety
/// `p` is NULL or points to an array of C strings ended by a NULL pointer.
unsafe fn string_array(p: *const *const std::ffi::c_char) -> Vec<String> {
    let mut out = Vec::new();
    if p.is_null() {
        return out;
    }
    for i in 0.. {
        // SAFETY: the array runs up to its NULL terminator (the caller's contract).
        let entry = unsafe { *p.add(i) };
        // SAFETY: each entry is a NUL-terminated string.
        match unsafe { super::boundary::cstring_lossy(entry) } {
            Some(s) => out.push(s),
            None => break,
        }
    }
    out
}

/// Called by the shim's `curl_multi_setopt` with the argument in the slot its type uses.
#[no_mangle]
pub extern "C" fn rcurl_multi_setopt(
    m: *mut CURLM,
    opt: c_int,
    l: c_long,
    p: *mut c_void,
    o: curl_off_t,
) -> CURLMcode {
    with_multi(m, |h| {
        let Some(option) = CURLMoption::from_raw(opt) else {
            return CURLM_UNKNOWN_OPTION;
        };
        let mut opts = h.options.borrow_mut();
        use CURLMoption::*;
        match option {
            CURLMOPT_SOCKETFUNCTION => {
                // SAFETY: the application passes a socket callback (or NULL) for this option;
                // function and data pointers have the same size on supported platforms.
                opts.socket_cb =
                    unsafe { std::mem::transmute::<*mut c_void, curl_socket_callback>(p) };
            }
            CURLMOPT_SOCKETDATA => opts.socket_data = p,
            CURLMOPT_TIMERFUNCTION => {
                // SAFETY: as for SOCKETFUNCTION.
                opts.timer_cb =
                    unsafe { std::mem::transmute::<*mut c_void, curl_multi_timer_callback>(p) };
            }
            CURLMOPT_TIMERDATA => opts.timer_data = p,
            CURLMOPT_MAXCONNECTS => {
                opts.max_connects = usize::try_from(l).unwrap_or(0);
                drop(opts);
                h.update_limits();
                return CURLM_OK;
            }
            CURLMOPT_MAX_HOST_CONNECTIONS | CURLMOPT_MAX_TOTAL_CONNECTIONS => {
                let n = usize::try_from(l).unwrap_or(0);
                if option == CURLMOPT_MAX_HOST_CONNECTIONS {
                    opts.max_host = n;
                } else {
                    opts.max_total = n;
                }
                let (host, total) = (opts.max_host, opts.max_total);
                drop(opts);
                h.core.borrow_mut().set_connection_limits(host, total);
                return CURLM_OK;
            }
            // The pipelining settings, stored as libcurl 7.61 read them (CURLOPT_PIPELINING
            // is a bit mask; the penalty sizes are off_t; the blacklists are copied
            // NULL-terminated arrays, NULL clearing them). Pipelining itself is not built
            // yet: 7.88.1 accepts and ignores them all, and so far so do we.
            CURLMOPT_PIPELINING
            | CURLMOPT_MAX_PIPELINE_LENGTH
            | CURLMOPT_CONTENT_LENGTH_PENALTY_SIZE
            | CURLMOPT_CHUNK_LENGTH_PENALTY_SIZE
            | CURLMOPT_PIPELINING_SITE_BL
            | CURLMOPT_PIPELINING_SERVER_BL => {
                drop(opts);
                let mut core = h.core.borrow_mut();
                let pipe = core.pipelining_mut();
                match option {
                    CURLMOPT_PIPELINING => pipe.http1 = l & 1 != 0,
                    CURLMOPT_MAX_PIPELINE_LENGTH => {
                        // A negative length is a huge size_t to libcurl: no limit.
                        pipe.max_length = usize::try_from(l).unwrap_or(0);
                    }
                    CURLMOPT_CONTENT_LENGTH_PENALTY_SIZE => {
                        pipe.content_length_penalty = u64::try_from(o).unwrap_or(0);
                    }
                    CURLMOPT_CHUNK_LENGTH_PENALTY_SIZE => {
                        pipe.chunk_length_penalty = u64::try_from(o).unwrap_or(0);
                    }
                    _ => {
                        // SAFETY: the option's argument is NULL or a NULL-terminated array
                        // of C strings.
                        let entries = unsafe { string_array(p.cast()) };
                        if option == CURLMOPT_PIPELINING_SITE_BL {
                            pipe.set_site_blacklist(&entries);
                        } else {
                            pipe.set_server_blacklist(&entries);
                        }
                    }
                }
                return CURLM_OK;
            }
            CURLMOPT_PUSHFUNCTION | CURLMOPT_PUSHDATA | CURLMOPT_MAX_CONCURRENT_STREAMS => {
                let _ = l;
            }
            _ => return CURLM_UNKNOWN_OPTION,
        }
        CURLM_OK
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::pipeline::PipelineOptions;

    fn pipelining(m: *mut CURLM) -> PipelineOptions {
        // SAFETY: a live multi handle of ours.
        let h = unsafe { MultiHandle::from_ptr(m) }.expect("multi handle");
        let opts = h.core.borrow_mut().pipelining_mut().clone();
        opts
    }

    fn set(m: *mut CURLM, opt: CURLMoption, l: c_long, p: *mut c_void, o: curl_off_t) -> CURLMcode {
        rcurl_multi_setopt(m, opt as c_int, l, p, o)
    }

    #[test]
    fn pipelining_options_are_stored_as_libcurl_7_61_read_them() {
        use CURLMoption::*;
        let m = curl_multi_init();
        let none = ptr::null_mut();
        assert_eq!(pipelining(m), PipelineOptions::default());
        assert_eq!(set(m, CURLMOPT_PIPELINING, 3, none, 0), CURLM_OK);
        assert!(pipelining(m).http1);
        assert_eq!(set(m, CURLMOPT_PIPELINING, 2, none, 0), CURLM_OK);
        assert!(!pipelining(m).http1, "MULTIPLEX alone");
        assert_eq!(set(m, CURLMOPT_MAX_PIPELINE_LENGTH, 9, none, 0), CURLM_OK);
        assert_eq!(pipelining(m).max_length, 9);
        assert_eq!(
            set(m, CURLMOPT_CONTENT_LENGTH_PENALTY_SIZE, 0, none, 4096),
            CURLM_OK
        );
        assert_eq!(
            set(m, CURLMOPT_CHUNK_LENGTH_PENALTY_SIZE, 0, none, 512),
            CURLM_OK
        );
        assert_eq!(pipelining(m).content_length_penalty, 4096);
        assert_eq!(pipelining(m).chunk_length_penalty, 512);

        let (a, b) = (c"Example.com:8080".as_ptr(), c"plain".as_ptr());
        let mut sites = [a, b, ptr::null()];
        let p = sites.as_mut_ptr().cast();
        assert_eq!(set(m, CURLMOPT_PIPELINING_SITE_BL, 0, p, 0), CURLM_OK);
        assert_eq!(
            pipelining(m).site_blacklist,
            [("example.com".to_string(), 8080), ("plain".to_string(), 80)]
        );
        let mut servers = [c"Apache/1".as_ptr(), ptr::null()];
        let p = servers.as_mut_ptr().cast();
        assert_eq!(set(m, CURLMOPT_PIPELINING_SERVER_BL, 0, p, 0), CURLM_OK);
        assert_eq!(pipelining(m).server_blacklist, ["apache/1"]);
        assert_eq!(set(m, CURLMOPT_PIPELINING_SITE_BL, 0, none, 0), CURLM_OK);
        assert!(pipelining(m).site_blacklist.is_empty(), "NULL clears");
        assert_eq!(curl_multi_cleanup(m), CURLM_OK);
    }
}
