//! HTTP proxies with `c/proxy.c`, on both libraries: the test server plays the proxy (and
//! the origin, for requests that go direct), and both libraries must send the same bytes
//! and print the same results.

use capi_tests::{ready, Case, Pair, RefusedPort, Reply, Script};

fn run(mode: &str, extra: &[&str], script: Script) -> Option<Pair> {
    if !ready() {
        return None;
    }
    let mut args = vec![mode, "{port}"];
    args.extend_from_slice(extra);
    let pair = Case::new("proxy").args(&args).server(script).differential();
    pair.show();
    pair.assert_same_requests();
    Some(pair)
}

fn established() -> Reply {
    Reply::raw("HTTP/1.1 200 Connection established\r\n\r\n")
}

#[test]
fn forwarded_requests_carry_the_absolute_url() {
    let Some(p) = run(
        "forward",
        &[],
        Script::new().otherwise(Reply::ok("via proxy")),
    ) else {
        return;
    };
    p.assert_requests(&[
        "GET http://origin.test:{port}/one HTTP/1.1\r\nHost: origin.test:{port}\r\n\
         Accept: */*\r\nProxy-Connection: Keep-Alive\r\n\r\n",
        "GET http://other.test:81/two?q=1 HTTP/1.1\r\nHost: other.test:81\r\n\
         Accept: */*\r\nProxy-Connection: Keep-Alive\r\n\r\n",
        "GET http://origin.test:{port}/three HTTP/1.1\r\nHost: origin.test:{port}\r\n\
         Proxy-Authorization: Basic cHJveHl1c2VyOnByb3h5IHNlY3JldA==\r\n\
         Authorization: Basic dXNlcjpzZWNyZXQ=\r\nAccept: */*\r\n\
         Proxy-Connection: Keep-Alive\r\n\r\n",
        "GET http://origin.test:{port}/four HTTP/1.1\r\nHost: origin.test:{port}\r\n\
         Accept: */*\r\nProxy-Connection: Keep-Alive\r\n\r\n",
    ]);
    // Any origin rides on the proxy connection; new credentials make a new one.
    p.assert_connections(&[0, 0, 1, 2]);
}

#[test]
fn environment_proxy_and_noproxy() {
    let Some(p) = run("env", &[], Script::new().otherwise(Reply::ok("fine"))) else {
        return;
    };
    let texts = p.system.request_texts();
    assert!(texts[0].starts_with("GET http://origin.test:{port}/env HTTP/1.1\r\n"));
    assert!(texts[1].starts_with("GET /direct HTTP/1.1\r\n"));
    assert!(texts[2].starts_with("GET /off HTTP/1.1\r\n"));
}

#[test]
fn tunnel_through_connect() {
    let script = Script::new()
        .reply(established())
        .otherwise(Reply::ok("tunnelled"));
    let Some(p) = run("tunnel", &[], script) else {
        return;
    };
    p.assert_requests(&[
        "CONNECT origin.test:{port} HTTP/1.1\r\nHost: origin.test:{port}\r\n\
         Proxy-Authorization: Basic dHVubmVsbGVyOnB3\r\nUser-Agent: proxy-test/1\r\n\
         Proxy-Connection: Keep-Alive\r\n\r\n",
        "GET /tunnelled HTTP/1.1\r\nHost: origin.test:{port}\r\n\
         User-Agent: proxy-test/1\r\nAccept: */*\r\n\r\n",
        "GET /again HTTP/1.1\r\nHost: origin.test:{port}\r\n\
         User-Agent: proxy-test/1\r\nAccept: */*\r\n\r\n",
    ]);
    p.assert_connections(&[0, 0, 0]);
    assert!(p.stdout().contains("connect code 200"));
    assert!(p.stdout().contains("HTTP/1.1 200 Connection established"));
}

#[test]
fn suppressed_connect_headers() {
    let script = Script::new()
        .reply(established())
        .otherwise(Reply::ok("tunnelled"));
    let Some(p) = run("suppress", &[], script) else {
        return;
    };
    assert!(!p.stdout().contains("Connection established"));
}

#[test]
fn refused_connect_is_a_receive_error() {
    let refusal = Reply::status(
        407,
        &[("Proxy-Authenticate", "Basic realm=\"proxy\"")],
        "go away",
    );
    let Some(p) = run("refused", &[], Script::new().otherwise(refusal)) else {
        return;
    };
    assert!(p
        .stdout()
        .contains("CONNECT refused: rc 56, code 0, connect code 407"));
    assert!(p.stdout().contains("proxyauth avail 1"));
    assert!(p
        .stdout()
        .contains("error: CONNECT tunnel failed, response 407"));
}

#[test]
fn proxy_headers_separate_and_unified() {
    let script = Script::new()
        .reply(Reply::ok("1"))
        .reply(Reply::ok("2"))
        .reply(established())
        .reply(Reply::ok("3"))
        .reply(established())
        .otherwise(Reply::ok("4"));
    let Some(p) = run("headers", &[], script) else {
        return;
    };
    let texts = p.system.request_texts();
    assert!(texts[0].contains("X-For-Server: 1\r\nX-For-Proxy: 1\r\n"));
    assert!(!texts[1].contains("X-For-Proxy"));
    assert!(texts[2].starts_with("CONNECT ") && texts[2].contains("X-For-Server"));
}

#[test]
fn unusable_proxies() {
    let dead = RefusedPort::new();
    let port = dead.port().to_string();
    let Some(p) = run("bad", &[&port], Script::new()) else {
        return;
    };
    assert!(p.stdout().contains("dead proxy: rc 7,"));
}
