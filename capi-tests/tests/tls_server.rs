//! The HTTPS test infrastructure itself (`src/tls.rs`): the generated PKI and the TLS front
//! before the scripted server, checked with a rustls client and, as a second opinion from
//! OpenSSL, with the system's curl tool.

use std::io::{self, Read, Write};
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use capi_tests::{
    missing, pki, ClientAuth, HttpsServer, Reply, Script, Server, ServerCert, TlsFront,
    TlsFrontConfig, TlsVersion,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName};
use rustls::{ClientConfig, ClientConnection, RootCertStore, StreamOwned};

const WAIT: Duration = Duration::from_secs(10);

fn https(script: impl Into<Script>, config: TlsFrontConfig) -> HttpsServer {
    HttpsServer::start(script, config)
}

/// A rustls client trusting `ca`, offering `http/1.1`, optionally with the client
/// certificate. One config keeps one session cache: its second connection may resume.
fn client(ca: CertificateDer<'static>, with_cert: bool) -> Arc<ClientConfig> {
    let mut roots = RootCertStore::empty();
    roots.add(ca).unwrap();
    let builder =
        ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_root_certificates(roots);
    let mut config = if with_cert {
        let pki = pki();
        let cert = CertificateDer::from(std::fs::read(pki.client_cert_der()).unwrap());
        let key = PrivateKeyDer::try_from(std::fs::read(pki.client_key_der()).unwrap()).unwrap();
        builder.with_client_auth_cert(vec![cert], key).unwrap()
    } else {
        builder.with_no_client_auth()
    };
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Arc::new(config)
}

/// `GET /` to `addr` over TLS for the server name `name` (an address sends no SNI); the
/// whole response, which must end with close_notify.
fn get(config: &Arc<ClientConfig>, addr: SocketAddr, name: &str) -> io::Result<String> {
    let tcp = TcpStream::connect(addr)?;
    tcp.set_read_timeout(Some(WAIT))?;
    let name = ServerName::try_from(name.to_string()).unwrap();
    let tls = ClientConnection::new(Arc::clone(config), name).unwrap();
    let mut stream = StreamOwned::new(tls, tcp);
    stream.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response)?;
    Ok(String::from_utf8_lossy(&response).into_owned())
}

fn v4(port: u16) -> SocketAddr {
    SocketAddr::from((Ipv4Addr::LOCALHOST, port))
}

#[test]
fn get_through_the_front_records_the_handshake_and_resumes() {
    for version in [TlsVersion::Tls12, TlsVersion::Tls13] {
        let s = https(
            Script::new().otherwise(Reply::ok("hello").then_close()),
            TlsFrontConfig::new().versions(&[version]),
        );
        let config = client(pki().ca_cert(), false);
        for _ in 0..2 {
            let response = get(&config, v4(s.port()), "localhost").unwrap();
            assert!(response.starts_with("HTTP/1.1 200 OK\r\n"), "{response}");
            assert!(response.ends_with("\r\n\r\nhello"), "{response}");
        }
        let conns = s.connections();
        assert_eq!(conns.len(), 2, "{version:?}: {conns:#?}");
        for (n, c) in conns.iter().enumerate() {
            assert!(c.handshake_done && c.error.is_none(), "{version:?}: {c:#?}");
            assert_eq!(c.sni.as_deref(), Some("localhost"));
            assert_eq!(c.alpn_offered, vec![b"http/1.1".to_vec()]);
            assert_eq!(c.alpn.as_deref(), Some(&b"http/1.1"[..]));
            assert_eq!(c.version, Some(version));
            assert!(c.cipher_suite.is_some());
            assert!(!c.client_cert);
            assert_eq!(c.resumed, n == 1, "{version:?}: connection {n} {c:#?}");
            assert_eq!(c.local, Some(v4(s.port())));
        }
        // Connection n of the front is connection n of the backend.
        let reqs = s.requests();
        assert_eq!(reqs.iter().map(|r| r.conn).collect::<Vec<_>>(), [0, 1]);
        assert!(reqs[0].text().starts_with("GET / HTTP/1.1\r\n"));
    }
}

