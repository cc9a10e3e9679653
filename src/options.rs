//! The typed settings of an easy handle: what `curl_easy_setopt` fills and a transfer reads.
//!
//! Values arrive here already converted from C; the rules of libcurl that tie several options
//! together (which request method wins, what `NOBODY` does to a previous `POST`) live here so
//! that they are testable without C.

use std::sync::Arc;

/// Which request libcurl would make, as its `httpreq` field: the last of `HTTPGET`, `POST`,
/// `POSTFIELDS`, `UPLOAD` and `NOBODY` set decides.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum HttpReq {
    #[default]
    Get,
    Post,
    Put,
    Head,
}

/// `CURLOPT_HTTP_VERSION` values we accept.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum HttpVersion {
    /// `CURL_HTTP_VERSION_NONE`: our choice, which is 1.1.
    #[default]
    Default,
    V1_0,
    V1_1,
}

/// `CURLOPT_IPRESOLVE`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum IpResolve {
    #[default]
    Whatever,
    V4,
    V6,
}

/// `CURLOPT_TIMECONDITION`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum TimeCondition {
    #[default]
    None,
    IfModifiedSince,
    IfUnmodifiedSince,
    LastModified,
}

/// A set of URL schemes (`CURLOPT_PROTOCOLS`, `CURLOPT_REDIR_PROTOCOLS`); `None` allows
/// every scheme.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SchemeSet(Option<Vec<String>>);

impl SchemeSet {
    pub fn all() -> Self {
        SchemeSet(None)
    }

    /// Exactly these (lowercase) schemes.
    pub fn only(schemes: Vec<String>) -> Self {
        SchemeSet(Some(schemes))
    }

    pub fn allows(&self, scheme: &str) -> bool {
        self.0
            .as_ref()
            .is_none_or(|v| v.iter().any(|s| s.eq_ignore_ascii_case(scheme)))
    }
}

/// The body of a request as the transfer will send it.
#[derive(Clone, Debug, Default)]
pub enum PostBody {
    /// No `POSTFIELDS`: a POST reads its body from the read callback.
    #[default]
    None,
    /// `POSTFIELDS`/`COPYPOSTFIELDS` bytes (a borrowed `POSTFIELDS` is copied when the
    /// transfer starts, so the core never holds the application's pointer).
    Bytes(Arc<[u8]>),
}

