//! `CURLOPT_TRAILERFUNCTION` with `c/trailers.c`, on both libraries: the same chunked
//! upload with the same trailers, and the same failure when the callback aborts.

use capi_tests::{ready, Case, Reply, Script};

#[test]
fn trailers_after_the_last_chunk() {
    if !ready() {
        return;
    }
    let p = Case::new("trailers")
        .args(&["{url}/t"])
        .server(Script::new().otherwise(Reply::ok("got")))
        .differential();
    p.show();
    p.assert_same_requests();
    let texts = p.system.request_texts();
    assert!(texts[0].ends_with(
        "d\r\nHello Cloud!\n\r\n0\r\nmy-super-awesome-trailer: trail1\r\n\
         my-other-awesome-trailer: trail2\r\n\r\n"
    ));
    assert!(p
        .stdout()
        .contains("trailers: 0 (), trailer callback called 1"));
    assert!(p
        .stdout()
        .contains("abort: 42 (operation aborted by trailing headers callback)"));
}
