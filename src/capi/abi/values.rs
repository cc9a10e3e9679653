//! Values that options accept: protocol and authentication bit sets, HTTP and TLS
//! versions, FTP, SSH, proxy and redirect modes.

use std::ffi::{c_int, c_long, c_ulong};

/// Why a socket is being created, as told to the socket-option and open-socket callbacks.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum curlsocktype {
    CURLSOCKTYPE_IPCXN = 0,
    CURLSOCKTYPE_ACCEPT = 1,
    CURLSOCKTYPE_LAST = 2,
}

impl curlsocktype {
    /// The variant whose C value is `value`, if there is one.
    pub const fn from_raw(value: c_int) -> Option<Self> {
        match value {
            0 => Some(Self::CURLSOCKTYPE_IPCXN),
            1 => Some(Self::CURLSOCKTYPE_ACCEPT),
            2 => Some(Self::CURLSOCKTYPE_LAST),
            _ => None,
        }
    }
}

/// Command passed to the (obsolete) ioctl callback.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum curliocmd {
    CURLIOCMD_NOP = 0,
    CURLIOCMD_RESTARTREAD = 1,
    CURLIOCMD_LAST = 2,
}

impl curliocmd {
    /// The variant whose C value is `value`, if there is one.
    pub const fn from_raw(value: c_int) -> Option<Self> {
        match value {
            0 => Some(Self::CURLIOCMD_NOP),
            1 => Some(Self::CURLIOCMD_RESTARTREAD),
            2 => Some(Self::CURLIOCMD_LAST),
            _ => None,
        }
    }
}

/// Proxy protocol for `CURLOPT_PROXYTYPE`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum curl_proxytype {
    CURLPROXY_HTTP = 0,
    CURLPROXY_HTTP_1_0 = 1,
    CURLPROXY_HTTPS = 2,
    CURLPROXY_SOCKS4 = 4,
    CURLPROXY_SOCKS5 = 5,
    CURLPROXY_SOCKS4A = 6,
    CURLPROXY_SOCKS5_HOSTNAME = 7,
}

impl curl_proxytype {
    /// The variant whose C value is `value`, if there is one.
    pub const fn from_raw(value: c_int) -> Option<Self> {
        match value {
            0 => Some(Self::CURLPROXY_HTTP),
            1 => Some(Self::CURLPROXY_HTTP_1_0),
            2 => Some(Self::CURLPROXY_HTTPS),
            4 => Some(Self::CURLPROXY_SOCKS4),
            5 => Some(Self::CURLPROXY_SOCKS5),
            6 => Some(Self::CURLPROXY_SOCKS4A),
            7 => Some(Self::CURLPROXY_SOCKS5_HOSTNAME),
            _ => None,
        }
    }
}

/// Kind of an SSH host key.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum curl_khtype {
    CURLKHTYPE_UNKNOWN = 0,
    CURLKHTYPE_RSA1 = 1,
    CURLKHTYPE_RSA = 2,
    CURLKHTYPE_DSS = 3,
    CURLKHTYPE_ECDSA = 4,
    CURLKHTYPE_ED25519 = 5,
}

impl curl_khtype {
    /// The variant whose C value is `value`, if there is one.
    pub const fn from_raw(value: c_int) -> Option<Self> {
        match value {
            0 => Some(Self::CURLKHTYPE_UNKNOWN),
            1 => Some(Self::CURLKHTYPE_RSA1),
            2 => Some(Self::CURLKHTYPE_RSA),
            3 => Some(Self::CURLKHTYPE_DSS),
            4 => Some(Self::CURLKHTYPE_ECDSA),
            5 => Some(Self::CURLKHTYPE_ED25519),
            _ => None,
        }
    }
}

/// Verdict an SSH known-hosts callback returns.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum curl_khstat {
    CURLKHSTAT_FINE_ADD_TO_FILE = 0,
    CURLKHSTAT_FINE = 1,
    CURLKHSTAT_REJECT = 2,
    CURLKHSTAT_DEFER = 3,
    CURLKHSTAT_FINE_REPLACE = 4,
    CURLKHSTAT_LAST = 5,
}

