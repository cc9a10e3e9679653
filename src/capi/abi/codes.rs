//! Result codes of every libcurl interface (easy, multi, share, URL, header, form,
//! HSTS, TLS backend selection, proxy handshakes) and the old names kept as aliases.

use std::ffi::c_int;

/// Result of the (obsolete) ioctl callback.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum curlioerr {
    CURLIOE_OK = 0,
    CURLIOE_UNKNOWNCMD = 1,
    CURLIOE_FAILRESTART = 2,
    CURLIOE_LAST = 3,
}

impl curlioerr {
    /// The variant whose C value is `value`, if there is one.
    pub const fn from_raw(value: c_int) -> Option<Self> {
        match value {
            0 => Some(Self::CURLIOE_OK),
            1 => Some(Self::CURLIOE_UNKNOWNCMD),
            2 => Some(Self::CURLIOE_FAILRESTART),
            3 => Some(Self::CURLIOE_LAST),
            _ => None,
        }
    }
}

/// Result of an easy-interface call.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CURLcode {
    CURLE_OK = 0,
    CURLE_UNSUPPORTED_PROTOCOL = 1,
    CURLE_FAILED_INIT = 2,
    CURLE_URL_MALFORMAT = 3,
    CURLE_NOT_BUILT_IN = 4,
    CURLE_COULDNT_RESOLVE_PROXY = 5,
    CURLE_COULDNT_RESOLVE_HOST = 6,
    CURLE_COULDNT_CONNECT = 7,
    CURLE_WEIRD_SERVER_REPLY = 8,
    CURLE_REMOTE_ACCESS_DENIED = 9,
    CURLE_FTP_ACCEPT_FAILED = 10,
    CURLE_FTP_WEIRD_PASS_REPLY = 11,
    CURLE_FTP_ACCEPT_TIMEOUT = 12,
    CURLE_FTP_WEIRD_PASV_REPLY = 13,
    CURLE_FTP_WEIRD_227_FORMAT = 14,
    CURLE_FTP_CANT_GET_HOST = 15,
    CURLE_HTTP2 = 16,
    CURLE_FTP_COULDNT_SET_TYPE = 17,
    CURLE_PARTIAL_FILE = 18,
    CURLE_FTP_COULDNT_RETR_FILE = 19,
    CURLE_OBSOLETE20 = 20,
    CURLE_QUOTE_ERROR = 21,
    CURLE_HTTP_RETURNED_ERROR = 22,
    CURLE_WRITE_ERROR = 23,
    CURLE_OBSOLETE24 = 24,
    CURLE_UPLOAD_FAILED = 25,
    CURLE_READ_ERROR = 26,
    CURLE_OUT_OF_MEMORY = 27,
    CURLE_OPERATION_TIMEDOUT = 28,
    CURLE_OBSOLETE29 = 29,
    CURLE_FTP_PORT_FAILED = 30,
    CURLE_FTP_COULDNT_USE_REST = 31,
    CURLE_OBSOLETE32 = 32,
    CURLE_RANGE_ERROR = 33,
    CURLE_HTTP_POST_ERROR = 34,
    CURLE_SSL_CONNECT_ERROR = 35,
    CURLE_BAD_DOWNLOAD_RESUME = 36,
    CURLE_FILE_COULDNT_READ_FILE = 37,
    CURLE_LDAP_CANNOT_BIND = 38,
    CURLE_LDAP_SEARCH_FAILED = 39,
    CURLE_OBSOLETE40 = 40,
    CURLE_FUNCTION_NOT_FOUND = 41,
    CURLE_ABORTED_BY_CALLBACK = 42,
    CURLE_BAD_FUNCTION_ARGUMENT = 43,
    CURLE_OBSOLETE44 = 44,
    CURLE_INTERFACE_FAILED = 45,
    CURLE_OBSOLETE46 = 46,
    CURLE_TOO_MANY_REDIRECTS = 47,
    CURLE_UNKNOWN_OPTION = 48,
    CURLE_SETOPT_OPTION_SYNTAX = 49,
    CURLE_OBSOLETE50 = 50,
    CURLE_OBSOLETE51 = 51,
    CURLE_GOT_NOTHING = 52,
    CURLE_SSL_ENGINE_NOTFOUND = 53,
    CURLE_SSL_ENGINE_SETFAILED = 54,
    CURLE_SEND_ERROR = 55,
    CURLE_RECV_ERROR = 56,
    CURLE_OBSOLETE57 = 57,
    CURLE_SSL_CERTPROBLEM = 58,
    CURLE_SSL_CIPHER = 59,
    CURLE_PEER_FAILED_VERIFICATION = 60,
    CURLE_BAD_CONTENT_ENCODING = 61,
    CURLE_OBSOLETE62 = 62,
    CURLE_FILESIZE_EXCEEDED = 63,
    CURLE_USE_SSL_FAILED = 64,
    CURLE_SEND_FAIL_REWIND = 65,
    CURLE_SSL_ENGINE_INITFAILED = 66,
    CURLE_LOGIN_DENIED = 67,
    CURLE_TFTP_NOTFOUND = 68,
    CURLE_TFTP_PERM = 69,
    CURLE_REMOTE_DISK_FULL = 70,
    CURLE_TFTP_ILLEGAL = 71,
    CURLE_TFTP_UNKNOWNID = 72,
    CURLE_REMOTE_FILE_EXISTS = 73,
    CURLE_TFTP_NOSUCHUSER = 74,
    CURLE_OBSOLETE75 = 75,
    CURLE_OBSOLETE76 = 76,
    CURLE_SSL_CACERT_BADFILE = 77,
    CURLE_REMOTE_FILE_NOT_FOUND = 78,
    CURLE_SSH = 79,
    CURLE_SSL_SHUTDOWN_FAILED = 80,
    CURLE_AGAIN = 81,
    CURLE_SSL_CRL_BADFILE = 82,
    CURLE_SSL_ISSUER_ERROR = 83,
    CURLE_FTP_PRET_FAILED = 84,
    CURLE_RTSP_CSEQ_ERROR = 85,
    CURLE_RTSP_SESSION_ERROR = 86,
    CURLE_FTP_BAD_FILE_LIST = 87,
    CURLE_CHUNK_FAILED = 88,
    CURLE_NO_CONNECTION_AVAILABLE = 89,
    CURLE_SSL_PINNEDPUBKEYNOTMATCH = 90,
    CURLE_SSL_INVALIDCERTSTATUS = 91,
    CURLE_HTTP2_STREAM = 92,
    CURLE_RECURSIVE_API_CALL = 93,
    CURLE_AUTH_ERROR = 94,
    CURLE_HTTP3 = 95,
    CURLE_QUIC_CONNECT_ERROR = 96,
    CURLE_PROXY = 97,
    CURLE_SSL_CLIENTCERT = 98,
    CURLE_UNRECOVERABLE_POLL = 99,
    CURL_LAST = 100,
}

