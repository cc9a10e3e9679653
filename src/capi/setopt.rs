//! `curl_easy_setopt`: the C shim reads the variadic argument by the option's type class
//! (long, object pointer, function pointer, curl_off_t, blob) and calls one of the typed
//! functions here, which convert it into [`Options`] and the callback settings.
//!
//! The rule for options we do not implement: an option set to its default, an option
//! libcurl itself ignores, and an option of a protocol we do not speak are accepted
//! (real programs set them on every handle); any other value that would change an HTTP
//! transfer is refused with `CURLE_NOT_BUILT_IN`.

use std::ffi::{c_char, c_int, c_long, c_void};
use std::sync::Arc;

use super::abi::*;
use super::boundary::{cstr, cstring_lossy, guard};
use super::handle::{EasyHandle, Settings};
use super::tls_opts;
use crate::net::unix::UnixTarget;
use crate::options::{HttpVersion, IpResolve, SchemeSet, TimeCondition};
use crate::url::MAX_INPUT_LENGTH;

use CURLcode::*;
use CURLoption::*;

fn with_settings(h: *mut CURL, f: impl FnOnce(&mut Settings) -> CURLcode) -> CURLcode {
    guard(CURLE_BAD_FUNCTION_ARGUMENT, || {
        // SAFETY: `h` comes from the application; `from_ptr` checks NULL and the magic.
        let Some(handle) = (unsafe { EasyHandle::from_ptr(h) }) else {
            return CURLE_BAD_FUNCTION_ARGUMENT;
        };
        let Ok(mut s) = handle.settings.try_borrow_mut() else {
            return CURLE_RECURSIVE_API_CALL;
        };
        f(&mut s)
    })
}

fn ok_if(cond: bool) -> CURLcode {
    if cond {
        CURLE_OK
    } else {
        CURLE_NOT_BUILT_IN
    }
}

/// `CURLOPT_USERPWD` and `CURLOPT_PROXYUSERPWD`: the user name up to the first colon, the
/// password after it (none without a colon); NULL clears both.
fn split_userpwd(value: Option<String>) -> (Option<String>, Option<String>) {
    match value {
        None => (None, None),
        Some(up) => match up.split_once(':') {
            Some((u, pw)) => (Some(u.to_string()), Some(pw.to_string())),
            None => (Some(up), None),
        },
    }
}

fn ms(v: c_long, unit_ms: u64) -> Option<u64> {
    u64::try_from(v).ok().map(|v| v.saturating_mul(unit_ms))
}

/// Long-valued options.
#[no_mangle]
pub extern "C" fn rcurl_easy_setopt_long(h: *mut CURL, opt: CURLoption_arg, v: c_long) -> CURLcode {
    with_settings(h, |s| set_long(s, opt, v))
}