impl curl_khstat {
    /// The variant whose C value is `value`, if there is one.
    pub const fn from_raw(value: c_int) -> Option<Self> {
        match value {
            0 => Some(Self::CURLKHSTAT_FINE_ADD_TO_FILE),
            1 => Some(Self::CURLKHSTAT_FINE),
            2 => Some(Self::CURLKHSTAT_REJECT),
            3 => Some(Self::CURLKHSTAT_DEFER),
            4 => Some(Self::CURLKHSTAT_FINE_REPLACE),
            5 => Some(Self::CURLKHSTAT_LAST),
            _ => None,
        }
    }
}

/// How a server's SSH key compared with the known-hosts file.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum curl_khmatch {
    CURLKHMATCH_OK = 0,
    CURLKHMATCH_MISMATCH = 1,
    CURLKHMATCH_MISSING = 2,
    CURLKHMATCH_LAST = 3,
}

impl curl_khmatch {
    /// The variant whose C value is `value`, if there is one.
    pub const fn from_raw(value: c_int) -> Option<Self> {
        match value {
            0 => Some(Self::CURLKHMATCH_OK),
            1 => Some(Self::CURLKHMATCH_MISMATCH),
            2 => Some(Self::CURLKHMATCH_MISSING),
            3 => Some(Self::CURLKHMATCH_LAST),
            _ => None,
        }
    }
}

/// TLS requirement level for `CURLOPT_USE_SSL`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum curl_usessl {
    CURLUSESSL_NONE = 0,
    CURLUSESSL_TRY = 1,
    CURLUSESSL_CONTROL = 2,
    CURLUSESSL_ALL = 3,
    CURLUSESSL_LAST = 4,
}

impl curl_usessl {
    /// The variant whose C value is `value`, if there is one.
    pub const fn from_raw(value: c_int) -> Option<Self> {
        match value {
            0 => Some(Self::CURLUSESSL_NONE),
            1 => Some(Self::CURLUSESSL_TRY),
            2 => Some(Self::CURLUSESSL_CONTROL),
            3 => Some(Self::CURLUSESSL_ALL),
            4 => Some(Self::CURLUSESSL_LAST),
            _ => None,
        }
    }
}

/// Clear-command-channel mode for `CURLOPT_FTP_SSL_CCC`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum curl_ftpccc {
    CURLFTPSSL_CCC_NONE = 0,
    CURLFTPSSL_CCC_PASSIVE = 1,
    CURLFTPSSL_CCC_ACTIVE = 2,
    CURLFTPSSL_CCC_LAST = 3,
}

impl curl_ftpccc {
    /// The variant whose C value is `value`, if there is one.
    pub const fn from_raw(value: c_int) -> Option<Self> {
        match value {
            0 => Some(Self::CURLFTPSSL_CCC_NONE),
            1 => Some(Self::CURLFTPSSL_CCC_PASSIVE),
            2 => Some(Self::CURLFTPSSL_CCC_ACTIVE),
            3 => Some(Self::CURLFTPSSL_CCC_LAST),
            _ => None,
        }
    }
}

/// FTP TLS negotiation order for `CURLOPT_FTPSSLAUTH`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum curl_ftpauth {
    CURLFTPAUTH_DEFAULT = 0,
    CURLFTPAUTH_SSL = 1,
    CURLFTPAUTH_TLS = 2,
    CURLFTPAUTH_LAST = 3,
}

impl curl_ftpauth {
    /// The variant whose C value is `value`, if there is one.
    pub const fn from_raw(value: c_int) -> Option<Self> {
        match value {
            0 => Some(Self::CURLFTPAUTH_DEFAULT),
            1 => Some(Self::CURLFTPAUTH_SSL),
            2 => Some(Self::CURLFTPAUTH_TLS),
            3 => Some(Self::CURLFTPAUTH_LAST),
            _ => None,
        }
    }
}

/// Remote directory creation mode for `CURLOPT_FTP_CREATE_MISSING_DIRS`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum curl_ftpcreatedir {
    CURLFTP_CREATE_DIR_NONE = 0,
    CURLFTP_CREATE_DIR = 1,
    CURLFTP_CREATE_DIR_RETRY = 2,
    CURLFTP_CREATE_DIR_LAST = 3,
}

