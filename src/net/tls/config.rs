//! A rustls client configuration from a transfer's TLS options: the trusted CAs (bundle,
//! directory, blob; CRLs), the client certificate, the protocol versions and the cipher
//! suites. Errors carry libcurl's codes (`CURLE_SSL_CACERT_BADFILE`, `CURLE_SSL_CERTPROBLEM`,
//! `CURLE_SSL_CIPHER`, ...).

use std::collections::HashSet;
use std::sync::Arc;

use rustls::client::{Resumption, WebPkiServerVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, CertificateRevocationListDer, PrivateKeyDer};
use rustls::{ClientConfig, RootCertStore, SupportedCipherSuite, SupportedProtocolVersion};

use super::verify::{Chain, Verifier};
use super::DEFAULT_CA_BUNDLE;
use crate::error::{Code, Error, Result};
use crate::options::{Source, TlsOptions};

/// `CURL_SSLVERSION_*` numbers.
const SSLV2: u8 = 2;
const SSLV3: u8 = 3;
const TLSV1_2: u8 = 6;
const TLSV1_3: u8 = 7;
/// `CURLSSLOPT_NO_REVOKE`: no revocation checks.
const NO_REVOKE: u64 = 2;

pub fn build(opts: &TlsOptions) -> Result<(ClientConfig, Arc<Verifier>)> {
    let versions = versions(opts)?;
    let mut provider = rustls::crypto::ring::default_provider();
    provider.cipher_suites = cipher_suites(opts, &provider.cipher_suites)?;
    if let Some(list) = &opts.curves {
        provider.kx_groups = super::groups::select(list, &provider.kx_groups)?;
    }
    let provider = Arc::new(provider);
    let algorithms = provider.signature_verification_algorithms;
    // Without peer verification no CAs are loaded, as in libcurl's OpenSSL backend.
    let chain = if opts.verify_peer {
        Some(chain_verifier(opts, provider.clone())?)
    } else {
        None
    };
    let verifier = Arc::new(Verifier::new(
        chain,
        opts.verify_host,
        opts.verify_status,
        algorithms,
    ));
    let builder = ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(&versions)
        .map_err(|e| Error::new(Code::SslCipher, format!("failed setting cipher list: {e}")))?
        .dangerous()
        .with_custom_certificate_verifier(verifier.clone());
    let mut config = match client_identity(opts)? {
        Some((chain, key)) => builder.with_client_auth_cert(chain, key).map_err(|e| {
            Error::new(
                Code::SslCertproblem,
                format!("unable to use client certificate: {e}"),
            )
        })?,
        None => builder.with_no_client_auth(),
    };
    if opts.alpn {
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
    }
    if !opts.session_cache {
        config.resumption = Resumption::disabled();
    }
    Ok((config, verifier))
}

/// `CURLOPT_SSLVERSION`: the `CURL_SSLVERSION_TLSv1_x` values are minimums, met by TLS 1.2
/// and 1.3 (all rustls speaks); a maximum below 1.2 leaves nothing to speak.
fn versions(opts: &TlsOptions) -> Result<Vec<&'static SupportedProtocolVersion>> {
    let (min, max) = (opts.version.min, opts.version.max);
    if min == SSLV2 || min == SSLV3 {
        return Err(Error::new(
            Code::NotBuiltIn,
            "rustls does not support SSLv2 or SSLv3",
        ));
    }
    let min = min.max(TLSV1_2);
    // 0 (none) and 1 (default) leave the maximum open.
    let max = if max <= 1 { TLSV1_3 } else { max };
    let mut list = Vec::new();
    if min <= TLSV1_2 && max >= TLSV1_2 {
        list.push(&rustls::version::TLS12);
    }
    if min <= TLSV1_3 && max >= TLSV1_3 {
        list.push(&rustls::version::TLS13);
    }
    if list.is_empty() {
        return Err(Error::new(
            Code::SslConnectError,
            "TLS versions below 1.2 are not supported; CURLOPT_SSLVERSION leaves none to use",
        ));
    }
    Ok(list)
}

/// The suites `SSL_CIPHER_LIST` (TLS 1.2) and `TLS13_CIPHERS` (TLS 1.3) choose, by their
/// standard or OpenSSL names. As with OpenSSL, names that match nothing are passed over and
/// keywords (`DEFAULT`, `HIGH`, `!aNULL`, ...) keep the defaults; a list that selects nothing
/// at all fails with `CURLE_SSL_CIPHER`.
fn cipher_suites(
    opts: &TlsOptions,
    all: &[SupportedCipherSuite],
) -> Result<Vec<SupportedCipherSuite>> {
    let is13 = |s: &SupportedCipherSuite| matches!(s, SupportedCipherSuite::Tls13(_));
    let (v13, v12): (Vec<_>, Vec<_>) = all.iter().copied().partition(is13);
    let mut chosen = pick(opts.tls13_ciphers.as_deref(), &v13)?;
    chosen.extend(pick(opts.cipher_list.as_deref(), &v12)?);
    Ok(chosen)
}