/// All settings of one easy handle. `Clone` is what `curl_easy_duphandle` needs.
#[derive(Clone, Debug)]
pub struct Options {
    pub url: Option<String>,
    pub verbose: bool,
    pub header: bool,
    /// `CURLOPT_HTTP09_ALLOWED`.
    pub http09_allowed: bool,
    /// `CURLOPT_UNIX_SOCKET_PATH` / `CURLOPT_ABSTRACT_UNIX_SOCKET`: connections go to this
    /// socket instead of the URL's host (and no proxy is used, as in libcurl).
    pub unix_socket: Option<crate::net::unix::UnixTarget>,
    pub noprogress: bool,
    pub no_body: bool,
    pub failonerror: bool,
    pub upload: bool,
    pub httpreq: HttpReq,
    pub custom_request: Option<String>,
    pub postfields_copy: Option<Arc<[u8]>>,
    /// `POSTFIELDSIZE(_LARGE)`; -1 means "use strlen" for `POSTFIELDS`, or unknown (chunked)
    /// for a read callback.
    pub postfieldsize: i64,
    pub infilesize: i64,
    pub http_headers: Vec<String>,
    pub useragent: Option<String>,
    pub referer: Option<String>,
    pub cookie: Option<String>,
    pub username: Option<String>,
    pub password: Option<String>,
    /// `CURLOPT_HTTPAUTH` bits as stored (see `http::auth::wanted`).
    pub httpauth: u64,
    pub range: Option<String>,
    pub resume_from: i64,
    pub follow_location: bool,
    /// -1 is unlimited, as 7.88.1's default.
    pub max_redirs: i64,
    pub post_redir: u32,
    pub auto_referer: bool,
    pub unrestricted_auth: bool,
    pub accept_encoding: Option<String>,
    pub http_content_decoding: bool,
    pub http_transfer_decoding: bool,
    pub timeout_ms: u64,
    pub connect_timeout_ms: u64,
    pub low_speed_limit: i64,
    pub low_speed_time: i64,
    /// `CURLOPT_MAX_RECV_SPEED_LARGE` / `CURLOPT_MAX_SEND_SPEED_LARGE`: bytes per second,
    /// 0 for no limit.
    pub max_recv_speed: u64,
    pub max_send_speed: u64,
    pub forbid_reuse: bool,
    pub fresh_connect: bool,
    pub tcp_nodelay: bool,
    pub tcp_keepalive: bool,
    pub tcp_keepidle: u32,
    pub tcp_keepintvl: u32,
    pub buffer_size: usize,
    /// `CURLOPT_UPLOAD_BUFFERSIZE`: what the read callback is asked for at a time (less
    /// the room chunk framing needs).
    pub upload_buffer_size: usize,
    pub http_version: HttpVersion,
    pub port: u16,
    pub ip_resolve: IpResolve,
    pub resolve: Vec<String>,
    pub connect_to: Vec<String>,
    pub expect_100_timeout_ms: u64,
    pub max_filesize: i64,
    pub filetime: bool,
    /// `CURLOPT_NEW_FILE_PERMS`: the mode of a file a file:// upload creates.
    pub new_file_perms: u32,
    pub time_condition: TimeCondition,
    pub time_value: i64,
    pub dns_cache_timeout: i64,
    pub ignore_content_length: bool,
    pub interface: Option<String>,
    /// `CURLOPT_PROXY`, `PROXYPORT`, `PROXYTYPE`, `NOPROXY`, the proxy credentials and
    /// `PRE_PROXY`.
    pub proxy: crate::proxy::ProxyOptions,
    /// `CURLOPT_PROXYAUTH` bits, as `httpauth`.
    pub proxyauth: u64,
    /// `CURLOPT_PROXYHEADER`.
    pub proxy_headers: Vec<String>,
    /// `CURLOPT_HEADEROPT` is `CURLHEADER_SEPARATE`: `HTTPHEADER` goes only to the server,
    /// `PROXYHEADER` only to the proxy.
    pub header_separate: bool,
    /// `CURLOPT_HTTPPROXYTUNNEL`.
    pub proxy_tunnel: bool,
    /// `CURLOPT_SUPPRESS_CONNECT_HEADERS`.
    pub suppress_connect_headers: bool,
    /// `CURLOPT_DEFAULT_PROTOCOL`: the scheme of a URL given without one.
    pub default_protocol: Option<String>,
    /// `CURLOPT_HTTP200ALIASES`.
    /// Shared, so that each response's parser takes it without a copy.
    pub http200_aliases: std::sync::Arc<[Box<[u8]>]>,
    /// `CURLOPT_NETRC`: 0 ignored, 1 optional, 2 required.
    pub netrc: u8,
    /// `CURLOPT_NETRC_FILE`.
    pub netrc_file: Option<String>,
    /// `CURLOPT_SOCKS5_AUTH`: SOCKS5 offers user name and password only with Basic.
    pub socks5_auth: u64,
    pub local_port: u16,
    pub local_port_range: u16,
    pub address_scope: u32,
    /// `CURLOPT_HAPPY_EYEBALLS_TIMEOUT_MS`.
    pub happy_eyeballs_ms: u64,
    /// `CURLOPT_DNS_SHUFFLE_ADDRESSES`.
    pub dns_shuffle: bool,
    pub path_as_is: bool,
    /// `CURLOPT_KEEP_SENDING_ON_ERROR`: finish the upload after an early error response.
    pub keep_sending_on_error: bool,
    /// `CURLOPT_CRLF`: LF becomes CRLF in upload data sent after the request head.
    pub crlf: bool,
    /// `CURLOPT_DISALLOW_USERNAME_IN_URL`.
    pub disallow_username: bool,
    /// `CURLOPT_REQUEST_TARGET`: sent instead of the URL's path and query.
    pub request_target: Option<String>,
    /// `CURLOPT_TRANSFER_ENCODING`: ask for a compressed transfer encoding (`TE: gzip`).
    pub transfer_encoding: bool,
    /// Schemes allowed for transfers and for redirects (`CURLOPT_PROTOCOLS(_STR)`,
    /// `CURLOPT_REDIR_PROTOCOLS(_STR)`).
    pub protocols: SchemeSet,
    pub redir_protocols: SchemeSet,
    pub maxage_conn: i64,
    /// `CURLOPT_MAXCONNECTS` (0: libcurl's multi default).
    pub maxconnects: u64,
    pub maxlifetime_conn: i64,
    /// The TLS settings for https:// (`CURLOPT_SSL_*`, `CAINFO`, ...).
    pub tls: TlsOptions,
    /// `CURLOPT_CERTINFO`: collect the server's certificates (`CURLINFO_CERTINFO`). Not a
    /// TLS setting a connection is matched by, as in libcurl.
    pub certinfo: bool,
    /// `CURLOPT_PIPEWAIT`: wait for a pipeline rather than open a connection while the
    /// server's ability is unknown.
    pub pipewait: bool,
}