impl curl_ftpcreatedir {
    /// The variant whose C value is `value`, if there is one.
    pub const fn from_raw(value: c_int) -> Option<Self> {
        match value {
            0 => Some(Self::CURLFTP_CREATE_DIR_NONE),
            1 => Some(Self::CURLFTP_CREATE_DIR),
            2 => Some(Self::CURLFTP_CREATE_DIR_RETRY),
            3 => Some(Self::CURLFTP_CREATE_DIR_LAST),
            _ => None,
        }
    }
}

/// How FTP walks to a file, for `CURLOPT_FTP_FILEMETHOD`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum curl_ftpmethod {
    CURLFTPMETHOD_DEFAULT = 0,
    CURLFTPMETHOD_MULTICWD = 1,
    CURLFTPMETHOD_NOCWD = 2,
    CURLFTPMETHOD_SINGLECWD = 3,
    CURLFTPMETHOD_LAST = 4,
}

impl curl_ftpmethod {
    /// The variant whose C value is `value`, if there is one.
    pub const fn from_raw(value: c_int) -> Option<Self> {
        match value {
            0 => Some(Self::CURLFTPMETHOD_DEFAULT),
            1 => Some(Self::CURLFTPMETHOD_MULTICWD),
            2 => Some(Self::CURLFTPMETHOD_NOCWD),
            3 => Some(Self::CURLFTPMETHOD_SINGLECWD),
            4 => Some(Self::CURLFTPMETHOD_LAST),
            _ => None,
        }
    }
}

/// Values for `CURLOPT_HTTP_VERSION`. Unnamed in libcurl's header; the name is ours.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum curl_http_version {
    CURL_HTTP_VERSION_NONE = 0,
    CURL_HTTP_VERSION_1_0 = 1,
    CURL_HTTP_VERSION_1_1 = 2,
    CURL_HTTP_VERSION_2_0 = 3,
    CURL_HTTP_VERSION_2TLS = 4,
    CURL_HTTP_VERSION_2_PRIOR_KNOWLEDGE = 5,
    CURL_HTTP_VERSION_3 = 30,
    CURL_HTTP_VERSION_3ONLY = 31,
    CURL_HTTP_VERSION_LAST = 32,
}

impl curl_http_version {
    /// The variant whose C value is `value`, if there is one.
    pub const fn from_raw(value: c_int) -> Option<Self> {
        match value {
            0 => Some(Self::CURL_HTTP_VERSION_NONE),
            1 => Some(Self::CURL_HTTP_VERSION_1_0),
            2 => Some(Self::CURL_HTTP_VERSION_1_1),
            3 => Some(Self::CURL_HTTP_VERSION_2_0),
            4 => Some(Self::CURL_HTTP_VERSION_2TLS),
            5 => Some(Self::CURL_HTTP_VERSION_2_PRIOR_KNOWLEDGE),
            30 => Some(Self::CURL_HTTP_VERSION_3),
            31 => Some(Self::CURL_HTTP_VERSION_3ONLY),
            32 => Some(Self::CURL_HTTP_VERSION_LAST),
            _ => None,
        }
    }
}

/// Values for `CURLOPT_RTSP_REQUEST`. Unnamed in libcurl's header; the name is ours.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum curl_rtspreq {
    CURL_RTSPREQ_NONE = 0,
    CURL_RTSPREQ_OPTIONS = 1,
    CURL_RTSPREQ_DESCRIBE = 2,
    CURL_RTSPREQ_ANNOUNCE = 3,
    CURL_RTSPREQ_SETUP = 4,
    CURL_RTSPREQ_PLAY = 5,
    CURL_RTSPREQ_PAUSE = 6,
    CURL_RTSPREQ_TEARDOWN = 7,
    CURL_RTSPREQ_GET_PARAMETER = 8,
    CURL_RTSPREQ_SET_PARAMETER = 9,
    CURL_RTSPREQ_RECORD = 10,
    CURL_RTSPREQ_RECEIVE = 11,
    CURL_RTSPREQ_LAST = 12,
}

