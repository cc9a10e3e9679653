//! Keeps the committed `include/curl/curl.h` equal to what cbindgen generates from this
//! module. With `CURL_RS_BLESS_HEADERS=1` the test rewrites the committed file instead.

use std::path::PathBuf;

const GENERATED: &str = include_str!(concat!(env!("OUT_DIR"), "/curl.h"));

#[test]
fn committed_curl_h_matches_generated() {
    let committed_path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("include/curl/curl.h");
    let committed = std::fs::read_to_string(&committed_path).unwrap_or_default();
    if committed == GENERATED {
        return;
    }
    if std::env::var("CURL_RS_BLESS_HEADERS").as_deref() == Ok("1") {
        std::fs::write(&committed_path, GENERATED)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", committed_path.display()));
        eprintln!("rewrote {}", committed_path.display());
        return;
    }
    let first_difference = committed
        .lines()
        .zip(GENERATED.lines())
        .position(|(a, b)| a != b)
        .unwrap_or_else(|| committed.lines().count().min(GENERATED.lines().count()));
    panic!(
        "include/curl/curl.h is out of date with src/capi/abi/ and cbindgen.toml \
         (first difference at line {}: committed {:?}, generated {:?}).\n\
         Regenerate it with: CURL_RS_BLESS_HEADERS=1 cargo test --lib capi::abi::header_test",
        first_difference + 1,
        committed
            .lines()
            .nth(first_difference)
            .unwrap_or("<end of file>"),
        GENERATED
            .lines()
            .nth(first_difference)
            .unwrap_or("<end of file>"),
    );
}

/// The `long` constants cbindgen.toml writes as literals (cbindgen would print casts, which
/// `#if` cannot evaluate) have the values of their Rust definitions.
#[test]
fn long_literal_macros_match_their_rust_values() {
    use super::*;
    let expected = [
        ("CURLPIPE_NOTHING", CURLPIPE_NOTHING),
        ("CURLPIPE_HTTP1", CURLPIPE_HTTP1),
        ("CURLPIPE_MULTIPLEX", CURLPIPE_MULTIPLEX),
        ("CURL_HET_DEFAULT", CURL_HET_DEFAULT),
        ("CURL_UPKEEP_INTERVAL_DEFAULT", CURL_UPKEEP_INTERVAL_DEFAULT),
    ];
    for (name, value) in expected {
        let line = format!("#define {name} {value}L\n");
        assert_eq!(
            GENERATED.matches(&line).count(),
            1,
            "curl.h should define {name} exactly once, as {value}L"
        );
    }
}
