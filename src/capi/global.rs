//! Process-wide functions: global init/cleanup, version information, slists, the option
//! introspection table and the small string helpers.

use std::ffi::{c_char, c_int, c_long, c_uint};
use std::ptr;
use std::sync::{Mutex, OnceLock};

use super::abi::easyoptions::EASY_OPTIONS;
use super::abi::*;
use super::boundary::{cstr, guard, malloc_cstring};
use super::tls_opts;

static GLOBAL_INITS: Mutex<u32> = Mutex::new(0);

/// Reference-counted; our library needs no global state, so init only counts (thread-safe,
/// and `curl_easy_init` works without it, as libcurl's).
#[no_mangle]
pub extern "C" fn curl_global_init(flags: c_long) -> CURLcode {
    let _ = flags;
    guard(CURLcode::CURLE_FAILED_INIT, || {
        if let Ok(mut n) = GLOBAL_INITS.lock() {
            *n = n.saturating_add(1);
        }
        CURLcode::CURLE_OK
    })
}

/// With memory callbacks, everything the application frees with `curl_free` (or frees as an
/// slist) is allocated and released through them.
#[no_mangle]
pub extern "C" fn curl_global_init_mem(
    flags: c_long,
    m: curl_malloc_callback,
    f: curl_free_callback,
    r: curl_realloc_callback,
    s: curl_strdup_callback,
    c: curl_calloc_callback,
) -> CURLcode {
    let (Some(m), Some(f)) = (m, f) else {
        return CURLcode::CURLE_FAILED_INIT;
    };
    if r.is_none() || s.is_none() || c.is_none() {
        return CURLcode::CURLE_FAILED_INIT;
    }
    super::boundary::set_allocator(m, f);
    curl_global_init(flags)
}

#[no_mangle]
pub extern "C" fn curl_global_cleanup() {
    guard((), || {
        if let Ok(mut n) = GLOBAL_INITS.lock() {
            *n = n.saturating_sub(1);
        }
    })
}

/// One backend is built in, rustls, and it is always the one in use. OK when the request
/// names it or the OpenSSL backend Debian's libcurl.so.4 has (programs built against that,
/// such as pycurl, ask for it and refuse to load otherwise), or asks for any (-1 and no
/// name); else `CURLSSLSET_UNKNOWN_BACKEND`, as a libcurl built with one backend answers.
/// `*avail`, when given, is set either way to the NULL-terminated list of our one backend.
///
/// # Safety
/// `name` is NULL or a C string; `avail` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn curl_global_sslset(
    id: curl_sslbackend_arg,
    name: *const c_char,
    avail: *mut *mut *const curl_ssl_backend,
) -> CURLsslset {
    guard(CURLsslset::CURLSSLSET_UNKNOWN_BACKEND, || {
        // SAFETY: the caller's out-pointer.
        unsafe { super::boundary::put(avail, BACKENDS.0.as_ptr() as *mut *const curl_ssl_backend) };
        // SAFETY: the caller's string.
        if tls_opts::sslset_selects_us(id, unsafe { cstr(name) }) {
            CURLsslset::CURLSSLSET_OK
        } else {
            CURLsslset::CURLSSLSET_UNKNOWN_BACKEND
        }
    })
}

/// Our one TLS backend as `curl_global_sslset` lists it.
struct Backend(curl_ssl_backend);
// SAFETY: immutable; the name points to a static string.
unsafe impl Sync for Backend {}
static RUSTLS_BACKEND: Backend = Backend(curl_ssl_backend {
    id: tls_opts::BACKEND_ID,
    name: tls_opts::BACKEND_NAME.as_ptr(),
});
static BACKENDS: SyncPtrs<curl_ssl_backend, 2> =
    SyncPtrs([&RUSTLS_BACKEND.0 as *const curl_ssl_backend, ptr::null()]);

/// A NULL-terminated array of pointers to static data, shareable between threads.
#[repr(transparent)]
struct SyncPtrs<T: 'static, const N: usize = 1>([*const T; N]);
// SAFETY: the pointers point to immutable static data.
unsafe impl<T, const N: usize> Sync for SyncPtrs<T, N> {}
// SAFETY: as above.
unsafe impl<T, const N: usize> Send for SyncPtrs<T, N> {}

/// As libcurl's: the library, then the TLS library (before the others).
const VERSION_STRING: &str = concat!(
    "libcurl/7.88.1 rustls/",
    tls_opts::rustls_version!(),
    " rcurl/",
    env!("CARGO_PKG_VERSION"),
    "\0"
);

#[no_mangle]
pub extern "C" fn curl_version() -> *mut c_char {
    VERSION_STRING.as_ptr() as *mut c_char
}

