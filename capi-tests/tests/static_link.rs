//! `libcurl.a`: a C program linked statically against it (no libcurl.so at run time) runs a
//! transfer and prints what the dynamically linked program prints.

use std::path::PathBuf;
use std::process::Command;

use capi_tests::{capi_target, libdir, package_dir, ready, workspace, Reply, Script, Server};

#[test]
fn program_linked_with_libcurl_a_runs() {
    if !ready() {
        return;
    }
    let so = libdir()
        .join("libcurl.so")
        .canonicalize()
        .expect("our libcurl.so");
    let archive: PathBuf = so.with_file_name("libcurl.a");
    assert!(
        archive.is_file(),
        "no {} next to {}",
        archive.display(),
        so.display()
    );

    let bin = capi_target().join("bin").join("get-static");
    std::fs::create_dir_all(bin.parent().unwrap()).unwrap();
    let cc = Command::new("gcc")
        .args(["-std=c99", "-Wall", "-Wextra", "-Werror", "-o"])
        .arg(&bin)
        .arg("-I")
        .arg(workspace().join("include"))
        .arg(package_dir().join("c").join("get.c"))
        .arg(&archive)
        .args(["-lpthread", "-ldl", "-lm"])
        .output()
        .expect("gcc runs");
    assert!(
        cc.status.success(),
        "{}",
        String::from_utf8_lossy(&cc.stderr)
    );

    // Nothing of libcurl is loaded at run time.
    let ldd = Command::new("ldd").arg(&bin).output().expect("ldd runs");
    let deps = String::from_utf8_lossy(&ldd.stdout);
    assert!(!deps.contains("libcurl"), "{deps}");

    let run = |bin: &PathBuf| {
        let server = Server::start(Script::new().reply(Reply::ok("hello").then_close()));
        let out = Command::new(bin)
            .arg(server.url("/p"))
            .env_clear()
            .env("LC_ALL", "C")
            .output()
            .expect("program runs");
        let port = server.port().to_string();
        let text = String::from_utf8_lossy(&out.stdout).replace(&port, "{port}");
        let requests: Vec<String> = server
            .request_texts()
            .iter()
            .map(|r| r.replace(&port, "{port}"))
            .collect();
        (out.status.code(), text, requests)
    };
    let dynamic = capi_tests::program("get", capi_tests::Flavour::Ours);
    let (s_code, s_out, s_req) = run(&bin);
    let (d_code, d_out, d_req) = run(&dynamic);
    assert_eq!(s_code, Some(0), "{s_out}");
    assert_eq!((s_code, &s_out), (d_code, &d_out));
    assert_eq!(s_req, d_req);
}
