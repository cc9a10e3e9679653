//! Our library as a drop-in for binaries built against Debian's libcurl, in both of Debian's
//! flavours: a C program compiled with the system headers and linked (with `-z now`, as
//! Debian's curl tool and pycurl are) against `libcurl.so.4` (references versioned
//! `CURL_OPENSSL_4`) or against `libcurl-gnutls.so.4` (`CURL_GNUTLS_3`) runs on ours through
//! LD_LIBRARY_PATH, silently (the first also under LD_PRELOAD); so does `/usr/bin/curl`.

use std::ffi::OsString;
use std::path::Path;
use std::process::Command;

use capi_tests::{
    libdir, missing, program, ready, run_command, run_program, system_program_linked_with, which,
    Flavour, Output, RunOptions, SYSTEM_LIBCURL_GNUTLS,
};

/// How many functions Debian's libcurl exports, all of which `c/dropin.c` references.
const EXPORTED: usize = 91;

fn on_ours() -> Vec<(OsString, OsString)> {
    vec![("LD_LIBRARY_PATH".into(), libdir().as_os_str().to_owned())]
}

/// The curl_* functions `bin` imports, each with the version node it asks for (`objdump -T`
/// rows `*UND* ... (NODE) name`). None (after noting the skip) without binutils.
fn curl_imports(bin: &Path) -> Option<Vec<(String, String)>> {
    if which("objdump").is_none() {
        missing("objdump (binutils)");
        return None;
    }
    let out = Command::new("objdump")
        .arg("-T")
        .arg(bin)
        .output()
        .expect("objdump runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    Some(
        text.lines()
            .filter(|l| l.contains("*UND*"))
            .filter_map(|l| {
                let mut words = l.split_whitespace().rev();
                let name = words.next()?;
                let version = words.next()?;
                name.starts_with("curl_").then(|| {
                    (
                        name.to_string(),
                        version.trim_matches(|c| c == '(' || c == ')').to_string(),
                    )
                })
            })
            .collect(),
    )
}

/// `bin` references every exported function, each with `node`: with `-z now`, all of them
/// must resolve before `main` runs.
fn assert_references_all(bin: &Path, node: &str) {
    let Some(imports) = curl_imports(bin) else {
        return;
    };
    let wrong: Vec<_> = imports.iter().filter(|(_, v)| v != node).collect();
    assert!(
        imports.len() == EXPORTED && wrong.is_empty(),
        "{} imports {} curl_* functions (want {EXPORTED}, all {node}); other versions: {wrong:?}",
        bin.display(),
        imports.len()
    );
}

/// Runs `bin` on the system flavour it was linked against, then on ours under
/// LD_LIBRARY_PATH; the loader must pick ours for `soname`, say nothing, and the program
/// must print the same.
fn runs_the_same_on_ours(bin: &Path, soname: &'static str) -> Output {
    let system = run_program(
        bin,
        Flavour::System,
        &RunOptions {
            soname,
            ..RunOptions::default()
        },
    );
    assert!(system.success() && system.stderr.is_empty(), "{system}");

    // run_program checks that the loader now resolves `soname` into our libdir.
    let ours = run_program(
        bin,
        Flavour::Ours,
        &RunOptions {
            env: on_ours(),
            soname,
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
    assert!(
        ours.stdout
            .starts_with(&format!("{EXPORTED} functions resolved\n")),
        "{ours}"
    );
    ours
}

#[test]
fn system_built_program_runs_on_ours() {
    if !ready() {
        return;
    }
    let bin = program("dropin", Flavour::System);
    assert_references_all(&bin, "CURL_OPENSSL_4");
    runs_the_same_on_ours(&bin, "libcurl.so.4");
}

/// `LD_PRELOAD` of our `libcurl.so.4` (no LD_LIBRARY_PATH): its SONAME satisfies the
/// program's need for `libcurl.so.4`, so Debian's library is never loaded.
#[test]
fn system_built_program_runs_on_ours_preloaded() {
    if !ready() {
        return;
    }
    let bin = program("dropin", Flavour::System);
    let preload = libdir().join("libcurl.so.4");
    let run = |trace: bool| {
        let mut cmd = Command::new(&bin);
        cmd.env_clear()
            .env("PATH", "/usr/bin:/bin")
            .env("LC_ALL", "C")
            .env("LD_PRELOAD", &preload);
        if trace {
            cmd.env("LD_TRACE_LOADED_OBJECTS", "1");
        }
        run_command(cmd, std::time::Duration::from_secs(60))
    };
    let traced = run(true);
    let curls: Vec<&str> = traced
        .stdout
        .lines()
        .map(str::trim)
        .filter(|l| l.contains("libcurl"))
        .collect();
    assert!(
        curls.len() == 1 && curls[0].starts_with(&format!("{} ", preload.display())),
        "the loader would load {curls:?}\n{traced}"
    );
    let system = run_program(&bin, Flavour::System, &RunOptions::default());
    let ours = run(false);
    assert!(ours.success() && ours.stderr.is_empty(), "{ours}");
    assert_eq!(ours.stdout, system.stdout, "{ours}");
}

#[test]
fn gnutls_built_program_runs_on_ours() {
    if !ready() {
        return;
    }
    if !Path::new(SYSTEM_LIBCURL_GNUTLS).is_file() {
        missing(&format!(
            "{SYSTEM_LIBCURL_GNUTLS} (Debian package libcurl3-gnutls)"
        ));
        return;
    }
    let bin = system_program_linked_with("dropin", SYSTEM_LIBCURL_GNUTLS, "gnutls");
    assert_references_all(&bin, "CURL_GNUTLS_3");
    runs_the_same_on_ours(&bin, "libcurl-gnutls.so.4");
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
