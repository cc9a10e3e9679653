//! TLS for the HTTPS tests: a throwaway PKI and a TLS-terminating front for [`Server`].
//!
//! [`pki()`] makes, once per test process, a test CA, server certificates (good, for a wrong
//! name, expired, and from an unrelated CA), a client CA with a client certificate, and the
//! files the libcurl options take (PEM and DER, a public key to pin, a CA directory). Nothing
//! of it is committed: the keys exist only in a temporary directory of this process.
//!
//! [`TlsFront`] listens on loopback, does the TLS handshake (rustls) and relays the plaintext
//! to a scripted [`Server`] over a fresh plain TCP connection per TLS connection, so scripted
//! replies, closes and resets all reach the client through TLS. It records what each
//! handshake carried (SNI, ALPN, version, resumption, client certificate, failure).
//!
//! Only loopback addresses are ever bound (127.0.0.1 and ::1).

use std::fs;
use std::io::{self, ErrorKind, Read, Write};
use std::net::{Ipv4Addr, Ipv6Addr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use rcgen::{
    date_time_ymd, BasicConstraints, Certificate, CertificateParams,
    CertificateRevocationListParams, DnType, ExtendedKeyUsagePurpose, IsCa, KeyIdMethod, KeyPair,
    KeyUsagePurpose, RevocationReason, RevokedCertParams, SerialNumber,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::server::{Acceptor, ServerSessionMemoryCache, WebPkiClientVerifier};
use rustls::{HandshakeKind, ProtocolVersion, RootCertStore, ServerConfig, ServerConnection};
use socket2::SockRef;

use crate::lock;
use crate::server::{Request, Script, Server};
use crate::which;

/// How long a graceful close waits for the client to close its side.
const DRAIN_LIMIT: Duration = Duration::from_secs(2);
/// Longest wait in one poll: a dropped front stops its threads within this.
const TICK: Duration = Duration::from_millis(10);
/// Prefix of the PKI directories in the temp dir (one per process, named by pid).
const PKI_PREFIX: &str = "rcurl-pki-";

/// The server certificates the PKI holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ServerCert {
    /// Signed by the test CA for `localhost`, `127.0.0.1` and `::1`.
    #[default]
    Good,
    /// Signed by the test CA, for `wrong.example` only.
    WrongName,
    /// Signed by the test CA for the right names, but valid only in 2000.
    Expired,
    /// For the right names, signed by the other CA (unknown issuer to a client of `ca.pem`).
    OtherCa,
}

impl ServerCert {
    const ALL: [ServerCert; 4] = [
        ServerCert::Good,
        ServerCert::WrongName,
        ServerCert::Expired,
        ServerCert::OtherCa,
    ];

    /// The file name stem of its files in the PKI directory.
    pub fn stem(self) -> &'static str {
        match self {
            ServerCert::Good => "server",
            ServerCert::WrongName => "wrong-name",
            ServerCert::Expired => "expired",
            ServerCert::OtherCa => "other-ca-server",
        }
    }
}

/// Material the front needs to serve one of the server certificates.
struct Identity {
    cert: CertificateDer<'static>,
    key: PrivatePkcs8KeyDer<'static>,
    pin: String,
}

/// The test PKI: files in a directory of this process, see [`pki()`].
///
/// Files (all certificates are ECDSA P-256, keys are unencrypted PKCS#8):
/// * `ca.pem`, `ca.der`: the test CA; `other-ca.pem`, `other-ca.der`: an unrelated CA;
/// * `capath/`: `ca.pem` and, when the `openssl` tool exists, its `<subject-hash>.0`
///   symlink, which OpenSSL's CAPATH lookup needs;
/// * for each [`ServerCert`] with stem `S` (`server`, `wrong-name`, `expired`,
///   `other-ca-server`): `S.pem` (the leaf only), `S-key.pem`, and its public key as
///   `S-pubkey.pem` (SubjectPublicKeyInfo, "PUBLIC KEY") and `S-pubkey.der`;
/// * `client-ca.pem`: the CA the front checks client certificates against;
///   `client.pem`, `client-key.pem`, `client.der`, `client-key.der`: a client certificate
///   signed by it, and its key.
pub struct Pki {
    dir: PathBuf,
    ca: CertificateDer<'static>,
    other_ca: CertificateDer<'static>,
    /// The CAs' keys (PKCS #8), to sign OCSP responses.
    ca_key: Vec<u8>,
    other_ca_key: Vec<u8>,
    /// A responder certified by the test CA for OCSP signing, and its key.
    responder: CertificateDer<'static>,
    responder_key: Vec<u8>,
    client_ca: CertificateDer<'static>,
    servers: Vec<Identity>,
}

/// The PKI of this test process, made on first use.
pub fn pki() -> &'static Pki {
    static PKI: OnceLock<Pki> = OnceLock::new();
    PKI.get_or_init(|| Pki::create().unwrap_or_else(|e| panic!("cannot make the test PKI: {e}")))
}

impl Pki {
    fn create() -> Result<Pki, Box<dyn std::error::Error>> {
        remove_stale_dirs();
        let dir = std::env::temp_dir().join(format!("{PKI_PREFIX}{}", std::process::id()));
        // A directory with our pid is a dead process's whose pid we got again.
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("capath"))?;
        let write = |name: &str, data: &[u8]| fs::write(dir.join(name), data);

        let ca = Authority::new("rcurl test CA")?;
        let other_ca = Authority::new("rcurl other test CA")?;
        let client_ca = Authority::new("rcurl test client CA")?;
        write("ca.pem", ca.cert.pem().as_bytes())?;
        write("ca.der", ca.cert.der())?;
        write("capath/ca.pem", ca.cert.pem().as_bytes())?;
        write("other-ca.pem", other_ca.cert.pem().as_bytes())?;
        write("other-ca.der", other_ca.cert.der())?;
        write("client-ca.pem", client_ca.cert.pem().as_bytes())?;
        hash_link(&dir.join("capath"), "ca.pem");

