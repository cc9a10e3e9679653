//! The library's first step, no server needed: version info, slists, escaping, error texts,
//! the option table, global init and the easy handle's basics. Each C program runs on the
//! system libcurl and on ours and must print the same (stderr included: both are silent).

use std::ffi::OsString;

use capi_tests::{
    libdir, missing, ready, run_program, system_program_linked_with, Case, Flavour, RunOptions,
    SYSTEM_LIBCURL_GNUTLS,
};

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
/// and GnuTLS names and ids as well (we stand in for both of Debian's flavours), and -1
/// without a name.
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
        "curl_global_sslset(-1, GnuTLS) = 1, available: {1, openssl}\n",
        "curl_global_sslset(14, NULL) = 1, available: {1, openssl}\n",
        "curl_global_sslset(1, NULL) = 0, available: {1, openssl}\n",
        "curl_global_sslset(2, NULL) = 1, available: {1, openssl}\n",
        "curl_global_sslset(1, gnutls) = 0, available: {1, openssl}\n",
    ));
    case.ours().assert_stdout(OURS_TLS);
}

/// What ours says of its TLS backend, whichever flavour's name it is loaded under.
const OURS_TLS: &str = concat!(
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
    "curl_global_sslset(-1, gnutls) = 0, available: {14, rustls}\n",
    "curl_global_sslset(-1, GnuTLS) = 0, available: {14, rustls}\n",
    "curl_global_sslset(14, NULL) = 0, available: {14, rustls}\n",
    "curl_global_sslset(1, NULL) = 0, available: {14, rustls}\n",
    "curl_global_sslset(2, NULL) = 0, available: {14, rustls}\n",
    "curl_global_sslset(1, gnutls) = 0, available: {14, rustls}\n",
);

/// The same program built against Debian's GnuTLS flavour: there 7.88.1 accepts GnuTLS
/// only; ours, loaded as libcurl-gnutls.so.4, answers as above.
#[test]
fn version_info_tls_backend_gnutls_flavour() {
    if !ready() {
        return;
    }
    if !std::path::Path::new(SYSTEM_LIBCURL_GNUTLS).is_file() {
        missing(&format!(
            "{SYSTEM_LIBCURL_GNUTLS} (Debian package libcurl3-gnutls)"
        ));
        return;
    }
    let bin = system_program_linked_with("version", SYSTEM_LIBCURL_GNUTLS, "gnutls");
    let opts = |env: Vec<(OsString, OsString)>| RunOptions {
        args: vec!["tls".into()],
        env,
        soname: "libcurl-gnutls.so.4",
        ..RunOptions::default()
    };
    let system = run_program(&bin, Flavour::System, &opts(Vec::new()));
    assert!(system.success() && system.stderr.is_empty(), "{system}");
    assert_eq!(
        system.stdout,
        concat!(
            "ssl_version GnuTLS/\n",
            "curl_version's second word GnuTLS/\n",
            "ssl_version_num 0\n",
            "TLS_SSL_PTR backend 2 internals NULL\n",
            "TLS_SESSION backend 2 internals NULL\n",
            "curl_global_sslset(-1, NULL) = 1, available: {2, gnutls}\n",
            "curl_global_sslset(-1, rustls) = 1, available: {2, gnutls}\n",
            "curl_global_sslset(-1, RUSTLS) = 1, available: {2, gnutls}\n",
            "curl_global_sslset(-1, openssl) = 1, available: {2, gnutls}\n",
            "curl_global_sslset(-1, OpenSSL) = 1, available: {2, gnutls}\n",
            "curl_global_sslset(-1, gnutls) = 0, available: {2, gnutls}\n",
            "curl_global_sslset(-1, GnuTLS) = 0, available: {2, gnutls}\n",
            "curl_global_sslset(14, NULL) = 1, available: {2, gnutls}\n",
            "curl_global_sslset(1, NULL) = 1, available: {2, gnutls}\n",
            "curl_global_sslset(2, NULL) = 0, available: {2, gnutls}\n",
            "curl_global_sslset(1, gnutls) = 0, available: {2, gnutls}\n",
        ),
        "{system}"
    );
    let env = vec![("LD_LIBRARY_PATH".into(), libdir().as_os_str().to_owned())];
    let ours = run_program(&bin, Flavour::Ours, &opts(env));
    assert!(ours.success() && ours.stderr.is_empty(), "{ours}");
    assert_eq!(ours.stdout, OURS_TLS, "{ours}");
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
