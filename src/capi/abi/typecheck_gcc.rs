//! Writes `include/curl/typecheck-gcc.h`, the compile-time argument checks of
//! `curl_easy_setopt` and `curl_easy_getinfo` under GCC, from the option table
//! (`easyoptions::EASY_OPTIONS`): which options take a string, a list, callback data... comes
//! from each row's type, so the checks follow the table. The test below keeps the committed
//! header equal to this output; `CURL_RS_BLESS_HEADERS=1` rewrites it.
//!
//! How the checks work: when the option (or info) is a compile-time constant, which GCC
//! knows when optimising, every check that applies to it tests the argument's type with
//! `__builtin_types_compatible_p`; a failed check calls a function that carries GCC's
//! `warning` attribute, so the call that survives dead-code elimination is reported. What
//! each kind accepts is what libcurl 7.88.1's own checks accept.

use std::fmt::Write as _;
use std::path::PathBuf;

use super::curl_easytype as T;
use super::easyoptions::{EasyOptionRow, EASY_OPTIONS};

/// Options whose argument is a callback, the family of callback types it accepts. Function
/// options not listed are not checked (as with libcurl).
const CALLBACK_OPTIONS: &[(&str, &str)] = &[
    ("WRITEFUNCTION", "write"),
    ("HEADERFUNCTION", "write"),
    ("READFUNCTION", "read"),
    ("RESOLVER_START_FUNCTION", "resolver_start"),
    ("IOCTLFUNCTION", "ioctl"),
    ("SOCKOPTFUNCTION", "sockopt"),
    ("OPENSOCKETFUNCTION", "opensocket"),
    ("PROGRESSFUNCTION", "progress"),
    ("DEBUGFUNCTION", "debug"),
    ("SSL_CTX_FUNCTION", "ssl_ctx"),
    ("CONV_TO_NETWORK_FUNCTION", "conv"),
    ("CONV_FROM_NETWORK_FUNCTION", "conv"),
    ("CONV_FROM_UTF8_FUNCTION", "conv"),
    ("SEEKFUNCTION", "seek"),
];