        let mut servers = Vec::new();
        for which in ServerCert::ALL {
            let key = KeyPair::generate()?;
            let (names, issuer) = match which {
                ServerCert::WrongName => (vec!["wrong.example"], &ca),
                ServerCert::OtherCa => (vec!["localhost", "127.0.0.1", "::1"], &other_ca),
                _ => (vec!["localhost", "127.0.0.1", "::1"], &ca),
            };
            let mut params = leaf_params(names[0], &names, ExtendedKeyUsagePurpose::ServerAuth)?;
            // Known serial numbers, for the revocation lists.
            params.serial_number = Some(SerialNumber::from(server_serial(which)));
            if which == ServerCert::Expired {
                params.not_before = date_time_ymd(2000, 1, 1);
                params.not_after = date_time_ymd(2001, 1, 1);
            }
            let cert = issuer.sign(params, &key)?;
            let stem = which.stem();
            write(&format!("{stem}.pem"), cert.pem().as_bytes())?;
            write(&format!("{stem}-key.pem"), key.serialize_pem().as_bytes())?;
            write(
                &format!("{stem}-pubkey.pem"),
                key.public_key_pem().as_bytes(),
            )?;
            write(&format!("{stem}-pubkey.der"), &key.public_key_der())?;
            servers.push(Identity {
                cert: cert.der().clone(),
                key: PrivatePkcs8KeyDer::from(key.serialize_der()),
                pin: pin_of(&key.public_key_der()),
            });
        }

        // Revocation lists by the test CA: one revoking the good server certificate, one
        // revoking nothing.
        write(
            "crl-revokes-server.pem",
            ca.crl(&[server_serial(ServerCert::Good)])?.as_bytes(),
        )?;
        write("crl-empty.pem", ca.crl(&[])?.as_bytes())?;

        let key = KeyPair::generate()?;
        let params = leaf_params(
            "rcurl test client",
            &[],
            ExtendedKeyUsagePurpose::ClientAuth,
        )?;
        let cert = client_ca.sign(params, &key)?;
        write("client.pem", cert.pem().as_bytes())?;
        write("client-key.pem", key.serialize_pem().as_bytes())?;
        write("client.der", cert.der())?;
        write("client-key.der", &key.serialize_der())?;

        // A responder the test CA delegates OCSP signing to.
        let responder_key = KeyPair::generate()?;
        let params = leaf_params(
            "rcurl test OCSP responder",
            &[],
            ExtendedKeyUsagePurpose::OcspSigning,
        )?;
        let responder = ca.sign(params, &responder_key)?;

        Ok(Pki {
            dir,
            ca: ca.cert.der().clone(),
            other_ca: other_ca.cert.der().clone(),
            ca_key: ca.key.serialize_der(),
            other_ca_key: other_ca.key.serialize_der(),
            responder: responder.der().clone(),
            responder_key: responder_key.serialize_der(),
            client_ca: client_ca.cert.der().clone(),
            servers,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// A file of the PKI directory by name.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// `ca.pem`: the CA that signed the good, wrong-name and expired server certificates.
    pub fn ca(&self) -> PathBuf {
        self.path("ca.pem")
    }

    pub fn ca_der(&self) -> PathBuf {
        self.path("ca.der")
    }

    /// `other-ca.pem`: a CA that signed only [`ServerCert::OtherCa`].
    pub fn other_ca(&self) -> PathBuf {
        self.path("other-ca.pem")
    }

    pub fn other_ca_der(&self) -> PathBuf {
        self.path("other-ca.der")
    }

    /// `crl-revokes-server.pem`: the test CA's revocation list naming
    /// [`ServerCert::Good`]; `crl-empty.pem`: one naming nothing.
    pub fn crl(&self, revoking_the_server: bool) -> PathBuf {
        self.path(if revoking_the_server {
            "crl-revokes-server.pem"
        } else {
            "crl-empty.pem"
        })
    }

    /// `capath/`: a CA directory holding the test CA.
    pub fn ca_dir(&self) -> PathBuf {
        self.path("capath")
    }

    /// The test CA's certificate, for a rustls client's root store.
    pub fn ca_cert(&self) -> CertificateDer<'static> {
        self.ca.clone()
    }

    pub fn other_ca_cert(&self) -> CertificateDer<'static> {
        self.other_ca.clone()
    }

    pub fn client_ca(&self) -> PathBuf {
        self.path("client-ca.pem")
    }

    pub fn client_cert(&self) -> PathBuf {
        self.path("client.pem")
    }

    pub fn client_key(&self) -> PathBuf {
        self.path("client-key.pem")
    }

    pub fn client_cert_der(&self) -> PathBuf {
        self.path("client.der")
    }

    pub fn client_key_der(&self) -> PathBuf {
        self.path("client-key.der")
    }

    /// The certificate file (`S.pem`): the leaf only, no chain.
    pub fn server_cert(&self, which: ServerCert) -> PathBuf {
        self.path(&format!("{}.pem", which.stem()))
    }

    pub fn server_key(&self, which: ServerCert) -> PathBuf {
        self.path(&format!("{}-key.pem", which.stem()))
    }

    /// The public key as PEM ("PUBLIC KEY"), for `CURLOPT_PINNEDPUBLICKEY` as a file.
    pub fn server_pubkey(&self, which: ServerCert) -> PathBuf {
        self.path(&format!("{}-pubkey.pem", which.stem()))
    }

    pub fn server_pubkey_der(&self, which: ServerCert) -> PathBuf {
        self.path(&format!("{}-pubkey.der", which.stem()))
    }

    /// `sha256//<base64 of sha256(SubjectPublicKeyInfo DER)>`: the certificate's key as
    /// `CURLOPT_PINNEDPUBLICKEY` takes it. Another certificate's pin is a wrong pin.
    pub fn pin(&self, which: ServerCert) -> &str {
        &self.identity(which).pin
    }

    fn identity(&self, which: ServerCert) -> &Identity {
        &self.servers[ServerCert::ALL
            .iter()
            .position(|c| *c == which)
            .expect("every ServerCert is made")]
    }
}

/// A CA certificate and its key.
struct Authority {
    cert: Certificate,
    key: KeyPair,
}

