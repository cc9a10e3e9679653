//! libcurl's printf family (curl_mprintf, curl_mfprintf, curl_msprintf, curl_msnprintf,
//! curl_maprintf and the va_list forms): `c/mprintf.c` runs a large table of formats through
//! every function on the system libcurl and on ours; both must print the same, byte for byte.
//! libcurl formats by its own rules, not the C library's, so the table leans on the places
//! where the two differ: NULL strings and pointers, precision on strings, flags on unsigned
//! conversions, length modifiers libcurl does not know, positional and '*' arguments, the
//! 128-argument limit, float formatting through the C library, truncation and huge widths.

use capi_tests::{ready, Case};

#[test]
fn mprintf_family() {
    if !ready() {
        return;
    }
    Case::new("mprintf").compare_stderr().differential();
}
