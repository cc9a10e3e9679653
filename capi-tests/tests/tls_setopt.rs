//! `curl_easy_setopt`'s answers for the TLS options, with `c/tls_setopt.c` (no transfer):
//! out-of-range values, strings, blobs. Both libraries must answer the same, except for the
//! options our TLS backend (rustls) has no counterpart for.

use capi_tests::{ready, Case};

#[test]
fn tls_options_answer_as_7_88_1() {
    if !ready() {
        return;
    }
    let pair = Case::new("tls_setopt")
        .arg("shared")
        .compare_stderr()
        .differential();
    // The refusals the comparison rests on (so a library that refused nothing would not
    // pass by agreeing with a broken system run).
    for line in [
        "CURLOPT_SSLVERSION -1 -> 43\n",
        "CURLOPT_SSLVERSION CURL_SSLVERSION_SSLv3 -> 43\n",
        "CURLOPT_SSLVERSION CURL_SSLVERSION_MAX_LAST -> 43\n",
        "CURLOPT_SSLVERSION (1L << 32) | CURL_SSLVERSION_TLSv1_2 -> 0\n",
        "CURLOPT_SSL_VERIFYHOST 4 -> 0\n",
        "CURLOPT_SSL_FALSESTART 1 -> 4\n",
        "CURLOPT_SSL_VERIFYSTATUS 1 -> 0\n",
        "CURLOPT_CA_CACHE_TIMEOUT -2 -> 43\n",
        "CURLOPT_CAINFO (over CURL_MAX_INPUT_LENGTH) -> 43\n",
        "CURLOPT_SSLKEY_BLOB over CURL_MAX_INPUT_LENGTH -> 43\n",
        "CURLOPT_CAINFO_BLOB nocopy -> 0\n",
    ] {
        assert!(
            pair.system.stdout().contains(line),
            "expected {line:?} in:\n{}",
            pair.system.stdout()
        );
    }
}

#[test]
fn tls_options_without_a_rustls_counterpart() {
    // Ours only. The system libcurl (OpenSSL) answers 0 to all but SSLENGINE "nosuchengine"
    // (53, CURLE_SSL_ENGINE_NOTFOUND), and crashes on the last case. Ours answers as 7.88.1
    // built with its rustls backend for SSL_CTX and engines; DoH is not built, so its OCSP
    // stapling check is accepted only at its default (0).
    if !ready() {
        return;
    }
    Case::new("tls_setopt")
        .arg("differs")
        .compare_stderr()
        .ours()
        .assert_stdout(concat!(
            "CURLOPT_DOH_SSL_VERIFYSTATUS 1 -> 4\n",
            "CURLOPT_SSL_CTX_FUNCTION (curl_ssl_ctx_callback)NULL -> 4\n",
            "CURLOPT_SSL_CTX_FUNCTION ctx_callback -> 4\n",
            "CURLOPT_SSL_CTX_DATA (void *)NULL -> 4\n",
            "CURLOPT_SSL_CTX_DATA (void *)h -> 4\n",
            "CURLOPT_SSLENGINE \"nosuchengine\" -> 4\n",
            "CURLOPT_SSLENGINE_DEFAULT 1 -> 4\n",
            "CURLOPT_CAINFO_BLOB NULL data, length 3 -> 43\n",
        ));
}
