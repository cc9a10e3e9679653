//! The URL API (`c/urlapi.c`) and `curl_getdate` (`c/getdate.c`): each program runs on the
//! system libcurl and on ours and must print the same. The transfer case also compares the
//! requests sent for a URL handle given with `CURLOPT_CURLU`.

use capi_tests::{ready, Case, Reply, Script};

fn same(name: &str, args: &[&str]) {
    if !ready() {
        return;
    }
    Case::new(name).args(args).compare_stderr().differential();
}

/// About 700 URLs and edits, each printed with every part (the observations `src/url.rs`
/// holds, now through the C functions).
#[test]
fn url_table() {
    same("urlapi", &["table"]);
}

/// NULL handles and part pointers, unknown parts, what `*part` holds after errors, clearing,
/// failed sets, relative references, the input length limit, dup, and the get flags.
#[test]
fn url_api_edges() {
    same("urlapi", &["api"]);
}

#[test]
fn getdate() {
    same("getdate", &[]);
}

#[test]
fn curlu_transfers() {
    if !ready() {
        return;
    }
    let script = Script::new()
        .route(
            "/redirect?a%3db+c",
            Reply::redirect(302, "/target?from=curlu"),
        )
        .route("/target?from=curlu", Reply::ok("target\n"))
        .otherwise(Reply::ok("hello\n"));
    let pair = Case::new("urlapi")
        .args(&["transfer", "{url}"])
        .server(script)
        .compare_stderr()
        .differential();
    pair.assert_same_requests();
    let requests = pair.system.request_texts();
    let lines: Vec<&str> = requests
        .iter()
        .map(|r| r.lines().next().unwrap_or_default())
        .collect();
    // The URL handle decides the request, also when CURLOPT_URL is set, and is read again
    // for each transfer.
    assert_eq!(
        lines,
        [
            "GET /curlu/a?x=1 HTTP/1.1",
            "GET /curlu/b HTTP/1.1",
            "GET /curlu/b HTTP/1.1",
            "GET /curlu/a?x=1 HTTP/1.1",
            "GET /curlu/b HTTP/1.1",
            "GET /redirect?a%3db+c HTTP/1.1",
            "GET /target?from=curlu HTTP/1.1",
        ]
    );
}
