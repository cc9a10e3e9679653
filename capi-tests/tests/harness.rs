//! Checks of the harness itself that do not need our library: the loader check catches a
//! binary that would load libcurl.so.4 from an unexpected place, and a run's output, exit
//! status and environment are captured as the C program left them.

use std::ffi::OsString;
use std::time::Duration;

use capi_tests::{
    capi_target, check_loaded_library, program, ready, run_program, Case, Flavour, RunOptions,
    SYSTEM_LIBCURL,
};

#[test]
fn loader_check_rejects_a_library_from_elsewhere() {
    if !ready() {
        return;
    }
    // A directory that shadows the system library with a libcurl.so.4 of its own.
    let dir = capi_target().join("harness-shadow");
    std::fs::create_dir_all(&dir).unwrap();
    let link = dir.join("libcurl.so.4");
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink(SYSTEM_LIBCURL, &link).unwrap();
    let env: Vec<(OsString, OsString)> =
        vec![("LD_LIBRARY_PATH".into(), dir.clone().into_os_string())];

    let bin = program("version", Flavour::System);
    check_loaded_library(&bin, Flavour::System, &[]);
    let caught = std::panic::catch_unwind(|| check_loaded_library(&bin, Flavour::System, &env));
    let msg = caught
        .expect_err("a libcurl.so.4 from LD_LIBRARY_PATH must not pass as the system's")
        .downcast::<String>()
        .map(|s| *s)
        .unwrap_or_default();
    assert!(msg.contains("harness-shadow"), "{msg}");
}

#[test]
fn environment_is_cleaned() {
    if !ready() {
        return;
    }
    // Variables that would change what libcurl does or which library loads never reach a
    // test program, whatever the test process has.
    let names = [
        "http_proxy",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "NO_PROXY",
        "CURL_CA_BUNDLE",
        "LD_PRELOAD",
        "LD_LIBRARY_PATH",
    ];
    for n in names {
        std::env::set_var(n, "set-by-the-test-process");
    }
    let mut args: Vec<&str> = names.to_vec();
    args.push("CAPI_EXTRA");
    let o = Case::new("getenv")
        .args(&args)
        .env("CAPI_EXTRA", "given")
        .timeout(Duration::from_secs(30))
        .system();
    let mut want: String = names.iter().map(|n| format!("{n} unset\n")).collect();
    want.push_str("CAPI_EXTRA=\"given\"\n");
    o.assert_stdout(&want);
    // run_program takes the same cleaned environment.
    let out = run_program(
        &program("getenv", Flavour::System),
        Flavour::System,
        &RunOptions {
            args: vec!["http_proxy".into()],
            ..RunOptions::default()
        },
    );
    assert_eq!(out.stdout, "http_proxy unset\n", "{out}");
}
