//! HTTP/1.1 pipelining (`CURLMOPT_PIPELINING` 1) with `c/pipeline.c`, on our library only:
//! libcurl 7.88.1 ignores the option. The scripted server holds a reply until the pipelined
//! requests behind it have arrived on the connection, so the depth is checked exactly
//! (`holds_expired` counts holds the client did not fill), and every transfer must get its
//! own body: none lost, none twice. The fault cases break the pipeline at every position.

use capi_tests::{pki, ready, Case, HttpsServer, Outcome, Reply, Script, TlsFrontConfig};

/// `/0` .. `/n` answer "body-i"; `/1` is held until `1 + depth` requests are on its
/// connection (the lone first request, then a full pipeline) when `depth` > 0.
fn script(n: usize, depth: usize, change: impl Fn(usize, Reply) -> Reply) -> Script {
    let mut s = Script::new();
    for i in 0..=n {
        let mut reply = Reply::ok(format!("body-{i}"));
        if i == 1 && depth > 0 {
            reply = reply.hold_until(1 + depth);
        }
        s = s.route(&format!("/{i}"), change(i, reply));
    }
    s.otherwise(Reply::status(404, &[], "no such"))
}

/// `/0` .. `/n` answering "body-i", with `/1`'s answer late, so that the transfers added
/// with it are all set up while it is in flight: they pipeline behind it, or open
/// connections of their own, rather than finding its connection idle again.
fn slow_first(n: usize) -> Script {
    script(n, 0, |i, r| if i == 1 { r.stall(late()) } else { r })
}

/// How late "late" is: long enough for the client to set up a handful of transfers, which
/// under valgrind takes far longer.
fn late() -> u64 {
    if std::env::var_os("RCURL_VALGRIND").is_some_and(|v| v == "1") {
        2000
    } else {
        300
    }
}

/// Runs `pipeline ARGS` with the server scripted so, with curl_multi_perform and poll over
/// TCP; then again driven by curl_multi_socket_action, and again over TLS, each of which
/// must print the same and fill the server's holds as well. Returns the first run.
fn run(args: &[&str], script: Script) -> Option<Outcome> {
    let out = run_once(args, script.clone())?;
    let case = || Case::new("pipeline").args(args).server(script.clone());
    let variants = [
        ("socket_action", case().env("PIPELINE_DRIVER", "socket")),
        (
            "TLS",
            case()
                .tls(TlsFrontConfig::new())
                .env("PIPELINE_CAINFO", pki().ca()),
        ),
    ];
    // How many connections were opened can differ with the timing (a TLS handshake, the
    // order of events): every transfer's own result must not.
    let results = |o: &Outcome| -> Vec<String> {
        o.stdout()
            .lines()
            .filter(|l| !l.starts_with("connections opened"))
            .map(str::to_string)
            .collect()
    };
    for (name, variant) in variants {
        let other = variant.ours();
        assert_eq!(results(&other), results(&out), "{name} differs");
        let holds = |o: &Outcome| o.server().holds_expired();
        assert_eq!(holds(&other), holds(&out), "{name}: pipeline depth");
    }
    Some(out)
}

/// Like [`run`], once only: for a case whose output depends on timing the variants do not
/// share (which response a reset takes with it, when a removal lands).
fn run_once(args: &[&str], script: Script) -> Option<Outcome> {
    if !ready() {
        return None;
    }
    let out = Case::new("pipeline").args(args).server(script).ours();
    println!("{}", out.stdout());
    Some(out)
}

/// Every transfer in `0..=n` (but `skip`) ended with 0, code 200 and its own body.
fn all_own_bodies(out: &Outcome, n: usize, skip: &[usize]) {
    for i in (0..=n).filter(|i| !skip.contains(i)) {
        let line = format!("{i}: 0 code 200 body \"body-{i}\"");
        assert!(out.stdout().contains(&line), "missing {line:?}");
    }
}

fn connections(out: &Outcome) -> usize {
    out.stdout()
        .lines()
        .find_map(|l| l.strip_prefix("connections opened: "))
        .and_then(|n| n.parse().ok())
        .expect("the count is printed")
}

/// How often the server got a request for `target`.
fn sent(out: &Outcome, target: &str) -> usize {
    let start = format!(" {target} HTTP/1.1");
    out.requests()
        .iter()
        .filter(|r| r.text().lines().next().is_some_and(|l| l.contains(&start)))
        .count()
}

#[test]
fn gets_pipeline_on_one_connection_as_deep_as_allowed() {
    let Some(out) = run(&["{url}", "12", "len=5"], script(12, 5, |_, r| r)) else {
        return;
    };
    all_own_bodies(&out, 12, &[]);
    assert_eq!(connections(&out), 1);
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
    let Some(out) = run(&["{url}", "20", "len=0"], script(20, 20, |_, r| r)) else {
        return;
    };
    all_own_bodies(&out, 20, &[]);
    assert_eq!(out.server().holds_expired(), 0);
}