/// Feature bits and names that are true of this library, in libcurl's order.
const FEATURES: &[(c_int, &str)] = &[
    (CURL_VERSION_ASYNCHDNS, "AsynchDNS\0"),
    (CURL_VERSION_IPV6, "IPv6\0"),
    (CURL_VERSION_LARGEFILE, "Largefile\0"),
    (CURL_VERSION_LIBZ, "libz\0"),
    (CURL_VERSION_SSL, "SSL\0"),
    (CURL_VERSION_THREADSAFE, "threadsafe\0"),
    (CURL_VERSION_UNIX_SOCKETS, "UnixSockets\0"),
];
const PROTOCOLS: &[&str] = &["file\0", "http\0", "https\0"];

struct VersionInfo {
    data: curl_version_info_data,
    _protocols: Vec<*const c_char>,
    _features: Vec<*const c_char>,
}
// SAFETY: built once, never mutated; all pointers point to static strings or the boxed
// vectors kept alongside.
unsafe impl Sync for VersionInfo {}
// SAFETY: as above.
unsafe impl Send for VersionInfo {}

fn version_info() -> &'static VersionInfo {
    static INFO: OnceLock<VersionInfo> = OnceLock::new();
    INFO.get_or_init(|| {
        let s = |t: &'static str| t.as_ptr() as *const c_char;
        let mut protocols: Vec<*const c_char> = PROTOCOLS.iter().map(|p| s(p)).collect();
        protocols.push(ptr::null());
        let mut features: Vec<*const c_char> = FEATURES.iter().map(|f| s(f.1)).collect();
        features.push(ptr::null());
        let bits = FEATURES.iter().fold(0, |acc, f| acc | f.0);
        let data = curl_version_info_data {
            age: CURLversion::CURLVERSION_ELEVENTH,
            version: s("7.88.1\0"),
            version_num: 0x075801,
            host: s("x86_64-pc-linux-gnu\0"),
            features: bits,
            ssl_version: s(tls_opts::SSL_VERSION),
            ssl_version_num: 0,
            libz_version: s("miniz_oxide\0"),
            protocols: protocols.as_ptr(),
            ares: ptr::null(),
            ares_num: 0,
            libidn: ptr::null(),
            iconv_ver_num: 0,
            libssh_version: ptr::null(),
            brotli_ver_num: 0,
            brotli_version: ptr::null(),
            nghttp2_ver_num: 0,
            nghttp2_version: ptr::null(),
            quic_version: ptr::null(),
            cainfo: tls_opts::DEFAULT_CA_BUNDLE.as_ptr(),
            capath: tls_opts::DEFAULT_CA_PATH.as_ptr(),
            zstd_ver_num: 0,
            zstd_version: ptr::null(),
            hyper_version: ptr::null(),
            gsasl_version: ptr::null(),
            feature_names: features.as_ptr(),
        };
        VersionInfo {
            data,
            _protocols: protocols,
            _features: features,
        }
    })
}

/// Always the newest layout (age 10), whatever `stamp` asks for, as 7.88.1.
#[no_mangle]
pub extern "C" fn curl_version_info(stamp: CURLversion_arg) -> *mut curl_version_info_data {
    let _ = stamp;
    guard(ptr::null_mut(), || {
        &version_info().data as *const _ as *mut _
    })
}

/// # Safety
/// `list` is NULL or a list from `curl_slist_append`; `data` is NULL or a C string.
#[no_mangle]
pub unsafe extern "C" fn curl_slist_append(
    list: *mut curl_slist,
    data: *const c_char,
) -> *mut curl_slist {
    guard(ptr::null_mut(), || {
        // SAFETY: caller's string.
        let Some(bytes) = (unsafe { cstr(data) }) else {
            return ptr::null_mut();
        };
        let copy = malloc_cstring(bytes);
        if copy.is_null() {
            return ptr::null_mut();
        }
        let node = super::boundary::malloc(std::mem::size_of::<curl_slist>()).cast::<curl_slist>();
        if node.is_null() {
            super::boundary::free(copy.cast());
            return ptr::null_mut();
        }
        // SAFETY: `node` is a fresh allocation of the right size.
        unsafe {
            node.write(curl_slist {
                data: copy,
                next: ptr::null_mut(),
            })
        };
        if list.is_null() {
            return node;
        }
        let mut last = list;
        // SAFETY: walking the caller's valid list.
        unsafe {
            while !(*last).next.is_null() {
                last = (*last).next;
            }
            (*last).next = node;
        }
        list
    })
}

