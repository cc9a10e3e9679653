//! The README's option table says what `curl_easy_setopt` does with every option, and this
//! test holds it to that. It reads the table (section "Options": the rows of
//! `| options | class | notes |`), walks our library's option table with
//! `curl_easy_option_next`, and sets each option on a fresh handle of our library, at its
//! default value and at a valid other value, expecting what the README's class promises:
//!
//! | class | default value | other value |
//! |---|---|---|
//! | `implemented`, `no effect`, `fails the transfer` | `CURLE_OK` | `CURLE_OK` |
//! | `default only` | `CURLE_OK` | `CURLE_NOT_BUILT_IN` |
//! | `not built in` | `CURLE_NOT_BUILT_IN` | `CURLE_NOT_BUILT_IN` |
//!
//! Every option of the table must be named in exactly one row, by its own name; an alias
//! (`CURLOT_FLAG_ALIAS`) is covered by the option it stands for and may be named beside it,
//! in the same class. A name that is no option fails the test.
//!
//! The table's grammar and the values set are in `capi_tests::option_classes` (shared with
//! the library's unit test of what `curl_easy_setopt` keeps, which tells `implemented` from
//! `no effect`). Debian's libcurl 7.88.1 must take the same values, but for what
//! [`SYSTEM_ANSWERS`] lists, so they are valid ones.

use std::collections::HashMap;
use std::ffi::{c_char, c_int, c_uint, c_void, CStr, CString};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use capi_tests::option_classes::*;
use capi_tests::{libdir, missing, workspace, SYSTEM_LIBCURL};

const CURLOT_FLAG_ALIAS: c_uint = 1;

/// libcurl 7.88.1's table: 316 rows, 14 of them aliases.
const ROWS: usize = 316;
const ALIASES: usize = 14;

/// A `curl_easyoption`.
#[repr(C)]
struct EasyOption {
    name: *const c_char,
    id: c_int,
    kind: c_int,
    flags: c_uint,
}

/// A `struct curl_blob`.
#[repr(C)]
struct Blob {
    data: *mut c_void,
    len: usize,
    flags: c_uint,
}

type Setopt = unsafe extern "C" fn(*mut c_void, c_int, ...) -> c_int;

/// The functions of our library this test calls.
struct Lib {
    easy_init: unsafe extern "C" fn() -> *mut c_void,
    easy_cleanup: unsafe extern "C" fn(*mut c_void),
    setopt: Setopt,
    option_next: unsafe extern "C" fn(*const EasyOption) -> *const EasyOption,
    slist_append: unsafe extern "C" fn(*mut c_void, *const c_char) -> *mut c_void,
    slist_free_all: unsafe extern "C" fn(*mut c_void),
    share_init: unsafe extern "C" fn() -> *mut c_void,
    share_cleanup: unsafe extern "C" fn(*mut c_void) -> c_int,
    url: unsafe extern "C" fn() -> *mut c_void,
    url_cleanup: unsafe extern "C" fn(*mut c_void),
}

/// A symbol's address as the function pointer type `T`.
///
/// # Safety
/// `T` is a function pointer type, and the symbol a function of that signature.
unsafe fn func<T: Copy>(p: *mut c_void) -> T {
    assert_eq!(std::mem::size_of::<T>(), std::mem::size_of::<*mut c_void>());
    // SAFETY: same size (checked); the caller promises the signature.
    unsafe { std::mem::transmute_copy(&p) }
}

/// Opens our `libcurl.so.4` (not whatever the loader would find).
fn open_ours() -> Lib {
    open(&libdir().join("libcurl.so.4"))
}

/// Opens the libcurl at `path` and looks up [`Lib`].
fn open(path: &Path) -> Lib {
    let path = CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a path to a libcurl; RTLD_LOCAL keeps its symbols out of the global scope, so
    // two libcurls can be open side by side.
    let handle = unsafe { libc::dlopen(path.as_ptr(), libc::RTLD_NOW | libc::RTLD_LOCAL) };
    assert!(!handle.is_null(), "dlopen {path:?} failed");
    let sym = |name: &CStr| {
        // SAFETY: `handle` is open and never closed.
        let p = unsafe { libc::dlsym(handle, name.as_ptr()) };
        assert!(!p.is_null(), "{name:?} missing");
        p
    };
    // SAFETY: each symbol is the libcurl function of that name, with libcurl's signature.
    unsafe {
        Lib {
            easy_init: func(sym(c"curl_easy_init")),
            easy_cleanup: func(sym(c"curl_easy_cleanup")),
            setopt: func(sym(c"curl_easy_setopt")),
            option_next: func(sym(c"curl_easy_option_next")),
            slist_append: func(sym(c"curl_slist_append")),
            slist_free_all: func(sym(c"curl_slist_free_all")),
            share_init: func(sym(c"curl_share_init")),
            share_cleanup: func(sym(c"curl_share_cleanup")),
            url: func(sym(c"curl_url")),
            url_cleanup: func(sym(c"curl_url_cleanup")),
        }
    }
}

