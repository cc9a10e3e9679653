//! libcurl 7.88.1's public numbers and types, as Rust definitions.
//!
//! This module is the single source of `include/curl/curl.h`: the build script runs cbindgen
//! over the crate and prints every constant, enum, struct, union and callback typedef found
//! here. Names, values and layouts follow libcurl exactly, hence the C-style names.
//!
//! Conventions:
//! - A C enum is a `#[repr(C)]` Rust enum with explicit values and a `from_raw` constructor.
//!   A C caller may pass any `int` where the C prototype names an enum, so exported functions
//!   take the matching `*_arg` alias (a `c_int`) instead; cbindgen prints it under the enum's
//!   name (see `cbindgen.toml`). The same goes for enum-typed values that C code hands back
//!   (callback results, some struct fields).
//! - A C object-like macro is a `pub const` whose expression carries the macro's C type
//!   (casts become C casts in the header).
//! - Old names that libcurl hides under `CURL_NO_OLDIES` carry `#[cfg(not(curl_no_oldies))]`,
//!   which cbindgen turns into `#if !defined(CURL_NO_OLDIES)`; Rust always compiles them.
#![allow(
    non_camel_case_types,
    non_snake_case,
    unexpected_cfgs,
    clippy::identity_op,
    clippy::unnecessary_cast
)]

pub mod codes;
pub mod consts;
pub mod forms;
pub mod info;
pub mod multi;
pub mod options;
pub mod share;
pub mod types;
pub mod urlapi;
pub mod values;
pub mod version;

/// cbindgen:ignore
pub mod easyoptions;

/// cbindgen:ignore
#[cfg(test)]
mod header_test;

/// cbindgen:ignore
#[cfg(test)]
mod layout_test;

/// cbindgen:ignore
#[cfg(test)]
mod typecheck_gcc;

pub use codes::*;
pub use consts::*;
pub use forms::*;
pub use info::*;
pub use multi::*;
pub use options::*;
pub use share::*;
pub use types::*;
pub use urlapi::*;
pub use values::*;
pub use version::*;
