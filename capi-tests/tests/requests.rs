//! The request bytes and the observable results of single HTTP features, one per case, with
//! `c/requests.c`. Every case runs on the system libcurl and on ours; both must print the same
//! (result, error buffer, header lines, body, getinfo values) and put the same bytes on the
//! wire.

use std::time::Duration;

use capi_tests::{
    cut, first_difference, get_of, ready, Case, Flavour, Pair, RefusedPort, Reply, Script,
};

/// Run `requests MODE URL [ARG]` on both libraries (each with its own server) and require
/// the same requests, then the same exit status and stdout. Requests first: they are what
/// this file is about, and a difference in a printed value must not hide them.
fn run(mode: &str, url: &str, arg: Option<&str>, script: Script) -> Option<Pair> {
    run_with(mode, url, arg, script, true)
}

/// Like [`run`] for requests of any size ([`Pair::assert_same_requests`] prints them whole;
/// the big POSTs are compared and shown cut short instead).
fn run_with(mode: &str, url: &str, arg: Option<&str>, script: Script, whole: bool) -> Option<Pair> {
    if !ready() {
        return None;
    }
    let mut case = Case::new("requests").args(&[mode, url]);
    if let Some(a) = arg {
        case = case.arg(a);
    }
    let case = case.server(script);
    let (system, ours) = std::thread::scope(|s| {
        let ours = s.spawn(|| case.run(Flavour::Ours));
        let system = case.run(Flavour::System);
        (
            system,
            ours.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
        )
    });
    let pair = Pair {
        system,
        ours: Some(ours),
    };
    pair.show();
    // The test itself is wrong if the system library does not manage.
    pair.system.assert_status(0);
    if whole {
        pair.assert_same_requests();
    } else {
        assert_same_big_requests(&pair);
    }
    for o in pair.ours.iter() {
        let (s, o) = (&pair.system.output, &o.output);
        assert!(
            s.code == o.code && s.signal == o.signal && s.stdout == o.stdout,
            "{mode}: our libcurl behaves differently from the system's: {}\n\
             ======== system libcurl\n{s}\n\n======== ours\n{o}\n",
            first_difference(&s.stdout, &o.stdout)
        );
    }
    Some(pair)
}

/// The generated POSTFIELDS of the big-POST modes.
fn big_body() -> Vec<u8> {
    (0..1_100_000u32).map(|i| b'a' + (i % 26) as u8).collect()
}

/// The big POSTs are over a megabyte: compare them without printing them whole.
fn assert_same_big_requests(pair: &Pair) {
    let Some(ours) = &pair.ours else { return };
    let (a, b) = (pair.system.request_texts(), ours.request_texts());
    let short = |v: &[String]| v.iter().map(|t| cut(t)).collect::<Vec<_>>();
    assert!(
        a == b,
        "requests differ\n--- system sent:\n{:#?}\n--- ours sent:\n{:#?}",
        short(&a),
        short(&b)
    );
}

fn big_post(mode: &str, reply: Reply, expect: bool) -> Option<Pair> {
    let p = run_with(mode, "{url}/big", None, Script::new().reply(reply), false)?;
    let head = format!(
        "POST /big HTTP/1.1\r\nHost: 127.0.0.1:{{port}}\r\nAccept: */*\r\n\
         Content-Length: 1100000\r\nContent-Type: application/x-www-form-urlencoded\r\n{}\r\n",
        if expect {
            "Expect: 100-continue\r\n"
        } else {
            ""
        }
    );
    let want = [head.as_bytes(), &big_body()].concat();
    let got = p.system.request_texts();
    assert!(
        got.len() == 1 && got[0].as_bytes() == want.as_slice(),
        "{:?}",
        got.iter().map(|t| cut(t)).collect::<Vec<_>>()
    );
    Some(p)
}

#[test]
fn http_version_1_0_get() {
    let Some(p) = run(
        "http10",
        "{url}/ten",
        None,
        Script::new().otherwise(Reply::ok("ten")),
    ) else {
        return;
    };
    p.assert_requests(&["GET /ten HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\nAccept: */*\r\n\r\n"; 2]);
}

#[test]
fn expect_100_for_big_postfields() {
    big_post("post_big", Reply::ok("got it"), true);
}