impl curl_rtspreq {
    /// The variant whose C value is `value`, if there is one.
    pub const fn from_raw(value: c_int) -> Option<Self> {
        match value {
            0 => Some(Self::CURL_RTSPREQ_NONE),
            1 => Some(Self::CURL_RTSPREQ_OPTIONS),
            2 => Some(Self::CURL_RTSPREQ_DESCRIBE),
            3 => Some(Self::CURL_RTSPREQ_ANNOUNCE),
            4 => Some(Self::CURL_RTSPREQ_SETUP),
            5 => Some(Self::CURL_RTSPREQ_PLAY),
            6 => Some(Self::CURL_RTSPREQ_PAUSE),
            7 => Some(Self::CURL_RTSPREQ_TEARDOWN),
            8 => Some(Self::CURL_RTSPREQ_GET_PARAMETER),
            9 => Some(Self::CURL_RTSPREQ_SET_PARAMETER),
            10 => Some(Self::CURL_RTSPREQ_RECORD),
            11 => Some(Self::CURL_RTSPREQ_RECEIVE),
            12 => Some(Self::CURL_RTSPREQ_LAST),
            _ => None,
        }
    }
}

/// Values for `CURLOPT_NETRC`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CURL_NETRC_OPTION {
    CURL_NETRC_IGNORED = 0,
    CURL_NETRC_OPTIONAL = 1,
    CURL_NETRC_REQUIRED = 2,
    CURL_NETRC_LAST = 3,
}

impl CURL_NETRC_OPTION {
    /// The variant whose C value is `value`, if there is one.
    pub const fn from_raw(value: c_int) -> Option<Self> {
        match value {
            0 => Some(Self::CURL_NETRC_IGNORED),
            1 => Some(Self::CURL_NETRC_OPTIONAL),
            2 => Some(Self::CURL_NETRC_REQUIRED),
            3 => Some(Self::CURL_NETRC_LAST),
            _ => None,
        }
    }
}

/// Minimum TLS version values for `CURLOPT_SSLVERSION`. Unnamed in libcurl's header; the name is ours.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum curl_sslversion {
    CURL_SSLVERSION_DEFAULT = 0,
    CURL_SSLVERSION_TLSv1 = 1,
    CURL_SSLVERSION_SSLv2 = 2,
    CURL_SSLVERSION_SSLv3 = 3,
    CURL_SSLVERSION_TLSv1_0 = 4,
    CURL_SSLVERSION_TLSv1_1 = 5,
    CURL_SSLVERSION_TLSv1_2 = 6,
    CURL_SSLVERSION_TLSv1_3 = 7,
    CURL_SSLVERSION_LAST = 8,
}

impl curl_sslversion {
    /// The variant whose C value is `value`, if there is one.
    pub const fn from_raw(value: c_int) -> Option<Self> {
        match value {
            0 => Some(Self::CURL_SSLVERSION_DEFAULT),
            1 => Some(Self::CURL_SSLVERSION_TLSv1),
            2 => Some(Self::CURL_SSLVERSION_SSLv2),
            3 => Some(Self::CURL_SSLVERSION_SSLv3),
            4 => Some(Self::CURL_SSLVERSION_TLSv1_0),
            5 => Some(Self::CURL_SSLVERSION_TLSv1_1),
            6 => Some(Self::CURL_SSLVERSION_TLSv1_2),
            7 => Some(Self::CURL_SSLVERSION_TLSv1_3),
            8 => Some(Self::CURL_SSLVERSION_LAST),
            _ => None,
        }
    }
}

/// Maximum TLS version values, OR-ed into `CURLOPT_SSLVERSION`. Unnamed in libcurl's header; the name is ours.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum curl_sslversion_max {
    CURL_SSLVERSION_MAX_NONE = 0,
    CURL_SSLVERSION_MAX_DEFAULT = 65536,
    CURL_SSLVERSION_MAX_TLSv1_0 = 262144,
    CURL_SSLVERSION_MAX_TLSv1_1 = 327680,
    CURL_SSLVERSION_MAX_TLSv1_2 = 393216,
    CURL_SSLVERSION_MAX_TLSv1_3 = 458752,
    CURL_SSLVERSION_MAX_LAST = 524288,
}

