//! Handles, plain structs and callback signatures used across the easy interface.

use std::ffi::{c_char, c_double, c_int, c_long, c_uint, c_void};

use super::*;

/// Identifies a TLS library; used by `curl_global_sslset` and `CURLINFO_TLS_SSL_PTR`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum curl_sslbackend {
    CURLSSLBACKEND_NONE = 0,
    CURLSSLBACKEND_OPENSSL = 1,
    CURLSSLBACKEND_GNUTLS = 2,
    CURLSSLBACKEND_NSS = 3,
    CURLSSLBACKEND_OBSOLETE4 = 4,
    CURLSSLBACKEND_GSKIT = 5,
    CURLSSLBACKEND_POLARSSL = 6,
    CURLSSLBACKEND_WOLFSSL = 7,
    CURLSSLBACKEND_SCHANNEL = 8,
    CURLSSLBACKEND_SECURETRANSPORT = 9,
    CURLSSLBACKEND_AXTLS = 10,
    CURLSSLBACKEND_MBEDTLS = 11,
    CURLSSLBACKEND_MESALINK = 12,
    CURLSSLBACKEND_BEARSSL = 13,
    CURLSSLBACKEND_RUSTLS = 14,
}

impl curl_sslbackend {
    /// The variant whose C value is `value`, if there is one.
    pub const fn from_raw(value: c_int) -> Option<Self> {
        match value {
            0 => Some(Self::CURLSSLBACKEND_NONE),
            1 => Some(Self::CURLSSLBACKEND_OPENSSL),
            2 => Some(Self::CURLSSLBACKEND_GNUTLS),
            3 => Some(Self::CURLSSLBACKEND_NSS),
            4 => Some(Self::CURLSSLBACKEND_OBSOLETE4),
            5 => Some(Self::CURLSSLBACKEND_GSKIT),
            6 => Some(Self::CURLSSLBACKEND_POLARSSL),
            7 => Some(Self::CURLSSLBACKEND_WOLFSSL),
            8 => Some(Self::CURLSSLBACKEND_SCHANNEL),
            9 => Some(Self::CURLSSLBACKEND_SECURETRANSPORT),
            10 => Some(Self::CURLSSLBACKEND_AXTLS),
            11 => Some(Self::CURLSSLBACKEND_MBEDTLS),
            12 => Some(Self::CURLSSLBACKEND_MESALINK),
            13 => Some(Self::CURLSSLBACKEND_BEARSSL),
            14 => Some(Self::CURLSSLBACKEND_RUSTLS),
            _ => None,
        }
    }
}

/// Kind of a directory entry reported to FTP wildcard (chunk) callbacks.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum curlfiletype {
    CURLFILETYPE_FILE = 0,
    CURLFILETYPE_DIRECTORY = 1,
    CURLFILETYPE_SYMLINK = 2,
    CURLFILETYPE_DEVICE_BLOCK = 3,
    CURLFILETYPE_DEVICE_CHAR = 4,
    CURLFILETYPE_NAMEDPIPE = 5,
    CURLFILETYPE_SOCKET = 6,
    CURLFILETYPE_DOOR = 7,
    CURLFILETYPE_UNKNOWN = 8,
}

impl curlfiletype {
    /// The variant whose C value is `value`, if there is one.
    pub const fn from_raw(value: c_int) -> Option<Self> {
        match value {
            0 => Some(Self::CURLFILETYPE_FILE),
            1 => Some(Self::CURLFILETYPE_DIRECTORY),
            2 => Some(Self::CURLFILETYPE_SYMLINK),
            3 => Some(Self::CURLFILETYPE_DEVICE_BLOCK),
            4 => Some(Self::CURLFILETYPE_DEVICE_CHAR),
            5 => Some(Self::CURLFILETYPE_NAMEDPIPE),
            6 => Some(Self::CURLFILETYPE_SOCKET),
            7 => Some(Self::CURLFILETYPE_DOOR),
            8 => Some(Self::CURLFILETYPE_UNKNOWN),
            _ => None,
        }
    }
}

