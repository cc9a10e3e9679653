//! The application's socket callbacks (open, sockopt, close), the happy-eyeballs delay
//! option, and which family wins for a name resolving to both, on both libraries.

use capi_tests::{ready, Case, Pair, Reply, Script};

fn case(args: &[&str], script: Script) -> Option<Pair> {
    if !ready() {
        return None;
    }
    let pair = Case::new("sockcb").args(args).server(script).differential();
    println!("{}", pair.stdout());
    Some(pair)
}

fn ok() -> Script {
    Script::new().otherwise(Reply::ok("fine"))
}

#[test]
fn open_callback_opens_every_socket_and_close_callback_closes_it() {
    let Some(p) = case(&["open", "{url}/p"], ok()) else {
        return;
    };
    assert!(p
        .stdout()
        .contains("open called 1, sockopt called 1, close called 1"));
}

#[test]
fn open_callback_refusing_is_couldnt_connect() {
    let Some(p) = case(&["bad", "{url}/p"], ok()) else {
        return;
    };
    assert!(p.stdout().contains("open refused: 7 "));
}

#[test]
fn sockopt_error_aborts() {
    let Some(p) = case(&["sockopt", "{url}/p"], ok()) else {
        return;
    };
    assert!(p.stdout().contains("sockopt error: 42 "));
}

/// Ours only: 7.88.1 calls connect() on the socket anyway and fails with
/// `CURLE_COULDNT_CONNECT` (EISCONN); the documented behaviour skips the connect.
#[test]
fn sockopt_already_connected_skips_connect() {
    if !ready() {
        return;
    }
    let o = Case::new("sockcb")
        .args(&["connected", "{url}/p"])
        .server(ok())
        .ours();
    println!("{}", o.stdout());
    assert!(o
        .stdout()
        .contains("already connected: 0 (No error), body \"fine\""));
    assert!(o
        .stdout()
        .contains("open called 1, sockopt called 1, close called 1"));
}

#[test]
fn close_callback_closes_the_library_socket() {
    let Some(p) = case(&["closeonly", "{url}/p"], ok()) else {
        return;
    };
    assert!(p.stdout().contains("close called 1"));
}

#[test]
fn happy_eyeballs_timeout_is_accepted() {
    let Some(p) = case(&["eyeballs", "{url}/p"], ok()) else {
        return;
    };
    assert!(p.stdout().contains("timeout -1: 0"));
}

#[test]
fn ipv6_first_refused_falls_back_to_ipv4() {
    let Some(p) = case(
        &[
            "resolve",
            "http://he.test:{port}/p",
            "he.test:{port}:[::1],127.0.0.1",
        ],
        ok(),
    ) else {
        return;
    };
    assert!(p.stdout().contains("primary ip 127.0.0.1"));
}

#[test]
fn ipv4_first_refused_falls_back_to_ipv6() {
    let Some(p) = case(
        &[
            "resolve",
            "http://he.test:{port}/p",
            "he.test:{port}:127.0.0.1,[::1]",
        ],
        ok().ipv6(),
    ) else {
        return;
    };
    assert!(p.stdout().contains("primary ip ::1"));
}

/// `CURLOPT_DNS_SHUFFLE_ADDRESSES`: off, the entry's first address is always tried first;
/// on, the order varies (six addresses, twenty handles: all first would happen once in
/// 6^19). The server is on the first; the others refuse, so every transfer succeeds.
#[test]
fn dns_shuffle_addresses_randomises_the_order() {
    let entry = "sh.test:{port}:127.0.0.1,127.0.0.2,127.0.0.3,127.0.0.4,127.0.0.5,127.0.0.6";
    for (mode, always) in [("shuffle0", 1), ("shuffle1", 0)] {
        let Some(p) = case(&[mode, "http://sh.test:{port}/p", entry], ok()) else {
            return;
        };
        assert!(p.stdout().contains(&format!(
            "all transfers ok: 1, first address always the listed first: {always}"
        )));
    }
}
