//! The C boundary: every exported `curl_*` function, libcurl's numbers and types. Nothing
//! outside this module deals in raw pointers or libcurl's numeric codes.

pub mod abi;
mod boundary;
mod callbacks;
mod codes;
mod easy;
mod getinfo;
mod global;
mod handle;
mod header;
mod multi;
mod setopt;
mod share;
mod strerror;
mod stubs;
mod tls_opts;
mod urlapi;

/// The README's option table and the values to set, shared with `capi-tests`.
#[cfg(test)]
#[allow(dead_code)]
#[path = "../../capi-tests/src/option_classes.rs"]
mod option_classes;
#[cfg(test)]
mod option_classes_test;
