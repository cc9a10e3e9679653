//! The rows of libcurl 7.88.1's option-introspection table, in libcurl's order.
//!
//! `curl_easy_option_next`, `curl_easy_option_by_name` and `curl_easy_option_by_id` walk a
//! C array of `curl_easyoption` built from these rows. The rows were read from the system
//! libcurl 7.88.1 by walking its `curl_easy_option_next`. Names carry no `CURLOPT_` prefix
//! and are sorted. An `alias` row is an old name sharing the id of the option it stands for;
//! a lookup by id answers with the non-alias row.

use super::curl_easytype;

/// One option of the introspection table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EasyOptionRow {
    /// Option name without the `CURLOPT_` prefix.
    pub name: &'static str,
    /// The `CURLoption` value.
    pub id: i32,
    /// The `curl_easytype` value: how the option's argument is typed.
    pub kind: i32,
    /// An old name of another option (`CURLOT_FLAG_ALIAS`).
    pub alias: bool,
}

const LONG: i32 = curl_easytype::CURLOT_LONG as i32;
const VALUES: i32 = curl_easytype::CURLOT_VALUES as i32;
const OFF_T: i32 = curl_easytype::CURLOT_OFF_T as i32;
const OBJECT: i32 = curl_easytype::CURLOT_OBJECT as i32;
const STRING: i32 = curl_easytype::CURLOT_STRING as i32;
const SLIST: i32 = curl_easytype::CURLOT_SLIST as i32;
const CBPTR: i32 = curl_easytype::CURLOT_CBPTR as i32;
const BLOB: i32 = curl_easytype::CURLOT_BLOB as i32;
const FUNCTION: i32 = curl_easytype::CURLOT_FUNCTION as i32;

const fn opt(name: &'static str, id: i32, kind: i32) -> EasyOptionRow {
    EasyOptionRow {
        name,
        id,
        kind,
        alias: false,
    }
}

const fn alias(name: &'static str, id: i32, kind: i32) -> EasyOptionRow {
    EasyOptionRow {
        name,
        id,
        kind,
        alias: true,
    }
}