/// One option of our library's table.
struct Row {
    name: String,
    id: c_int,
    kind: c_int,
    alias: bool,
}

fn our_table(lib: &Lib) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut prev = std::ptr::null();
    loop {
        // SAFETY: NULL or the row the previous call returned.
        let next = unsafe { (lib.option_next)(prev) };
        if next.is_null() {
            break;
        }
        // SAFETY: a row of the library's static table, with a NUL-terminated name.
        let row = unsafe { &*next };
        rows.push(Row {
            name: unsafe { CStr::from_ptr(row.name) }
                .to_str()
                .unwrap()
                .to_string(),
            id: row.id,
            kind: row.kind,
            alias: row.flags & CURLOT_FLAG_ALIAS != 0,
        });
        prev = next;
    }
    rows
}

/// The values and objects options are set to; alive until the test ends.
struct Samples<'a> {
    lib: &'a Lib,
    dir: PathBuf,
    strings: Vec<CString>,
    slists: Vec<*mut c_void>,
    share: *mut c_void,
    curlu: *mut c_void,
    other_easy: *mut c_void,
    error_buffer: Box<[u8; 256]>,
    stderr: *mut libc::FILE,
    blob_bytes: Vec<u8>,
    blob: Box<Blob>,
    data: Box<[u8; 64]>,
}

extern "C" fn dummy_callback() {}

