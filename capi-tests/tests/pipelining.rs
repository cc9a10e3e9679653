//! HTTP/1.1 pipelining (`CURLMOPT_PIPELINING` 1) with `c/pipeline.c`, on our library only:
//! libcurl 7.88.1 ignores the option. The scripted server holds a reply until the pipelined
//! requests behind it have arrived on the connection, so the depth is checked exactly
//! (`holds_expired` counts holds the client did not fill), and every transfer must get its
//! own body: none lost, none twice.

use capi_tests::{ready, Case, Outcome, Reply, Script};

/// `/0` .. `/n` answer "body-i"; `/1` is held until `1 + depth` requests are on its
/// connection (the lone first request, then a full pipeline).
fn script(n: usize, depth: usize, change: impl Fn(usize, Reply) -> Reply) -> Script {
    let mut s = Script::new();
    for i in 0..=n {
        let mut reply = Reply::ok(format!("body-{i}"));
        if i == 1 {
            reply = reply.hold_until(1 + depth);
        }
        s = s.route(&format!("/{i}"), change(i, reply));
    }
    s.otherwise(Reply::status(404, &[], "no such"))
}

fn run(args: &[&str], script: Script) -> Option<Outcome> {
    if !ready() {
        return None;
    }
    let out = Case::new("pipeline").args(args).server(script).ours();
    println!("{}", out.stdout());
    Some(out)
}

/// Every transfer in `0..=n` (but `skip`) ended with 0, its code and its own body.
fn all_own_bodies(out: &Outcome, n: usize, code: u16, skip: &[usize]) {
    for i in (0..=n).filter(|i| !skip.contains(i)) {
        let body = if code == 200 {
            format!("body-{i}")
        } else {
            String::new()
        };
        let line = format!("{i}: 0 code {code} body \"{body}\"");
        assert!(out.stdout().contains(&line), "missing {line:?}");
    }
}

#[test]
fn gets_pipeline_on_one_connection_as_deep_as_allowed() {
    let Some(out) = run(&["get", "{url}", "12", "5", "1"], script(12, 5, |_, r| r)) else {
        return;
    };
    all_own_bodies(&out, 12, 200, &[]);
    assert!(out.stdout().contains("connections opened: 1"));
    assert_eq!(
        out.server().holds_expired(),
        0,
        "the pipeline was not 5 deep"
    );
    let conns = out.connections();
    assert_eq!(conns.len(), 13);
    assert!(conns.iter().all(|&c| c == 0), "{conns:?}");
}

#[test]
fn unlimited_length_sends_everything_at_once() {
    let Some(out) = run(&["get", "{url}", "20", "0", "1"], script(20, 20, |_, r| r)) else {
        return;
    };
    all_own_bodies(&out, 20, 200, &[]);
    assert_eq!(out.server().holds_expired(), 0);
}

#[test]
fn head_requests_pipeline_too() {
    // A HEAD response announces a length and has no body.
    let head = |i: usize| {
        Reply::raw(format!(
            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n",
            5 + i
        ))
    };
    let s = script(6, 5, |i, r| {
        if i == 1 {
            head(i).hold_until(6)
        } else {
            let _ = r;
            head(i)
        }
    });
    let Some(out) = run(&["head", "{url}", "6"], s) else {
        return;
    };
    for i in 0..=6 {
        assert!(
            out.stdout().contains(&format!("{i}: 0 code 200 body \"\"")),
            "{i}"
        );
    }
    assert_eq!(out.server().holds_expired(), 0);
    assert!(out.stdout().contains("connections opened: 1"));
}

#[test]
fn the_socket_action_driver_pipelines_too() {
    let Some(out) = run(&["socket", "{url}", "12"], script(12, 5, |_, r| r)) else {
        return;
    };
    all_own_bodies(&out, 12, 200, &[]);
    assert_eq!(out.server().holds_expired(), 0);
    assert!(out.stdout().contains("connections opened: 1"));
}

/// The server closes after `/3`'s response with the requests behind it outstanding: they
/// got nothing, so they are sent again on a new connection, and each gets its body once.
#[test]
fn a_close_mid_pipeline_resends_what_got_nothing() {
    let s = script(8, 5, |i, r| if i == 3 { r.then_close() } else { r });
    let Some(out) = run(&["get", "{url}", "8", "5", "1"], s) else {
        return;
    };
    all_own_bodies(&out, 8, 200, &[]);
    let per_target = |t: &str| {
        out.requests()
            .iter()
            .filter(|r| r.text().starts_with(&format!("GET {t} ")))
            .count()
    };
    assert_eq!(per_target("/1"), 1, "answered once, never sent again");
    assert_eq!(per_target("/3"), 1);
}

/// A reset with requests outstanding: the same.
#[test]
fn a_reset_mid_pipeline_resends_what_got_nothing() {
    let s = script(8, 5, |i, r| if i == 2 { r.then_reset() } else { r });
    let Some(out) = run(&["get", "{url}", "8", "5", "1"], s) else {
        return;
    };
    // /2's response may or may not have been read before the reset.
    all_own_bodies(&out, 8, 200, &[2]);
}

/// The handle of `/3` is removed after `/1` completes, with its request already sent: the
/// handles behind it still get exactly their own bodies.
#[test]
fn removing_a_handle_mid_pipeline_keeps_the_others_whole() {
    let Some(out) = run(&["remove", "{url}", "8", "3"], script(8, 5, |_, r| r)) else {
        return;
    };
    assert!(out.stdout().contains("3: removed"));
    all_own_bodies(&out, 8, 200, &[3]);
}

/// A server answering HTTP/1.0 is never pipelined to: every transfer still completes.
#[test]
fn an_http10_server_is_not_pipelined_to() {
    let s = Script::new().otherwise(Reply::raw(
        "HTTP/1.0 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok",
    ));
    let Some(out) = run(&["get", "{url}", "5", "5", "1"], s) else {
        return;
    };
    for i in 0..=5 {
        assert!(out
            .stdout()
            .contains(&format!("{i}: 0 code 200 body \"ok\"")));
    }
}
