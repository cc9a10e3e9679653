//! HTTP authentication with `c/auth.c`: Basic picked from a challenge by the origin and by
//! a proxy (forwarding and CONNECT), the method a handle keeps for its next transfers, the
//! methods reported as offered, and, on our library only, what a set without Basic leaves.

use capi_tests::{ready, Case, Outcome, Pair, Reply, Script};

/// `user:secret`.
const BASIC: &str = "Authorization: Basic dXNlcjpzZWNyZXQ=\r\n";
/// `puser:psecret`.
const PROXY_BASIC: &str = "Proxy-Authorization: Basic cHVzZXI6cHNlY3JldA==\r\n";

fn run(mode: &str, script: Script) -> Option<Pair> {
    if !ready() {
        return None;
    }
    let pair = Case::new("auth")
        .args(&[mode, "{port}"])
        .server(script)
        .differential();
    pair.show();
    pair.assert_same_requests();
    Some(pair)
}

fn challenge() -> Reply {
    Reply::status(
        401,
        &[("WWW-Authenticate", "Basic realm=\"r\"")],
        "who are you",
    )
}

fn proxy_challenge() -> Reply {
    Reply::status(
        407,
        &[("Proxy-Authenticate", "Basic realm=\"p\"")],
        "proxy says no",
    )
}

fn established() -> Reply {
    Reply::raw("HTTP/1.1 200 Connection established\r\n\r\n")
}

fn get(target: &str, host: &str, auth: bool) -> String {
    format!(
        "GET {target} HTTP/1.1\r\nHost: {host}:{{port}}\r\n{}Accept: */*\r\n\r\n",
        if auth { BASIC } else { "" }
    )
}

#[test]
fn the_handle_keeps_the_picked_method() {
    let script = Script::new()
        .reply(challenge())
        .reply(Reply::ok("first"))
        .reply(Reply::ok("second"))
        .reply(Reply::ok("other"))
        .reply(Reply::redirect(302, "http://other.test:{port}/target"))
        .reply(Reply::ok("target"));
    let Some(p) = run("twice", script) else {
        return;
    };
    // The second transfer sends the credentials at once, to another host name too; a
    // redirect to another host still gets none.
    p.assert_requests(&[
        get("/first", "127.0.0.1", false),
        get("/first", "127.0.0.1", true),
        get("/second", "127.0.0.1", true),
        get("/other", "other.test", true),
        get("/moved", "127.0.0.1", true),
        get("/target", "other.test", false),
    ]);
    assert!(p
        .stdout()
        .contains("first: rc 0, code 200, connect code 0, httpauth avail 1,"));
    assert!(p
        .stdout()
        .contains("second: rc 0, code 200, connect code 0, httpauth avail 0,"));
}

#[test]
fn a_picked_method_lets_an_unrewindable_upload_through() {
    let script = Script::new()
        .reply(challenge())
        .reply(Reply::ok("got"))
        .reply(Reply::ok("posted"));
    let Some(p) = run("upload", script) else {
        return;
    };
    p.assert_requests(&[
        get("/get", "127.0.0.1", false),
        get("/get", "127.0.0.1", true),
        format!(
            "POST /post HTTP/1.1\r\nHost: 127.0.0.1:{{port}}\r\n{BASIC}Accept: */*\r\n\
             Transfer-Encoding: chunked\r\nContent-Type: application/x-www-form-urlencoded\r\n\
             Expect: 100-continue\r\n\r\n1d\r\na body that cannot be rewound\r\n0\r\n\r\n"
        ),
    ]);
    assert!(p.stdout().contains("chunked post: rc 0, code 200,"));
}

