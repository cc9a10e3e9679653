//! HTTPS with `c/https.c`: each case runs on the system libcurl (OpenSSL) and on ours
//! (rustls), each against its own scripted server behind a TLS front with certificates
//! made for the test, and both must print the same, unless a case says why not. The
//! front's records show what went over TLS (SNI, ALPN, resumed sessions, client
//! certificates).

use std::time::Duration;

use capi_tests::{
    first_difference, pki, ready, ClientAuth, Flavour, HttpsServer, Ocsp, Outcome, Reply, Script,
    ServerCert, TlsConnInfo, TlsFrontConfig, TlsVersion,
};

/// One library's run and the server it talked to.
struct Run {
    out: Outcome,
    server: HttpsServer,
}

impl Run {
    /// stdout with the port replaced, and the error buffer's text hidden where it is the TLS
    /// library's own (all but certificate problems, whose texts we keep as OpenSSL's, and
    /// issuer and OCSP status failures, whose texts are libcurl's).
    fn stdout(&self) -> String {
        let text = self
            .out
            .stdout()
            .replace(&self.server.port().to_string(), "{port}");
        let mut code = 0;
        let mut out = String::new();
        for line in text.lines() {
            if let Some(c) = line.split(": ").nth(1).and_then(|r| r.split(" (").next()) {
                if !line.starts_with(' ') {
                    code = c.parse().unwrap_or(code);
                }
            }
            if line.starts_with("  error buffer") && ![0, 60, 83, 91].contains(&code) {
                out.push_str("  error buffer (the TLS library's text)\n");
            } else {
                out.push_str(line);
                out.push('\n');
            }
        }
        out
    }

    /// The TLS connections the front saw, once every handshake has settled.
    fn tls(&self) -> Vec<TlsConnInfo> {
        let n = self.server.connections().len();
        self.server
            .front()
            .wait_for_handshakes(n, Duration::from_secs(5));
        self.server.connections()
    }
}

/// Runs `https MODE URL CA ARGS...` on one library with a fresh server; `url` picks the
/// server's URL, `args` may name the server's port as `{port}`.
fn run_one(
    flavour: Flavour,
    mode: &str,
    args: &[String],
    script: &Script,
    config: &TlsFrontConfig,
    url: fn(&HttpsServer) -> String,
) -> Run {
    let server = HttpsServer::start(script.clone(), config.clone());
    let mut all = vec![
        mode.to_string(),
        url(&server),
        pki().ca().display().to_string(),
    ];
    all.extend(args.iter().cloned());
    let all: Vec<&str> = all.iter().map(String::as_str).collect();
    let out = capi_tests::Case::new("https").args(&all).run(flavour);
    out.assert_status(0);
    Run { out, server }
}

struct Pair {
    system: Run,
    ours: Run,
}

fn pair_with(
    mode: &str,
    args: &[String],
    script: Script,
    config: TlsFrontConfig,
    url: fn(&HttpsServer) -> String,
) -> Option<Pair> {
    if !ready() {
        return None;
    }
    let system = run_one(Flavour::System, mode, args, &script, &config, url);
    let ours = run_one(Flavour::Ours, mode, args, &script, &config, url);
    println!(
        "==== system\n{}\n==== ours\n{}",
        system.out.stdout(),
        ours.out.stdout()
    );
    Some(Pair { system, ours })
}

fn ok_script() -> Script {
    Script::new().otherwise(Reply::ok("secret"))
}

fn by_name(s: &HttpsServer) -> String {
    s.url("/x")
}

/// Both libraries, the default front, and the same stdout required.
fn same(mode: &str, args: &[&str], config: TlsFrontConfig) -> Option<Pair> {
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    let p = pair_with(mode, &args, ok_script(), config, by_name)?;
    let (s, o) = (p.system.stdout(), p.ours.stdout());
    assert!(s == o, "stdout differs: {}", first_difference(&s, &o));
    Some(p)
}

fn path(p: std::path::PathBuf) -> String {
    p.display().to_string()
}

