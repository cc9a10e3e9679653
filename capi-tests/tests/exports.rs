//! The export table of our libcurl.so: exactly the functions Debian's libcurl.so.4 exports
//! (computed from the system library at test time), the SONAME, and the version nodes that
//! binaries linked against Debian's two flavours ask for.

use std::collections::BTreeSet;
use std::process::Command;

use capi_tests::{libdir, missing, which, SYSTEM_LIBCURL};

/// Run a binutils tool and return its stdout, or None (after noting the skip) if it is not
/// installed.
fn tool(name: &str, args: &[&str]) -> Option<String> {
    if which(name).is_none() {
        missing(name);
        return None;
    }
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("running {name}: {e}"));
    assert!(
        out.status.success(),
        "{name} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn our_lib() -> String {
    libdir().join("libcurl.so").display().to_string()
}

/// The functions the system library defines: `objdump -T` rows with flags `DF` that are not
/// `*UND*`.
fn system_functions() -> Option<BTreeSet<String>> {
    let text = tool("objdump", &["-T", SYSTEM_LIBCURL])?;
    let set: BTreeSet<String> = text
        .lines()
        .filter(|l| l.contains(" DF ") && !l.contains("*UND*"))
        .filter_map(|l| l.split_whitespace().last())
        .map(str::to_string)
        .collect();
    assert!(set.len() >= 90, "odd objdump output:\n{text}");
    Some(set)
}

/// The version nodes a library defines (`readelf -V`, `.gnu.version_d`), without the BASE
/// entry (the SONAME).
fn version_nodes(lib: &str) -> Option<Vec<String>> {
    let text = tool("readelf", &["-V", lib])?;
    let section = text
        .split("Version definition section")
        .nth(1)
        .and_then(|s| s.split("\n\n").next())
        .unwrap_or("");
    Some(
        section
            .lines()
            .filter(|l| l.contains("Name:") && !l.contains("Flags: BASE"))
            .filter_map(|l| l.split("Name:").nth(1))
            .map(|n| n.trim().to_string())
            .collect(),
    )
}

#[test]
fn exports_exactly_debians_functions() {
    let Some(expected) = system_functions() else {
        return;
    };
    let lib = our_lib();
    let Some(nodes) = version_nodes(&lib) else {
        return;
    };
    let Some(text) = tool("nm", &["-D", "--defined-only", &lib]) else {
        return;
    };
    let mut functions = BTreeSet::new();
    let mut other = Vec::new();
    for line in text.lines() {
        let mut parts = line.split_whitespace();
        let (Some(_addr), Some(kind), Some(name)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        // nm appends @@VERSION (or @VERSION) to versioned names.
        let name = name.split('@').next().unwrap_or(name);
        match kind {
            "T" => {
                functions.insert(name.to_string());
            }
            // A version node's own absolute symbol is not an export.
            "A" if nodes.iter().any(|n| n == name) => {}
            _ => other.push(line.to_string()),
        }
    }
    let missing_fns: Vec<_> = expected.difference(&functions).collect();
    let extra_fns: Vec<_> = functions.difference(&expected).collect();
    assert!(
        missing_fns.is_empty() && extra_fns.is_empty() && other.is_empty(),
        "our libcurl.so's exports differ from Debian's {} functions\n\
         missing: {missing_fns:?}\nextra functions: {extra_fns:?}\nother symbols: {other:#?}",
        expected.len()
    );
}

#[test]
fn soname_is_libcurl_so_4() {
    let Some(text) = tool("readelf", &["-d", &our_lib()]) else {
        return;
    };
    let soname = text
        .lines()
        .find(|l| l.contains("(SONAME)"))
        .unwrap_or_else(|| panic!("no SONAME in:\n{text}"));
    assert!(soname.contains("[libcurl.so.4]"), "{soname}");
}

/// Binaries linked against Debian's `libcurl.so.4` ask for `curl_*@CURL_OPENSSL_4`, those
/// linked against `libcurl-gnutls.so.4` for `curl_*@CURL_GNUTLS_3`: the loader refuses a
/// library that defines neither node, so both must exist.
#[test]
fn defines_both_debian_version_nodes() {
    let Some(nodes) = version_nodes(&our_lib()) else {
        return;
    };
    for node in ["CURL_OPENSSL_4", "CURL_GNUTLS_3"] {
        assert!(
            nodes.iter().any(|n| n == node),
            "{node} missing; version nodes: {nodes:?}"
        );
    }
}

/// A function versioned with one node would not resolve for the other flavour's references;
/// unversioned ("Base") definitions satisfy both.
#[test]
fn every_function_is_unversioned() {
    let Some(text) = tool("objdump", &["-T", &our_lib()]) else {
        return;
    };
    let versioned: Vec<&str> = text
        .lines()
        .filter(|l| l.contains(" DF ") && !l.contains("*UND*"))
        .filter(|l| {
            l.split_whitespace()
                .last()
                .is_some_and(|n| n.starts_with("curl_"))
        })
        .filter(|l| !l.split_whitespace().any(|w| w == "Base"))
        .collect();
    assert!(versioned.is_empty(), "versioned exports: {versioned:#?}");
}