#[test]
fn an_address_sends_no_sni_and_ipv6_reaches_the_front() {
    let s = https(
        Script::new().otherwise(Reply::ok("six").then_close()),
        TlsFrontConfig::new(),
    );
    let config = client(pki().ca_cert(), false);
    let response = get(&config, v4(s.port()), "127.0.0.1").unwrap();
    assert!(response.ends_with("six"), "{response}");
    assert_eq!(s.connections()[0].sni, None);
    assert!(s.url_ip("/x").starts_with("https://127.0.0.1:"));
    assert_eq!(s.url("/x"), format!("https://localhost:{}/x", s.port()));
    if s.front().has_ipv6() {
        let six = SocketAddr::from((Ipv6Addr::LOCALHOST, s.port()));
        let response = get(&config, six, "::1").unwrap();
        assert!(response.ends_with("six"), "{response}");
        assert_eq!(s.connections()[1].local, Some(six));
    }
}

#[test]
fn bad_certificates_fail_the_handshake_and_are_recorded() {
    let cases = [
        (ServerCert::Good, pki().other_ca_cert(), "UnknownIssuer"),
        (ServerCert::OtherCa, pki().ca_cert(), "UnknownIssuer"),
        (ServerCert::WrongName, pki().ca_cert(), "not valid for name"),
        (ServerCert::Expired, pki().ca_cert(), "expired"),
    ];
    for (cert, ca, why) in cases {
        let s = https(Reply::ok("never"), TlsFrontConfig::new().cert(cert));
        let err = get(&client(ca, false), v4(s.port()), "localhost").unwrap_err();
        assert!(err.to_string().contains(why), "{cert:?}: {err}");
        assert_eq!(s.front().wait_for_handshakes(1, WAIT), 1);
        let c = &s.connections()[0];
        assert!(!c.handshake_done, "{cert:?}: {c:#?}");
        let error = c.error.as_deref().unwrap_or_default();
        assert!(error.contains("received fatal alert"), "{cert:?}: {c:#?}");
        assert!(s.requests().is_empty());
    }
}

#[test]
fn client_certificates_are_checked_and_recorded() {
    let s = https(
        Script::new().otherwise(Reply::ok("authenticated").then_close()),
        TlsFrontConfig::new().client_auth(ClientAuth::Required),
    );
    let response = get(&client(pki().ca_cert(), true), v4(s.port()), "localhost").unwrap();
    assert!(response.ends_with("authenticated"), "{response}");
    assert!(s.connections()[0].client_cert);

    // TLS 1.3 clients learn of the refusal only after their side of the handshake.
    assert!(get(&client(pki().ca_cert(), false), v4(s.port()), "localhost").is_err());
    assert_eq!(s.front().wait_for_handshakes(2, WAIT), 2);
    let c = &s.connections()[1];
    assert!(
        !c.client_cert && !c.handshake_done && c.error.is_some(),
        "{c:#?}"
    );

    let s = https(
        Script::new().otherwise(Reply::ok("either way").then_close()),
        TlsFrontConfig::new().client_auth(ClientAuth::Optional),
    );
    for with_cert in [true, false] {
        let response = get(
            &client(pki().ca_cert(), with_cert),
            v4(s.port()),
            "localhost",
        );
        assert!(response.unwrap().ends_with("either way"));
    }
    let certs: Vec<bool> = s.connections().iter().map(|c| c.client_cert).collect();
    assert_eq!(certs, [true, false]);
}

#[test]
fn close_notify_can_be_left_out() {
    let s = https(
        Reply::ok("abrupt").then_close(),
        TlsFrontConfig::new().no_close_notify(),
    );
    let err = get(&client(pki().ca_cert(), false), v4(s.port()), "localhost").unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::UnexpectedEof, "{err}");
}