fn set_long(s: &mut Settings, opt: CURLoption_arg, v: c_long) -> CURLcode {
    let Some(option) = CURLoption::from_raw(opt) else {
        return CURLE_UNKNOWN_OPTION;
    };
    let on = v != 0;
    let o = &mut s.opts;
    match option {
        CURLOPT_VERBOSE => {
            o.verbose = on;
            s.cb.verbose = on;
        }
        CURLOPT_HEADER => o.header = on,
        CURLOPT_NOPROGRESS => {
            o.noprogress = on;
            s.cb.noprogress = on;
        }
        CURLOPT_NOSIGNAL => {}
        CURLOPT_NOBODY => o.set_nobody(on),
        CURLOPT_FAILONERROR => o.failonerror = on,
        CURLOPT_UPLOAD | CURLOPT_PUT => o.set_upload(on),
        CURLOPT_POST => o.set_post(on),
        CURLOPT_HTTPGET => o.set_httpget(on),
        CURLOPT_FOLLOWLOCATION => o.follow_location = on,
        CURLOPT_MAXREDIRS => {
            if v < -1 {
                return CURLE_BAD_FUNCTION_ARGUMENT;
            }
            o.max_redirs = v;
        }
        CURLOPT_POSTREDIR => {
            if v < 0 {
                return CURLE_BAD_FUNCTION_ARGUMENT;
            }
            o.post_redir = (v & 7) as u32;
        }
        CURLOPT_AUTOREFERER => o.auto_referer = on,
        CURLOPT_UNRESTRICTED_AUTH => o.unrestricted_auth = on,
        CURLOPT_HTTP_CONTENT_DECODING => o.http_content_decoding = on,
        CURLOPT_HTTP_TRANSFER_DECODING => o.http_transfer_decoding = on,
        CURLOPT_TIMEOUT | CURLOPT_CONNECTTIMEOUT => {
            // Seconds: libcurl refuses what would overflow its millisecond int.
            if !(0..=c_long::from(i32::MAX / 1000)).contains(&v) {
                return CURLE_BAD_FUNCTION_ARGUMENT;
            }
            let t = v as u64 * 1000;
            if option == CURLOPT_TIMEOUT {
                o.timeout_ms = t;
            } else {
                o.connect_timeout_ms = t;
            }
        }
        CURLOPT_TIMEOUT_MS | CURLOPT_CONNECTTIMEOUT_MS => {
            // Read as unsigned and capped, as libcurl does: -1 means "practically never".
            let t = (v as u64).min(u64::from(u32::MAX));
            if option == CURLOPT_TIMEOUT_MS {
                o.timeout_ms = t;
            } else {
                o.connect_timeout_ms = t;
            }
        }
        CURLOPT_LOW_SPEED_LIMIT
        | CURLOPT_LOW_SPEED_TIME
        | CURLOPT_MAXAGE_CONN
        | CURLOPT_MAXLIFETIME_CONN => {
            if v < 0 {
                return CURLE_BAD_FUNCTION_ARGUMENT;
            }
            match option {
                CURLOPT_LOW_SPEED_LIMIT => o.low_speed_limit = v,
                CURLOPT_LOW_SPEED_TIME => o.low_speed_time = v,
                CURLOPT_MAXAGE_CONN => o.maxage_conn = v,
                _ => o.maxlifetime_conn = v,
            }
        }
        CURLOPT_FORBID_REUSE => o.forbid_reuse = on,
        CURLOPT_FRESH_CONNECT => o.fresh_connect = on,
        CURLOPT_TCP_NODELAY => o.tcp_nodelay = on,
        CURLOPT_TCP_KEEPALIVE => o.tcp_keepalive = on,
        CURLOPT_TCP_KEEPIDLE | CURLOPT_TCP_KEEPINTVL => {
            if v < 0 {
                return CURLE_BAD_FUNCTION_ARGUMENT;
            }
            let secs = u32::try_from(v).unwrap_or(u32::MAX);
            if option == CURLOPT_TCP_KEEPIDLE {
                o.tcp_keepidle = secs;
            } else {
                o.tcp_keepintvl = secs;
            }
        }
        CURLOPT_BUFFERSIZE => o.set_buffer_size(v),
        CURLOPT_UPLOAD_BUFFERSIZE => o.set_upload_buffer_size(v),
        CURLOPT_HTTP_VERSION => {
            o.http_version = match v {
                ..=-1 => return CURLE_BAD_FUNCTION_ARGUMENT,
                0 => HttpVersion::Default,
                1 => HttpVersion::V1_0,
                2 => HttpVersion::V1_1,
                // HTTP/2 and HTTP/3, and anything newer: as a 7.88.1 built without them.
                _ => return CURLE_UNSUPPORTED_PROTOCOL,
            }
        }
        CURLOPT_PORT => {
            let Ok(p) = u16::try_from(v) else {
                return CURLE_BAD_FUNCTION_ARGUMENT;
            };
            o.port = p;
        }
        CURLOPT_IPRESOLVE => {
            o.ip_resolve = match v {
                0 => IpResolve::Whatever,
                1 => IpResolve::V4,
                2 => IpResolve::V6,
                _ => return CURLE_BAD_FUNCTION_ARGUMENT,
            }
        }
        CURLOPT_EXPECT_100_TIMEOUT_MS => {
            let Some(t) = ms(v, 1) else {
                return CURLE_BAD_FUNCTION_ARGUMENT;
            };
            o.expect_100_timeout_ms = t;
        }
        CURLOPT_MAXFILESIZE => {
            if v < 0 {
                return CURLE_BAD_FUNCTION_ARGUMENT;
            }
            o.max_filesize = v;
        }
        CURLOPT_FILETIME => o.filetime = on,
        // The mode of a file a file:// upload creates.
        CURLOPT_NEW_FILE_PERMS => match u32::try_from(v) {
            Ok(m) if m <= 0o777 => o.new_file_perms = m,
            _ => return CURLE_BAD_FUNCTION_ARGUMENT,
        },
        CURLOPT_TIMECONDITION => {
            o.time_condition = match v {
                0 => TimeCondition::None,
                1 => TimeCondition::IfModifiedSince,
                2 => TimeCondition::IfUnmodifiedSince,
                3 => TimeCondition::LastModified,
                _ => return CURLE_BAD_FUNCTION_ARGUMENT,
            }
        }
        CURLOPT_TIMEVALUE => o.time_value = v,
        CURLOPT_DNS_CACHE_TIMEOUT => {
            if v < -1 {
                return CURLE_BAD_FUNCTION_ARGUMENT;
            }
            o.dns_cache_timeout = v;
        }
        CURLOPT_INFILESIZE => {
            if v < -1 {
                return CURLE_BAD_FUNCTION_ARGUMENT;
            }
            o.infilesize = v;
        }
        CURLOPT_POSTFIELDSIZE => {
            if v < -1 {
                return CURLE_BAD_FUNCTION_ARGUMENT;
            }
            o.postfieldsize = v;
        }
        CURLOPT_RESUME_FROM => {
            if v < -1 {
                return CURLE_BAD_FUNCTION_ARGUMENT;
            }
            o.resume_from = v;
        }
        CURLOPT_HTTPAUTH => return set_httpauth(&mut o.httpauth, v as u64),
        CURLOPT_IGNORE_CONTENT_LENGTH => o.ignore_content_length = on,
        CURLOPT_PATH_AS_IS => o.path_as_is = on,
        // HTTP/0.9 replies are refused; allowing them is not built in.
        CURLOPT_HTTP09_ALLOWED => o.http09_allowed = on,
        CURLOPT_MAXCONNECTS => o.maxconnects = v.max(0) as u64,
        CURLOPT_PIPEWAIT => o.pipewait = on,
        CURLOPT_QUICK_EXIT | CURLOPT_DNS_USE_GLOBAL_CACHE => {}
        // 0..65535 for both, as 7.88.1 checks (a range of 0 tries one port, as 1 does).
        CURLOPT_LOCALPORT | CURLOPT_LOCALPORTRANGE => {
            let Ok(n) = u16::try_from(v) else {
                return CURLE_BAD_FUNCTION_ARGUMENT;
            };
            if option == CURLOPT_LOCALPORT {
                o.local_port = n;
            } else {
                o.local_port_range = n;
            }
        }
        CURLOPT_DNS_SHUFFLE_ADDRESSES => o.dns_shuffle = on,
        // 7.88.1 takes any value; a negative delay starts the other family at once.
        CURLOPT_HAPPY_EYEBALLS_TIMEOUT_MS => o.happy_eyeballs_ms = u64::try_from(v).unwrap_or(0),
        CURLOPT_ADDRESS_SCOPE => {
            let Ok(scope) = u32::try_from(v) else {
                return CURLE_BAD_FUNCTION_ARGUMENT;
            };
            o.address_scope = scope;
        }
        // TLS settings for https://, checked as 7.88.1 checks them.
        CURLOPT_SSL_VERIFYPEER => o.tls.verify_peer = on,
        CURLOPT_SSL_VERIFYHOST => o.tls.verify_host = tls_opts::verify_host(v),
        CURLOPT_SSLVERSION | CURLOPT_PROXY_SSLVERSION => {
            let Some(version) = tls_opts::ssl_version(v) else {
                return CURLE_BAD_FUNCTION_ARGUMENT;
            };
            // The proxy's is checked the same way and kept nowhere: HTTPS proxies are not
            // built in.
            if option == CURLOPT_SSLVERSION {
                o.tls.version = version;
            }
        }
        CURLOPT_SSL_OPTIONS => o.tls.ssl_options = v as u64,
        CURLOPT_SSL_ENABLE_ALPN => o.tls.alpn = on,
        CURLOPT_SSL_SESSIONID_CACHE => o.tls.session_cache = on,
        CURLOPT_SSL_VERIFYSTATUS => o.tls.verify_status = on,
        // DoH is not built in: only the default is accepted.
        CURLOPT_DOH_SSL_VERIFYSTATUS => return ok_if(v == 0),
        // What 7.88.1 answers for a backend without false start or crypto engines (rustls,
        // like its rustls backend): not built in, whatever the value.
        CURLOPT_SSL_FALSESTART | CURLOPT_SSLENGINE_DEFAULT => return CURLE_NOT_BUILT_IN,
        CURLOPT_CA_CACHE_TIMEOUT => {
            if v < -1 {
                return CURLE_BAD_FUNCTION_ARGUMENT;
            }
        }
        // Collect the server's certificates for CURLINFO_CERTINFO.
        CURLOPT_CERTINFO => o.certinfo = on,
        // Accepted and kept nowhere: NPN is gone from 7.88.1 too; the HTTPS-proxy settings
        // wait for HTTPS proxies (not built in); DoH is not built in.
        CURLOPT_SSL_ENABLE_NPN
        | CURLOPT_PROXY_SSL_VERIFYPEER
        | CURLOPT_PROXY_SSL_VERIFYHOST
        | CURLOPT_PROXY_SSL_OPTIONS
        | CURLOPT_DOH_SSL_VERIFYHOST
        | CURLOPT_DOH_SSL_VERIFYPEER => {}
        // Other protocols' options, and options libcurl accepts without effect on HTTP.
        CURLOPT_APPEND
        | CURLOPT_DIRLISTONLY
        | CURLOPT_TRANSFERTEXT
        | CURLOPT_FTP_CREATE_MISSING_DIRS
        | CURLOPT_FTP_SKIP_PASV_IP
        | CURLOPT_FTP_SSL_CCC
        | CURLOPT_FTP_USE_EPRT
        | CURLOPT_FTP_USE_EPSV
        | CURLOPT_FTP_USE_PRET
        | CURLOPT_FTPSSLAUTH
        | CURLOPT_FTP_FILEMETHOD
        | CURLOPT_PROXY_TRANSFER_MODE
        | CURLOPT_MAIL_RCPT_ALLLOWFAILS
        | CURLOPT_NEW_DIRECTORY_PERMS
        | CURLOPT_RTSP_CLIENT_CSEQ
        | CURLOPT_RTSP_SERVER_CSEQ
        | CURLOPT_RTSP_REQUEST
        | CURLOPT_SASL_IR
        | CURLOPT_SSH_AUTH_TYPES
        | CURLOPT_SSH_COMPRESSION
        | CURLOPT_TFTP_BLKSIZE
        | CURLOPT_TFTP_NO_OPTIONS
        | CURLOPT_USE_SSL
        | CURLOPT_WILDCARDMATCH
        | CURLOPT_WS_OPTIONS
        | CURLOPT_ACCEPTTIMEOUT_MS
        | CURLOPT_SERVER_RESPONSE_TIMEOUT
        | CURLOPT_GSSAPI_DELEGATION
        | CURLOPT_SOCKS5_GSSAPI_NEC
        | CURLOPT_STREAM_WEIGHT
        | CURLOPT_UPKEEP_INTERVAL_MS
        | CURLOPT_MIME_OPTIONS
        | CURLOPT_COOKIESESSION => {}
        // TCP Fast Open and alt-svc would change how a transfer connects, and are not built
        // in: only their default (off).
        CURLOPT_TCP_FASTOPEN | CURLOPT_ALTSVC_CTRL => return ok_if(v == 0),
        // Options that change an HTTP transfer and are not implemented: only their defaults.
        // CURL_NETRC_IGNORED, _OPTIONAL, _REQUIRED.
        CURLOPT_NETRC => match u8::try_from(v) {
            Ok(n) if n <= 2 => o.netrc = n,
            _ => return CURLE_BAD_FUNCTION_ARGUMENT,
        },
        CURLOPT_CONNECT_ONLY | CURLOPT_HAPROXYPROTOCOL | CURLOPT_HSTS_CTRL => return ok_if(v == 0),
        CURLOPT_PROXYAUTH => return set_httpauth(&mut o.proxyauth, v as u64),
        CURLOPT_PROXYPORT => match u16::try_from(v) {
            Ok(port) => o.proxy.port = port,
            Err(_) => return CURLE_BAD_FUNCTION_ARGUMENT,
        },
        // 7.88.1 takes CURLPROXY_HTTP (0) to CURLPROXY_SOCKS5_HOSTNAME (7).
        CURLOPT_PROXYTYPE => {
            if !(0..=7).contains(&v) {
                return CURLE_BAD_FUNCTION_ARGUMENT;
            }
            o.proxy.kind = v;
        }
        CURLOPT_HTTPPROXYTUNNEL => o.proxy_tunnel = on,
        // As 7.88.1: stored as an unsigned char, then refused (but kept) when it asks for
        // more than Basic and GSS-API.
        CURLOPT_SOCKS5_AUTH => {
            o.socks5_auth = u64::from(v as u8);
            if o.socks5_auth & !(1 | 4) != 0 {
                return CURLE_NOT_BUILT_IN;
            }
        }
        CURLOPT_SUPPRESS_CONNECT_HEADERS => o.suppress_connect_headers = on,
        // CURLHEADER_SEPARATE is bit 0; CURLHEADER_UNIFIED is 0.
        CURLOPT_HEADEROPT => o.header_separate = v & 1 != 0,
        CURLOPT_TRANSFER_ENCODING => o.transfer_encoding = on,
        CURLOPT_KEEP_SENDING_ON_ERROR => o.keep_sending_on_error = on,
        CURLOPT_CRLF => o.crlf = on,
        CURLOPT_DISALLOW_USERNAME_IN_URL => o.disallow_username = on,
        CURLOPT_PROTOCOLS => o.protocols = schemes_of_bits(v),
        CURLOPT_REDIR_PROTOCOLS => o.redir_protocols = schemes_of_bits(v),
        _ => return CURLE_UNKNOWN_OPTION,
    }
    CURLE_OK
}