impl CURLcode {
    /// The variant whose C value is `value`, if there is one.
    pub const fn from_raw(value: c_int) -> Option<Self> {
        match value {
            0 => Some(Self::CURLE_OK),
            1 => Some(Self::CURLE_UNSUPPORTED_PROTOCOL),
            2 => Some(Self::CURLE_FAILED_INIT),
            3 => Some(Self::CURLE_URL_MALFORMAT),
            4 => Some(Self::CURLE_NOT_BUILT_IN),
            5 => Some(Self::CURLE_COULDNT_RESOLVE_PROXY),
            6 => Some(Self::CURLE_COULDNT_RESOLVE_HOST),
            7 => Some(Self::CURLE_COULDNT_CONNECT),
            8 => Some(Self::CURLE_WEIRD_SERVER_REPLY),
            9 => Some(Self::CURLE_REMOTE_ACCESS_DENIED),
            10 => Some(Self::CURLE_FTP_ACCEPT_FAILED),
            11 => Some(Self::CURLE_FTP_WEIRD_PASS_REPLY),
            12 => Some(Self::CURLE_FTP_ACCEPT_TIMEOUT),
            13 => Some(Self::CURLE_FTP_WEIRD_PASV_REPLY),
            14 => Some(Self::CURLE_FTP_WEIRD_227_FORMAT),
            15 => Some(Self::CURLE_FTP_CANT_GET_HOST),
            16 => Some(Self::CURLE_HTTP2),
            17 => Some(Self::CURLE_FTP_COULDNT_SET_TYPE),
            18 => Some(Self::CURLE_PARTIAL_FILE),
            19 => Some(Self::CURLE_FTP_COULDNT_RETR_FILE),
            20 => Some(Self::CURLE_OBSOLETE20),
            21 => Some(Self::CURLE_QUOTE_ERROR),
            22 => Some(Self::CURLE_HTTP_RETURNED_ERROR),
            23 => Some(Self::CURLE_WRITE_ERROR),
            24 => Some(Self::CURLE_OBSOLETE24),
            25 => Some(Self::CURLE_UPLOAD_FAILED),
            26 => Some(Self::CURLE_READ_ERROR),
            27 => Some(Self::CURLE_OUT_OF_MEMORY),
            28 => Some(Self::CURLE_OPERATION_TIMEDOUT),
            29 => Some(Self::CURLE_OBSOLETE29),
            30 => Some(Self::CURLE_FTP_PORT_FAILED),
            31 => Some(Self::CURLE_FTP_COULDNT_USE_REST),
            32 => Some(Self::CURLE_OBSOLETE32),
            33 => Some(Self::CURLE_RANGE_ERROR),
            34 => Some(Self::CURLE_HTTP_POST_ERROR),
            35 => Some(Self::CURLE_SSL_CONNECT_ERROR),
            36 => Some(Self::CURLE_BAD_DOWNLOAD_RESUME),
            37 => Some(Self::CURLE_FILE_COULDNT_READ_FILE),
            38 => Some(Self::CURLE_LDAP_CANNOT_BIND),
            39 => Some(Self::CURLE_LDAP_SEARCH_FAILED),
            40 => Some(Self::CURLE_OBSOLETE40),
            41 => Some(Self::CURLE_FUNCTION_NOT_FOUND),
            42 => Some(Self::CURLE_ABORTED_BY_CALLBACK),
            43 => Some(Self::CURLE_BAD_FUNCTION_ARGUMENT),
            44 => Some(Self::CURLE_OBSOLETE44),
            45 => Some(Self::CURLE_INTERFACE_FAILED),
            46 => Some(Self::CURLE_OBSOLETE46),
            47 => Some(Self::CURLE_TOO_MANY_REDIRECTS),
            48 => Some(Self::CURLE_UNKNOWN_OPTION),
            49 => Some(Self::CURLE_SETOPT_OPTION_SYNTAX),
            50 => Some(Self::CURLE_OBSOLETE50),
            51 => Some(Self::CURLE_OBSOLETE51),
            52 => Some(Self::CURLE_GOT_NOTHING),
            53 => Some(Self::CURLE_SSL_ENGINE_NOTFOUND),
            54 => Some(Self::CURLE_SSL_ENGINE_SETFAILED),
            55 => Some(Self::CURLE_SEND_ERROR),
            56 => Some(Self::CURLE_RECV_ERROR),
            57 => Some(Self::CURLE_OBSOLETE57),
            58 => Some(Self::CURLE_SSL_CERTPROBLEM),
            59 => Some(Self::CURLE_SSL_CIPHER),
            60 => Some(Self::CURLE_PEER_FAILED_VERIFICATION),
            61 => Some(Self::CURLE_BAD_CONTENT_ENCODING),
            62 => Some(Self::CURLE_OBSOLETE62),
            63 => Some(Self::CURLE_FILESIZE_EXCEEDED),
            64 => Some(Self::CURLE_USE_SSL_FAILED),
            65 => Some(Self::CURLE_SEND_FAIL_REWIND),
            66 => Some(Self::CURLE_SSL_ENGINE_INITFAILED),
            67 => Some(Self::CURLE_LOGIN_DENIED),
            68 => Some(Self::CURLE_TFTP_NOTFOUND),
            69 => Some(Self::CURLE_TFTP_PERM),
            70 => Some(Self::CURLE_REMOTE_DISK_FULL),
            71 => Some(Self::CURLE_TFTP_ILLEGAL),
            72 => Some(Self::CURLE_TFTP_UNKNOWNID),
            73 => Some(Self::CURLE_REMOTE_FILE_EXISTS),
            74 => Some(Self::CURLE_TFTP_NOSUCHUSER),
            75 => Some(Self::CURLE_OBSOLETE75),
            76 => Some(Self::CURLE_OBSOLETE76),
            77 => Some(Self::CURLE_SSL_CACERT_BADFILE),
            78 => Some(Self::CURLE_REMOTE_FILE_NOT_FOUND),
            79 => Some(Self::CURLE_SSH),
            80 => Some(Self::CURLE_SSL_SHUTDOWN_FAILED),
            81 => Some(Self::CURLE_AGAIN),
            82 => Some(Self::CURLE_SSL_CRL_BADFILE),
            83 => Some(Self::CURLE_SSL_ISSUER_ERROR),
            84 => Some(Self::CURLE_FTP_PRET_FAILED),
            85 => Some(Self::CURLE_RTSP_CSEQ_ERROR),
            86 => Some(Self::CURLE_RTSP_SESSION_ERROR),
            87 => Some(Self::CURLE_FTP_BAD_FILE_LIST),
            88 => Some(Self::CURLE_CHUNK_FAILED),
            89 => Some(Self::CURLE_NO_CONNECTION_AVAILABLE),
            90 => Some(Self::CURLE_SSL_PINNEDPUBKEYNOTMATCH),
            91 => Some(Self::CURLE_SSL_INVALIDCERTSTATUS),
            92 => Some(Self::CURLE_HTTP2_STREAM),
            93 => Some(Self::CURLE_RECURSIVE_API_CALL),
            94 => Some(Self::CURLE_AUTH_ERROR),
            95 => Some(Self::CURLE_HTTP3),
            96 => Some(Self::CURLE_QUIC_CONNECT_ERROR),
            97 => Some(Self::CURLE_PROXY),
            98 => Some(Self::CURLE_SSL_CLIENTCERT),
            99 => Some(Self::CURLE_UNRECOVERABLE_POLL),
            100 => Some(Self::CURL_LAST),
            _ => None,
        }
    }
}

