//! ABI conformance of our C headers (`include/curl/`) with the system's libcurl 7.88.1
//! headers (Debian's libcurl4-openssl-dev, on gcc's default include path).
//!
//! Nothing here needs our library: every check compiles small C programs, once against the
//! system headers and once against ours (`-I include` comes before the default path, so
//! `<curl/curl.h>` resolves to our copy; `ours_shadow_the_system_headers` verifies that).
//!
//! - `constants_match_system_headers`: every object-like macro and enumerator whose name
//!   starts with `CURL` or `LIBCURL` is extracted from the system headers at run time and
//!   must have, in ours, the same kind (macro or enumerator), C type, size, signedness and
//!   value. Names that are not expressions (include guards, type names, function-like
//!   macros...) must be listed in `capi-tests/abi/exceptions.txt` with a reason. Every
//!   integer macro that `#if` evaluates to its C value with the system headers must do so
//!   with ours (`#if CURLPIPE_MULTIPLEX > 0` compiles with both).
//! - `struct_layouts_match_system_headers`: size, alignment and every field's offset and size
//!   of every struct the system headers define (bit-fields are compared by the bits they set).
//! - `headers_compile_cleanly`: each of our headers alone, as C89/C99/C11 with
//!   `-pedantic -Wall -Wextra -Werror`, and as C++11/C++17.
//! - `prototypes_agree_with_system_headers`: the system's function prototypes are compiled
//!   after our headers, so any conflicting declaration is an error.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Every function the system headers declare must be declared by ours. (While the API is
/// being built up, `false` turns a missing declaration into a note instead of a failure.)
const REQUIRE_ALL_PROTOTYPES: bool = true;

/// The companion headers a program may include directly.
const HEADERS: &[&str] = &[
    "curl.h",
    "curlver.h",
    "easy.h",
    "header.h",
    "mprintf.h",
    "multi.h",
    "options.h",
    "stdcheaders.h",
    "system.h",
    "urlapi.h",
    "websockets.h",
];

/// What every generated program includes.
const INCLUDES: &str =
    "#include <curl/curl.h>\n#include <curl/mprintf.h>\n#include <curl/stdcheaders.h>\n";

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("capi-tests lives in the workspace root")
        .to_path_buf()
}

fn our_include_dir() -> PathBuf {
    repo_root().join("include")
}

/// A fresh scratch directory for one test.
fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("abi")
        .join(test);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

/// Which header set a compilation uses.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Headers {
    System,
    Ours,
}

fn compiler(program: &str, headers: Headers) -> Command {
    let mut cmd = Command::new(program);
    if headers == Headers::Ours {
        cmd.arg("-I").arg(our_include_dir());
    }
    cmd
}

fn output(mut cmd: Command) -> Output {
    cmd.output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e} (is gcc installed?)"))
}