/// Stores the methods as asked (`CURLAUTH_DIGEST_IE` as Digest): whether Basic goes out at
/// once (Basic alone) or only after the server's challenge offers it (several methods)
/// depends on the whole set, as in libcurl. A set without Basic, the only method built in,
/// is refused as a libcurl built without the others would, and turns authentication off:
/// the earlier setting (the default Basic) must not send the password in its place.
/// CURLAUTH_NONE turns authentication off.
fn set_httpauth(slot: &mut u64, bits: u64) -> CURLcode {
    match crate::http::auth::wanted(bits) {
        Some(bits) => {
            *slot = bits;
            CURLE_OK
        }
        None => {
            *slot = 0;
            CURLE_NOT_BUILT_IN
        }
    }
}

/// `curl_off_t`-valued options.
#[no_mangle]
pub extern "C" fn rcurl_easy_setopt_off(
    h: *mut CURL,
    opt: CURLoption_arg,
    v: curl_off_t,
) -> CURLcode {
    with_settings(h, |s| {
        let Some(option) = CURLoption::from_raw(opt) else {
            return CURLE_UNKNOWN_OPTION;
        };
        let o = &mut s.opts;
        match option {
            CURLOPT_INFILESIZE_LARGE => {
                if v < -1 {
                    return CURLE_BAD_FUNCTION_ARGUMENT;
                }
                o.infilesize = v;
            }
            CURLOPT_POSTFIELDSIZE_LARGE => {
                if v < -1 {
                    return CURLE_BAD_FUNCTION_ARGUMENT;
                }
                o.postfieldsize = v;
            }
            CURLOPT_RESUME_FROM_LARGE => {
                if v < -1 {
                    return CURLE_BAD_FUNCTION_ARGUMENT;
                }
                o.resume_from = v;
            }
            CURLOPT_MAXFILESIZE_LARGE => {
                if v < 0 {
                    return CURLE_BAD_FUNCTION_ARGUMENT;
                }
                o.max_filesize = v;
            }
            CURLOPT_TIMEVALUE_LARGE => o.time_value = v,
            CURLOPT_MAX_SEND_SPEED_LARGE | CURLOPT_MAX_RECV_SPEED_LARGE => {
                let Ok(speed) = u64::try_from(v) else {
                    return CURLE_BAD_FUNCTION_ARGUMENT;
                };
                if option == CURLOPT_MAX_SEND_SPEED_LARGE {
                    o.max_send_speed = speed;
                } else {
                    o.max_recv_speed = speed;
                }
            }
            _ => return CURLE_UNKNOWN_OPTION,
        }
        CURLE_OK
    })
}

