//! `CURLOPT_MAX_RECV_SPEED_LARGE` and `CURLOPT_MAX_SEND_SPEED_LARGE` with `c/ratelimit.c`
//! on both libraries: 256 KiB at 128 KiB/s arrive (and go) complete and take well over a
//! second, with the easy interface and under `curl_multi_socket_action`, where the socket
//! is removed while the transfer is held back and the timer callback hears of the wait.
//! Times are compared only as a coarse bucket.

use capi_tests::{ready, Case, Pair, Reply, Script};

const SIZE: usize = 256 * 1024;

fn pattern() -> Vec<u8> {
    (0..SIZE).map(|i| b'a' + (i % 26) as u8).collect()
}

fn run(args: &[&str], script: Script) -> Option<Pair> {
    if !ready() {
        return None;
    }
    let pair = Case::new("ratelimit")
        .args(args)
        .server(script)
        .differential();
    pair.show();
    Some(pair)
}

/// The body of each recorded request is the whole pattern.
fn assert_uploads(p: &Pair) {
    let want = pattern();
    for o in p.each() {
        let reqs = o.requests();
        assert_eq!(reqs.len(), 1);
        let raw = &reqs[0].raw;
        let end = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a head")
            + 4;
        assert!(raw[end..] == want[..], "the upload arrived whole");
    }
}

#[test]
fn negative_speeds_are_refused() {
    let Some(p) = run(&["setopt"], Script::new()) else {
        return;
    };
    for o in p.each() {
        o.assert_stdout(
            "recv -1: 43\nsend -1: 43\nrecv 0: 0\nsend 0: 0\nrecv 1000: 0\nsend 1000: 0\n",
        );
    }
}

#[test]
fn download_is_limited() {
    let script = Script::new().reply(Reply::ok(pattern()));
    let Some(p) = run(&["recv", "{url}/big"], script) else {
        return;
    };
    for o in p.each() {
        o.assert_stdout("recv: result 0, body 262144 bytes, intact yes, slow\n");
    }
}

#[test]
fn upload_is_limited() {
    let script = Script::new().reply(Reply::ok("stored"));
    let Some(p) = run(&["send", "{url}/up"], script) else {
        return;
    };
    for o in p.each() {
        o.assert_stdout("send: result 0, code 200, uploaded 262144, slow\n");
    }
    assert_uploads(&p);
}

#[test]
fn postfields_are_limited() {
    let script = Script::new().reply(Reply::ok("stored"));
    let Some(p) = run(&["fields", "{url}/post"], script) else {
        return;
    };
    for o in p.each() {
        o.assert_stdout("fields: result 0, code 200, uploaded 262144, slow\n");
    }
    assert_uploads(&p);
}

#[test]
fn socket_action_drops_the_socket_while_held_back() {
    let script = Script::new().reply(Reply::ok(pattern()));
    let Some(p) = run(&["socket", "{url}/big"], script) else {
        return;
    };
    for o in p.each() {
        o.assert_stdout(
            "socket: result 0, body 262144 bytes, intact yes, slow\n\
             socket removed while held back: yes, watched again: yes, timer for the wait: yes\n",
        );
    }
}