fn checked(cmd: Command) -> String {
    let shown = format!("{cmd:?}");
    let out = output(cmd);
    assert!(
        out.status.success(),
        "{shown} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// The `curl/*.h` files a program including all public headers reads.
fn curl_headers_used(dir: &Path, headers: Headers) -> Vec<String> {
    let probe = dir.join("which.c");
    fs::write(&probe, INCLUDES).unwrap();
    let mut cmd = compiler("gcc", headers);
    cmd.arg("-M").arg(&probe);
    checked(cmd)
        .split_whitespace()
        .filter(|w| w.contains("curl/") && w.ends_with(".h"))
        .map(str::to_owned)
        .collect()
}

/// Fails unless the system headers exist and our include directory shadows them.
fn assert_header_sets(dir: &Path) {
    let ours = our_include_dir();
    let ours = ours.to_string_lossy();
    let system = curl_headers_used(dir, Headers::System);
    assert!(
        system.iter().any(|h| h.ends_with("curl/curl.h")),
        "the system libcurl headers are not installed (Debian: libcurl4-openssl-dev)"
    );
    assert!(
        system.iter().all(|h| !h.starts_with(&*ours)),
        "the system compile picked up our headers: {system:?}"
    );
    let used = curl_headers_used(dir, Headers::Ours);
    let foreign: Vec<_> = used.iter().filter(|h| !h.starts_with(&*ours)).collect();
    assert!(
        foreign.is_empty(),
        "compiling against our headers also read: {foreign:?}"
    );
    assert!(used.iter().any(|h| h.ends_with("curl/curl.h")));
}

#[test]
fn ours_shadow_the_system_headers() {
    assert_header_sets(&scratch("shadow"));
}

// ---------------------------------------------------------------------------------------
// Names from the system headers
// ---------------------------------------------------------------------------------------

#[derive(Debug)]
struct Macro {
    name: String,
    function_like: bool,
}

fn is_public_name(name: &str) -> bool {
    name.starts_with("CURL") || name.starts_with("LIBCURL")
}

/// Object-like and function-like macros of the system headers with a public name.
fn system_macros(dir: &Path) -> Vec<Macro> {
    let probe = dir.join("macros.c");
    fs::write(&probe, INCLUDES).unwrap();
    let mut cmd = compiler("gcc", Headers::System);
    cmd.args(["-E", "-dM"]).arg(&probe);
    checked(cmd)
        .lines()
        .filter_map(|line| line.strip_prefix("#define "))
        .filter_map(|rest| {
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            let name = &rest[..end];
            is_public_name(name).then(|| Macro {
                name: name.to_owned(),
                function_like: rest[end..].starts_with('('),
            })
        })
        .collect()
}

/// Preprocessed text of the system (or our) headers, only the parts from `curl/` files.
fn preprocessed_curl_text(dir: &Path, headers: Headers) -> String {
    let probe = dir.join("pp.c");
    fs::write(&probe, INCLUDES).unwrap();
    let mut cmd = compiler("gcc", headers);
    cmd.args([
        "-E",
        "-DCURL_DISABLE_DEPRECATION",
        "-DCURL_DISABLE_TYPECHECK",
    ])
    .arg(&probe);
    let mut keep = false;
    let mut text = String::new();
    for line in checked(cmd).lines() {
        if let Some(marker) = line.strip_prefix("# ") {
            keep = marker
                .split('"')
                .nth(1)
                .is_some_and(|file| file.contains("curl/"));
            continue;
        }
        if keep {
            text.push_str(line);
            text.push('\n');
        }
    }
    text
}

/// Splits `text` at `sep` characters that are outside (), {} and [].
fn split_top_level(text: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' | '{' | '[' => depth += 1,
            ')' | '}' | ']' => depth -= 1,
            _ if c == sep && depth == 0 => {
                parts.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

/// Index of the brace that closes the one opening at `open`.
fn matching_brace(text: &str, open: usize) -> usize {
    let mut depth = 0;
    for (i, c) in text[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return open + i;
                }
            }
            _ => {}
        }
    }
    panic!("unbalanced braces in preprocessed headers");
}

fn identifier_at(text: &str) -> &str {
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    &text[..end]
}

/// The body of every `enum [tag] { ... }` definition in `text`.
fn enum_bodies(text: &str) -> Vec<&str> {
    let mut bodies = Vec::new();
    let mut from = 0;
    while let Some(pos) = text[from..].find("enum") {
        let at = from + pos;
        from = at + 4;
        let before_ok = at == 0 || !text.as_bytes()[at - 1].is_ascii_alphanumeric();
        let after = &text[at + 4..];
        if !before_ok || after.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_') {
            continue;
        }
        // `enum [tag] {`: anything else (a use like `enum x y;`) is no definition.
        let rest = after.trim_start();
        let rest = rest[identifier_at(rest).len()..].trim_start();
        if rest.starts_with('{') {
            let open = text.len() - rest.len();
            let close = matching_brace(text, open);
            bodies.push(&text[open + 1..close]);
            from = close;
        }
    }
    bodies
}

/// Enumerator names with a public name, from the system headers.
fn system_enumerators(dir: &Path) -> Vec<String> {
    let text = preprocessed_curl_text(dir, Headers::System);
    let mut names = Vec::new();
    for body in enum_bodies(&text) {
        for item in split_top_level(body, ',') {
            let name = identifier_at(item.trim());
            if is_public_name(name) {
                names.push(name.to_owned());
            }
        }
    }
    assert!(
        names.len() > 800,
        "too few enumerators found: {}",
        names.len()
    );
    names
}

/// `capi-tests/abi/exceptions.txt`: name -> reason.
fn exceptions() -> BTreeMap<String, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("abi/exceptions.txt");
    let text =
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut map = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (name, reason) = line
            .split_once('#')
            .unwrap_or_else(|| panic!("exceptions.txt:{}: `NAME # reason` expected", n + 1));
        let (name, reason) = (name.trim(), reason.trim());
        assert!(
            !name.is_empty() && !reason.is_empty() && !name.contains(char::is_whitespace),
            "exceptions.txt:{}: `NAME # reason` expected",
            n + 1
        );
        assert!(
            map.insert(name.to_owned(), reason.to_owned()).is_none(),
            "exceptions.txt lists {name} twice"
        );
    }
    map
}