/// Function-pointer options. The shim passes every function pointer as `void (*)(void)`;
/// it is stored as the type libcurl documents for the option.
#[no_mangle]
pub extern "C" fn rcurl_easy_setopt_func(
    h: *mut CURL,
    opt: CURLoption_arg,
    f: Option<unsafe extern "C" fn()>,
) -> CURLcode {
    with_settings(h, |s| {
        let Some(option) = CURLoption::from_raw(opt) else {
            return CURLE_UNKNOWN_OPTION;
        };
        // SAFETY (all casts below): see `fn_cast`; the application promises the signature
        // libcurl documents for the option.
        macro_rules! cast {
            () => {
                unsafe { fn_cast(f) }
            };
        }
        match option {
            CURLOPT_WRITEFUNCTION => s.cb.write = cast!(),
            CURLOPT_HEADERFUNCTION => s.cb.header = cast!(),
            CURLOPT_READFUNCTION => s.cb.read = cast!(),
            CURLOPT_SEEKFUNCTION => s.cb.seek = cast!(),
            CURLOPT_PROGRESSFUNCTION => s.cb.progress = cast!(),
            CURLOPT_XFERINFOFUNCTION => s.cb.xferinfo = cast!(),
            CURLOPT_DEBUGFUNCTION => s.cb.debug = cast!(),
            CURLOPT_RESOLVER_START_FUNCTION => s.cb.resolver_start = cast!(),
            CURLOPT_PREREQFUNCTION => s.cb.prereq = cast!(),
            CURLOPT_OPENSOCKETFUNCTION => s.cb.opensocket = cast!(),
            CURLOPT_SOCKOPTFUNCTION => s.cb.sockopt = cast!(),
            CURLOPT_CLOSESOCKETFUNCTION => s.cb.closesocket = cast!(),
            // Other protocols' callbacks, and callbacks 7.88.1 ignores.
            CURLOPT_CHUNK_BGN_FUNCTION
            | CURLOPT_CHUNK_END_FUNCTION
            | CURLOPT_FNMATCH_FUNCTION
            | CURLOPT_INTERLEAVEFUNCTION
            | CURLOPT_SSH_KEYFUNCTION
            | CURLOPT_SSH_HOSTKEYFUNCTION
            | CURLOPT_CONV_FROM_NETWORK_FUNCTION
            | CURLOPT_CONV_TO_NETWORK_FUNCTION
            | CURLOPT_CONV_FROM_UTF8_FUNCTION => {}
            CURLOPT_IOCTLFUNCTION => s.cb.ioctl = cast!(),
            CURLOPT_TRAILERFUNCTION => s.cb.trailer = cast!(),
            // Callbacks that would change an HTTP transfer and are not implemented yet.
            CURLOPT_HSTSREADFUNCTION | CURLOPT_HSTSWRITEFUNCTION => return ok_if(f.is_none()),
            // There is no OpenSSL SSL_CTX to hand out: 7.88.1's answer for its backends
            // without one, for any value (NULL too).
            CURLOPT_SSL_CTX_FUNCTION => return CURLE_NOT_BUILT_IN,
            _ => return CURLE_UNKNOWN_OPTION,
        }
        CURLE_OK
    })
}

/// libcurl's scheme names and their `CURLPROTO_*` bits.
const PROTOCOL_BITS: &[(&str, c_int)] = &[
    ("http", CURLPROTO_HTTP),
    ("https", CURLPROTO_HTTPS),
    ("ftp", CURLPROTO_FTP),
    ("ftps", CURLPROTO_FTPS),
    ("scp", CURLPROTO_SCP),
    ("sftp", CURLPROTO_SFTP),
    ("telnet", CURLPROTO_TELNET),
    ("ldap", CURLPROTO_LDAP),
    ("ldaps", CURLPROTO_LDAPS),
    ("dict", CURLPROTO_DICT),
    ("file", CURLPROTO_FILE),
    ("tftp", CURLPROTO_TFTP),
    ("imap", CURLPROTO_IMAP),
    ("imaps", CURLPROTO_IMAPS),
    ("pop3", CURLPROTO_POP3),
    ("pop3s", CURLPROTO_POP3S),
    ("smtp", CURLPROTO_SMTP),
    ("smtps", CURLPROTO_SMTPS),
    ("rtsp", CURLPROTO_RTSP),
    ("rtmp", CURLPROTO_RTMP),
    ("rtmpt", CURLPROTO_RTMPT),
    ("rtmpe", CURLPROTO_RTMPE),
    ("rtmpte", CURLPROTO_RTMPTE),
    ("rtmps", CURLPROTO_RTMPS),
    ("rtmpts", CURLPROTO_RTMPTS),
    ("gopher", CURLPROTO_GOPHER),
    ("smb", CURLPROTO_SMB),
    ("smbs", CURLPROTO_SMBS),
    ("mqtt", CURLPROTO_MQTT),
    ("gophers", CURLPROTO_GOPHERS),
];

/// `CURLOPT_PROTOCOLS`-style bits as a set of schemes.
fn schemes_of_bits(bits: c_long) -> SchemeSet {
    let all = PROTOCOL_BITS
        .iter()
        .all(|(_, b)| bits & c_long::from(*b) != 0);
    if all {
        return SchemeSet::all();
    }
    SchemeSet::only(
        PROTOCOL_BITS
            .iter()
            .filter(|(_, b)| bits & c_long::from(*b) != 0)
            .map(|(n, _)| n.to_string())
            .collect(),
    )
}

/// `CURLOPT_PROTOCOLS_STR`: "all", or comma-separated scheme names; an unknown name is
/// `CURLE_UNSUPPORTED_PROTOCOL`, an empty list (or NULL) `CURLE_BAD_FUNCTION_ARGUMENT`, as
/// 7.88.1. As there, a failure still leaves the set built so far in place: the schemes
/// before an unknown name, or none at all (`--proto -all` relies on that).
fn schemes_of_list(list: Option<&str>) -> (SchemeSet, CURLcode) {
    let Some(list) = list else {
        return (SchemeSet::only(Vec::new()), CURLE_BAD_FUNCTION_ARGUMENT);
    };
    if list.eq_ignore_ascii_case("all") {
        return (SchemeSet::all(), CURLE_OK);
    }
    let mut names = Vec::new();
    for token in list.split(',').filter(|t| !t.is_empty()) {
        let Some((name, _)) = PROTOCOL_BITS
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(token))
        else {
            return (SchemeSet::only(names), CURLE_UNSUPPORTED_PROTOCOL);
        };
        names.push(name.to_string());
    }
    let code = if names.is_empty() {
        CURLE_BAD_FUNCTION_ARGUMENT
    } else {
        CURLE_OK
    };
    (SchemeSet::only(names), code)
}

/// Reinterprets a function pointer as the callback type of its option.
///
/// # Safety
/// `T` is an `Option` of an `extern "C"` function pointer type (same size and
/// representation as the argument), and the function really has that signature.
unsafe fn fn_cast<T: Copy>(f: Option<unsafe extern "C" fn()>) -> T {
    assert_eq!(std::mem::size_of::<T>(), std::mem::size_of_val(&f));
    // SAFETY: same size (checked) and the caller guarantees the representation.
    unsafe { std::mem::transmute_copy(&f) }
}

/// Object-pointer options: strings (copied), slists and data pointers (borrowed).
#[no_mangle]
pub extern "C" fn rcurl_easy_setopt_ptr(
    h: *mut CURL,
    opt: CURLoption_arg,
    p: *mut c_void,
) -> CURLcode {
    let rc = setopt_ptr(h, opt, p);
    if rc == CURLE_OK && opt == CURLOPT_URL as CURLoption_arg {
        // As in libcurl, the URL set is the effective URL until a transfer resolves it.
        guard((), || {
            // SAFETY: as in `with_settings`, which has just accepted `h`.
            if let Some(handle) = unsafe { EasyHandle::from_ptr(h) } {
                let url = handle.settings.borrow().opts.url.clone();
                if let Ok(mut info) = handle.info.lock() {
                    info.effective_url = url.unwrap_or_default();
                }
            }
        });
    }
    rc
}

