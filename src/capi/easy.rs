//! `curl_easy_*`: the easy handle's life cycle and `curl_easy_perform`, which runs one
//! transfer on the handle's private engine (libcurl's private multi).

use std::ffi::{c_char, c_int, c_void};
use std::ptr;
use std::sync::Arc;

use super::abi::{curl_slist, CURLcode, CURLcode_arg, CURL};
use super::boundary::{bytes, cstr, cstring_lossy, guard, malloc_cstring, put};
use super::callbacks::CHooks;
use super::codes::to_curlcode;
use super::handle::{Busy, EasyHandle, Settings};
use super::strerror;
use crate::error::Error;
use crate::info::Info;
use crate::options::PostBody;

use CURLcode::*;

/// The strings of an slist, in order. libcurl reads borrowed lists when a transfer starts.
///
/// # Safety
/// `list` is NULL or a valid `curl_slist` chain of NUL-terminated strings.
pub(crate) unsafe fn slist_strings(mut list: *const curl_slist) -> Vec<String> {
    let mut out = Vec::new();
    while !list.is_null() {
        // SAFETY: valid list node per the caller.
        let node = unsafe { &*list };
        // SAFETY: each node's data is NULL or a NUL-terminated string.
        if let Some(s) = unsafe { cstring_lossy(node.data) } {
            out.push(s);
        }
        list = node.next;
    }
    out
}

#[no_mangle]
pub extern "C" fn curl_easy_init() -> *mut CURL {
    guard(
        ptr::null_mut(),
        || EasyHandle::into_raw(Settings::default()),
    )
}

/// # Safety
/// `curl` is NULL or a handle from `curl_easy_init`/`curl_easy_duphandle` not yet freed.
#[no_mangle]
pub unsafe extern "C" fn curl_easy_cleanup(curl: *mut CURL) {
    guard((), || {
        let free = {
            // SAFETY: the caller's contract; `from_ptr` checks NULL and the magic.
            let Some(h) = (unsafe { EasyHandle::from_ptr(curl) }) else {
                return;
            };
            // Freeing a handle from inside its own callback would pull the transfer out from
            // under the running perform: refuse, as the handle is still in use.
            !h.busy.get() && super::multi::remove_on_cleanup(h, curl)
        };
        if free {
            // SAFETY: the handle is ours and not in use; the reference above has ended.
            unsafe { EasyHandle::free(curl) };
        }
    })
}

/// # Safety
/// `curl` is NULL or a live easy handle.
#[no_mangle]
pub unsafe extern "C" fn curl_easy_reset(curl: *mut CURL) {
    guard((), || {
        // SAFETY: see `curl_easy_cleanup`.
        let Some(h) = (unsafe { EasyHandle::from_ptr(curl) }) else {
            return;
        };
        if let Ok(mut s) = h.settings.try_borrow_mut() {
            *s = Settings::default();
        }
        if let Ok(mut info) = h.info.lock() {
            *info = Info::fresh();
        }
    })
}

/// # Safety
/// `curl` is NULL or a live easy handle.
#[no_mangle]
pub unsafe extern "C" fn curl_easy_duphandle(curl: *mut CURL) -> *mut CURL {
    guard(ptr::null_mut(), || {
        // SAFETY: see `curl_easy_cleanup`.
        let Some(h) = (unsafe { EasyHandle::from_ptr(curl) }) else {
            return ptr::null_mut();
        };
        let Ok(settings) = h.settings.try_borrow() else {
            return ptr::null_mut();
        };
        // As libcurl: the copy does not use the original's share handle.
        let mut copy = settings.clone();
        copy.share = None;
        EasyHandle::into_raw(copy)
    })
}