impl<'a> Samples<'a> {
    fn new(lib: &'a Lib) -> Samples<'a> {
        // SAFETY: plain libcurl and libc calls.
        let (share, curlu, other_easy, stderr) = unsafe {
            (
                (lib.share_init)(),
                (lib.url)(),
                (lib.easy_init)(),
                libc::fopen(c"/dev/null".as_ptr(), c"w".as_ptr()),
            )
        };
        assert!(!share.is_null() && !curlu.is_null() && !other_easy.is_null());
        assert!(!stderr.is_null());
        let mut blob_bytes = b"-----BEGIN CERTIFICATE-----\n".to_vec();
        let blob = Box::new(Blob {
            data: blob_bytes.as_mut_ptr().cast(),
            len: blob_bytes.len(),
            flags: 1, // CURL_BLOB_COPY
        });
        static RUN: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "rcurl-options-table-{}-{}",
            std::process::id(),
            RUN.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        Samples {
            lib,
            dir,
            strings: Vec::new(),
            slists: Vec::new(),
            share,
            curlu,
            other_easy,
            error_buffer: Box::new([0; 256]),
            stderr,
            blob_bytes,
            blob,
            data: Box::new([0; 64]),
        }
    }

    fn string(&mut self, s: &str) -> *mut c_void {
        self.strings.push(CString::new(s).unwrap());
        self.strings.last().unwrap().as_ptr() as *mut c_void
    }

    fn slist(&mut self, items: &[&str]) -> *mut c_void {
        let mut list = std::ptr::null_mut();
        for item in items {
            let item = CString::new(*item).unwrap();
            // SAFETY: a list of ours (or NULL) and a NUL-terminated string, copied.
            list = unsafe { (self.lib.slist_append)(list, item.as_ptr()) };
            assert!(!list.is_null());
        }
        self.slists.push(list);
        list
    }

    /// The non-default pointer argument of an object-pointer option.
    fn pointer(&mut self, row: &Row) -> *mut c_void {
        let name = row.name.as_str();
        match row.kind {
            // CURLOT_OBJECT
            3 => match name {
                "SHARE" => self.share,
                "CURLU" => self.curlu,
                "STREAM_DEPENDS" | "STREAM_DEPENDS_E" => self.other_easy,
                "ERRORBUFFER" => self.error_buffer.as_mut_ptr().cast(),
                "STDERR" => self.stderr.cast(),
                "POSTFIELDS" | "COPYPOSTFIELDS" => self.string("a=b"),
                // PRIVATE, and the structures of features not built in (HTTPPOST,
                // MIMEPOST): they are refused before being read.
                _ => self.data.as_mut_ptr().cast(),
            },
            // CURLOT_STRING
            4 => {
                let value = string_value(name);
                if FILES_WRITTEN.contains(&name) {
                    let path = self.dir.join(value);
                    self.string(path.to_str().unwrap())
                } else {
                    self.string(value)
                }
            }
            // CURLOT_SLIST
            5 => match name {
                "RESOLVE" => self.slist(&["example.com:80:127.0.0.1"]),
                "CONNECT_TO" => self.slist(&["example.com:80:127.0.0.1:8080"]),
                "MAIL_RCPT" => self.slist(&["<user@example.com>"]),
                "HTTP200ALIASES" => self.slist(&["ICY 200"]),
                "QUOTE" | "PREQUOTE" | "POSTQUOTE" => self.slist(&["NOOP"]),
                "TELNETOPTIONS" => self.slist(&["TTYPE=vt100"]),
                _ => self.slist(&["X-Sample: 1"]),
            },
            // CURLOT_CBPTR
            6 => self.data.as_mut_ptr().cast(),
            // CURLOT_BLOB
            7 => std::ptr::addr_of_mut!(*self.blob).cast(),
            _ => unreachable!("{name}: kind {}", row.kind),
        }
    }
}

impl Drop for Samples<'_> {
    fn drop(&mut self) {
        // SAFETY: ours, freed once, after every handle that used them is gone.
        unsafe {
            for list in self.slists.drain(..) {
                (self.lib.slist_free_all)(list);
            }
            (self.lib.easy_cleanup)(self.other_easy);
            (self.lib.url_cleanup)(self.curlu);
            (self.lib.share_cleanup)(self.share);
            libc::fclose(self.stderr);
        }
        self.blob_bytes.clear();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Sets `row`'s option on a fresh handle: at its default value, or at the other value.
fn set(lib: &Lib, samples: &mut Samples, row: &Row, default: bool) -> c_int {
    let name = row.name.as_str();
    // SAFETY: a fresh handle of ours.
    let h = unsafe { (lib.easy_init)() };
    assert!(!h.is_null());
    // SAFETY (all calls): each argument has the C type the option's kind calls for, and
    // what it points to outlives the handle.
    let code = unsafe {
        match row.kind {
            // CURLOT_LONG, CURLOT_VALUES
            0 | 1 => {
                let (d, v) = long_values(name);
                (lib.setopt)(h, row.id, if default { d } else { v })
            }
            // CURLOT_OFF_T
            2 => {
                let (d, v) = off_t_values(name);
                (lib.setopt)(h, row.id, if default { d } else { v })
            }
            // CURLOT_FUNCTION
            8 => {
                let f = if default {
                    std::ptr::null()
                } else {
                    dummy_callback as extern "C" fn() as *const c_void
                };
                (lib.setopt)(h, row.id, f)
            }
            _ => {
                let p = if let (true, Some(d)) = (default, string_default(name)) {
                    samples.string(d)
                } else if default {
                    std::ptr::null_mut()
                } else {
                    samples.pointer(row)
                };
                (lib.setopt)(h, row.id, p)
            }
        }
    };
    // SAFETY: the handle made above.
    unsafe { (lib.easy_cleanup)(h) };
    code
}

fn readme() -> String {
    let path = workspace().join("README.md");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn readme_classes_every_option_as_setopt_answers() {
    let lib = open_ours();
    let table = our_table(&lib);
    assert_eq!(table.len(), ROWS, "rows in our option table");
    assert_eq!(table.iter().filter(|r| r.alias).count(), ALIASES);

    let mut errors = Vec::new();
    let listed = readme_table(&readme(), &mut errors);

    let by_name: HashMap<&str, &Row> = table.iter().map(|r| (r.name.as_str(), r)).collect();
    let mut unknown: Vec<_> = listed
        .iter()
        .filter(|(name, _)| !by_name.contains_key(name.as_str()))
        .map(|(name, l)| format!("README line {}: `{name}` is no option", l[0].line))
        .collect();
    unknown.sort();
    errors.extend(unknown);

    let mut samples = Samples::new(&lib);
    for row in table.iter().filter(|r| !r.alias) {
        let name = row.name.as_str();
        let class = match listed.get(name).map(Vec::as_slice) {
            None | Some([]) => {
                errors.push(format!("{name}: in no row of the README's table"));
                continue;
            }
            Some([one]) => one.class,
            Some(many) => {
                let lines: Vec<String> = many.iter().map(|l| l.line.to_string()).collect();
                errors.push(format!(
                    "{name}: named more than once (README lines {})",
                    lines.join(", ")
                ));
                continue;
            }
        };
        // Its aliases may stand beside it, in the same class.
        for alias in table.iter().filter(|r| r.alias && r.id == row.id) {
            for l in listed.get(&alias.name).into_iter().flatten() {
                if l.class != class {
                    errors.push(format!(
                        "README line {}: alias {} is {:?}, its option {name} {class:?}",
                        l.line, alias.name, l.class
                    ));
                }
            }
        }
        let expected = class.expected();
        let got = (
            set(&lib, &mut samples, row, true),
            set(&lib, &mut samples, row, false),
        );
        if got != expected {
            errors.push(format!(
                "{name}: README says {class:?}, which answers {expected:?} (default, other \
                 value); curl_easy_setopt answers {got:?}"
            ));
        }
    }
    drop(samples);
    assert!(
        errors.is_empty(),
        "the README's option table disagrees with the library:\n{}",
        errors.join("\n")
    );
}

/// What Debian's libcurl 7.88.1 answers, (default, other value), where that is not
/// `(CURLE_OK, CURLE_OK)`: options it is built without, and values it checks.
const SYSTEM_ANSWERS: &[(&str, c_int, c_int)] = &[
    // Without a target version to speak, "alt-svc with no HTTP version" is refused.
    ("ALTSVC_CTRL", 43, CURLE_OK),
    // CURLE_UNKNOWN_OPTION: the features are gone, or not built.
    ("CONV_FROM_NETWORK_FUNCTION", 48, 48),
    ("CONV_FROM_UTF8_FUNCTION", 48, 48),
    ("CONV_TO_NETWORK_FUNCTION", 48, 48),
    ("DNS_INTERFACE", 48, 48),
    ("DNS_LOCAL_IP4", 48, 48),
    ("DNS_LOCAL_IP6", 48, 48),
    ("DNS_SERVERS", 48, 48),
    ("WS_OPTIONS", 48, 48),
    // CURLE_BAD_FUNCTION_ARGUMENT, even for NULL and "SRP".
    ("PROXY_TLSAUTH_TYPE", 43, 43),
    // What OpenSSL builds answer too: no false start.
    ("SSL_FALSESTART", CURLE_NOT_BUILT_IN, CURLE_NOT_BUILT_IN),
    // CURLE_SSL_ENGINE_NOTFOUND: no such engine.
    ("SSLENGINE", CURLE_OK, 53),
];

/// The values this test sets are valid ones: Debian's libcurl 7.88.1 takes them, but for
/// the options and values [`SYSTEM_ANSWERS`] lists.
#[test]
fn the_values_set_are_valid_for_libcurl() {
    if !Path::new(SYSTEM_LIBCURL).is_file() {
        missing(SYSTEM_LIBCURL);
        return;
    }
    let lib = open(Path::new(SYSTEM_LIBCURL));
    let table = our_table(&lib);
    assert_eq!(table.len(), ROWS, "rows in the system's option table");
    let mut samples = Samples::new(&lib);
    let mut errors = Vec::new();
    for row in table.iter().filter(|r| !r.alias) {
        let name = row.name.as_str();
        let expected = SYSTEM_ANSWERS
            .iter()
            .find(|(n, ..)| *n == name)
            .map_or((CURLE_OK, CURLE_OK), |&(_, d, v)| (d, v));
        let got = (
            set(&lib, &mut samples, row, true),
            set(&lib, &mut samples, row, false),
        );
        if got != expected {
            errors.push(format!(
                "{name}: the system libcurl answers {got:?} (default, other value), not {expected:?}"
            ));
        }
    }
    drop(samples);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn names_expand_as_documented() {
    assert_eq!(expand("TIMEOUT(_MS)"), ["TIMEOUT", "TIMEOUT_MS"]);
    assert_eq!(
        expand("POSTFIELDSIZE(_LARGE)"),
        ["POSTFIELDSIZE", "POSTFIELDSIZE_LARGE"]
    );
    assert_eq!(expand("URL"), ["URL"]);
    let mut errors = Vec::new();
    let table = readme_table(
        "## Options\n\n| options | class | notes |\n|---|---|---|\n\
         | `A(_B)`, `C`/`D` | implemented | x, `y` |\n\
         | `E` and `F` | no effect | |\n\
         | `G` | sometimes | |\n\n## Next\n",
        &mut errors,
    );
    let mut names: Vec<_> = table.keys().cloned().collect();
    names.sort();
    assert_eq!(names, ["A", "A_B", "C", "D", "E", "F"]);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].contains("between the names"), "{errors:?}");
    assert!(errors[1].contains("unknown class"), "{errors:?}");
}
