//! The TLS options' rules as 7.88.1 applies them in `curl_easy_setopt`, and the facts our
//! library reports about its TLS backend (`curl_version_info`, `curl_global_sslset`,
//! `curl_easy_getinfo`). Pure functions and constants; the C side is in `setopt`, `global`
//! and `getinfo`.

use std::ffi::{c_int, c_long, CStr};

use super::abi::{curl_sslbackend, curl_sslversion, curl_sslversion_max};
use crate::options::SslVersion;

/// The rustls release the library is built with, as a literal (for `concat!`). A unit test
/// keeps it equal to the version in `Cargo.lock`.
macro_rules! rustls_version {
    () => {
        "0.23.46"
    };
}
pub(crate) use rustls_version;

/// `curl_version_info()->ssl_version`, NUL-terminated.
pub(crate) const SSL_VERSION: &str = concat!("rustls/", rustls_version!(), "\0");

/// The CA bundle and directory Debian's libcurl is built with (`--with-ca-bundle`,
/// `--with-ca-path`): what `CURLINFO_CAINFO`/`CURLINFO_CAPATH` and `curl_version_info`'s
/// `cainfo`/`capath` report.
pub(crate) use crate::net::tls::DEFAULT_CA_BUNDLE;
pub(crate) const DEFAULT_CA_PATH: &CStr = c"/etc/ssl/certs";

/// Our backend as `curl_global_sslset` lists it and `CURLINFO_TLS_SSL_PTR` reports it.
pub(crate) const BACKEND_ID: curl_sslbackend = curl_sslbackend::CURLSSLBACKEND_RUSTLS;
pub(crate) const BACKEND_NAME: &CStr = c"rustls";

/// The backends of the two libraries we stand in for: Debian's `libcurl.so.4` is built with
/// OpenSSL, `libcurl-gnutls.so.4` with GnuTLS, and programs built against either (pycurl)
/// ask `curl_global_sslset` for theirs and refuse to start otherwise. Our one backend
/// answers for both: what such a program asks for is that TLS works, and rustls needs none
/// of the locking setup those libraries' callers do for OpenSSL or GnuTLS.
const STAND_IN: [(curl_sslbackend, &[u8]); 2] = [
    (curl_sslbackend::CURLSSLBACKEND_OPENSSL, b"openssl"),
    (curl_sslbackend::CURLSSLBACKEND_GNUTLS, b"gnutls"),
];

/// `CURLOPT_SSLVERSION` (and `CURLOPT_PROXY_SSLVERSION`) as 7.88.1 reads it: the minimum
/// is the low 16 bits, the maximum the next 16 (bits above 32 are ignored, as C's
/// `arg & 0xffff0000` does). `None` (`CURLE_BAD_FUNCTION_ARGUMENT`) for SSLv2, SSLv3, a
/// minimum from `CURL_SSLVERSION_LAST` on, or a maximum from `CURL_SSLVERSION_MAX_LAST` on.
/// The maximum is kept shifted down: 0 is `CURL_SSLVERSION_MAX_NONE`, 1 `_MAX_DEFAULT`,
/// 4 to 7 `_MAX_TLSv1_0` to `_MAX_TLSv1_3` (2 and 3 are accepted too, as 7.88.1 does).
pub(crate) fn ssl_version(value: c_long) -> Option<SslVersion> {
    let min = value & 0xffff;
    let max = value & 0xffff_0000;
    let refused = min == curl_sslversion::CURL_SSLVERSION_SSLv2 as c_long
        || min == curl_sslversion::CURL_SSLVERSION_SSLv3 as c_long
        || min >= curl_sslversion::CURL_SSLVERSION_LAST as c_long
        || max >= curl_sslversion_max::CURL_SSLVERSION_MAX_LAST as c_long;
    if refused {
        return None;
    }
    Some(SslVersion {
        min: min as u8,
        max: (max >> 16) as u8,
    })
}

/// `CURLOPT_SSL_VERIFYHOST` as 7.88.1 reads it: any value is accepted, and the name is
/// checked when either of the two low bits is set (so 1 acts as 2, and 4 turns it off).
pub(crate) fn verify_host(value: c_long) -> bool {
    value & 3 != 0
}

/// Whether `curl_global_sslset(id, name, ...)` selects our backend: our id or name
/// (case-insensitive, as libcurl compares), the OpenSSL or GnuTLS id or name we stand in
/// for, or "any backend" (-1 with no name). 7.88.1 built with one backend answers
/// `CURLSSLSET_UNKNOWN_BACKEND` to -1 with no name; we answer OK, since there is nothing
/// else to choose.
pub(crate) fn sslset_selects_us(id: c_int, name: Option<&[u8]>) -> bool {
    if id == -1 && name.is_none() {
        return true;
    }
    let id_matches =
        id == BACKEND_ID as c_int || STAND_IN.iter().any(|&(sid, _)| id == sid as c_int);
    let name_matches = name.is_some_and(|n| {
        n.eq_ignore_ascii_case(BACKEND_NAME.to_bytes())
            || STAND_IN
                .iter()
                .any(|&(_, sname)| n.eq_ignore_ascii_case(sname))
    });
    id_matches || name_matches
}