// Other names of TLS backends.
pub const CURLSSLBACKEND_LIBRESSL: curl_sslbackend = curl_sslbackend::CURLSSLBACKEND_OPENSSL;
pub const CURLSSLBACKEND_BORINGSSL: curl_sslbackend = curl_sslbackend::CURLSSLBACKEND_OPENSSL;
pub const CURLSSLBACKEND_CYASSL: curl_sslbackend = curl_sslbackend::CURLSSLBACKEND_WOLFSSL;
pub const CURLSSLBACKEND_DARWINSSL: curl_sslbackend =
    curl_sslbackend::CURLSSLBACKEND_SECURETRANSPORT;

/// An easy handle as applications see it: an untyped pointer.
pub type CURL = c_void;

/// A share handle as applications see it: an untyped pointer.
pub type CURLSH = c_void;

/// A socket descriptor.
pub type curl_socket_t = c_int;

/// 64-bit file offsets and sizes. Declared in `system.h`, so cbindgen does not print it.
pub type curl_off_t = c_long;

/// Socket address length type. Declared in `system.h`, so cbindgen does not print it.
pub type curl_socklen_t = libc::socklen_t;

/// `curl_sslbackend` as a C caller may pass it: any `int`. Printed as `curl_sslbackend`.
pub type curl_sslbackend_arg = c_int;

/// `curlioerr` as a C callback may return it: any `int`. Printed as `curlioerr`.
pub type curlioerr_arg = c_int;

/// A singly linked list of C strings, owned by whoever built it.
#[repr(C)]
pub struct curl_slist {
    pub data: *mut c_char,
    pub next: *mut curl_slist,
}

/// Binary data for the `CURLOPTTYPE_BLOB` options.
#[repr(C)]
pub struct curl_blob {
    pub data: *mut c_void,
    pub len: usize,
    /// `CURL_BLOB_COPY` or `CURL_BLOB_NOCOPY`.
    pub flags: c_uint,
}

/// The text fields of a `curl_fileinfo` (an unnamed struct in libcurl's header).
#[repr(C)]
pub struct curl_fileinfo_strings {
    pub time: *mut c_char,
    pub perm: *mut c_char,
    pub user: *mut c_char,
    pub group: *mut c_char,
    pub target: *mut c_char,
}

/// A directory entry given to the FTP wildcard (chunk) callbacks.
#[repr(C)]
pub struct curl_fileinfo {
    pub filename: *mut c_char,
    pub filetype: curlfiletype,
    pub time: libc::time_t,
    pub perm: c_uint,
    pub uid: c_int,
    pub gid: c_int,
    pub size: curl_off_t,
    pub hardlinks: c_long,
    pub strings: curl_fileinfo_strings,
    /// `CURLFINFOFLAG_*` bits telling which fields are valid.
    pub flags: c_uint,
    pub b_data: *mut c_char,
    pub b_size: usize,
    pub b_used: usize,
}

/// The address a socket is about to be opened for (open-socket callback).
#[repr(C)]
pub struct curl_sockaddr {
    pub family: c_int,
    pub socktype: c_int,
    pub protocol: c_int,
    pub addrlen: c_uint,
    pub addr: libc::sockaddr,
}

/// An SSH host key, as given to the known-hosts callback.
#[repr(C)]
pub struct curl_khkey {
    pub key: *const c_char,
    pub len: usize,
    pub keytype: curl_khtype,
}

/// The storage of a one-bit C bit-field declared `unsigned int x : 1`.
///
/// GCC puts such a bit in the lowest bit of the next free byte and lets the following
/// small members share that `unsigned int`'s space, so in Rust the field is one byte of
/// which only bit 0 counts. Printed as `unsigned int` in curl.h.
pub type curl_bitfield_uint = u8;

/// One HSTS cache entry, exchanged with the HSTS callbacks.
#[repr(C)]
pub struct curl_hstsentry {
    pub name: *mut c_char,
    pub namelen: usize,
    /// A one-bit field in C (`unsigned int includeSubDomains : 1`): only bit 0 counts, and
    /// C code may leave the other bits of this byte set.
    /// cbindgen:bitfield=1
    pub includeSubDomains: curl_bitfield_uint,
    /// Expiry as "YYYYMMDD HH:MM:SS", NUL-terminated.
    pub expire: [c_char; 18],
}

/// Position of an entry in a sequence (HSTS write callback).
#[repr(C)]
pub struct curl_index {
    pub index: usize,
    pub total: usize,
}