#[test]
fn expect_100_timeout_for_big_postfields() {
    // No 100 Continue: the body goes after EXPECT_100_TIMEOUT_MS (200 ms), not libcurl's
    // default second.
    if let Some(p) = big_post("post_big", Reply::ok("got it").no_continue(), true) {
        assert_short_expect_wait(&p);
    }
}

#[test]
fn expect_header_removed() {
    big_post("post_big_noexpect", Reply::ok("got it"), false);
}

fn chunked_post(reply: Reply) -> Option<Pair> {
    let p = run(
        "post_chunked",
        "{url}/chunked",
        None,
        Script::new().reply(reply),
    )?;
    p.assert_requests(&[
        "POST /chunked HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: */*\r\n\
         Transfer-Encoding: chunked\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Expect: 100-continue\r\n\r\n\
         a\r\na chunked \r\na\r\nbody from \r\na\r\na read cal\r\n5\r\nlback\r\n0\r\n\r\n",
    ]);
    Some(p)
}

/// Waiting libcurl's default of one second instead would mean EXPECT_100_TIMEOUT_MS (200 ms)
/// was ignored: it takes some 210 ms on either library. Not under valgrind, whose load on
/// the machine says nothing about the wait.
fn assert_short_expect_wait(p: &Pair) {
    if let Some(o) = p.ours.as_ref().filter(|o| !o.output.valgrind) {
        assert!(
            o.output.elapsed < Duration::from_millis(900),
            "ours took {:?}",
            o.output.elapsed
        );
    }
}

#[test]
fn expect_100_for_chunked_upload() {
    chunked_post(Reply::ok("got chunks"));
}

#[test]
fn expect_100_timeout_for_chunked_upload() {
    let Some(p) = chunked_post(Reply::ok("got chunks").no_continue()) else {
        return;
    };
    assert_short_expect_wait(&p);
}

const LAST_MODIFIED_2020: &str = "Wed, 01 Jan 2020 00:00:00 GMT";
const LAST_MODIFIED_2024: &str = "Mon, 01 Jan 2024 00:00:00 GMT";
const IF_MODIFIED_SINCE: &str = "If-Modified-Since: Tue, 14 Nov 2023 22:13:20 GMT\r\n";

fn time_condition(mode: &str, reply: Reply) -> Option<Pair> {
    run(mode, "{url}/cond", None, Script::new().reply(reply))
}

#[test]
fn if_modified_since_304() {
    let Some(p) = time_condition(
        "ifmodsince",
        Reply::raw("HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\n\r\n"),
    ) else {
        return;
    };
    p.assert_requests(&[format!(
        "GET /cond HTTP/1.1\r\nHost: 127.0.0.1:{{port}}\r\nAccept: */*\r\n{IF_MODIFIED_SINCE}\r\n"
    )]);
    assert!(p.stdout().contains("condition unmet 1"), "{}", p.stdout());
}

#[test]
fn if_modified_since_200_newer() {
    time_condition(
        "ifmodsince",
        Reply::status(200, &[("Last-Modified", LAST_MODIFIED_2024)], "fresh"),
    );
}

#[test]
fn if_modified_since_200_older() {
    // The server ignored the condition; libcurl sees the older Last-Modified and drops the
    // body as if the reply had been a 304.
    time_condition(
        "ifmodsince",
        Reply::status(200, &[("Last-Modified", LAST_MODIFIED_2020)], "stale"),
    );
}

#[test]
fn if_unmodified_since_200_newer() {
    time_condition(
        "ifunmodsince",
        Reply::status(200, &[("Last-Modified", LAST_MODIFIED_2024)], "changed"),
    );
}

#[test]
fn resume_from_206() {
    let Some(p) = run(
        "resume",
        "{url}/file",
        None,
        Script::new().reply(Reply::status(
            206,
            &[("Content-Range", "bytes 10-19/20")],
            "0123456789",
        )),
    ) else {
        return;
    };
    p.assert_requests(&[
        "GET /file HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nRange: bytes=10-\r\nAccept: */*\r\n\r\n",
    ]);
}

