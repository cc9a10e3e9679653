//! Functions whose feature arrives in a later step of this library. Each returns the value
//! libcurl documents for failure or for a build without the feature, so programs that link
//! them (Debian's curl tool binds all 53 it imports at load time) start and get a clear
//! answer. The README's function table lists them as not built in.

use std::ffi::{c_char, c_int, c_uint, c_void};
use std::ptr;

use super::abi::*;
use super::strerror;

#[no_mangle]
pub extern "C" fn curl_multi_strerror(code: CURLMcode_arg) -> *const c_char {
    strerror::lookup(strerror::MULTI, -1, code.into(), strerror::UNKNOWN)
        .as_ptr()
        .cast()
}
#[no_mangle]
pub extern "C" fn curl_pushheader_bynum(h: *mut curl_pushheaders, num: usize) -> *mut c_char {
    let _ = (h, num);
    ptr::null_mut()
}
#[no_mangle]
pub extern "C" fn curl_pushheader_byname(
    h: *mut curl_pushheaders,
    name: *const c_char,
) -> *mut c_char {
    let _ = (h, name);
    ptr::null_mut()
}

// --- URL API (the rest is in urlapi.rs) ---

#[no_mangle]
pub extern "C" fn curl_url_strerror(code: CURLUcode_arg) -> *const c_char {
    strerror::lookup(strerror::URL, 0, code.into(), strerror::URL_UNKNOWN)
        .as_ptr()
        .cast()
}

// --- mime and the old form API ---

#[no_mangle]
pub extern "C" fn curl_mime_init(easy: *mut CURL) -> *mut curl_mime {
    let _ = easy;
    ptr::null_mut()
}
#[no_mangle]
pub extern "C" fn curl_mime_free(mime: *mut curl_mime) {
    let _ = mime;
}
#[no_mangle]
pub extern "C" fn curl_mime_addpart(mime: *mut curl_mime) -> *mut curl_mimepart {
    let _ = mime;
    ptr::null_mut()
}
#[no_mangle]
pub extern "C" fn curl_mime_name(part: *mut curl_mimepart, name: *const c_char) -> CURLcode {
    let _ = (part, name);
    CURLcode::CURLE_NOT_BUILT_IN
}
#[no_mangle]
pub extern "C" fn curl_mime_filename(part: *mut curl_mimepart, name: *const c_char) -> CURLcode {
    let _ = (part, name);
    CURLcode::CURLE_NOT_BUILT_IN
}
#[no_mangle]
pub extern "C" fn curl_mime_type(part: *mut curl_mimepart, t: *const c_char) -> CURLcode {
    let _ = (part, t);
    CURLcode::CURLE_NOT_BUILT_IN
}
#[no_mangle]
pub extern "C" fn curl_mime_encoder(part: *mut curl_mimepart, e: *const c_char) -> CURLcode {
    let _ = (part, e);
    CURLcode::CURLE_NOT_BUILT_IN
}
#[no_mangle]
pub extern "C" fn curl_mime_data(
    part: *mut curl_mimepart,
    data: *const c_char,
    size: usize,
) -> CURLcode {
    let _ = (part, data, size);
    CURLcode::CURLE_NOT_BUILT_IN
}
#[no_mangle]
pub extern "C" fn curl_mime_filedata(part: *mut curl_mimepart, name: *const c_char) -> CURLcode {
    let _ = (part, name);
    CURLcode::CURLE_NOT_BUILT_IN
}
#[no_mangle]
pub extern "C" fn curl_mime_data_cb(
    part: *mut curl_mimepart,
    size: curl_off_t,
    read: curl_read_callback,
    seek: curl_seek_callback,
    free: curl_free_callback,
    arg: *mut c_void,
) -> CURLcode {
    let _ = (part, size, read, seek, free, arg);
    CURLcode::CURLE_NOT_BUILT_IN
}
#[no_mangle]
pub extern "C" fn curl_mime_subparts(part: *mut curl_mimepart, sub: *mut curl_mime) -> CURLcode {
    let _ = (part, sub);
    CURLcode::CURLE_NOT_BUILT_IN
}
#[no_mangle]
pub extern "C" fn curl_mime_headers(
    part: *mut curl_mimepart,
    headers: *mut curl_slist,
    take: c_int,
) -> CURLcode {
    let _ = (part, headers, take);
    CURLcode::CURLE_NOT_BUILT_IN
}
#[no_mangle]
pub extern "C" fn curl_formget(
    form: *mut curl_httppost,
    arg: *mut c_void,
    append: curl_formget_callback,
) -> c_int {
    let _ = (form, arg, append);
    1
}
#[no_mangle]
pub extern "C" fn curl_formfree(form: *mut curl_httppost) {
    let _ = form;
}

// --- header API, raw send/recv, websockets ---

#[no_mangle]
pub extern "C" fn curl_easy_recv(
    easy: *mut CURL,
    buf: *mut c_void,
    len: usize,
    n: *mut usize,
) -> CURLcode {
    let _ = (easy, buf, len, n);
    CURLcode::CURLE_NOT_BUILT_IN
}
#[no_mangle]
pub extern "C" fn curl_easy_send(
    easy: *mut CURL,
    buf: *const c_void,
    len: usize,
    n: *mut usize,
) -> CURLcode {
    let _ = (easy, buf, len, n);
    CURLcode::CURLE_NOT_BUILT_IN
}
#[no_mangle]
pub extern "C" fn curl_ws_recv(
    easy: *mut CURL,
    buf: *mut c_void,
    len: usize,
    recv: *mut usize,
    meta: *mut *mut curl_ws_frame,
) -> CURLcode {
    let _ = (easy, buf, len, recv, meta);
    CURLcode::CURLE_NOT_BUILT_IN
}
#[no_mangle]
pub extern "C" fn curl_ws_send(
    easy: *mut CURL,
    buf: *const c_void,
    len: usize,
    sent: *mut usize,
    framesize: curl_off_t,
    flags: c_uint,
) -> CURLcode {
    let _ = (easy, buf, len, sent, framesize, flags);
    CURLcode::CURLE_NOT_BUILT_IN
}
#[no_mangle]
pub extern "C" fn curl_ws_meta(easy: *mut CURL) -> *mut curl_ws_frame {
    let _ = easy;
    ptr::null_mut()
}
