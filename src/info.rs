//! What `curl_easy_getinfo` reports about the last transfer of a handle.

use std::time::Duration;

/// Where a received header line came from (libcurl's `CURLH_*` origins).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeaderOrigin {
    Header,
    Trailer,
    Informational,
    /// The proxy's answer to CONNECT.
    Connect,
}

/// One received header, for the header API.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeaderEntry {
    pub name: String,
    pub value: String,
    pub origin: HeaderOrigin,
    /// Which request of the transfer (0 = the first; redirects add requests).
    pub request: u32,
}

impl HeaderEntry {
    /// Parses a received header line, `None` for lines that are not `name: value` headers
    /// (status lines, the blank line, folded continuation lines). The value loses leading
    /// blanks and trailing white space, except that its first character always stays, as
    /// in 7.88.1 (so an empty value still ending in CRLF reads as "\r").
    pub fn parse(line: &[u8], origin: HeaderOrigin, request: u32) -> Option<Self> {
        if line.first().is_none_or(|b| b.is_ascii_whitespace()) {
            return None;
        }
        let colon = line.iter().position(|&b| b == b':')?;
        let name = String::from_utf8_lossy(&line[..colon]).into_owned();
        let rest = &line[colon + 1..];
        let start = rest
            .iter()
            .position(|&b| b != b' ' && b != b'\t')
            .unwrap_or(rest.len());
        let v = &rest[start..];
        let mut end = v.len();
        while end > 1 && v[end - 1].is_ascii_whitespace() {
            end -= 1;
        }
        let value = String::from_utf8_lossy(&v[..end]).into_owned();
        Some(HeaderEntry {
            name,
            value,
            origin,
            request,
        })
    }
}

#[derive(Clone, Debug, Default)]
pub struct Info {
    pub response_code: u16,
    pub http_version: u8,
    pub effective_url: String,
    pub effective_method: String,
    pub content_type: Option<String>,
    pub scheme: Option<String>,
    pub redirect_url: Option<String>,
    /// The Referer sent with the last request.
    pub referer: Option<String>,
    pub redirect_count: u32,
    pub primary_ip: String,
    pub primary_port: u16,
    pub local_ip: String,
    pub local_port: u16,
    pub num_connects: u32,
    pub os_errno: i32,
    /// `CURLINFO_SSL_VERIFYRESULT`: 0 when the peer's certificate was verified (or not
    /// checked), else an X.509 verification code as OpenSSL numbers them.
    pub ssl_verify_result: i64,
    /// `CURLINFO_CERTINFO`: for each certificate of the last handshake made with
    /// `CURLOPT_CERTINFO`, its "Name:value" lines.
    pub certs: Vec<Vec<String>>,
    pub header_size: u64,
    pub request_size: u64,
    pub size_download: u64,
    pub size_upload: u64,
    /// -1 when unknown, as libcurl.
    pub content_length_download: i64,
    pub content_length_upload: i64,
    pub filetime: i64,
    pub condition_unmet: bool,
    pub retry_after: i64,
    pub namelookup: Duration,
    pub connect: Duration,
    pub appconnect: Duration,
    pub pretransfer: Duration,
    pub starttransfer: Duration,
    pub total: Duration,
    pub redirect: Duration,
    pub httpauth_avail: u64,
    pub proxyauth_avail: u64,
    /// The status code of the proxy's answer to CONNECT.
    pub connect_code: u16,
    /// Why a SOCKS handshake failed (`CURLINFO_PROXY_ERROR`).
    pub proxy_error: Option<crate::net::socks::ProxyCode>,
    /// The headers of every response of the transfer, in arrival order.
    pub headers: Vec<HeaderEntry>,
    /// The index of the last request made (0 = the first).
    pub requests: u32,
    /// Not reported: the authentication state with the origin and the proxy, which the
    /// handle's next transfer starts from (libcurl's `state.authhost/authproxy`).
    pub auth: (crate::http::auth::AuthState, crate::http::auth::AuthState),
    /// Not reported: the built-in progress meter and the instant its seconds count from,
    /// which the handle's next transfer goes on with (the header is shown once, and a
    /// second already shown is not shown again), as libcurl's `progress` state.
    pub meter: Option<(crate::progress_meter::Meter, std::time::Instant)>,
    /// The connection the last transfer left in the pool, for `CURLINFO_LASTSOCKET`.
    pub last_conn: Option<LastConn>,
}

/// A connection a transfer left open in a pool.
#[derive(Clone, Debug)]
pub struct LastConn {
    pub id: u64,
    pub fd: std::os::fd::RawFd,
    pub pool: crate::share::WeakSlot<crate::engine::pool::Pool>,
    /// The pool is a multi's (not `curl_easy_perform`'s own): it counts only while the
    /// handle is in that multi, as in libcurl.
    pub in_multi: bool,
}

impl LastConn {
    /// The socket, while the connection is still kept in its pool.
    pub fn socket(&self) -> Option<std::os::fd::RawFd> {
        let pool = self.pool.upgrade()?;
        pool.with(|p| p.holds(self.id)).then_some(self.fd)
    }
}

impl Info {
    /// The state before a transfer starts: libcurl resets most values per perform.
    pub fn fresh() -> Self {
        Info {
            content_length_download: -1,
            content_length_upload: -1,
            filetime: -1,
            ..Info::default()
        }
    }

    /// Bytes per second over the whole transfer, as libcurl computes its averages.
    pub fn speed(bytes: u64, total: Duration) -> u64 {
        let us = total.as_micros();
        if us == 0 {
            return bytes;
        }
        ((bytes as u128 * 1_000_000) / us) as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_lines_for_the_header_api() {
        let h =
            HeaderEntry::parse(b"X-Spaces:  in  between  \r\n", HeaderOrigin::Header, 1).unwrap();
        assert_eq!(
            (h.name.as_str(), h.value.as_str(), h.request),
            ("X-Spaces", "in  between", 1)
        );
        let value = |line: &[u8]| {
            HeaderEntry::parse(line, HeaderOrigin::Header, 0)
                .unwrap()
                .value
        };
        assert_eq!(value(b"X-Empty:\r\n"), "\r");
        assert_eq!(value(b"X-Bare:"), "");
        assert_eq!(value(b"X-Blanks:   \r\n"), "\r");
        assert!(HeaderEntry::parse(b"\r\n", HeaderOrigin::Header, 0).is_none());
        assert!(HeaderEntry::parse(b" folded\r\n", HeaderOrigin::Header, 0).is_none());
        assert!(HeaderEntry::parse(b"no colon\r\n", HeaderOrigin::Header, 0).is_none());
    }
}