/// # Safety
/// `curl` is NULL or a live easy handle whose borrowed option data (POSTFIELDS, slists,
/// callback data) is valid for the call, as libcurl documents.
#[no_mangle]
pub unsafe extern "C" fn curl_easy_perform(curl: *mut CURL) -> CURLcode {
    guard(CURLE_FAILED_INIT, || {
        // SAFETY: see `curl_easy_cleanup`.
        let Some(h) = (unsafe { EasyHandle::from_ptr(curl) }) else {
            return CURLE_BAD_FUNCTION_ARGUMENT;
        };
        if h.busy.get() || !h.multi.get().is_null() {
            // As 7.88.1: the handle is already running a transfer (in its private multi, or
            // in the application's); the error buffer is left alone.
            return CURLE_FAILED_INIT;
        }
        let _busy = Busy::enter(&h.busy);
        // SAFETY: the handle's borrowed pointers are valid during perform (caller).
        unsafe { perform(h, curl) }
    })
}

/// What a transfer starts from: the handle's options and body read at start, as libcurl
/// reads them, and where its result goes.
pub(crate) struct Prepared {
    pub opts: crate::options::Options,
    pub body: PostBody,
    pub hooks: CHooks,
    pub share_set: crate::share::ShareSet,
    pub error_buffer: *mut c_char,
}

/// Reads the handle's settings for a new transfer: clears the error buffer, renders
/// `CURLOPT_CURLU`, reads the borrowed lists and POSTFIELDS. An error is the transfer's
/// result (already written to the error buffer).
///
/// # Safety
/// As `curl_easy_perform`: the handle's borrowed pointers are valid now.
pub(crate) unsafe fn prepare(h: &EasyHandle, curl: *mut CURL) -> Result<Prepared, CURLcode> {
    let Settings {
        mut opts,
        cb,
        error_buffer,
        postfields,
        http_headers,
        proxy_headers,
        http200_aliases,
        resolve,
        connect_to,
        share,
        curlu,
        resolve_pending,
        ..
    } = h.settings.borrow().clone();
    // RESOLVE entries are loaded once per setopt, as libcurl does.
    h.settings.borrow_mut().resolve_pending = false;
    let share_set = share.map(|s| s.0.set()).unwrap_or_default();
    if !error_buffer.is_null() {
        // SAFETY: ERRORBUFFER points to at least CURL_ERROR_SIZE bytes (documented).
        unsafe { *error_buffer = 0 };
    }
    // CURLOPT_CURLU: the URL handle, rendered, is the request's URL. An easy handle without a
    // URL of its own keeps the rendered one, as libcurl does.
    // SAFETY: the URL handle is valid while it is set (libcurl's rule).
    match unsafe { super::urlapi::transfer_url(curlu, opts.url.is_some()) } {
        Some(Ok(url)) => {
            if opts.url.is_none() {
                if let Ok(mut s) = h.settings.try_borrow_mut() {
                    s.opts.url = Some(url.clone());
                }
            }
            opts.url = Some(url);
        }
        Some(Err(e)) => {
            // SAFETY: ERRORBUFFER as above.
            unsafe { fill_error_buffer(error_buffer, &e) };
            return Err(to_curlcode(e.code));
        }
        None => {}
    }
    // SAFETY: borrowed lists and POSTFIELDS are valid during the transfer (libcurl's rule).
    unsafe {
        opts.http_headers = slist_strings(http_headers);
        opts.proxy_headers = slist_strings(proxy_headers);
        opts.http200_aliases = slist_strings(http200_aliases)
            .into_iter()
            .map(|a| a.into_bytes().into_boxed_slice())
            .collect();
        if resolve_pending {
            opts.resolve = slist_strings(resolve);
        }
        opts.connect_to = slist_strings(connect_to);
    }
    let body = match &opts.postfields_copy {
        Some(b) => PostBody::Bytes(b.clone()),
        None if !postfields.is_null() => {
            let data: Arc<[u8]> = if opts.postfieldsize >= 0 {
                // SAFETY: the application promises POSTFIELDSIZE readable bytes.
                unsafe { bytes(postfields.cast(), opts.postfieldsize as usize) }.into()
            } else {
                // SAFETY: without a size, POSTFIELDS is a NUL-terminated string.
                unsafe { cstr(postfields) }.unwrap_or_default().into()
            };
            PostBody::Bytes(data)
        }
        None => PostBody::None,
    };
    let hooks = CHooks::new(cb, curl, cb.read.is_some() || !cb.read_data.is_null());
    Ok(Prepared {
        opts,
        body,
        hooks,
        share_set,
        error_buffer,
    })
}

