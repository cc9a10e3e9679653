//! Transfer behaviours real programs rely on, with `c/xfer.c` on both libraries: write
//! callbacks bounded by `CURL_MAX_WRITE_SIZE`, options read when a multi transfer starts,
//! how often progress callbacks run, upload sizes and sockets in getinfo, `CURLOPT_CRLF`.

use capi_tests::{ready, Case, Pair, Reply, Script};

fn run(args: &[&str], script: Script) -> Option<Pair> {
    if !ready() {
        return None;
    }
    let pair = Case::new("xfer").args(args).server(script).differential();
    pair.show();
    Some(pair)
}

#[test]
fn write_callbacks_get_at_most_max_write_size() {
    // A header line longer than a write chunk, and a 1 MiB body.
    let long = "v".repeat(40_000);
    let body = "b".repeat(1 << 20);
    let reply = Reply::status(200, &[("X-Long", long.as_str())], &body);
    let script = Script::new().reply(reply.clone()).reply(reply);
    let Some(p) = run(&["chunks", "{url}/big"], script) else {
        return;
    };
    for header in [0, 1] {
        let line = format!(
            "header {header}: result 0, received >= 1 MiB, max write <= 16384: yes, \
             max header line > 16384: yes"
        );
        assert!(p.stdout().contains(&line), "{line}");
    }
}

#[test]
fn options_set_after_multi_add_handle_apply() {
    let script = Script::new()
        .route("/right", Reply::ok("right"))
        .route("/wrong", Reply::ok("wrong"));
    let Some(p) = run(&["late", "{url}"], script) else {
        return;
    };
    assert_stdout(&p, "result 0, code 200, body \"right\"\n");
    p.assert_requests(&["GET /right HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\
         User-Agent: late-agent\r\nAccept: */*\r\n\r\n"]);
}

/// About 3 s of response, one byte at a time.
fn slow() -> Script {
    Script::new().reply(Reply::ok("0123456789").byte_delay(60))
}

#[test]
fn progress_callback_runs_on_every_pass_that_moved_data() {
    let Some(p) = run(&["progress", "{url}/slow"], slow()) else {
        return;
    };
    assert_stdout(
        &p,
        "result 0, at least 20 calls: yes, dlnow never went back: yes, last dlnow 10\n",
    );
}

#[test]
fn xferinfo_callback_runs_on_every_pass_in_a_multi() {
    let Some(p) = run(&["xferinfo", "{url}/slow"], slow()) else {
        return;
    };
    assert_stdout(
        &p,
        "result 0, at least 20 calls: yes, dlnow never went back: yes, last dlnow 10\n",
    );
}

#[test]
fn progress_callback_sees_data_as_it_arrives_and_aborts() {
    let script = Script::new().reply(Reply::status(200, &[], "x".repeat(30)).byte_delay(15));
    let Some(p) = run(&["abort", "{url}/a"], script) else {
        return;
    };
    assert_stdout(
        &p,
        "result 42 (Callback aborted), written 10, dlnow at the abort 10\n",
    );
}

#[test]
fn progress_callback_runs_every_second_of_a_stall() {
    let script = Script::new().reply(Reply::ok("late").stall(3500));
    let Some(p) = run(&["stalled", "{url}/stall"], script) else {
        return;
    };
    assert_stdout(
        &p,
        "result 0, at least 3 calls: yes, dlnow never went back: yes, last dlnow 4\n",
    );
}

fn assert_stdout(p: &Pair, want: &str) {
    assert_eq!(p.stdout(), want);
}

#[test]
fn upload_sizes_and_request_sizes_in_getinfo() {
    let Some(p) = run(
        &["upsize", "{url}/up"],
        Script::new().otherwise(Reply::ok("ok")),
    ) else {
        return;
    };
    assert!(p.stdout().contains("put 5 result 0"), "{}", p.stdout());
}

#[test]
fn last_socket_is_the_kept_connection() {
    let script = Script::new().route("/keep", Reply::ok("kept")).route(
        "/close",
        Reply::status(200, &[("Connection", "close")], "closed").then_close(),
    );
    let Some(p) = run(&["lastsocket", "{url}"], script) else {
        return;
    };
    assert!(
        p.stdout().contains(
            "kept connection: lastsocket an open socket: yes, activesocket the same: yes"
        ),
        "{}",
        p.stdout()
    );
}

#[test]
fn effective_url_before_a_transfer_and_after_a_url_error() {
    if !ready() {
        return;
    }
    let p = Case::new("xfer").args(&["badurl"]).differential();
    assert!(
        p.stdout()
            .contains("http://[::1/x: result 3, effective url \"http://[::1/x\""),
        "{}",
        p.stdout()
    );
    assert!(
        p.stdout()
            .contains("foo://127.0.0.1/x: before perform, effective url \"foo://127.0.0.1/x\""),
        "{}",
        p.stdout()
    );
}

#[test]
fn crlf_converts_uploaded_data() {
    let Some(p) = run(
        &["crlf", "{url}/c"],
        Script::new().otherwise(Reply::ok("ok")),
    ) else {
        return;
    };
    assert!(
        p.stdout().contains("put: result 0, uploaded 14"),
        "{}",
        p.stdout()
    );
    p.assert_same_requests();
}

#[test]
fn pausing_in_socket_action_removes_the_socket_until_unpaused() {
    // The body comes a while after the head, so that the manual pause falls between them.
    let reply = || Reply::status(200, &[], "the body").pause_after(38, 300);
    // A write-callback pause keeps the whole (complete) body: nothing is left to watch
    // after the unpause. A manual pause between head and body: the socket goes at once and
    // comes back at once, inside curl_easy_pause.
    let want = [
        ("write", "IN [pause] REMOVE [unpause] [unpaused]"),
        (
            "manual",
            "IN [pause] REMOVE [paused] [unpause] IN [unpaused] REMOVE",
        ),
    ];
    for (mode, sequence) in want {
        let script = Script::new().reply(reply());
        let Some(p) = run(&["pausesock", mode, "{url}/p"], script) else {
            return;
        };
        assert_stdout(
            &p,
            &format!("{mode}: result 0, body \"the body\"\nsocket callback: {sequence}\n"),
        );
    }
}

#[test]
fn timers_while_a_transfer_waits_in_socket_action() {
    let reply = || Reply::ok("late").stall(1500);
    let script = Script::new()
        .reply(reply())
        .reply(reply())
        .reply(reply())
        .reply(reply());
    let Some(p) = run(&["timers", "{url}/t"], script) else {
        return;
    };
    let none = "curl_multi_timeout none";
    assert_stdout(
        &p,
        &format!(
            "noprogress 1, timeout 0, low speed 0: result 0, while waiting: {none}\n\
             noprogress 0, timeout 0, low speed 0: result 0, while waiting: {none}\n\
             noprogress 1, timeout 20000, low speed 0: result 0, while waiting: \
             curl_multi_timeout later\n\
             noprogress 1, timeout 0, low speed 1: result 0, while waiting: \
             curl_multi_timeout within 1s\n"
        ),
    );
}