/// Detailed reason a proxy handshake failed (`CURLINFO_PROXY_ERROR`).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CURLproxycode {
    CURLPX_OK = 0,
    CURLPX_BAD_ADDRESS_TYPE = 1,
    CURLPX_BAD_VERSION = 2,
    CURLPX_CLOSED = 3,
    CURLPX_GSSAPI = 4,
    CURLPX_GSSAPI_PERMSG = 5,
    CURLPX_GSSAPI_PROTECTION = 6,
    CURLPX_IDENTD = 7,
    CURLPX_IDENTD_DIFFER = 8,
    CURLPX_LONG_HOSTNAME = 9,
    CURLPX_LONG_PASSWD = 10,
    CURLPX_LONG_USER = 11,
    CURLPX_NO_AUTH = 12,
    CURLPX_RECV_ADDRESS = 13,
    CURLPX_RECV_AUTH = 14,
    CURLPX_RECV_CONNECT = 15,
    CURLPX_RECV_REQACK = 16,
    CURLPX_REPLY_ADDRESS_TYPE_NOT_SUPPORTED = 17,
    CURLPX_REPLY_COMMAND_NOT_SUPPORTED = 18,
    CURLPX_REPLY_CONNECTION_REFUSED = 19,
    CURLPX_REPLY_GENERAL_SERVER_FAILURE = 20,
    CURLPX_REPLY_HOST_UNREACHABLE = 21,
    CURLPX_REPLY_NETWORK_UNREACHABLE = 22,
    CURLPX_REPLY_NOT_ALLOWED = 23,
    CURLPX_REPLY_TTL_EXPIRED = 24,
    CURLPX_REPLY_UNASSIGNED = 25,
    CURLPX_REQUEST_FAILED = 26,
    CURLPX_RESOLVE_HOST = 27,
    CURLPX_SEND_AUTH = 28,
    CURLPX_SEND_CONNECT = 29,
    CURLPX_SEND_REQUEST = 30,
    CURLPX_UNKNOWN_FAIL = 31,
    CURLPX_UNKNOWN_MODE = 32,
    CURLPX_USER_REJECTED = 33,
    CURLPX_LAST = 34,
}

