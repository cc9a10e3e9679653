//! TLS to the origin for https://: started once the connection (or the tunnel through a
//! proxy) is up, driven without blocking, then (in libcurl's order) its certificates noted
//! for `CURLINFO_CERTINFO`, checked against `CURLOPT_ISSUERCERT` and a pinned key before
//! the request goes out.

use std::time::Instant;

use super::{Interest, Phase, Step, Transfer, Watch};
use crate::engine::Shared;
use crate::error::Result;
use crate::net::tls::{chain_info, check_issuer, check_pinned_key, Handshake, TlsSession, Want};

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
        match alpn {
            Some(p) => self.verbose(|| format!("ALPN: server accepted {p}")),
            None => {
                self.verbose(|| "ALPN: server did not agree on a protocol. Uses default.".into())
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
        self.with_info(|i| i.ssl_verify_result = verify_result);
        let pinned = self.opts.tls.pinned_key.clone();
        if let Some(pin) = pinned {
            check_pinned_key(&pin, leaf.as_ref())?;
        }
        let appconnect = self.stamp(now);
        self.with_info(|i| i.appconnect = appconnect);
        Ok(None)
    }
}
