//! The deprecated `curl_formadd` API: its argument tags, its linked form list and its
//! serialisation callback.

use std::ffi::{c_char, c_int, c_long, c_void};

use super::*;

/// Tags of the argument list of the deprecated `curl_formadd`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CURLformoption {
    CURLFORM_NOTHING = 0,
    CURLFORM_COPYNAME = 1,
    CURLFORM_PTRNAME = 2,
    CURLFORM_NAMELENGTH = 3,
    CURLFORM_COPYCONTENTS = 4,
    CURLFORM_PTRCONTENTS = 5,
    CURLFORM_CONTENTSLENGTH = 6,
    CURLFORM_FILECONTENT = 7,
    CURLFORM_ARRAY = 8,
    CURLFORM_OBSOLETE = 9,
    CURLFORM_FILE = 10,
    CURLFORM_BUFFER = 11,
    CURLFORM_BUFFERPTR = 12,
    CURLFORM_BUFFERLENGTH = 13,
    CURLFORM_CONTENTTYPE = 14,
    CURLFORM_CONTENTHEADER = 15,
    CURLFORM_FILENAME = 16,
    CURLFORM_END = 17,
    CURLFORM_OBSOLETE2 = 18,
    CURLFORM_STREAM = 19,
    CURLFORM_CONTENTLEN = 20,
    CURLFORM_LASTENTRY = 21,
}

impl CURLformoption {
    /// The variant whose C value is `value`, if there is one.
    pub const fn from_raw(value: c_int) -> Option<Self> {
        match value {
            0 => Some(Self::CURLFORM_NOTHING),
            1 => Some(Self::CURLFORM_COPYNAME),
            2 => Some(Self::CURLFORM_PTRNAME),
            3 => Some(Self::CURLFORM_NAMELENGTH),
            4 => Some(Self::CURLFORM_COPYCONTENTS),
            5 => Some(Self::CURLFORM_PTRCONTENTS),
            6 => Some(Self::CURLFORM_CONTENTSLENGTH),
            7 => Some(Self::CURLFORM_FILECONTENT),
            8 => Some(Self::CURLFORM_ARRAY),
            9 => Some(Self::CURLFORM_OBSOLETE),
            10 => Some(Self::CURLFORM_FILE),
            11 => Some(Self::CURLFORM_BUFFER),
            12 => Some(Self::CURLFORM_BUFFERPTR),
            13 => Some(Self::CURLFORM_BUFFERLENGTH),
            14 => Some(Self::CURLFORM_CONTENTTYPE),
            15 => Some(Self::CURLFORM_CONTENTHEADER),
            16 => Some(Self::CURLFORM_FILENAME),
            17 => Some(Self::CURLFORM_END),
            18 => Some(Self::CURLFORM_OBSOLETE2),
            19 => Some(Self::CURLFORM_STREAM),
            20 => Some(Self::CURLFORM_CONTENTLEN),
            21 => Some(Self::CURLFORM_LASTENTRY),
            _ => None,
        }
    }
}

// `curl_httppost.flags` bits.
pub const CURL_HTTPPOST_FILENAME: c_int = 1 << 0;
pub const CURL_HTTPPOST_READFILE: c_int = 1 << 1;
pub const CURL_HTTPPOST_PTRNAME: c_int = 1 << 2;
pub const CURL_HTTPPOST_PTRCONTENTS: c_int = 1 << 3;
pub const CURL_HTTPPOST_BUFFER: c_int = 1 << 4;
pub const CURL_HTTPPOST_PTRBUFFER: c_int = 1 << 5;
pub const CURL_HTTPPOST_CALLBACK: c_int = 1 << 6;
pub const CURL_HTTPPOST_LARGE: c_int = 1 << 7;

/// `CURLformoption` as a C caller may pass it: any `int`. Printed as `CURLformoption`.
pub type CURLformoption_arg = c_int;

/// One form field of the deprecated `curl_formadd` API; a linked list.
#[repr(C)]
pub struct curl_httppost {
    pub next: *mut curl_httppost,
    pub name: *mut c_char,
    pub namelength: c_long,
    pub contents: *mut c_char,
    pub contentslength: c_long,
    pub buffer: *mut c_char,
    pub bufferlength: c_long,
    pub contenttype: *mut c_char,
    pub contentheader: *mut curl_slist,
    /// Further files of the same field.
    pub more: *mut curl_httppost,
    /// `CURL_HTTPPOST_*` bits.
    pub flags: c_long,
    pub showfilename: *mut c_char,
    pub userp: *mut c_void,
    pub contentlen: curl_off_t,
}

/// An element of a `CURLFORM_ARRAY` list.
#[repr(C)]
pub struct curl_forms {
    pub option: CURLformoption_arg,
    pub value: *const c_char,
}

/// Receives the serialised form from `curl_formget`.
pub type curl_formget_callback =
    Option<unsafe extern "C" fn(arg: *mut c_void, buf: *const c_char, len: usize) -> usize>;