impl CURLproxycode {
    /// The variant whose C value is `value`, if there is one.
    pub const fn from_raw(value: c_int) -> Option<Self> {
        match value {
            0 => Some(Self::CURLPX_OK),
            1 => Some(Self::CURLPX_BAD_ADDRESS_TYPE),
            2 => Some(Self::CURLPX_BAD_VERSION),
            3 => Some(Self::CURLPX_CLOSED),
            4 => Some(Self::CURLPX_GSSAPI),
            5 => Some(Self::CURLPX_GSSAPI_PERMSG),
            6 => Some(Self::CURLPX_GSSAPI_PROTECTION),
            7 => Some(Self::CURLPX_IDENTD),
            8 => Some(Self::CURLPX_IDENTD_DIFFER),
            9 => Some(Self::CURLPX_LONG_HOSTNAME),
            10 => Some(Self::CURLPX_LONG_PASSWD),
            11 => Some(Self::CURLPX_LONG_USER),
            12 => Some(Self::CURLPX_NO_AUTH),
            13 => Some(Self::CURLPX_RECV_ADDRESS),
            14 => Some(Self::CURLPX_RECV_AUTH),
            15 => Some(Self::CURLPX_RECV_CONNECT),
            16 => Some(Self::CURLPX_RECV_REQACK),
            17 => Some(Self::CURLPX_REPLY_ADDRESS_TYPE_NOT_SUPPORTED),
            18 => Some(Self::CURLPX_REPLY_COMMAND_NOT_SUPPORTED),
            19 => Some(Self::CURLPX_REPLY_CONNECTION_REFUSED),
            20 => Some(Self::CURLPX_REPLY_GENERAL_SERVER_FAILURE),
            21 => Some(Self::CURLPX_REPLY_HOST_UNREACHABLE),
            22 => Some(Self::CURLPX_REPLY_NETWORK_UNREACHABLE),
            23 => Some(Self::CURLPX_REPLY_NOT_ALLOWED),
            24 => Some(Self::CURLPX_REPLY_TTL_EXPIRED),
            25 => Some(Self::CURLPX_REPLY_UNASSIGNED),
            26 => Some(Self::CURLPX_REQUEST_FAILED),
            27 => Some(Self::CURLPX_RESOLVE_HOST),
            28 => Some(Self::CURLPX_SEND_AUTH),
            29 => Some(Self::CURLPX_SEND_CONNECT),
            30 => Some(Self::CURLPX_SEND_REQUEST),
            31 => Some(Self::CURLPX_UNKNOWN_FAIL),
            32 => Some(Self::CURLPX_UNKNOWN_MODE),
            33 => Some(Self::CURLPX_USER_REJECTED),
            34 => Some(Self::CURLPX_LAST),
            _ => None,
        }
    }
}