/// Compiles `source` (one item per line) and returns the 1-based lines gcc rejected.
fn rejected_lines(dir: &Path, file: &str, source: &str, headers: Headers) -> BTreeSet<usize> {
    let path = dir.join(file);
    fs::write(&path, source).unwrap();
    let mut cmd = compiler("gcc", headers);
    // Without macro-expansion tracking gcc reports each error where the macro is used.
    cmd.args(["-std=c11", "-w", "-fsyntax-only", "-fmax-errors=0"])
        .arg("-ftrack-macro-expansion=0")
        .args(["-DCURL_DISABLE_DEPRECATION"])
        .arg(&path);
    let out = output(cmd);
    let prefix = format!("{}:", path.display());
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter(|l| l.contains("error"))
        .filter_map(|l| l.strip_prefix(&prefix))
        .filter_map(|l| l.split(':').next()?.parse().ok())
        .collect()
}

// ---------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------

/// C helpers of the value printer. `NUMV` is the value itself for numbers and 0 for
/// strings, so that every `_Generic` branch stays a valid expression.
const PRINTER_PRELUDE: &str = r#"#include <stdio.h>
#define TYPE_NAME(x) _Generic((x), int: "int", unsigned int: "unsigned int", \
  long: "long", unsigned long: "unsigned long", long long: "long long", \
  unsigned long long: "unsigned long long", char *: "char *", const char *: "const char *", \
  default: "other")
#define NUMV(x) _Generic((x), char *: 0, const char *: 0, default: (x))
#define STRV(x) _Generic((x), char *: (x), const char *: (x), default: (const char *)0)
static void show(const char *name, const char *kind, const char *type, unsigned long size,
                 int is_signed, long long s, unsigned long long u, const char *str)
{
  if(str)
    printf("%s %s type=%s size=%lu string=\"%s\"\n", name, kind, type, size, str);
  else if(is_signed)
    printf("%s %s type=%s size=%lu signed value=%lld\n", name, kind, type, size, s);
  else
    printf("%s %s type=%s size=%lu unsigned value=%llu\n", name, kind, type, size, u);
}
#define SHOW(x, name, kind) show(name, kind, TYPE_NAME(x), (unsigned long)sizeof(x), \
  (NUMV(x) * 0 - 1 < 0), (long long)NUMV(x), (unsigned long long)NUMV(x), STRV(x))
"#;

/// A program printing one line per name; returns it and the line of each name's `SHOW`.
fn printer_program(names: &[String]) -> (String, BTreeMap<usize, String>) {
    let mut src = String::from(INCLUDES);
    src.push_str(PRINTER_PRELUDE);
    src.push_str("int main(void)\n{\n  const char *kind;\n");
    let mut lines = BTreeMap::new();
    for name in names {
        src.push_str(&format!(
            "#ifdef {name}\n  kind = \"macro\";\n#else\n  kind = \"enumerator\";\n#endif\n"
        ));
        lines.insert(src.lines().count() + 1, name.clone());
        src.push_str(&format!("  SHOW({name}, \"{name}\", kind);\n"));
    }
    src.push_str("  return 0;\n}\n");
    (src, lines)
}

/// Runs the value printer for `names`; returns the facts per name and the names that did
/// not compile (those are left out of the program).
fn run_printer(
    dir: &Path,
    names: &[String],
    headers: Headers,
) -> (BTreeMap<String, String>, Vec<String>) {
    let tag = format!("{headers:?}").to_lowercase();
    let file = format!("values_{tag}.c");
    let mut names = names.to_vec();
    let mut unusable = Vec::new();
    let (src, lines) = printer_program(&names);
    let rejected = rejected_lines(dir, &file, &src, headers);
    if !rejected.is_empty() {
        let stray: Vec<_> = rejected.iter().filter(|l| !lines.contains_key(l)).collect();
        assert!(
            stray.is_empty(),
            "{file}: errors outside the per-name lines {stray:?}"
        );
        unusable = rejected.iter().map(|l| lines[l].clone()).collect();
        names.retain(|n| !unusable.contains(n));
    }
    let (src, _) = printer_program(&names);
    let source = dir.join(&file);
    fs::write(&source, src).unwrap();
    let exe = dir.join(format!("values_{tag}"));
    let mut cc = compiler("gcc", headers);
    cc.args(["-std=c11", "-w", "-DCURL_DISABLE_DEPRECATION", "-o"])
        .arg(&exe)
        .arg(&source);
    checked(cc);
    let facts = checked(Command::new(&exe))
        .lines()
        .map(|l| {
            let (name, rest) = l.split_once(' ').expect("name and facts");
            (name.to_owned(), rest.to_owned())
        })
        .collect();
    (facts, unusable)
}