#[test]
fn large_bodies_cross_both_ways() {
    let body: Vec<u8> = (0..4_000_000u32).map(|i| (i % 251) as u8).collect();
    let s = https(Reply::ok(&body).then_close(), TlsFrontConfig::new());
    let tcp = TcpStream::connect(v4(s.port())).unwrap();
    tcp.set_read_timeout(Some(WAIT)).unwrap();
    let name = ServerName::try_from("localhost").unwrap();
    let tls = ClientConnection::new(client(pki().ca_cert(), false), name).unwrap();
    let mut stream = StreamOwned::new(tls, tcp);
    let upload = vec![b'u'; 3_000_000];
    let head = format!(
        "POST / HTTP/1.1\r\nContent-Length: {}\r\n\r\n",
        upload.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(&upload).unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    assert!(response.ends_with(&body), "{} bytes", response.len());
    assert_eq!(s.requests()[0].raw.len(), head.len() + upload.len());
}

#[test]
fn a_backend_reset_resets_the_client() {
    let s = https(Reply::ok("gone").then_reset(), TlsFrontConfig::new());
    let err = get(&client(pki().ca_cert(), false), v4(s.port()), "localhost").unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::ConnectionReset, "{err}");
}

#[test]
fn alpn_without_overlap_fails_the_handshake() {
    let s = https(Reply::ok("never"), TlsFrontConfig::new().alpn(&["h2"]));
    assert!(get(&client(pki().ca_cert(), false), v4(s.port()), "localhost").is_err());
    assert_eq!(s.front().wait_for_handshakes(1, WAIT), 1);
    let c = &s.connections()[0];
    assert_eq!(c.alpn_offered, vec![b"http/1.1".to_vec()]);
    // rustls says "peer doesn't support any known protocol" (no_application_protocol).
    assert!(!c.handshake_done && c.error.is_some(), "{c:#?}");
}

#[test]
fn the_pin_is_the_public_key_hash() {
    let pki = pki();
    let pin = pki.pin(ServerCert::Good);
    assert!(pin.starts_with("sha256//") && pin.len() == 8 + 44, "{pin}");
    assert_ne!(pin, pki.pin(ServerCert::OtherCa));
    let pem = std::fs::read_to_string(pki.server_pubkey(ServerCert::Good)).unwrap();
    assert!(pem.starts_with("-----BEGIN PUBLIC KEY-----"), "{pem}");
    for file in [
        "ca.der",
        "client.der",
        "client-key.der",
        "server-pubkey.der",
    ] {
        assert!(pki.path(file).is_file(), "{file}");
    }
}

#[test]
fn drop_stops_an_idle_connection_promptly() {
    let s = Server::start(Script::new().otherwise(Reply::ok("kept alive")));
    let front = TlsFront::start(s.addr(), TlsFrontConfig::new());
    let tcp = TcpStream::connect(v4(front.port())).unwrap();
    tcp.set_read_timeout(Some(WAIT)).unwrap();
    let tls = ClientConnection::new(
        client(pki().ca_cert(), false),
        ServerName::try_from("localhost").unwrap(),
    )
    .unwrap();
    let mut stream = StreamOwned::new(tls, tcp);
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .unwrap();
    let mut buf = [0u8; 256];
    assert!(stream.read(&mut buf).unwrap() > 0);
    let t = Instant::now();
    drop(front);
    assert!(t.elapsed() < Duration::from_secs(5));
}

/// The system's curl tool (OpenSSL): exit code and stdout, or None (skipped) without it.
fn curl(args: &[&str]) -> Option<(i32, String)> {
    let tool = Path::new("/usr/bin/curl");
    if !tool.is_file() {
        missing("/usr/bin/curl");
        return None;
    }
    let out = Command::new(tool)
        // No ~/.curlrc, no proxy from the environment.
        .args(["-q", "-sS", "--max-time", "20", "--noproxy", "*"])
        .args(args)
        .env_clear()
        .output()
        .expect("run curl");
    Some((
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    ))
}

fn path(p: PathBuf) -> String {
    p.to_str().unwrap().to_string()
}