impl Authority {
    fn new(name: &str) -> Result<Authority, rcgen::Error> {
        let key = KeyPair::generate()?;
        let mut params = CertificateParams::new(Vec::<String>::new())?;
        params.distinguished_name.remove(DnType::CommonName);
        params.distinguished_name.push(DnType::CommonName, name);
        params
            .distinguished_name
            .push(DnType::OrganizationName, "rcurl tests");
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![
            KeyUsagePurpose::KeyCertSign,
            KeyUsagePurpose::CrlSign,
            KeyUsagePurpose::DigitalSignature,
        ];
        let cert = params.self_signed(&key)?;
        Ok(Authority { cert, key })
    }

    fn sign(&self, params: CertificateParams, key: &KeyPair) -> Result<Certificate, rcgen::Error> {
        params.signed_by(key, &self.cert, &self.key)
    }

    /// A PEM revocation list revoking these serial numbers, valid from 2020 to 2100.
    fn crl(&self, serials: &[u64]) -> Result<String, rcgen::Error> {
        let revoked_certs = serials
            .iter()
            .map(|&n| RevokedCertParams {
                serial_number: SerialNumber::from(n),
                revocation_time: date_time_ymd(2021, 1, 1),
                reason_code: Some(RevocationReason::KeyCompromise),
                invalidity_date: None,
            })
            .collect();
        let params = CertificateRevocationListParams {
            this_update: date_time_ymd(2020, 1, 1),
            next_update: date_time_ymd(2100, 1, 1),
            crl_number: SerialNumber::from(1u64),
            issuing_distribution_point: None,
            revoked_certs,
            key_identifier_method: KeyIdMethod::Sha256,
        };
        params.signed_by(&self.cert, &self.key)?.pem()
    }
}

/// The serial number of a server certificate.
fn server_serial(which: ServerCert) -> u64 {
    1000 + ServerCert::ALL
        .iter()
        .position(|c| *c == which)
        .unwrap_or(0) as u64
}

/// An end-entity certificate's parameters: subject `cn`, these names (DNS names or IP
/// literals) and one extended key usage, which both OpenSSL and webpki check.
fn leaf_params(
    cn: &str,
    names: &[&str],
    usage: ExtendedKeyUsagePurpose,
) -> Result<CertificateParams, rcgen::Error> {
    let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    let mut params = CertificateParams::new(names)?;
    params.distinguished_name.remove(DnType::CommonName);
    params.distinguished_name.push(DnType::CommonName, cn);
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    params.extended_key_usages = vec![usage];
    params.use_authority_key_identifier_extension = true;
    Ok(params)
}

/// OpenSSL finds a CA in a CAPATH directory only by `<subject-hash>.0`; only its own tool
/// computes that hash. Without the tool the directory still serves libraries that read
/// every file.
fn hash_link(dir: &Path, file: &str) {
    let Some(openssl) = which("openssl") else {
        return;
    };
    let out = Command::new(openssl)
        .args(["x509", "-hash", "-noout", "-in"])
        .arg(dir.join(file))
        .output();
    let Ok(out) = out else { return };
    let hash = String::from_utf8_lossy(&out.stdout).trim().to_string();
    if out.status.success() && !hash.is_empty() {
        let _ = std::os::unix::fs::symlink(file, dir.join(format!("{hash}.0")));
    }
}

/// The PKI directories of processes that are gone: a test process cannot remove its own at
/// exit (statics are never dropped), so each removes its predecessors'.
fn remove_stale_dirs() {
    let Ok(entries) = fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(|n| n.strip_prefix(PKI_PREFIX)) else {
            continue;
        };
        if pid.parse::<u32>().is_ok() && !Path::new("/proc").join(pid).exists() {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

fn pin_of(spki_der: &[u8]) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA256, spki_der);
    format!("sha256//{}", base64(digest.as_ref()))
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let byte = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
        let n = (byte(0) << 16) | (byte(1) << 8) | byte(2);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// What a stapled OCSP response says (see [`TlsFrontConfig::ocsp`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ocsp {
    /// Good, valid from an hour ago to a day from now, signed by the issuing CA.
    Good,
    /// Revoked (keyCompromise).
    Revoked,
    /// Status unknown.
    Unknown,
    /// Good, but valid only in 2000.
    Expired,
    /// Good, but signed by the other CA.
    OtherSigner,
    /// Good, signed by a responder the test CA delegated to (its certificate included).
    Delegated,
}

/// DER: a tag and its contents.
fn der(tag: u8, body: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let n = body.len();
    if n < 0x80 {
        out.push(n as u8);
    } else if n < 0x100 {
        out.extend([0x81, n as u8]);
    } else {
        out.extend([0x82, (n >> 8) as u8, n as u8]);
    }
    out.extend_from_slice(body);
    out
}

/// The elements inside a DER element's contents: (tag, whole element, contents).
fn der_children(body: &[u8]) -> Vec<(u8, &[u8], &[u8])> {
    let mut out = Vec::new();
    let mut rest = body;
    while rest.len() >= 2 {
        let (len, start) = match rest[1] {
            n if n < 0x80 => (n as usize, 2),
            0x81 => (rest[2] as usize, 3),
            0x82 => ((rest[2] as usize) << 8 | rest[3] as usize, 4),
            _ => panic!("unexpected DER length in a test certificate"),
        };
        let (whole, next) = rest.split_at(start + len);
        out.push((whole[0], whole, &whole[start..]));
        rest = next;
    }
    out
}

/// A certificate's serial number contents, issuer Name and key bits (after the unused-bits
/// byte).
fn cert_parts(cert: &[u8]) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
    let top = der_children(cert);
    let tbs = der_children(top[0].2);
    let tbs = der_children(tbs[0].2);
    // version [0], serial, signature, issuer, validity, subject, key
    let at = usize::from(tbs[0].0 == 0xa0);
    let key = der_children(tbs[at + 5].2);
    (
        tbs[at].2.to_vec(),
        tbs[at + 2].1.to_vec(),
        key[1].2[1..].to_vec(),
    )
}