#[test]
fn offered_methods_of_several_headers_and_challenges() {
    let all = Reply::status(
        401,
        &[
            (
                "WWW-Authenticate",
                "Digest realm=\"x\", nonce=\"n1\", Basic realm=\"r\"",
            ),
            ("WWW-Authenticate", "NTLM"),
            ("WWW-Authenticate", "Negotiate"),
            ("WWW-Authenticate", "Bearer realm=\"b\""),
        ],
        "no",
    );
    let basic_and_bearer = Reply::status(
        401,
        &[
            ("WWW-Authenticate", "Foo bar"),
            ("WWW-Authenticate", "Bearer realm=\"b\", Basic realm=\"r\""),
        ],
        "no",
    );
    let script = Script::new()
        .reply(all)
        .reply(basic_and_bearer)
        .reply(Reply::ok("in"));
    let Some(p) = run("avail", script) else {
        return;
    };
    p.assert_requests(&[
        get("/a", "127.0.0.1", false),
        get("/b", "127.0.0.1", false),
        get("/b", "127.0.0.1", true),
    ]);
    assert!(p
        .stdout()
        .contains("no credentials: rc 0, code 401, connect code 0, httpauth avail 79,"));
    assert!(p
        .stdout()
        .contains("any: rc 0, code 200, connect code 0, httpauth avail 65,"));
}

#[test]
fn setopt_keeps_sets_with_basic() {
    let Some(p) = run("setopt", Script::new()) else {
        return;
    };
    for set in [
        "NONE",
        "BASIC",
        "ANY",
        "BASIC|ONLY",
        "BASIC|DIGEST",
        "BASIC|DIGEST_IE",
    ] {
        assert!(p.stdout().contains(&format!("HTTPAUTH {set} -> 0\n")));
        assert!(p.stdout().contains(&format!("PROXYAUTH {set} -> 0\n")));
    }
}

#[test]
fn several_bits_with_basic_wait_for_the_challenge() {
    // CURLAUTH_ONLY and CURLAUTH_DIGEST_IE beside Basic make a set of several methods.
    let script = Script::new()
        .reply(challenge())
        .reply(Reply::ok("only"))
        .reply(challenge())
        .reply(Reply::ok("ie"));
    let Some(p) = run("only", script) else {
        return;
    };
    p.assert_requests(&[
        get("/only", "127.0.0.1", false),
        get("/only", "127.0.0.1", true),
        get("/ie", "127.0.0.1", false),
        get("/ie", "127.0.0.1", true),
    ]);
}

#[test]
fn proxyauth_any_through_a_forwarding_proxy() {
    let script = Script::new()
        .reply(proxy_challenge())
        .reply(Reply::ok("first"))
        .reply(Reply::ok("second"));
    let Some(p) = run("forward", script) else {
        return;
    };
    let forwarded = |path: &str, auth: bool| {
        format!(
            "GET http://origin.test:{{port}}{path} HTTP/1.1\r\nHost: origin.test:{{port}}\r\n\
             {}Accept: */*\r\nProxy-Connection: Keep-Alive\r\n\r\n",
            if auth { PROXY_BASIC } else { "" }
        )
    };
    p.assert_requests(&[
        forwarded("/first", false),
        forwarded("/first", true),
        forwarded("/second", true),
    ]);
    p.assert_connections(&[0, 0, 0]);
    assert!(p
        .stdout()
        .contains("first: rc 0, code 200, connect code 0, httpauth avail 0, proxyauth avail 1,"));
}

#[test]
fn proxy_then_server_challenge_through_a_forwarding_proxy() {
    let script = Script::new()
        .reply(proxy_challenge())
        .reply(challenge())
        .reply(Reply::ok("first"))
        .reply(Reply::ok("second"));
    let Some(p) = run("both", script) else {
        return;
    };
    let forwarded = |path: &str, proxy: bool, server: bool| {
        format!(
            "GET http://origin.test:{{port}}{path} HTTP/1.1\r\nHost: origin.test:{{port}}\r\n\
             {}{}Accept: */*\r\nProxy-Connection: Keep-Alive\r\n\r\n",
            if proxy { PROXY_BASIC } else { "" },
            if server { BASIC } else { "" }
        )
    };
    p.assert_requests(&[
        forwarded("/first", false, false),
        forwarded("/first", true, false),
        forwarded("/first", true, true),
        forwarded("/second", true, true),
    ]);
    assert!(p
        .stdout()
        .contains("first: rc 0, code 200, connect code 0, httpauth avail 1, proxyauth avail 1,"));
}