/// A TLS backend available to `curl_global_sslset`.
#[repr(C)]
pub struct curl_ssl_backend {
    pub id: curl_sslbackend,
    pub name: *const c_char,
}

/// Certificate chain details (`CURLINFO_CERTINFO`).
#[repr(C)]
pub struct curl_certinfo {
    pub num_of_certs: c_int,
    pub certinfo: *mut *mut curl_slist,
}

/// TLS library session details (`CURLINFO_TLS_SSL_PTR`).
#[repr(C)]
pub struct curl_tlssessioninfo {
    pub backend: curl_sslbackend,
    pub internals: *mut c_void,
}

/// One response header as returned by the header API.
#[repr(C)]
pub struct curl_header {
    pub name: *mut c_char,
    pub value: *mut c_char,
    /// How many headers share this name.
    pub amount: usize,
    /// Which one of them this is.
    pub index: usize,
    /// A single `CURLH_*` bit.
    pub origin: c_uint,
    pub anchor: *mut c_void,
}

/// Metadata of a WebSocket frame.
#[repr(C)]
pub struct curl_ws_frame {
    pub age: c_int,
    /// `CURLWS_*` bits.
    pub flags: c_int,
    pub offset: curl_off_t,
    pub bytesleft: curl_off_t,
    pub len: usize,
}

/// A MIME structure (opaque to applications).
pub struct curl_mime {
    _private: [u8; 0],
}

/// One part of a MIME structure (opaque to applications).
pub struct curl_mimepart {
    _private: [u8; 0],
}

/// Old-style progress callback (floating-point byte counts).
pub type curl_progress_callback = Option<
    unsafe extern "C" fn(
        clientp: *mut c_void,
        dltotal: c_double,
        dlnow: c_double,
        ultotal: c_double,
        ulnow: c_double,
    ) -> c_int,
>;

/// Progress callback with integer byte counts.
pub type curl_xferinfo_callback = Option<
    unsafe extern "C" fn(
        clientp: *mut c_void,
        dltotal: curl_off_t,
        dlnow: curl_off_t,
        ultotal: curl_off_t,
        ulnow: curl_off_t,
    ) -> c_int,
>;

/// Receives downloaded data (and headers); returns the number of bytes taken.
pub type curl_write_callback = Option<
    unsafe extern "C" fn(
        buffer: *mut c_char,
        size: usize,
        nitems: usize,
        outstream: *mut c_void,
    ) -> usize,
>;

/// Called when a name resolution starts.
pub type curl_resolver_start_callback = Option<
    unsafe extern "C" fn(
        resolver_state: *mut c_void,
        reserved: *mut c_void,
        userdata: *mut c_void,
    ) -> c_int,
>;

/// Called before each file of an FTP wildcard transfer.
pub type curl_chunk_bgn_callback = Option<
    unsafe extern "C" fn(transfer_info: *const c_void, ptr: *mut c_void, remains: c_int) -> c_long,
>;

/// Called after each file of an FTP wildcard transfer.
pub type curl_chunk_end_callback = Option<unsafe extern "C" fn(ptr: *mut c_void) -> c_long>;

/// Pattern matcher for FTP wildcard transfers.
pub type curl_fnmatch_callback = Option<
    unsafe extern "C" fn(ptr: *mut c_void, pattern: *const c_char, string: *const c_char) -> c_int,
>;

/// Repositions the upload source; returns a `CURL_SEEKFUNC_*` code.
pub type curl_seek_callback =
    Option<unsafe extern "C" fn(instream: *mut c_void, offset: curl_off_t, origin: c_int) -> c_int>;

/// Supplies upload data; returns the number of bytes written into `buffer`.
pub type curl_read_callback = Option<
    unsafe extern "C" fn(
        buffer: *mut c_char,
        size: usize,
        nitems: usize,
        instream: *mut c_void,
    ) -> usize,
>;

/// Supplies HTTP trailers for a chunked upload.
pub type curl_trailer_callback =
    Option<unsafe extern "C" fn(list: *mut *mut curl_slist, userdata: *mut c_void) -> c_int>;

