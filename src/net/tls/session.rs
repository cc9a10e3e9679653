//! A TLS session over a non-blocking socket. rustls holds encrypted output until the
//! socket takes it and decrypted input until the transfer reads it, so the stream asks
//! `wants_write` before it waits, and reads here before it trusts the socket's readiness.

use std::io::{self, Read, Write};
use std::sync::Arc;

use rustls::pki_types::{CertificateDer, ServerName};
use rustls::{CertificateError, ClientConnection};
use socket2::Socket;

use super::ocsp::StatusError;
use super::verify::Verifier;
use super::TlsSetup;
use crate::error::{Code, Error, Result};

/// What the handshake waits for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Want {
    Read,
    Write,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Handshake {
    Done,
    Wait(Want),
}

/// The socket as rustls reads and writes it; sends never raise SIGPIPE.
struct Io<'a>(&'a Socket);

impl Read for Io<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        (&*self.0).read(buf)
    }
}

impl Write for Io<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.send_with_flags(buf, libc::MSG_NOSIGNAL)
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

pub struct TlsSession {
    conn: ClientConnection,
    verifier: Arc<Verifier>,
    /// The name the certificate is checked against, for error texts.
    host: String,
}

impl TlsSession {
    /// A session to `host`: SNI carries a name, never an IP literal.
    pub fn new(setup: &TlsSetup, host: &str) -> Result<Self> {
        let name = ServerName::try_from(host.to_string()).map_err(|_| {
            Error::new(
                Code::SslConnectError,
                format!("TLS: invalid server name '{host}'"),
            )
        })?;
        let conn = ClientConnection::new(setup.config.clone(), name)
            .map_err(|e| Error::new(Code::SslConnectError, format!("TLS connect error: {e}")))?;
        Ok(TlsSession {
            conn,
            verifier: setup.verifier.clone(),
            host: host.to_string(),
        })
    }

    /// Advances the handshake as far as the socket allows. A failed certificate check
    /// comes back with its `CURLINFO_SSL_VERIFYRESULT` number.
    pub fn handshake(&mut self, sock: &Socket) -> std::result::Result<Handshake, (Error, i64)> {
        loop {
            while self.conn.wants_write() {
                match self.conn.write_tls(&mut Io(sock)) {
                    Ok(_) => {}
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                        return Ok(Handshake::Wait(Want::Write))
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err((connect_failure(&e.to_string()), 0)),
                }
            }
            if !self.conn.is_handshaking() {
                return Ok(Handshake::Done);
            }
            match self.conn.read_tls(&mut Io(sock)) {
                Ok(0) => {
                    return Err((
                        connect_failure("the server closed the connection during the handshake"),
                        0,
                    ))
                }
                Ok(_) => {
                    if let Err(e) = self.conn.process_new_packets() {
                        // Tell the server why (the alert rustls queued), as far as it goes.
                        let _ = self.conn.write_tls(&mut Io(sock));
                        return Err(self.handshake_error(&e));
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    return Ok(Handshake::Wait(Want::Read))
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err((connect_failure(&e.to_string()), 0)),
            }
        }
    }

    /// A handshake failure as libcurl reports it (its OpenSSL backend's texts for
    /// certificate problems), and the X.509 verification code.
    fn handshake_error(&self, e: &rustls::Error) -> (Error, i64) {
        let rustls::Error::InvalidCertificate(cert) = e else {
            return (connect_failure(&e.to_string()), 1);
        };
        // The stapled OCSP response's check (SSL_VERIFYSTATUS) failed.
        if let CertificateError::Other(o) = cert {
            if let Some(StatusError(text, verify_result)) = o.0.downcast_ref() {
                let error = match text {
                    Some(t) => Error::new(Code::SslInvalidCertStatus, t.clone()),
                    None => Error::bare(Code::SslInvalidCertStatus),
                };
                // The chain's own result stands (0 when it was verified), as in libcurl.
                return (error, *verify_result);
            }
        }
        match cert {
            CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => (
                Error::new(
                    Code::PeerFailedVerification,
                    format!(
                        "SSL: no alternative certificate subject name matches target host name '{}'",
                        self.host
                    ),
                ),
                // libcurl checks the name before it asks for the verification result.
                1,
            ),
            other => {
                let (text, code) = super::verify::problem(other);
                (Error::new(Code::PeerFailedVerification, text), code)
            }
        }
    }

    /// Takes plaintext to send; `WouldBlock` while earlier output is still queued.
    pub fn send(&mut self, sock: &Socket, buf: &[u8]) -> io::Result<usize> {
        self.flush(sock)?;
        let n = self.conn.writer().write(buf)?;
        match self.flush(sock) {
            Err(e) if e.kind() != io::ErrorKind::WouldBlock => Err(e),
            _ => Ok(n),
        }
    }

    /// Writes queued TLS output; `WouldBlock` when the socket takes no more.
    pub fn flush(&mut self, sock: &Socket) -> io::Result<()> {
        while self.conn.wants_write() {
            self.conn.write_tls(&mut Io(sock))?;
        }
        Ok(())
    }

    /// Output is queued for the socket.
    pub fn wants_write(&self) -> bool {
        self.conn.wants_write()
    }

    /// Reads decrypted bytes; 0 at the end. A peer that closes without `close_notify` ends
    /// the stream like one that sends it: libcurl accepts that for compatibility with
    /// older servers, and the HTTP framing tells a cut-off body from a complete one.
    pub fn recv(&mut self, sock: &Socket, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            match self.conn.reader().read(buf) {
                Ok(n) => return Ok(n),
                Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(0),
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                Err(e) => return Err(e),
            }
            // Answers rustls owes the peer (key updates, alerts) go out first.
            match self.flush(sock) {
                Err(e) if e.kind() != io::ErrorKind::WouldBlock => return Err(e),
                _ => {}
            }
            if self.conn.read_tls(&mut Io(sock))? > 0 {
                self.conn
                    .process_new_packets()
                    .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
            }
            // After a 0 (the TCP stream ended) the reader reports the end next time round.
        }
    }

    /// An idle connection is dead when the peer closed it (`close_notify` or TCP), broke
    /// the TLS stream, or sent application data nobody asked for. Records that arrive
    /// between requests, such as TLS 1.3 session tickets, are taken in and do not count.
    pub fn is_dead(&mut self, sock: &Socket) -> bool {
        loop {
            match self.conn.read_tls(&mut Io(sock)) {
                Ok(0) => return true,
                Ok(_) => match self.conn.process_new_packets() {
                    Ok(state) if state.peer_has_closed() => return true,
                    Ok(state) if state.plaintext_bytes_to_read() > 0 => return true,
                    Ok(_) => {}
                    Err(_) => return true,
                },
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return false,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(_) => return true,
            }
        }
    }

    /// `CURLINFO_SSL_VERIFYRESULT` once the handshake is done.
    pub fn verify_result(&self) -> i64 {
        self.verifier.verify_result(self.peer_chain())
    }

    /// The server's certificate.
    pub fn peer_leaf(&self) -> Option<&CertificateDer<'static>> {
        self.peer_chain().first()
    }