/// A transfer's result for the application: the code, with libcurl's text in the error
/// buffer.
///
/// # Safety
/// `error_buffer` is NULL or points to CURL_ERROR_SIZE writable bytes.
pub(crate) unsafe fn finish(
    error_buffer: *mut c_char,
    outcome: crate::error::Result<()>,
) -> CURLcode {
    match outcome {
        Ok(()) => CURLE_OK,
        Err(e) => {
            // SAFETY: as the caller promises.
            unsafe { fill_error_buffer(error_buffer, &e) };
            to_curlcode(e.code)
        }
    }
}

/// # Safety
/// As `curl_easy_perform`.
unsafe fn perform(h: &EasyHandle, curl: *mut CURL) -> CURLcode {
    // SAFETY: as the caller promises.
    let p = match unsafe { prepare(h, curl) } {
        Ok(p) => p,
        Err(code) => return code,
    };
    let outcome = h.engine.borrow_mut().perform(
        p.opts,
        p.body,
        Box::new(p.hooks),
        h.info.clone(),
        h.pause.clone(),
        &p.share_set,
    );
    // SAFETY: the handle's error buffer, valid during perform.
    unsafe { finish(p.error_buffer, outcome) }
}

/// Writes libcurl's error text into ERRORBUFFER. Failures for which libcurl writes no text
/// leave the buffer empty, as it was cleared when the transfer started.
///
/// # Safety
/// `buf` is NULL or points to CURL_ERROR_SIZE writable bytes.
unsafe fn fill_error_buffer(buf: *mut c_char, e: &Error) {
    if buf.is_null() || e.message.is_empty() {
        return;
    }
    let text = e.message.as_bytes();
    let n = text.len().min(super::abi::CURL_ERROR_SIZE as usize - 1);
    // SAFETY: at most CURL_ERROR_SIZE - 1 bytes plus the NUL.
    unsafe {
        ptr::copy_nonoverlapping(text.as_ptr(), buf.cast::<u8>(), n);
        *buf.add(n) = 0;
    }
}

#[no_mangle]
pub extern "C" fn curl_easy_strerror(code: CURLcode_arg) -> *const c_char {
    strerror::lookup(strerror::EASY, 0, code.into(), strerror::UNKNOWN)
        .as_ptr()
        .cast()
}

/// # Safety
/// `curl` is NULL or a live easy handle.
#[no_mangle]
pub unsafe extern "C" fn curl_easy_pause(curl: *mut CURL, bitmask: c_int) -> CURLcode {
    guard(CURLE_BAD_FUNCTION_ARGUMENT, || {
        // SAFETY: see `curl_easy_cleanup`.
        let Some(h) = (unsafe { EasyHandle::from_ptr(curl) }) else {
            return CURLE_BAD_FUNCTION_ARGUMENT;
        };
        // The running transfer sees the new state on its next step; data held while
        // receiving was paused is handed over then.
        h.pause.set(u8::try_from(bitmask & 0xff).unwrap_or(0));
        // In a multi, that step comes at once (as libcurl expires the handle with 0),
        // unless both directions stay paused.
        super::multi::pause_changed(h, curl, bitmask & 0x05 != 0x05);
        CURLE_OK
    })
}