/// A callback family: the warning's wording, the curl typedef, and the other signatures
/// accepted (return type, then each parameter's accepted types; every combination counts).
struct Family {
    name: &'static str,
    what: &'static str,
    typedef: &'static str,
    ret: &'static str,
    params: &'static [&'static [&'static str]],
}

const DATA: &[&str] = &["void *", "const void *"];
const STREAM: &[&str] = &["void *", "const void *", "FILE *"];

const FAMILIES: &[Family] = &[
    Family {
        name: "write",
        what: "a curl_write_callback",
        typedef: "curl_write_callback",
        ret: "size_t",
        params: &[
            &["char *", "const char *", "void *", "const void *"],
            &["size_t"],
            &["size_t"],
            STREAM,
        ],
    },
    Family {
        name: "read",
        what: "a curl_read_callback",
        typedef: "curl_read_callback",
        ret: "size_t",
        params: &[&["char *", "void *"], &["size_t"], &["size_t"], STREAM],
    },
    Family {
        name: "resolver_start",
        what: "a curl_resolver_start_callback",
        typedef: "curl_resolver_start_callback",
        ret: "",
        params: &[],
    },
    Family {
        name: "ioctl",
        what: "a curl_ioctl_callback",
        typedef: "curl_ioctl_callback",
        ret: "curlioerr",
        params: &[&["CURL *"], &["int", "curliocmd"], DATA],
    },
    Family {
        name: "sockopt",
        what: "a curl_sockopt_callback",
        typedef: "curl_sockopt_callback",
        ret: "int",
        params: &[DATA, &["curl_socket_t"], &["curlsocktype"]],
    },
    Family {
        name: "opensocket",
        what: "a curl_opensocket_callback",
        typedef: "curl_opensocket_callback",
        ret: "curl_socket_t",
        params: &[
            DATA,
            &["curlsocktype"],
            &["struct curl_sockaddr *", "const struct curl_sockaddr *"],
        ],
    },
    Family {
        name: "progress",
        what: "a curl_progress_callback",
        typedef: "curl_progress_callback",
        ret: "int",
        params: &[DATA, &["double"], &["double"], &["double"], &["double"]],
    },
    Family {
        name: "debug",
        what: "a curl_debug_callback",
        typedef: "curl_debug_callback",
        ret: "int",
        params: &[
            &["CURL *"],
            &["curl_infotype"],
            &[
                "char *",
                "const char *",
                "unsigned char *",
                "const unsigned char *",
            ],
            &["size_t"],
            DATA,
        ],
    },
    Family {
        name: "ssl_ctx",
        what: "a curl_ssl_ctx_callback",
        typedef: "curl_ssl_ctx_callback",
        ret: "CURLcode",
        params: &[&["CURL *"], DATA, DATA],
    },
    Family {
        name: "conv",
        what: "a curl_conv_callback",
        typedef: "curl_conv_callback",
        ret: "CURLcode",
        params: &[
            &["char *", "const char *", "void *", "const void *"],
            &["size_t"],
        ],
    },
    Family {
        name: "seek",
        what: "a curl_seek_callback",
        typedef: "curl_seek_callback",
        ret: "CURLcode",
        params: &[DATA, &["curl_off_t"], &["int"]],
    },
];

/// Object options with a check of their own: option, test of the argument, what it takes.
const OBJECT_OPTIONS: &[(&str, &str, &str)] = &[
    (
        "ERRORBUFFER",
        "curltc_is_error_buffer",
        "a char buffer of CURL_ERROR_SIZE",
    ),
    ("STDERR", "curltc_is_file", "a 'FILE *'"),
    (
        "POSTFIELDS",
        "curltc_is_postfields",
        "a 'void *' or 'char *'",
    ),
    (
        "COPYPOSTFIELDS",
        "curltc_is_postfields",
        "a 'void *' or 'char *'",
    ),
    (
        "HTTPPOST",
        "curltc_is_httppost",
        "a 'struct curl_httppost *'",
    ),
    ("MIMEPOST", "curltc_is_mime", "a 'curl_mime *'"),
    ("SHARE", "curltc_is_share", "a 'CURLSH *'"),
];

const HEAD: &str = r#"/*
 * curl/typecheck-gcc.h - compile-time checks of the arguments given to curl_easy_setopt()
 * and curl_easy_getinfo(), for GCC. curl.h includes it for GCC 4.3 and later when compiling
 * C (not C++), unless CURL_DISABLE_TYPECHECK is defined.
 *
 * When the option or info is a compile-time constant (GCC knows when optimising), an
 * argument of the wrong type makes GCC warn: "call to 'curltc_warn_...' declared with
 * attribute warning". The call itself is unchanged.
 *
 * This file is generated from the option table in src/capi/abi/easyoptions.rs by
 * src/capi/abi/typecheck_gcc.rs. Do not edit it by hand.
 */
#ifndef CURLINC_TYPECHECK_GCC_H
#define CURLINC_TYPECHECK_GCC_H

/* The checked calls. The option is evaluated once; the value only in the checks' sizeof and
   __typeof__, which do not evaluate it. */
#define curl_easy_setopt(handle, option, value) \
  __extension__({ \
    CURLoption curltc_opt = (option); \
    if(__builtin_constant_p(curltc_opt)) { \
      CURL_IGNORE_DEPRECATION(curltc_setopt_checks(curltc_opt, value)) \
    } \
    curl_easy_setopt(handle, curltc_opt, value); \
  })

#define curl_easy_getinfo(handle, info, arg) \
  __extension__({ \
    CURLINFO curltc_info = (info); \
    if(__builtin_constant_p(curltc_info)) { \
      CURL_IGNORE_DEPRECATION(curltc_getinfo_checks(curltc_info, arg)) \
    } \
    curl_easy_getinfo(handle, curltc_info, arg); \
  })

/* Only the number of arguments is checked for these. */
#define curl_share_setopt(share, opt, param) curl_share_setopt(share, opt, param)
#define curl_multi_setopt(handle, opt, param) curl_multi_setopt(handle, opt, param)

/* A function GCC warns about when a call to it is left after optimisation. */
#define curltc_warning(name, text) \
  static void __attribute__((__warning__(text))) __attribute__((__unused__)) \
  __attribute__((__noinline__)) name(void) { __asm__(""); }

/* Type tests. NULL is a 'void *', so any 'void *' passes where a pointer may be NULL. */
#define curltc_same(expr, type) __builtin_types_compatible_p(__typeof__(expr), type)
#define curltc_is_null(expr) curltc_same(expr, __typeof__(NULL))
#define curltc_is_ptr(expr, type) \
  (curltc_is_null(expr) || curltc_same(expr, type *) || curltc_same(expr, const type *))
#define curltc_is_arr(expr, type) (curltc_is_ptr(expr, type) || curltc_same(expr, type[]))
#define curltc_is_string(expr) \
  (curltc_is_arr(expr, char) || curltc_is_arr(expr, signed char) || \
   curltc_is_arr(expr, unsigned char))
#define curltc_is_long(expr) \
  (curltc_same(expr, long) || curltc_same(expr, unsigned long) || \
   curltc_same(expr, int) || curltc_same(expr, unsigned int) || \
   curltc_same(expr, short) || curltc_same(expr, unsigned short) || \
   curltc_same(expr, char) || curltc_same(expr, signed char) || \
   curltc_same(expr, unsigned char))
#define curltc_is_off_t(expr) curltc_same(expr, curl_off_t)
#define curltc_is_cb_data(expr) (sizeof(expr) == sizeof(void *))
#define curltc_is_error_buffer(expr) \
  (curltc_is_null(expr) || curltc_same(expr, char *) || curltc_same(expr, char[]))
#define curltc_is_file(expr) (curltc_is_null(expr) || curltc_same(expr, FILE *))
#define curltc_is_postfields(expr) \
  (curltc_is_ptr(expr, void) || curltc_is_arr(expr, char) || \
   curltc_is_arr(expr, unsigned char))
#define curltc_is_httppost(expr) curltc_is_arr(expr, struct curl_httppost)
#define curltc_is_mime(expr) curltc_is_ptr(expr, curl_mime)
#define curltc_is_slist(expr) curltc_is_arr(expr, struct curl_slist)
#define curltc_is_share(expr) curltc_is_ptr(expr, CURLSH)

/* A callback passes as a function or as a pointer to one. */
#define curltc_is_fn(expr, type) \
  (curltc_same(expr, type) || __builtin_types_compatible_p(__typeof__(expr) *, type))
"#;

const TAIL: &str = r#"
#endif /* CURLINC_TYPECHECK_GCC_H */
"#;

fn rows_of(kind: T) -> impl Iterator<Item = &'static EasyOptionRow> {
    EASY_OPTIONS
        .iter()
        .filter(move |r| !r.alias && r.kind == kind as i32)
}

