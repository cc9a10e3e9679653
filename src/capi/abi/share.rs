//! The share interface: what can be shared, its options, and the lock callbacks.

use std::ffi::{c_int, c_void};

use super::*;

/// What a share handle shares, and which data a lock callback protects.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum curl_lock_data {
    CURL_LOCK_DATA_NONE = 0,
    CURL_LOCK_DATA_SHARE = 1,
    CURL_LOCK_DATA_COOKIE = 2,
    CURL_LOCK_DATA_DNS = 3,
    CURL_LOCK_DATA_SSL_SESSION = 4,
    CURL_LOCK_DATA_CONNECT = 5,
    CURL_LOCK_DATA_PSL = 6,
    CURL_LOCK_DATA_HSTS = 7,
    CURL_LOCK_DATA_LAST = 8,
}

impl curl_lock_data {
    /// The variant whose C value is `value`, if there is one.
    pub const fn from_raw(value: c_int) -> Option<Self> {
        match value {
            0 => Some(Self::CURL_LOCK_DATA_NONE),
            1 => Some(Self::CURL_LOCK_DATA_SHARE),
            2 => Some(Self::CURL_LOCK_DATA_COOKIE),
            3 => Some(Self::CURL_LOCK_DATA_DNS),
            4 => Some(Self::CURL_LOCK_DATA_SSL_SESSION),
            5 => Some(Self::CURL_LOCK_DATA_CONNECT),
            6 => Some(Self::CURL_LOCK_DATA_PSL),
            7 => Some(Self::CURL_LOCK_DATA_HSTS),
            8 => Some(Self::CURL_LOCK_DATA_LAST),
            _ => None,
        }
    }
}

/// Kind of access a lock callback is asked for.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum curl_lock_access {
    CURL_LOCK_ACCESS_NONE = 0,
    CURL_LOCK_ACCESS_SHARED = 1,
    CURL_LOCK_ACCESS_SINGLE = 2,
    CURL_LOCK_ACCESS_LAST = 3,
}

impl curl_lock_access {
    /// The variant whose C value is `value`, if there is one.
    pub const fn from_raw(value: c_int) -> Option<Self> {
        match value {
            0 => Some(Self::CURL_LOCK_ACCESS_NONE),
            1 => Some(Self::CURL_LOCK_ACCESS_SHARED),
            2 => Some(Self::CURL_LOCK_ACCESS_SINGLE),
            3 => Some(Self::CURL_LOCK_ACCESS_LAST),
            _ => None,
        }
    }
}

/// Options of `curl_share_setopt`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CURLSHoption {
    CURLSHOPT_NONE = 0,
    CURLSHOPT_SHARE = 1,
    CURLSHOPT_UNSHARE = 2,
    CURLSHOPT_LOCKFUNC = 3,
    CURLSHOPT_UNLOCKFUNC = 4,
    CURLSHOPT_USERDATA = 5,
    CURLSHOPT_LAST = 6,
}

impl CURLSHoption {
    /// The variant whose C value is `value`, if there is one.
    pub const fn from_raw(value: c_int) -> Option<Self> {
        match value {
            0 => Some(Self::CURLSHOPT_NONE),
            1 => Some(Self::CURLSHOPT_SHARE),
            2 => Some(Self::CURLSHOPT_UNSHARE),
            3 => Some(Self::CURLSHOPT_LOCKFUNC),
            4 => Some(Self::CURLSHOPT_UNLOCKFUNC),
            5 => Some(Self::CURLSHOPT_USERDATA),
            6 => Some(Self::CURLSHOPT_LAST),
            _ => None,
        }
    }
}

/// `CURLSHoption` as a C caller may pass it: any `int`. Printed as `CURLSHoption`.
pub type CURLSHoption_arg = c_int;

/// `curl_lock_data` as a C caller may pass it: any `int`. Printed as `curl_lock_data`.
pub type curl_lock_data_arg = c_int;

/// `curl_lock_access` as a C caller may pass it: any `int`. Printed as `curl_lock_access`.
pub type curl_lock_access_arg = c_int;

/// Takes the application's lock for a kind of shared data.
pub type curl_lock_function = Option<
    unsafe extern "C" fn(
        handle: *mut CURL,
        data: curl_lock_data,
        locktype: curl_lock_access,
        userptr: *mut c_void,
    ),
>;

/// Releases the application's lock for a kind of shared data.
pub type curl_unlock_function =
    Option<unsafe extern "C" fn(handle: *mut CURL, data: curl_lock_data, userptr: *mut c_void)>;
