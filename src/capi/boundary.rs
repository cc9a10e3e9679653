//! The pieces every exported function uses: the panic boundary, NULL-safe reads of C
//! strings and buffers, and copies into memory the application frees with `curl_free`.

use std::ffi::{c_char, c_void, CStr};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::RwLock;

/// Runs `f`, turning a panic into `fallback`: nothing unwinds into C.
pub(crate) fn guard<R>(fallback: R, f: impl FnOnce() -> R) -> R {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or(fallback)
}

/// Reads a NUL-terminated C string; NULL gives `None`.
///
/// # Safety
/// `p` is NULL or points to a NUL-terminated string valid for the returned lifetime.
pub(crate) unsafe fn cstr<'a>(p: *const c_char) -> Option<&'a [u8]> {
    if p.is_null() {
        None
    } else {
        // SAFETY: the caller promises a valid NUL-terminated string.
        Some(unsafe { CStr::from_ptr(p) }.to_bytes())
    }
}

/// A C string as owned UTF-8, with invalid bytes replaced (libcurl treats strings as bytes;
/// the places we store them only ever need ASCII to match).
///
/// # Safety
/// As [`cstr`].
pub(crate) unsafe fn cstring_lossy(p: *const c_char) -> Option<String> {
    // SAFETY: forwarded contract.
    unsafe { cstr(p) }.map(|b| String::from_utf8_lossy(b).into_owned())
}

/// A buffer of `len` bytes at `p`; NULL or zero length gives an empty slice.
///
/// # Safety
/// When `len > 0`, `p` points to `len` readable bytes valid for the returned lifetime.
pub(crate) unsafe fn bytes<'a>(p: *const c_void, len: usize) -> &'a [u8] {
    if p.is_null() || len == 0 {
        &[]
    } else {
        // SAFETY: non-NULL and the caller promises `len` readable bytes.
        unsafe { std::slice::from_raw_parts(p.cast::<u8>(), len) }
    }
}

type MallocFn = unsafe extern "C" fn(usize) -> *mut c_void;
type FreeFn = unsafe extern "C" fn(*mut c_void);

/// The allocator for memory the application frees: libc's, or the pair given to
/// `curl_global_init_mem`.
static ALLOCATOR: RwLock<Option<(MallocFn, FreeFn)>> = RwLock::new(None);

pub(crate) fn set_allocator(m: MallocFn, f: FreeFn) {
    if let Ok(mut a) = ALLOCATOR.write() {
        *a = Some((m, f));
    }
}

/// Allocates memory that the application will release through `curl_free`.
pub(crate) fn malloc(size: usize) -> *mut c_void {
    let custom = ALLOCATOR.read().ok().and_then(|a| *a);
    match custom {
        // SAFETY: the application's malloc callback, called as malloc.
        Some((m, _)) => unsafe { m(size) },
        // SAFETY: plain allocation.
        None => unsafe { libc::malloc(size) },
    }
}

/// Releases memory from [`malloc`].
pub(crate) fn free(p: *mut c_void) {
    if p.is_null() {
        return;
    }
    let custom = ALLOCATOR.read().ok().and_then(|a| *a);
    match custom {
        // SAFETY: memory from the matching allocator (see `malloc`).
        Some((_, f)) => unsafe { f(p) },
        // SAFETY: as above.
        None => unsafe { libc::free(p) },
    }
}

/// Copies `data` into a NUL-terminated block from [`malloc`], which the application
/// releases with `curl_free`. NULL when allocation fails.
pub(crate) fn malloc_cstring(data: &[u8]) -> *mut c_char {
    let p = malloc(data.len() + 1).cast::<u8>();
    if p.is_null() {
        return std::ptr::null_mut();
    }
    // SAFETY: `p` has room for `data.len() + 1` bytes and does not overlap `data`.
    unsafe {
        std::ptr::copy_nonoverlapping(data.as_ptr(), p, data.len());
        *p.add(data.len()) = 0;
    }
    p.cast()
}

/// Writes `value` through an out-pointer if the application gave one.
///
/// # Safety
/// `out` is NULL or valid for writing a `T`.
pub(crate) unsafe fn put<T>(out: *mut T, value: T) {
    if !out.is_null() {
        // SAFETY: non-NULL and the caller promises it is writable.
        unsafe { out.write(value) };
    }
}
