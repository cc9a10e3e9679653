//! `CURLINFO`: the item numbers of `curl_easy_getinfo` with their type masks, and the kinds
//! of data the debug callback receives.

use std::ffi::c_int;

/// Kind of data handed to the debug callback.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum curl_infotype {
    CURLINFO_TEXT = 0,
    CURLINFO_HEADER_IN = 1,
    CURLINFO_HEADER_OUT = 2,
    CURLINFO_DATA_IN = 3,
    CURLINFO_DATA_OUT = 4,
    CURLINFO_SSL_DATA_IN = 5,
    CURLINFO_SSL_DATA_OUT = 6,
    CURLINFO_END = 7,
}

impl curl_infotype {
    /// The variant whose C value is `value`, if there is one.
    pub const fn from_raw(value: c_int) -> Option<Self> {
        match value {
            0 => Some(Self::CURLINFO_TEXT),
            1 => Some(Self::CURLINFO_HEADER_IN),
            2 => Some(Self::CURLINFO_HEADER_OUT),
            3 => Some(Self::CURLINFO_DATA_IN),
            4 => Some(Self::CURLINFO_DATA_OUT),
            5 => Some(Self::CURLINFO_SSL_DATA_IN),
            6 => Some(Self::CURLINFO_SSL_DATA_OUT),
            7 => Some(Self::CURLINFO_END),
            _ => None,
        }
    }
}

/// Every `curl_easy_getinfo` item. The high bits (`CURLINFO_TYPEMASK`) tell the result type.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CURLINFO {
    CURLINFO_NONE = 0,
    CURLINFO_EFFECTIVE_URL = 0x100001,
    CURLINFO_RESPONSE_CODE = 0x200002,
    CURLINFO_TOTAL_TIME = 0x300003,
    CURLINFO_NAMELOOKUP_TIME = 0x300004,
    CURLINFO_CONNECT_TIME = 0x300005,
    CURLINFO_PRETRANSFER_TIME = 0x300006,
    CURLINFO_SIZE_UPLOAD = 0x300007,
    CURLINFO_SIZE_UPLOAD_T = 0x600007,
    CURLINFO_SIZE_DOWNLOAD = 0x300008,
    CURLINFO_SIZE_DOWNLOAD_T = 0x600008,
    CURLINFO_SPEED_DOWNLOAD = 0x300009,
    CURLINFO_SPEED_DOWNLOAD_T = 0x600009,
    CURLINFO_SPEED_UPLOAD = 0x30000a,
    CURLINFO_SPEED_UPLOAD_T = 0x60000a,
    CURLINFO_HEADER_SIZE = 0x20000b,
    CURLINFO_REQUEST_SIZE = 0x20000c,
    CURLINFO_SSL_VERIFYRESULT = 0x20000d,
    CURLINFO_FILETIME = 0x20000e,
    CURLINFO_FILETIME_T = 0x60000e,
    CURLINFO_CONTENT_LENGTH_DOWNLOAD = 0x30000f,
    CURLINFO_CONTENT_LENGTH_DOWNLOAD_T = 0x60000f,
    CURLINFO_CONTENT_LENGTH_UPLOAD = 0x300010,
    CURLINFO_CONTENT_LENGTH_UPLOAD_T = 0x600010,
    CURLINFO_STARTTRANSFER_TIME = 0x300011,
    CURLINFO_CONTENT_TYPE = 0x100012,
    CURLINFO_REDIRECT_TIME = 0x300013,
    CURLINFO_REDIRECT_COUNT = 0x200014,
    CURLINFO_PRIVATE = 0x100015,
    CURLINFO_HTTP_CONNECTCODE = 0x200016,
    CURLINFO_HTTPAUTH_AVAIL = 0x200017,
    CURLINFO_PROXYAUTH_AVAIL = 0x200018,
    CURLINFO_OS_ERRNO = 0x200019,
    CURLINFO_NUM_CONNECTS = 0x20001a,
    CURLINFO_SSL_ENGINES = 0x40001b,
    CURLINFO_COOKIELIST = 0x40001c,
    CURLINFO_LASTSOCKET = 0x20001d,
    CURLINFO_FTP_ENTRY_PATH = 0x10001e,
    CURLINFO_REDIRECT_URL = 0x10001f,
    CURLINFO_PRIMARY_IP = 0x100020,
    CURLINFO_APPCONNECT_TIME = 0x300021,
    CURLINFO_CERTINFO = 0x400022,
    CURLINFO_CONDITION_UNMET = 0x200023,
    CURLINFO_RTSP_SESSION_ID = 0x100024,
    CURLINFO_RTSP_CLIENT_CSEQ = 0x200025,
    CURLINFO_RTSP_SERVER_CSEQ = 0x200026,
    CURLINFO_RTSP_CSEQ_RECV = 0x200027,
    CURLINFO_PRIMARY_PORT = 0x200028,
    CURLINFO_LOCAL_IP = 0x100029,
    CURLINFO_LOCAL_PORT = 0x20002a,
    CURLINFO_TLS_SESSION = 0x40002b,
    CURLINFO_ACTIVESOCKET = 0x50002c,
    CURLINFO_TLS_SSL_PTR = 0x40002d,
    CURLINFO_HTTP_VERSION = 0x20002e,
    CURLINFO_PROXY_SSL_VERIFYRESULT = 0x20002f,
    CURLINFO_PROTOCOL = 0x200030,
    CURLINFO_SCHEME = 0x100031,
    CURLINFO_TOTAL_TIME_T = 0x600032,
    CURLINFO_NAMELOOKUP_TIME_T = 0x600033,
    CURLINFO_CONNECT_TIME_T = 0x600034,
    CURLINFO_PRETRANSFER_TIME_T = 0x600035,
    CURLINFO_STARTTRANSFER_TIME_T = 0x600036,
    CURLINFO_REDIRECT_TIME_T = 0x600037,
    CURLINFO_APPCONNECT_TIME_T = 0x600038,
    CURLINFO_RETRY_AFTER = 0x600039,
    CURLINFO_EFFECTIVE_METHOD = 0x10003a,
    CURLINFO_PROXY_ERROR = 0x20003b,
    CURLINFO_REFERER = 0x10003c,
    CURLINFO_CAINFO = 0x10003d,
    CURLINFO_CAPATH = 0x10003e,
    CURLINFO_LASTONE = 62,
}