fn connect(auth: bool) -> String {
    format!(
        "CONNECT origin.test:{{port}} HTTP/1.1\r\nHost: origin.test:{{port}}\r\n\
         {}Proxy-Connection: Keep-Alive\r\n\r\n",
        if auth { PROXY_BASIC } else { "" }
    )
}

#[test]
fn proxyauth_any_retries_connect_on_the_same_connection() {
    let script = Script::new()
        .reply(proxy_challenge())
        .reply(established())
        .reply(Reply::ok("first"))
        .reply(Reply::ok("second"));
    let Some(p) = run("tunnel", script) else {
        return;
    };
    p.assert_requests(&[
        connect(false),
        connect(true),
        get("/first", "origin.test", false),
        get("/second", "origin.test", false),
    ]);
    p.assert_connections(&[0, 0, 0, 0]);
    assert!(p
        .stdout()
        .contains("first: rc 0, code 200, connect code 200,"));
}

#[test]
fn proxyauth_any_reads_a_chunked_or_lengthless_407_and_stays() {
    for refusal in [
        "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"p\"\r\n\
         Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
        "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"p\"\r\n\r\n",
    ] {
        let script = Script::new()
            .reply(Reply::raw(refusal))
            .reply(established())
            .reply(Reply::ok("first"))
            .reply(Reply::ok("second"));
        let Some(p) = run("tunnel", script) else {
            return;
        };
        p.assert_requests(&[
            connect(false),
            connect(true),
            get("/first", "origin.test", false),
            get("/second", "origin.test", false),
        ]);
        p.assert_connections(&[0, 0, 0, 0]);
    }
}

#[test]
fn proxyauth_any_retries_connect_on_a_new_connection_after_close() {
    let closing = Reply::status(
        407,
        &[
            ("Proxy-Authenticate", "Basic realm=\"p\""),
            ("Connection", "close"),
        ],
        "proxy says no",
    )
    .then_close();
    let script = Script::new()
        .reply(closing)
        .reply(established())
        .reply(Reply::ok("first"))
        .reply(Reply::ok("second"));
    let Some(p) = run("tunnel", script) else {
        return;
    };
    p.assert_requests(&[
        connect(false),
        connect(true),
        get("/first", "origin.test", false),
        get("/second", "origin.test", false),
    ]);
    p.assert_connections(&[0, 1, 1, 1]);
}

/// Ours only: the system libcurl has Digest, so it would answer these differently.
fn ours(mode: &str, script: Script) -> Option<Outcome> {
    if !ready() {
        return None;
    }
    let o = Case::new("auth")
        .args(&[mode, "{port}"])
        .server(script)
        .ours();
    print!("{}", o.stdout());
    Some(o)
}

#[test]
fn a_set_without_basic_is_refused_and_sends_nothing() {
    let script = Script::new()
        .reply(challenge())
        .reply(challenge())
        .reply(proxy_challenge());
    let Some(o) = ours("refused", script) else {
        return;
    };
    o.assert_status(0);
    for line in [
        "HTTPAUTH DIGEST -> 4\n",
        "HTTPAUTH ANYSAFE -> 4\n",
        "HTTPAUTH NTLM|NEGOTIATE|BEARER|AWS_SIGV4|DIGEST_IE -> 4\n",
        "HTTPAUTH ONLY -> 4\n",
        "PROXYAUTH DIGEST -> 4\n",
        "digest only: rc 0, code 401,",
        "none left: rc 0, code 401,",
        "proxy digest only: rc 0, code 407,",
    ] {
        assert!(o.stdout().contains(line), "{line}");
    }
    // No Basic in place of the refused methods: not to the origin, not to the proxy.
    o.assert_requests(&[
        get("/digest", "127.0.0.1", false),
        get("/none", "127.0.0.1", false),
        format!(
            "GET http://origin.test:{{port}}/proxied HTTP/1.1\r\nHost: origin.test:{{port}}\r\n\
             {BASIC}Accept: */*\r\nProxy-Connection: Keep-Alive\r\n\r\n"
        ),
    ]);
}
