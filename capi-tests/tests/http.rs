//! HTTP transfers through the easy interface against the scripted server.
//! Each case runs on the system libcurl and on ours, and both must print the same and send
//! the same request bytes.

use capi_tests::{ready, BlackHole, Case, Pair, RefusedPort, Reply, Script};

/// Run a transfer case on both libraries.
fn transfer(name: &str, args: &[&str], script: Script) -> Option<Pair> {
    if !ready() {
        return None;
    }
    let pair = Case::new(name).args(args).server(script).differential();
    // Visible with --nocapture or on failure: what the program printed and what was sent.
    println!("{}", pair.stdout());
    for o in pair.each() {
        println!("{} requests: {:#?}", o.flavour.name(), o.request_texts());
    }
    Some(pair)
}

/// The request libcurl sends for a plain GET of `target`.
fn plain_get(target: &str) -> String {
    format!("GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{{port}}\r\nAccept: */*\r\n\r\n")
}

/// A POST of form data as POSTFIELDS sends it.
fn form_post(target: &str, body: &str) -> String {
    format!(
        "POST {target} HTTP/1.1\r\nHost: 127.0.0.1:{{port}}\r\nAccept: */*\r\n\
         Content-Length: {}\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\n{body}",
        body.len()
    )
}

#[test]
fn get() {
    let Some(p) = transfer(
        "get",
        &["{url}/p"],
        Script::new().reply(Reply::ok("hello").then_close()),
    ) else {
        return;
    };
    // Exactly these bytes: no User-Agent unless set, Host with the port, Accept last.
    p.assert_requests(&["GET /p HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: */*\r\n\r\n"]);
}

#[test]
fn head() {
    let Some(p) = transfer(
        "head",
        &["{url}"],
        Script::new()
            .reply(Reply::raw(
                "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nContent-Type: text/plain\r\n\r\n",
            ))
            .reply(Reply::ok("after head")),
    ) else {
        return;
    };
    p.assert_requests(&[
        "HEAD /head HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: */*\r\n\r\n".to_string(),
        plain_get("/get"),
    ]);
    // The announced body was not waited for: the GET reused the connection.
    for o in p.each() {
        assert_eq!(o.server().connections_accepted(), 1, "{}", o.output);
    }
}

#[test]
fn post() {
    let Some(p) = transfer(
        "post",
        &["{url}"],
        Script::new().otherwise(Reply::ok("posted")),
    ) else {
        return;
    };
    let form = "Content-Type: application/x-www-form-urlencoded";
    p.assert_requests(&[
        form_post("/fields", "a=1&b=2"),
        form_post("/binary", "bin\0ary"),
        form_post("/copy", "copied=yes"),
        form_post("/empty", ""),
        // Unknown size: chunked, with the read callback's 5-byte pieces as chunks, and
        // Expect: 100-continue (the server answers 100 Continue).
        format!(
            "POST /chunked HTTP/1.1\r\nHost: 127.0.0.1:{{port}}\r\nAccept: */*\r\n\
             Transfer-Encoding: chunked\r\n{form}\r\nExpect: 100-continue\r\n\r\n\
             5\r\nchunk\r\n5\r\ned bo\r\n5\r\ndy se\r\n5\r\nnt in\r\n5\r\n piec\r\n\
             2\r\nes\r\n0\r\n\r\n"
        ),
        form_post("/sized", "chunked body sent in pieces"),
    ]);
}

#[test]
fn put() {
    let Some(p) = transfer(
        "put",
        &["{url}"],
        Script::new().otherwise(Reply::status(201, &[], "created")),
    ) else {
        return;
    };
    let head = |target: &str| {
        format!("PUT {target} HTTP/1.1\r\nHost: 127.0.0.1:{{port}}\r\nAccept: */*\r\n")
    };
    p.assert_requests(&[
        head("/sized") + "Content-Length: 10\r\nExpect: 100-continue\r\n\r\n0123456789",
        head("/empty") + "Content-Length: 0\r\n\r\n",
        head("/unknown")
            + "Transfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n\
               d\r\nno size given\r\n0\r\n\r\n",
    ]);
}

/// A 417 to `Expect: 100-continue`, before the body went: the same PUT goes again without
/// it, with its body, as libcurl does (curl's suite case 357); the next transfer asks
/// again. Ours only: 7.88.1 may have read the body from the callback already when the 417
/// comes, and without a seek callback then fails with `CURLE_SEND_FAIL_REWIND` instead, a
/// race; ours reads nothing before `100 Continue`.
#[test]
fn put_after_417_goes_again_without_expect() {
    if !ready() {
        return;
    }
    let script = Script::new()
        .reply(Reply::status(417, &[], "").before_body())
        .otherwise(Reply::status(201, &[], "created"));
    let o = Case::new("put").args(&["{url}"]).server(script).ours();
    println!("{}", o.output);
    let head = |target: &str| {
        format!("PUT {target} HTTP/1.1\r\nHost: 127.0.0.1:{{port}}\r\nAccept: */*\r\n")
    };
    let texts = o.request_texts();
    assert_eq!(
        texts[0],
        head("/sized") + "Content-Length: 10\r\nExpect: 100-continue\r\n\r\n"
    );
    assert_eq!(
        texts[1],
        head("/sized") + "Content-Length: 10\r\n\r\n0123456789"
    );
    assert!(o
        .stdout()
        .contains("/sized: perform 0 code 201 method PUT uploaded 10"));
    assert!(
        texts[3].contains("Expect: 100-continue"),
        "the next transfer asks again"
    );
}

