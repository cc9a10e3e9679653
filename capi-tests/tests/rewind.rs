//! Rewinding an upload to send it again (a PUT from a read callback answered with a 307),
//! with `c/rewind.c`, on both libraries: the seek callback (which wins over the ioctl one),
//! the old `CURLOPT_IOCTLFUNCTION` when there is no seek callback, and the failures with
//! libcurl's texts; the same request bytes.

use capi_tests::{ready, Case, Reply, Script};

fn case(mode: &str) {
    let p = Case::new("rewind")
        .args(&["{url}/first", mode])
        .server(
            Script::new()
                .route("/first", Reply::redirect(307, "/second"))
                .route("/second", Reply::ok("stored")),
        )
        .differential();
    p.show();
    p.assert_same_requests();
}

#[test]
fn rewind_with_the_seek_callback() {
    if !ready() {
        return;
    }
    case("seek");
    case("seek_fail");
}

#[test]
fn rewind_with_the_ioctl_callback() {
    if !ready() {
        return;
    }
    case("ioctl");
    case("ioctl_fail");
}

#[test]
fn rewind_without_a_callback_fails() {
    if !ready() {
        return;
    }
    case("none");
}
