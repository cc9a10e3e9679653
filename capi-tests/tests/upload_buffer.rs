//! `CURLOPT_UPLOAD_BUFFERSIZE` with `c/upload_buffer.c`, on both libraries: the most the
//! read callback is asked for at a time, for a sized PUT and a chunked POST (whose chunk
//! framing takes its room from the buffer), at the default and at sizes within and outside
//! libcurl's 16 KiB to 2 MiB.

use capi_tests::{ready, Case, Reply, Script};

#[test]
fn the_read_callback_is_asked_for_an_upload_buffer_at_a_time() {
    if !ready() {
        return;
    }
    for size in ["default", "16384", "100000", "1", "3000000"] {
        for kind in ["sized", "chunked"] {
            let p = Case::new("upload_buffer")
                .args(&["{url}/up", size, kind])
                .server(Script::new().otherwise(Reply::ok("ok")))
                .differential();
            assert!(p.stdout().starts_with("perform: 0 "), "{}", p.stdout());
        }
    }
}