#[test]
fn get_verifies_the_server_and_sends_sni_and_alpn() {
    let Some(p) = same("get", &[], TlsFrontConfig::new()) else {
        return;
    };
    assert!(p
        .ours
        .stdout()
        .contains("code 200, connects 1, verify result 0"));
    assert!(p.ours.stdout().contains("body \"secret\""));
    let tls = p.ours.tls();
    assert_eq!(tls.len(), 1);
    assert_eq!(tls[0].sni.as_deref(), Some("localhost"));
    assert_eq!(tls[0].alpn.as_deref(), Some(&b"http/1.1"[..]));
    let request = |r: &Run| {
        r.server.requests()[0]
            .text()
            .replace(&r.server.port().to_string(), "{port}")
    };
    assert_eq!(request(&p.ours), request(&p.system));
}

#[test]
fn no_sni_for_an_ip_address() {
    let Some(p) = pair_with(
        "get",
        &[],
        ok_script(),
        TlsFrontConfig::new(),
        |s: &HttpsServer| s.url_ip("/x"),
    ) else {
        return;
    };
    assert_eq!(p.system.stdout(), p.ours.stdout());
    assert!(p.ours.stdout().contains("code 200"));
    assert_eq!(p.ours.tls()[0].sni, None);
}

#[test]
fn unknown_issuer_fails_verification() {
    let Some(p) = same("get", &[], TlsFrontConfig::new().cert(ServerCert::OtherCa)) else {
        return;
    };
    assert!(p.ours.stdout().contains("get: 60 ("));
    assert!(p
        .ours
        .stdout()
        .contains("unable to get local issuer certificate"));
    assert!(p.ours.server.requests().is_empty());
}

#[test]
fn expired_certificate_fails_verification() {
    let Some(p) = same("get", &[], TlsFrontConfig::new().cert(ServerCert::Expired)) else {
        return;
    };
    assert!(p.ours.stdout().contains("certificate has expired"));
    assert!(p.ours.stdout().contains("verify result 10"));
}

#[test]
fn wrong_name_fails_verification() {
    let Some(p) = same(
        "get",
        &[],
        TlsFrontConfig::new().cert(ServerCert::WrongName),
    ) else {
        return;
    };
    assert!(p.ours.stdout().contains("get: 60 ("));
    assert!(p.ours.server.requests().is_empty());
}

#[test]
fn the_default_bundle_does_not_trust_the_test_ca() {
    let Some(p) = same("default_ca", &[], TlsFrontConfig::new()) else {
        return;
    };
    assert!(p.ours.stdout().contains("get: 60 ("));
}

#[test]
fn verifyhost_off_accepts_a_wrong_name_only() {
    let wrong = TlsFrontConfig::new().cert(ServerCert::WrongName);
    let Some(p) = same("verify", &["1", "0"], wrong.clone()) else {
        return;
    };
    assert!(p.ours.stdout().contains("code 200"));
    let Some(p) = same(
        "verify",
        &["1", "0"],
        TlsFrontConfig::new().cert(ServerCert::OtherCa),
    ) else {
        return;
    };
    assert!(p.ours.stdout().contains("verify: 60 ("));
    // VERIFYHOST 1 is 2 in 7.88.1.
    let Some(p) = same("verify", &["1", "1"], wrong) else {
        return;
    };
    assert!(p.ours.stdout().contains("verify: 60 ("));
}

#[test]
fn verifypeer_off_still_checks_the_name() {
    let Some(p) = same(
        "verify",
        &["0", "2"],
        TlsFrontConfig::new().cert(ServerCert::OtherCa),
    ) else {
        return;
    };
    assert!(p.ours.stdout().contains("code 200"));
    let Some(p) = same(
        "verify",
        &["0", "2"],
        TlsFrontConfig::new().cert(ServerCert::WrongName),
    ) else {
        return;
    };
    assert!(p.ours.stdout().contains("verify: 60 ("));
    let Some(p) = same(
        "verify",
        &["0", "0"],
        TlsFrontConfig::new().cert(ServerCert::WrongName),
    ) else {
        return;
    };
    assert!(p.ours.stdout().contains("code 200"));
}

