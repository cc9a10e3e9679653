//! Building our `libcurl.so` once per test process and exposing it as a directory that holds
//! `libcurl.so` (for `-lcurl`), `libcurl.so.4` (what the loader looks for) and
//! `libcurl-gnutls.so.4` (what programs linked against Debian's GnuTLS flavour look for).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use crate::{capi_target, workspace};

/// The names our library answers to in [`libdir`].
pub const OUR_NAMES: [&str; 3] = ["libcurl.so", "libcurl.so.4", "libcurl-gnutls.so.4"];

/// The directory with `libcurl.so`, `libcurl.so.4` and `libcurl-gnutls.so.4` symlinks to our
/// library, built on first use (or taken from `RCURL_LIB_DIR`). Panics with the build's
/// output if it fails.
pub fn libdir() -> &'static Path {
    static DIR: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    match DIR.get_or_init(prepare) {
        Ok(p) => p,
        Err(e) => panic!("our libcurl.so is not available:\n{e}"),
    }
}

/// Our library's own file (what the symlinks in [`libdir`] point to): the path the loader
/// maps, as `/proc/PID/maps` shows it.
pub fn our_library() -> PathBuf {
    libdir()
        .join("libcurl.so")
        .canonicalize()
        .expect("our libcurl.so")
}

fn prepare() -> Result<PathBuf, String> {
    let built = match std::env::var_os("RCURL_LIB_DIR") {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            let so = dir.join("libcurl.so");
            if !so.is_file() {
                return Err(format!(
                    "RCURL_LIB_DIR={} holds no libcurl.so",
                    dir.display()
                ));
            }
            so
        }
        None => build()?,
    };
    let built = built
        .canonicalize()
        .map_err(|e| format!("{}: {e}", built.display()))?;
    let dir = capi_target().join("libdir");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for name in OUR_NAMES {
        link(&built, &dir.join(name))?;
    }
    Ok(dir)
}

/// Our library built with its `panic-injection` feature, as a directory like [`libdir`]'s,
/// for the test that proves handles work on after a panic. It has a target directory of its
/// own (so the library every other test loads never has the feature) and the debug profile
/// (cheaper to build; only that test runs it).
pub fn panic_injection_libdir() -> &'static Path {
    static DIR: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    let made = DIR.get_or_init(|| {
        let target = workspace().join("target").join("capi-panic");
        let so = cargo_build(&target, &["--features", "panic-injection"], "debug")?;
        let so = so
            .canonicalize()
            .map_err(|e| format!("{}: {e}", so.display()))?;
        let dir = target.join("libdir");
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for name in ["libcurl.so", "libcurl.so.4"] {
            link(&so, &dir.join(name))?;
        }
        Ok(dir)
    });
    match made {
        Ok(p) => p,
        Err(e) => panic!("our libcurl.so with panic-injection is not available:\n{e}"),
    }
}

/// `cargo build --release --lib -p rcurl` into our own target dir. Cargo's lock on that
/// directory serialises concurrent test processes; within one process the OnceLock does.
fn build() -> Result<PathBuf, String> {
    cargo_build(&capi_target(), &["--release"], "release")
}

/// `cargo build --lib -p rcurl` with `flags` into `target`; the library in its `profile`
/// directory.
fn cargo_build(target: &Path, flags: &[&str], profile: &str) -> Result<PathBuf, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let out = Command::new(&cargo)
        .current_dir(workspace())
        .arg("build")
        .args(flags)
        .args(["--lib", "-p", "rcurl", "--target-dir"])
        .arg(target)
        // An outer CARGO_TARGET_DIR would be overridden by the flag anyway; removing it keeps
        // the intent obvious to anyone reading a failing command line.
        .env_remove("CARGO_TARGET_DIR")
        .output()
        .map_err(|e| format!("running {cargo:?}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "cargo build {} --lib -p rcurl failed ({}):\n{}",
            flags.join(" "),
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let so = target.join(profile).join("libcurl.so");
    if !so.is_file() {
        return Err(format!("cargo succeeded but {} is missing", so.display()));
    }
    Ok(so)
}

/// Point `at` to `to`, atomically: another test process may be reading the link right now.
fn link(to: &Path, at: &Path) -> Result<(), String> {
    if std::fs::read_link(at).ok().as_deref() == Some(to) {
        return Ok(());
    }
    let tmp = at.with_extension(format!("tmp{}", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    std::os::unix::fs::symlink(to, &tmp).map_err(|e| format!("symlink {}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, at).map_err(|e| format!("rename to {}: {e}", at.display()))
}
