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

/// What the TLS backend says of itself differs by library on purpose (rustls, not
/// OpenSSL), so each library's answers are checked against what it should say: the system
/// libcurl's are 7.88.1's for a build with the one OpenSSL backend; ours take the OpenSSL
/// name and id as well (we stand in for that library), and -1 without a name.
#[test]
fn version_info_tls_backend() {
    if !ready() {
        return;
    }
    let case = Case::new("version").arg("tls").compare_stderr();
    case.system().assert_stdout(concat!(
        "ssl_version OpenSSL/\n",
        "curl_version's second word OpenSSL/\n",
        "ssl_version_num 0\n",
        "TLS_SSL_PTR backend 1 internals NULL\n",
        "TLS_SESSION backend 1 internals NULL\n",
        "curl_global_sslset(-1, NULL) = 1, available: {1, openssl}\n",
        "curl_global_sslset(-1, rustls) = 1, available: {1, openssl}\n",
        "curl_global_sslset(-1, RUSTLS) = 1, available: {1, openssl}\n",
        "curl_global_sslset(-1, openssl) = 0, available: {1, openssl}\n",
        "curl_global_sslset(-1, OpenSSL) = 0, available: {1, openssl}\n",
        "curl_global_sslset(-1, gnutls) = 1, available: {1, openssl}\n",
        "curl_global_sslset(14, NULL) = 1, available: {1, openssl}\n",
        "curl_global_sslset(1, NULL) = 0, available: {1, openssl}\n",
        "curl_global_sslset(2, NULL) = 1, available: {1, openssl}\n",
        "curl_global_sslset(1, gnutls) = 0, available: {1, openssl}\n",
    ));
    case.ours().assert_stdout(concat!(
        "ssl_version rustls/\n",
        "curl_version's second word rustls/\n",
        "ssl_version_num 0\n",
        "TLS_SSL_PTR backend 14 internals NULL\n",
        "TLS_SESSION backend 14 internals NULL\n",
        "curl_global_sslset(-1, NULL) = 0, available: {14, rustls}\n",
        "curl_global_sslset(-1, rustls) = 0, available: {14, rustls}\n",
        "curl_global_sslset(-1, RUSTLS) = 0, available: {14, rustls}\n",
        "curl_global_sslset(-1, openssl) = 0, available: {14, rustls}\n",
        "curl_global_sslset(-1, OpenSSL) = 0, available: {14, rustls}\n",
        "curl_global_sslset(-1, gnutls) = 1, available: {14, rustls}\n",
        "curl_global_sslset(14, NULL) = 0, available: {14, rustls}\n",
        "curl_global_sslset(1, NULL) = 0, available: {14, rustls}\n",
        "curl_global_sslset(2, NULL) = 1, available: {14, rustls}\n",
        "curl_global_sslset(1, gnutls) = 0, available: {14, rustls}\n",
    ));
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