fn row(name: &str) -> &'static EasyOptionRow {
    EASY_OPTIONS
        .iter()
        .find(|r| r.name == name && !r.alias)
        .unwrap_or_else(|| panic!("CURLOPT_{name} is not in the option table"))
}

/// `#define name(o) ((o) == CURLOPT_A || ... || 0)` for the table's options of `kind`.
fn option_list(out: &mut String, name: &str, kind: T) {
    let _ = write!(out, "#define {name}(o) \\\n  (");
    for r in rows_of(kind) {
        let _ = write!(out, "(o) == CURLOPT_{} || \\\n   ", r.name);
    }
    out.push_str("0)\n");
}

/// Every combination of the family's parameter types, as parameter lists.
fn signatures(params: &[&[&str]]) -> Vec<String> {
    let mut all = vec![String::new()];
    for (i, choices) in params.iter().enumerate() {
        let mut next = Vec::new();
        for prefix in &all {
            for c in choices.iter() {
                let sep = if i == 0 { "" } else { ", " };
                next.push(format!("{prefix}{sep}{c}"));
            }
        }
        all = next;
    }
    all
}

/// The text of `include/curl/typecheck-gcc.h`.
pub fn generate() -> String {
    let mut out = String::from(HEAD);

    out.push_str("\n/* The callback types each callback option accepts. */\n");
    for f in FAMILIES {
        let sigs = if f.params.is_empty() {
            Vec::new()
        } else {
            signatures(f.params)
        };
        for (i, params) in sigs.iter().enumerate() {
            let _ = writeln!(
                out,
                "typedef {} (*curltc_{}_cb{})({params});",
                f.ret, f.name, i
            );
        }
        if f.name == "ssl_ctx" {
            // With OpenSSL's ssl.h included first, its SSL_CTX as well.
            out.push_str("#ifdef HEADER_SSL_H\n");
            for (i, params) in signatures(&[&["CURL *"], &["SSL_CTX *", "const SSL_CTX *"], DATA])
                .iter()
                .enumerate()
            {
                let _ = writeln!(out, "typedef CURLcode (*curltc_ssl_ctx_ssl{i})({params});");
            }
            out.push_str("#endif\n");
        }
        let _ = write!(
            out,
            "#define curltc_is_{}_cb(expr) \\\n  (curltc_is_null(expr) || curltc_is_fn(expr, {})",
            f.name, f.typedef
        );
        if f.name == "write" {
            out.push_str(" || \\\n   curltc_is_read_cb(expr)");
        }
        for i in 0..sigs.len() {
            let _ = write!(
                out,
                " || \\\n   curltc_is_fn(expr, curltc_{}_cb{i})",
                f.name
            );
        }
        if f.name == "ssl_ctx" {
            out.push_str(" || \\\n   curltc_is_ssl_ctx_ssl(expr))\n");
            out.push_str("#ifdef HEADER_SSL_H\n#define curltc_is_ssl_ctx_ssl(expr) \\\n  (0");
            for i in 0..4 {
                let _ = write!(out, " || curltc_is_fn(expr, curltc_ssl_ctx_ssl{i})");
            }
            out.push_str(")\n#else\n#define curltc_is_ssl_ctx_ssl(expr) 0\n#endif\n");
        } else {
            out.push_str(")\n");
        }
    }

    out.push_str("\n/* Which options take what, from the option table. */\n");
    out.push_str("#define curltc_long_option(o) (0 < (o) && (o) < CURLOPTTYPE_OBJECTPOINT)\n");
    out.push_str(
        "#define curltc_off_t_option(o) (CURLOPTTYPE_OFF_T < (o) && (o) < CURLOPTTYPE_BLOB)\n",
    );
    option_list(&mut out, "curltc_string_option", T::CURLOT_STRING);
    option_list(&mut out, "curltc_slist_option", T::CURLOT_SLIST);
    option_list(&mut out, "curltc_cb_data_option", T::CURLOT_CBPTR);

    out.push_str("\n/* The warnings. */\n");
    let warn = |out: &mut String, id: &str, text: &str| {
        let _ = writeln!(out, "curltc_warning(curltc_warn_{id}, \"{text}\")");
    };
    let setopt = |what: &str| format!("curl_easy_setopt: this option takes {what}");
    warn(&mut out, "long", &setopt("a long"));
    warn(&mut out, "off_t", &setopt("a curl_off_t"));
    warn(
        &mut out,
        "string",
        &setopt("a string ('char *' or a char array)"),
    );
    warn(&mut out, "slist", &setopt("a 'struct curl_slist *'"));
    warn(&mut out, "cb_data", &setopt("a data pointer"));
    for f in FAMILIES {
        warn(&mut out, &format!("{}_cb", f.name), &setopt(f.what));
    }
    for (name, _, what) in OBJECT_OPTIONS {
        warn(&mut out, &name.to_lowercase(), &setopt(what));
    }
    let getinfo = |what: &str| format!("curl_easy_getinfo: this info is written to {what}");
    let infos = [
        ("info_string", "a 'char *'"),
        ("info_long", "a long"),
        ("info_double", "a double"),
        ("info_slist", "a 'struct curl_slist *'"),
        ("info_tlssession", "a 'struct curl_tlssessioninfo *'"),
        ("info_certinfo", "a 'struct curl_certinfo *'"),
        ("info_socket", "a curl_socket_t"),
        ("info_off_t", "a curl_off_t"),
    ];
    for (id, what) in infos {
        warn(&mut out, id, &getinfo(&format!("{what}: pass its address")));
    }

    out.push_str("\n/* The checks of one curl_easy_setopt() call. */\n");
    out.push_str("#define curltc_setopt_checks(o, value) \\\n");
    let check = |out: &mut String, applies: String, test: String, id: String| {
        let _ = writeln!(
            out,
            "  if({applies}) {{ if(!{test}) curltc_warn_{id}(); }} \\"
        );
    };
    check(
        &mut out,
        "curltc_long_option(o)".into(),
        "curltc_is_long(value)".into(),
        "long".into(),
    );
    check(
        &mut out,
        "curltc_off_t_option(o)".into(),
        "curltc_is_off_t(value)".into(),
        "off_t".into(),
    );
    for kind in ["string", "slist", "cb_data"] {
        check(
            &mut out,
            format!("curltc_{kind}_option(o)"),
            format!("curltc_is_{kind}(value)"),
            kind.into(),
        );
    }
    for (name, family) in CALLBACK_OPTIONS {
        check(
            &mut out,
            format!("(o) == CURLOPT_{name}"),
            format!("curltc_is_{family}_cb(value)"),
            format!("{family}_cb"),
        );
    }
    for (name, test, _) in OBJECT_OPTIONS {
        check(
            &mut out,
            format!("(o) == CURLOPT_{name}"),
            format!("{test}(value)"),
            name.to_lowercase(),
        );
    }
    out.push_str("  (void)0;\n");

    out.push_str("\n/* The checks of one curl_easy_getinfo() call, by the info's type bits. */\n");
    out.push_str("#define curltc_getinfo_checks(i, arg) \\\n");
    let info_checks = [
        (
            "CURLINFO_STRING < (i) && (i) < CURLINFO_LONG && (i) != CURLINFO_PRIVATE",
            "curltc_is_arr(arg, char *)",
            "info_string",
        ),
        (
            "CURLINFO_LONG < (i) && (i) < CURLINFO_DOUBLE",
            "curltc_is_arr(arg, long)",
            "info_long",
        ),
        (
            "CURLINFO_DOUBLE < (i) && (i) < CURLINFO_SLIST",
            "curltc_is_arr(arg, double)",
            "info_double",
        ),
        (
            "(i) == CURLINFO_SSL_ENGINES || (i) == CURLINFO_COOKIELIST",
            "curltc_is_arr(arg, struct curl_slist *)",
            "info_slist",
        ),
        (
            "(i) == CURLINFO_TLS_SSL_PTR || (i) == CURLINFO_TLS_SESSION",
            "curltc_is_arr(arg, struct curl_tlssessioninfo *)",
            "info_tlssession",
        ),
        (
            "(i) == CURLINFO_CERTINFO",
            "curltc_is_arr(arg, struct curl_certinfo *)",
            "info_certinfo",
        ),
        (
            "CURLINFO_SOCKET < (i) && (i) < CURLINFO_OFF_T",
            "curltc_is_arr(arg, curl_socket_t)",
            "info_socket",
        ),
        (
            "CURLINFO_OFF_T < (i)",
            "curltc_is_arr(arg, curl_off_t)",
            "info_off_t",
        ),
    ];
    for (applies, test, id) in info_checks {
        check(&mut out, applies.into(), test.into(), id.into());
    }
    out.push_str("  (void)0;\n");

    out.push_str(TAIL);
    out
}

