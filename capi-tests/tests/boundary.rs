//! What crosses the C boundary, as programs rely on it: the buffers callbacks get
//! (`c/debug_text.c`); TLS on threads other than the main one (`c/https_threads.c`), which
//! under valgrind also proves the suppressions cover sends made there.

use capi_tests::{pki, ready, Case, HttpsServer, Reply, Script, TlsFrontConfig};

#[test]
fn debug_text_ends_with_nul_and_callback_buffers_are_writable() {
    if !ready() {
        return;
    }
    let reply = Reply::status(200, &[("X-Test", "value")], "hello body");
    let p = Case::new("debug_text")
        .args(&["{url}/d"])
        .server(Script::new().otherwise(reply))
        .differential();
    p.show();
    let out = p.stdout();
    assert!(out.contains("perform: 0\n"), "{out}");
    assert!(out.contains("text: yes\n"), "{out}");
    assert!(out.contains("headers and data: yes\n"), "{out}");
    assert!(
        out.contains("text calls without a NUL after size bytes: 0\n"),
        "{out}"
    );
    assert!(out.contains("header: X-TEST: VALUE\n"), "{out}");
    assert!(out.contains("body: HELLO BODY\n"), "{out}");
}

#[test]
fn https_on_other_threads() {
    if !ready() {
        return;
    }
    for flavour in [capi_tests::Flavour::System, capi_tests::Flavour::Ours] {
        let server = HttpsServer::start(
            Script::new().otherwise(Reply::ok("secret")),
            TlsFrontConfig::new(),
        );
        let url = server.url("/x");
        let ca = pki().ca().display().to_string();
        let out = Case::new("https_threads").args(&[&url, &ca]).run(flavour);
        out.assert_status(0);
        assert_eq!(
            out.stdout(),
            "thread 0: 2 of 2 ok\nthread 1: 2 of 2 ok\nthread 2: 2 of 2 ok\n",
            "{flavour:?}"
        );
    }
}