fn generalized_time(t: std::time::SystemTime) -> Vec<u8> {
    let secs = t
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs() as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil date from days since 1970 (proleptic Gregorian).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    let text = format!(
        "{y:04}{m:02}{d:02}{:02}{:02}{:02}Z",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    );
    der(0x18, text.as_bytes())
}

/// An OCSP response about `leaf` (issued by the CA of `which`) of this kind, signed with
/// ECDSA P-256 / SHA-256 by the issuing CA or, for [`Ocsp::OtherSigner`], the other CA.
fn ocsp_response(leaf: &CertificateDer<'_>, which: ServerCert, kind: Ocsp) -> Vec<u8> {
    use ring::digest::{digest, SHA1_FOR_LEGACY_USE_ONLY as SHA1};
    use ring::signature::{EcdsaKeyPair, ECDSA_P256_SHA256_ASN1_SIGNING};
    let pki = pki();
    let issued_by_other = which == ServerCert::OtherCa;
    let (issuer, issuer_key) = if issued_by_other {
        (&pki.other_ca, &pki.other_ca_key)
    } else {
        (&pki.ca, &pki.ca_key)
    };
    let (signer, signer_key) = match kind {
        Ocsp::OtherSigner if issued_by_other => (&pki.ca, &pki.ca_key),
        Ocsp::OtherSigner => (&pki.other_ca, &pki.other_ca_key),
        Ocsp::Delegated => (&pki.responder, &pki.responder_key),
        _ => (issuer, issuer_key),
    };
    let (serial, issuer_name, _) = cert_parts(leaf);
    let (_, _, issuer_bits) = cert_parts(issuer);
    let (_, _, signer_bits) = cert_parts(signer);
    let sha1 = der(
        0x30,
        &[der(0x06, &[0x2b, 0x0e, 0x03, 0x02, 0x1a]), vec![0x05, 0x00]].concat(),
    );
    let cert_id = der(
        0x30,
        &[
            sha1,
            der(0x04, digest(&SHA1, &issuer_name).as_ref()),
            der(0x04, digest(&SHA1, &issuer_bits).as_ref()),
            der(0x02, &serial),
        ]
        .concat(),
    );
    let now = std::time::SystemTime::now();
    let hour = Duration::from_secs(3600);
    let (this_update, next_update) = if kind == Ocsp::Expired {
        let y2000 = std::time::UNIX_EPOCH + Duration::from_secs(946_684_800);
        (y2000, y2000 + 24 * hour)
    } else {
        (now - hour, now + 24 * hour)
    };
    let status = match kind {
        Ocsp::Revoked => der(
            0xa1,
            &[generalized_time(now - hour), der(0xa0, &der(0x0a, &[1]))].concat(),
        ),
        Ocsp::Unknown => vec![0x82, 0x00],
        _ => vec![0x80, 0x00],
    };
    let single = der(
        0x30,
        &[
            cert_id,
            status,
            generalized_time(this_update),
            der(0xa0, &generalized_time(next_update)),
        ]
        .concat(),
    );
    let responder = der(0xa2, &der(0x04, digest(&SHA1, &signer_bits).as_ref()));
    let tbs = der(
        0x30,
        &[responder, generalized_time(now), der(0x30, &single)].concat(),
    );
    let rng = ring::rand::SystemRandom::new();
    let key = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, signer_key, &rng)
        .expect("the CA's key is ECDSA P-256");
    let signature = key.sign(&rng, &tbs).expect("signing");
    let ecdsa_sha256 = der(
        0x30,
        &der(0x06, &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02]),
    );
    let certs = if kind == Ocsp::Delegated {
        der(0xa0, &der(0x30, &pki.responder))
    } else {
        Vec::new()
    };
    let basic = der(
        0x30,
        &[
            tbs,
            ecdsa_sha256,
            der(0x03, &[&[0u8][..], signature.as_ref()].concat()),
            certs,
        ]
        .concat(),
    );
    let bytes = der(
        0x30,
        &[
            &[
                0x06, 0x09, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x01,
            ][..],
            &der(0x04, &basic),
        ]
        .concat(),
    );
    der(0x30, &[vec![0x0a, 0x01, 0x00], der(0xa0, &bytes)].concat())
}

/// A TLS protocol version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TlsVersion {
    Tls12,
    Tls13,
}

impl TlsVersion {
    fn rustls(self) -> &'static rustls::SupportedProtocolVersion {
        match self {
            TlsVersion::Tls12 => &rustls::version::TLS12,
            TlsVersion::Tls13 => &rustls::version::TLS13,
        }
    }

    fn from_rustls(v: ProtocolVersion) -> Option<TlsVersion> {
        match v {
            ProtocolVersion::TLSv1_2 => Some(TlsVersion::Tls12),
            ProtocolVersion::TLSv1_3 => Some(TlsVersion::Tls13),
            _ => None,
        }
    }
}

/// Whether the front asks the client for a certificate (checked against `client-ca.pem`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ClientAuth {
    #[default]
    None,
    /// Ask for one; a client without one is let in too.
    Optional,
    /// Ask for one and fail the handshake without it.
    Required,
}

/// How a [`TlsFront`] does its handshakes. The default serves [`ServerCert::Good`] with
/// TLS 1.2 and 1.3, accepts ALPN `http/1.1` only, asks for no client certificate and ends
/// every connection with close_notify.
#[derive(Clone, Debug)]
pub struct TlsFrontConfig {
    cert: ServerCert,
    client_auth: ClientAuth,
    versions: Vec<TlsVersion>,
    alpn: Vec<Vec<u8>>,
    close_notify: bool,
    /// Key exchange groups by rustls' names; empty: all of the ring provider's.
    groups: Vec<&'static str>,
    /// Send the issuing CA's certificate after the server's.
    chain: bool,
    /// The OCSP response to staple, if any.
    ocsp: Option<Ocsp>,
}

impl Default for TlsFrontConfig {
    fn default() -> Self {
        TlsFrontConfig {
            cert: ServerCert::Good,
            client_auth: ClientAuth::None,
            versions: vec![TlsVersion::Tls12, TlsVersion::Tls13],
            alpn: vec![b"http/1.1".to_vec()],
            close_notify: true,
            groups: Vec::new(),
            chain: false,
            ocsp: None,
        }
    }
}

