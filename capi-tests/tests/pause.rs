//! Pausing and unpausing a running `curl_easy_perform` from its callbacks: nothing is lost,
//! doubled or delivered while paused.

use capi_tests::{ready, Case, Reply, Script};

fn pause_case(mode: &str, script: Script) {
    if !ready() {
        return;
    }
    let p = Case::new("pause")
        .args(&[mode, "{url}/p"])
        .server(script)
        .differential();
    assert!(
        p.stdout()
            .contains("paused 1 time(s), write calls while paused 0"),
        "{}",
        p.stdout()
    );
}

fn body() -> String {
    (0..2000).map(|i| format!("line {i}\n")).collect()
}

#[test]
fn pause_from_write_callback() {
    pause_case("write", Script::new().reply(Reply::ok(body())));
}

#[test]
fn pause_from_header_callback() {
    pause_case("header", Script::new().reply(Reply::ok(body())));
}

#[test]
fn pause_with_curl_easy_pause() {
    pause_case("manual", Script::new().reply(Reply::ok(body()).stall(200)));
}

#[test]
fn pause_from_read_callback() {
    pause_case("read", Script::new().reply(Reply::ok("stored\n")));
}