#[cfg(test)]
mod tests {
    use super::*;

    const RUSTLS_VERSION: &str = rustls_version!();

    fn v(min: u8, max: u8) -> Option<SslVersion> {
        Some(SslVersion { min, max })
    }

    #[test]
    fn sslversion_splits_minimum_and_maximum() {
        assert_eq!(ssl_version(0), v(0, 0));
        assert_eq!(ssl_version(1), v(1, 0));
        assert_eq!(ssl_version(6), v(6, 0));
        assert_eq!(ssl_version(7), v(7, 0));
        // CURL_SSLVERSION_TLSv1_2 | CURL_SSLVERSION_MAX_TLSv1_3
        assert_eq!(ssl_version(6 | 7 << 16), v(6, 7));
        // CURL_SSLVERSION_MAX_DEFAULT alone
        assert_eq!(ssl_version(1 << 16), v(0, 1));
        // Unnamed maximums below MAX_LAST pass, as in 7.88.1.
        assert_eq!(ssl_version(2 << 16), v(0, 2));
        assert_eq!(ssl_version(3 << 16), v(0, 3));
        // Bits above 32 are not looked at.
        assert_eq!(ssl_version(1 << 32 | 6), v(6, 0));
    }

    #[test]
    fn sslversion_refuses_what_7_88_1_refuses() {
        for bad in [
            2,                // SSLv2
            3,                // SSLv3
            8,                // CURL_SSLVERSION_LAST
            0xffff,           // a minimum far out
            8 << 16,          // CURL_SSLVERSION_MAX_LAST
            8 << 16 | 6,      // MAX_LAST with a good minimum
            0x7fff << 16,     // a maximum far out
            0xffff_0000,      // all maximum bits
            -1,               // every bit
            -65536,           // every maximum bit, minimum 0
            1 << 32 | 0xffff, // a bad minimum under high bits
        ] {
            assert_eq!(ssl_version(bad), None, "{bad:#x}");
        }
    }

    #[test]
    fn verifyhost_looks_at_the_two_low_bits() {
        assert!(!verify_host(0));
        assert!(verify_host(1));
        assert!(verify_host(2));
        assert!(verify_host(3));
        assert!(!verify_host(4));
        assert!(verify_host(5));
        assert!(verify_host(-1));
        assert!(!verify_host(1 << 16));
    }

    #[test]
    fn sslset_selects_our_backend_and_the_one_we_stand_in_for() {
        assert!(sslset_selects_us(-1, None));
        assert!(sslset_selects_us(-1, Some(b"rustls")));
        assert!(sslset_selects_us(-1, Some(b"RusTLS")));
        assert!(sslset_selects_us(-1, Some(b"openssl")));
        assert!(sslset_selects_us(-1, Some(b"OpenSSL")));
        assert!(sslset_selects_us(14, None));
        assert!(sslset_selects_us(1, None));
        assert!(sslset_selects_us(-1, Some(b"gnutls")));
        assert!(sslset_selects_us(-1, Some(b"GnuTLS")));
        assert!(sslset_selects_us(2, None));
        // The id matches: the name is not looked at (as libcurl's `||`).
        assert!(sslset_selects_us(14, Some(b"nss")));
        assert!(!sslset_selects_us(-1, Some(b"")));
        assert!(!sslset_selects_us(-1, Some(b"rustls-ffi")));
        assert!(!sslset_selects_us(0, None));
        assert!(!sslset_selects_us(3, Some(b"nss")));
    }

    #[test]
    fn the_backend_numbers_are_7_88_1s() {
        assert_eq!(BACKEND_ID as c_int, 14);
        assert_eq!(STAND_IN[0].0 as c_int, 1);
        assert_eq!(STAND_IN[1].0 as c_int, 2);
    }

    /// The version we report is the one Cargo.lock pins.
    #[test]
    fn rustls_version_matches_cargo_lock() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.lock");
        let lock = std::fs::read_to_string(path).expect("Cargo.lock");
        let mut locked = Vec::new();
        let mut in_rustls = false;
        for line in lock.lines() {
            let line = line.trim();
            if line == "[[package]]" {
                in_rustls = false;
            } else if line == "name = \"rustls\"" {
                in_rustls = true;
            } else if in_rustls {
                if let Some(v) = line.strip_prefix("version = \"") {
                    locked.push(v.trim_end_matches('"').to_string());
                    in_rustls = false;
                }
            }
        }
        assert_eq!(
            locked,
            [RUSTLS_VERSION],
            "set rustls_version!() in src/capi/tls_opts.rs to the rustls version in Cargo.lock"
        );
        assert_eq!(SSL_VERSION, format!("rustls/{RUSTLS_VERSION}\0"));
    }
}
