//! Harness for the C API tests.
//!
//! C programs in `capi-tests/c/` are written as any libcurl user writes them. The harness
//! builds our `libcurl.so` once per test process, compiles each program twice — against our
//! headers and library ("ours") and against the system's ("system") — runs them in a clean
//! environment against fresh instances of the scripted [`server`], and compares what they
//! print. Every run first checks which `libcurl.so.4` the loader actually picks, because our
//! SONAME equals the system's and a mistake would silently test the system library.
//!
//! Environment:
//! * `RCURL_LIB_DIR=dir` — use the `libcurl.so` already in `dir` instead of building.
//! * `RCURL_VALGRIND=1` — run "ours" under valgrind (exit status 99 on memory errors).
//! * `RCURL_EVENT_DRIVER=1` — our `curl_easy_perform` runs its transfer the event-driven way
//!   (`curl_multi_socket_action`'s path) instead of in its internal driver.
//! * `CI=true` — nothing may be skipped: a missing tool fails the test.

pub mod netns;
pub mod nginx;
pub mod option_classes;
pub mod server;
pub mod socks;
pub mod tls;

mod case;
mod compile;
mod library;
mod run;

pub use case::{cut, differential, first_difference, get_of, ours_only, Case, Outcome, Pair};
pub use compile::{program, system_program_linked_with};
pub use library::{libdir, our_library, panic_injection_libdir, OUR_NAMES};
pub use run::{
    check_loaded_library, check_loads_ours_as, loader_resolves, run_command, run_program, Output,
    RunOptions,
};
pub use server::{BlackHole, RefusedPort, Reply, Request, Script, Server};
pub use socks::{SocksConfig, SocksServer};
pub use tls::{
    pki, ClientAuth, HttpsServer, Ocsp, Pki, ServerCert, TlsConnInfo, TlsFront, TlsFrontConfig,
    TlsVersion,
};

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Which headers and library a program is built with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Flavour {
    /// `include/curl` of this repository and the freshly built `libcurl.so`.
    Ours,
    /// Debian's libcurl 7.88.1 headers and `/lib/x86_64-linux-gnu/libcurl.so.4`.
    System,
}

impl Flavour {
    pub fn name(self) -> &'static str {
        match self {
            Flavour::Ours => "ours",
            Flavour::System => "system",
        }
    }
}

/// The system library every "system" program links with.
pub const SYSTEM_LIBCURL: &str = "/lib/x86_64-linux-gnu/libcurl.so.4";
/// Debian's GnuTLS flavour (package libcurl3-gnutls), which git and pycurl link.
pub const SYSTEM_LIBCURL_GNUTLS: &str = "/usr/lib/x86_64-linux-gnu/libcurl-gnutls.so.4";
/// Where `libcurl4-openssl-dev` puts the headers.
pub const SYSTEM_HEADERS: &str = "/usr/include/x86_64-linux-gnu/curl";

/// The workspace root (the parent of this package).
pub fn workspace() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("capi-tests lives inside the workspace")
}

/// This package's directory (holds `c/`).
pub fn package_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `<workspace>/target/capi`: our own target dir, so the nested cargo never waits on the
/// outer `cargo test`'s lock on `target/`.
pub fn capi_target() -> PathBuf {
    workspace().join("target").join("capi")
}

/// True when running in CI, where nothing may be skipped.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// Print straight to the process's stderr, past the test harness's output capture, so a
/// skip is visible even when the test passes.
pub fn note(msg: &str) {
    let _ = writeln!(std::io::stderr().lock(), "capi-tests: {msg}");
}

/// A prerequisite is missing: fail under `CI=true`, otherwise print a note saying the test
/// is skipped. Returns false, for `if !ready() { return; }`-style callers.
pub fn missing(what: &str) -> bool {
    if in_ci() {
        panic!("CI=true and a prerequisite is missing: {what}");
    }
    note(&format!("SKIPPED (missing {what})"));
    false
}

/// True in the `RCURL_VALGRIND=1` pass. Tests that run other people's programs (git,
/// Python) rather than ours under valgrind have nothing to add there and skip it.
pub fn valgrind_pass() -> bool {
    std::env::var_os("RCURL_VALGRIND").is_some_and(|v| v == "1")
}

/// A program of a Debian package at a fixed path, or None (after [`missing`]) when the package
/// is not installed.
pub fn debian_program(path: &str, package: &str) -> Option<PathBuf> {
    let p = Path::new(path);
    if p.is_file() {
        Some(p.to_path_buf())
    } else {
        missing(&format!("{path} (Debian package {package})"));
        None
    }
}

/// Find an executable on PATH.
pub fn which(tool: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(tool))
        .find(|p| p.is_file())
}

/// Whether the C tests can run here: gcc and the system libcurl (headers and library) exist.
/// When something is missing this prints a note and returns false, or panics under `CI=true`.
pub fn ready() -> bool {
    static READY: OnceLock<Result<(), String>> = OnceLock::new();
    let r = READY.get_or_init(|| {
        if which("gcc").is_none() {
            return Err("gcc".into());
        }
        if !Path::new(SYSTEM_HEADERS).join("curl.h").is_file() {
            return Err(format!("{SYSTEM_HEADERS}/curl.h (libcurl4-openssl-dev)"));
        }
        if !Path::new(SYSTEM_LIBCURL).is_file() {
            return Err(SYSTEM_LIBCURL.into());
        }
        Ok(())
    });
    match r {
        Ok(()) => true,
        Err(what) => missing(what),
    }
}

/// Locks a test server's shared state. Poisoning only means another of its threads
/// panicked; what was recorded is still worth seeing, rather than a second panic.
pub(crate) fn lock<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