fn setopt_ptr(h: *mut CURL, opt: CURLoption_arg, p: *mut c_void) -> CURLcode {
    with_settings(h, |s| {
        let Some(option) = CURLoption::from_raw(opt) else {
            return CURLE_UNKNOWN_OPTION;
        };
        // SAFETY: for string options libcurl's contract is a NUL-terminated string or NULL;
        // it is copied here, so the application may free it afterwards.
        let string = || unsafe { cstring_lossy(p as *const c_char) };
        let o = &mut s.opts;
        match option {
            CURLOPT_URL => o.url = string(),
            CURLOPT_USERAGENT => o.useragent = string(),
            CURLOPT_REFERER => o.referer = string(),
            CURLOPT_COOKIE => o.cookie = string(),
            CURLOPT_RANGE => o.range = string(),
            CURLOPT_CUSTOMREQUEST => o.custom_request = string(),
            CURLOPT_ACCEPT_ENCODING => o.accept_encoding = string(),
            CURLOPT_USERPWD => (o.username, o.password) = split_userpwd(string()),
            CURLOPT_USERNAME => o.username = string(),
            CURLOPT_PASSWORD => o.password = string(),
            CURLOPT_POSTFIELDS => {
                s.postfields = p as *const c_char;
                o.postfields_copy = None;
                o.set_postfields();
            }
            CURLOPT_COPYPOSTFIELDS => {
                let data: Option<Arc<[u8]>> = if p.is_null() {
                    None
                } else if o.postfieldsize >= 0 {
                    // SAFETY: the application promises POSTFIELDSIZE readable bytes.
                    Some(unsafe { super::boundary::bytes(p, o.postfieldsize as usize) }.into())
                } else {
                    // SAFETY: without a size, a NUL-terminated string.
                    unsafe { cstr(p as *const c_char) }.map(Into::into)
                };
                o.postfields_copy = data;
                s.postfields = std::ptr::null();
                o.set_postfields();
            }
            CURLOPT_HTTPHEADER => s.http_headers = p.cast(),
            CURLOPT_HTTP200ALIASES => s.http200_aliases = p.cast(),
            CURLOPT_DEFAULT_PROTOCOL => s.opts.default_protocol = string(),
            CURLOPT_SHARE => {
                s.share = if p.is_null() {
                    None
                } else {
                    // SAFETY: the application passes a share handle (checked by magic).
                    match unsafe { super::share::use_share(p) } {
                        Some(u) => Some(Arc::new(u)),
                        None => return CURLE_BAD_FUNCTION_ARGUMENT,
                    }
                };
            }
            CURLOPT_RESOLVE => {
                s.resolve = p.cast();
                s.resolve_pending = true;
            }
            // Borrowed, as libcurl documents: read when each transfer starts.
            CURLOPT_CURLU => s.curlu = p.cast(),
            CURLOPT_CONNECT_TO => s.connect_to = p.cast(),
            CURLOPT_WRITEDATA => s.cb.write_data = p,
            CURLOPT_HEADERDATA => s.cb.header_data = p,
            CURLOPT_READDATA => s.cb.read_data = p,
            CURLOPT_TRAILERDATA => s.cb.trailer_data = p,
            CURLOPT_IOCTLDATA => s.cb.ioctl_data = p,
            CURLOPT_SEEKDATA => s.cb.seek_data = p,
            CURLOPT_XFERINFODATA => s.cb.progress_data = p,
            CURLOPT_DEBUGDATA => s.cb.debug_data = p,
            CURLOPT_RESOLVER_START_DATA => s.cb.resolver_start_data = p,
            CURLOPT_PREREQDATA => s.cb.prereq_data = p,
            CURLOPT_OPENSOCKETDATA => s.cb.opensocket_data = p,
            CURLOPT_SOCKOPTDATA => s.cb.sockopt_data = p,
            CURLOPT_CLOSESOCKETDATA => s.cb.closesocket_data = p,
            CURLOPT_ERRORBUFFER => s.error_buffer = p.cast(),
            CURLOPT_PRIVATE => s.private = p,
            CURLOPT_STDERR => {
                s.cb.stderr = if p.is_null() {
                    super::callbacks::c_stderr()
                } else {
                    p.cast()
                }
            }
            // Stored as given; its form is read when connecting (net::bind).
            CURLOPT_INTERFACE => o.interface = string(),
            // One setting in libcurl: the last of the two set says which kind the path is.
            CURLOPT_UNIX_SOCKET_PATH | CURLOPT_ABSTRACT_UNIX_SOCKET => {
                // SAFETY: the caller passes a NUL-terminated string or NULL.
                o.unix_socket = unsafe { cstr(p as *const c_char) }.map(|path| UnixTarget {
                    path: path.to_vec(),
                    abstract_name: option == CURLOPT_ABSTRACT_UNIX_SOCKET,
                })
            }
            // TLS files and settings for https://. As in 7.88.1, a string over
            // CURL_MAX_INPUT_LENGTH is refused and clears the setting.
            CURLOPT_CAINFO
            | CURLOPT_CAPATH
            | CURLOPT_CRLFILE
            | CURLOPT_PINNEDPUBLICKEY
            | CURLOPT_SSLCERT
            | CURLOPT_SSLCERTTYPE
            | CURLOPT_SSLKEY
            | CURLOPT_SSLKEYTYPE
            | CURLOPT_KEYPASSWD
            | CURLOPT_SSL_CIPHER_LIST
            | CURLOPT_TLS13_CIPHERS
            | CURLOPT_ISSUERCERT
            | CURLOPT_SSL_EC_CURVES => {
                let (value, code) = match string() {
                    Some(v) if v.len() > MAX_INPUT_LENGTH => (None, CURLE_BAD_FUNCTION_ARGUMENT),
                    v => (v, CURLE_OK),
                };
                let t = &mut o.tls;
                let slot = match option {
                    CURLOPT_CAINFO => &mut t.ca.file,
                    CURLOPT_CAPATH => &mut t.ca_path,
                    CURLOPT_CRLFILE => &mut t.crl_file,
                    CURLOPT_PINNEDPUBLICKEY => &mut t.pinned_key,
                    CURLOPT_SSLCERT => &mut t.cert.file,
                    CURLOPT_SSLCERTTYPE => &mut t.cert_type,
                    CURLOPT_SSLKEY => &mut t.key.file,
                    CURLOPT_SSLKEYTYPE => &mut t.key_type,
                    CURLOPT_KEYPASSWD => &mut t.key_password,
                    CURLOPT_SSL_CIPHER_LIST => &mut t.cipher_list,
                    CURLOPT_ISSUERCERT => &mut t.issuer_cert.file,
                    CURLOPT_SSL_EC_CURVES => &mut t.curves,
                    _ => &mut t.tls13_ciphers,
                };
                *slot = value;
                return code;
            }
            // A crypto engine: 7.88.1 ignores NULL and "", and a backend without engines
            // (rustls) refuses any other name.
            CURLOPT_SSLENGINE => {
                // SAFETY: as `string` above.
                let empty = unsafe { cstr(p as *const c_char) }.is_none_or(<[u8]>::is_empty);
                return ok_if(empty);
            }
            // As CURLOPT_SSL_CTX_FUNCTION: no SSL_CTX, not built in for any value.
            CURLOPT_SSL_CTX_DATA => return CURLE_NOT_BUILT_IN,
            // Accepted and kept nowhere. RANDOM_FILE and EGDSOCKET: no-ops in 7.88.1; the
            // PROXY_* settings: HTTPS proxies are not built in.
            CURLOPT_RANDOM_FILE
            | CURLOPT_EGDSOCKET
            | CURLOPT_PROXY_CAINFO
            | CURLOPT_PROXY_CAPATH
            | CURLOPT_PROXY_CRLFILE
            | CURLOPT_PROXY_ISSUERCERT
            | CURLOPT_PROXY_KEYPASSWD
            | CURLOPT_PROXY_PINNEDPUBLICKEY
            | CURLOPT_PROXY_SSLCERT
            | CURLOPT_PROXY_SSLCERTTYPE
            | CURLOPT_PROXY_SSLKEY
            | CURLOPT_PROXY_SSLKEYTYPE
            | CURLOPT_PROXY_SSL_CIPHER_LIST
            | CURLOPT_PROXY_TLS13_CIPHERS => {}
            // Other protocols' options and data pointers of callbacks we never call.
            CURLOPT_FTPPORT
            | CURLOPT_FTP_ACCOUNT
            | CURLOPT_FTP_ALTERNATIVE_TO_USER
            | CURLOPT_KRBLEVEL
            | CURLOPT_MAIL_AUTH
            | CURLOPT_MAIL_FROM
            | CURLOPT_MAIL_RCPT
            | CURLOPT_QUOTE
            | CURLOPT_POSTQUOTE
            | CURLOPT_PREQUOTE
            | CURLOPT_TELNETOPTIONS
            | CURLOPT_RTSP_SESSION_ID
            | CURLOPT_RTSP_STREAM_URI
            | CURLOPT_RTSP_TRANSPORT
            | CURLOPT_SSH_HOST_PUBLIC_KEY_MD5
            | CURLOPT_SSH_HOST_PUBLIC_KEY_SHA256
            | CURLOPT_SSH_KNOWNHOSTS
            | CURLOPT_SSH_PRIVATE_KEYFILE
            | CURLOPT_SSH_PUBLIC_KEYFILE
            | CURLOPT_SSH_KEYDATA
            | CURLOPT_SSH_HOSTKEYDATA
            | CURLOPT_TLSAUTH_PASSWORD
            | CURLOPT_TLSAUTH_TYPE
            | CURLOPT_PROXY_TLSAUTH_PASSWORD
            | CURLOPT_PROXY_TLSAUTH_TYPE
            | CURLOPT_PROXY_TLSAUTH_USERNAME
            | CURLOPT_SASL_AUTHZID
            | CURLOPT_LOGIN_OPTIONS
            | CURLOPT_SERVICE_NAME
            | CURLOPT_PROXY_SERVICE_NAME
            | CURLOPT_SOCKS5_GSSAPI_SERVICE
            | CURLOPT_CHUNK_DATA
            | CURLOPT_FNMATCH_DATA
            | CURLOPT_INTERLEAVEDATA
            | CURLOPT_HSTSREADDATA
            | CURLOPT_HSTSWRITEDATA
            | CURLOPT_STREAM_DEPENDS
            | CURLOPT_STREAM_DEPENDS_E
            | CURLOPT_XOAUTH2_BEARER => {}
            CURLOPT_NETRC_FILE => o.netrc_file = string(),
            CURLOPT_PROTOCOLS_STR | CURLOPT_REDIR_PROTOCOLS_STR => {
                let (set, code) = schemes_of_list(string().as_deref());
                if option == CURLOPT_PROTOCOLS_STR {
                    o.protocols = set;
                } else {
                    o.redir_protocols = set;
                }
                return code;
            }
            CURLOPT_REQUEST_TARGET => o.request_target = string(),
            // Proxies, cookies, mime, HSTS, alt-svc, DoH and the rest: only their default.
            CURLOPT_PROXY => o.proxy.proxy = string(),
            CURLOPT_PRE_PROXY => o.proxy.pre_proxy = string(),
            CURLOPT_NOPROXY => o.proxy.noproxy = string(),
            CURLOPT_PROXYUSERPWD => {
                let (u, pw) = split_userpwd(string());
                o.proxy.user = u;
                o.proxy.password = pw;
            }
            CURLOPT_PROXYUSERNAME => o.proxy.user = string(),
            CURLOPT_PROXYPASSWORD => o.proxy.password = string(),
            CURLOPT_PROXYHEADER => s.proxy_headers = p.cast(),
            CURLOPT_COOKIEFILE
            | CURLOPT_COOKIEJAR
            | CURLOPT_COOKIELIST
            | CURLOPT_HTTPPOST
            | CURLOPT_MIMEPOST
            | CURLOPT_HSTS
            | CURLOPT_ALTSVC
            | CURLOPT_DOH_URL
            | CURLOPT_DNS_SERVERS
            | CURLOPT_AWS_SIGV4
            // The resolver's source address (c-ares's) and TLS-SRP (the user name turns it
            // on; the password and type alone change nothing).
            | CURLOPT_DNS_INTERFACE
            | CURLOPT_DNS_LOCAL_IP4
            | CURLOPT_DNS_LOCAL_IP6
            | CURLOPT_TLSAUTH_USERNAME => return ok_if(p.is_null()),
            _ => return CURLE_UNKNOWN_OPTION,
        }
        CURLE_OK
    })
}