/// With no limit on connections, pipelines fill before new connections are opened.
#[test]
fn without_limits_one_connection_serves_all() {
    let Some(out) = run(&["{url}", "8", "maxhost=0"], script(8, 5, |_, r| r)) else {
        return;
    };
    all_own_bodies(&out, 8, &[]);
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
    let mut s = Script::new().route("/0", Reply::ok("body-0"));
    for i in 1..=6 {
        let r = if i == 1 {
            head(i).hold_until(6)
        } else {
            head(i)
        };
        s = s.route(&format!("/{i}"), r);
    }
    let Some(out) = run(&["{url}", "6", "kind=head"], s) else {
        return;
    };
    for i in 1..=6 {
        assert!(
            out.stdout().contains(&format!("{i}: 0 code 200 body \"\"")),
            "{i}"
        );
    }
    assert_eq!(out.server().holds_expired(), 0);
    assert_eq!(connections(&out), 1);
}

#[test]
fn the_socket_action_driver_pipelines_too() {
    let Some(out) = run(&["{url}", "12", "socket"], script(12, 5, |_, r| r)) else {
        return;
    };
    all_own_bodies(&out, 12, &[]);
    assert_eq!(out.server().holds_expired(), 0);
    assert_eq!(connections(&out), 1);
}

#[test]
fn pipelines_over_tls() {
    if !ready() {
        return;
    }
    let server = HttpsServer::start(script(12, 5, |_, r| r), TlsFrontConfig::new());
    let url = server.url("");
    let url = url.trim_end_matches('/');
    let out = Case::new("pipeline")
        .args(&[url, "12"])
        .env("PIPELINE_CAINFO", pki().ca())
        .ours();
    println!("{}", out.stdout());
    all_own_bodies(&out, 12, &[]);
    assert_eq!(connections(&out), 1);
    assert_eq!(server.server().holds_expired(), 0);
}

/// The server closes after the response at position `k`, for every `k`: the requests
/// behind got nothing and are sent again, each answered once.
#[test]
fn a_close_at_any_position_resends_what_got_nothing() {
    for k in 1..=6 {
        let s = script(6, 5, |i, r| if i == k { r.then_close() } else { r });
        let Some(out) = run(&["{url}", "6"], s) else {
            return;
        };
        all_own_bodies(&out, 6, &[]);
        for i in 1..=k {
            assert_eq!(sent(&out, &format!("/{i}")), 1, "k {k}: /{i} answered once");
        }
    }
}

/// A reset at every position: the transfers that got nothing are sent again.
#[test]
fn a_reset_at_any_position_resends_what_got_nothing() {
    for k in 2..=6 {
        let s = script(6, 5, |i, r| if i == k { r.then_reset() } else { r });
        let Some(out) = run_once(&["{url}", "6"], s) else {
            return;
        };
        // /k's own response may be lost with the reset.
        all_own_bodies(&out, 6, &[k]);
        assert!(
            out.stdout()
                .contains(&format!("{k}: 0 code 200 body \"body-{k}\""))
                || out.stdout().contains(&format!("{k}: 56 ")),
            "k {k}"
        );
    }
}

/// The handle at each position is removed after `/1` completes, its request already sent:
/// the handles behind it still get exactly their own bodies.
#[test]
fn removing_a_handle_at_any_position_keeps_the_others_whole() {
    for k in 2..=6 {
        let remove = format!("remove={k}");
        // Its answer comes late, so that it is removed before any of it was read.
        let s = script(6, 0, |i, r| if i == k { r.stall(late()) } else { r });
        let Some(out) = run_once(&["{url}", "6", &remove], s) else {
            return;
        };
        assert!(out.stdout().contains(&format!("{k}: removed")));
        all_own_bodies(&out, 6, &[k]);
        // Its response was read off the connection for nobody: the connection went on.
        assert_eq!(connections(&out), 1, "k {k}");
    }
}

/// A removed transfer's response over the drain limit (1 MiB) is not read: the connection
/// closes, and the transfers behind are sent again on another.
#[test]
fn a_removed_transfer_with_a_huge_response_closes_the_connection() {
    let huge = vec![b'h'; 2 << 20];
    // `/2` is slow, so that `/3` is still queued when it is removed.
    let s = script(6, 0, |i, r| match i {
        2 => r.pause_after(20, late()),
        3 => Reply::ok(&huge),
        _ => r,
    });
    let Some(out) = run_once(&["{url}", "6", "remove=3"], s) else {
        return;
    };
    assert!(out.stdout().contains("3: removed"));
    all_own_bodies(&out, 6, &[3]);
    assert_eq!(connections(&out), 2);
}

