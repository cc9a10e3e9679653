//! A panic inside the library is caught at the C boundary, and the handles work on
//! afterwards (`c/panic_recovery.c`): the same easy handle performs again and is freed by
//! its cleanup, and the multi keeps running transfers.
//!
//! Only our library can panic on purpose: this test builds it with the `panic-injection`
//! feature into a target directory of its own (`panic_injection_libdir`) and runs the
//! program on that build alone, under valgrind with `RCURL_VALGRIND=1`.

use std::ffi::OsString;
use std::process::Command;

use capi_tests::{
    package_dir, panic_injection_libdir, ready, run_program, workspace, Flavour, Reply, RunOptions,
    Script, Server,
};

#[test]
fn handles_work_on_after_a_caught_panic() {
    if !ready() {
        return;
    }
    let lib = panic_injection_libdir();
    let bin = lib.with_file_name("panic_recovery");
    let out = Command::new("gcc")
        .args([
            "-std=c99", "-g", "-O0", "-Wall", "-Wextra", "-Werror", "-pthread",
        ])
        .arg("-I")
        .arg(package_dir().join("c"))
        .arg("-I")
        .arg(workspace().join("include"))
        .arg("-o")
        .arg(&bin)
        .arg(package_dir().join("c/panic_recovery.c"))
        .arg("-L")
        .arg(lib)
        .arg("-lcurl")
        .arg(format!("-Wl,-rpath,{}", lib.display()))
        .output()
        .expect("gcc runs");
    assert!(
        out.status.success(),
        "gcc failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let server = Server::start(
        Script::new()
            .route("/panic", Reply::ok("PANIC now"))
            .route("/ok", Reply::ok("fine")),
    );
    let opts = RunOptions {
        args: vec![
            OsString::from(server.url("/panic")),
            OsString::from(server.url("/ok")),
        ],
        libdir: Some(lib.to_path_buf()),
        ..RunOptions::default()
    };
    let run = run_program(&bin, Flavour::Ours, &opts);
    assert!(run.success(), "{run}");
    assert_eq!(
        run.stdout,
        "easy, panicking: failed\n\
         easy again: 0, body fine\n\
         other, panicking: failed\n\
         add: 0\n\
         multi, panicking: failed\n\
         remove: 0\n\
         add again: 0\n\
         multi again: 0\n\
         done: 0\n\
         body fine\n\
         remove: 0\n\
         multi cleanup: 0\n\
         easy at the end: 0, body fine\n",
        "{run}"
    );
    assert!(run.stderr.contains("injected panic"), "{run}");
}