#[test]
fn constants_match_system_headers() {
    let dir = scratch("constants");
    assert_header_sets(&dir);
    let exceptions = exceptions();

    let macros = system_macros(&dir);
    let enumerators = system_enumerators(&dir);
    let mut all: BTreeSet<String> = macros.iter().map(|m| m.name.clone()).collect();
    all.extend(enumerators.iter().cloned());

    // Names that are no C expression: function-like macros, and object-like ones that do
    // not compile as `(NAME)` against the system headers.
    let mut not_expressions: BTreeSet<String> = macros
        .iter()
        .filter(|m| m.function_like)
        .map(|m| m.name.clone())
        .collect();
    let object_like: Vec<&String> = macros
        .iter()
        .filter(|m| !m.function_like)
        .map(|m| &m.name)
        .collect();
    let mut probe = format!("{INCLUDES}#define PROBE(x) _Generic((x), default: 0)\n");
    let mut probe_lines = BTreeMap::new();
    for name in &object_like {
        probe_lines.insert(probe.lines().count() + 1, (*name).clone());
        probe.push_str(&format!(
            "static int probe_{name}(void) {{ return PROBE({name}); }}\n"
        ));
    }
    for line in rejected_lines(&dir, "probe.c", &probe, Headers::System) {
        let name = probe_lines
            .get(&line)
            .unwrap_or_else(|| panic!("probe.c: unexpected error at line {line}"));
        not_expressions.insert(name.clone());
    }

    let mut problems = Vec::new();
    for name in &not_expressions {
        if !exceptions.contains_key(name) {
            problems.push(format!(
                "{name}: not an expression in the system headers; list it in \
                 capi-tests/abi/exceptions.txt with a reason"
            ));
        }
    }
    for name in exceptions.keys() {
        if !all.contains(name) {
            problems.push(format!(
                "{name}: listed in exceptions.txt but not defined by the system headers"
            ));
        }
    }

    let compared: Vec<String> = all
        .iter()
        .filter(|n| !exceptions.contains_key(*n) && !not_expressions.contains(*n))
        .cloned()
        .collect();
    let (system, unusable) = run_printer(&dir, &compared, Headers::System);
    assert!(
        unusable.is_empty(),
        "not expressions in the system headers after all: {unusable:?}"
    );
    let (ours, _) = run_printer(&dir, &compared, Headers::Ours);
    for name in &compared {
        let want = system.get(name).expect("system printer covers every name");
        match ours.get(name) {
            Some(got) if got == want => {}
            Some(got) => problems.push(format!("{name}: system `{want}`, ours `{got}`")),
            None => problems.push(format!(
                "{name}: system `{want}`, ours: missing or not an expression"
            )),
        }
    }
    let object_like: BTreeSet<&String> = object_like.into_iter().collect();
    let numeric: Vec<(String, String)> = compared
        .iter()
        .filter(|n| object_like.contains(n))
        .filter_map(|n| Some((n.clone(), preprocessor_literal(system.get(n)?)?)))
        .collect();
    let in_if = preprocessor_problems(&dir, &numeric, &mut problems);
    assert!(
        problems.is_empty(),
        "{} of {} names differ from libcurl 7.88.1:\n{}",
        problems.len(),
        compared.len(),
        problems.join("\n")
    );
    eprintln!(
        "compared {} names ({} macros, {} enumerators, {} macros also in #if); {} exceptions",
        compared.len(),
        macros.len(),
        enumerators.len(),
        in_if,
        exceptions.len()
    );
}

/// The value the printer reported (`... signed value=-3`, `... unsigned value=7`), written
/// as a preprocessor literal; `None` for strings.
fn preprocessor_literal(facts: &str) -> Option<String> {
    let value = facts.rsplit_once(" value=")?.1;
    if facts.contains(" unsigned value=") {
        Some(format!("{value}u"))
    } else {
        Some(format!("({value})"))
    }
}