/// Adjusts a freshly created socket; returns a `CURL_SOCKOPT_*` code.
pub type curl_sockopt_callback = Option<
    unsafe extern "C" fn(
        clientp: *mut c_void,
        curlfd: curl_socket_t,
        purpose: curlsocktype,
    ) -> c_int,
>;

/// Creates the socket for a connection instead of the library.
pub type curl_opensocket_callback = Option<
    unsafe extern "C" fn(
        clientp: *mut c_void,
        purpose: curlsocktype,
        address: *mut curl_sockaddr,
    ) -> curl_socket_t,
>;

/// Closes a socket instead of the library.
pub type curl_closesocket_callback =
    Option<unsafe extern "C" fn(clientp: *mut c_void, item: curl_socket_t) -> c_int>;

/// Obsolete rewind callback; `cmd` is a `curliocmd` value.
pub type curl_ioctl_callback = Option<
    unsafe extern "C" fn(handle: *mut CURL, cmd: c_int, clientp: *mut c_void) -> curlioerr_arg,
>;

/// Replacement `malloc` for `curl_global_init_mem`.
pub type curl_malloc_callback = Option<unsafe extern "C" fn(size: usize) -> *mut c_void>;

/// Replacement `free` for `curl_global_init_mem`.
pub type curl_free_callback = Option<unsafe extern "C" fn(ptr: *mut c_void)>;

/// Replacement `realloc` for `curl_global_init_mem`.
pub type curl_realloc_callback =
    Option<unsafe extern "C" fn(ptr: *mut c_void, size: usize) -> *mut c_void>;

/// Replacement `strdup` for `curl_global_init_mem`.
pub type curl_strdup_callback = Option<unsafe extern "C" fn(str: *const c_char) -> *mut c_char>;

/// Replacement `calloc` for `curl_global_init_mem`.
pub type curl_calloc_callback =
    Option<unsafe extern "C" fn(nmemb: usize, size: usize) -> *mut c_void>;

/// Receives verbose/trace output.
pub type curl_debug_callback = Option<
    unsafe extern "C" fn(
        handle: *mut CURL,
        kind: curl_infotype,
        data: *mut c_char,
        size: usize,
        userptr: *mut c_void,
    ) -> c_int,
>;

/// Called once a connection is ready, before the request is sent.
pub type curl_prereq_callback = Option<
    unsafe extern "C" fn(
        clientp: *mut c_void,
        conn_primary_ip: *mut c_char,
        conn_local_ip: *mut c_char,
        conn_primary_port: c_int,
        conn_local_port: c_int,
    ) -> c_int,
>;

/// Obsolete character-set conversion callback.
pub type curl_conv_callback =
    Option<unsafe extern "C" fn(buffer: *mut c_char, length: usize) -> CURLcode_arg>;

/// Lets the application adjust the TLS library context.
pub type curl_ssl_ctx_callback = Option<
    unsafe extern "C" fn(
        curl: *mut CURL,
        ssl_ctx: *mut c_void,
        userptr: *mut c_void,
    ) -> CURLcode_arg,
>;

/// Decides about an SSH host key; returns a `curl_khstat` value.
pub type curl_sshkeycallback = Option<
    unsafe extern "C" fn(
        easy: *mut CURL,
        knownkey: *const curl_khkey,
        foundkey: *const curl_khkey,
        khmatch: curl_khmatch,
        clientp: *mut c_void,
    ) -> c_int,
>;

/// Checks an SSH host key given in raw form; returns a `curl_khmatch` value.
pub type curl_sshhostkeycallback = Option<
    unsafe extern "C" fn(
        clientp: *mut c_void,
        keytype: c_int,
        key: *const c_char,
        keylen: usize,
    ) -> c_int,
>;

/// Supplies HSTS entries to preload.
pub type curl_hstsread_callback = Option<
    unsafe extern "C" fn(
        easy: *mut CURL,
        e: *mut curl_hstsentry,
        userp: *mut c_void,
    ) -> CURLSTScode_arg,
>;

/// Receives HSTS entries to save.
pub type curl_hstswrite_callback = Option<
    unsafe extern "C" fn(
        easy: *mut CURL,
        e: *mut curl_hstsentry,
        i: *mut curl_index,
        userp: *mut c_void,
    ) -> CURLSTScode_arg,
>;