/// Result of the HSTS read and write callbacks.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CURLSTScode {
    CURLSTS_OK = 0,
    CURLSTS_DONE = 1,
    CURLSTS_FAIL = 2,
}

impl CURLSTScode {
    /// The variant whose C value is `value`, if there is one.
    pub const fn from_raw(value: c_int) -> Option<Self> {
        match value {
            0 => Some(Self::CURLSTS_OK),
            1 => Some(Self::CURLSTS_DONE),
            2 => Some(Self::CURLSTS_FAIL),
            _ => None,
        }
    }
}

/// Result of `curl_formadd`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CURLFORMcode {
    CURL_FORMADD_OK = 0,
    CURL_FORMADD_MEMORY = 1,
    CURL_FORMADD_OPTION_TWICE = 2,
    CURL_FORMADD_NULL = 3,
    CURL_FORMADD_UNKNOWN_OPTION = 4,
    CURL_FORMADD_INCOMPLETE = 5,
    CURL_FORMADD_ILLEGAL_ARRAY = 6,
    CURL_FORMADD_DISABLED = 7,
    CURL_FORMADD_LAST = 8,
}

impl CURLFORMcode {
    /// The variant whose C value is `value`, if there is one.
    pub const fn from_raw(value: c_int) -> Option<Self> {
        match value {
            0 => Some(Self::CURL_FORMADD_OK),
            1 => Some(Self::CURL_FORMADD_MEMORY),
            2 => Some(Self::CURL_FORMADD_OPTION_TWICE),
            3 => Some(Self::CURL_FORMADD_NULL),
            4 => Some(Self::CURL_FORMADD_UNKNOWN_OPTION),
            5 => Some(Self::CURL_FORMADD_INCOMPLETE),
            6 => Some(Self::CURL_FORMADD_ILLEGAL_ARRAY),
            7 => Some(Self::CURL_FORMADD_DISABLED),
            8 => Some(Self::CURL_FORMADD_LAST),
            _ => None,
        }
    }
}

/// Result of `curl_global_sslset`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CURLsslset {
    CURLSSLSET_OK = 0,
    CURLSSLSET_UNKNOWN_BACKEND = 1,
    CURLSSLSET_TOO_LATE = 2,
    CURLSSLSET_NO_BACKENDS = 3,
}

impl CURLsslset {
    /// The variant whose C value is `value`, if there is one.
    pub const fn from_raw(value: c_int) -> Option<Self> {
        match value {
            0 => Some(Self::CURLSSLSET_OK),
            1 => Some(Self::CURLSSLSET_UNKNOWN_BACKEND),
            2 => Some(Self::CURLSSLSET_TOO_LATE),
            3 => Some(Self::CURLSSLSET_NO_BACKENDS),
            _ => None,
        }
    }
}

/// Result of a share-interface call.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CURLSHcode {
    CURLSHE_OK = 0,
    CURLSHE_BAD_OPTION = 1,
    CURLSHE_IN_USE = 2,
    CURLSHE_INVALID = 3,
    CURLSHE_NOMEM = 4,
    CURLSHE_NOT_BUILT_IN = 5,
    CURLSHE_LAST = 6,
}

impl CURLSHcode {
    /// The variant whose C value is `value`, if there is one.
    pub const fn from_raw(value: c_int) -> Option<Self> {
        match value {
            0 => Some(Self::CURLSHE_OK),
            1 => Some(Self::CURLSHE_BAD_OPTION),
            2 => Some(Self::CURLSHE_IN_USE),
            3 => Some(Self::CURLSHE_INVALID),
            4 => Some(Self::CURLSHE_NOMEM),
            5 => Some(Self::CURLSHE_NOT_BUILT_IN),
            6 => Some(Self::CURLSHE_LAST),
            _ => None,
        }
    }
}

/// Result of a multi-interface call.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CURLMcode {
    CURLM_CALL_MULTI_PERFORM = -1,
    CURLM_OK = 0,
    CURLM_BAD_HANDLE = 1,
    CURLM_BAD_EASY_HANDLE = 2,
    CURLM_OUT_OF_MEMORY = 3,
    CURLM_INTERNAL_ERROR = 4,
    CURLM_BAD_SOCKET = 5,
    CURLM_UNKNOWN_OPTION = 6,
    CURLM_ADDED_ALREADY = 7,
    CURLM_RECURSIVE_API_CALL = 8,
    CURLM_WAKEUP_FAILURE = 9,
    CURLM_BAD_FUNCTION_ARGUMENT = 10,
    CURLM_ABORTED_BY_CALLBACK = 11,
    CURLM_UNRECOVERABLE_POLL = 12,
    CURLM_LAST = 13,
}