    /// The certificates the server sent, its own first.
    pub fn peer_chain(&self) -> &[CertificateDer<'static>] {
        self.conn.peer_certificates().unwrap_or_default()
    }

    /// "TLSv1.3 / TLS_AES_256_GCM_SHA384" for the verbose line, the suite by OpenSSL's name
    /// as libcurl's OpenSSL backend shows it ("ECDHE-RSA-AES128-GCM-SHA256" for TLS 1.2).
    pub fn describe(&self) -> String {
        let version = match self.conn.protocol_version() {
            Some(rustls::ProtocolVersion::TLSv1_3) => "TLSv1.3".to_string(),
            Some(rustls::ProtocolVersion::TLSv1_2) => "TLSv1.2".to_string(),
            Some(v) => format!("{v:?}"),
            None => "?".into(),
        };
        let suite = self
            .conn
            .negotiated_cipher_suite()
            .map(|s| openssl_suite_name(&format!("{:?}", s.suite())))
            .unwrap_or_default();
        format!("{version} / {suite}")
    }

    /// The protocol the server chose by ALPN.
    pub fn alpn(&self) -> Option<String> {
        self.conn
            .alpn_protocol()
            .map(|p| String::from_utf8_lossy(p).into_owned())
    }

    /// Queues `close_notify`, sent when the connection is closed.
    pub fn close(&mut self, sock: &Socket) {
        self.conn.send_close_notify();
        let _ = self.flush(sock);
    }
}

fn connect_failure(what: &str) -> Error {
    Error::new(Code::SslConnectError, format!("TLS connect error: {what}"))
}

/// OpenSSL's name of a cipher suite from rustls's (IANA's): TLS 1.3 suites keep theirs
/// (`TLS_AES_128_GCM_SHA256`), TLS 1.2 ones read as `ECDHE-ECDSA-AES256-GCM-SHA384`.
fn openssl_suite_name(iana: &str) -> String {
    if let Some(rest) = iana.strip_prefix("TLS13_") {
        return format!("TLS_{rest}");
    }
    iana.trim_start_matches("TLS_")
        .replace("_WITH_", "_")
        .replace("AES_128", "AES128")
        .replace("AES_256", "AES256")
        .replace("CHACHA20_POLY1305_SHA256", "CHACHA20_POLY1305")
        .replace('_', "-")
}
