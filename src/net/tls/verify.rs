//! The server certificate check with libcurl's two switches: `SSL_VERIFYPEER` (the chain up
//! to a trusted CA, dates, revocation) and `SSL_VERIFYHOST` (the name), each of which can be
//! off without the other, as with libcurl's OpenSSL backend. The handshake's signatures are
//! always checked: they prove the peer holds the certificate's key.

use std::collections::HashSet;
use std::sync::Arc;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::crypto::WebPkiSupportedAlgorithms;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, SignatureScheme};

/// The chain check: the verifier, and the trusted certificates themselves.
#[derive(Debug)]
pub struct Chain {
    pub verifier: Arc<WebPkiServerVerifier>,
    /// A server certificate that is itself one of these is trusted as it stands, as
    /// OpenSSL trusts it: a self-signed certificate given as `CAINFO` is common.
    pub trusted: HashSet<Vec<u8>>,
}

#[derive(Debug)]
pub struct Verifier {
    /// None when `SSL_VERIFYPEER` is off.
    chain: Option<Chain>,
    verify_host: bool,
    algorithms: WebPkiSupportedAlgorithms,
}

impl Verifier {
    pub fn new(
        chain: Option<Chain>,
        verify_host: bool,
        algorithms: WebPkiSupportedAlgorithms,
    ) -> Self {
        Verifier {
            chain,
            verify_host,
            algorithms,
        }
    }

    /// `CURLINFO_SSL_VERIFYRESULT` after a handshake that passed: 0 when the peer was
    /// verified. Without verification, OpenSSL (with no CAs loaded) reports a
    /// self-signed certificate (18) or a missing issuer (20), and so do we.
    pub fn verify_result(&self, leaf: Option<&CertificateDer<'_>>) -> i64 {
        if self.chain.is_some() {
            return 0;
        }
        let self_signed = leaf
            .and_then(|l| webpki::EndEntityCert::try_from(l).ok())
            .is_some_and(|c| c.issuer() == c.subject());
        if self_signed {
            18
        } else {
            20
        }
    }

    fn check_name(
        &self,
        end_entity: &CertificateDer<'_>,
        name: &ServerName<'_>,
    ) -> Result<(), rustls::Error> {
        if self.verify_host {
            let cert = rustls::server::ParsedCertificate::try_from(end_entity)?;
            rustls::client::verify_server_name(&cert, name)?;
        }
        Ok(())
    }
}

/// A certificate problem as libcurl's OpenSSL backend words it, with OpenSSL's
/// `X509_V_ERR_*` number, which applications compare `CURLINFO_SSL_VERIFYRESULT` with.
pub fn problem(e: &CertificateError) -> (String, i64) {
    let (text, code) = match e {
        CertificateError::UnknownIssuer => ("unable to get local issuer certificate", 20),
        CertificateError::Expired | CertificateError::ExpiredContext { .. } => {
            ("certificate has expired", 10)
        }
        CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
            ("certificate is not yet valid", 9)
        }
        CertificateError::Revoked => ("certificate revoked", 23),
        CertificateError::UnknownRevocationStatus => ("unable to get certificate CRL", 3),
        // webpki's word for a self-signed server certificate that is not trusted.
        CertificateError::Other(o) if format!("{o:?}").contains("CaUsedAsEndEntity") => {
            ("self-signed certificate", 18)
        }
        other => return (format!("SSL certificate problem: {other}"), 1),
    };
    (format!("SSL certificate problem: {text}"), code)
}

fn is_name_error(e: &rustls::Error) -> bool {
    matches!(
        e,
        rustls::Error::InvalidCertificate(
            CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. }
        )
    )
}

impl ServerCertVerifier for Verifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let Some(chain) = &self.chain else {
            self.check_name(end_entity, server_name)?;
            return Ok(ServerCertVerified::assertion());
        };
        if chain.trusted.contains(end_entity.as_ref()) {
            self.check_name(end_entity, server_name)?;
            return Ok(ServerCertVerified::assertion());
        }
        // The name is checked last, after the chain: its failure alone can be waived.
        match chain.verifier.verify_server_cert(
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        ) {
            Err(e) if !self.verify_host && is_name_error(&e) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}
