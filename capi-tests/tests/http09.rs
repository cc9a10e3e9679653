//! `CURLOPT_HTTP09_ALLOWED` with `c/http09.c`, on both libraries: a response that does not
//! start like a status line is refused by default, and with the option on is a body read
//! until the connection closes (also when its first bytes arrive one at a time, so the
//! decision comes before the first line is complete); with NOBODY it is a weird reply.

use capi_tests::{ready, Case, Reply, Script};

fn case(reply: Reply, args: &[&str]) {
    let mut all = vec!["{url}/nine"];
    all.extend_from_slice(args);
    let p = Case::new("http09")
        .args(&all)
        .server(Script::new().otherwise(reply))
        .differential();
    p.show();
    p.assert_same_requests();
}

#[test]
fn http09_refused_by_default() {
    if !ready() {
        return;
    }
    case(Reply::raw("hello world\nline2\n").then_close(), &["off"]);
}

#[test]
fn http09_allowed_is_a_body_until_close() {
    if !ready() {
        return;
    }
    for body in ["hello world\nline2\n", "hi", "HTTX/1.1 200 OK\r\n\r\nbody"] {
        case(Reply::raw(body).then_close(), &["on"]);
    }
    case(
        Reply::raw("HTTPS is not a version\n")
            .byte_delay(5)
            .then_close(),
        &["on"],
    );
}

#[test]
fn http09_allowed_still_reads_http_1_responses() {
    if !ready() {
        return;
    }
    case(Reply::ok("normal"), &["on"]);
}

#[test]
fn http09_with_nobody_is_a_weird_reply() {
    if !ready() {
        return;
    }
    case(Reply::raw("no head here\n").then_close(), &["on", "nobody"]);
}