/// A certificate or key: a file name, or the bytes of a `*_BLOB` option (a blob wins, as in
/// libcurl).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Source {
    pub file: Option<String>,
    pub blob: Option<Arc<[u8]>>,
}

impl Source {
    pub fn is_set(&self) -> bool {
        self.file.is_some() || self.blob.is_some()
    }
}

/// `CURLOPT_SSLVERSION`'s parts: the lowest version (`CURL_SSLVERSION_*`, 0 = default) and
/// the highest (`CURL_SSLVERSION_MAX_*` >> 16, 0 = default).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct SslVersion {
    pub min: u8,
    pub max: u8,
}

/// Everything that decides how a TLS connection is made and verified. Connections are
/// reused only by requests with equal settings.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TlsOptions {
    /// `CURLOPT_SSL_VERIFYPEER`.
    pub verify_peer: bool,
    /// `CURLOPT_SSL_VERIFYHOST` other than 0 (1 acts as 2, as in 7.88.1).
    pub verify_host: bool,
    /// `CURLOPT_CAINFO` (None: the default bundle) and `CURLOPT_CAINFO_BLOB`.
    pub ca: Source,
    /// `CURLOPT_CAPATH`.
    pub ca_path: Option<String>,
    /// `CURLOPT_CRLFILE`.
    pub crl_file: Option<String>,
    /// `CURLOPT_PINNEDPUBLICKEY`.
    pub pinned_key: Option<String>,
    /// `CURLOPT_SSLCERT(_BLOB)` and `CURLOPT_SSLCERTTYPE` ("PEM" or "DER"; None is PEM).
    pub cert: Source,
    pub cert_type: Option<String>,
    /// `CURLOPT_SSLKEY(_BLOB)`, `CURLOPT_SSLKEYTYPE`, `CURLOPT_KEYPASSWD`.
    pub key: Source,
    pub key_type: Option<String>,
    pub key_password: Option<String>,
    pub version: SslVersion,
    /// `CURLOPT_SSL_CIPHER_LIST` (TLS 1.2 suites) and `CURLOPT_TLS13_CIPHERS`.
    pub cipher_list: Option<String>,
    pub tls13_ciphers: Option<String>,
    /// `CURLOPT_SSL_OPTIONS` bits.
    pub ssl_options: u64,
    /// `CURLOPT_SSL_ENABLE_ALPN`.
    pub alpn: bool,
    /// `CURLOPT_SSL_SESSIONID_CACHE`.
    pub session_cache: bool,
    /// `CURLOPT_ISSUERCERT(_BLOB)`: the certificate that must have issued the server's.
    pub issuer_cert: Source,
    /// `CURLOPT_SSL_EC_CURVES`: the key exchange groups, OpenSSL's names.
    pub curves: Option<String>,
    /// `CURLOPT_SSL_VERIFYSTATUS`: require a stapled OCSP response showing the certificate
    /// good.
    pub verify_status: bool,
}

