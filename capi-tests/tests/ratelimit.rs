//! `CURLOPT_MAX_RECV_SPEED_LARGE` and `CURLOPT_MAX_SEND_SPEED_LARGE` with `c/ratelimit.c`
//! on both libraries: 256 KiB at 128 KiB/s arrive (and go) complete and take well over a
//! second, with the easy interface and under `curl_multi_socket_action`, where the socket
//! is removed while the transfer is held back and the timer callback hears of the wait.
//! Times are compared only as a coarse bucket.

use capi_tests::{ready, Case, Pair, Reply, Script};

const SIZE: usize = 256 * 1024;

fn pattern() -> Vec<u8> {
    pattern_of(SIZE)
}

fn pattern_of(size: usize) -> Vec<u8> {
    (0..size).map(|i| b'a' + (i % 26) as u8).collect()
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

/// The body of each recorded request is the whole pattern of `size` bytes.
fn assert_uploads(p: &Pair, size: usize) {
    let want = pattern_of(size);
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
    assert_uploads(&p, SIZE);
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
    assert_uploads(&p, SIZE);
}

#[test]
fn small_postfields_sent_with_the_head_are_limited_too() {
    // libcurl's first send carries the head and at most the limit's worth of the fields.
    let script = Script::new().reply(Reply::ok("stored"));
    let Some(p) = run(&["smallfields", "{url}/post"], script) else {
        return;
    };
    for o in p.each() {
        o.assert_stdout("smallfields: result 0, code 200, uploaded 40960, slow\n");
    }
    assert_uploads(&p, 40 * 1024);
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

/// Debian's curl tool with `--limit-rate` on both libraries: the whole body, the same
/// report. (The tool sets `CURLOPT_BUFFERSIZE` to the rate; on loopback a 256 KiB body is
/// read within libcurl's first pass, so this checks that the transfer works, not its pace.)
#[test]
fn debian_curl_limit_rate() {
    use capi_tests::{libdir, missing, run_program, Flavour, RunOptions, Server};
    use std::path::Path;
    let curl = Path::new("/usr/bin/curl");
    if !ready() {
        return;
    }
    if !curl.is_file() {
        missing("/usr/bin/curl (Debian package curl)");
        return;
    }
    let want = format!(
        "{}\n200 262144\n",
        String::from_utf8(pattern()).expect("ASCII")
    );
    for (flavour, env) in [
        (Flavour::System, vec![]),
        (
            Flavour::Ours,
            vec![("LD_LIBRARY_PATH".into(), libdir().as_os_str().to_owned())],
        ),
    ] {
        for rate in ["100K", "200K"] {
            let server = Server::start(Script::new().reply(Reply::ok(pattern())));
            let out = run_program(
                curl,
                flavour,
                &RunOptions {
                    args: vec![
                        "-s".into(),
                        "--limit-rate".into(),
                        rate.into(),
                        "-w".into(),
                        "\n%{http_code} %{size_download}\n".into(),
                        server.url("/big").into(),
                    ],
                    env: env.clone(),
                    // Leaks of the curl tool itself are not ours to report.
                    valgrind: false,
                    ..RunOptions::default()
                },
            );
            assert!(out.success() && out.stderr.is_empty(), "{out}");
            assert!(out.stdout == want, "{flavour:?} --limit-rate {rate}: {out}");
        }
    }
}

/// Debian's curl tool uploading with `--limit-rate`: libcurl checks the limit before each
/// upload buffer (64 KiB), so 256 KiB at 128 KiB/s take at least 1.5 s on both libraries.
#[test]
fn debian_curl_limit_rate_upload() {
    use capi_tests::{capi_target, libdir, missing, run_program, Flavour, RunOptions, Server};
    use std::path::Path;
    let curl = Path::new("/usr/bin/curl");
    if !ready() {
        return;
    }
    if !curl.is_file() {
        missing("/usr/bin/curl (Debian package curl)");
        return;
    }
    let file = capi_target().join("ratelimit-upload.bin");
    std::fs::write(&file, pattern()).expect("upload file written");
    for (flavour, env) in [
        (Flavour::System, vec![]),
        (
            Flavour::Ours,
            vec![("LD_LIBRARY_PATH".into(), libdir().as_os_str().to_owned())],
        ),
    ] {
        let server = Server::start(Script::new().reply(Reply::ok("stored")));
        let out = run_program(
            curl,
            flavour,
            &RunOptions {
                args: vec![
                    "-s".into(),
                    "--limit-rate".into(),
                    "128K".into(),
                    "-T".into(),
                    file.clone().into(),
                    "-w".into(),
                    "\n%{http_code} %{size_upload}\n".into(),
                    server.url("/up").into(),
                ],
                env,
                valgrind: false,
                ..RunOptions::default()
            },
        );
        assert!(out.success() && out.stderr.is_empty(), "{out}");
        assert_eq!(out.stdout, "stored\n200 262144\n", "{flavour:?}");
        assert!(
            out.elapsed >= std::time::Duration::from_millis(1200),
            "{flavour:?}: {:?}",
            out.elapsed
        );
        let reqs = server.requests();
        assert_eq!(reqs.len(), 1);
        let raw = &reqs[0].raw;
        let end = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a head")
            + 4;
        assert!(
            raw[end..] == pattern()[..],
            "{flavour:?}: the upload arrived whole"
        );
    }
}