fn pick(list: Option<&str>, suites: &[SupportedCipherSuite]) -> Result<Vec<SupportedCipherSuite>> {
    let Some(list) = list else {
        return Ok(suites.to_vec());
    };
    let mut chosen = Vec::new();
    let mut keyword = false;
    for name in list.split([':', ',', ' ']).filter(|n| !n.is_empty()) {
        match suites.iter().find(|s| suite_named(s, name)) {
            Some(s) if !chosen.contains(s) => chosen.push(*s),
            Some(_) => {}
            None => keyword |= is_keyword(name),
        }
    }
    if chosen.is_empty() && keyword {
        return Ok(suites.to_vec());
    }
    if chosen.is_empty() {
        return Err(Error::new(
            Code::SslCipher,
            format!("failed setting cipher list: {list}"),
        ));
    }
    Ok(chosen)
}

/// OpenSSL's cipher-string keywords and operators rather than suite names.
fn is_keyword(name: &str) -> bool {
    name.starts_with(['!', '-', '+', '@'])
        || name
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// A suite by its IANA name (`TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256`, `TLS_AES_128_GCM_SHA256`)
/// or OpenSSL's (`ECDHE-RSA-AES128-GCM-SHA256`).
fn suite_named(suite: &SupportedCipherSuite, name: &str) -> bool {
    let iana = format!("{:?}", suite.suite());
    let plain = iana.replacen("TLS13_", "TLS_", 1);
    let openssl = iana
        .trim_start_matches("TLS_")
        .replace("_WITH_", "_")
        .replace("AES_128", "AES128")
        .replace("AES_256", "AES256")
        .replace("CHACHA20_POLY1305_SHA256", "CHACHA20_POLY1305")
        .replace('_', "-");
    [iana.as_str(), plain.as_str(), openssl.as_str()]
        .iter()
        .any(|n| n.eq_ignore_ascii_case(name))
}

/// The chain check: the CAs from `CAINFO` (or its blob, or the default bundle) and
/// `CAPATH`, with `CRLFILE`'s revocation lists.
fn chain_verifier(opts: &TlsOptions, provider: Arc<CryptoProvider>) -> Result<Chain> {
    let mut roots = Roots::default();
    match (&opts.ca.blob, &opts.ca.file) {
        (Some(blob), _) => {
            let added = add_pem_certs(&mut roots, blob);
            if added == 0 {
                return Err(Error::new(
                    Code::SslCacertBadfile,
                    "error importing CA certificate blob",
                ));
            }
        }
        (None, file) => {
            let default = DEFAULT_CA_BUNDLE.to_str().unwrap_or_default();
            let path = file.as_deref().unwrap_or(default);
            let added = std::fs::read(path).map_or(0, |b| add_pem_certs(&mut roots, &b));
            // A missing default bundle is no error while CAPATH may still provide CAs.
            if added == 0 && (file.is_some() || opts.ca_path.is_none()) {
                return Err(Error::new(
                    Code::SslCacertBadfile,
                    format!("error setting certificate file: {path}"),
                ));
            }
        }
    }
    if let Some(dir) = &opts.ca_path {
        let entries = std::fs::read_dir(dir).map_err(|_| {
            Error::new(
                Code::SslCacertBadfile,
                format!("error setting certificate path: {dir}"),
            )
        })?;
        for entry in entries.flatten() {
            if let Ok(bytes) = std::fs::read(entry.path()) {
                add_pem_certs(&mut roots, &bytes);
            }
        }
    }
    let Roots { store, trusted } = roots;
    let mut builder = WebPkiServerVerifier::builder_with_provider(Arc::new(store), provider);
    if let Some(file) = opts
        .crl_file
        .as_ref()
        .filter(|_| opts.ssl_options & NO_REVOKE == 0)
    {
        builder = builder.with_crls(load_crls(file)?);
    }
    let verifier = builder.build().map_err(|e| {
        Error::new(
            Code::SslCacertBadfile,
            format!("error setting certificate verify locations: {e}"),
        )
    })?;
    Ok(Chain { verifier, trusted })
}

struct Roots {
    store: RootCertStore,
    trusted: HashSet<Vec<u8>>,
}

impl Default for Roots {
    fn default() -> Self {
        Roots {
            store: RootCertStore::empty(),
            trusted: HashSet::new(),
        }
    }
}

/// Adds the PEM certificates in `bytes`; how many were taken.
fn add_pem_certs(roots: &mut Roots, bytes: &[u8]) -> usize {
    let mut added = 0;
    for cert in CertificateDer::pem_slice_iter(bytes).flatten() {
        if roots.store.add(cert.clone()).is_ok() {
            roots.trusted.insert(cert.as_ref().to_vec());
            added += 1;
        }
    }
    added
}

fn load_crls(file: &str) -> Result<Vec<CertificateRevocationListDer<'static>>> {
    let bad = || {
        Error::new(
            Code::SslCrlBadfile,
            format!("error loading CRL file: {file}"),
        )
    };
    let bytes = std::fs::read(file).map_err(|_| bad())?;
    let crls: Vec<_> = CertificateRevocationListDer::pem_slice_iter(&bytes)
        .collect::<std::result::Result<_, _>>()
        .map_err(|_| bad())?;
    if crls.is_empty() {
        return Err(bad());
    }
    Ok(crls)
}