impl Default for TlsOptions {
    fn default() -> Self {
        TlsOptions {
            verify_peer: true,
            verify_host: true,
            ca: Source::default(),
            ca_path: None,
            crl_file: None,
            pinned_key: None,
            cert: Source::default(),
            cert_type: None,
            key: Source::default(),
            key_type: None,
            key_password: None,
            version: SslVersion::default(),
            cipher_list: None,
            tls13_ciphers: None,
            ssl_options: 0,
            alpn: true,
            session_cache: true,
            issuer_cert: Source::default(),
            curves: None,
            verify_status: false,
        }
    }
}

/// libcurl's `CURL_MAX_WRITE_SIZE`, the default receive buffer size.
pub const DEFAULT_BUFFER_SIZE: usize = 16 * 1024;
/// `CURLOPT_BUFFERSIZE` bounds (7.88.1: 1 KiB to 10 MiB).
pub const MIN_BUFFER_SIZE: usize = 1024;
pub const MAX_BUFFER_SIZE: usize = 10 * 1024 * 1024;
/// libcurl's `UPLOADBUFFER_DEFAULT`, `_MIN` and `_MAX`.
pub const DEFAULT_UPLOAD_BUFFER_SIZE: usize = 64 * 1024;
const MIN_UPLOAD_BUFFER_SIZE: usize = 16 * 1024;
const MAX_UPLOAD_BUFFER_SIZE: usize = 2 * 1024 * 1024;

impl Default for Options {
    fn default() -> Self {
        Options {
            url: None,
            verbose: false,
            header: false,
            http09_allowed: false,
            unix_socket: None,
            noprogress: true,
            no_body: false,
            failonerror: false,
            upload: false,
            httpreq: HttpReq::Get,
            custom_request: None,
            postfields_copy: None,
            postfieldsize: -1,
            infilesize: -1,
            http_headers: Vec::new(),
            useragent: None,
            referer: None,
            cookie: None,
            username: None,
            password: None,
            httpauth: 1,
            range: None,
            resume_from: 0,
            follow_location: false,
            max_redirs: -1,
            post_redir: 0,
            auto_referer: false,
            unrestricted_auth: false,
            accept_encoding: None,
            http_content_decoding: true,
            http_transfer_decoding: true,
            timeout_ms: 0,
            connect_timeout_ms: 0,
            low_speed_limit: 0,
            low_speed_time: 0,
            max_recv_speed: 0,
            max_send_speed: 0,
            forbid_reuse: false,
            fresh_connect: false,
            tcp_nodelay: true,
            tcp_keepalive: false,
            tcp_keepidle: 60,
            tcp_keepintvl: 60,
            buffer_size: DEFAULT_BUFFER_SIZE,
            upload_buffer_size: DEFAULT_UPLOAD_BUFFER_SIZE,
            http_version: HttpVersion::Default,
            port: 0,
            ip_resolve: IpResolve::Whatever,
            resolve: Vec::new(),
            connect_to: Vec::new(),
            expect_100_timeout_ms: 1000,
            max_filesize: 0,
            filetime: false,
            new_file_perms: 0o644,
            time_condition: TimeCondition::None,
            time_value: 0,
            dns_cache_timeout: 60,
            ignore_content_length: false,
            interface: None,
            proxy: crate::proxy::ProxyOptions::default(),
            proxyauth: AUTH_BASIC,
            proxy_headers: Vec::new(),
            header_separate: true,
            proxy_tunnel: false,
            suppress_connect_headers: false,
            default_protocol: None,
            http200_aliases: Default::default(),
            netrc: 0,
            netrc_file: None,
            // CURLAUTH_BASIC | CURLAUTH_GSSAPI, libcurl's default.
            socks5_auth: 1 | 4,
            local_port: 0,
            local_port_range: 1,
            address_scope: 0,
            happy_eyeballs_ms: 200,
            dns_shuffle: false,
            path_as_is: false,
            disallow_username: false,
            keep_sending_on_error: false,
            crlf: false,
            request_target: None,
            transfer_encoding: false,
            protocols: SchemeSet::all(),
            // 7.88.1's default for redirects.
            redir_protocols: SchemeSet::only(
                ["http", "https", "ftp", "ftps"].map(String::from).to_vec(),
            ),
            maxage_conn: 118,
            maxconnects: 5,
            maxlifetime_conn: 0,
            tls: TlsOptions::default(),
            certinfo: false,
            pipewait: false,
        }
    }
}

