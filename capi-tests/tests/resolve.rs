//! Name resolution failures, run in a network namespace of their own where no resolver is
//! reachable, so a lookup fails without any packet leaving the machine.

use capi_tests::{ready, Case};

#[test]
fn unknown_host_fails_to_resolve() {
    if !ready() {
        return;
    }
    Case::new("resolve_fail")
        .args(&[
            "http://nonexistent.invalid/",
            "http://no-such-host.invalid:8080/path",
            "nonexistent.invalid/guessed-scheme",
        ])
        .no_network()
        .differential();
}