#[test]
fn headers() {
    let Some(p) = transfer(
        "headers",
        &["{url}"],
        Script::new().otherwise(Reply::ok("h")),
    ) else {
        return;
    };
    p.assert_requests(&[
        // Added, replaced (Accept), empty ("X-Empty;"), removed ("X-Removed-Unsent:"), and
        // a value sent as given.
        "GET /custom HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Custom: one\r\n\
         Accept: text/plain\r\nX-Empty:\r\nX-Spaces:   padded  \r\n\r\n",
        // libcurl's own order for the option-made headers.
        "GET /options HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\
         Authorization: Basic dXNlcjpwYTpzcw==\r\nRange: bytes=0-9\r\n\
         User-Agent: capi-test/1.0\r\nAccept: */*\r\n\
         Referer: http://referrer.invalid/page\r\nCookie: a=b; c=d\r\n\r\n",
        // Custom headers override the options' headers of the same name.
        "GET /override HTTP/1.1\r\nHost: example.invalid\r\nAccept: */*\r\n\
         Referer: http://referrer.invalid/page\r\nUser-Agent: from-header\r\n\
         Cookie: from=header\r\n\r\n",
        "GET /removed HTTP/1.1\r\n\r\n",
    ]);
}

#[test]
fn redirect() {
    let script = Script::new()
        .route("/r301", Reply::redirect(301, "/r302"))
        .route("/r302", Reply::redirect(302, "r303"))
        .route("/r303", Reply::redirect(303, "/r307?q=1"))
        .route("/r307?q=1", Reply::redirect(307, "{url}/r308"))
        .route("/r308", Reply::redirect(308, "/final"))
        .route("/final", Reply::ok("final"))
        .route("/p307", Reply::redirect(307, "/p303"))
        .route("/p303", Reply::redirect(303, "/final"))
        .route("/p301", Reply::redirect(301, "/final"));
    let Some(p) = transfer("redirect", &["{url}"], script) else {
        return;
    };
    let chain = ["/r301", "/r302", "/r303", "/r307?q=1", "/r308", "/final"];
    let mut want: Vec<String> = chain.iter().map(|t| plain_get(t)).collect();
    // MAXREDIRS 2: the third redirect is not followed.
    want.extend(chain[..3].iter().map(|t| plain_get(t)));
    // Not following.
    want.push(plain_get("/r301"));
    // 307 keeps the POST and its body, 303 makes it a GET.
    want.push(form_post("/p307", "x=1"));
    want.push(form_post("/p303", "x=1"));
    want.push(plain_get("/final"));
    // 301 turns a POST into a GET, unless POSTREDIR keeps it.
    want.push(form_post("/p301", "y=2"));
    want.push(plain_get("/final"));
    want.push(form_post("/p301", "y=2"));
    want.push(form_post("/final", "y=2"));
    p.assert_requests(&want);
    // Every redirect was to the same server: one connection throughout.
    for o in p.each() {
        assert_eq!(o.server().connections_accepted(), 1, "{}", o.output);
    }
}

#[test]
fn reuse() {
    let Some(p) = transfer(
        "reuse",
        &["{url}"],
        Script::new()
            .reply(Reply::ok("one"))
            .reply(Reply::status(200, &[("Connection", "close")], "two").then_close())
            .reply(Reply::ok("three"))
            .reply(Reply::ok("four")),
    ) else {
        return;
    };
    for o in p.each() {
        assert_eq!(o.server().connections_accepted(), 2, "{}", o.output);
        let conns: Vec<usize> = o.requests().iter().map(|r| r.conn).collect();
        assert_eq!(conns, [0, 0, 1, 1], "{}", o.output);
    }
}

#[test]
fn chunked() {
    let script = Script::new()
        .route("/plain", Reply::chunked(&["hello ", "chunked ", "world"]))
        .route(
            "/ext",
            Reply::raw(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\
                 4;name=value\r\nwith\r\n0A\r\n extension\r\n0\r\nX-Trailer: t\r\n\r\n",
            ),
        )
        .route(
            "/bad",
            Reply::raw("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\ngood\r\nzz\r\n")
                .then_close(),
        )
        .route(
            "/cut",
            Reply::raw("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nonly part")
                .then_close(),
        );
    let Some(p) = transfer("chunked", &["{url}"], script) else {
        return;
    };
    p.assert_requests(&["/plain", "/ext", "/bad", "/cut"].map(plain_get));
}

