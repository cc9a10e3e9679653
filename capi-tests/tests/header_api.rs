//! The header API (`curl_easy_header`, `curl_easy_nextheader`) after a transfer with a 1xx
//! response, repeated headers, a redirect and trailers.

use capi_tests::{ready, Case, Reply, Script};

#[test]
fn header_api_after_a_redirect_with_1xx_and_trailers() {
    if !ready() {
        return;
    }
    let first = "HTTP/1.1 302 Found\r\nLocation: /second\r\nDate: first\r\nX-Multi: one\r\n\
                 Content-Length: 0\r\n\r\n";
    let second = "HTTP/1.1 103 Early Hints\r\nX-Hint: preload\r\n\r\n\
                  HTTP/1.1 200 OK\r\nDate: second\r\nX-Multi: a\r\nContent-Type: text/plain\r\n\
                  x-multi:   b  \r\nX-Empty:\r\nX-Spaces:  in  between  \r\nX-Multi: c\r\n\
                  Transfer-Encoding: chunked\r\n\r\n\
                  5\r\nhello\r\n0\r\nX-Trailer: tail\r\n\r\n";
    Case::new("header_api")
        .args(&["{url}/first"])
        .server(
            Script::new()
                .route("/first", Reply::raw(first))
                .route("/second", Reply::raw(second)),
        )
        .differential();
}