impl TlsFrontConfig {
    pub fn new() -> TlsFrontConfig {
        TlsFrontConfig::default()
    }

    pub fn cert(mut self, cert: ServerCert) -> TlsFrontConfig {
        self.cert = cert;
        self
    }

    pub fn client_auth(mut self, auth: ClientAuth) -> TlsFrontConfig {
        self.client_auth = auth;
        self
    }

    /// Offer only these versions (at least one).
    pub fn versions(mut self, versions: &[TlsVersion]) -> TlsFrontConfig {
        assert!(!versions.is_empty(), "a TLS front needs a version to offer");
        self.versions = versions.to_vec();
        self
    }

    /// The ALPN protocols accepted, in the server's order of preference. With none, ALPN is
    /// ignored; otherwise a client that offers ALPN but none of these fails the handshake
    /// (rustls sends `no_application_protocol`).
    pub fn alpn(mut self, protocols: &[&str]) -> TlsFrontConfig {
        self.alpn = protocols.iter().map(|p| p.as_bytes().to_vec()).collect();
        self
    }

    /// Accept only these key exchange groups (`X25519`, `secp256r1`, `secp384r1`).
    pub fn groups(mut self, groups: &[&'static str]) -> TlsFrontConfig {
        self.groups = groups.to_vec();
        self
    }

    /// Send the CA certificate that issued the server's after it (a chain of two).
    pub fn with_chain(mut self) -> TlsFrontConfig {
        self.chain = true;
        self
    }

    /// Staple an OCSP response about the server's certificate (made now, by the CA that
    /// issued it unless the kind says otherwise).
    pub fn ocsp(mut self, kind: Ocsp) -> TlsFrontConfig {
        self.ocsp = Some(kind);
        self
    }

    /// When the backend closes, close the TCP connection without sending close_notify.
    pub fn no_close_notify(mut self) -> TlsFrontConfig {
        self.close_notify = false;
        self
    }

    fn server_config(&self) -> Arc<ServerConfig> {
        let pki = pki();
        let mut provider = rustls::crypto::ring::default_provider();
        if !self.groups.is_empty() {
            provider
                .kx_groups
                .retain(|g| self.groups.contains(&format!("{:?}", g.name()).as_str()));
            assert!(
                !provider.kx_groups.is_empty(),
                "unknown groups {:?}",
                self.groups
            );
        }
        let provider = Arc::new(provider);
        let versions: Vec<_> = self.versions.iter().map(|v| v.rustls()).collect();
        let builder = ServerConfig::builder_with_provider(Arc::clone(&provider))
            .with_protocol_versions(&versions)
            .expect("the ring provider supports TLS 1.2 and 1.3");
        let builder = if self.client_auth == ClientAuth::None {
            builder.with_no_client_auth()
        } else {
            let mut roots = RootCertStore::empty();
            roots
                .add(pki.client_ca.clone())
                .expect("the client CA is a valid trust anchor");
            let verifier = WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider);
            let verifier = if self.client_auth == ClientAuth::Optional {
                verifier.allow_unauthenticated()
            } else {
                verifier
            };
            builder.with_client_cert_verifier(verifier.build().expect("client verifier"))
        };
        let id = pki.identity(self.cert);
        let mut chain = vec![id.cert.clone()];
        if self.chain {
            chain.push(if self.cert == ServerCert::OtherCa {
                pki.other_ca.clone()
            } else {
                pki.ca.clone()
            });
        }
        let key = PrivateKeyDer::Pkcs8(id.key.clone_key());
        let ocsp = self
            .ocsp
            .map(|kind| ocsp_response(&id.cert, self.cert, kind))
            .unwrap_or_default();
        let mut config = builder
            .with_single_cert_with_ocsp(chain, key, ocsp)
            .expect("the server certificate matches its key");
        config.alpn_protocols = self.alpn.clone();
        // Session IDs (TLS 1.2) and tickets (both versions): clients resume either way.
        config.session_storage = ServerSessionMemoryCache::new(256);
        config.ticketer = rustls::crypto::ring::Ticketer::new().expect("a ticketer");
        Arc::new(config)
    }
}

/// What one connection to a [`TlsFront`] carried. The handshake fields are final before
/// any of the client's data reaches the backend, so once the client has its response they
/// can be asserted; a failure is recorded when the front sees it, which may be after the
/// client exited (see [`TlsFront::wait_for_handshakes`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TlsConnInfo {
    /// The front address the client connected to (127.0.0.1 or ::1).
    pub local: Option<SocketAddr>,
    /// The server name (SNI) of the ClientHello; None when it sent none (as for an address).
    pub sni: Option<String>,
    /// The ALPN protocols the client offered, in its order.
    pub alpn_offered: Vec<Vec<u8>>,
    /// The cipher suites the client offered, by rustls' names (e.g.
    /// `TLS13_AES_128_GCM_SHA256`, `TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256`).
    pub suites_offered: Vec<String>,
    /// The handshake finished.
    pub handshake_done: bool,
    /// The negotiated ALPN protocol.
    pub alpn: Option<Vec<u8>>,
    pub version: Option<TlsVersion>,
    /// The negotiated cipher suite, by rustls' name.
    pub cipher_suite: Option<String>,
    /// The key exchange group, by rustls' name (`X25519`, `secp256r1`, `secp384r1`).
    pub kx_group: Option<String>,
    /// The handshake resumed an earlier session (ID or ticket).
    pub resumed: bool,
    /// The client presented a certificate (one the verifier accepted: a rejected one fails
    /// the handshake).
    pub client_cert: bool,
    /// The client ended its side with close_notify (rather than just closing TCP).
    pub client_close_notify: bool,
    /// Why the connection failed, as rustls says it (e.g. `received fatal alert:
    /// UnknownCA`), when it was a TLS failure or happened during the handshake.
    pub error: Option<String>,
}

impl TlsConnInfo {
    /// The handshake is over, one way or the other.
    pub fn settled(&self) -> bool {
        self.handshake_done || self.error.is_some()
    }
}