impl curl_sslversion_max {
    /// The variant whose C value is `value`, if there is one.
    pub const fn from_raw(value: c_int) -> Option<Self> {
        match value {
            0 => Some(Self::CURL_SSLVERSION_MAX_NONE),
            65536 => Some(Self::CURL_SSLVERSION_MAX_DEFAULT),
            262144 => Some(Self::CURL_SSLVERSION_MAX_TLSv1_0),
            327680 => Some(Self::CURL_SSLVERSION_MAX_TLSv1_1),
            393216 => Some(Self::CURL_SSLVERSION_MAX_TLSv1_2),
            458752 => Some(Self::CURL_SSLVERSION_MAX_TLSv1_3),
            524288 => Some(Self::CURL_SSLVERSION_MAX_LAST),
            _ => None,
        }
    }
}

/// Values for `CURLOPT_TLSAUTH_TYPE`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CURL_TLSAUTH {
    CURL_TLSAUTH_NONE = 0,
    CURL_TLSAUTH_SRP = 1,
    CURL_TLSAUTH_LAST = 2,
}

impl CURL_TLSAUTH {
    /// The variant whose C value is `value`, if there is one.
    pub const fn from_raw(value: c_int) -> Option<Self> {
        match value {
            0 => Some(Self::CURL_TLSAUTH_NONE),
            1 => Some(Self::CURL_TLSAUTH_SRP),
            2 => Some(Self::CURL_TLSAUTH_LAST),
            _ => None,
        }
    }
}

/// Values for `CURLOPT_TIMECONDITION`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum curl_TimeCond {
    CURL_TIMECOND_NONE = 0,
    CURL_TIMECOND_IFMODSINCE = 1,
    CURL_TIMECOND_IFUNMODSINCE = 2,
    CURL_TIMECOND_LASTMOD = 3,
    CURL_TIMECOND_LAST = 4,
}

impl curl_TimeCond {
    /// The variant whose C value is `value`, if there is one.
    pub const fn from_raw(value: c_int) -> Option<Self> {
        match value {
            0 => Some(Self::CURL_TIMECOND_NONE),
            1 => Some(Self::CURL_TIMECOND_IFMODSINCE),
            2 => Some(Self::CURL_TIMECOND_IFUNMODSINCE),
            3 => Some(Self::CURL_TIMECOND_LASTMOD),
            4 => Some(Self::CURL_TIMECOND_LAST),
            _ => None,
        }
    }
}

/// Leftover of a removed option; kept for source compatibility.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum curl_closepolicy {
    CURLCLOSEPOLICY_NONE = 0,
    CURLCLOSEPOLICY_OLDEST = 1,
    CURLCLOSEPOLICY_LEAST_RECENTLY_USED = 2,
    CURLCLOSEPOLICY_LEAST_TRAFFIC = 3,
    CURLCLOSEPOLICY_SLOWEST = 4,
    CURLCLOSEPOLICY_CALLBACK = 5,
    CURLCLOSEPOLICY_LAST = 6,
}

impl curl_closepolicy {
    /// The variant whose C value is `value`, if there is one.
    pub const fn from_raw(value: c_int) -> Option<Self> {
        match value {
            0 => Some(Self::CURLCLOSEPOLICY_NONE),
            1 => Some(Self::CURLCLOSEPOLICY_OLDEST),
            2 => Some(Self::CURLCLOSEPOLICY_LEAST_RECENTLY_USED),
            3 => Some(Self::CURLCLOSEPOLICY_LEAST_TRAFFIC),
            4 => Some(Self::CURLCLOSEPOLICY_SLOWEST),
            5 => Some(Self::CURLCLOSEPOLICY_CALLBACK),
            6 => Some(Self::CURLCLOSEPOLICY_LAST),
            _ => None,
        }
    }
}

