//! `CURLOPT_ISSUERCERT(_BLOB)`: the server's certificate must have been issued by the one
//! given (PEM), checked after the handshake as libcurl 7.88.1's OpenSSL backend checks it:
//! whether or not the peer is verified, and with `X509_check_issued`'s rules (see `x509`).
//! Every failure is `CURLE_SSL_ISSUER_ERROR`; its text is left out, as libcurl leaves it
//! out, when neither the peer nor its name is verified.

use rustls::pki_types::CertificateDer;

use super::x509::{self, Cert};
use crate::error::{Code, Error, Result};
use crate::options::Source;

/// Checks the leaf against the issuer certificate in `source` (a blob wins over a file).
/// `strict`: the peer or its name is verified, so failures say why.
pub fn check_issuer(
    source: &Source,
    leaf: Option<&CertificateDer<'_>>,
    strict: bool,
) -> Result<()> {
    // libcurl prints the file option even when the blob is used; unset, "(nil)".
    let shown = source.file.as_deref().unwrap_or("(nil)");
    let fail = |what: &str| {
        if strict {
            Error::new(Code::SslIssuerError, format!("SSL: {what} ({shown})"))
        } else {
            Error::bare(Code::SslIssuerError)
        }
    };
    let bytes = match (&source.blob, &source.file) {
        (Some(blob), _) => blob.to_vec(),
        (None, Some(file)) => {
            std::fs::read(file).map_err(|_| fail("Unable to open issuer cert"))?
        }
        (None, None) => return Ok(()),
    };
    let pems = x509::pem_certificates(&bytes);
    let issuer = pems
        .first()
        .and_then(|der| Cert::parse(der))
        .ok_or_else(|| fail("Unable to read issuer cert"))?;
    let issued = leaf
        .and_then(|l| Cert::parse(l.as_ref()))
        .is_some_and(|cert| x509::check_issued(&issuer, &cert).is_none());
    if issued {
        Ok(())
    } else {
        Err(fail("Certificate issuer check failed"))
    }
}
