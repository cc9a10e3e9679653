//! TLS over a connected socket, with rustls: the client configuration a transfer's
//! `TlsOptions` ask for (`config`: trust, client certificate, versions, ciphers), the
//! certificate check as libcurl makes it (`verify`), public key pinning (`pin`), the key
//! exchange groups (`groups`), the issuer check (`issuer`), the stapled OCSP response's
//! check (`ocsp`) and the certificate details (`certinfo`), all on `x509`, and the
//! non-blocking session that the connection's stream reads and writes through (`session`).
//!
//! Configurations are built once per set of options and kept (`TlsCache`): loading a CA
//! bundle costs milliseconds, and a configuration carries the session cache that lets later
//! connections resume.

mod certinfo;
mod config;
mod groups;
mod issuer;
mod ocsp;
mod pin;
mod session;
mod verify;
mod x509;

use std::collections::HashMap;
use std::sync::Arc;

use rustls::ClientConfig;

use crate::error::Result;
use crate::options::TlsOptions;

pub use certinfo::{chain_info, server_cert_lines};
pub use issuer::check_issuer;
pub use pin::check_pinned_key;
pub use session::{Handshake, TlsSession, Want};

/// The CA bundle of Debian's libcurl, used when `CURLOPT_CAINFO` is not set (and reported
/// as `CURLINFO_CAINFO`).
pub const DEFAULT_CA_BUNDLE: &std::ffi::CStr = c"/etc/ssl/certs/ca-certificates.crt";

/// A client configuration and its certificate check.
#[derive(Clone)]
pub struct TlsSetup {
    pub config: Arc<ClientConfig>,
    verifier: Arc<verify::Verifier>,
}

/// Client configurations by the options they were built from.
#[derive(Default)]
pub struct TlsCache {
    configs: HashMap<TlsOptions, TlsSetup>,
}

impl TlsCache {
    /// The configuration for `opts`, built on first use.
    pub fn config(&mut self, opts: &TlsOptions) -> Result<TlsSetup> {
        if let Some(c) = self.configs.get(opts) {
            return Ok(c.clone());
        }
        let (config, verifier) = config::build(opts)?;
        let setup = TlsSetup {
            config: Arc::new(config),
            verifier,
        };
        self.configs.insert(opts.clone(), setup.clone());
        Ok(setup)
    }
}