#[test]
fn resume_from_answered_with_200() {
    run(
        "resume",
        "{url}/file",
        None,
        Script::new().reply(Reply::ok("the whole file")),
    );
}

#[test]
fn range() {
    let Some(p) = run(
        "range",
        "{url}/file",
        None,
        Script::new().reply(Reply::status(
            206,
            &[("Content-Type", "multipart/byteranges; boundary=B")],
            "--B\r\n\r\nparts\r\n--B--\r\n",
        )),
    ) else {
        return;
    };
    p.assert_requests(&[
        "GET /file HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nRange: bytes=0-4,10-\r\n\
         Accept: */*\r\n\r\n",
    ]);
}

#[test]
fn custom_request_delete() {
    let Some(p) = run(
        "delete",
        "{url}/thing",
        None,
        Script::new().reply(Reply::ok("deleted")),
    ) else {
        return;
    };
    p.assert_requests(&["DELETE /thing HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: */*\r\n\r\n"]);
}

#[test]
fn head_with_content_length() {
    let Some(p) = run(
        "head",
        "{url}/h",
        None,
        Script::new()
            .reply(Reply::raw(
                "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nContent-Type: text/plain\r\n\r\n",
            ))
            .reply(Reply::ok("after head")),
    ) else {
        return;
    };
    p.assert_connections(&[0, 0]);
}

#[test]
fn no_body_204_then_reuse() {
    let Some(p) = run(
        "get2",
        "{url}/n",
        None,
        Script::new()
            .reply(Reply::raw("HTTP/1.1 204 No Content\r\nX-A: b\r\n\r\n"))
            .reply(Reply::ok("next")),
    ) else {
        return;
    };
    p.assert_connections(&[0, 0]);
}

#[test]
fn no_body_304_with_content_length_then_reuse() {
    // A 304 never has a body, whatever its Content-Length says (it describes the resource).
    let Some(p) = run(
        "get2",
        "{url}/n",
        None,
        Script::new()
            .reply(Reply::raw(
                "HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n",
            ))
            .reply(Reply::ok("next")),
    ) else {
        return;
    };
    p.assert_connections(&[0, 0]);
}

#[test]
fn informational_103_before_200() {
    run(
        "get2",
        "{url}/hints",
        None,
        Script::new()
            .reply(Reply::raw(
                "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n\
                 HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfinal",
            ))
            .reply(Reply::ok("next")),
    );
}

#[test]
fn http_1_0_reply_is_not_reused() {
    let Some(p) = run(
        "get2",
        "{url}/old",
        None,
        Script::new()
            .reply(Reply::raw(
                "HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\none",
            ))
            .reply(Reply::ok("two")),
    ) else {
        return;
    };
    p.assert_connections(&[0, 1]);
}

#[test]
fn connection_close_reply_then_new_connection() {
    let Some(p) = run(
        "get2",
        "{url}/c",
        None,
        Script::new()
            .reply(Reply::status(200, &[("Connection", "close")], "one").then_close())
            .reply(Reply::ok("two")),
    ) else {
        return;
    };
    p.assert_connections(&[0, 1]);
}

/// A redirect from 127.0.0.1 to `to` (templated), answered at /landed.
fn redirect_script(to: &str) -> Script {
    Script::new()
        .route("/start", Reply::redirect(302, to))
        .route("/landed", Reply::ok("landed"))
}

const AUTH: &str = "Authorization: Basic dXNlcjpzZWNyZXQ=\r\n";

#[test]
fn credentials_do_not_follow_to_another_host() {
    let Some(p) = run(
        "userpwd_follow",
        "{url}/start",
        None,
        redirect_script("http://localhost:{port}/landed"),
    ) else {
        return;
    };
    p.assert_requests(&[
        format!("GET /start HTTP/1.1\r\nHost: 127.0.0.1:{{port}}\r\n{AUTH}Accept: */*\r\n\r\n"),
        "GET /landed HTTP/1.1\r\nHost: localhost:{port}\r\nAccept: */*\r\n\r\n".to_string(),
    ]);
}

