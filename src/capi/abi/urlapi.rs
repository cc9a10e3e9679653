//! The URL API: URL parts, parse/format flags and the `CURLU` handle.

use std::ffi::c_int;

/// Part of a URL for `curl_url_get` and `curl_url_set`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CURLUPart {
    CURLUPART_URL = 0,
    CURLUPART_SCHEME = 1,
    CURLUPART_USER = 2,
    CURLUPART_PASSWORD = 3,
    CURLUPART_OPTIONS = 4,
    CURLUPART_HOST = 5,
    CURLUPART_PORT = 6,
    CURLUPART_PATH = 7,
    CURLUPART_QUERY = 8,
    CURLUPART_FRAGMENT = 9,
    CURLUPART_ZONEID = 10,
}

impl CURLUPart {
    /// The variant whose C value is `value`, if there is one.
    pub const fn from_raw(value: c_int) -> Option<Self> {
        match value {
            0 => Some(Self::CURLUPART_URL),
            1 => Some(Self::CURLUPART_SCHEME),
            2 => Some(Self::CURLUPART_USER),
            3 => Some(Self::CURLUPART_PASSWORD),
            4 => Some(Self::CURLUPART_OPTIONS),
            5 => Some(Self::CURLUPART_HOST),
            6 => Some(Self::CURLUPART_PORT),
            7 => Some(Self::CURLUPART_PATH),
            8 => Some(Self::CURLUPART_QUERY),
            9 => Some(Self::CURLUPART_FRAGMENT),
            10 => Some(Self::CURLUPART_ZONEID),
            _ => None,
        }
    }
}

// Flags of `curl_url_get` and `curl_url_set`.
pub const CURLU_DEFAULT_PORT: c_int = 1 << 0;
pub const CURLU_NO_DEFAULT_PORT: c_int = 1 << 1;
pub const CURLU_DEFAULT_SCHEME: c_int = 1 << 2;
pub const CURLU_NON_SUPPORT_SCHEME: c_int = 1 << 3;
pub const CURLU_PATH_AS_IS: c_int = 1 << 4;
pub const CURLU_DISALLOW_USER: c_int = 1 << 5;
pub const CURLU_URLDECODE: c_int = 1 << 6;
pub const CURLU_URLENCODE: c_int = 1 << 7;
pub const CURLU_APPENDQUERY: c_int = 1 << 8;
pub const CURLU_GUESS_SCHEME: c_int = 1 << 9;
pub const CURLU_NO_AUTHORITY: c_int = 1 << 10;
pub const CURLU_ALLOW_SPACE: c_int = 1 << 11;
pub const CURLU_PUNYCODE: c_int = 1 << 12;

/// `CURLUPart` as a C caller may pass it: any `int`. Printed as `CURLUPart`.
pub type CURLUPart_arg = c_int;

/// A parsed URL (opaque to applications; they use the name `CURLU`).
pub struct Curl_URL {
    _private: [u8; 0],
}

/// A URL handle.
pub type CURLU = Curl_URL;
