//! What crosses the C boundary, as programs rely on it: the buffers callbacks get
//! (`c/debug_text.c`).

use capi_tests::{ready, Case, Reply, Script};

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
