//! The library's first step, no server needed: version info, slists, escaping, error texts,
//! the option table, global init and the easy handle's basics. Each C program runs on the
//! system libcurl and on ours and must print the same (stderr included: both are silent).

use capi_tests::{ready, Case};

fn same(name: &str, args: &[&str]) {
    if !ready() {
        return;
    }
    Case::new(name).args(args).compare_stderr().differential();
}

#[test]
fn version_info() {
    same("version", &[]);
}

#[test]
fn slist() {
    same("slist", &[]);
}

#[test]
fn escape_and_unescape() {
    same("escape", &[]);
}

#[test]
fn strerror_texts() {
    same("strerror", &[]);
}

#[test]
fn option_table() {
    same("options", &[]);
}

#[test]
fn global_init_not_needed() {
    same("global", &["noinit"]);
}

#[test]
fn global_init_is_reference_counted() {
    same("global", &["refcount"]);
}

#[test]
fn global_init_mem_callbacks() {
    same("global", &["mem"]);
}

#[test]
fn easy_handle_basics() {
    same("easy_basic", &[]);
}

#[test]
fn getenv() {
    if !ready() {
        return;
    }
    Case::new("getenv")
        .args(&["CAPI_SET", "CAPI_EMPTY", "CAPI_UNSET"])
        .env("CAPI_SET", "some value")
        .env("CAPI_EMPTY", "")
        .compare_stderr()
        .differential();
}
