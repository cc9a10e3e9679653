//! The header API: `curl_easy_header` and `curl_easy_nextheader` over the headers the
//! handle's last transfer received. The returned struct lives in the handle and is
//! overwritten by the next call, as libcurl documents.

use std::collections::HashMap;
use std::ffi::{c_char, c_int, c_uint, c_void, CString};
use std::ptr;

use super::abi::{
    curl_header, CURLHcode, CURL, CURLH_1XX, CURLH_CONNECT, CURLH_HEADER, CURLH_PSEUDO,
    CURLH_TRAILER,
};
use super::boundary::{cstr, guard};
use super::handle::EasyHandle;
use crate::info::{HeaderEntry, HeaderOrigin};

use CURLHcode::*;

const ALL_ORIGINS: c_uint =
    (CURLH_HEADER | CURLH_TRAILER | CURLH_CONNECT | CURLH_1XX | CURLH_PSEUDO) as c_uint;
/// 7.88.1 reports each header's origin with this extra bit set (an internal marker that
/// shows through its API); programs compare the value, so we report the same.
const ORIGIN_MARK: c_uint = 1 << 27;

fn origin_bit(o: HeaderOrigin) -> c_uint {
    (match o {
        HeaderOrigin::Header => CURLH_HEADER,
        HeaderOrigin::Trailer => CURLH_TRAILER,
        HeaderOrigin::Informational => CURLH_1XX,
        HeaderOrigin::Connect => CURLH_CONNECT,
    }) as c_uint
}

/// What the calls handed out: the struct (one per handle, overwritten by each call, as in
/// libcurl) and the strings it pointed to. The strings of a header stay valid while the
/// handle keeps its headers, as libcurl's do: programs pass a returned name back in
/// (`curl_easy_header(h, hdr->name, i, ...)`) after the struct has moved on.
#[derive(Default)]
pub(crate) struct HeaderOut {
    strings: HashMap<usize, (CString, CString)>,
    header: Option<Box<curl_header>>,
}

fn c_string(s: &str) -> CString {
    CString::new(s.bytes().filter(|&b| b != 0).collect::<Vec<u8>>()).unwrap_or_default()
}

impl HeaderOut {
    /// Fills the struct for `entry` (the `index`-th of `amount` with its name); `anchor`
    /// remembers its position for `curl_easy_nextheader`.
    fn fill(
        &mut self,
        entry: &HeaderEntry,
        index: usize,
        amount: usize,
        anchor: usize,
    ) -> *mut curl_header {
        let (name, value) = (c_string(&entry.name), c_string(&entry.value));
        // A header at this position from an earlier transfer is replaced; the same one
        // keeps its strings.
        let kept = self
            .strings
            .entry(anchor)
            .or_insert_with(|| (name.clone(), value.clone()));
        if kept.0 != name || kept.1 != value {
            *kept = (name, value);
        }
        let (name_ptr, value_ptr) = (kept.0.as_ptr(), kept.1.as_ptr());
        let h = self.header.get_or_insert_with(|| {
            Box::new(curl_header {
                name: ptr::null_mut(),
                value: ptr::null_mut(),
                amount: 0,
                index: 0,
                origin: 0,
                anchor: ptr::null_mut(),
            })
        });
        h.name = name_ptr as *mut c_char;
        h.value = value_ptr as *mut c_char;
        h.amount = amount;
        h.index = index;
        h.origin = origin_bit(entry.origin) | ORIGIN_MARK;
        // The anchor is an opaque position (1-based, so it is never NULL).
        h.anchor = (anchor + 1) as *mut c_void;
        &mut **h as *mut curl_header
    }
}

/// The request index a call means: -1 is the last one.
fn request_index(request: c_int, last: u32) -> Option<u32> {
    match request {
        -1 => Some(last),
        r if r >= 0 && (r as u32) <= last => Some(r as u32),
        _ => None,
    }
}

/// # Safety
/// `easy` is NULL or a live easy handle; `name` is NULL or a C string; `hout` is NULL or
/// writable.
#[no_mangle]
pub unsafe extern "C" fn curl_easy_header(
    easy: *mut CURL,
    name: *const c_char,
    index: usize,
    origin: c_uint,
    request: c_int,
    hout: *mut *mut curl_header,
) -> CURLHcode {
    guard(CURLHE_BAD_ARGUMENT, || {
        // SAFETY: the application's pointers, checked for NULL (and the handle's magic).
        let (h, name) = match unsafe { (EasyHandle::from_ptr(easy), cstr(name)) } {
            (Some(h), Some(n)) if !hout.is_null() => (h, n),
            _ => return CURLHE_BAD_ARGUMENT,
        };
        if origin == 0 || origin > ALL_ORIGINS || request < -1 {
            return CURLHE_BAD_ARGUMENT;
        }
        let Ok(info) = h.info.lock() else {
            return CURLHE_BAD_ARGUMENT;
        };
        if info.headers.is_empty() {
            return CURLHE_NOHEADERS;
        }
        let Some(request) = request_index(request, info.requests) else {
            return CURLHE_NOREQUEST;
        };
        let matches: Vec<usize> = info
            .headers
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                e.request == request
                    && origin_bit(e.origin) & origin != 0
                    && e.name.as_bytes().eq_ignore_ascii_case(name)
            })
            .map(|(i, _)| i)
            .collect();
        if matches.is_empty() {
            return CURLHE_MISSING;
        }
        let Some(&at) = matches.get(index) else {
            return CURLHE_BADINDEX;
        };
        let out = h
            .header_out
            .borrow_mut()
            .fill(&info.headers[at], index, matches.len(), at);
        // SAFETY: checked non-NULL above; the application's out-pointer.
        unsafe { hout.write(out) };
        CURLHE_OK
    })
}

/// # Safety
/// `easy` is a live easy handle; `prev` is NULL or the struct this API returned last.
#[no_mangle]
pub unsafe extern "C" fn curl_easy_nextheader(
    easy: *mut CURL,
    origin: c_uint,
    request: c_int,
    prev: *mut curl_header,
) -> *mut curl_header {
    guard(ptr::null_mut(), || {
        // SAFETY: checked for NULL and magic.
        let Some(h) = (unsafe { EasyHandle::from_ptr(easy) }) else {
            return ptr::null_mut();
        };
        let Ok(info) = h.info.lock() else {
            return ptr::null_mut();
        };
        let Some(request) = request_index(request, info.requests) else {
            return ptr::null_mut();
        };
        let start = if prev.is_null() {
            0
        } else {
            // SAFETY: `prev` is the struct we handed out (libcurl's contract); only its
            // anchor, our own position number, is read.
            unsafe { (*prev).anchor as usize }
        };
        let wanted = |e: &HeaderEntry| e.request == request && origin_bit(e.origin) & origin != 0;
        let Some((at, entry)) = info
            .headers
            .iter()
            .enumerate()
            .skip(start)
            .find(|(_, e)| wanted(e))
        else {
            return ptr::null_mut();
        };
        // Its place among the headers of the same name, as curl_easy_header counts them.
        let same: Vec<usize> = info
            .headers
            .iter()
            .enumerate()
            .filter(|(_, e)| wanted(e) && e.name.eq_ignore_ascii_case(&entry.name))
            .map(|(i, _)| i)
            .collect();
        let index = same.iter().position(|&i| i == at).unwrap_or(0);
        h.header_out.borrow_mut().fill(entry, index, same.len(), at)
    })
}