/// Blob options: TLS certificates and keys in memory (`struct curl_blob *`). The bytes are
/// always copied, so `CURL_BLOB_NOCOPY` works as `CURL_BLOB_COPY` does; NULL clears the
/// option. As in 7.88.1, a blob longer than CURL_MAX_INPUT_LENGTH is refused and clears it.
#[no_mangle]
pub extern "C" fn rcurl_easy_setopt_blob(
    h: *mut CURL,
    opt: CURLoption_arg,
    p: *mut c_void,
) -> CURLcode {
    with_settings(h, |s| {
        let Some(option) = CURLoption::from_raw(opt) else {
            return CURLE_UNKNOWN_OPTION;
        };
        let t = &mut s.opts.tls;
        let slot = match option {
            CURLOPT_CAINFO_BLOB => Some(&mut t.ca.blob),
            CURLOPT_SSLCERT_BLOB => Some(&mut t.cert.blob),
            CURLOPT_SSLKEY_BLOB => Some(&mut t.key.blob),
            CURLOPT_ISSUERCERT_BLOB => Some(&mut t.issuer_cert.blob),
            // Checked, kept nowhere: HTTPS proxies are not built in.
            CURLOPT_PROXY_CAINFO_BLOB
            | CURLOPT_PROXY_ISSUERCERT_BLOB
            | CURLOPT_PROXY_SSLCERT_BLOB
            | CURLOPT_PROXY_SSLKEY_BLOB => None,
            _ => return CURLE_UNKNOWN_OPTION,
        };
        // SAFETY: libcurl's contract for blob options: NULL or a `struct curl_blob` whose
        // `data` holds `len` readable bytes during this call.
        let (blob, code) = match unsafe { read_blob(p.cast()) } {
            Ok(b) => (b, CURLE_OK),
            Err(code) => (None, code),
        };
        if let Some(slot) = slot {
            *slot = blob;
        }
        code
    })
}