impl CURLMcode {
    /// The variant whose C value is `value`, if there is one.
    pub const fn from_raw(value: c_int) -> Option<Self> {
        match value {
            -1 => Some(Self::CURLM_CALL_MULTI_PERFORM),
            0 => Some(Self::CURLM_OK),
            1 => Some(Self::CURLM_BAD_HANDLE),
            2 => Some(Self::CURLM_BAD_EASY_HANDLE),
            3 => Some(Self::CURLM_OUT_OF_MEMORY),
            4 => Some(Self::CURLM_INTERNAL_ERROR),
            5 => Some(Self::CURLM_BAD_SOCKET),
            6 => Some(Self::CURLM_UNKNOWN_OPTION),
            7 => Some(Self::CURLM_ADDED_ALREADY),
            8 => Some(Self::CURLM_RECURSIVE_API_CALL),
            9 => Some(Self::CURLM_WAKEUP_FAILURE),
            10 => Some(Self::CURLM_BAD_FUNCTION_ARGUMENT),
            11 => Some(Self::CURLM_ABORTED_BY_CALLBACK),
            12 => Some(Self::CURLM_UNRECOVERABLE_POLL),
            13 => Some(Self::CURLM_LAST),
            _ => None,
        }
    }
}

/// Result of a URL-API call.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CURLUcode {
    CURLUE_OK = 0,
    CURLUE_BAD_HANDLE = 1,
    CURLUE_BAD_PARTPOINTER = 2,
    CURLUE_MALFORMED_INPUT = 3,
    CURLUE_BAD_PORT_NUMBER = 4,
    CURLUE_UNSUPPORTED_SCHEME = 5,
    CURLUE_URLDECODE = 6,
    CURLUE_OUT_OF_MEMORY = 7,
    CURLUE_USER_NOT_ALLOWED = 8,
    CURLUE_UNKNOWN_PART = 9,
    CURLUE_NO_SCHEME = 10,
    CURLUE_NO_USER = 11,
    CURLUE_NO_PASSWORD = 12,
    CURLUE_NO_OPTIONS = 13,
    CURLUE_NO_HOST = 14,
    CURLUE_NO_PORT = 15,
    CURLUE_NO_QUERY = 16,
    CURLUE_NO_FRAGMENT = 17,
    CURLUE_NO_ZONEID = 18,
    CURLUE_BAD_FILE_URL = 19,
    CURLUE_BAD_FRAGMENT = 20,
    CURLUE_BAD_HOSTNAME = 21,
    CURLUE_BAD_IPV6 = 22,
    CURLUE_BAD_LOGIN = 23,
    CURLUE_BAD_PASSWORD = 24,
    CURLUE_BAD_PATH = 25,
    CURLUE_BAD_QUERY = 26,
    CURLUE_BAD_SCHEME = 27,
    CURLUE_BAD_SLASHES = 28,
    CURLUE_BAD_USER = 29,
    CURLUE_LACKS_IDN = 30,
    CURLUE_LAST = 31,
}

impl CURLUcode {
    /// The variant whose C value is `value`, if there is one.
    pub const fn from_raw(value: c_int) -> Option<Self> {
        match value {
            0 => Some(Self::CURLUE_OK),
            1 => Some(Self::CURLUE_BAD_HANDLE),
            2 => Some(Self::CURLUE_BAD_PARTPOINTER),
            3 => Some(Self::CURLUE_MALFORMED_INPUT),
            4 => Some(Self::CURLUE_BAD_PORT_NUMBER),
            5 => Some(Self::CURLUE_UNSUPPORTED_SCHEME),
            6 => Some(Self::CURLUE_URLDECODE),
            7 => Some(Self::CURLUE_OUT_OF_MEMORY),
            8 => Some(Self::CURLUE_USER_NOT_ALLOWED),
            9 => Some(Self::CURLUE_UNKNOWN_PART),
            10 => Some(Self::CURLUE_NO_SCHEME),
            11 => Some(Self::CURLUE_NO_USER),
            12 => Some(Self::CURLUE_NO_PASSWORD),
            13 => Some(Self::CURLUE_NO_OPTIONS),
            14 => Some(Self::CURLUE_NO_HOST),
            15 => Some(Self::CURLUE_NO_PORT),
            16 => Some(Self::CURLUE_NO_QUERY),
            17 => Some(Self::CURLUE_NO_FRAGMENT),
            18 => Some(Self::CURLUE_NO_ZONEID),
            19 => Some(Self::CURLUE_BAD_FILE_URL),
            20 => Some(Self::CURLUE_BAD_FRAGMENT),
            21 => Some(Self::CURLUE_BAD_HOSTNAME),
            22 => Some(Self::CURLUE_BAD_IPV6),
            23 => Some(Self::CURLUE_BAD_LOGIN),
            24 => Some(Self::CURLUE_BAD_PASSWORD),
            25 => Some(Self::CURLUE_BAD_PATH),
            26 => Some(Self::CURLUE_BAD_QUERY),
            27 => Some(Self::CURLUE_BAD_SCHEME),
            28 => Some(Self::CURLUE_BAD_SLASHES),
            29 => Some(Self::CURLUE_BAD_USER),
            30 => Some(Self::CURLUE_LACKS_IDN),
            31 => Some(Self::CURLUE_LAST),
            _ => None,
        }
    }
}