#[test]
fn ca_from_a_blob_and_a_directory() {
    let Some(p) = same("blob", &[], TlsFrontConfig::new()) else {
        return;
    };
    assert!(p.ours.stdout().contains("code 200"));
    let dir = path(pki().ca_dir());
    let Some(p) = same("capath", &[&dir], TlsFrontConfig::new()) else {
        return;
    };
    assert!(p.ours.stdout().contains("code 200"));
}

#[test]
fn a_missing_ca_file_is_cacert_badfile() {
    let Some(p) = same("bad_cainfo", &[], TlsFrontConfig::new()) else {
        return;
    };
    assert!(p.ours.stdout().contains("bad cainfo: 77 ("));
}

#[test]
fn pinned_keys_by_hash_and_file() {
    let good = pki().pin(ServerCert::Good).to_string();
    let other = pki().pin(ServerCert::OtherCa).to_string();
    for (pin, code) in [
        (good.clone(), "pin: 0 ("),
        (format!("{other};{good}"), "pin: 0 ("),
        (other, "pin: 90 ("),
        (path(pki().server_pubkey(ServerCert::Good)), "pin: 0 ("),
        (path(pki().server_pubkey_der(ServerCert::Good)), "pin: 0 ("),
        (path(pki().server_pubkey(ServerCert::OtherCa)), "pin: 90 ("),
        ("/nonexistent/key.pem".to_string(), "pin: 90 ("),
    ] {
        let Some(p) = same("pin", &[&pin], TlsFrontConfig::new()) else {
            return;
        };
        assert!(p.ours.stdout().contains(code), "{pin}");
    }
}

#[test]
fn client_certificates_in_pem_der_and_blobs() {
    let required = || TlsFrontConfig::new().client_auth(ClientAuth::Required);
    let (cert, key) = (path(pki().client_cert()), path(pki().client_key()));
    let (cert_der, key_der) = (path(pki().client_cert_der()), path(pki().client_key_der()));
    for args in [[&cert, &key, "PEM"], [&cert_der, &key_der, "DER"]] {
        let Some(p) = same("client", &args, required()) else {
            return;
        };
        assert!(p.ours.stdout().contains("code 200"), "{args:?}");
        assert!(p.ours.tls()[0].client_cert);
    }
    let Some(p) = same("client_blob", &[&cert, &key], required()) else {
        return;
    };
    assert!(p.ours.stdout().contains("code 200"));
    let Some(p) = same("client", &["/nonexistent/c.pem", "-", "PEM"], required()) else {
        return;
    };
    assert!(p.ours.stdout().contains(": 58 ("));
}

#[test]
fn sslversion_minimums_and_maximums() {
    // CURL_SSLVERSION_TLSv1_1 (a minimum) and TLSv1_2 with MAX_TLSv1_2 succeed; TLSv1_3
    // against a TLS 1.2-only server fails.
    let only12 = || TlsFrontConfig::new().versions(&[TlsVersion::Tls12]);
    for value in ["5", "6", &((6 << 16) | 6).to_string()] {
        let Some(p) = same("sslversion", &[value], only12()) else {
            return;
        };
        assert!(p.ours.stdout().contains("code 200"), "{value}");
    }
    let Some(p) = same("sslversion", &["7"], only12()) else {
        return;
    };
    assert!(p.ours.stdout().contains("sslversion: 35 ("));
}

#[test]
fn a_maximum_below_tls12_fails_at_connect() {
    // OpenSSL would still speak TLS 1.1 where its configuration allows; rustls cannot.
    let Some(p) = pair_with(
        "sslversion",
        &[((5 << 16) | 1).to_string()],
        ok_script(),
        TlsFrontConfig::new(),
        by_name,
    ) else {
        return;
    };
    assert!(p.ours.stdout().contains("sslversion: 35 ("));
    assert!(p.ours.server.requests().is_empty());
}