#[test]
fn a_malformed_response_fails_its_transfer_only() {
    let s = script(6, 5, |i, r| {
        if i == 3 {
            Reply::raw("NOT HTTP AT ALL\r\n\r\n")
        } else {
            r
        }
    });
    let Some(out) = run(&["{url}", "6"], s) else {
        return;
    };
    all_own_bodies(&out, 6, &[3]);
    assert!(!out.stdout().contains("3: 0 "), "/3 must fail");
}

/// A chunked body cut short at position 3 (then a close): that transfer fails with
/// CURLE_PARTIAL_FILE-like codes, the others get their bodies.
#[test]
fn a_truncated_chunked_body_fails_its_transfer_only() {
    let s = script(6, 5, |i, r| {
        if i == 3 {
            Reply::raw("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nbod").then_close()
        } else {
            r
        }
    });
    let Some(out) = run(&["{url}", "6"], s) else {
        return;
    };
    all_own_bodies(&out, 6, &[3]);
    assert!(
        out.stdout().contains("3: 18 "),
        "/3 fails with CURLE_PARTIAL_FILE"
    );
}

/// A queued transfer times out while the head's answer is late: it ends with
/// CURLE_OPERATION_TIMEDOUT, and the others get their bodies.
#[test]
fn a_queued_transfer_times_out_alone() {
    let s = script(5, 0, |i, r| if i == 1 { r.stall(1500) } else { r });
    let Some(out) = run(&["{url}", "5", "timeout=3:300"], s) else {
        return;
    };
    all_own_bodies(&out, 5, &[3]);
    assert!(out.stdout().contains("3: 28 "), "/3 times out");
}

/// The head pauses its write callback: the pipeline waits, then everything completes.
#[test]
fn a_paused_head_holds_the_pipeline() {
    let Some(out) = run(&["{url}", "6", "pause=1"], script(6, 5, |_, r| r)) else {
        return;
    };
    all_own_bodies(&out, 6, &[]);
}

/// A server answering HTTP/1.0 is never pipelined to: every transfer still completes.
#[test]
fn an_http10_server_is_not_pipelined_to() {
    let http10 = |i: usize, _: Reply| {
        let r =
            Reply::raw("HTTP/1.0 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok");
        // Late, so that the others are set up while it is in flight.
        if i == 1 {
            r.stall(late())
        } else {
            r
        }
    };
    let Some(out) = run(&["{url}", "5", "maxhost=0"], script(5, 0, http10)) else {
        return;
    };
    for i in 0..=5 {
        assert!(out
            .stdout()
            .contains(&format!("{i}: 0 code 200 body \"ok\"")));
    }
    assert!(connections(&out) > 1, "not pipelined");
}

#[test]
fn never_pipelined_kinds() {
    for kind in ["post", "custom", "http10", "forbid", "fresh", "close"] {
        let arg = format!("kind={kind}");
        let Some(out) = run(&["{url}", "4", "maxhost=0", &arg], slow_first(4)) else {
            return;
        };
        all_own_bodies(&out, 4, &[]);
        assert!(connections(&out) > 1, "{kind} was pipelined");
    }
}

#[test]
fn blacklisted_sites_and_servers_are_not_pipelined_to() {
    let Some(out) = run(
        &["{url}", "4", "maxhost=0", "sitebl=127.0.0.1:{port}"],
        slow_first(4),
    ) else {
        return;
    };
    all_own_bodies(&out, 4, &[]);
    assert!(connections(&out) > 1, "site blacklist");
    // Without a port an entry means port 80: not this server.
    let Some(out) = run(
        &["{url}", "4", "maxhost=0", "sitebl=127.0.0.1"],
        slow_first(4),
    ) else {
        return;
    };
    assert_eq!(connections(&out), 1);

    let server_says = |i: usize, _: Reply| {
        let r = Reply::status(200, &[("Server", "TestServer/2.4")], format!("body-{i}"));
        if i == 1 {
            r.stall(late())
        } else {
            r
        }
    };
    let s = script(4, 0, server_says);
    let Some(out) = run(&["{url}", "4", "maxhost=0", "serverbl=testserver"], s) else {
        return;
    };
    all_own_bodies(&out, 4, &[]);
    assert!(connections(&out) > 1, "server blacklist");
}