#[test]
fn credentials_follow_with_unrestricted_auth() {
    let Some(p) = run(
        "userpwd_unrestricted",
        "{url}/start",
        None,
        redirect_script("http://localhost:{port}/landed"),
    ) else {
        return;
    };
    p.assert_requests(&[
        format!("GET /start HTTP/1.1\r\nHost: 127.0.0.1:{{port}}\r\n{AUTH}Accept: */*\r\n\r\n"),
        format!("GET /landed HTTP/1.1\r\nHost: localhost:{{port}}\r\n{AUTH}Accept: */*\r\n\r\n"),
    ]);
}

#[test]
fn credentials_follow_on_the_same_host() {
    let Some(p) = run(
        "userpwd_follow",
        "{url}/start",
        None,
        redirect_script("/landed"),
    ) else {
        return;
    };
    p.assert_requests(&[
        format!("GET /start HTTP/1.1\r\nHost: 127.0.0.1:{{port}}\r\n{AUTH}Accept: */*\r\n\r\n"),
        format!("GET /landed HTTP/1.1\r\nHost: 127.0.0.1:{{port}}\r\n{AUTH}Accept: */*\r\n\r\n"),
    ]);
}

#[test]
fn autoreferer() {
    let Some(p) = run(
        "autoreferer",
        "{url}/start",
        None,
        redirect_script("/landed"),
    ) else {
        return;
    };
    p.assert_requests(&[
        get_of("/start"),
        "GET /landed HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: */*\r\n\
         Referer: http://127.0.0.1:{port}/start\r\n\r\n"
            .to_string(),
    ]);
}

#[test]
fn userinfo_in_url() {
    let Some(p) = run(
        "get",
        "http://user:pa%20ss@{host}/auth",
        None,
        Script::new().reply(Reply::ok("authed")),
    ) else {
        return;
    };
    // "user:pa ss", percent-decoded before encoding.
    p.assert_requests(&["GET /auth HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\
         Authorization: Basic dXNlcjpwYSBzcw==\r\nAccept: */*\r\n\r\n"]);
}

#[test]
fn ipv6_literal() {
    let Some(p) = run(
        "get",
        "{url}/six",
        None,
        Script::new().ipv6().reply(Reply::ok("over six")),
    ) else {
        return;
    };
    p.assert_requests(&["GET /six HTTP/1.1\r\nHost: [::1]:{port}\r\nAccept: */*\r\n\r\n"]);
}

#[test]
fn localhost_falls_back_to_ipv4() {
    // The server listens on 127.0.0.1 only: a ::1 attempt is refused, 127.0.0.1 works.
    let Some(p) = run(
        "get",
        "http://localhost:{port}/lh",
        None,
        Script::new().reply(Reply::ok("local")),
    ) else {
        return;
    };
    p.assert_requests(&["GET /lh HTTP/1.1\r\nHost: localhost:{port}\r\nAccept: */*\r\n\r\n"]);
}

#[test]
fn localhost_against_an_ipv6_only_server() {
    // libcurl 7.88.1 takes "localhost" as 127.0.0.1 and ::1 without asking the resolver
    // (whatever /etc/hosts says), 127.0.0.1 first: refused here, then ::1 works.
    let Some(p) = run(
        "get",
        "http://localhost:{port}/lh6",
        None,
        Script::new().ipv6().reply(Reply::ok("local six")),
    ) else {
        return;
    };
    p.assert_requests(&["GET /lh6 HTTP/1.1\r\nHost: localhost:{port}\r\nAccept: */*\r\n\r\n"]);
    assert!(p.stdout().contains("primary ip ::1 "), "{}", p.stdout());
}

#[test]
fn resolve_to_two_addresses_first_refused() {
    // The first address ([::1], where nothing listens on this port) is refused, the second
    // works.
    let Some(p) = run(
        "resolve",
        "http://fake.example:{port}/two",
        Some("fake.example:{port}:[::1],127.0.0.1"),
        Script::new().reply(Reply::ok("second address")),
    ) else {
        return;
    };
    p.assert_requests(&["GET /two HTTP/1.1\r\nHost: fake.example:{port}\r\nAccept: */*\r\n\r\n"]);
    assert!(
        p.stdout().contains("primary ip 127.0.0.1 "),
        "{}",
        p.stdout()
    );
}