/// Every row of libcurl 7.88.1's table, without the terminating empty row.
pub static EASY_OPTIONS: &[EasyOptionRow] = &[
    opt("ABSTRACT_UNIX_SOCKET", 10264, STRING),
    opt("ACCEPTTIMEOUT_MS", 212, LONG),
    opt("ACCEPT_ENCODING", 10102, STRING),
    opt("ADDRESS_SCOPE", 171, LONG),
    opt("ALTSVC", 10287, STRING),
    opt("ALTSVC_CTRL", 286, LONG),
    opt("APPEND", 50, LONG),
    opt("AUTOREFERER", 58, LONG),
    opt("AWS_SIGV4", 10305, STRING),
    opt("BUFFERSIZE", 98, LONG),
    opt("CAINFO", 10065, STRING),
    opt("CAINFO_BLOB", 40309, BLOB),
    opt("CAPATH", 10097, STRING),
    opt("CA_CACHE_TIMEOUT", 321, LONG),
    opt("CERTINFO", 172, LONG),
    opt("CHUNK_BGN_FUNCTION", 20198, FUNCTION),
    opt("CHUNK_DATA", 10201, CBPTR),
    opt("CHUNK_END_FUNCTION", 20199, FUNCTION),
    opt("CLOSESOCKETDATA", 10209, CBPTR),
    opt("CLOSESOCKETFUNCTION", 20208, FUNCTION),
    opt("CONNECTTIMEOUT", 78, LONG),
    opt("CONNECTTIMEOUT_MS", 156, LONG),
    opt("CONNECT_ONLY", 141, LONG),
    opt("CONNECT_TO", 10243, SLIST),
    opt("CONV_FROM_NETWORK_FUNCTION", 20142, FUNCTION),
    opt("CONV_FROM_UTF8_FUNCTION", 20144, FUNCTION),
    opt("CONV_TO_NETWORK_FUNCTION", 20143, FUNCTION),
    opt("COOKIE", 10022, STRING),
    opt("COOKIEFILE", 10031, STRING),
    opt("COOKIEJAR", 10082, STRING),
    opt("COOKIELIST", 10135, STRING),
    opt("COOKIESESSION", 96, LONG),
    opt("COPYPOSTFIELDS", 10165, OBJECT),
    opt("CRLF", 27, LONG),
    opt("CRLFILE", 10169, STRING),
    opt("CURLU", 10282, OBJECT),
    opt("CUSTOMREQUEST", 10036, STRING),
    opt("DEBUGDATA", 10095, CBPTR),
    opt("DEBUGFUNCTION", 20094, FUNCTION),
    opt("DEFAULT_PROTOCOL", 10238, STRING),
    opt("DIRLISTONLY", 48, LONG),
    opt("DISALLOW_USERNAME_IN_URL", 278, LONG),
    opt("DNS_CACHE_TIMEOUT", 92, LONG),
    opt("DNS_INTERFACE", 10221, STRING),
    opt("DNS_LOCAL_IP4", 10222, STRING),
    opt("DNS_LOCAL_IP6", 10223, STRING),
    opt("DNS_SERVERS", 10211, STRING),
    opt("DNS_SHUFFLE_ADDRESSES", 275, LONG),
    opt("DNS_USE_GLOBAL_CACHE", 91, LONG),
    opt("DOH_SSL_VERIFYHOST", 307, LONG),
    opt("DOH_SSL_VERIFYPEER", 306, LONG),
    opt("DOH_SSL_VERIFYSTATUS", 308, LONG),
    opt("DOH_URL", 10279, STRING),
    opt("EGDSOCKET", 10077, STRING),
    alias("ENCODING", 10102, STRING),
    opt("ERRORBUFFER", 10010, OBJECT),
    opt("EXPECT_100_TIMEOUT_MS", 227, LONG),
    opt("FAILONERROR", 45, LONG),
    alias("FILE", 10001, CBPTR),
    opt("FILETIME", 69, LONG),
    opt("FNMATCH_DATA", 10202, CBPTR),
    opt("FNMATCH_FUNCTION", 20200, FUNCTION),
    opt("FOLLOWLOCATION", 52, LONG),
    opt("FORBID_REUSE", 75, LONG),
    opt("FRESH_CONNECT", 74, LONG),
    alias("FTPAPPEND", 50, LONG),
    alias("FTPLISTONLY", 48, LONG),
    opt("FTPPORT", 10017, STRING),
    opt("FTPSSLAUTH", 129, VALUES),
    opt("FTP_ACCOUNT", 10134, STRING),
    opt("FTP_ALTERNATIVE_TO_USER", 10147, STRING),
    opt("FTP_CREATE_MISSING_DIRS", 110, LONG),
    opt("FTP_FILEMETHOD", 138, VALUES),
    alias("FTP_RESPONSE_TIMEOUT", 112, LONG),
    opt("FTP_SKIP_PASV_IP", 137, LONG),
    alias("FTP_SSL", 119, VALUES),
    opt("FTP_SSL_CCC", 154, LONG),
    opt("FTP_USE_EPRT", 106, LONG),
    opt("FTP_USE_EPSV", 85, LONG),
    opt("FTP_USE_PRET", 188, LONG),
    opt("GSSAPI_DELEGATION", 210, VALUES),
    opt("HAPPY_EYEBALLS_TIMEOUT_MS", 271, LONG),
    opt("HAPROXYPROTOCOL", 274, LONG),
    opt("HEADER", 42, LONG),
    opt("HEADERDATA", 10029, CBPTR),
    opt("HEADERFUNCTION", 20079, FUNCTION),
    opt("HEADEROPT", 229, VALUES),
    opt("HSTS", 10300, STRING),
    opt("HSTSREADDATA", 10302, CBPTR),
    opt("HSTSREADFUNCTION", 20301, FUNCTION),
    opt("HSTSWRITEDATA", 10304, CBPTR),
    opt("HSTSWRITEFUNCTION", 20303, FUNCTION),
    opt("HSTS_CTRL", 299, LONG),
    opt("HTTP09_ALLOWED", 285, LONG),
    opt("HTTP200ALIASES", 10104, SLIST),
    opt("HTTPAUTH", 107, VALUES),
    opt("HTTPGET", 80, LONG),
    opt("HTTPHEADER", 10023, SLIST),
    opt("HTTPPOST", 10024, OBJECT),
    opt("HTTPPROXYTUNNEL", 61, LONG),
    opt("HTTP_CONTENT_DECODING", 158, LONG),
    opt("HTTP_TRANSFER_DECODING", 157, LONG),
    opt("HTTP_VERSION", 84, VALUES),
    opt("IGNORE_CONTENT_LENGTH", 136, LONG),
    alias("INFILE", 10009, CBPTR),
    opt("INFILESIZE", 14, LONG),
    opt("INFILESIZE_LARGE", 30115, OFF_T),
    opt("INTERFACE", 10062, STRING),
    opt("INTERLEAVEDATA", 10195, CBPTR),
    opt("INTERLEAVEFUNCTION", 20196, FUNCTION),
    opt("IOCTLDATA", 10131, CBPTR),
    opt("IOCTLFUNCTION", 20130, FUNCTION),
    opt("IPRESOLVE", 113, VALUES),
    opt("ISSUERCERT", 10170, STRING),
    opt("ISSUERCERT_BLOB", 40295, BLOB),
    opt("KEEP_SENDING_ON_ERROR", 245, LONG),
    opt("KEYPASSWD", 10026, STRING),
    alias("KRB4LEVEL", 10063, STRING),
    opt("KRBLEVEL", 10063, STRING),
    opt("LOCALPORT", 139, LONG),
    opt("LOCALPORTRANGE", 140, LONG),
    opt("LOGIN_OPTIONS", 10224, STRING),
    opt("LOW_SPEED_LIMIT", 19, LONG),
    opt("LOW_SPEED_TIME", 20, LONG),
    opt("MAIL_AUTH", 10217, STRING),
    opt("MAIL_FROM", 10186, STRING),
    opt("MAIL_RCPT", 10187, SLIST),
    opt("MAIL_RCPT_ALLLOWFAILS", 290, LONG),
    opt("MAXAGE_CONN", 288, LONG),
    opt("MAXCONNECTS", 71, LONG),
    opt("MAXFILESIZE", 114, LONG),
    opt("MAXFILESIZE_LARGE", 30117, OFF_T),
    opt("MAXLIFETIME_CONN", 314, LONG),
    opt("MAXREDIRS", 68, LONG),
    opt("MAX_RECV_SPEED_LARGE", 30146, OFF_T),
    opt("MAX_SEND_SPEED_LARGE", 30145, OFF_T),
    opt("MIMEPOST", 10269, OBJECT),
    opt("MIME_OPTIONS", 315, LONG),
    opt("NETRC", 51, VALUES),
    opt("NETRC_FILE", 10118, STRING),
    opt("NEW_DIRECTORY_PERMS", 160, LONG),
    opt("NEW_FILE_PERMS", 159, LONG),
    opt("NOBODY", 44, LONG),
    opt("NOPROGRESS", 43, LONG),
    opt("NOPROXY", 10177, STRING),
    opt("NOSIGNAL", 99, LONG),
    opt("OPENSOCKETDATA", 10164, CBPTR),
    opt("OPENSOCKETFUNCTION", 20163, FUNCTION),
    opt("PASSWORD", 10174, STRING),
    opt("PATH_AS_IS", 234, LONG),
    opt("PINNEDPUBLICKEY", 10230, STRING),
    opt("PIPEWAIT", 237, LONG),
    opt("PORT", 3, LONG),
    opt("POST", 47, LONG),
    alias("POST301", 161, VALUES),
    opt("POSTFIELDS", 10015, OBJECT),
    opt("POSTFIELDSIZE", 60, LONG),
    opt("POSTFIELDSIZE_LARGE", 30120, OFF_T),
    opt("POSTQUOTE", 10039, SLIST),
    opt("POSTREDIR", 161, VALUES),
    opt("PREQUOTE", 10093, SLIST),
    opt("PREREQDATA", 10313, CBPTR),
    opt("PREREQFUNCTION", 20312, FUNCTION),
    opt("PRE_PROXY", 10262, STRING),
    opt("PRIVATE", 10103, OBJECT),
    alias("PROGRESSDATA", 10057, CBPTR),
    opt("PROGRESSFUNCTION", 20056, FUNCTION),
    opt("PROTOCOLS", 181, LONG),
    opt("PROTOCOLS_STR", 10318, STRING),
    opt("PROXY", 10004, STRING),
    opt("PROXYAUTH", 111, VALUES),
    opt("PROXYHEADER", 10228, SLIST),
    opt("PROXYPASSWORD", 10176, STRING),
    opt("PROXYPORT", 59, LONG),
    opt("PROXYTYPE", 101, VALUES),
    opt("PROXYUSERNAME", 10175, STRING),
    opt("PROXYUSERPWD", 10006, STRING),
    opt("PROXY_CAINFO", 10246, STRING),
    opt("PROXY_CAINFO_BLOB", 40310, BLOB),
    opt("PROXY_CAPATH", 10247, STRING),
    opt("PROXY_CRLFILE", 10260, STRING),
    opt("PROXY_ISSUERCERT", 10296, STRING),
    opt("PROXY_ISSUERCERT_BLOB", 40297, BLOB),
    opt("PROXY_KEYPASSWD", 10258, STRING),
    opt("PROXY_PINNEDPUBLICKEY", 10263, STRING),
    opt("PROXY_SERVICE_NAME", 10235, STRING),
    opt("PROXY_SSLCERT", 10254, STRING),
    opt("PROXY_SSLCERTTYPE", 10255, STRING),
    opt("PROXY_SSLCERT_BLOB", 40293, BLOB),
    opt("PROXY_SSLKEY", 10256, STRING),
    opt("PROXY_SSLKEYTYPE", 10257, STRING),
    opt("PROXY_SSLKEY_BLOB", 40294, BLOB),
    opt("PROXY_SSLVERSION", 250, VALUES),
    opt("PROXY_SSL_CIPHER_LIST", 10259, STRING),
    opt("PROXY_SSL_OPTIONS", 261, LONG),
    opt("PROXY_SSL_VERIFYHOST", 249, LONG),
    opt("PROXY_SSL_VERIFYPEER", 248, LONG),
    opt("PROXY_TLS13_CIPHERS", 10277, STRING),
    opt("PROXY_TLSAUTH_PASSWORD", 10252, STRING),
    opt("PROXY_TLSAUTH_TYPE", 10253, STRING),
    opt("PROXY_TLSAUTH_USERNAME", 10251, STRING),
    opt("PROXY_TRANSFER_MODE", 166, LONG),
    opt("PUT", 54, LONG),
    opt("QUICK_EXIT", 322, LONG),
    opt("QUOTE", 10028, SLIST),
    opt("RANDOM_FILE", 10076, STRING),
    opt("RANGE", 10007, STRING),
    opt("READDATA", 10009, CBPTR),
    opt("READFUNCTION", 20012, FUNCTION),
    opt("REDIR_PROTOCOLS", 182, LONG),
    opt("REDIR_PROTOCOLS_STR", 10319, STRING),
    opt("REFERER", 10016, STRING),
    opt("REQUEST_TARGET", 10266, STRING),
    opt("RESOLVE", 10203, SLIST),
    opt("RESOLVER_START_DATA", 10273, CBPTR),
    opt("RESOLVER_START_FUNCTION", 20272, FUNCTION),
    opt("RESUME_FROM", 21, LONG),
    opt("RESUME_FROM_LARGE", 30116, OFF_T),
    alias("RTSPHEADER", 10023, SLIST),
    opt("RTSP_CLIENT_CSEQ", 193, LONG),
    opt("RTSP_REQUEST", 189, VALUES),
    opt("RTSP_SERVER_CSEQ", 194, LONG),
    opt("RTSP_SESSION_ID", 10190, STRING),
    opt("RTSP_STREAM_URI", 10191, STRING),
    opt("RTSP_TRANSPORT", 10192, STRING),
    opt("SASL_AUTHZID", 10289, STRING),
    opt("SASL_IR", 218, LONG),
    opt("SEEKDATA", 10168, CBPTR),
    opt("SEEKFUNCTION", 20167, FUNCTION),
    opt("SERVER_RESPONSE_TIMEOUT", 112, LONG),
    opt("SERVICE_NAME", 10236, STRING),
    opt("SHARE", 10100, OBJECT),
    opt("SOCKOPTDATA", 10149, CBPTR),
    opt("SOCKOPTFUNCTION", 20148, FUNCTION),
    opt("SOCKS5_AUTH", 267, LONG),
    opt("SOCKS5_GSSAPI_NEC", 180, LONG),
    opt("SOCKS5_GSSAPI_SERVICE", 10179, STRING),
    opt("SSH_AUTH_TYPES", 151, VALUES),
    opt("SSH_COMPRESSION", 268, LONG),
    opt("SSH_HOSTKEYDATA", 10317, CBPTR),
    opt("SSH_HOSTKEYFUNCTION", 20316, FUNCTION),
    opt("SSH_HOST_PUBLIC_KEY_MD5", 10162, STRING),
    opt("SSH_HOST_PUBLIC_KEY_SHA256", 10311, STRING),
    opt("SSH_KEYDATA", 10185, CBPTR),
    opt("SSH_KEYFUNCTION", 20184, FUNCTION),
    opt("SSH_KNOWNHOSTS", 10183, STRING),
    opt("SSH_PRIVATE_KEYFILE", 10153, STRING),
    opt("SSH_PUBLIC_KEYFILE", 10152, STRING),
    opt("SSLCERT", 10025, STRING),
    alias("SSLCERTPASSWD", 10026, STRING),
    opt("SSLCERTTYPE", 10086, STRING),
    opt("SSLCERT_BLOB", 40291, BLOB),
    opt("SSLENGINE", 10089, STRING),
    opt("SSLENGINE_DEFAULT", 90, LONG),
    opt("SSLKEY", 10087, STRING),
    alias("SSLKEYPASSWD", 10026, STRING),
    opt("SSLKEYTYPE", 10088, STRING),
    opt("SSLKEY_BLOB", 40292, BLOB),
    opt("SSLVERSION", 32, VALUES),
    opt("SSL_CIPHER_LIST", 10083, STRING),
    opt("SSL_CTX_DATA", 10109, CBPTR),
    opt("SSL_CTX_FUNCTION", 20108, FUNCTION),
    opt("SSL_EC_CURVES", 10298, STRING),
    opt("SSL_ENABLE_ALPN", 226, LONG),
    opt("SSL_ENABLE_NPN", 225, LONG),
    opt("SSL_FALSESTART", 233, LONG),
    opt("SSL_OPTIONS", 216, VALUES),
    opt("SSL_SESSIONID_CACHE", 150, LONG),
    opt("SSL_VERIFYHOST", 81, LONG),
    opt("SSL_VERIFYPEER", 64, LONG),
    opt("SSL_VERIFYSTATUS", 232, LONG),
    opt("STDERR", 10037, OBJECT),
    opt("STREAM_DEPENDS", 10240, OBJECT),
    opt("STREAM_DEPENDS_E", 10241, OBJECT),
    opt("STREAM_WEIGHT", 239, LONG),
    opt("SUPPRESS_CONNECT_HEADERS", 265, LONG),
    opt("TCP_FASTOPEN", 244, LONG),
    opt("TCP_KEEPALIVE", 213, LONG),
    opt("TCP_KEEPIDLE", 214, LONG),
    opt("TCP_KEEPINTVL", 215, LONG),
    opt("TCP_NODELAY", 121, LONG),
    opt("TELNETOPTIONS", 10070, SLIST),
    opt("TFTP_BLKSIZE", 178, LONG),
    opt("TFTP_NO_OPTIONS", 242, LONG),
    opt("TIMECONDITION", 33, VALUES),
    opt("TIMEOUT", 13, LONG),
    opt("TIMEOUT_MS", 155, LONG),
    opt("TIMEVALUE", 34, LONG),
    opt("TIMEVALUE_LARGE", 30270, OFF_T),
    opt("TLS13_CIPHERS", 10276, STRING),
    opt("TLSAUTH_PASSWORD", 10205, STRING),
    opt("TLSAUTH_TYPE", 10206, STRING),
    opt("TLSAUTH_USERNAME", 10204, STRING),
    opt("TRAILERDATA", 10284, CBPTR),
    opt("TRAILERFUNCTION", 20283, FUNCTION),
    opt("TRANSFERTEXT", 53, LONG),
    opt("TRANSFER_ENCODING", 207, LONG),
    opt("UNIX_SOCKET_PATH", 10231, STRING),
    opt("UNRESTRICTED_AUTH", 105, LONG),
    opt("UPKEEP_INTERVAL_MS", 281, LONG),
    opt("UPLOAD", 46, LONG),
    opt("UPLOAD_BUFFERSIZE", 280, LONG),
    opt("URL", 10002, STRING),
    opt("USERAGENT", 10018, STRING),
    opt("USERNAME", 10173, STRING),
    opt("USERPWD", 10005, STRING),
    opt("USE_SSL", 119, VALUES),
    opt("VERBOSE", 41, LONG),
    opt("WILDCARDMATCH", 197, LONG),
    opt("WRITEDATA", 10001, CBPTR),
    opt("WRITEFUNCTION", 20011, FUNCTION),
    alias("WRITEHEADER", 10029, CBPTR),
    opt("WS_OPTIONS", 320, LONG),
    opt("XFERINFODATA", 10057, CBPTR),
    opt("XFERINFOFUNCTION", 20219, FUNCTION),
    opt("XOAUTH2_BEARER", 10220, STRING),
];

