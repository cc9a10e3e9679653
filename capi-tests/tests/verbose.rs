//! What `CURLOPT_VERBOSE` with a `CURLOPT_DEBUGFUNCTION` shows (`c/verbose.c`): every call,
//! in order, for the same transfer on the system libcurl and on ours, which must print the
//! same. The program masks only what differs from run to run (pointers, milliseconds), and
//! leaves out, counting them on stderr, what belongs to OpenSSL: the `CURLINFO_SSL_DATA_*`
//! calls and the protocol trace lines of OpenSSL's message callback (see the README's
//! differences).

use capi_tests::{pki, ready, Case, Pair, RefusedPort, Reply, Script, TlsFrontConfig, TlsVersion};

fn verbose(mode: &str, url: &str, script: Script) -> Option<Pair> {
    if !ready() {
        return None;
    }
    let pair = Case::new("verbose")
        .args(&[mode, url])
        .server(script)
        .differential();
    println!("{}", pair.stdout());
    Some(pair)
}

#[test]
fn plain_get() {
    verbose("get", "{url}/p", Script::new().reply(Reply::ok("hello")));
}

#[test]
fn get_closed_by_the_server() {
    verbose(
        "get",
        "{url}/p",
        Script::new().reply(Reply::ok("hello").then_close()),
    );
}

#[test]
fn chunked_response() {
    verbose(
        "get",
        "{url}/c",
        Script::new().reply(Reply::chunked(&["abc", "defgh"])),
    );
}

#[test]
fn two_gets_reuse_the_connection() {
    if let Some(p) = verbose(
        "reuse",
        "{url}/p",
        Script::new()
            .reply(Reply::ok("one"))
            .reply(Reply::ok("two")),
    ) {
        p.assert_connections(&[0, 0]);
    }
}

#[test]
fn post_fields_go_out_as_data() {
    verbose("post", "{url}/form", Script::new().reply(Reply::ok("done")));
}

#[test]
fn chunked_upload_from_a_read_callback() {
    verbose(
        "upload",
        "{url}/up",
        Script::new().reply(Reply::ok("stored")),
    );
}

#[test]
fn upload_of_known_size() {
    verbose(
        "sized",
        "{url}/up",
        Script::new().reply(Reply::ok("stored")),
    );
}

#[test]
fn get_through_an_http_proxy() {
    if !ready() {
        return;
    }
    let p = Case::new("verbose")
        .args(&["proxy", "http://origin.test/p", "{url}"])
        .server(Script::new().reply(Reply::ok("proxied")))
        .differential();
    println!("{}", p.stdout());
}

#[test]
fn redirect_followed() {
    verbose(
        "redirect",
        "{url}/from",
        Script::new()
            .route("/from", Reply::redirect(302, "/to"))
            .route("/to", Reply::ok("here")),
    );
}

#[test]
fn failonerror_404_sends_the_error_as_text() {
    verbose(
        "fail",
        "{url}/missing",
        Script::new().reply(Reply::status(404, &[], "not here")),
    );
}

#[test]
fn refused_connection() {
    let refused = RefusedPort::new();
    verbose("error", &refused.url("/"), Script::new());
}

#[test]
fn unresolvable_host() {
    if !ready() {
        return;
    }
    Case::new("verbose")
        .args(&["error", "http://nonexistent.invalid/"])
        .no_network()
        .differential();
}

#[test]
fn https_get() {
    https("https", TlsFrontConfig::new());
}

#[test]
fn https_get_unverified() {
    https("insecure", TlsFrontConfig::new());
}

#[test]
fn https_get_over_tls12() {
    https(
        "https",
        TlsFrontConfig::new().versions(&[TlsVersion::Tls12]),
    );
}

fn https(mode: &str, front: TlsFrontConfig) {
    if !ready() {
        return;
    }
    let ca = pki().ca().display().to_string();
    let dir = pki().ca_dir().display().to_string();
    let p = Case::new("verbose")
        .args(&[mode, "{url}/secure", &ca, &dir])
        .server(Script::new().reply(Reply::ok("secret")))
        .tls(front)
        .differential();
    println!("{}", p.stdout());
    // What the program left out: OpenSSL's record bytes and protocol trace on the system
    // library, nothing on ours.
    assert!(
        !p.system.stderr().contains("ssl data calls: 0\n")
            && !p.system.stderr().contains("openssl trace lines: 0\n"),
        "{}",
        p.system.stderr()
    );
    if let Some(ours) = &p.ours {
        assert!(
            ours.stderr()
                .contains("ssl data calls: 0\nopenssl trace lines: 0\n"),
            "{}",
            ours.stderr()
        );
    }
}
