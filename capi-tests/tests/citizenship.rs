//! Being a good citizen inside someone else's process: threads, SIGPIPE, fork(), small
//! stacks and calls back into the library from its own callbacks. Each program runs on the
//! system libcurl and on ours and must print the same and send the same requests.

use capi_tests::{get_of, ready, Case, Pair, Reply, Script};

fn show(pair: &Pair) {
    // Visible with --nocapture or on failure.
    println!("{}", pair.stdout());
    for o in pair.each() {
        println!(
            "{}: {} connections, requests: {:#?}",
            o.flavour.name(),
            o.server().connections_accepted(),
            o.request_texts()
        );
    }
}

#[test]
fn threads_each_with_own_handle() {
    if !ready() {
        return;
    }
    // Every thread's every request has its own body, so a response delivered to the wrong
    // transfer would show.
    let mut script = Script::new();
    for t in 0..8 {
        for r in 0..20 {
            script = script.route(
                &format!("/t{t}/r{r}"),
                Reply::ok(format!("thread {t} request {r}\n")),
            );
        }
    }
    let pair = Case::new("threads")
        .arg("{url}")
        .server(script)
        .differential();
    show(&pair);
    assert!(pair.stdout().ends_with("total: 160 ok, 0 failed\n"));
    for o in pair.each() {
        // One connection per thread, kept alive for its 20 requests.
        assert_eq!(o.server().connections_accepted(), 8, "{}", o.output);
        assert_eq!(o.requests().len(), 160, "{}", o.output);
        let mut texts = o.request_texts();
        texts.sort();
        let mut want: Vec<String> = (0..8)
            .flat_map(|t| (0..20).map(move |r| get_of(&format!("/t{t}/r{r}"))))
            .collect();
        want.sort();
        assert_eq!(texts, want, "{}", o.flavour.name());
    }
}

/// The server reads 256 KiB of the 64 MiB upload, then resets the connection.
fn sigpipe(mode: &str) {
    if !ready() {
        return;
    }
    let pair = Case::new("sigpipe")
        .args(&[mode, "{url}/upload"])
        .server(Script::new().reply(Reply::ok("never sent").reset_after_body(256 * 1024)))
        .differential();
    show(&pair);
    assert!(pair.stdout().contains("survived"), "{}", pair.stdout());
    pair.assert_same_requests();
    for o in pair.each() {
        let req = &o.requests()[0].raw;
        let text = String::from_utf8_lossy(&req[..req.len().min(200)]).into_owned();
        assert!(
            text.starts_with(
                "PUT /upload HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: */*\r\n\
                 Content-Length: 67108864\r\nExpect: 100-continue\r\n\r\nabcdefghij"
                    .replace("{port}", &o.server().port().to_string())
                    .as_str()
            ),
            "{}: {text:?}",
            o.flavour.name()
        );
    }
}

#[test]
fn sigpipe_default_disposition_survives_reset_upload() {
    sigpipe("default");
}

#[test]
fn sigpipe_with_nosignal_survives_reset_upload() {
    sigpipe("nosignal");
}

#[test]
fn fork_between_transfers() {
    if !ready() {
        return;
    }
    let mut script = Script::new();
    for path in ["/parent-1", "/child-same", "/child-new", "/parent-2"] {
        script = script.route(path, Reply::ok(format!("body of {path}\n")));
    }
    let pair = Case::new("fork").arg("{url}").server(script).differential();
    show(&pair);
    pair.assert_requests(&["/parent-1", "/child-same", "/child-new", "/parent-2"].map(get_of));
    for o in pair.each() {
        // The child's inherited handle reused the parent's connection (the socket is shared),
        // its own handle made a second one, and the parent then reused the first again: the
        // child's cleanup closed only its copy of the descriptor.
        let conns: Vec<usize> = o.requests().iter().map(|r| r.conn).collect();
        assert_eq!(conns, [0, 0, 1, 0], "{}", o.output);
    }
}

#[test]
fn small_thread_stack() {
    if !ready() {
        return;
    }
    let script = Script::new()
        .route("/one", Reply::ok("first\n"))
        .route("/two", Reply::ok("second\n"))
        .route("/post", Reply::ok("posted\n"));
    let pair = Case::new("smallstack")
        .arg("{url}")
        .server(script)
        .differential();
    show(&pair);
    pair.assert_same_requests();
}

fn recursive(mode: &str) -> Option<Pair> {
    if !ready() {
        return None;
    }
    let script = Script::new()
        .route(
            "/outer",
            Reply::status(200, &[("Content-Type", "text/plain")], "outer body\n"),
        )
        .route("/inner", Reply::ok("inner body\n"));
    let pair = Case::new("recursive")
        .args(&[mode, "{url}"])
        .server(script)
        .differential();
    show(&pair);
    Some(pair)
}

#[test]
fn perform_from_inside_callbacks_is_refused() {
    if let Some(p) = recursive("perform") {
        p.assert_requests(&["/outer", "/outer"].map(get_of));
    }
}

#[test]
fn getinfo_from_inside_callbacks() {
    if let Some(p) = recursive("getinfo") {
        p.assert_requests(&["/outer", "/outer"].map(get_of));
    }
}

#[test]
fn other_calls_from_inside_callbacks() {
    if let Some(p) = recursive("misc") {
        p.assert_requests(&["/outer", "/inner", "/outer"].map(get_of));
    }
}