/// `CURLOPT_PIPEWAIT`: while the server's ability is unknown, requests wait for the first
/// answer instead of opening connections of their own.
#[test]
fn pipewait_waits_for_a_pipeline() {
    let Some(out) = run(
        &["{url}", "6", "maxhost=0", "nofirst", "pipewait"],
        slow_first(6),
    ) else {
        return;
    };
    all_own_bodies(&out, 6, &[0]);
    assert_eq!(connections(&out), 1);
    let Some(out) = run(&["{url}", "6", "maxhost=0", "nofirst"], slow_first(6)) else {
        return;
    };
    all_own_bodies(&out, 6, &[0]);
    assert!(connections(&out) > 1, "without PIPEWAIT each opens one");
}

#[test]
fn pipelining_off_never_pipelines() {
    let Some(out) = run(&["{url}", "4", "maxhost=0", "off"], slow_first(4)) else {
        return;
    };
    all_own_bodies(&out, 4, &[]);
    assert!(connections(&out) > 1);
}

/// The four files of `c/pipeline_load.c`: byte j of file s is (j * 7 + s) % 251.
fn load_files() -> Vec<(&'static str, Vec<u8>)> {
    [
        ("f0", 0usize),
        ("f100", 100),
        ("f16k", 16384),
        ("f1m", 1 << 20),
    ]
    .iter()
    .enumerate()
    .map(|(s, (name, size))| {
        (
            *name,
            (0..*size).map(|j| ((j * 7 + s) % 251) as u8).collect(),
        )
    })
    .collect()
}

fn load(nginx: &capi_tests::nginx::Nginx, args: &[&str]) -> Outcome {
    let base = nginx.url("");
    let base = base.trim_end_matches('/');
    let mut all = vec![base];
    all.extend_from_slice(args);
    let out = Case::new("pipeline_load")
        .args(&all)
        .timeout(std::time::Duration::from_secs(300))
        .no_valgrind()
        .ours();
    println!("{}{}", out.stdout(), out.stderr());
    out
}

/// nginx, a real HTTP/1.1 server: 10,000 pipelined GETs of mixed sizes over 4 connections,
/// every body checked.
#[test]
fn ten_thousand_pipelined_gets_against_nginx() {
    if !ready() {
        return;
    }
    let Some(nginx) = capi_tests::nginx::Nginx::start(&load_files()) else {
        return;
    };
    let out = load(&nginx, &["10000", "200", "4", "10"]);
    assert!(out
        .stdout()
        .contains("transfers: 10000, complete and correct: 10000, wrong: 0, failed: 0"));
    assert!(connections(&out) <= 4, "MAX_HOST_CONNECTIONS 4");
}

/// nginx closes each connection after 1,000 requests, with pipelined requests queued behind
/// the last one, and half of the answers come gzip-compressed and chunked: nothing is lost.
#[test]
fn nginx_closing_with_requests_queued_loses_nothing() {
    if !ready() {
        return;
    }
    let gzip = "gzip on; gzip_min_length 1; gzip_types *;";
    let Some(nginx) = capi_tests::nginx::Nginx::start_with(&load_files(), 1000, gzip) else {
        return;
    };
    let out = load(&nginx, &["5000", "100", "2", "20", "gzip"]);
    assert!(out
        .stdout()
        .contains("transfers: 5000, complete and correct: 5000, wrong: 0, failed: 0"));
    // At least one connection per 1,000 requests.
    assert!(connections(&out) >= 5);
}

/// The response at a pipe's head announces a long body (`CONTENT_LENGTH_PENALTY_SIZE`) or is
/// in a long chunk (`CHUNK_LENGTH_PENALTY_SIZE`): new requests go to another connection
/// instead of queueing behind it. `/1` sends its head and a little of its body, then waits;
/// the later transfers are added meanwhile.
#[test]
fn penalised_pipes_are_passed_over() {
    let big = vec![b'b'; 20_000];
    let long = Reply::ok(&big).pause_after(200, late());
    let mut chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4e20\r\n".to_vec();
    chunked.extend_from_slice(&big);
    chunked.extend_from_slice(b"\r\n0\r\n\r\n");
    let chunky = Reply::raw(chunked).pause_after(200, late());
    for (reply, option, penalised) in [
        (long.clone(), "clpenalty=1000", true),
        (long, "clpenalty=0", false),
        (chunky.clone(), "chunkpenalty=1000", true),
        (chunky, "chunkpenalty=50000", false),
    ] {
        let s = script(4, 0, |i, r| if i == 1 { reply.clone() } else { r });
        let Some(out) = run(&["{url}", "4", "maxhost=2", "later=2", option], s) else {
            return;
        };
        all_own_bodies(&out, 4, &[1]);
        assert!(out.stdout().contains("1: 0 code 200"));
        let expected = if penalised { 2 } else { 1 };
        assert_eq!(connections(&out), expected, "{option}");
    }
}