#[test]
fn resolve_option() {
    let Some(p) = run(
        "resolve",
        "http://fake.example:{port}/r",
        Some("fake.example:{port}:127.0.0.1"),
        Script::new().reply(Reply::ok("resolved")),
    ) else {
        return;
    };
    p.assert_requests(&["GET /r HTTP/1.1\r\nHost: fake.example:{port}\r\nAccept: */*\r\n\r\n"]);
}

#[test]
fn connect_to_option() {
    let Some(p) = run(
        "connect_to",
        "http://fake.example/c",
        Some("fake.example:80:127.0.0.1:{port}"),
        Script::new().reply(Reply::ok("connected")),
    ) else {
        return;
    };
    p.assert_requests(&["GET /c HTTP/1.1\r\nHost: fake.example\r\nAccept: */*\r\n\r\n"]);
}

#[test]
fn maxfilesize_exceeded_by_content_length() {
    run(
        "maxfilesize",
        "{url}/big",
        None,
        Script::new().reply(Reply::ok("x".repeat(100))),
    );
}

/// A 100-byte body of which 5 bytes come at once, the rest after 10 s.
fn stalling_body() -> Reply {
    let head = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n";
    Reply::raw(format!("{head}{}", "y".repeat(100))).pause_after(head.len() + 5, 10_000)
}

#[test]
fn low_speed_limit() {
    run(
        "lowspeed",
        "{url}/slow",
        None,
        Script::new().reply(stalling_body()),
    );
}

#[test]
fn timeout_during_body() {
    run(
        "timeout",
        "{url}/slow",
        None,
        Script::new().reply(stalling_body()),
    );
}

#[test]
fn connection_refused_error_buffer() {
    let refused = RefusedPort::new();
    // The refused port is not the server's, so it is normalised by hand.
    let url = refused.url("/");
    let Some(p) = run("get", &url, None, Script::new()) else {
        return;
    };
    assert!(p.stdout().contains("perform 1: 7 "), "{}", p.stdout());
}

#[test]
fn empty_reply_error_buffer() {
    run(
        "get",
        "{url}/",
        None,
        Script::new().reply(Reply::raw("").then_close()),
    );
}

#[test]
fn debug_function_headers() {
    run(
        "debug",
        "{url}/dbg",
        None,
        Script::new()
            .reply(Reply::status(200, &[("X-One", "1")], "first"))
            .reply(Reply::chunked(&["sec", "ond"])),
    );
}

#[test]
fn header_option_puts_head_in_body() {
    run(
        "header",
        "{url}/hb",
        None,
        Script::new().reply(Reply::status(
            200,
            &[("Content-Type", "text/plain"), ("X-Two", "2")],
            "body",
        )),
    );
}

#[test]
fn filetime_from_last_modified() {
    let Some(p) = run(
        "filetime",
        "{url}/ft",
        None,
        Script::new().reply(Reply::status(
            200,
            &[("Last-Modified", LAST_MODIFIED_2020)],
            "dated",
        )),
    ) else {
        return;
    };
    assert!(p.stdout().contains("filetime 1577836800"), "{}", p.stdout());
}

#[test]
fn info_protocol() {
    let Some(p) = run(
        "protocol",
        "{url}/p",
        None,
        Script::new().reply(Reply::ok("p")),
    ) else {
        return;
    };
    // CURLPROTO_HTTP.
    assert!(p.stdout().contains("  protocol 1\n"), "{}", p.stdout());
}

#[test]
fn debug_and_header_callback_order() {
    run(
        "debug_order",
        "{url}/dbg",
        None,
        Script::new().reply(Reply::status(200, &[("X-One", "1")], "first")),
    );
}

#[test]
fn sizes_add_up_over_redirects() {
    run("follow", "{url}/start", None, redirect_script("/landed"));
}

// Bad input: replies no server should send. Each is followed by a good reply to a second
// transfer on the same handle, which shows the handle (and the connection cache) recovered.

/// A reply after which the server closes the connection: for replies a client cannot take
/// as complete (or reuse the connection after).
fn bad_reply(reply: impl AsRef<[u8]>) -> Option<Pair> {
    bad(Reply::raw(reply).then_close())
}