// HTTP and proxy authentication methods (`unsigned long` bits).
pub const CURLAUTH_NONE: c_ulong = 0 as c_ulong;
pub const CURLAUTH_BASIC: c_ulong = (1 as c_ulong) << 0;
pub const CURLAUTH_DIGEST: c_ulong = (1 as c_ulong) << 1;
pub const CURLAUTH_NEGOTIATE: c_ulong = (1 as c_ulong) << 2;
pub const CURLAUTH_GSSNEGOTIATE: c_ulong = CURLAUTH_NEGOTIATE;
pub const CURLAUTH_GSSAPI: c_ulong = CURLAUTH_NEGOTIATE;
pub const CURLAUTH_NTLM: c_ulong = (1 as c_ulong) << 3;
pub const CURLAUTH_DIGEST_IE: c_ulong = (1 as c_ulong) << 4;
pub const CURLAUTH_NTLM_WB: c_ulong = (1 as c_ulong) << 5;
pub const CURLAUTH_BEARER: c_ulong = (1 as c_ulong) << 6;
pub const CURLAUTH_AWS_SIGV4: c_ulong = (1 as c_ulong) << 7;
pub const CURLAUTH_ONLY: c_ulong = (1 as c_ulong) << 31;
pub const CURLAUTH_ANY: c_ulong = !CURLAUTH_DIGEST_IE;
pub const CURLAUTH_ANYSAFE: c_ulong = !(CURLAUTH_BASIC | CURLAUTH_DIGEST_IE);

// SSH authentication methods.
pub const CURLSSH_AUTH_ANY: c_int = !0;
pub const CURLSSH_AUTH_NONE: c_int = 0;
pub const CURLSSH_AUTH_PUBLICKEY: c_int = 1 << 0;
pub const CURLSSH_AUTH_PASSWORD: c_int = 1 << 1;
pub const CURLSSH_AUTH_HOST: c_int = 1 << 2;
pub const CURLSSH_AUTH_KEYBOARD: c_int = 1 << 3;
pub const CURLSSH_AUTH_AGENT: c_int = 1 << 4;
pub const CURLSSH_AUTH_GSSAPI: c_int = 1 << 5;
pub const CURLSSH_AUTH_DEFAULT: c_int = CURLSSH_AUTH_ANY;

// `CURLOPT_GSSAPI_DELEGATION` values.
pub const CURLGSSAPI_DELEGATION_NONE: c_int = 0;
pub const CURLGSSAPI_DELEGATION_POLICY_FLAG: c_int = 1 << 0;
pub const CURLGSSAPI_DELEGATION_FLAG: c_int = 1 << 1;

// `CURLOPT_SSL_OPTIONS` bits.
pub const CURLSSLOPT_ALLOW_BEAST: c_int = 1 << 0;
pub const CURLSSLOPT_NO_REVOKE: c_int = 1 << 1;
pub const CURLSSLOPT_NO_PARTIALCHAIN: c_int = 1 << 2;
pub const CURLSSLOPT_REVOKE_BEST_EFFORT: c_int = 1 << 3;
pub const CURLSSLOPT_NATIVE_CA: c_int = 1 << 4;
pub const CURLSSLOPT_AUTO_CLIENT_CERT: c_int = 1 << 5;

// Default happy-eyeballs and connection upkeep intervals, in milliseconds (`long`). In the
// header as `long` literals (cbindgen.toml's trailer), like the CURLPIPE bits.
/// cbindgen:ignore
pub const CURL_HET_DEFAULT: c_long = 200;
/// cbindgen:ignore
pub const CURL_UPKEEP_INTERVAL_DEFAULT: c_long = 60000;

// Old names of the `curl_usessl` values.
#[cfg(not(curl_no_oldies))]
pub const CURLFTPSSL_NONE: curl_usessl = curl_usessl::CURLUSESSL_NONE;
#[cfg(not(curl_no_oldies))]
pub const CURLFTPSSL_TRY: curl_usessl = curl_usessl::CURLUSESSL_TRY;
#[cfg(not(curl_no_oldies))]
pub const CURLFTPSSL_CONTROL: curl_usessl = curl_usessl::CURLUSESSL_CONTROL;
#[cfg(not(curl_no_oldies))]
pub const CURLFTPSSL_ALL: curl_usessl = curl_usessl::CURLUSESSL_ALL;
#[cfg(not(curl_no_oldies))]
pub const CURLFTPSSL_LAST: curl_usessl = curl_usessl::CURLUSESSL_LAST;

// `CURLOPT_HEADEROPT` values.
pub const CURLHEADER_UNIFIED: c_int = 0;
pub const CURLHEADER_SEPARATE: c_int = 1 << 0;