#[test]
fn the_ranges_cover_exactly_the_tables_long_and_off_t_options() {
    for r in EASY_OPTIONS {
        let long = r.kind == T::CURLOT_LONG as i32 || r.kind == T::CURLOT_VALUES as i32;
        assert_eq!(long, 0 < r.id && r.id < 10000, "CURLOPT_{}", r.name);
        let off_t = r.kind == T::CURLOT_OFF_T as i32;
        assert_eq!(off_t, 30000 < r.id && r.id < 40000, "CURLOPT_{}", r.name);
    }
}

#[test]
fn checked_options_have_the_right_kind_in_the_table() {
    for (name, family) in CALLBACK_OPTIONS {
        assert_eq!(row(name).kind, T::CURLOT_FUNCTION as i32, "CURLOPT_{name}");
        assert!(FAMILIES.iter().any(|f| f.name == *family), "{family}");
    }
    for (name, ..) in OBJECT_OPTIONS {
        assert_eq!(row(name).kind, T::CURLOT_OBJECT as i32, "CURLOPT_{name}");
    }
}

#[test]
fn committed_typecheck_gcc_h_matches_generated() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("include/curl/typecheck-gcc.h");
    let generated = generate();
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed == generated {
        return;
    }
    if std::env::var("CURL_RS_BLESS_HEADERS").as_deref() == Ok("1") {
        std::fs::write(&path, &generated)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        eprintln!("rewrote {}", path.display());
        return;
    }
    panic!(
        "include/curl/typecheck-gcc.h is out of date with the option table; regenerate it \
         with: CURL_RS_BLESS_HEADERS=1 cargo test --lib capi::abi::typecheck_gcc"
    );
}