/// # Safety
/// `curl` is NULL or a live easy handle.
#[no_mangle]
pub unsafe extern "C" fn curl_easy_upkeep(curl: *mut CURL) -> CURLcode {
    guard(CURLE_BAD_FUNCTION_ARGUMENT, || {
        // SAFETY: see `curl_easy_cleanup`.
        match unsafe { EasyHandle::from_ptr(curl) } {
            // HTTP/1.1 connections need no keep-alive traffic.
            Some(_) => CURLE_OK,
            None => CURLE_BAD_FUNCTION_ARGUMENT,
        }
    })
}

/// # Safety
/// `string` is NULL or valid for `length` bytes (or NUL-terminated when `length` is 0).
#[no_mangle]
pub unsafe extern "C" fn curl_easy_escape(
    curl: *mut CURL,
    string: *const c_char,
    length: c_int,
) -> *mut c_char {
    let _ = curl;
    guard(ptr::null_mut(), || {
        if string.is_null() || length < 0 {
            return ptr::null_mut();
        }
        let input = if length == 0 {
            // SAFETY: length 0 means a NUL-terminated string.
            unsafe { cstr(string) }.unwrap_or_default()
        } else {
            // SAFETY: the caller promises `length` bytes.
            unsafe { bytes(string.cast(), length as usize) }
        };
        malloc_cstring(crate::escape::escape(input).as_bytes())
    })
}

/// # Safety
/// As `curl_easy_escape`; `outlength` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn curl_easy_unescape(
    curl: *mut CURL,
    string: *const c_char,
    length: c_int,
    outlength: *mut c_int,
) -> *mut c_char {
    let _ = curl;
    guard(ptr::null_mut(), || {
        if string.is_null() || length < 0 {
            return ptr::null_mut();
        }
        let input = if length == 0 {
            // SAFETY: length 0 means a NUL-terminated string.
            unsafe { cstr(string) }.unwrap_or_default()
        } else {
            // SAFETY: the caller promises `length` bytes.
            unsafe { bytes(string.cast(), length as usize) }
        };
        let Ok(out) = crate::escape::unescape(input, false) else {
            return ptr::null_mut();
        };
        let Ok(len) = c_int::try_from(out.len()) else {
            return ptr::null_mut();
        };
        let p = malloc_cstring(&out);
        if !p.is_null() {
            // SAFETY: caller's out-pointer.
            unsafe { put(outlength, len) };
        }
        p
    })
}

/// # Safety
/// As `curl_easy_escape`.
#[no_mangle]
pub unsafe extern "C" fn curl_escape(string: *const c_char, length: c_int) -> *mut c_char {
    // SAFETY: forwarded contract.
    unsafe { curl_easy_escape(ptr::null_mut(), string, length) }
}

/// # Safety
/// As `curl_easy_escape`.
#[no_mangle]
pub unsafe extern "C" fn curl_unescape(string: *const c_char, length: c_int) -> *mut c_char {
    // SAFETY: forwarded contract.
    unsafe { curl_easy_unescape(ptr::null_mut(), string, length, ptr::null_mut()) }
}

/// # Safety
/// `p` is NULL or memory this library returned for the application to free.
#[no_mangle]
pub unsafe extern "C" fn curl_free(p: *mut c_void) {
    super::boundary::free(p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Code;

    #[test]
    fn error_buffer_gets_the_message_cut_to_size() {
        let mut buf = [0 as c_char; 256];
        // SAFETY: a 256-byte buffer, as CURL_ERROR_SIZE.
        unsafe { fill_error_buffer(buf.as_mut_ptr(), &Error::bare(Code::CouldntConnect)) };
        assert_eq!(buf[0], 0, "no message, no text");
        let long = Error::new(Code::CouldntConnect, "x".repeat(1000));
        // SAFETY: as above.
        unsafe { fill_error_buffer(buf.as_mut_ptr(), &long) };
        // SAFETY: NUL-terminated by fill_error_buffer.
        let s = unsafe { std::ffi::CStr::from_ptr(buf.as_ptr()) };
        assert_eq!(s.to_bytes().len(), 255);
    }
}