impl CURLINFO {
    /// The variant whose C value is `value`, if there is one.
    pub const fn from_raw(value: c_int) -> Option<Self> {
        match value {
            0 => Some(Self::CURLINFO_NONE),
            0x100001 => Some(Self::CURLINFO_EFFECTIVE_URL),
            0x200002 => Some(Self::CURLINFO_RESPONSE_CODE),
            0x300003 => Some(Self::CURLINFO_TOTAL_TIME),
            0x300004 => Some(Self::CURLINFO_NAMELOOKUP_TIME),
            0x300005 => Some(Self::CURLINFO_CONNECT_TIME),
            0x300006 => Some(Self::CURLINFO_PRETRANSFER_TIME),
            0x300007 => Some(Self::CURLINFO_SIZE_UPLOAD),
            0x600007 => Some(Self::CURLINFO_SIZE_UPLOAD_T),
            0x300008 => Some(Self::CURLINFO_SIZE_DOWNLOAD),
            0x600008 => Some(Self::CURLINFO_SIZE_DOWNLOAD_T),
            0x300009 => Some(Self::CURLINFO_SPEED_DOWNLOAD),
            0x600009 => Some(Self::CURLINFO_SPEED_DOWNLOAD_T),
            0x30000a => Some(Self::CURLINFO_SPEED_UPLOAD),
            0x60000a => Some(Self::CURLINFO_SPEED_UPLOAD_T),
            0x20000b => Some(Self::CURLINFO_HEADER_SIZE),
            0x20000c => Some(Self::CURLINFO_REQUEST_SIZE),
            0x20000d => Some(Self::CURLINFO_SSL_VERIFYRESULT),
            0x20000e => Some(Self::CURLINFO_FILETIME),
            0x60000e => Some(Self::CURLINFO_FILETIME_T),
            0x30000f => Some(Self::CURLINFO_CONTENT_LENGTH_DOWNLOAD),
            0x60000f => Some(Self::CURLINFO_CONTENT_LENGTH_DOWNLOAD_T),
            0x300010 => Some(Self::CURLINFO_CONTENT_LENGTH_UPLOAD),
            0x600010 => Some(Self::CURLINFO_CONTENT_LENGTH_UPLOAD_T),
            0x300011 => Some(Self::CURLINFO_STARTTRANSFER_TIME),
            0x100012 => Some(Self::CURLINFO_CONTENT_TYPE),
            0x300013 => Some(Self::CURLINFO_REDIRECT_TIME),
            0x200014 => Some(Self::CURLINFO_REDIRECT_COUNT),
            0x100015 => Some(Self::CURLINFO_PRIVATE),
            0x200016 => Some(Self::CURLINFO_HTTP_CONNECTCODE),
            0x200017 => Some(Self::CURLINFO_HTTPAUTH_AVAIL),
            0x200018 => Some(Self::CURLINFO_PROXYAUTH_AVAIL),
            0x200019 => Some(Self::CURLINFO_OS_ERRNO),
            0x20001a => Some(Self::CURLINFO_NUM_CONNECTS),
            0x40001b => Some(Self::CURLINFO_SSL_ENGINES),
            0x40001c => Some(Self::CURLINFO_COOKIELIST),
            0x20001d => Some(Self::CURLINFO_LASTSOCKET),
            0x10001e => Some(Self::CURLINFO_FTP_ENTRY_PATH),
            0x10001f => Some(Self::CURLINFO_REDIRECT_URL),
            0x100020 => Some(Self::CURLINFO_PRIMARY_IP),
            0x300021 => Some(Self::CURLINFO_APPCONNECT_TIME),
            0x400022 => Some(Self::CURLINFO_CERTINFO),
            0x200023 => Some(Self::CURLINFO_CONDITION_UNMET),
            0x100024 => Some(Self::CURLINFO_RTSP_SESSION_ID),
            0x200025 => Some(Self::CURLINFO_RTSP_CLIENT_CSEQ),
            0x200026 => Some(Self::CURLINFO_RTSP_SERVER_CSEQ),
            0x200027 => Some(Self::CURLINFO_RTSP_CSEQ_RECV),
            0x200028 => Some(Self::CURLINFO_PRIMARY_PORT),
            0x100029 => Some(Self::CURLINFO_LOCAL_IP),
            0x20002a => Some(Self::CURLINFO_LOCAL_PORT),
            0x40002b => Some(Self::CURLINFO_TLS_SESSION),
            0x50002c => Some(Self::CURLINFO_ACTIVESOCKET),
            0x40002d => Some(Self::CURLINFO_TLS_SSL_PTR),
            0x20002e => Some(Self::CURLINFO_HTTP_VERSION),
            0x20002f => Some(Self::CURLINFO_PROXY_SSL_VERIFYRESULT),
            0x200030 => Some(Self::CURLINFO_PROTOCOL),
            0x100031 => Some(Self::CURLINFO_SCHEME),
            0x600032 => Some(Self::CURLINFO_TOTAL_TIME_T),
            0x600033 => Some(Self::CURLINFO_NAMELOOKUP_TIME_T),
            0x600034 => Some(Self::CURLINFO_CONNECT_TIME_T),
            0x600035 => Some(Self::CURLINFO_PRETRANSFER_TIME_T),
            0x600036 => Some(Self::CURLINFO_STARTTRANSFER_TIME_T),
            0x600037 => Some(Self::CURLINFO_REDIRECT_TIME_T),
            0x600038 => Some(Self::CURLINFO_APPCONNECT_TIME_T),
            0x600039 => Some(Self::CURLINFO_RETRY_AFTER),
            0x10003a => Some(Self::CURLINFO_EFFECTIVE_METHOD),
            0x20003b => Some(Self::CURLINFO_PROXY_ERROR),
            0x10003c => Some(Self::CURLINFO_REFERER),
            0x10003d => Some(Self::CURLINFO_CAINFO),
            0x10003e => Some(Self::CURLINFO_CAPATH),
            62 => Some(Self::CURLINFO_LASTONE),
            _ => None,
        }
    }
}

// Type bases of the `CURLINFO` numbers, and masks to split them.
pub const CURLINFO_STRING: c_int = 0x100000;
pub const CURLINFO_LONG: c_int = 0x200000;
pub const CURLINFO_DOUBLE: c_int = 0x300000;
pub const CURLINFO_SLIST: c_int = 0x400000;
pub const CURLINFO_PTR: c_int = 0x400000;
pub const CURLINFO_SOCKET: c_int = 0x500000;
pub const CURLINFO_OFF_T: c_int = 0x600000;
pub const CURLINFO_MASK: c_int = 0x0fffff;
pub const CURLINFO_TYPEMASK: c_int = 0xf00000;

// Old name of `CURLINFO_RESPONSE_CODE`.
pub const CURLINFO_HTTP_CODE: CURLINFO = CURLINFO::CURLINFO_RESPONSE_CODE;

/// `CURLINFO` as a C caller may pass it: any `int`. Printed as `CURLINFO`.
pub type CURLINFO_arg = c_int;