#[test]
fn openssl_accepts_the_pki() {
    let pki = pki();
    let ca = path(pki.ca());
    let s = https(
        Script::new().otherwise(Reply::ok("hello").then_close()),
        TlsFrontConfig::new(),
    );
    let url = s.url("/");
    let good: &[&[&str]] = &[
        &["--cacert", &ca],
        &["--capath", &path(pki.ca_dir())],
        &["--cacert", &ca, "--pinnedpubkey", pki.pin(ServerCert::Good)],
        &[
            "--cacert",
            &ca,
            "--pinnedpubkey",
            &path(pki.server_pubkey(ServerCert::Good)),
        ],
        &[
            "--cacert",
            &ca,
            "--pinnedpubkey",
            &path(pki.server_pubkey_der(ServerCert::Good)),
        ],
    ];
    for args in good {
        let Some((code, body)) = curl(&[args, &[url.as_str()][..]].concat()) else {
            return;
        };
        assert_eq!((code, body.as_str()), (0, "hello"), "{args:?}");
    }
    let (code, _) = curl(&[
        "--cacert",
        &ca,
        "--pinnedpubkey",
        pki.pin(ServerCert::OtherCa),
        &url,
    ])
    .unwrap();
    assert_eq!(code, 90, "CURLE_SSL_PINNEDPUBKEYNOTMATCH");
    let conns = s.connections();
    assert!(
        conns.iter().all(|c| c.sni.as_deref() == Some("localhost")),
        "{conns:#?}"
    );

    for cert in [
        ServerCert::WrongName,
        ServerCert::Expired,
        ServerCert::OtherCa,
    ] {
        let s = https(Reply::ok("never"), TlsFrontConfig::new().cert(cert));
        let (code, _) = curl(&["--cacert", &ca, &s.url("/")]).unwrap();
        assert_eq!(code, 60, "{cert:?}: CURLE_PEER_FAILED_VERIFICATION");
        // curl checks the name itself after the handshake: the front may see it complete.
        assert_eq!(s.front().wait_for_handshakes(1, WAIT), 1);
        assert!(s.requests().is_empty(), "{cert:?}");
    }
    let (code, _) = curl(&["--cacert", &path(pki.other_ca()), &url]).unwrap();
    assert_eq!(code, 60);
}

#[test]
fn openssl_client_certificates_and_resumption() {
    let pki = pki();
    let ca = path(pki.ca());
    let s = https(
        Script::new().otherwise(Reply::ok("client").then_close()),
        TlsFrontConfig::new().client_auth(ClientAuth::Required),
    );
    let (cert, key) = (path(pki.client_cert()), path(pki.client_key()));
    let (cert_der, key_der) = (path(pki.client_cert_der()), path(pki.client_key_der()));
    let url = s.url("/");
    let pem = ["--cacert", &ca, "--cert", &cert, "--key", &key, &url];
    let Some((code, body)) = curl(&pem) else {
        return;
    };
    assert_eq!((code, body.as_str()), (0, "client"));
    let der = [
        "--cacert",
        &ca,
        "--cert",
        &cert_der,
        "--cert-type",
        "DER",
        "--key",
        &key_der,
        "--key-type",
        "DER",
        &url,
    ];
    let (code, body) = curl(&der).unwrap();
    assert_eq!((code, body.as_str()), (0, "client"));
    assert!(s.connections().iter().all(|c| c.client_cert));

    for version in [TlsVersion::Tls12, TlsVersion::Tls13] {
        let s = https(
            Script::new().otherwise(Reply::ok("again").then_close()),
            TlsFrontConfig::new().versions(&[version]),
        );
        let url = s.url("/");
        let (code, body) = curl(&["--cacert", &ca, &url, &url]).unwrap();
        assert_eq!((code, body.as_str()), (0, "againagain"));
        let resumed: Vec<bool> = s.connections().iter().map(|c| c.resumed).collect();
        assert_eq!(resumed, [false, true], "{version:?}");
        assert!(s.connections().iter().all(|c| c.version == Some(version)));
    }
}
