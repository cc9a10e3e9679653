//! Build script: compiles the C shim (variadic entry points), gives the shared library its
//! SONAME and symbol-version node, and generates `curl.h` into OUT_DIR with cbindgen.
//!
//! It never writes into the source tree: a test compares the committed `include/curl/curl.h`
//! with the fresh generation, which it could not do if this script rewrote the committed file.

use std::env;
use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(env::var("OUT_DIR").expect("OUT_DIR"));

    println!("cargo:rerun-if-changed=src/capi/shim.c");
    println!("cargo:rerun-if-changed=src/capi/mprintf.c");
    println!("cargo:rerun-if-changed=src/capi/libcurl.map");
    println!("cargo:rerun-if-changed=src/capi/exports.map");
    println!("cargo:rerun-if-changed=cbindgen.toml");
    println!("cargo:rerun-if-changed=include/curl");
    // The header is generated from the Rust sources.
    println!("cargo:rerun-if-changed=src");

    // The shim includes our own public headers, so it is compiled against the same
    // declarations a C program sees.
    cc::Build::new()
        .file("src/capi/shim.c")
        .file("src/capi/mprintf.c")
        .include(manifest.join("include"))
        .warnings(true)
        .extra_warnings(true)
        .flag_if_supported("-fvisibility=default")
        // The shim implements deprecated functions: as libcurl's own build, it is exempt
        // from the deprecation warnings of the headers.
        .define("BUILDING_LIBCURL", None)
        // It defines curl_easy_setopt and curl_easy_getinfo, which the type checks of
        // typecheck-gcc.h would turn into macros.
        .define("CURL_DISABLE_TYPECHECK", None)
        .cargo_metadata(false)
        .compile("curlshim");
    // +whole-archive: nothing in Rust references the shim's exported functions, so without it
    // the linker would drop them.
    println!("cargo:rustc-link-search=native={}", out.display());
    println!("cargo:rustc-link-lib=static:+whole-archive=curlshim");

    // libcurl.so.4's identity: binaries linked against Debian's libcurl ask for the
    // CURL_OPENSSL_4 version node, those linked against libcurl-gnutls.so.4 for
    // CURL_GNUTLS_3. Both nodes exist (libcurl.map) and every curl_* function, the C
    // shim's included, is exported unversioned ("Base", exports.map), which satisfies
    // references of either version without a warning. This needs rust-lld (rustc's default
    // linker here): GNU ld refuses a named version script next to rustc's anonymous one.
    println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libcurl.so.4");
    for map in ["src/capi/exports.map", "src/capi/libcurl.map"] {
        println!(
            "cargo:rustc-cdylib-link-arg=-Wl,--version-script={}",
            manifest.join(map).display()
        );
    }

    generate_header(&manifest, &out);
}

// The deprecation marks of libcurl's headers (`DEPRECATED`), shared with the crate.
include!("src/capi/abi/deprecated.rs");

fn generate_header(manifest: &std::path::Path, out: &std::path::Path) {
    let config = cbindgen::Config::from_file(manifest.join("cbindgen.toml"))
        .expect("cbindgen.toml is readable and valid");
    let mut text = Vec::new();
    cbindgen::Builder::new()
        .with_crate(manifest)
        .with_config(config)
        .generate()
        .expect("cbindgen generates curl.h")
        .write(&mut text);
    let text = String::from_utf8(text).expect("cbindgen writes UTF-8");
    std::fs::write(out.join("curl.h"), mark_deprecated(&text)).expect("write curl.h");
}

/// Adds `CURL_DEPRECATED(version, "advice")` where libcurl's headers have it: after the
/// name of a deprecated enumerator (`  NAME = 1,`), before the declaration of a deprecated
/// function (a line that declares `NAME(`). Every entry must be found exactly once.
fn mark_deprecated(text: &str) -> String {
    let mut found = vec![0; DEPRECATED.len()];
    let mut out = String::with_capacity(text.len() + 4096);
    for line in text.split_inclusive('\n') {
        let mut line = line.to_string();
        for (i, (name, since, advice)) in DEPRECATED.iter().enumerate() {
            let mark = format!("CURL_DEPRECATED({since}, \"{advice}\")");
            let body = line.trim_start();
            let indent = &line[..line.len() - body.len()];
            let enumerator = !indent.is_empty()
                && body
                    .strip_prefix(name)
                    .is_some_and(|rest| rest.starts_with(" = "));
            let declaration = indent.is_empty()
                && !line.starts_with(['#', '/', ' ', '*'])
                && line.contains(&format!(" {name}("));
            if enumerator {
                line = format!("{indent}{name} {mark}{}", &body[name.len()..]);
            } else if declaration {
                line = format!("{mark}\n{line}");
            } else {
                continue;
            }
            found[i] += 1;
        }
        out.push_str(&line);
    }
    for ((name, ..), n) in DEPRECATED.iter().zip(found) {
        assert_eq!(
            n, 1,
            "curl.h declares deprecated {name} {n} times, not once"
        );
    }
    out
}