/// A reply whose body is framed well enough to be complete: the server keeps the connection
/// open, so whether it is reused is the client's decision alone (a close right after the
/// reply would race with the client's reuse of the connection).
fn odd_reply(reply: impl AsRef<[u8]>) -> Option<Pair> {
    bad(Reply::raw(reply))
}

fn bad(reply: Reply) -> Option<Pair> {
    run(
        "get2",
        "{url}/bad",
        None,
        Script::new().reply(reply).reply(Reply::ok("recovered")),
    )
}

#[test]
fn bad_status_code() {
    bad_reply("HTTP/1.1 2x0 OK\r\nContent-Length: 2\r\n\r\nok");
}

#[test]
fn bad_status_line_not_http() {
    bad_reply("HTTZ/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
}

#[test]
fn status_line_without_reason() {
    odd_reply("HTTP/1.1 200\r\nContent-Length: 2\r\n\r\nok");
}

#[test]
fn unsupported_http_minor_version() {
    bad_reply("HTTP/1.2 200 OK\r\nContent-Length: 2\r\n\r\nok");
}

#[test]
fn http2_status_line_on_http1() {
    odd_reply("HTTP/2 200 OK\r\nContent-Length: 2\r\n\r\nok");
}

#[test]
fn header_line_without_colon() {
    bad_reply("HTTP/1.1 200 OK\r\nNoColonHere\r\nContent-Length: 2\r\n\r\nok");
}

#[test]
fn folded_header_line() {
    odd_reply("HTTP/1.1 200 OK\r\nX-Folded: one\r\n two\r\nContent-Length: 2\r\n\r\nok");
}

#[test]
fn bare_lf_line_endings() {
    odd_reply("HTTP/1.1 200 OK\nContent-Type: text/plain\nContent-Length: 2\n\nok");
}

#[test]
fn header_line_over_100_kib() {
    bad_reply(format!(
        "HTTP/1.1 200 OK\r\nX-Big: {}\r\nContent-Length: 2\r\n\r\nok",
        "a".repeat(110 * 1024)
    ));
}

#[test]
fn header_line_of_90_kib() {
    // Big, but under libcurl's limit for one header line.
    odd_reply(format!(
        "HTTP/1.1 200 OK\r\nX-Big: {}\r\nContent-Length: 2\r\n\r\nok",
        "a".repeat(90 * 1024)
    ));
}

#[test]
fn headers_over_300_kib_in_total() {
    let lines: String = (0..400)
        .map(|i| format!("X-H{i}: {}\r\n", "b".repeat(1000)))
        .collect();
    bad_reply(format!(
        "HTTP/1.1 200 OK\r\n{lines}Content-Length: 2\r\n\r\nok"
    ));
}

#[test]
fn content_length_not_a_number() {
    bad_reply("HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\nok");
}

#[test]
fn content_length_negative() {
    bad_reply("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\nok");
}

#[test]
fn content_length_overflowing() {
    bad_reply("HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999999\r\n\r\nok");
}

#[test]
fn content_length_twice_differing() {
    bad_reply("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 5\r\n\r\nok");
}

#[test]
fn content_length_with_chunked() {
    // Transfer-Encoding wins over Content-Length.
    odd_reply(
        "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n\
         2\r\nok\r\n0\r\n\r\n",
    );
}

#[test]
fn chunk_size_not_hex() {
    bad_reply("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\nzz\r\n");
}

#[test]
fn chunk_size_negative() {
    bad_reply("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-2\r\nok\r\n0\r\n\r\n");
}

#[test]
fn chunk_size_overflowing() {
    bad_reply(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\
         fffffffffffffffff1\r\nok\r\n0\r\n\r\n",
    );
}

#[test]
fn binary_garbage() {
    let garbage: Vec<u8> = (0..512u32).map(|i| (i * 73 + 11) as u8).collect();
    bad_reply(garbage);
}

#[test]
fn only_a_status_line_then_close() {
    bad_reply("HTTP/1.1 200 OK\r\n");
}

#[test]
fn close_in_the_middle_of_the_head() {
    bad_reply("HTTP/1.1 200 OK\r\nContent-Type: text/pl");
}

#[test]
fn reset_in_the_middle_of_the_head() {
    bad(Reply::raw("HTTP/1.1 200 OK\r\nContent-Type: text/pl").then_reset());
}