/// A copy of the bytes of a `struct curl_blob`; NULL gives `None`. Refused: more than
/// CURL_MAX_INPUT_LENGTH bytes (as 7.88.1), and a NULL `data` with a length (which 7.88.1
/// would read through).
///
/// # Safety
/// `p` is NULL or points to a `curl_blob` whose `data` holds `len` readable bytes.
unsafe fn read_blob(p: *const curl_blob) -> Result<Option<Arc<[u8]>>, CURLcode> {
    // SAFETY: the caller's contract.
    let Some(blob) = (unsafe { p.as_ref() }) else {
        return Ok(None);
    };
    if blob.len > MAX_INPUT_LENGTH || (blob.data.is_null() && blob.len > 0) {
        return Err(CURLE_BAD_FUNCTION_ARGUMENT);
    }
    // SAFETY: `data` holds `len` readable bytes (the caller's contract); copied at once.
    let bytes = unsafe { super::boundary::bytes(blob.data, blob.len) };
    Ok(Some(bytes.into()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::{SslVersion, TlsOptions};

    /// Reads one setting.
    type Get<T> = fn(&TlsOptions) -> Option<T>;

    /// A fresh handle, freed when dropped.
    struct Handle(*mut CURL);
    impl Handle {
        fn new() -> Handle {
            Handle(super::super::easy::curl_easy_init())
        }
        fn tls(&self) -> TlsOptions {
            // SAFETY: a live handle of ours.
            let h = unsafe { EasyHandle::from_ptr(self.0) }.expect("handle");
            let tls = h.settings.borrow().opts.tls.clone();
            tls
        }
        fn long(&self, opt: CURLoption, v: c_long) -> CURLcode {
            rcurl_easy_setopt_long(self.0, opt as CURLoption_arg, v)
        }
        fn ptr(&self, opt: CURLoption, p: *const c_void) -> CURLcode {
            rcurl_easy_setopt_ptr(self.0, opt as CURLoption_arg, p as *mut c_void)
        }
        fn blob(&self, opt: CURLoption, b: Option<&curl_blob>) -> CURLcode {
            let p = b.map_or(std::ptr::null(), |b| b as *const curl_blob);
            rcurl_easy_setopt_blob(self.0, opt as CURLoption_arg, p as *mut c_void)
        }
    }
    impl Drop for Handle {
        fn drop(&mut self) {
            // SAFETY: ours, freed once.
            unsafe { super::super::easy::curl_easy_cleanup(self.0) };
        }
    }

    fn blob_of(data: &mut [u8], flags: c_int) -> curl_blob {
        curl_blob {
            data: data.as_mut_ptr().cast(),
            len: data.len(),
            flags: flags as std::ffi::c_uint,
        }
    }

    #[test]
    fn tls_longs_are_stored_and_checked_as_7_88_1() {
        let h = Handle::new();
        assert!(h.tls().verify_peer && h.tls().verify_host);
        assert_eq!(h.long(CURLOPT_SSL_VERIFYPEER, 0), CURLE_OK);
        assert!(!h.tls().verify_peer);
        assert_eq!(h.long(CURLOPT_SSL_VERIFYPEER, 7), CURLE_OK);
        assert!(h.tls().verify_peer);
        assert_eq!(h.long(CURLOPT_SSL_VERIFYHOST, 0), CURLE_OK);
        assert!(!h.tls().verify_host);
        assert_eq!(h.long(CURLOPT_SSL_VERIFYHOST, 1), CURLE_OK);
        assert!(h.tls().verify_host);
        // Any value is taken; 4 has neither low bit set.
        assert_eq!(h.long(CURLOPT_SSL_VERIFYHOST, 4), CURLE_OK);
        assert!(!h.tls().verify_host);

        // CURL_SSLVERSION_TLSv1_2 | CURL_SSLVERSION_MAX_TLSv1_2
        assert_eq!(h.long(CURLOPT_SSLVERSION, 6 | 6 << 16), CURLE_OK);
        assert_eq!(h.tls().version, SslVersion { min: 6, max: 6 });
        // Refused values leave the setting as it was.
        assert_eq!(h.long(CURLOPT_SSLVERSION, 3), CURLE_BAD_FUNCTION_ARGUMENT);
        assert_eq!(
            h.long(CURLOPT_SSLVERSION, 8 << 16),
            CURLE_BAD_FUNCTION_ARGUMENT
        );
        assert_eq!(h.tls().version, SslVersion { min: 6, max: 6 });
        // The proxy's is checked the same way and does not touch ours.
        assert_eq!(
            h.long(CURLOPT_PROXY_SSLVERSION, 2),
            CURLE_BAD_FUNCTION_ARGUMENT
        );
        assert_eq!(h.long(CURLOPT_PROXY_SSLVERSION, 7), CURLE_OK);
        assert_eq!(h.tls().version, SslVersion { min: 6, max: 6 });

        assert_eq!(h.long(CURLOPT_SSL_OPTIONS, 0x22), CURLE_OK);
        assert_eq!(h.tls().ssl_options, 0x22);
        assert_eq!(h.long(CURLOPT_SSL_ENABLE_ALPN, 0), CURLE_OK);
        assert!(!h.tls().alpn);
        assert_eq!(h.long(CURLOPT_SSL_SESSIONID_CACHE, 0), CURLE_OK);
        assert!(!h.tls().session_cache);

        for opt in [CURLOPT_SSL_FALSESTART, CURLOPT_SSLENGINE_DEFAULT] {
            assert_eq!(h.long(opt, 0), CURLE_NOT_BUILT_IN, "{opt:?} 0");
            assert_eq!(h.long(opt, 1), CURLE_NOT_BUILT_IN, "{opt:?} 1");
        }
        assert_eq!(h.long(CURLOPT_DOH_SSL_VERIFYSTATUS, 0), CURLE_OK);
        assert_eq!(h.long(CURLOPT_DOH_SSL_VERIFYSTATUS, 1), CURLE_NOT_BUILT_IN);
        assert_eq!(h.long(CURLOPT_SSL_VERIFYSTATUS, 2), CURLE_OK);
        assert!(h.tls().verify_status);
        assert_eq!(h.long(CURLOPT_SSL_VERIFYSTATUS, 0), CURLE_OK);
        assert!(!h.tls().verify_status);
        assert_eq!(
            h.long(CURLOPT_CA_CACHE_TIMEOUT, -2),
            CURLE_BAD_FUNCTION_ARGUMENT
        );
        assert_eq!(h.long(CURLOPT_CA_CACHE_TIMEOUT, -1), CURLE_OK);
        assert_eq!(h.long(CURLOPT_CERTINFO, 1), CURLE_OK);
    }

    #[test]
    fn tls_strings_are_copied_and_null_clears_them() {
        let h = Handle::new();
        let cases: [(CURLoption, Get<String>); 13] = [
            (CURLOPT_CAINFO, |t| t.ca.file.clone()),
            (CURLOPT_CAPATH, |t| t.ca_path.clone()),
            (CURLOPT_CRLFILE, |t| t.crl_file.clone()),
            (CURLOPT_PINNEDPUBLICKEY, |t| t.pinned_key.clone()),
            (CURLOPT_SSLCERT, |t| t.cert.file.clone()),
            (CURLOPT_SSLCERTTYPE, |t| t.cert_type.clone()),
            (CURLOPT_SSLKEY, |t| t.key.file.clone()),
            (CURLOPT_SSLKEYTYPE, |t| t.key_type.clone()),
            (CURLOPT_KEYPASSWD, |t| t.key_password.clone()),
            (CURLOPT_SSL_CIPHER_LIST, |t| t.cipher_list.clone()),
            (CURLOPT_TLS13_CIPHERS, |t| t.tls13_ciphers.clone()),
            (CURLOPT_ISSUERCERT, |t| t.issuer_cert.file.clone()),
            (CURLOPT_SSL_EC_CURVES, |t| t.curves.clone()),
        ];
        for (opt, get) in cases {
            let mut value = *b"value\0";
            assert_eq!(h.ptr(opt, value.as_ptr().cast()), CURLE_OK);
            std::hint::black_box(&mut value)[0] = b'X';
            assert_eq!(get(&h.tls()).as_deref(), Some("value"), "{opt:?}");
            assert_eq!(h.ptr(opt, std::ptr::null()), CURLE_OK);
            assert_eq!(get(&h.tls()), None, "{opt:?}");
        }
        // Too long: refused, and the earlier value is gone (as 7.88.1).
        assert_eq!(h.ptr(CURLOPT_CAINFO, c"/ca.pem".as_ptr().cast()), CURLE_OK);
        let long = std::ffi::CString::new("x".repeat(MAX_INPUT_LENGTH + 1)).unwrap();
        assert_eq!(
            h.ptr(CURLOPT_CAINFO, long.as_ptr().cast()),
            CURLE_BAD_FUNCTION_ARGUMENT
        );
        assert_eq!(h.tls().ca.file, None);
    }

    #[test]
    fn tls_options_without_a_backend_counterpart() {
        let h = Handle::new();
        assert_eq!(
            h.ptr(CURLOPT_SSL_CTX_DATA, std::ptr::null()),
            CURLE_NOT_BUILT_IN
        );
        let f = rcurl_easy_setopt_func(h.0, CURLOPT_SSL_CTX_FUNCTION as CURLoption_arg, None);
        assert_eq!(f, CURLE_NOT_BUILT_IN);
        assert_eq!(h.ptr(CURLOPT_SSLENGINE, std::ptr::null()), CURLE_OK);
        assert_eq!(h.ptr(CURLOPT_SSLENGINE, c"".as_ptr().cast()), CURLE_OK);
        assert_eq!(
            h.ptr(CURLOPT_SSLENGINE, c"pkcs11".as_ptr().cast()),
            CURLE_NOT_BUILT_IN
        );
        assert_eq!(h.tls(), TlsOptions::default());
    }

    #[test]
    fn blobs_are_copied_whatever_the_flags() {
        let h = Handle::new();
        let cases: [(CURLoption, Get<Arc<[u8]>>); 4] = [
            (CURLOPT_CAINFO_BLOB, |t| t.ca.blob.clone()),
            (CURLOPT_SSLCERT_BLOB, |t| t.cert.blob.clone()),
            (CURLOPT_SSLKEY_BLOB, |t| t.key.blob.clone()),
            (CURLOPT_ISSUERCERT_BLOB, |t| t.issuer_cert.blob.clone()),
        ];
        for (opt, get) in cases {
            for flags in [CURL_BLOB_COPY, CURL_BLOB_NOCOPY] {
                let mut data = *b"-----BEGIN";
                let b = blob_of(&mut data, flags);
                assert_eq!(h.blob(opt, Some(&b)), CURLE_OK);
                data.fill(0);
                assert_eq!(
                    get(&h.tls()).as_deref(),
                    Some(&b"-----BEGIN"[..]),
                    "{opt:?}"
                );
                assert_eq!(h.blob(opt, None), CURLE_OK);
                assert_eq!(get(&h.tls()), None, "{opt:?}");
            }
        }
        // Empty is a blob (of nothing), not a clear.
        let empty = curl_blob {
            data: std::ptr::null_mut(),
            len: 0,
            flags: CURL_BLOB_COPY as std::ffi::c_uint,
        };
        assert_eq!(h.blob(CURLOPT_CAINFO_BLOB, Some(&empty)), CURLE_OK);
        assert_eq!(h.tls().ca.blob.as_deref(), Some(&[][..]));
        // Too long, or NULL data with a length: refused, and the blob is gone.
        let mut data = *b"pem";
        assert_eq!(
            h.blob(
                CURLOPT_SSLKEY_BLOB,
                Some(&blob_of(&mut data, CURL_BLOB_COPY))
            ),
            CURLE_OK
        );
        let huge = curl_blob {
            data: data.as_mut_ptr().cast(),
            len: MAX_INPUT_LENGTH + 1,
            flags: CURL_BLOB_NOCOPY as std::ffi::c_uint,
        };
        assert_eq!(
            h.blob(CURLOPT_SSLKEY_BLOB, Some(&huge)),
            CURLE_BAD_FUNCTION_ARGUMENT
        );
        assert_eq!(h.tls().key.blob, None);
        let dangling = curl_blob {
            data: std::ptr::null_mut(),
            len: 3,
            flags: CURL_BLOB_COPY as std::ffi::c_uint,
        };
        assert_eq!(
            h.blob(CURLOPT_CAINFO_BLOB, Some(&dangling)),
            CURLE_BAD_FUNCTION_ARGUMENT
        );
        assert_eq!(h.tls().ca.blob, None);
        // The options kept nowhere still check their blob.
        assert_eq!(
            h.blob(CURLOPT_PROXY_CAINFO_BLOB, Some(&huge)),
            CURLE_BAD_FUNCTION_ARGUMENT
        );
        assert_eq!(
            h.blob(CURLOPT_PROXY_ISSUERCERT_BLOB, Some(&blob_of(&mut data, 1))),
            CURLE_OK
        );
        assert_eq!(h.blob(CURLOPT_URL, None), CURLE_UNKNOWN_OPTION);
    }

    #[test]
    fn duphandle_copies_and_reset_clears_the_tls_settings() {
        let h = Handle::new();
        let mut data = *b"key";
        assert_eq!(h.long(CURLOPT_SSL_VERIFYPEER, 0), CURLE_OK);
        assert_eq!(h.ptr(CURLOPT_CAINFO, c"/ca.pem".as_ptr().cast()), CURLE_OK);
        assert_eq!(
            h.blob(
                CURLOPT_SSLKEY_BLOB,
                Some(&blob_of(&mut data, CURL_BLOB_COPY))
            ),
            CURLE_OK
        );
        let set = h.tls();
        // SAFETY: a live handle of ours.
        let dup = Handle(unsafe { super::super::easy::curl_easy_duphandle(h.0) });
        assert_eq!(dup.tls(), set);
        // SAFETY: as above.
        unsafe { super::super::easy::curl_easy_reset(h.0) };
        assert_eq!(h.tls(), TlsOptions::default());
        assert_eq!(dup.tls(), set, "the copy is its own");
    }
}
