//! file:// URLs with `c/file.c`, on both libraries: reads (headers, body pieces, getinfo
//! values), NOBODY, ranges and resumes with their errors, uploads, errors for a missing
//! file, a directory, another host and a NUL, percent-encoded paths, PROTOCOLS_STR, a
//! redirect to file:// (refused unless REDIR_PROTOCOLS allows it), and file transfers in a
//! multi, by curl_multi_perform and by curl_multi_socket_action.

use capi_tests::{ready, Case, Reply, Script};

/// An empty directory for one test, and a file in it for the redirect to point at.
fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("rcurl-file-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn file_urls() {
    if !ready() {
        return;
    }
    let dir = temp_dir("urls");
    let target = dir.join("target.txt");
    std::fs::write(&target, "redirected here\n").expect("target file");
    let when = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_234_567_890);
    std::fs::File::options()
        .write(true)
        .open(&target)
        .and_then(|f| f.set_modified(when))
        .expect("file time");
    let location = format!("file://{}", target.display());
    let p = Case::new("file")
        .args(&[&dir.to_string_lossy(), "{url}/to-file"])
        .server(Script::new().route("/to-file", Reply::redirect(302, &location)))
        .differential();
    let out = p.stdout();
    for want in [
        "read\n  header \"Content-Length: 11\\r\\n\"\n  header \"Accept-ranges: bytes\\r\\n\"\n  header \"Last-Modified: Fri, 13 Feb 2009 23:31:30 GMT\\r\\n\\r\\n\"\n  rc 0\n",
        "code 0 size 11 length 11 filetime 1234567890 proto 1024\n",
        "  scheme FILE\n",
        "big\n",
        "  writes 7 biggest 16384\n",
        "nobody\n  header \"Content-Length: 11\\r\\n\"\n  header \"Accept-ranges: bytes\\r\\n\"\n  header \"Last-Modified: Fri, 13 Feb 2009 23:31:30 GMT\\r\\n\"\n  rc 0\n",
        "  body \"llo \"\n",
        "  rc 23\n  error Write callback asked for PAUSE when not supported\n",
        "  rc 36\n  error failed to resume file:// transfer\n",
        "range 6-2\n",
        "  rc 33\n",
        "missing\n  rc 37\n  error Couldn't open file {dir}/missing\n",
        "directory\n  header \"Last-Modified: Fri, 13 Feb 2009 23:31:30 GMT\\r\\n\\r\\n\"\n  rc 0\n",
        "NUL\n  rc 3\n",
        "  text Couldn't open file {dir}/missing\n  text Closing connection -1\n",
        "  text failed to resume file:// transfer\n  text Closing connection 0\n",
        "otherhost\n  rc 3\n",
        "protocols http\n  rc 1\n  error Protocol \"file\" not supported or disabled in libcurl\n",
        "  body \"short\\n456789\\n\"\n",
        "  mode 600\n",
        "  rc 23\n  error Can't open {dir}/nodir/x.txt for writing\n",
        "modified since its time\n  rc 0\n",
        "  condition unmet\n",
        "NEW_FILE_PERMS 01000: 43, -1: 43, 0777: 0\n",
        "upload, read callback pausing\n  rc 26\n",
        "upload, read callback aborting\n  rc 42\n",
        "upload to /\n  rc 37\n",
        " done 1: rc 0, 100000 bytes\n",
        " done 2: rc 37, 0 bytes\n",
        " done: rc 0, 3000000 bytes, sockets 0\n",
        "huge\n",
        "  writes 184 biggest 16384\n  body 3000000 bytes\n",
    ] {
        assert!(out.contains(want), "missing {want:?} in:\n{out}");
    }
    // A redirect to file:// is refused by default, followed when REDIR_PROTOCOLS allows it.
    let (refused, allowed) = out
        .split_once("redirect to file\n")
        .and_then(|(_, r)| r.split_once("redirect to file, allowed\n"))
        .expect("redirect sections");
    assert!(
        refused.contains("  rc 1\n  error Protocol \"file\" not supported"),
        "{out}"
    );
    assert!(
        allowed.contains("  rc 0\n") && allowed.contains("  body \"redirected here\\n\"\n"),
        "{out}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