#[test]
fn cipher_lists_choose_suites() {
    let only12 = || TlsFrontConfig::new().versions(&[TlsVersion::Tls12]);
    let Some(p) = same("ciphers", &["ECDHE-ECDSA-AES128-GCM-SHA256", "-"], only12()) else {
        return;
    };
    assert!(p.ours.stdout().contains("code 200"));
    let suite = p.ours.tls()[0].cipher_suite.clone();
    assert!(
        suite.as_deref().unwrap_or_default().contains("AES_128_GCM"),
        "{suite:?}"
    );
    let Some(p) = same(
        "ciphers",
        &["-", "TLS_CHACHA20_POLY1305_SHA256"],
        TlsFrontConfig::new(),
    ) else {
        return;
    };
    assert!(p.ours.stdout().contains("code 200"));
    let Some(p) = same("ciphers", &["NO-SUCH-CIPHER", "-"], only12()) else {
        return;
    };
    assert!(p.ours.stdout().contains("ciphers: 59 ("));
}

#[test]
fn connections_are_reused_only_with_the_same_tls_settings() {
    let Some(p) = same("reuse", &[], TlsFrontConfig::new()) else {
        return;
    };
    let connects: Vec<&str> = p
        .ours
        .stdout()
        .lines()
        .filter_map(|l| l.split("connects ").nth(1))
        .map(|l| &l[..1])
        .collect::<Vec<_>>()
        .into_iter()
        .map(|s| if s == "1" { "new" } else { "reused" })
        .collect();
    assert_eq!(connects, ["new", "reused", "new", "reused"]);
}

#[test]
fn sessions_resume_only_through_a_share() {
    for (share, resumed) in [("share", true), ("none", false)] {
        let Some(p) = same("sessions", &[share], TlsFrontConfig::new()) else {
            return;
        };
        for run in [&p.system, &p.ours] {
            let tls = run.tls();
            assert_eq!(tls.len(), 2, "{share}");
            assert!(!tls[0].resumed);
            assert_eq!(tls[1].resumed, resumed, "{share}");
        }
    }
}

#[test]
fn a_multi_runs_https_transfers_at_once() {
    let Some(p) = same("multi", &["6"], TlsFrontConfig::new()) else {
        return;
    };
    assert!(p.ours.stdout().contains("multi: 6 of 6 transfers done"));
}

#[test]
fn a_close_delimited_body_without_close_notify() {
    let script =
        Script::new().otherwise(Reply::raw("HTTP/1.1 200 OK\r\n\r\nuntil the end").then_close());
    for config in [
        TlsFrontConfig::new(),
        TlsFrontConfig::new().no_close_notify(),
    ] {
        let Some(p) = pair_with("get", &[], script.clone(), config, by_name) else {
            return;
        };
        assert_eq!(p.system.stdout(), p.ours.stdout());
    }
}

#[test]
fn appconnect_time_and_the_backend_are_reported() {
    let Some(p) = same("info", &[], TlsFrontConfig::new()) else {
        return;
    };
    assert!(p.ours.stdout().contains("appconnect after connect: yes"));
    assert!(p.ours.stdout().contains("tls backend set"));
}

#[test]
fn revocation_lists() {
    let revoking = path(pki().crl(true));
    let Some(p) = same("crl", &[&revoking], TlsFrontConfig::new()) else {
        return;
    };
    assert!(p.ours.stdout().contains("crl: 60 ("));
    assert!(p.ours.stdout().contains("certificate revoked"));
    let empty = path(pki().crl(false));
    let Some(p) = same("crl", &[&empty], TlsFrontConfig::new()) else {
        return;
    };
    assert!(p.ours.stdout().contains("code 200"));
    let Some(p) = same("crl", &["/nonexistent/crl.pem"], TlsFrontConfig::new()) else {
        return;
    };
    assert!(p.ours.stdout().contains("crl: 82 ("));
}

/// Records of 16 KiB decrypted into 1 KiB reads: what rustls holds is read before the
/// transfer waits on the socket again.
#[test]
fn a_big_body_through_a_small_buffer() {
    let body: Vec<u8> = (0..300_000u32).map(|i| (i * 7 % 251) as u8).collect();
    let script = Script::new().otherwise(Reply::ok(&body));
    let Some(p) = pair_with("small_buffer", &[], script, TlsFrontConfig::new(), by_name) else {
        return;
    };
    assert_eq!(p.system.stdout(), p.ours.stdout());
    assert!(p.ours.stdout().contains("300000 body bytes"));
}