type Identity = (Vec<CertificateDer<'static>>, PrivateKeyDer<'static>);

/// `SSLCERT`/`SSLKEY` (files or blobs, PEM or DER). Without `SSLKEY` the key is looked for
/// in the certificate's PEM, as libcurl does.
fn client_identity(opts: &TlsOptions) -> Result<Option<Identity>> {
    if !opts.cert.is_set() {
        return Ok(None);
    }
    let cert_type = file_type(opts.cert_type.as_deref(), "certificate")?;
    let cert_bytes = read_source(&opts.cert, "certificate")?;
    let cert_name = source_name(&opts.cert);
    let chain: Vec<CertificateDer<'static>> = if cert_type == FileType::Der {
        vec![CertificateDer::from(cert_bytes.clone())]
    } else {
        CertificateDer::pem_slice_iter(&cert_bytes)
            .collect::<std::result::Result<_, _>>()
            .unwrap_or_default()
    };
    if chain.is_empty() {
        return Err(Error::new(
            Code::SslCertproblem,
            format!("could not load {cert_type:?} client certificate from {cert_name}"),
        ));
    }
    let (key_source, key_type) = if opts.key.is_set() {
        (
            &opts.key,
            file_type(opts.key_type.as_deref(), "private key")?,
        )
    } else {
        (&opts.cert, cert_type)
    };
    let key_bytes = read_source(key_source, "private key")?;
    let key = match key_type {
        FileType::Der => PrivateKeyDer::try_from(key_bytes.clone()).ok(),
        FileType::Pem => PrivateKeyDer::from_pem_slice(&key_bytes).ok(),
    };
    let Some(key) = key else {
        let encrypted = key_bytes
            .windows(9)
            .any(|w| w == b"ENCRYPTED" || w == b"Proc-Type");
        let why = if encrypted {
            " (encrypted private keys are not supported)"
        } else {
            ""
        };
        return Err(Error::new(
            Code::SslCertproblem,
            format!(
                "unable to set private key file: '{}' type {key_type:?}{why}",
                source_name(key_source)
            ),
        ));
    };
    Ok(Some((chain, key)))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FileType {
    Pem,
    Der,
}

fn file_type(name: Option<&str>, what: &str) -> Result<FileType> {
    match name {
        None => Ok(FileType::Pem),
        Some(n) if n.eq_ignore_ascii_case("PEM") => Ok(FileType::Pem),
        Some(n) if n.eq_ignore_ascii_case("DER") => Ok(FileType::Der),
        Some(n) => Err(Error::new(
            Code::SslCertproblem,
            format!("not supported file type '{n}' for {what}"),
        )),
    }
}

fn read_source(source: &Source, what: &str) -> Result<Vec<u8>> {
    if let Some(blob) = &source.blob {
        return Ok(blob.to_vec());
    }
    let file = source.file.as_deref().unwrap_or_default();
    std::fs::read(file).map_err(|_| {
        Error::new(
            Code::SslCertproblem,
            format!("could not load {what} file {file}"),
        )
    })
}