// `CURLOPT_ALTSVC_CTRL` bits.
pub const CURLALTSVC_READONLYFILE: c_int = 1 << 2;
pub const CURLALTSVC_H1: c_int = 1 << 3;
pub const CURLALTSVC_H2: c_int = 1 << 4;
pub const CURLALTSVC_H3: c_int = 1 << 5;

// `CURLOPT_HSTS_CTRL` bits (`long`).
pub const CURLHSTS_ENABLE: c_long = (1 << 0) as c_long;
pub const CURLHSTS_READONLYFILE: c_long = (1 << 1) as c_long;

// Protocol bits for `CURLOPT_PROTOCOLS`, `CURLOPT_REDIR_PROTOCOLS` and `CURLINFO_PROTOCOL`.
pub const CURLPROTO_HTTP: c_int = 1 << 0;
pub const CURLPROTO_HTTPS: c_int = 1 << 1;
pub const CURLPROTO_FTP: c_int = 1 << 2;
pub const CURLPROTO_FTPS: c_int = 1 << 3;
pub const CURLPROTO_SCP: c_int = 1 << 4;
pub const CURLPROTO_SFTP: c_int = 1 << 5;
pub const CURLPROTO_TELNET: c_int = 1 << 6;
pub const CURLPROTO_LDAP: c_int = 1 << 7;
pub const CURLPROTO_LDAPS: c_int = 1 << 8;
pub const CURLPROTO_DICT: c_int = 1 << 9;
pub const CURLPROTO_FILE: c_int = 1 << 10;
pub const CURLPROTO_TFTP: c_int = 1 << 11;
pub const CURLPROTO_IMAP: c_int = 1 << 12;
pub const CURLPROTO_IMAPS: c_int = 1 << 13;
pub const CURLPROTO_POP3: c_int = 1 << 14;
pub const CURLPROTO_POP3S: c_int = 1 << 15;
pub const CURLPROTO_SMTP: c_int = 1 << 16;
pub const CURLPROTO_SMTPS: c_int = 1 << 17;
pub const CURLPROTO_RTSP: c_int = 1 << 18;
pub const CURLPROTO_RTMP: c_int = 1 << 19;
pub const CURLPROTO_RTMPT: c_int = 1 << 20;
pub const CURLPROTO_RTMPE: c_int = 1 << 21;
pub const CURLPROTO_RTMPTE: c_int = 1 << 22;
pub const CURLPROTO_RTMPS: c_int = 1 << 23;
pub const CURLPROTO_RTMPTS: c_int = 1 << 24;
pub const CURLPROTO_GOPHER: c_int = 1 << 25;
pub const CURLPROTO_SMB: c_int = 1 << 26;
pub const CURLPROTO_SMBS: c_int = 1 << 27;
pub const CURLPROTO_MQTT: c_int = 1 << 28;
pub const CURLPROTO_GOPHERS: c_int = 1 << 29;
pub const CURLPROTO_ALL: c_int = !0;

// `CURLOPT_IPRESOLVE` values.
pub const CURL_IPRESOLVE_WHATEVER: c_int = 0;
pub const CURL_IPRESOLVE_V4: c_int = 1;
pub const CURL_IPRESOLVE_V6: c_int = 2;

// Old name of `CURL_HTTP_VERSION_2_0`.
pub const CURL_HTTP_VERSION_2: curl_http_version = curl_http_version::CURL_HTTP_VERSION_2_0;

// `CURLOPT_POSTREDIR` bits.
pub const CURL_REDIR_GET_ALL: c_int = 0;
pub const CURL_REDIR_POST_301: c_int = 1;
pub const CURL_REDIR_POST_302: c_int = 2;
pub const CURL_REDIR_POST_303: c_int = 4;
pub const CURL_REDIR_POST_ALL: c_int =
    CURL_REDIR_POST_301 | CURL_REDIR_POST_302 | CURL_REDIR_POST_303;

// `CURLOPT_MIME_OPTIONS` bits.
pub const CURLMIMEOPT_FORMESCAPE: c_int = 1 << 0;

/// Old name of `curl_usessl`.
#[cfg(not(curl_no_oldies))]
pub type curl_ftpssl = curl_usessl;