/// A program with one `#if` per macro that fails (an error on the `#if` line when the macro
/// is no preprocessor expression, an `#error` line when its value differs) unless the macro
/// is defined and evaluates in `#if` to its value in C; returns it and each checking line's
/// name.
fn if_program(names: &[(String, String)]) -> (String, BTreeMap<usize, String>) {
    let mut src = String::from(INCLUDES);
    let mut lines = BTreeMap::new();
    for (name, value) in names {
        lines.insert(src.lines().count() + 1, name.clone());
        src.push_str(&format!(
            "#if !defined({name}) || (({name}) + 0 != {value})\n"
        ));
        lines.insert(src.lines().count() + 1, name.clone());
        src.push_str(&format!("#error {name}\n#endif\n"));
    }
    (src, lines)
}

/// Programs test macros with `#if` (`#if CURLPIPE_MULTIPLEX > 0`, version checks...): every
/// integer macro of the system headers that `#if` evaluates to its C value there must do so
/// in ours. Macros that the system's `#if` cannot evaluate (casts) or evaluates otherwise
/// (names of enumerators, which are 0 to the preprocessor) are left out. Returns how many
/// were checked.
fn preprocessor_problems(
    dir: &Path,
    names: &[(String, String)],
    problems: &mut Vec<String>,
) -> usize {
    let (src, lines) = if_program(names);
    let not_on_system: BTreeSet<&String> =
        rejected_lines(dir, "if_system.c", &src, Headers::System)
            .iter()
            .map(|l| {
                lines
                    .get(l)
                    .unwrap_or_else(|| panic!("if_system.c: unexpected error at line {l}"))
            })
            .collect();
    let checked: Vec<(String, String)> = names
        .iter()
        .filter(|(n, _)| !not_on_system.contains(n))
        .cloned()
        .collect();
    assert!(
        checked.len() > 200,
        "too few macros usable in #if on the system headers: {}",
        checked.len()
    );
    let (src, lines) = if_program(&checked);
    assert!(
        rejected_lines(dir, "if_system.c", &src, Headers::System).is_empty(),
        "the #if checks fail on the system headers themselves"
    );
    let failed: BTreeSet<&String> = rejected_lines(dir, "if_ours.c", &src, Headers::Ours)
        .iter()
        .map(|l| {
            lines
                .get(l)
                .unwrap_or_else(|| panic!("if_ours.c: unexpected error at line {l}"))
        })
        .collect();
    for name in failed {
        problems.push(format!(
            "{name}: usable in #if with the system headers, not (or with another value) with ours"
        ));
    }
    checked.len()
}

// ---------------------------------------------------------------------------------------
// Struct layouts
// ---------------------------------------------------------------------------------------

#[derive(Debug)]
struct Field {
    /// Member designator, e.g. `strings.time` or `data.result`.
    path: String,
    bitfield: bool,
}

/// The declared name in one member declaration (`char *name`, `char expire[18]`, `x : 1`).
fn declarator_name(decl: &str) -> &str {
    let decl = decl.split(':').next().unwrap_or(decl);
    let decl = decl.split('[').next().unwrap_or(decl).trim_end();
    let start = decl
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .map_or(0, |i| i + 1);
    &decl[start..]
}

/// The fields of a struct or union body, nested anonymous aggregates flattened.
fn fields_of(body: &str, prefix: &str, out: &mut Vec<Field>) {
    for decl in split_top_level(body, ';') {
        let decl = decl.trim();
        if decl.is_empty() {
            continue;
        }
        if let Some(open) = decl.find('{') {
            let close = matching_brace(decl, open);
            let name = declarator_name(&decl[close + 1..]);
            fields_of(&decl[open + 1..close], &format!("{prefix}{name}."), out);
            continue;
        }
        for (i, part) in split_top_level(decl, ',').into_iter().enumerate() {
            let part = if i == 0 {
                part
            } else {
                part.trim_start_matches([' ', '*'])
            };
            out.push(Field {
                path: format!("{prefix}{}", declarator_name(part)),
                bitfield: part.contains(':'),
            });
        }
    }
}

/// Every `struct TAG { ... }` defined by the system headers, with its fields.
fn system_structs(dir: &Path) -> BTreeMap<String, Vec<Field>> {
    let text = preprocessed_curl_text(dir, Headers::System);
    let mut structs = BTreeMap::new();
    let mut from = 0;
    while let Some(pos) = text[from..].find("struct ") {
        let at = from + pos;
        from = at + 7;
        if at > 0
            && (text.as_bytes()[at - 1].is_ascii_alphanumeric() || text.as_bytes()[at - 1] == b'_')
        {
            continue;
        }
        let rest = text[at + 7..].trim_start();
        let tag = identifier_at(rest);
        let after = rest[tag.len()..].trim_start();
        if tag.is_empty() || !after.starts_with('{') {
            continue;
        }
        let open = text.len() - after.len();
        let close = matching_brace(&text, open);
        let mut fields = Vec::new();
        fields_of(&text[open + 1..close], "", &mut fields);
        structs.insert(tag.to_owned(), fields);
        from = close;
    }
    structs
}