/// "hello, compressed world\n" three times, gzip-compressed (mtime 0).
const GZIPPED: &[u8] = &[
    0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0xd7,
    0x51, 0x48, 0xce, 0xcf, 0x2d, 0x28, 0x4a, 0x2d, 0x2e, 0x4e, 0x4d, 0x51, 0x28, 0xcf, 0x2f, 0xca,
    0x49, 0xe1, 0xca, 0x20, 0x51, 0x1c, 0x00, 0xa6, 0x5b, 0x15, 0x9b, 0x48, 0x00, 0x00, 0x00,
];
/// The same text, zlib-wrapped deflate (what `Content-Encoding: deflate` means).
const DEFLATED: &[u8] = &[
    0x78, 0x9c, 0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0xd7, 0x51, 0x48, 0xce, 0xcf, 0x2d, 0x28, 0x4a, 0x2d,
    0x2e, 0x4e, 0x4d, 0x51, 0x28, 0xcf, 0x2f, 0xca, 0x49, 0xe1, 0xca, 0x20, 0x51, 0x1c, 0x00, 0xd5,
    0xf3, 0x1a, 0xb6,
];

#[test]
fn gzip() {
    let gz = Reply::status(200, &[("Content-Encoding", "gzip")], GZIPPED);
    let script = Script::new()
        .route("/gzip", gz)
        .route(
            "/deflate",
            Reply::status(200, &[("Content-Encoding", "deflate")], DEFLATED),
        )
        .route("/identity", Reply::ok("not compressed"))
        .route(
            "/broken",
            Reply::status(200, &[("Content-Encoding", "gzip")], "this is not gzip"),
        );
    let Some(p) = transfer("gzip", &["{url}"], script) else {
        return;
    };
    let accept = |target: &str, enc: &str| {
        format!(
            "GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{{port}}\r\nAccept: */*\r\n\
             Accept-Encoding: {enc}\r\n\r\n"
        )
    };
    // ACCEPT_ENCODING "" offers every encoding the library supports: Debian's libcurl has
    // brotli and zstd as well, ours (like a libcurl built without them) deflate and gzip.
    let all = |o: &capi_tests::Outcome| match o.flavour {
        capi_tests::Flavour::System => "deflate, gzip, br, zstd",
        capi_tests::Flavour::Ours => "deflate, gzip",
    };
    for o in p.each() {
        o.assert_requests(&[
            accept("/gzip", all(o)),
            accept("/gzip", "gzip"),
            accept("/deflate", "deflate"),
            accept("/gzip", "gzip"),
            accept("/identity", all(o)),
            accept("/broken", "gzip"),
        ]);
    }
}

fn error_case(mode: &str, url: &str, script: Script) -> Option<Pair> {
    transfer("errors", &[mode, url], script)
}

#[test]
fn error_connection_refused() {
    let refused = RefusedPort::new();
    error_case("plain", &refused.url("/"), Script::new());
}

#[test]
fn error_empty_reply() {
    let Some(p) = error_case(
        "plain",
        "{url}/",
        Script::new().reply(Reply::raw("").then_close()),
    ) else {
        return;
    };
    p.assert_requests(&[plain_get("/")]);
}

#[test]
fn error_truncated_body() {
    let reply = Reply::raw("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten b").then_close();
    if let Some(p) = error_case("plain", "{url}/", Script::new().reply(reply)) {
        p.assert_requests(&[plain_get("/")]);
    }
}

#[test]
fn error_reset() {
    let reply = Reply::raw("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npart").then_reset();
    if let Some(p) = error_case("plain", "{url}/", Script::new().reply(reply)) {
        p.assert_requests(&[plain_get("/")]);
    }
}

#[test]
fn error_timeout() {
    let hole = BlackHole::new();
    error_case("timeout", &hole.url("/"), Script::new());
    // Both runs reached the listener; it just never answered.
    if ready() {
        assert!(hole.connections_accepted() >= 1);
    }
}

#[test]
fn error_write_callback_short() {
    error_case(
        "write_short",
        "{url}/",
        Script::new().reply(Reply::ok("some body")),
    );
}

#[test]
fn error_progress_abort() {
    error_case(
        "abort",
        "{url}/",
        Script::new().reply(Reply::ok("some body")),
    );
}

#[test]
fn error_failonerror() {
    if let Some(p) = error_case(
        "failonerror",
        "{url}/missing",
        Script::new().reply(Reply::status(404, &[], "not here")),
    ) {
        p.assert_requests(&[plain_get("/missing")]);
    }
}

#[test]
fn resolver_start_and_prereq_callbacks() {
    transfer(
        "prereq",
        &["{url}/p"],
        Script::new().otherwise(Reply::ok("fine")),
    );
}
