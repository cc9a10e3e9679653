//! A libcurl-compatible library: `libcurl.so.4` with libcurl 7.88.1's ABI, speaking HTTP/1.1.
//!
//! `capi` is the only module with `extern "C"`, raw pointers and libcurl's numbers; everything
//! else is a safe Rust core that `capi` maps onto the C API.

pub mod capi;
/// cbindgen:ignore
pub mod driver;
/// cbindgen:ignore
pub mod engine;
/// cbindgen:ignore
pub mod error;
/// cbindgen:ignore
pub mod escape;
/// cbindgen:ignore
pub mod http;
/// cbindgen:ignore
pub mod info;
/// cbindgen:ignore
pub mod net;
/// cbindgen:ignore
pub mod netrc;
/// cbindgen:ignore
pub mod options;
/// cbindgen:ignore
pub mod progress_meter;
/// cbindgen:ignore
pub mod proxy;
/// cbindgen:ignore
pub mod resolve;
/// cbindgen:ignore
pub mod share;
#[cfg(test)]
mod test_cases;
/// cbindgen:ignore
pub mod url;