/// State shared between the test, the accept threads and the connection threads.
struct Shared {
    backend: SocketAddr,
    config: Arc<ServerConfig>,
    close_notify: bool,
    conns: Mutex<Vec<TlsConnInfo>>,
    changed: Condvar,
    /// Held from accept to the backend connect, so the n-th accepted connection (on either
    /// address) is the backend's n-th too.
    order: Mutex<()>,
    stop: AtomicBool,
    workers: Mutex<Vec<JoinHandle<()>>>,
}

impl Shared {
    fn stopped(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }

    fn note(&self, index: usize, f: impl FnOnce(&mut TlsConnInfo)) {
        if let Some(info) = lock(&self.conns).get_mut(index) {
            f(info);
        }
        self.changed.notify_all();
    }
}

/// A TLS-terminating front for a plain backend (normally a scripted [`Server`]). It listens
/// on 127.0.0.1 and, when the host has IPv6, on ::1 with the same port, so `localhost`
/// reaches it whichever address the client tries first. Dropping it stops all its threads.
///
/// Each accepted connection gets its own backend connection, made at once and in accept
/// order: connection n of the front is connection n of the backend, also when its
/// handshake then fails (the backend then sees a connection closed without a request).
pub struct TlsFront {
    port: u16,
    ipv6: bool,
    shared: Arc<Shared>,
    acceptors: Vec<JoinHandle<()>>,
}

impl TlsFront {
    /// Listen on an ephemeral loopback port and relay every connection to `backend`.
    pub fn start(backend: SocketAddr, config: TlsFrontConfig) -> TlsFront {
        assert!(
            backend.ip().is_loopback(),
            "the TLS front relays to loopback only, not {backend}"
        );
        let shared = Arc::new(Shared {
            backend,
            config: config.server_config(),
            close_notify: config.close_notify,
            conns: Mutex::new(Vec::new()),
            changed: Condvar::new(),
            order: Mutex::new(()),
            stop: AtomicBool::new(false),
            workers: Mutex::new(Vec::new()),
        });
        let listeners = bind_loopback_pair();
        let port = listeners[0].local_addr().expect("front address").port();
        let ipv6 = listeners.len() == 2;
        let acceptors = listeners
            .into_iter()
            .map(|listener| {
                let sh = Arc::clone(&shared);
                thread::Builder::new()
                    .name(format!("tls-front-{port}"))
                    .spawn(move || accept_loop(listener, sh))
                    .expect("spawn a TLS accept thread")
            })
            .collect();
        TlsFront {
            port,
            ipv6,
            shared,
            acceptors,
        }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The front also listens on ::1.
    pub fn has_ipv6(&self) -> bool {
        self.ipv6
    }

    /// `https://localhost:PORT` followed by `path`: the name the good certificate is for.
    pub fn url(&self, path: &str) -> String {
        format!("https://localhost:{}{path}", self.port)
    }

    /// `https://127.0.0.1:PORT` followed by `path`.
    pub fn url_ip(&self, path: &str) -> String {
        format!("https://127.0.0.1:{}{path}", self.port)
    }

    /// `https://[::1]:PORT` followed by `path` (only useful when [`TlsFront::has_ipv6`]).
    pub fn url_ip6(&self, path: &str) -> String {
        format!("https://[::1]:{}{path}", self.port)
    }

    /// The record of every connection so far, in accept order.
    pub fn connections(&self) -> Vec<TlsConnInfo> {
        lock(&self.shared.conns).clone()
    }

    /// Wait until at least `n` connections have finished or failed their handshake (or
    /// `limit` passed); returns how many have. A client that rejects the certificate may
    /// exit before the front has read its alert.
    pub fn wait_for_handshakes(&self, n: usize, limit: Duration) -> usize {
        let settled = |c: &Vec<TlsConnInfo>| c.iter().filter(|i| i.settled()).count();
        let guard = lock(&self.shared.conns);
        let (guard, _) = self
            .shared
            .changed
            .wait_timeout_while(guard, limit, |c| settled(c) < n)
            .unwrap_or_else(|e| e.into_inner());
        settled(&guard)
    }
}

impl Drop for TlsFront {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        // The acceptors block in accept(): a connection of our own wakes each to see the flag.
        let mut wake = vec![SocketAddr::from((Ipv4Addr::LOCALHOST, self.port))];
        if self.ipv6 {
            wake.push(SocketAddr::from((Ipv6Addr::LOCALHOST, self.port)));
        }
        for addr in wake {
            let _ = TcpStream::connect_timeout(&addr, Duration::from_secs(1));
        }
        for h in self.acceptors.drain(..) {
            let _ = h.join();
        }
        let workers: Vec<_> = lock(&self.shared.workers).drain(..).collect();
        for w in workers {
            let _ = w.join();
        }
    }
}

/// 127.0.0.1 and ::1 on one ephemeral port. A client of `https://localhost` may try either
/// address first; were only one bound, the other might be another test's server that
/// happens to have the same port. Without IPv6 on the host, 127.0.0.1 alone.
fn bind_loopback_pair() -> Vec<TcpListener> {
    for _ in 0..100 {
        let v4 = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind 127.0.0.1");
        let port = v4.local_addr().expect("front address").port();
        match TcpListener::bind((Ipv6Addr::LOCALHOST, port)) {
            Ok(v6) => return vec![v4, v6],
            Err(e) if e.kind() == ErrorKind::AddrInUse => continue,
            Err(_) => return vec![v4],
        }
    }
    panic!("no ephemeral port free on both 127.0.0.1 and ::1");
}

fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    for stream in listener.incoming() {
        if shared.stopped() {
            break;
        }
        let Ok(client) = stream else { continue };
        let _ = client.set_nodelay(true);
        let order = lock(&shared.order);
        if shared.stopped() {
            break;
        }
        let index = {
            let mut conns = lock(&shared.conns);
            conns.push(TlsConnInfo {
                local: client.local_addr().ok(),
                ..TlsConnInfo::default()
            });
            conns.len() - 1
        };
        let backend = TcpStream::connect(shared.backend);
        drop(order);
        let backend = match backend {
            Ok(b) => b,
            Err(e) => {
                shared.note(index, |i| {
                    i.error = Some(format!("cannot connect to the backend: {e}"))
                });
                continue;
            }
        };
        let _ = backend.set_nodelay(true);
        let sh = Arc::clone(&shared);
        let handle = thread::Builder::new()
            .name(format!("tls-conn-{index}"))
            .spawn(move || {
                Pump {
                    client,
                    backend,
                    index,
                    shared: sh,
                }
                .run()
            })
            .expect("spawn a TLS connection thread");
        lock(&shared.workers).push(handle);
    }
}