#[cfg(test)]
mod tests {
    use super::super::{CURLoption, CURLOPTTYPE_BLOB, CURLOPTTYPE_FUNCTIONPOINT};
    use super::super::{CURLOPTTYPE_LONG, CURLOPTTYPE_OBJECTPOINT, CURLOPTTYPE_OFF_T};
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn table_has_libcurl_7_88_1_size() {
        assert_eq!(EASY_OPTIONS.len(), 316);
        assert_eq!(EASY_OPTIONS.iter().filter(|r| r.alias).count(), 14);
    }

    #[test]
    fn names_are_unique_and_sorted() {
        let mut seen = HashSet::new();
        for pair in EASY_OPTIONS.windows(2) {
            assert!(
                pair[0].name < pair[1].name,
                "{} before {}",
                pair[0].name,
                pair[1].name
            );
        }
        for row in EASY_OPTIONS {
            assert!(seen.insert(row.name), "duplicate {}", row.name);
            assert!(!row.name.starts_with("CURLOPT_"), "{}", row.name);
        }
    }

    #[test]
    fn ids_are_options_and_kinds_match_their_base() {
        let mut canonical = HashSet::new();
        for row in EASY_OPTIONS {
            assert!(
                CURLoption::from_raw(row.id).is_some(),
                "{}: {} is no CURLoption",
                row.name,
                row.id
            );
            let base = row.id - row.id % 10_000;
            let kinds: &[i32] = match base {
                CURLOPTTYPE_LONG => &[LONG, VALUES],
                CURLOPTTYPE_OBJECTPOINT => &[OBJECT, STRING, SLIST, CBPTR],
                CURLOPTTYPE_FUNCTIONPOINT => &[FUNCTION],
                CURLOPTTYPE_OFF_T => &[OFF_T],
                CURLOPTTYPE_BLOB => &[BLOB],
                _ => panic!("{}: unexpected base {base}", row.name),
            };
            assert!(kinds.contains(&row.kind), "{}: kind {}", row.name, row.kind);
            if !row.alias {
                assert!(
                    canonical.insert(row.id),
                    "two non-alias rows for {}",
                    row.id
                );
            }
        }
        // Every alias stands for an option that also has its own row.
        for row in EASY_OPTIONS.iter().filter(|r| r.alias) {
            assert!(
                canonical.contains(&row.id),
                "alias {} has no target",
                row.name
            );
        }
    }

    #[test]
    fn every_live_option_has_a_row() {
        let listed: HashSet<i32> = EASY_OPTIONS.iter().map(|r| r.id).collect();
        for id in 0..50_000 {
            if let Some(opt) = CURLoption::from_raw(id) {
                let placeholder = matches!(
                    opt,
                    CURLoption::CURLOPT_OBSOLETE40
                        | CURLoption::CURLOPT_OBSOLETE72
                        | CURLoption::CURLOPT_LASTENTRY
                );
                assert_eq!(listed.contains(&id), !placeholder, "{opt:?}");
            }
        }
    }
}
