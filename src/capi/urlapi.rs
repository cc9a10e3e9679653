//! The URL API (`curl_url`, `curl_url_set`, `curl_url_get`, `curl_url_dup`,
//! `curl_url_cleanup`), `curl_getdate`, and what `CURLOPT_CURLU` needs when a transfer
//! starts.
//!
//! A `CURLU *` is a boxed [`Url`]; all URL rules live in `crate::url`, all date rules in the
//! HTTP codec's date parser. This file only does what C needs: NULL checks in libcurl
//! 7.88.1's order, the part and flag numbers, and strings the application frees with
//! `curl_free`.

use std::ffi::{c_char, c_uint};
use std::ptr;

use super::abi::{CURLUPart_arg, CURLUcode, CURLU};
use super::boundary::{cstr, guard, malloc_cstring};
use crate::error::{Code, Error};
use crate::url::{ParseFlags, Part, Url, UrlError};

use CURLUcode::*;

/// The handle behind a `CURLU *`; `None` for NULL.
///
/// # Safety
/// `u` is NULL or a live handle from `curl_url`/`curl_url_dup`, not used elsewhere for the
/// returned lifetime (libcurl's URL handles are not thread-safe either).
unsafe fn url_mut<'a>(u: *mut CURLU) -> Option<&'a mut Url> {
    // SAFETY: the caller's contract; every CURLU this library hands out is a `Box<Url>`.
    unsafe { u.cast::<Url>().as_mut() }
}

fn ucode(e: UrlError) -> CURLUcode {
    i32::try_from(e.code())
        .ok()
        .and_then(CURLUcode::from_raw)
        .unwrap_or(CURLUE_OUT_OF_MEMORY)
}

/// A `CURLUPart` number as the core's part; anything else is an unknown part.
fn part_of(what: CURLUPart_arg) -> Option<Part> {
    u32::try_from(what).ok().and_then(Part::from_code)
}

/// Creates a new, empty URL handle. Free it with `curl_url_cleanup`.
///
/// Returns NULL when out of memory.
#[no_mangle]
pub extern "C" fn curl_url() -> *mut CURLU {
    guard(ptr::null_mut(), || {
        Box::into_raw(Box::new(Url::new())).cast()
    })
}

/// Frees a URL handle and everything in it. NULL is allowed and does nothing.
///
/// # Safety
/// `u` is NULL or a handle from `curl_url`/`curl_url_dup` not yet freed, and not set as
/// `CURLOPT_CURLU` on an easy handle that will still run a transfer.
#[no_mangle]
pub unsafe extern "C" fn curl_url_cleanup(u: *mut CURLU) {
    guard((), || {
        if !u.is_null() {
            // SAFETY: created by `Box::into_raw` in `curl_url`/`curl_url_dup` (caller).
            drop(unsafe { Box::from_raw(u.cast::<Url>()) });
        }
    })
}

/// Duplicates a URL handle: all its parts except the IPv6 zone id, which libcurl 7.88.1 does
/// not copy either. Free the copy with `curl_url_cleanup`.
///
/// Returns NULL when out of memory, and for a NULL handle (libcurl 7.88.1 crashes there).
///
/// # Safety
/// `u` is NULL or a live handle from `curl_url`/`curl_url_dup`.
#[no_mangle]
pub unsafe extern "C" fn curl_url_dup(u: *mut CURLU) -> *mut CURLU {
    guard(ptr::null_mut(), || {
        // SAFETY: the caller's contract.
        let Some(url) = (unsafe { url_mut(u) }) else {
            return ptr::null_mut();
        };
        let mut copy = url.clone();
        // 7.88.1 copies every part but the IPv6 zone id.
        let _ = copy.set(Part::ZoneId, None, ParseFlags::empty());
        Box::into_raw(Box::new(copy)).cast()
    })
}

/// Extracts one part (`what`) of the URL into `*part`, a new string the application frees
/// with `curl_free`. `flags` are `CURLU_*` bits: `CURLU_DEFAULT_PORT`,
/// `CURLU_NO_DEFAULT_PORT`, `CURLU_DEFAULT_SCHEME`, `CURLU_URLDECODE`, `CURLU_URLENCODE`,
/// `CURLU_PUNYCODE`; others are ignored.
///
/// Errors: `CURLUE_BAD_HANDLE` for a NULL handle, `CURLUE_BAD_PARTPOINTER` for a NULL
/// `part`, `CURLUE_UNKNOWN_PART`, `CURLUE_NO_SCHEME` ... `CURLUE_NO_ZONEID` for a part that
/// is not set, `CURLUE_URLDECODE` when decoding would give a control byte. Past the two
/// pointer checks, `*part` is NULL unless a string is returned; an empty part read with
/// `CURLU_URLENCODE` gives `CURLUE_OK` and NULL, as in libcurl 7.88.1.
///
/// # Safety
/// `u` is NULL or a live URL handle; `part` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn curl_url_get(
    u: *mut CURLU,
    what: CURLUPart_arg,
    part: *mut *mut c_char,
    flags: c_uint,
) -> CURLUcode {
    guard(CURLUE_OUT_OF_MEMORY, || {
        // SAFETY: the caller's contract.
        let Some(url) = (unsafe { url_mut(u) }) else {
            return CURLUE_BAD_HANDLE;
        };
        if part.is_null() {
            return CURLUE_BAD_PARTPOINTER;
        }
        // SAFETY: `part` is non-NULL and writable (caller).
        unsafe { part.write(ptr::null_mut()) };
        let Some(which) = part_of(what) else {
            return CURLUE_UNKNOWN_PART;
        };
        let flags = ParseFlags::from_bits(flags);
        match url.get(which, flags) {
            // libcurl's encoder hands out no string for empty input: success, and NULL.
            Ok(value) if value.is_empty() && flags.urlencode && which != Part::Url => CURLUE_OK,
            Ok(value) => {
                let copy = malloc_cstring(&value);
                if copy.is_null() {
                    return CURLUE_OUT_OF_MEMORY;
                }
                // SAFETY: as above.
                unsafe { part.write(copy) };
                CURLUE_OK
            }
            Err(e) => ucode(e),
        }
    })
}