fn source_name(source: &Source) -> String {
    match (&source.blob, &source.file) {
        (Some(_), _) => "(memory blob)".into(),
        (None, Some(f)) => f.clone(),
        (None, None) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::SslVersion;

    fn with_version(min: u8, max: u8) -> TlsOptions {
        TlsOptions {
            version: SslVersion { min, max },
            ..TlsOptions::default()
        }
    }

    #[test]
    fn ssl_versions_are_minimums_and_maximums() {
        let names = |min, max| {
            versions(&with_version(min, max)).map(|v| {
                v.iter()
                    .map(|v| format!("{:?}", v.version))
                    .collect::<Vec<_>>()
            })
        };
        let both = Ok(vec!["TLSv1_2".to_string(), "TLSv1_3".to_string()]);
        // DEFAULT, TLSv1, TLSv1_0, TLSv1_1, TLSv1_2: met by 1.2 and 1.3.
        for min in [0, 1, 4, 5, 6] {
            assert_eq!(names(min, 0), both, "min {min}");
        }
        assert_eq!(names(7, 0), Ok(vec!["TLSv1_3".to_string()]));
        assert_eq!(names(0, 6), Ok(vec!["TLSv1_2".to_string()]));
        assert_eq!(names(0, 1), both);
        for max in [4, 5] {
            assert_eq!(names(0, max).unwrap_err().code, Code::SslConnectError);
        }
        assert_eq!(names(7, 6).unwrap_err().code, Code::SslConnectError);
        assert_eq!(names(3, 0).unwrap_err().code, Code::NotBuiltIn);
    }

    #[test]
    fn cipher_names_standard_and_openssl() {
        let all = rustls::crypto::ring::default_provider().cipher_suites;
        let named = |list: &str| {
            pick(Some(list), &all).map(|v| {
                v.iter()
                    .map(|s| format!("{:?}", s.suite()))
                    .collect::<Vec<_>>()
            })
        };
        assert_eq!(
            named("ECDHE-RSA-AES128-GCM-SHA256").unwrap(),
            ["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"]
        );
        assert_eq!(
            named("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384:ecdhe-rsa-chacha20-poly1305").unwrap(),
            [
                "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"
            ]
        );
        assert_eq!(
            named("TLS_AES_128_GCM_SHA256").unwrap(),
            ["TLS13_AES_128_GCM_SHA256"]
        );
        // Unknown names are skipped while another matches; keywords keep the defaults.
        assert_eq!(named("BOGUS:ECDHE-RSA-AES256-GCM-SHA384").unwrap().len(), 1);
        assert_eq!(named("HIGH:!aNULL:!MD5").unwrap().len(), all.len());
        assert_eq!(named("bogus-cipher").unwrap_err().code, Code::SslCipher);
        assert_eq!(named("RC4-SHA").unwrap_err().code, Code::SslCipher);
    }

    #[test]
    fn bad_trust_files_are_cacert_errors() {
        let missing = TlsOptions {
            ca: Source {
                file: Some("/nonexistent/ca.pem".into()),
                blob: None,
            },
            ..TlsOptions::default()
        };
        assert_eq!(build(&missing).unwrap_err().code, Code::SslCacertBadfile);
        let junk = TlsOptions {
            ca: Source {
                file: None,
                blob: Some(Arc::from(&b"not a certificate"[..])),
            },
            ..TlsOptions::default()
        };
        assert_eq!(build(&junk).unwrap_err().code, Code::SslCacertBadfile);
        // Without peer verification the CA file is not read at all.
        let unverified = TlsOptions {
            verify_peer: false,
            ..missing
        };
        assert!(build(&unverified).is_ok());
    }

    #[test]
    fn client_certificate_problems() {
        let opts = TlsOptions {
            verify_peer: false,
            cert: Source {
                file: Some("/nonexistent/client.pem".into()),
                blob: None,
            },
            ..TlsOptions::default()
        };
        assert_eq!(build(&opts).unwrap_err().code, Code::SslCertproblem);
        let p12 = TlsOptions {
            cert_type: Some("P12".into()),
            ..opts
        };
        assert_eq!(build(&p12).unwrap_err().code, Code::SslCertproblem);
    }

    #[test]
    fn encrypted_keys_are_refused_clearly() {
        let cert = b"-----BEGIN CERTIFICATE-----\nMAMCAQE=\n-----END CERTIFICATE-----\n";
        let key = b"-----BEGIN ENCRYPTED PRIVATE KEY-----\nMAMCAQE=\n-----END ENCRYPTED PRIVATE KEY-----\n";
        let opts = TlsOptions {
            verify_peer: false,
            cert: Source {
                file: None,
                blob: Some(Arc::from(&cert[..])),
            },
            key: Source {
                file: None,
                blob: Some(Arc::from(&key[..])),
            },
            key_password: Some("secret".into()),
            ..TlsOptions::default()
        };
        let e = build(&opts).unwrap_err();
        assert_eq!(e.code, Code::SslCertproblem);
        assert!(
            e.message
                .contains("encrypted private keys are not supported"),
            "{}",
            e.message
        );
    }
}