fn layout_program(structs: &BTreeMap<String, Vec<Field>>) -> String {
    let mut src = String::from(INCLUDES);
    src.push_str("#include <stddef.h>\n#include <string.h>\n");
    src.push_str(
        "static void bits(const char *what, const unsigned char *p, size_t n)\n{\n  size_t i;\n  \
         printf(\"%s bits:\", what);\n  for(i = 0; i < n; i++)\n    if(p[i])\n      \
         printf(\" %lu=%02x\", (unsigned long)i, p[i]);\n  printf(\"\\n\");\n}\n",
    );
    src.push_str("int main(void)\n{\n");
    for (tag, fields) in structs {
        src.push_str(&format!(
            "  printf(\"struct {tag} size=%lu align=%lu\\n\", (unsigned long)sizeof(struct {tag}), \
             (unsigned long)_Alignof(struct {tag}));\n"
        ));
        for field in fields {
            let path = &field.path;
            if field.bitfield {
                // No offsetof/sizeof for bit-fields: show which bits a 1 lands in.
                src.push_str(&format!(
                    "  {{ struct {tag} s; memset(&s, 0, sizeof(s)); s.{path} = 1; \
                     bits(\"struct {tag} .{path}\", (const unsigned char *)&s, sizeof(s)); }}\n"
                ));
            } else {
                src.push_str(&format!(
                    "  printf(\"struct {tag} .{path} offset=%lu size=%lu\\n\", \
                     (unsigned long)offsetof(struct {tag}, {path}), \
                     (unsigned long)sizeof(((struct {tag} *)0)->{path}));\n"
                ));
            }
        }
    }
    src.push_str("  return 0;\n}\n");
    src
}

#[test]
fn struct_layouts_match_system_headers() {
    let dir = scratch("layouts");
    assert_header_sets(&dir);
    let structs = system_structs(&dir);
    for expected in [
        "curl_slist",
        "CURLMsg",
        "curl_waitfd",
        "curl_blob",
        "curl_version_info_data",
        "curl_easyoption",
        "curl_header",
        "curl_sockaddr",
        "curl_tlssessioninfo",
        "curl_httppost",
        "curl_forms",
        "curl_fileinfo",
        "curl_certinfo",
        "curl_ssl_backend",
        "curl_khkey",
        "curl_hstsentry",
        "curl_index",
        "curl_ws_frame",
    ] {
        assert!(
            structs.get(expected).is_some_and(|f| !f.is_empty()),
            "struct {expected} not found in the system headers"
        );
    }
    let src = layout_program(&structs);
    let mut results = Vec::new();
    for headers in [Headers::System, Headers::Ours] {
        let tag = format!("{headers:?}").to_lowercase();
        let source = dir.join(format!("layout_{tag}.c"));
        let exe = dir.join(format!("layout_{tag}"));
        fs::write(&source, &src).unwrap();
        let mut cc = compiler("gcc", headers);
        cc.args(["-std=c11", "-w", "-DCURL_DISABLE_DEPRECATION", "-o"])
            .arg(&exe)
            .arg(&source);
        checked(cc);
        results.push(checked(Command::new(&exe)));
    }
    let (system, ours) = (&results[0], &results[1]);
    let differences: Vec<String> = system
        .lines()
        .zip(ours.lines())
        .filter(|(a, b)| a != b)
        .map(|(a, b)| format!("system: {a}\nours:   {b}"))
        .collect();
    assert!(
        differences.is_empty() && system.lines().count() == ours.lines().count(),
        "struct layouts differ:\n{}",
        differences.join("\n")
    );
    eprintln!(
        "compared {} structs, {} lines",
        structs.len(),
        system.lines().count()
    );
}

// ---------------------------------------------------------------------------------------
// Header hygiene
// ---------------------------------------------------------------------------------------