/// # Safety
/// `list` is NULL or a list from `curl_slist_append`, not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn curl_slist_free_all(mut list: *mut curl_slist) {
    guard((), || {
        while !list.is_null() {
            // SAFETY: a valid node from curl_slist_append, read before it is freed.
            let next = unsafe { (*list).next };
            // SAFETY: as above.
            super::boundary::free(unsafe { (*list).data }.cast());
            super::boundary::free(list.cast());
            list = next;
        }
    })
}

struct OptionTable {
    rows: Vec<curl_easyoption>,
    _names: Vec<Vec<u8>>,
}
// SAFETY: built once, never mutated; names live alongside.
unsafe impl Sync for OptionTable {}
// SAFETY: as above.
unsafe impl Send for OptionTable {}

fn option_table() -> &'static OptionTable {
    static TABLE: OnceLock<OptionTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let names: Vec<Vec<u8>> = EASY_OPTIONS
            .iter()
            .map(|r| {
                let mut n = r.name.as_bytes().to_vec();
                n.push(0);
                n
            })
            .collect();
        let rows = EASY_OPTIONS
            .iter()
            .zip(&names)
            .map(|(r, n)| curl_easyoption {
                name: n.as_ptr().cast(),
                id: r.id,
                r#type: r.kind,
                flags: if r.alias {
                    CURLOT_FLAG_ALIAS as c_uint
                } else {
                    0
                },
            })
            .collect();
        OptionTable {
            rows,
            _names: names,
        }
    })
}

/// # Safety
/// `name` is NULL or a C string.
#[no_mangle]
pub unsafe extern "C" fn curl_easy_option_by_name(name: *const c_char) -> *const curl_easyoption {
    guard(ptr::null(), || {
        // SAFETY: caller's string.
        let Some(name) = (unsafe { cstr(name) }) else {
            return ptr::null();
        };
        let t = option_table();
        EASY_OPTIONS
            .iter()
            .position(|r| r.name.as_bytes().eq_ignore_ascii_case(name))
            .map_or(ptr::null(), |i| &t.rows[i] as *const _)
    })
}

#[no_mangle]
pub extern "C" fn curl_easy_option_by_id(id: CURLoption_arg) -> *const curl_easyoption {
    guard(ptr::null(), || {
        let t = option_table();
        EASY_OPTIONS
            .iter()
            .position(|r| r.id == id && !r.alias)
            .map_or(ptr::null(), |i| &t.rows[i] as *const _)
    })
}

/// # Safety
/// `prev` is NULL or a pointer this table returned.
#[no_mangle]
pub unsafe extern "C" fn curl_easy_option_next(
    prev: *const curl_easyoption,
) -> *const curl_easyoption {
    guard(ptr::null(), || {
        let rows = &option_table().rows;
        if prev.is_null() {
            return rows.first().map_or(ptr::null(), |r| r as *const _);
        }
        let base = rows.as_ptr() as usize;
        let size = std::mem::size_of::<curl_easyoption>();
        let Some(offset) = (prev as usize).checked_sub(base) else {
            return ptr::null();
        };
        let next = offset / size + 1;
        if offset % size != 0 || next >= rows.len() {
            return ptr::null();
        }
        &rows[next] as *const _
    })
}

/// # Safety
/// Both are NULL or C strings.
#[no_mangle]
pub unsafe extern "C" fn curl_strequal(a: *const c_char, b: *const c_char) -> c_int {
    // SAFETY: caller's strings.
    match unsafe { (cstr(a), cstr(b)) } {
        (Some(a), Some(b)) => a.eq_ignore_ascii_case(b).into(),
        _ => 0,
    }
}

/// # Safety
/// Both are NULL or C strings (only the first `n` bytes matter).
#[no_mangle]
pub unsafe extern "C" fn curl_strnequal(a: *const c_char, b: *const c_char, n: usize) -> c_int {
    // SAFETY: caller's strings.
    match unsafe { (cstr(a), cstr(b)) } {
        (Some(a), Some(b)) => {
            let (a, b) = (&a[..a.len().min(n)], &b[..b.len().min(n)]);
            a.eq_ignore_ascii_case(b).into()
        }
        _ => 0,
    }
}

/// A malloc'ed copy of an environment variable, or NULL.
///
/// # Safety
/// `name` is NULL or a C string.
#[no_mangle]
pub unsafe extern "C" fn curl_getenv(name: *const c_char) -> *mut c_char {
    guard(ptr::null_mut(), || {
        if name.is_null() {
            return ptr::null_mut();
        }
        // SAFETY: getenv with a valid C string; the value is copied at once.
        let v = unsafe { libc::getenv(name) };
        // SAFETY: getenv returns NULL or a C string.
        // An empty value counts as unset, as libcurl's.
        match unsafe { cstr(v) } {
            Some(b) if !b.is_empty() => malloc_cstring(b),
            _ => ptr::null_mut(),
        }
    })
}