/// Sets one part (`what`) of the URL to the string `part`, or, when `part` is NULL, clears
/// that part (`CURLUPART_URL` with NULL clears the whole handle). The string is copied.
///
/// `CURLUPART_URL` parses a complete URL, or resolves a relative one against the URL already
/// in the handle. `flags` are `CURLU_*` bits: `CURLU_DEFAULT_SCHEME`,
/// `CURLU_NON_SUPPORT_SCHEME`, `CURLU_PATH_AS_IS`, `CURLU_DISALLOW_USER`, `CURLU_URLENCODE`,
/// `CURLU_APPENDQUERY`, `CURLU_GUESS_SCHEME`, `CURLU_NO_AUTHORITY`, `CURLU_ALLOW_SPACE`;
/// others are ignored. On error the handle is unchanged.
///
/// Errors: `CURLUE_BAD_HANDLE` for a NULL handle, `CURLUE_UNKNOWN_PART`, and the parse
/// errors (`CURLUE_MALFORMED_INPUT`, `CURLUE_BAD_PORT_NUMBER`, `CURLUE_UNSUPPORTED_SCHEME`,
/// `CURLUE_BAD_HOSTNAME`, ...).
///
/// # Safety
/// `u` is NULL or a live URL handle; `part` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn curl_url_set(
    u: *mut CURLU,
    what: CURLUPart_arg,
    part: *const c_char,
    flags: c_uint,
) -> CURLUcode {
    guard(CURLUE_OUT_OF_MEMORY, || {
        // SAFETY: the caller's contract.
        let Some(url) = (unsafe { url_mut(u) }) else {
            return CURLUE_BAD_HANDLE;
        };
        let Some(which) = part_of(what) else {
            return CURLUE_UNKNOWN_PART;
        };
        // SAFETY: NULL or a NUL-terminated string (caller).
        let value = unsafe { cstr(part) };
        match url.set(which, value, ParseFlags::from_bits(flags)) {
            Ok(()) => CURLUE_OK,
            Err(e) => ucode(e),
        }
    })
}

/// Converts a date string to seconds since 1970-01-01 00:00:00 GMT, with libcurl's rules:
/// RFC 1123 (`Sun, 06 Nov 1994 08:49:37 GMT`), RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`),
/// asctime (`Sun Nov  6 08:49:37 1994`), `YYYYMMDD`, and other orders of the same pieces;
/// named time zones and `+hhmm`/`-hhmm` offsets. Returns -1 when the string cannot be
/// parsed, or is NULL. The second argument is ignored (it always was).
///
/// # Safety
/// `p` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn curl_getdate(
    p: *const c_char,
    unused: *const libc::time_t,
) -> libc::time_t {
    let _ = unused;
    guard(-1, || {
        // SAFETY: NULL or a NUL-terminated string (caller).
        let Some(text) = (unsafe { cstr(p) }) else {
            // libcurl 7.88.1 crashes on NULL; -1 is its answer for anything unparsable.
            return -1;
        };
        match crate::http::response::getdate_capped(text) {
            // The capped form gives the largest time for a date past the end of time_t;
            // curl_getdate reports that as a failure.
            Some(t) if t == i64::MAX => -1,
            Some(t) => libc::time_t::try_from(t).unwrap_or(-1),
            None => -1,
        }
    })
}

/// The URL a transfer uses when `CURLOPT_CURLU` is set: the handle rendered as
/// `curl_url_get(CURLUPART_URL)` with no flags renders it. `None` when no URL handle is set.
///
/// `url_set` says whether the easy handle has a URL of its own (`CURLOPT_URL`, or the one
/// rendered by an earlier transfer): libcurl 7.88.1 then skips the rendering and fails later,
/// when it reads the scheme and the host, without an error text.
///
/// # Safety
/// `curlu` is NULL or a live URL handle (libcurl borrows it for as long as it is set).
pub(crate) unsafe fn transfer_url(
    curlu: *const CURLU,
    url_set: bool,
) -> Option<Result<String, Error>> {
    // SAFETY: the caller's contract; only read here.
    let url = unsafe { curlu.cast::<Url>().as_ref() }?;
    Some(match url.get(Part::Url, ParseFlags::empty()) {
        Ok(bytes) => Ok(String::from_utf8_lossy(&bytes).into_owned()),
        Err(_) if !url_set => Err(Error::new(Code::UrlMalformat, "No URL set")),
        Err(_) if url.raw(Part::Scheme).is_none() => Err(Error::bare(Code::UrlMalformat)),
        // A scheme but no host: 7.88.1 reports the failed read of the host as out of memory.
        Err(_) => Err(Error::bare(Code::OutOfMemory)),
    })
}