/// Result of the header API.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CURLHcode {
    CURLHE_OK = 0,
    CURLHE_BADINDEX = 1,
    CURLHE_MISSING = 2,
    CURLHE_NOHEADERS = 3,
    CURLHE_NOREQUEST = 4,
    CURLHE_OUT_OF_MEMORY = 5,
    CURLHE_BAD_ARGUMENT = 6,
    CURLHE_NOT_BUILT_IN = 7,
}

impl CURLHcode {
    /// The variant whose C value is `value`, if there is one.
    pub const fn from_raw(value: c_int) -> Option<Self> {
        match value {
            0 => Some(Self::CURLHE_OK),
            1 => Some(Self::CURLHE_BADINDEX),
            2 => Some(Self::CURLHE_MISSING),
            3 => Some(Self::CURLHE_NOHEADERS),
            4 => Some(Self::CURLHE_NOREQUEST),
            5 => Some(Self::CURLHE_OUT_OF_MEMORY),
            6 => Some(Self::CURLHE_BAD_ARGUMENT),
            7 => Some(Self::CURLHE_NOT_BUILT_IN),
            _ => None,
        }
    }
}

// Old names of result codes.
#[cfg(not(curl_no_oldies))]
pub const CURLE_OBSOLETE16: CURLcode = CURLcode::CURLE_HTTP2;
#[cfg(not(curl_no_oldies))]
pub const CURLE_OBSOLETE10: CURLcode = CURLcode::CURLE_FTP_ACCEPT_FAILED;
#[cfg(not(curl_no_oldies))]
pub const CURLE_OBSOLETE12: CURLcode = CURLcode::CURLE_FTP_ACCEPT_TIMEOUT;

