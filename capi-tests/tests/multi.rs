//! The multi interface with `c/multi.c`, on both libraries: the three ways of driving
//! transfers (perform + poll, fdset + select, socket_action + epoll), removal mid-transfer,
//! wakeup from another thread, and the return codes of misuse.

use capi_tests::{ready, Case, Pair, Reply, Script};

fn run(args: &[&str], script: Script) -> Option<Pair> {
    if !ready() {
        return None;
    }
    let pair = Case::new("multi").args(args).server(script).differential();
    pair.show();
    Some(pair)
}

fn bodies() -> Script {
    Script::new()
        .route("/t/0", Reply::ok("zero"))
        .route("/t/1", Reply::ok("one"))
        .route("/t/2", Reply::ok("two"))
        .route("/t/3", Reply::ok("three"))
        .otherwise(Reply::ok("other"))
}

fn all_done(p: &Pair, n: usize) {
    let names = ["zero", "one", "two", "three"];
    for (i, name) in names.iter().enumerate().take(n) {
        let line = format!("transfer {i}: result 0, code 200, body \"{name}\"");
        assert!(p.stdout().contains(&line), "{line}");
    }
}

#[test]
fn perform_and_poll_loop() {
    let Some(p) = run(&["poll", "{url}/t", "4"], bodies()) else {
        return;
    };
    all_done(&p, 4);
}

#[test]
fn fdset_and_select_loop() {
    let Some(p) = run(&["select", "{url}/t", "4"], bodies()) else {
        return;
    };
    all_done(&p, 4);
}

#[test]
fn socket_action_and_epoll_loop() {
    // The answers wait a little, so that the transfers must wait on their sockets (a fast
    // loop could otherwise finish a transfer within one call).
    let slow = |body: &str| Reply::ok(body).stall(200);
    let script = Script::new()
        .route("/t/0", slow("zero"))
        .route("/t/1", slow("one"))
        .route("/t/2", slow("two"))
        .route("/t/3", slow("three"));
    let Some(p) = run(&["socket", "{url}/t", "4"], script) else {
        return;
    };
    all_done(&p, 4);
    assert!(p.stdout().contains("timer called with 0 after add: 1"));
    assert!(p.stdout().contains("socket callback used: 1"));
}

#[test]
fn removing_a_handle_mid_transfer_leaves_the_others() {
    let script = Script::new()
        .route("/t/0", Reply::ok("zero").stall(2000))
        .route("/t/1", Reply::ok("one"))
        .route("/t/2", Reply::ok("two"))
        .otherwise(Reply::ok("other"));
    let Some(p) = run(&["remove", "{url}/t", "3"], script) else {
        return;
    };
    assert!(p
        .stdout()
        .contains("transfer 1: result 0, code 200, body \"one\""));
    assert!(p
        .stdout()
        .contains("transfer 2: result 0, code 200, body \"two\""));
}

#[test]
fn misuse_return_codes() {
    let Some(p) = run(&["codes", "{url}/x"], bodies()) else {
        return;
    };
    for line in [
        "add NULL easy: 2",
        "add to NULL multi: 1",
        "add again: 7",
        "add to another multi: 7",
        "easy perform while added: 2",
        "unknown multi option: 6",
        "cleanup NULL: 1",
        "socket_all empty: 0, running 0",
        "socket empty: 0, running 0",
    ] {
        assert!(p.stdout().contains(line), "{line}");
    }
}

#[test]
fn calls_from_callbacks_are_refused() {
    let Some(p) = run(
        &["recurse", "{url}/r"],
        Script::new().otherwise(Reply::ok("r")),
    ) else {
        return;
    };
    for call in [
        "add",
        "remove",
        "perform",
        "socket_action",
        "fdset",
        "wait",
        "poll",
        "cleanup",
    ] {
        let line = format!("{call}: 8\n");
        assert!(p.stdout().contains(&line), "{line}");
    }
    assert!(p.stdout().contains("remove not added: 0\n"));
}