#[test]
fn headers_compile_cleanly() {
    let dir = scratch("hygiene");
    assert_header_sets(&dir);
    let mut failures = Vec::new();
    let all: String = HEADERS
        .iter()
        .map(|h| format!("#include <curl/{h}>\n"))
        .collect();
    let mut units: Vec<(String, String)> = HEADERS
        .iter()
        .map(|h| (h.replace('.', "_"), format!("#include <curl/{h}>\n")))
        .collect();
    units.push(("all".into(), all.clone()));
    units.push((
        "all_reversed".into(),
        all.lines().rev().collect::<Vec<_>>().join("\n"),
    ));
    for (name, includes) in &units {
        let source = dir.join(format!("{name}.c"));
        fs::write(
            &source,
            format!("{includes}\nint main(void) {{ return 0; }}\n"),
        )
        .unwrap();
        let variants: &[(&str, &[&str])] = &[
            ("gcc", &["-std=c89"]),
            ("gcc", &["-std=c99"]),
            ("gcc", &["-std=c11"]),
            ("g++", &["-x", "c++", "-std=c++11"]),
            ("g++", &["-x", "c++", "-std=c++17"]),
        ];
        for (program, flags) in variants {
            let mut cmd = compiler(program, Headers::Ours);
            cmd.args(*flags)
                .args(["-pedantic", "-Wall", "-Wextra", "-Werror", "-fsyntax-only"])
                .arg(&source);
            let shown = format!("{name}: {program} {}", flags.join(" "));
            let out = output(cmd);
            if !out.status.success() {
                failures.push(format!("{shown}\n{}", String::from_utf8_lossy(&out.stderr)));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ---------------------------------------------------------------------------------------
// Prototypes
// ---------------------------------------------------------------------------------------

/// Function declarations of the system headers (preprocessed), keyed by function name.
fn system_prototypes(dir: &Path) -> BTreeMap<String, String> {
    let text = preprocessed_curl_text(dir, Headers::System);
    let mut protos = BTreeMap::new();
    for decl in split_top_level(&text, ';') {
        let decl = decl.trim();
        if decl.starts_with("typedef") || decl.contains('{') || decl.contains('}') {
            continue;
        }
        // `ret name(params)`: the identifier before the first top-level '('.
        let Some(paren) = decl.find('(') else {
            continue;
        };
        let name = declarator_name(&decl[..paren]);
        if name.starts_with("curl_") {
            let one_line = decl.split_whitespace().collect::<Vec<_>>().join(" ");
            protos.insert(name.to_owned(), format!("{one_line};"));
        }
    }
    protos
}

/// A program that uses every enumerator and function of `names` (`true`: a function), one
/// per line, optionally inside `CURL_IGNORE_DEPRECATION`; returns it and each line's name.
fn uses_program(names: &[(String, bool)], ignore: bool) -> (String, BTreeMap<usize, String>) {
    let mut src = String::from("#define CURL_ALLOW_OLD_MULTI_SOCKET 1\n");
    src.push_str(INCLUDES);
    src.push_str("void use_them(void);\nvoid use_them(void)\n{\n");
    let mut lines = BTreeMap::new();
    if ignore {
        src.push_str("CURL_IGNORE_DEPRECATION(\n");
    }
    for (name, function) in names {
        lines.insert(src.lines().count() + 1, name.clone());
        let amp = if *function { "&" } else { "" };
        src.push_str(&format!("  (void){amp}{name};\n"));
    }
    if ignore {
        src.push_str(")\n");
    }
    src.push_str("}\n");
    (src, lines)
}

/// Name -> warning text of every deprecation warning gcc gives for the uses program.
fn deprecation_warnings(
    dir: &Path,
    file: &str,
    names: &[(String, bool)],
    headers: Headers,
    flags: &[&str],
) -> BTreeMap<String, String> {
    let (src, lines) = uses_program(names, false);
    let path = dir.join(file);
    fs::write(&path, src).unwrap();
    let mut cmd = compiler("gcc", headers);
    cmd.args([
        "-std=c11",
        "-fsyntax-only",
        "-fmax-errors=0",
        "-Wdeprecated-declarations",
    ])
    .arg("-ftrack-macro-expansion=0")
    .args(flags)
    .arg(&path);
    let out = output(cmd);
    let prefix = format!("{}:", path.display());
    let mut warned = BTreeMap::new();
    for l in String::from_utf8_lossy(&out.stderr).lines() {
        let Some(rest) = l.strip_prefix(&prefix) else {
            continue;
        };
        let Some((_, text)) = rest.split_once(" is deprecated") else {
            continue;
        };
        let line: usize = rest
            .split(':')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        if let Some(name) = lines.get(&line) {
            warned.insert(name.clone(), text.to_string());
        }
    }
    warned
}

/// The deprecation marks: every enumerator and function gcc warns about with the system
/// headers (`'CURLOPT_PUT' is deprecated: since 7.12.1. Use CURLOPT_UPLOAD`) it warns about
/// with ours, with the same text, and nothing else; `CURL_DISABLE_DEPRECATION` and
/// `CURL_IGNORE_DEPRECATION` silence them as libcurl's do.
#[test]
fn deprecations_match_system_headers() {
    let dir = scratch("deprecations");
    assert_header_sets(&dir);
    let mut names: Vec<(String, bool)> = system_enumerators(&dir)
        .into_iter()
        .map(|n| (n, false))
        .collect();
    names.extend(system_prototypes(&dir).into_keys().map(|n| (n, true)));
    let system = deprecation_warnings(&dir, "uses_system.c", &names, Headers::System, &[]);
    assert!(
        system.len() > 50,
        "too few deprecation warnings from the system headers: {system:?}"
    );
    let ours = deprecation_warnings(&dir, "uses_ours.c", &names, Headers::Ours, &[]);
    let mut problems = Vec::new();
    for (name, want) in &system {
        match ours.get(name) {
            Some(got) if got == want => {}
            Some(got) => problems.push(format!("{name}: system `{want}`, ours `{got}`")),
            None => problems.push(format!("{name}: deprecated by the system headers only")),
        }
    }
    for name in ours.keys().filter(|n| !system.contains_key(*n)) {
        problems.push(format!("{name}: deprecated by our headers only"));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    let disabled = ["-DCURL_DISABLE_DEPRECATION"];
    let quiet = deprecation_warnings(&dir, "uses_disabled.c", &names, Headers::Ours, &disabled);
    assert!(quiet.is_empty(), "CURL_DISABLE_DEPRECATION: {quiet:?}");
    let deprecated: Vec<(String, bool)> = names
        .iter()
        .filter(|(n, _)| system.contains_key(n))
        .cloned()
        .collect();
    let (src, _) = uses_program(&deprecated, true);
    let path = dir.join("uses_ignored.c");
    fs::write(&path, src).unwrap();
    for headers in [Headers::System, Headers::Ours] {
        let mut cmd = compiler("gcc", headers);
        cmd.args([
            "-std=c11",
            "-fsyntax-only",
            "-Werror=deprecated-declarations",
        ])
        .arg(&path);
        checked(cmd);
    }
}

#[test]
fn prototypes_agree_with_system_headers() {
    let dir = scratch("prototypes");
    assert_header_sets(&dir);
    let protos = system_prototypes(&dir);
    assert!(
        protos.len() >= 91,
        "found only {} prototypes in the system headers",
        protos.len()
    );

    // Which functions do our headers declare at all? Referencing an undeclared one is an
    // error on its line.
    let mut check = String::from("#define CURL_ALLOW_OLD_MULTI_SOCKET 1\n");
    check.push_str(INCLUDES);
    let mut lines = BTreeMap::new();
    for name in protos.keys() {
        lines.insert(check.lines().count() + 1, name.clone());
        check.push_str(&format!(
            "void *ref_{name}(void) {{ return (void *)(size_t)&{name}; }}\n"
        ));
    }
    let missing: BTreeSet<&String> = rejected_lines(&dir, "declared.c", &check, Headers::Ours)
        .iter()
        .map(|l| {
            lines
                .get(l)
                .unwrap_or_else(|| panic!("declared.c: unexpected error at line {l}"))
        })
        .collect();

    // Redeclaring every system prototype after our headers: a conflicting type is an error.
    let mut redeclare = String::from("#define CURL_ALLOW_OLD_MULTI_SOCKET 1\n");
    redeclare.push_str(INCLUDES);
    redeclare.push_str(
        "#undef curl_easy_setopt\n#undef curl_easy_getinfo\n#undef curl_share_setopt\n\
         #undef curl_multi_setopt\n",
    );
    for proto in protos.values() {
        redeclare.push_str(proto);
        redeclare.push('\n');
    }
    let source = dir.join("redeclare.c");
    fs::write(&source, &redeclare).unwrap();
    let mut cmd = compiler("gcc", Headers::Ours);
    cmd.args(["-std=c11", "-fsyntax-only", "-DCURL_DISABLE_DEPRECATION"])
        .arg(&source);
    let out = output(cmd);
    assert!(
        out.status.success(),
        "our declarations conflict with libcurl's:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );

    if !missing.is_empty() {
        let list: Vec<&str> = missing.iter().map(|s| s.as_str()).collect();
        let message = format!(
            "{} of {} libcurl functions are not declared by our headers yet: {}",
            list.len(),
            protos.len(),
            list.join(" ")
        );
        if REQUIRE_ALL_PROTOTYPES {
            panic!("{message}");
        }
        eprintln!("note: {message}");
    }
}