#[test]
fn interface_binding_over_tls() {
    let Some(p) = same("interface", &["if!lo"], TlsFrontConfig::new()) else {
        return;
    };
    assert!(p.ours.stdout().contains("code 200"));
}

#[test]
fn a_handle_resumes_its_session_on_a_new_connection() {
    let Some(p) = same("fresh", &[], TlsFrontConfig::new()) else {
        return;
    };
    for run in [&p.system, &p.ours] {
        let tls = run.tls();
        assert_eq!(tls.len(), 2);
        assert!(tls[1].resumed, "the second connection resumes");
    }
}

#[test]
fn no_resumption_without_the_session_cache() {
    let Some(p) = same("fresh", &["nocache"], TlsFrontConfig::new()) else {
        return;
    };
    for run in [&p.system, &p.ours] {
        let tls = run.tls();
        assert_eq!(tls.len(), 2);
        assert!(!tls[1].resumed);
    }
}

#[test]
fn alpn_can_be_turned_off() {
    let Some(p) = same("no_alpn", &[], TlsFrontConfig::new()) else {
        return;
    };
    assert!(p.ours.stdout().contains("code 200"));
    for run in [&p.system, &p.ours] {
        assert!(run.tls()[0].alpn_offered.is_empty());
    }
}

#[test]
fn ec_curves_choose_the_key_exchange_group() {
    let only = |g: &'static str| TlsFrontConfig::new().groups(&[g]);
    let Some(p) = same("curves", &["X25519:P-384"], only("secp384r1")) else {
        return;
    };
    assert!(p.ours.stdout().contains("code 200"));
    for run in [&p.system, &p.ours] {
        assert_eq!(run.tls()[0].kx_group.as_deref(), Some("secp384r1"));
    }
    let Some(p) = same("curves", &["prime256v1"], only("secp256r1")) else {
        return;
    };
    assert!(p.ours.stdout().contains("code 200"));
    // A list the server cannot meet fails the handshake.
    let Some(p) = same("curves", &["P-384"], only("X25519")) else {
        return;
    };
    assert!(p.ours.stdout().contains("curves: 35 ("));
}

#[test]
fn ec_curves_names_openssl_refuses() {
    for list in ["bogus", "p-256", "X25519,P-256", "X25519:x25519"] {
        let Some(p) = same("curves", &[list], TlsFrontConfig::new()) else {
            return;
        };
        let text = format!("error buffer \"failed setting curves list: '{list}'\"");
        for run in [&p.system, &p.ours] {
            assert!(run.out.stdout().contains("curves: 59 ("), "{list}");
            assert!(run.out.stdout().contains(&text), "{list}");
        }
        assert!(p.ours.server.requests().is_empty());
    }
}

#[test]
fn issuercert_must_have_issued_the_server_certificate() {
    let ca = path(pki().ca());
    let other = path(pki().other_ca());
    for (mode, file, code) in [
        ("issuer", &ca, "issuer: 0 ("),
        ("issuer", &other, "issuer: 83 ("),
        ("issuer_blob", &ca, "issuer blob: 0 ("),
        ("issuer_blob", &other, "issuer blob: 83 ("),
    ] {
        let Some(p) = same(mode, &[file], TlsFrontConfig::new()) else {
            return;
        };
        assert!(p.ours.stdout().contains(code), "{mode} {file}");
    }
    // The other CA's own server passes the issuer check but not the chain check.
    let Some(p) = same(
        "issuer",
        &[&other],
        TlsFrontConfig::new().cert(ServerCert::OtherCa),
    ) else {
        return;
    };
    assert!(p.ours.stdout().contains("issuer: 60 ("));
}

#[test]
fn issuercert_files_that_cannot_be_used() {
    let leaf = path(pki().server_cert(ServerCert::Good));
    let der = path(pki().ca_der());
    for (file, text) in [
        ("/nonexistent/issuer.pem", "Unable to open issuer cert"),
        (der.as_str(), "Unable to read issuer cert"),
        // The server's own certificate did not issue itself.
        (leaf.as_str(), "Certificate issuer check failed"),
    ] {
        let Some(p) = same("issuer", &[file], TlsFrontConfig::new()) else {
            return;
        };
        assert!(p.ours.stdout().contains("issuer: 83 ("), "{file}");
        assert!(p.ours.stdout().contains(text), "{file}");
        assert!(p.ours.server.requests().is_empty());
    }
}