#[test]
fn wakeup_from_another_thread() {
    let Some(p) = run(&["wakeup", "{url}/"], Script::new()) else {
        return;
    };
    assert!(p.stdout().contains("poll woken early: 1"));
}

/// 20 transfers added at once with `CURLMOPT_MAX_HOST_CONNECTIONS` 2: the server never sees
/// more than two connections (one, when the first transfer ends before the second starts),
/// and every transfer completes, in turn.
#[test]
fn host_connection_limit_queues_transfers() {
    let Some(p) = run(
        &["hostlimit", "{url}/l", "20"],
        Script::new().otherwise(Reply::ok("limited")),
    ) else {
        return;
    };
    assert_eq!(p.stdout().matches("result 0, code 200").count(), 20);
    assert!(p
        .stdout()
        .contains("new connections within the limit: yes\n"));
    for o in p.each() {
        let n = o.server().connections_accepted();
        assert!(
            (1..=2).contains(&n),
            "{}: {n} connections",
            o.flavour.name()
        );
    }
}

/// `CURLMOPT_MAX_TOTAL_CONNECTIONS` 1: one connection carries every transfer.
#[test]
fn total_connection_limit_queues_transfers() {
    let Some(p) = run(
        &["totallimit", "{url}/l", "10"],
        Script::new().otherwise(Reply::ok("limited")),
    ) else {
        return;
    };
    assert_eq!(p.stdout().matches("result 0, code 200").count(), 10);
    assert!(p
        .stdout()
        .contains("new connections within the limit: yes\n"));
    for o in p.each() {
        assert_eq!(o.server().connections_accepted(), 1, "{}", o.flavour.name());
    }
}

/// A write callback pauses its transfer; the loop resumes it with `curl_easy_pause`; the
/// held data comes in order. The handle is then removed, added again and used once more.
#[test]
fn pause_resume_and_readd() {
    let Some(p) = run(
        &["pause", "{url}/p"],
        Script::new().otherwise(Reply::ok("paused then resumed")),
    ) else {
        return;
    };
    assert!(p
        .stdout()
        .contains("round 0: result 0, body \"paused then resumed\""));
    assert!(p
        .stdout()
        .contains("round 1: result 0, body \"paused then resumed\""));
}

/// In the event-driven loop, a name lookup (here one that fails: no resolver is reachable)
/// wakes the application through a descriptor the socket callback reported, not after the
/// connect timeout. Ours only: whether 7.88.1 reports its resolver's descriptor depends on
/// how fast the lookup fails (a race the comparison would inherit).
#[test]
fn a_name_lookup_wakes_the_event_loop() {
    if !ready() {
        return;
    }
    let o = Case::new("multi")
        .args(&["socket", "http://no-such-host.invalid/t", "2"])
        .no_network()
        .timeout(std::time::Duration::from_secs(30))
        .ours();
    println!("{}", o.output);
    assert!(o.stdout().contains("transfer 0: result 6, code 0"));
    assert!(o.stdout().contains("transfer 1: result 6, code 0"));
    assert!(o.stdout().contains("socket callback used: 1"));
    assert!(
        o.output.elapsed < std::time::Duration::from_secs(10),
        "{}",
        o.output
    );
}

/// A read callback pauses an upload; the loop resumes it with `curl_easy_pause`; the whole
/// body arrives.
#[test]
fn read_pause_and_resume() {
    let Some(p) = run(
        &["readpause", "{url}/up"],
        Script::new().otherwise(Reply::ok("got it")),
    ) else {
        return;
    };
    assert!(p
        .stdout()
        .contains("read pause: result 0, paused 2, body \"got it\""));
    let texts = p.system.request_texts();
    assert!(
        texts[0].ends_with("the upload body, sent after a pause"),
        "{texts:?}"
    );
}