#[cfg(not(curl_no_oldies))]
pub const CURLE_FTP_WEIRD_SERVER_REPLY: CURLcode = CURLcode::CURLE_WEIRD_SERVER_REPLY;
#[cfg(not(curl_no_oldies))]
pub const CURLE_SSL_CACERT: CURLcode = CURLcode::CURLE_PEER_FAILED_VERIFICATION;
#[cfg(not(curl_no_oldies))]
pub const CURLE_UNKNOWN_TELNET_OPTION: CURLcode = CURLcode::CURLE_UNKNOWN_OPTION;
#[cfg(not(curl_no_oldies))]
pub const CURLE_TELNET_OPTION_SYNTAX: CURLcode = CURLcode::CURLE_SETOPT_OPTION_SYNTAX;
#[cfg(not(curl_no_oldies))]
pub const CURLE_SSL_PEER_CERTIFICATE: CURLcode = CURLcode::CURLE_PEER_FAILED_VERIFICATION;
#[cfg(not(curl_no_oldies))]
pub const CURLE_OBSOLETE: CURLcode = CURLcode::CURLE_OBSOLETE50;
#[cfg(not(curl_no_oldies))]
pub const CURLE_BAD_PASSWORD_ENTERED: CURLcode = CURLcode::CURLE_OBSOLETE46;
#[cfg(not(curl_no_oldies))]
pub const CURLE_BAD_CALLING_ORDER: CURLcode = CURLcode::CURLE_OBSOLETE44;
#[cfg(not(curl_no_oldies))]
pub const CURLE_FTP_USER_PASSWORD_INCORRECT: CURLcode = CURLE_OBSOLETE10;
#[cfg(not(curl_no_oldies))]
pub const CURLE_FTP_CANT_RECONNECT: CURLcode = CURLE_OBSOLETE16;
#[cfg(not(curl_no_oldies))]
pub const CURLE_FTP_COULDNT_GET_SIZE: CURLcode = CURLcode::CURLE_OBSOLETE32;
#[cfg(not(curl_no_oldies))]
pub const CURLE_FTP_COULDNT_SET_ASCII: CURLcode = CURLcode::CURLE_OBSOLETE29;
#[cfg(not(curl_no_oldies))]
pub const CURLE_FTP_WEIRD_USER_REPLY: CURLcode = CURLE_OBSOLETE12;
#[cfg(not(curl_no_oldies))]
pub const CURLE_FTP_WRITE_ERROR: CURLcode = CURLcode::CURLE_OBSOLETE20;
#[cfg(not(curl_no_oldies))]
pub const CURLE_LIBRARY_NOT_FOUND: CURLcode = CURLcode::CURLE_OBSOLETE40;
#[cfg(not(curl_no_oldies))]
pub const CURLE_MALFORMAT_USER: CURLcode = CURLcode::CURLE_OBSOLETE24;
#[cfg(not(curl_no_oldies))]
pub const CURLE_SHARE_IN_USE: CURLcode = CURLcode::CURLE_OBSOLETE57;
#[cfg(not(curl_no_oldies))]
pub const CURLE_URL_MALFORMAT_USER: CURLcode = CURLcode::CURLE_NOT_BUILT_IN;
#[cfg(not(curl_no_oldies))]
pub const CURLE_FTP_ACCESS_DENIED: CURLcode = CURLcode::CURLE_REMOTE_ACCESS_DENIED;
#[cfg(not(curl_no_oldies))]
pub const CURLE_FTP_COULDNT_SET_BINARY: CURLcode = CURLcode::CURLE_FTP_COULDNT_SET_TYPE;
#[cfg(not(curl_no_oldies))]
pub const CURLE_FTP_QUOTE_ERROR: CURLcode = CURLcode::CURLE_QUOTE_ERROR;
#[cfg(not(curl_no_oldies))]
pub const CURLE_TFTP_DISKFULL: CURLcode = CURLcode::CURLE_REMOTE_DISK_FULL;
#[cfg(not(curl_no_oldies))]
pub const CURLE_TFTP_EXISTS: CURLcode = CURLcode::CURLE_REMOTE_FILE_EXISTS;
#[cfg(not(curl_no_oldies))]
pub const CURLE_HTTP_RANGE_ERROR: CURLcode = CURLcode::CURLE_RANGE_ERROR;
#[cfg(not(curl_no_oldies))]
pub const CURLE_FTP_SSL_FAILED: CURLcode = CURLcode::CURLE_USE_SSL_FAILED;
#[cfg(not(curl_no_oldies))]
pub const CURLE_OPERATION_TIMEOUTED: CURLcode = CURLcode::CURLE_OPERATION_TIMEDOUT;
#[cfg(not(curl_no_oldies))]
pub const CURLE_HTTP_NOT_FOUND: CURLcode = CURLcode::CURLE_HTTP_RETURNED_ERROR;
#[cfg(not(curl_no_oldies))]
pub const CURLE_HTTP_PORT_FAILED: CURLcode = CURLcode::CURLE_INTERFACE_FAILED;
#[cfg(not(curl_no_oldies))]
pub const CURLE_FTP_COULDNT_STOR_FILE: CURLcode = CURLcode::CURLE_UPLOAD_FAILED;
#[cfg(not(curl_no_oldies))]
pub const CURLE_FTP_PARTIAL_FILE: CURLcode = CURLcode::CURLE_PARTIAL_FILE;
#[cfg(not(curl_no_oldies))]
pub const CURLE_FTP_BAD_DOWNLOAD_RESUME: CURLcode = CURLcode::CURLE_BAD_DOWNLOAD_RESUME;
#[cfg(not(curl_no_oldies))]
pub const CURLE_LDAP_INVALID_URL: CURLcode = CURLcode::CURLE_OBSOLETE62;
#[cfg(not(curl_no_oldies))]
pub const CURLE_CONV_REQD: CURLcode = CURLcode::CURLE_OBSOLETE76;
#[cfg(not(curl_no_oldies))]
pub const CURLE_CONV_FAILED: CURLcode = CURLcode::CURLE_OBSOLETE75;

// A result code of long-gone releases; no CURLcode value.
#[cfg(not(curl_no_oldies))]
pub const CURLE_ALREADY_COMPLETE: c_int = 99999;

// Old name of `CURLM_CALL_MULTI_PERFORM`.
pub const CURLM_CALL_MULTI_SOCKET: CURLMcode = CURLMcode::CURLM_CALL_MULTI_PERFORM;

/// `CURLcode` as C code may pass or return it: any `int`. Printed as `CURLcode`.
pub type CURLcode_arg = c_int;

/// `CURLMcode` as C code may pass it: any `int`. Printed as `CURLMcode`.
pub type CURLMcode_arg = c_int;

/// `CURLSHcode` as C code may pass it: any `int`. Printed as `CURLSHcode`.
pub type CURLSHcode_arg = c_int;

/// `CURLUcode` as C code may pass it: any `int`. Printed as `CURLUcode`.
pub type CURLUcode_arg = c_int;

/// `CURLSTScode` as a C callback may return it: any `int`. Printed as `CURLSTScode`.
pub type CURLSTScode_arg = c_int;