/// `CURLAUTH_BASIC`.
pub const AUTH_BASIC: u64 = 1;

impl Options {
    /// `CURLOPT_POST`: on makes a POST and clears `NOBODY`; off returns to GET.
    pub fn set_post(&mut self, on: bool) {
        if on {
            self.httpreq = HttpReq::Post;
            self.no_body = false;
        } else {
            self.httpreq = HttpReq::Get;
        }
    }

    /// `CURLOPT_POSTFIELDS` and `COPYPOSTFIELDS` both turn the request into a POST.
    pub fn set_postfields(&mut self) {
        self.httpreq = HttpReq::Post;
        self.no_body = false;
    }

    /// `CURLOPT_HTTPGET`: only a non-zero value has an effect.
    pub fn set_httpget(&mut self, on: bool) {
        if on {
            self.httpreq = HttpReq::Get;
            self.upload = false;
            self.no_body = false;
        }
    }

    /// `CURLOPT_NOBODY`: on makes a HEAD; off undoes a HEAD made by it.
    pub fn set_nobody(&mut self, on: bool) {
        self.no_body = on;
        if on {
            self.httpreq = HttpReq::Head;
        } else if self.httpreq == HttpReq::Head {
            self.httpreq = HttpReq::Get;
        }
    }

    /// `CURLOPT_UPLOAD`/`CURLOPT_PUT`: on makes a PUT; off undoes a PUT.
    pub fn set_upload(&mut self, on: bool) {
        self.upload = on;
        if on {
            self.httpreq = HttpReq::Put;
            self.no_body = false;
        } else if self.httpreq == HttpReq::Put {
            self.httpreq = HttpReq::Get;
        }
    }

    /// `CURLOPT_UPLOAD_BUFFERSIZE`, clamped to libcurl's range (0 included: no default).
    pub fn set_upload_buffer_size(&mut self, size: i64) {
        self.upload_buffer_size =
            size.clamp(MIN_UPLOAD_BUFFER_SIZE as i64, MAX_UPLOAD_BUFFER_SIZE as i64) as usize;
    }

    /// `CURLOPT_BUFFERSIZE`, clamped to libcurl's range; 0 restores the default.
    pub fn set_buffer_size(&mut self, size: i64) {
        self.buffer_size = if size <= 0 {
            DEFAULT_BUFFER_SIZE
        } else {
            (size as u64).clamp(MIN_BUFFER_SIZE as u64, MAX_BUFFER_SIZE as u64) as usize
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_method_option_wins() {
        let mut o = Options::default();
        o.set_post(true);
        assert_eq!(o.httpreq, HttpReq::Post);
        o.set_nobody(true);
        assert_eq!(o.httpreq, HttpReq::Head);
        o.set_nobody(false);
        assert_eq!(o.httpreq, HttpReq::Get);
        o.set_upload(true);
        assert_eq!(o.httpreq, HttpReq::Put);
        o.set_httpget(true);
        assert_eq!((o.httpreq, o.upload), (HttpReq::Get, false));
        o.set_post(true);
        o.set_httpget(false);
        assert_eq!(o.httpreq, HttpReq::Post);
    }

    #[test]
    fn buffer_size_is_clamped() {
        let mut o = Options::default();
        o.set_buffer_size(10);
        assert_eq!(o.buffer_size, MIN_BUFFER_SIZE);
        o.set_buffer_size(i64::MAX);
        assert_eq!(o.buffer_size, MAX_BUFFER_SIZE);
        o.set_buffer_size(0);
        assert_eq!(o.buffer_size, DEFAULT_BUFFER_SIZE);
        o.set_upload_buffer_size(0);
        assert_eq!(o.upload_buffer_size, 16 * 1024);
        o.set_upload_buffer_size(100_000);
        assert_eq!(o.upload_buffer_size, 100_000);
        o.set_upload_buffer_size(i64::MAX);
        assert_eq!(o.upload_buffer_size, 2 * 1024 * 1024);
    }
}
