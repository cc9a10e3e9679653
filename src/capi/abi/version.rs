//! `curl_version_info` data: the struct layout generations and the feature bits.

use std::ffi::{c_char, c_int, c_long, c_uint};

/// Layout generation of `curl_version_info_data`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CURLversion {
    CURLVERSION_FIRST = 0,
    CURLVERSION_SECOND = 1,
    CURLVERSION_THIRD = 2,
    CURLVERSION_FOURTH = 3,
    CURLVERSION_FIFTH = 4,
    CURLVERSION_SIXTH = 5,
    CURLVERSION_SEVENTH = 6,
    CURLVERSION_EIGHTH = 7,
    CURLVERSION_NINTH = 8,
    CURLVERSION_TENTH = 9,
    CURLVERSION_ELEVENTH = 10,
    CURLVERSION_LAST = 11,
}

impl CURLversion {
    /// The variant whose C value is `value`, if there is one.
    pub const fn from_raw(value: c_int) -> Option<Self> {
        match value {
            0 => Some(Self::CURLVERSION_FIRST),
            1 => Some(Self::CURLVERSION_SECOND),
            2 => Some(Self::CURLVERSION_THIRD),
            3 => Some(Self::CURLVERSION_FOURTH),
            4 => Some(Self::CURLVERSION_FIFTH),
            5 => Some(Self::CURLVERSION_SIXTH),
            6 => Some(Self::CURLVERSION_SEVENTH),
            7 => Some(Self::CURLVERSION_EIGHTH),
            8 => Some(Self::CURLVERSION_NINTH),
            9 => Some(Self::CURLVERSION_TENTH),
            10 => Some(Self::CURLVERSION_ELEVENTH),
            11 => Some(Self::CURLVERSION_LAST),
            _ => None,
        }
    }
}

// The layout generation these definitions describe.
pub const CURLVERSION_NOW: CURLversion = CURLversion::CURLVERSION_ELEVENTH;

// `curl_version_info_data.features` bits.
pub const CURL_VERSION_IPV6: c_int = 1 << 0;
pub const CURL_VERSION_KERBEROS4: c_int = 1 << 1;
pub const CURL_VERSION_SSL: c_int = 1 << 2;
pub const CURL_VERSION_LIBZ: c_int = 1 << 3;
pub const CURL_VERSION_NTLM: c_int = 1 << 4;
pub const CURL_VERSION_GSSNEGOTIATE: c_int = 1 << 5;
pub const CURL_VERSION_DEBUG: c_int = 1 << 6;
pub const CURL_VERSION_ASYNCHDNS: c_int = 1 << 7;
pub const CURL_VERSION_SPNEGO: c_int = 1 << 8;
pub const CURL_VERSION_LARGEFILE: c_int = 1 << 9;
pub const CURL_VERSION_IDN: c_int = 1 << 10;
pub const CURL_VERSION_SSPI: c_int = 1 << 11;
pub const CURL_VERSION_CONV: c_int = 1 << 12;
pub const CURL_VERSION_CURLDEBUG: c_int = 1 << 13;
pub const CURL_VERSION_TLSAUTH_SRP: c_int = 1 << 14;
pub const CURL_VERSION_NTLM_WB: c_int = 1 << 15;
pub const CURL_VERSION_HTTP2: c_int = 1 << 16;
pub const CURL_VERSION_GSSAPI: c_int = 1 << 17;
pub const CURL_VERSION_KERBEROS5: c_int = 1 << 18;
pub const CURL_VERSION_UNIX_SOCKETS: c_int = 1 << 19;
pub const CURL_VERSION_PSL: c_int = 1 << 20;
pub const CURL_VERSION_HTTPS_PROXY: c_int = 1 << 21;
pub const CURL_VERSION_MULTI_SSL: c_int = 1 << 22;
pub const CURL_VERSION_BROTLI: c_int = 1 << 23;
pub const CURL_VERSION_ALTSVC: c_int = 1 << 24;
pub const CURL_VERSION_HTTP3: c_int = 1 << 25;
pub const CURL_VERSION_ZSTD: c_int = 1 << 26;
pub const CURL_VERSION_UNICODE: c_int = 1 << 27;
pub const CURL_VERSION_HSTS: c_int = 1 << 28;
pub const CURL_VERSION_GSASL: c_int = 1 << 29;
pub const CURL_VERSION_THREADSAFE: c_int = 1 << 30;

/// `CURLversion` as a C caller may pass it: any `int`. Printed as `CURLversion`.
pub type CURLversion_arg = c_int;

/// What `curl_version_info` describes. Fields after `protocols` exist from the
/// generation named in their comment on.
#[repr(C)]
pub struct curl_version_info_data {
    pub age: CURLversion,
    pub version: *const c_char,
    pub version_num: c_uint,
    pub host: *const c_char,
    /// `CURL_VERSION_*` bits.
    pub features: c_int,
    pub ssl_version: *const c_char,
    pub ssl_version_num: c_long,
    pub libz_version: *const c_char,
    /// NULL-terminated list of scheme names.
    pub protocols: *const *const c_char,
    /// Since `CURLVERSION_SECOND`.
    pub ares: *const c_char,
    pub ares_num: c_int,
    /// Since `CURLVERSION_THIRD`.
    pub libidn: *const c_char,
    /// Since `CURLVERSION_FOURTH`.
    pub iconv_ver_num: c_int,
    pub libssh_version: *const c_char,
    /// Since `CURLVERSION_FIFTH`.
    pub brotli_ver_num: c_uint,
    pub brotli_version: *const c_char,
    /// Since `CURLVERSION_SIXTH`.
    pub nghttp2_ver_num: c_uint,
    pub nghttp2_version: *const c_char,
    pub quic_version: *const c_char,
    /// Since `CURLVERSION_SEVENTH`.
    pub cainfo: *const c_char,
    pub capath: *const c_char,
    /// Since `CURLVERSION_EIGHTH`.
    pub zstd_ver_num: c_uint,
    pub zstd_version: *const c_char,
    /// Since `CURLVERSION_NINTH`.
    pub hyper_version: *const c_char,
    /// Since `CURLVERSION_TENTH`.
    pub gsasl_version: *const c_char,
    /// Since `CURLVERSION_ELEVENTH`: NULL-terminated list of feature names.
    pub feature_names: *const *const c_char,
}
