//! Share handles: the DNS cache and connection pool shared between easy handles, on one
//! thread and across threads, with the application's lock callbacks.

use capi_tests::{ready, Case, Reply, Script};

fn run(mode: &str, script: Script) -> Option<capi_tests::Pair> {
    if !ready() {
        return None;
    }
    Some(
        Case::new("share")
            .args(&[mode, "{url}"])
            .server(script)
            .differential(),
    )
}

#[test]
fn share_options_and_in_use_rules() {
    run("basic", Script::new());
}

#[test]
fn connection_reused_across_handles_through_the_share() {
    let Some(p) = run(
        "reuse",
        Script::new().reply(Reply::ok("a")).reply(Reply::ok("b")),
    ) else {
        return;
    };
    for o in p.each() {
        assert_eq!(o.server().connections_accepted(), 1, "{}", o.output);
    }
}

#[test]
fn handles_on_four_threads_share_one_pool() {
    run("threads", Script::new().otherwise(Reply::ok("t")));
}
