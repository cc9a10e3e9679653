//! Our library as a drop-in for binaries built against Debian's libcurl: a C program
//! compiled and linked with the system headers and library (and `-z now`, as Debian's curl
//! tool is) runs on ours through LD_LIBRARY_PATH, silently; so does `/usr/bin/curl`.

use std::ffi::OsString;
use std::path::Path;

use capi_tests::{libdir, missing, program, ready, run_program, Flavour, RunOptions};

fn on_ours() -> Vec<(OsString, OsString)> {
    vec![("LD_LIBRARY_PATH".into(), libdir().as_os_str().to_owned())]
}

#[test]
fn system_built_program_runs_on_ours() {
    if !ready() {
        return;
    }
    let bin = program("dropin", Flavour::System);
    let system = run_program(&bin, Flavour::System, &RunOptions::default());
    assert!(system.success() && system.stderr.is_empty(), "{system}");

    // run_program checks that the loader now resolves libcurl.so.4 into our libdir.
    let ours = run_program(
        &bin,
        Flavour::Ours,
        &RunOptions {
            env: on_ours(),
            ..RunOptions::default()
        },
    );
    assert!(
        ours.stderr.is_empty(),
        "the program must load our library without a word on stderr\n{ours}"
    );
    assert!(ours.success(), "{ours}");
    assert_eq!(
        ours.stdout, system.stdout,
        "stdout differs\n=== system\n{system}\n=== ours\n{ours}"
    );
}

#[test]
fn debian_curl_tool_starts_on_ours() {
    let curl = Path::new("/usr/bin/curl");
    if !curl.is_file() {
        missing("/usr/bin/curl (Debian package curl)");
        return;
    }
    let out = run_program(
        curl,
        Flavour::Ours,
        &RunOptions {
            args: vec!["--version".into()],
            env: on_ours(),
            // Leaks of the curl tool itself are not ours to report.
            valgrind: false,
            ..RunOptions::default()
        },
    );
    assert!(out.success() && out.stderr.is_empty(), "{out}");
    let first = out.stdout.lines().next().unwrap_or("");
    assert!(
        first.starts_with("curl 7.88.1"),
        "first line of curl --version: {first:?}\n{out}"
    );
}
