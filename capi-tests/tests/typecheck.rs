//! `curl/typecheck-gcc.h`: with GCC optimising, a wrongly typed `curl_easy_setopt` or
//! `curl_easy_getinfo` argument gives a warning on the same calls with our headers as with
//! libcurl's, and every program in `c/` compiles at `-O2 -Werror` with ours exactly when it
//! does with libcurl's.
//!
//! GCC does not report warnings located in system headers, and these are (they come from
//! the checking macros), so libcurl's headers are copied into a directory given with `-I`,
//! as our `include/` is.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use capi_tests::{package_dir, ready, workspace, SYSTEM_HEADERS};

/// A scratch directory for `test` with a copy of the system's `curl/` headers.
fn system_copy(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("typecheck")
        .join(test);
    let curl = dir.join("sysinc").join("curl");
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&curl).unwrap();
    for entry in fs::read_dir(SYSTEM_HEADERS).expect("system libcurl headers") {
        let entry = entry.unwrap();
        fs::copy(entry.path(), curl.join(entry.file_name())).unwrap();
    }
    dir
}

/// Compiles `src` at -O2 with `include` first on the include path; returns gcc's success
/// and the lines of `src` that got a type-check warning.
fn compile(src: &Path, include: &Path, out: &Path, extra: &[&str]) -> (bool, BTreeSet<usize>) {
    let result = Command::new("gcc")
        .args(["-std=c99", "-O2", "-Wall", "-Wextra", "-pthread"])
        .arg("-Wno-deprecated-declarations")
        // Warnings at the line of the call, not inside the checking macros.
        .arg("-ftrack-macro-expansion=0")
        .args(extra)
        .arg("-I")
        .arg(include)
        .arg("-I")
        .arg(package_dir().join("c"))
        .args(["-c", "-o"])
        .arg(out)
        .arg(src)
        .output()
        .expect("gcc runs");
    let prefix = format!("{}:", src.display());
    let lines = String::from_utf8_lossy(&result.stderr)
        .lines()
        .filter(|l| l.contains("declared with attribute warning"))
        .filter_map(|l| l.strip_prefix(&prefix)?.split(':').next()?.parse().ok())
        .collect();
    (result.status.success(), lines)
}

const WRONG: &str = r#"#include <curl/curl.h>
static size_t on_data(char *p, size_t size, size_t n, void *u)
{ (void)p; (void)u; return size * n; }
static size_t on_void(void *p, size_t size, size_t n, void *u)
{ (void)p; (void)u; return size * n; }
int main(void)
{
  CURL *h = curl_easy_init();
  long code = 0;
  char *text = NULL;
  double seconds = 0;
  struct curl_slist *list = NULL;
  curl_easy_setopt(h, CURLOPT_URL, 42L);
  curl_easy_setopt(h, CURLOPT_VERBOSE, "yes");
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, 7L);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, "X-A: b");
  curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, 1.5);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, &code);
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &text);
  curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &code);
  curl_easy_getinfo(h, CURLINFO_TOTAL_TIME, &code);
  curl_easy_setopt(h, CURLOPT_URL, "http://example.com/");
  curl_easy_setopt(h, CURLOPT_VERBOSE, 1L);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_void);
  curl_easy_setopt(h, CURLOPT_READFUNCTION, fread);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, stdout);
  curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)5);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, NULL);
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
  curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &text);
  curl_easy_getinfo(h, CURLINFO_TOTAL_TIME, &seconds);
  curl_easy_cleanup(h);
  return 0;
}
"#;

#[test]
fn wrong_argument_types_warn_as_with_libcurl() {
    if !ready() {
        return;
    }
    let dir = system_copy("wrong");
    let src = dir.join("wrong.c");
    fs::write(&src, WRONG).unwrap();
    let out = dir.join("wrong.o");
    let (_, system) = compile(&src, &dir.join("sysinc"), &out, &[]);
    let (_, ours) = compile(&src, &workspace().join("include"), &out, &[]);
    let expected: BTreeSet<usize> = (13..=21).collect();
    assert_eq!(
        system, expected,
        "libcurl's headers warn on the wrong calls only"
    );
    assert_eq!(ours, system, "lines with a type-check warning");

    // CURL_DISABLE_TYPECHECK turns the checks off; so does -O0 (GCC cannot tell then).
    let off = ["-DCURL_DISABLE_TYPECHECK"];
    let (ok, lines) = compile(&src, &workspace().join("include"), &out, &off);
    assert!(ok && lines.is_empty(), "CURL_DISABLE_TYPECHECK: {lines:?}");
}

#[test]
fn test_programs_compile_at_o2_as_with_libcurl() {
    if !ready() {
        return;
    }
    let dir = system_copy("programs");
    let mut sources: Vec<PathBuf> = fs::read_dir(package_dir().join("c"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "c"))
        .collect();
    sources.sort();
    assert!(sources.len() > 20);
    let mut problems = Vec::new();
    let mut clean = 0;
    for src in &sources {
        let out = dir.join("prog.o");
        let werror = ["-Werror"];
        let system = compile(src, &dir.join("sysinc"), &out, &werror);
        let ours = compile(src, &workspace().join("include"), &out, &werror);
        clean += usize::from(system.0 && ours.0);
        if system != ours {
            problems.push(format!(
                "{}: libcurl's headers {system:?}, ours {ours:?}",
                src.display()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // Nearly all are warning-clean at -O2 on both (tls_setopt.c passes an int-returning
    // SSL_CTX_FUNCTION, which libcurl's checks flag as well).
    assert!(
        clean + 2 >= sources.len(),
        "{clean} of {} clean",
        sources.len()
    );
}