#[test]
fn issuercert_is_checked_without_verification_too() {
    let other = path(pki().other_ca());
    let Some(p) = same("issuer_unverified", &[&other], TlsFrontConfig::new()) else {
        return;
    };
    assert!(p.ours.stdout().contains("issuer unverified: 83 ("));
    let ca = path(pki().ca());
    let Some(p) = same("issuer_unverified", &[&ca], TlsFrontConfig::new()) else {
        return;
    };
    assert!(p.ours.stdout().contains("code 200"));
}

#[test]
fn certinfo_reports_the_chain_as_openssl_does() {
    let Some(p) = same("certinfo", &[], TlsFrontConfig::new()) else {
        return;
    };
    let out = p.ours.stdout();
    assert!(out.contains("certinfo before: 0 certificates"));
    assert!(out.contains("certinfo after the first: 1 certificates"));
    // The second transfer reuses the connection: no handshake, no certificates.
    assert!(out.contains("certinfo after the second: 0 certificates"));
    for field in [
        "\"Subject:CN = localhost\"",
        "\"Issuer:CN = rcurl test CA, O = rcurl tests\"",
        "\"Version:2\"",
        "\"Serial Number:03e8\"",
        "\"Signature Algorithm:ecdsa-with-SHA256\"",
        "\"Public Key Algorithm:id-ecPublicKey\"",
        "\"Cert:-----BEGIN CERTIFICATE-----\\n",
    ] {
        assert!(out.contains(field), "{field} in\n{out}");
    }
}

#[test]
fn certinfo_of_a_chain_of_two() {
    let Some(p) = same("certinfo", &[], TlsFrontConfig::new().with_chain()) else {
        return;
    };
    let out = p.ours.stdout();
    assert!(out.contains("certinfo after the first: 2 certificates"));
    assert!(out.contains("\"Subject:CN = rcurl test CA, O = rcurl tests\""));
    assert!(out.contains("\"X509v3 Basic Constraints:CA:TRUE\""));
}

#[test]
fn no_certinfo_unless_asked() {
    let Some(p) = same("certinfo", &["off"], TlsFrontConfig::new()) else {
        return;
    };
    assert!(p
        .ours
        .stdout()
        .contains("certinfo after the second: 0 certificates"));
}

#[test]
fn verifystatus_needs_a_good_stapled_response() {
    let chained = || TlsFrontConfig::new().with_chain();
    for (config, outcome) in [
        (chained().ocsp(Ocsp::Good), "status: 0 ("),
        (chained(), "No OCSP response received"),
        (
            chained().ocsp(Ocsp::Revoked),
            "SSL certificate revocation reason: keyCompromise (1)",
        ),
        (chained().ocsp(Ocsp::Expired), "OCSP response has expired"),
        (
            chained().ocsp(Ocsp::OtherSigner),
            "OCSP response verification failed",
        ),
        (chained().ocsp(Ocsp::Unknown), "status: 91 ("),
        (chained().ocsp(Ocsp::Delegated), "status: 0 ("),
        // Without the issuer in the chain the signer cannot be found.
        (
            TlsFrontConfig::new().ocsp(Ocsp::Good),
            "OCSP response verification failed",
        ),
    ] {
        let Some(p) = same("status", &[], config) else {
            return;
        };
        assert!(p.ours.stdout().contains(outcome), "{outcome}");
    }
}

#[test]
fn verifystatus_without_peer_verification() {
    let config = TlsFrontConfig::new().with_chain().ocsp(Ocsp::Good);
    let Some(p) = same("status", &["unverified"], config) else {
        return;
    };
    assert!(p.ours.stdout().contains("status: 91 ("));
}

#[test]
fn an_unverified_chain_ending_in_its_root_reports_19() {
    let Some(p) = same("verify", &["0", "0"], TlsFrontConfig::new().with_chain()) else {
        return;
    };
    assert!(p.ours.stdout().contains("verify result 19"));
}
