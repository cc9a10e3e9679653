//! TLS to the origin for https://: started once the connection (or the tunnel through a
//! proxy) is up, driven without blocking, then (in libcurl's order) its certificates noted
//! for `CURLINFO_CERTINFO`, checked against `CURLOPT_ISSUERCERT` and a pinned key before
//! the request goes out.

use std::time::Instant;

use super::{Interest, Phase, Step, Transfer, Watch};
use crate::engine::Shared;
use crate::error::Result;
use crate::net::tls::{
    chain_info, check_issuer, check_pinned_key, server_cert_lines, Handshake, TlsSession, Want,
    DEFAULT_CA_BUNDLE,
};

impl Transfer {
    /// The connection reaches the origin: TLS first where the URL asks for it.
    pub(super) fn connection_ready(&mut self, shared: &mut Shared, now: Instant) -> Result<()> {
        let Some(tls) = self.key.as_ref().and_then(|k| k.tls.clone()) else {
            self.open_pipe(shared);
            return self.start_request(now);
        };
        // As libcurl's OpenSSL backend: "not verified" until a handshake says otherwise.
        self.with_info(|i| i.ssl_verify_result = 1);
        let config = shared.tls.with(|c| c.config(&tls.options))?;
        let session = TlsSession::new(&config, &tls.server_name)?;
        if tls.options.alpn {
            self.verbose(|| "ALPN: offers http/1.1".into());
        }
        if tls.options.verify_peer && self.hooks.wants_debug() {
            // Where the CAs came from, as libcurl's OpenSSL backend says it; CAPATH is
            // "none" unless set, for only then is a directory searched.
            let o = &tls.options;
            let file = match (&o.ca.blob, &o.ca.file) {
                (Some(_), file) => {
                    self.verbose(|| "successfully imported CA certificate blob".into());
                    file.clone()
                }
                (None, Some(f)) => Some(f.clone()),
                (None, None) => Some(DEFAULT_CA_BUNDLE.to_string_lossy().into_owned()),
            };
            if file.is_some() || o.ca_path.is_some() {
                let none = || "none".to_string();
                let path = o.ca_path.clone();
                self.verbose(|| format!(" CAfile: {}", file.unwrap_or_else(none)));
                self.verbose(|| format!(" CApath: {}", path.unwrap_or_else(none)));
            }
        }
        let conn = self.conn.as_mut().expect("connected before TLS");
        conn.stream.start_tls(session);
        self.phase = Phase::TlsHandshake;
        Ok(())
    }

    /// Advances the handshake: `Ok(None)` once it is done and the peer passed every check.
    pub(super) fn tls_step(&mut self, now: Instant) -> Result<Option<Step>> {
        let conn = self.conn.as_mut().expect("connected during TLS");
        match conn.stream.handshake() {
            Ok(Handshake::Wait(want)) => {
                let interest = match want {
                    Want::Read => Interest::Read,
                    Want::Write => Interest::Write,
                };
                let watch = Watch {
                    fd: conn.stream.fd(),
                    id: conn.stream.id(),
                    interest,
                };
                return Ok(Some(self.wait(Some(watch), now)));
            }
            Ok(Handshake::Done) => {}
            Err((error, verify_result)) => {
                self.with_info(|i| i.ssl_verify_result = verify_result);
                return Err(error);
            }
        }
        let tls = conn.stream.tls().expect("TLS started");
        let (described, alpn) = (tls.describe(), tls.alpn());
        let leaf = tls.peer_leaf().cloned();
        let verify_result = tls.verify_result();
        // Collected only when asked for. They are the transfer's (libcurl clears them when
        // a transfer starts): one on a reused connection reports none.
        let certs = self.opts.certinfo.then(|| {
            let ders: Vec<&[u8]> = tls.peer_chain().iter().map(|c| c.as_ref()).collect();
            chain_info(&ders)
        });
        if let Some(certs) = certs {
            self.with_info(|i| i.certs = certs);
        }
        self.verbose(|| format!("SSL connection using {described}"));
        let alpn_http11 = alpn.as_deref() == Some("http/1.1");
        match alpn {
            Some(p) => self.verbose(|| format!("ALPN: server accepted {p}")),
            None => {
                self.verbose(|| "ALPN: server did not agree on a protocol. Uses default.".into())
            }
        }
        if self.hooks.wants_debug() {
            if let Some(leaf) = &leaf {
                self.verbose(|| "Server certificate:".into());
                let host = self.host.clone();
                for line in server_cert_lines(leaf, &host, self.opts.tls.verify_host) {
                    self.verbose(|| line);
                }
            }
        }
        // The issuer is checked before the verification result is in, the pin after, as in
        // libcurl.
        let t = &self.opts.tls;
        if t.issuer_cert.is_set() {
            check_issuer(
                &t.issuer_cert,
                leaf.as_ref(),
                t.verify_peer || t.verify_host,
            )?;
        }
        if self.hooks.wants_debug() && leaf.is_some() {
            let verify_peer = self.opts.tls.verify_peer;
            self.verbose(|| match verify_result {
                0 => " SSL certificate verify ok.".into(),
                n if !verify_peer => {
                    let text = match n {
                        18 => "self-signed certificate",
                        19 => "self-signed certificate in certificate chain",
                        _ => "unable to get local issuer certificate",
                    };
                    format!(" SSL certificate verify result: {text} ({n}), continuing anyway.")
                }
                n => format!(" SSL certificate verify result: ({n})"),
            });
        }
        self.with_info(|i| i.ssl_verify_result = verify_result);
        let pinned = self.opts.tls.pinned_key.clone();
        if let Some(pin) = pinned {
            check_pinned_key(&pin, leaf.as_ref())?;
        }
        let appconnect = self.stamp(now);
        self.with_info(|i| i.appconnect = appconnect);
        if self
            .key
            .as_ref()
            .and_then(|k| k.tls.as_ref())
            .is_some_and(|t| t.options.alpn)
        {
            // libcurl's HTTP connect filter, once TLS is up, names the version ALPN gave.
            let minor = if alpn_http11 { "1" } else { "x" };
            self.verbose(|| format!("using HTTP/1.{minor}"));
        }
        Ok(None)
    }
}
