//! Compiling the C test programs, once per program and flavour per test process.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex, OnceLock};

use crate::{capi_target, libdir, package_dir, workspace, Flavour, SYSTEM_LIBCURL};

type Slot = Arc<OnceLock<Result<PathBuf, String>>>;

/// The executable for `c/NAME.c` built as `flavour`, compiling it on first use. Panics with
/// gcc's diagnostics if it does not compile.
pub fn program(name: &str, flavour: Flavour) -> PathBuf {
    let link = match flavour {
        Flavour::Ours => Link::Ours,
        Flavour::System => Link::System(SYSTEM_LIBCURL),
    };
    cached(name, flavour.name(), link)
}

/// The executable for `c/NAME.c` built with the system headers and linked against `library`,
/// another of Debian's libcurl flavours (such as `SYSTEM_LIBCURL_GNUTLS`), named
/// `NAME-system-TAG`. Panics with gcc's diagnostics if it does not compile.
pub fn system_program_linked_with(name: &str, library: &'static str, tag: &str) -> PathBuf {
    cached(name, &format!("system-{tag}"), Link::System(library))
}

/// What a program is linked with: our library from the libdir, or a system library file.
#[derive(Clone, Copy)]
enum Link {
    Ours,
    System(&'static str),
}

fn cached(name: &str, suffix: &str, link: Link) -> PathBuf {
    static CACHE: OnceLock<Mutex<HashMap<(String, String), Slot>>> = OnceLock::new();
    // One slot per program: the map lock is held only to find the slot, so different
    // programs compile in parallel while the same one compiles once.
    let slot = {
        let mut map = CACHE
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        Arc::clone(
            map.entry((name.to_string(), suffix.to_string()))
                .or_default(),
        )
    };
    match slot.get_or_init(|| compile(name, suffix, link)) {
        Ok(p) => p.clone(),
        Err(e) => panic!("{e}"),
    }
}

/// Flags both flavours share. -Werror: a libcurl user's warning-clean program must stay
/// warning-clean against our headers, so a warning is a header bug worth failing on.
/// Deprecation warnings are off because some tests call deprecated API on purpose.
const CFLAGS: &[&str] = &[
    "-std=c99",
    "-g",
    "-O0",
    "-Wall",
    "-Wextra",
    "-Werror",
    "-Wno-deprecated-declarations",
    "-pthread",
];

fn compile(name: &str, suffix: &str, link: Link) -> Result<PathBuf, String> {
    let flavour = match link {
        Link::Ours => Flavour::Ours,
        Link::System(_) => Flavour::System,
    };
    let src = package_dir().join("c").join(format!("{name}.c"));
    if !src.is_file() {
        return Err(format!("no C program {}", src.display()));
    }
    let bin_dir = capi_target().join("bin");
    std::fs::create_dir_all(&bin_dir).map_err(|e| format!("{}: {e}", bin_dir.display()))?;
    let out = bin_dir.join(format!("{name}-{suffix}"));
    // Build under a private name and rename: another test process may be running the old one.
    let tmp = bin_dir.join(format!(".{name}-{suffix}.{}", std::process::id()));
    let dep = tmp.with_extension("d");

    let source = std::fs::read_to_string(&src).map_err(|e| format!("{}: {e}", src.display()))?;
    let mut cmd = Command::new("gcc");
    cmd.args(CFLAGS)
        .arg("-I")
        .arg(package_dir().join("c"))
        .arg("-MD")
        .arg("-MF")
        .arg(&dep);
    match link {
        Link::Ours => {
            let lib = libdir();
            cmd.arg("-I")
                .arg(workspace().join("include"))
                .arg("-o")
                .arg(&tmp)
                .arg(&src)
                .arg("-L")
                .arg(lib)
                .arg("-lcurl")
                .arg(format!("-Wl,-rpath,{}", lib.display()));
        }
        Link::System(library) => {
            cmd.arg("-o").arg(&tmp).arg(&src).arg(library);
        }
    }
    cmd.args(extra_ldflags(&source));
    let output = cmd
        .output()
        .map_err(|e| format!("running gcc for {name}: {e}"))?;
    if !output.status.success() {
        let _ = std::fs::remove_file(&dep);
        return Err(format!(
            "gcc failed for {name} ({}):\n{:?}\n{}",
            flavour.name(),
            cmd,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let deps = std::fs::read_to_string(&dep).unwrap_or_default();
    let _ = std::fs::remove_file(&dep);
    check_headers(name, flavour, &deps)?;
    std::fs::rename(&tmp, &out).map_err(|e| format!("rename to {}: {e}", out.display()))?;
    Ok(out)
}

/// Linker flags a program asks for itself, on a line `capi-tests-ldflags: FLAGS` (the drop-in
/// program wants `-Wl,-z,now`, as Debian's curl tool is linked).
fn extra_ldflags(source: &str) -> Vec<String> {
    source
        .lines()
        .filter_map(|l| l.split("capi-tests-ldflags:").nth(1))
        .flat_map(|rest| rest.split_whitespace().map(str::to_string))
        .collect()
}

/// gcc falls back to the system include path for any `curl/*.h` our `include/` lacks, which
/// would silently mix the two header sets; the dependency list shows which files were used.
fn check_headers(name: &str, flavour: Flavour, deps: &str) -> Result<(), String> {
    let ours = workspace().join("include").join("curl");
    let ours = ours.to_string_lossy();
    let wrong: Vec<&str> = deps
        .split_whitespace()
        .filter(|w| {
            let p = Path::new(w);
            w.ends_with(".h") && p.parent().and_then(Path::file_name) == Some("curl".as_ref())
        })
        .filter(|w| {
            let from_ours = Path::new(w).starts_with(&*ours);
            match flavour {
                Flavour::Ours => !from_ours,
                Flavour::System => from_ours,
            }
        })
        .collect();
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{name} ({}) included curl headers from the wrong place: {wrong:?}",
            flavour.name()
        ))
    }
}
