//! `CURLOPT_NETRC` with `c/netrc.c`, on both libraries: the same Authorization headers go
//! out, and a broken file fails the same way.

use capi_tests::{ready, Case, Reply, Script};

fn netrc_file(name: &str, text: &str) -> String {
    let path = std::env::temp_dir().join(format!("rcurl-netrc-{}-{name}", std::process::id()));
    std::fs::write(&path, text).expect("netrc file");
    path.to_string_lossy().into_owned()
}

#[test]
fn credentials_from_netrc() {
    if !ready() {
        return;
    }
    let file = netrc_file(
        "good",
        "machine 127.0.0.1 login alice password \"s3cret with space\"\n\
         machine other.example login x password y\n",
    );
    let p = Case::new("netrc")
        .args(&[
            &file,
            "{url}/n",
            "http://bob@127.0.0.1:{port}/u",
            "/nonexistent/netrc",
        ])
        .server(Script::new().otherwise(Reply::ok("ok")))
        .differential();
    p.show();
    p.assert_same_requests();
    let texts = p.system.request_texts();
    // alice:s3cret with space
    assert!(texts[0].contains("Authorization: Basic YWxpY2U6czNjcmV0IHdpdGggc3BhY2U=\r\n"));
    assert!(p.stdout().contains("NETRC 3: 43"));
    let _ = std::fs::remove_file(&file);
}

#[test]
fn a_broken_netrc_is_a_read_error() {
    if !ready() {
        return;
    }
    let file = netrc_file("broken", "machine 127.0.0.1 login a password \"open\n");
    let p = Case::new("netrc")
        .args(&[&file, "{url}/n", "http://bob@127.0.0.1:{port}/u", &file])
        .server(Script::new().otherwise(Reply::ok("ok")))
        .differential();
    assert!(p.stdout().contains("optional: 26 (.netrc parser error)"));
    let _ = std::fs::remove_file(&file);
}
