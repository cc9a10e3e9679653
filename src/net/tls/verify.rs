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
use rustls::{CertificateError, DigitallySignedStruct, OtherError, SignatureScheme};

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
    /// `SSL_VERIFYSTATUS`: a stapled OCSP response must show the certificate good.
    verify_status: bool,
    algorithms: WebPkiSupportedAlgorithms,
}

impl Verifier {
    pub fn new(
        chain: Option<Chain>,
        verify_host: bool,
        verify_status: bool,
        algorithms: WebPkiSupportedAlgorithms,
    ) -> Self {
        Verifier {
            chain,
            verify_host,
            verify_status,
            algorithms,
        }
    }

    /// The stapled OCSP response's check, after the others (`SSL_VERIFYSTATUS`).
    fn check_status(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        if self.verify_status {
            let chain: Vec<&[u8]> = intermediates.iter().map(|c| c.as_ref()).collect();
            let now = now.as_secs() as i64;
            super::ocsp::check(ocsp_response, end_entity, &chain, now, self.chain.is_some())
                .map_err(|mut e| {
                    let sent: Vec<CertificateDer<'_>> = std::iter::once(end_entity)
                        .chain(intermediates)
                        .map(|c| CertificateDer::from(c.as_ref()))
                        .collect();
                    e.1 = self.verify_result(&sent);
                    let e = OtherError(Arc::new(e));
                    rustls::Error::InvalidCertificate(CertificateError::Other(e))
                })?;
        }
        Ok(ServerCertVerified::assertion())
    }

    /// `CURLINFO_SSL_VERIFYRESULT` after a handshake that passed: 0 when the peer was
    /// verified. Without verification, OpenSSL (with no CAs loaded) reports a
    /// self-signed certificate (18), a self-signed certificate ending the chain sent (19)
    /// or a missing issuer (20), and so do we.
    pub fn verify_result(&self, chain: &[CertificateDer<'_>]) -> i64 {
        if self.chain.is_some() {
            return 0;
        }
        let self_signed = |c: Option<&CertificateDer<'_>>| {
            c.and_then(|c| webpki::EndEntityCert::try_from(c).ok())
                .is_some_and(|c| c.issuer() == c.subject())
        };
        if self_signed(chain.first()) {
            18
        } else if chain.len() > 1 && self_signed(chain.last()) {
            19
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
            return self.check_status(end_entity, intermediates, ocsp_response, now);
        };
        if chain.trusted.contains(end_entity.as_ref()) {
            self.check_name(end_entity, server_name)?;
            return self.check_status(end_entity, intermediates, ocsp_response, now);
        }
        // The name is checked last, after the chain: its failure alone can be waived.
        match chain.verifier.verify_server_cert(
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        ) {
            Err(e) if !self.verify_host && is_name_error(&e) => {}
            Err(e) => return Err(e),
            Ok(_) => {}
        }
        self.check_status(end_entity, intermediates, ocsp_response, now)
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