/// One TLS connection and its backend connection.
struct Pump {
    client: TcpStream,
    backend: TcpStream,
    index: usize,
    shared: Arc<Shared>,
}

impl Pump {
    fn run(mut self) {
        if let Some(tls) = self.accept() {
            self.relay(tls);
        }
    }

    fn note(&self, f: impl FnOnce(&mut TlsConnInfo)) {
        self.shared.note(self.index, f);
    }

    /// Record why the connection failed (the first reason only: what follows is a
    /// consequence).
    fn fail(&self, why: impl Into<String>) {
        let why = why.into();
        self.note(|i| {
            i.error.get_or_insert(why);
        });
    }

    /// Read the ClientHello, record what it offers, and start the server side of the
    /// handshake.
    fn accept(&mut self) -> Option<ServerConnection> {
        let mut acceptor = Acceptor::default();
        let _ = self.client.set_read_timeout(Some(TICK));
        let accepted = loop {
            if self.shared.stopped() {
                return None;
            }
            match acceptor.read_tls(&mut self.client) {
                Ok(0) => {
                    self.fail("the client closed the connection before its ClientHello");
                    return None;
                }
                Ok(_) => {}
                Err(e) if is_transient(&e) => continue,
                Err(e) => {
                    self.fail(format!("reading the ClientHello: {e}"));
                    return None;
                }
            }
            match acceptor.accept() {
                Ok(Some(accepted)) => break accepted,
                Ok(None) => {}
                Err((e, mut alert)) => {
                    let _ = alert.write_all(&mut self.client);
                    self.fail(e.to_string());
                    self.close_gracefully();
                    return None;
                }
            }
        };
        let hello = accepted.client_hello();
        let sni = hello.server_name().map(str::to_string);
        let alpn: Vec<Vec<u8>> = hello
            .alpn()
            .map(|protocols| protocols.map(<[u8]>::to_vec).collect())
            .unwrap_or_default();
        let suites: Vec<String> = hello
            .cipher_suites()
            .iter()
            .map(|s| format!("{s:?}"))
            .collect();
        self.note(|i| {
            i.sni = sni;
            i.alpn_offered = alpn;
            i.suites_offered = suites;
        });
        match accepted.into_connection(Arc::clone(&self.shared.config)) {
            Ok(tls) => Some(tls),
            Err((e, mut alert)) => {
                let _ = alert.write_all(&mut self.client);
                self.fail(e.to_string());
                self.close_gracefully();
                None
            }
        }
    }

    /// Finish the handshake and copy plaintext both ways until both sides are done. The
    /// backend's end of stream becomes close_notify (if configured) and a FIN, its reset a
    /// reset; the client's end of stream becomes a half-close of the backend.
    fn relay(&mut self, mut tls: ServerConnection) {
        if self.client.set_nonblocking(true).is_err() || self.backend.set_nonblocking(true).is_err()
        {
            return;
        }
        let mut buf = vec![0u8; 16384];
        // Plaintext read from one side, not yet taken by the other.
        let mut to_backend: Vec<u8> = Vec::new();
        let mut to_client: Vec<u8> = Vec::new();
        let mut client_eof = false;
        let mut backend_eof = false;
        let mut backend_shut = false;
        let mut closing = false;
        loop {
            if self.shared.stopped() {
                return;
            }
            if !to_client.is_empty() {
                // rustls takes less (or nothing) when its buffer is full.
                let n = tls.writer().write(&to_client).unwrap_or(0);
                to_client.drain(..n);
            }
            if backend_eof && to_client.is_empty() && !closing {
                closing = true;
                if self.shared.close_notify {
                    tls.send_close_notify();
                }
            }
            if closing && !tls.wants_write() {
                return self.close_gracefully();
            }
            if client_eof && to_backend.is_empty() && !backend_shut {
                let _ = self.backend.shutdown(Shutdown::Write);
                backend_shut = true;
            }

            let client_events = (if !client_eof && tls.wants_read() {
                libc::POLLIN
            } else {
                0
            }) | (if tls.wants_write() { libc::POLLOUT } else { 0 });
            let backend_events = (if !backend_eof && to_client.is_empty() {
                libc::POLLIN
            } else {
                0
            }) | (if to_backend.is_empty() {
                0
            } else {
                libc::POLLOUT
            });
            let (client_ready, backend_ready) = poll2(
                (&self.client, client_events),
                (&self.backend, backend_events),
            );

            if client_ready & (libc::POLLIN | libc::POLLHUP | libc::POLLERR) != 0
                && client_events & libc::POLLIN != 0
            {
                match tls.read_tls(&mut self.client) {
                    Ok(0) => client_eof = true,
                    Ok(_) => {}
                    Err(e) if is_transient(&e) => {}
                    Err(e) => {
                        if tls.is_handshaking() {
                            self.fail(format!("reading the handshake: {e}"));
                        }
                        return;
                    }
                }
                let handshaking = tls.is_handshaking();
                if let Err(e) = tls.process_new_packets() {
                    self.fail(e.to_string());
                    // rustls has queued the alert that says why: the client should get it.
                    self.flush(&mut tls);
                    return self.close_gracefully();
                }
                if handshaking && !tls.is_handshaking() {
                    self.note_handshake(&tls);
                }
                loop {
                    match tls.reader().read(&mut buf) {
                        Ok(0) => {
                            self.note(|i| i.client_close_notify = true);
                            client_eof = true;
                            break;
                        }
                        Ok(n) => to_backend.extend_from_slice(&buf[..n]),
                        Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                        // An end of stream without close_notify.
                        Err(_) => {
                            client_eof = true;
                            break;
                        }
                    }
                }
                if client_eof && tls.is_handshaking() {
                    self.fail("the client closed the connection during the handshake");
                    return;
                }
            }

            if client_ready & (libc::POLLOUT | libc::POLLHUP | libc::POLLERR) != 0
                && tls.wants_write()
            {
                match tls.write_tls(&mut self.client) {
                    Ok(_) => {}
                    Err(e) if is_transient(&e) => {}
                    // The client is gone; nothing more can reach it.
                    Err(_) => return,
                }
            }

            if backend_ready & (libc::POLLIN | libc::POLLHUP | libc::POLLERR) != 0
                && backend_events & libc::POLLIN != 0
            {
                match self.backend.read(&mut buf) {
                    Ok(0) => backend_eof = true,
                    Ok(n) => to_client.extend_from_slice(&buf[..n]),
                    Err(e) if is_transient(&e) => {}
                    Err(_) => {
                        // A reset: what the backend sent before it still goes out, then the
                        // client sees a reset too.
                        let _ = tls.writer().write_all(&to_client);
                        self.flush(&mut tls);
                        let _ = SockRef::from(&self.client).set_linger(Some(Duration::ZERO));
                        return;
                    }
                }
            }

            if backend_ready & (libc::POLLOUT | libc::POLLHUP | libc::POLLERR) != 0
                && !to_backend.is_empty()
            {
                match self.backend.write(&to_backend) {
                    Ok(n) => {
                        to_backend.drain(..n);
                    }
                    Err(e) if is_transient(&e) => {}
                    // The backend stopped reading; its side of the story comes as EOF or reset.
                    Err(_) => to_backend.clear(),
                }
            }
        }
    }

    fn note_handshake(&self, tls: &ServerConnection) {
        let version = tls.protocol_version().and_then(TlsVersion::from_rustls);
        let alpn = tls.alpn_protocol().map(<[u8]>::to_vec);
        let suite = tls
            .negotiated_cipher_suite()
            .map(|s| format!("{:?}", s.suite()));
        let resumed = tls.handshake_kind() == Some(HandshakeKind::Resumed);
        let client_cert = tls.peer_certificates().is_some_and(|c| !c.is_empty());
        let group = tls
            .negotiated_key_exchange_group()
            .map(|g| format!("{:?}", g.name()));
        self.note(|i| {
            i.handshake_done = true;
            i.kx_group = group;
            i.version = version;
            i.alpn = alpn;
            i.cipher_suite = suite;
            i.resumed = resumed;
            i.client_cert = client_cert;
        });
    }

    /// Write out what rustls has queued, waiting for the socket as needed (a bounded time).
    fn flush(&mut self, tls: &mut ServerConnection) {
        let _ = self.client.set_nonblocking(false);
        let _ = self.client.set_write_timeout(Some(DRAIN_LIMIT));
        while tls.wants_write() && !self.shared.stopped() {
            if tls.write_tls(&mut self.client).is_err() {
                break;
            }
        }
    }

    /// FIN to both sides, then read until the client closes too: closing with unread input
    /// would send a reset, and the client would see a different error than a plain close.
    fn close_gracefully(&mut self) {
        let _ = self.backend.shutdown(Shutdown::Write);
        let _ = self.client.shutdown(Shutdown::Write);
        let _ = self.client.set_nonblocking(false);
        let _ = self.client.set_read_timeout(Some(TICK));
        let mut sink = [0u8; 4096];
        let end = Instant::now() + DRAIN_LIMIT;
        while Instant::now() < end && !self.shared.stopped() {
            match self.client.read(&mut sink) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) if is_transient(&e) => {}
                Err(_) => break,
            }
        }
    }
}

/// Wait (at most a tick) until the two sockets are ready for the events asked of them; a
/// socket asked for nothing is left out, so its hang-up cannot make the wait spin.
fn poll2(a: (&TcpStream, i16), b: (&TcpStream, i16)) -> (i16, i16) {
    let pollfd = |(s, events): (&TcpStream, i16)| libc::pollfd {
        fd: if events == 0 { -1 } else { s.as_raw_fd() },
        events,
        revents: 0,
    };
    let mut fds = [pollfd(a), pollfd(b)];
    // SAFETY: poll on an array of two initialised pollfd that outlives the call.
    let n = unsafe { libc::poll(fds.as_mut_ptr(), 2, TICK.as_millis() as libc::c_int) };
    if n <= 0 {
        return (0, 0);
    }
    (fds[0].revents, fds[1].revents)
}

fn is_transient(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        ErrorKind::WouldBlock | ErrorKind::TimedOut | ErrorKind::Interrupted
    )
}

/// A scripted [`Server`] behind a [`TlsFront`]: an HTTPS server. Note that a
/// [`crate::Reply::templated`] reply names the plain backend (`http://127.0.0.1:PORT`), not
/// the front.
pub struct HttpsServer {
    // Dropped first: its connections end before the backend's.
    front: TlsFront,
    server: Server,
}

impl HttpsServer {
    pub fn start(script: impl Into<Script>, config: TlsFrontConfig) -> HttpsServer {
        let server = Server::start(script);
        let front = TlsFront::start(server.addr(), config);
        HttpsServer { front, server }
    }

    pub fn front(&self) -> &TlsFront {
        &self.front
    }

    /// The plain backend.
    pub fn server(&self) -> &Server {
        &self.server
    }

    pub fn port(&self) -> u16 {
        self.front.port()
    }

    /// `https://localhost:PORT` followed by `path`.
    pub fn url(&self, path: &str) -> String {
        self.front.url(path)
    }

    /// `https://127.0.0.1:PORT` followed by `path`.
    pub fn url_ip(&self, path: &str) -> String {
        self.front.url_ip(path)
    }

    pub fn requests(&self) -> Vec<Request> {
        self.server.requests()
    }

    pub fn connections(&self) -> Vec<TlsConnInfo> {
        self.front.connections()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_pads() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in cases {
            assert_eq!(base64(plain.as_bytes()), encoded, "{plain:?}");
        }
        assert_eq!(base64(&[0xfb, 0xff]), "+/8=");
    }
}
