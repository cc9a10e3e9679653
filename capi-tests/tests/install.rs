//! `install.sh` installs the library as a C library is installed, and C programs build
//! against the installation with nothing but what pkg-config or curl-config say: the shared
//! library under Debian's file name with its links, `libcurl.a`, the headers, `libcurl.pc`
//! and `curl-config`. Each program runs on the installed library (the loader is asked, and
//! what the library reports about itself must match curl-config's answers).

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use capi_tests::{
    loader_resolves, missing, note, our_library, package_dir, ready, run_command, valgrind_pass,
    which, workspace, Output, Reply, Script, Server,
};

/// A directory of its own for the test, removed when dropped.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs `program args` in an environment of PATH and `env` only; it must succeed.
fn run_ok(program: &Path, args: &[&str], env: &[(&str, &Path)]) -> Output {
    let out = run(program, args, env);
    assert!(out.success(), "{out}");
    out
}

fn run(program: &Path, args: &[&str], env: &[(&str, &Path)]) -> Output {
    let mut cmd = Command::new(program);
    cmd.args(args)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("LC_ALL", "C");
    for (k, v) in env {
        cmd.env(k, v);
    }
    run_command(cmd, Duration::from_secs(120))
}

/// Runs `install.sh args` with `env`; it must succeed.
fn install_sh(args: &[&str], env: &[(&str, &Path)]) {
    let script = workspace().join("install.sh");
    let mut all = vec![script.to_str().expect("a UTF-8 path")];
    all.extend_from_slice(args);
    run_ok(Path::new("/bin/sh"), &all, env);
}

/// Installs into `prefix` from the library the tests built.
fn install(prefix: &Path) {
    let from = our_library();
    let from = from.parent().expect("the library's directory");
    install_sh(
        &[
            "--prefix",
            &prefix.to_string_lossy(),
            "--from",
            &from.to_string_lossy(),
        ],
        &[],
    );
}

/// Compiles `c/installed.c` into `out` with `flags` (split as a shell would split the
/// tools' answers); every `curl/*.h` must come from `include`.
fn build(out: &Path, flags: &str, include: &Path) {
    let dep = out.with_extension("d");
    let src = package_dir().join("c").join("installed.c");
    let mut args: Vec<String> = vec![
        "-std=c99".into(),
        "-Wall".into(),
        "-Werror".into(),
        "-MD".into(),
        "-MF".into(),
        dep.display().to_string(),
        "-o".into(),
        out.display().to_string(),
        src.display().to_string(),
    ];
    args.extend(flags.split_whitespace().map(str::to_string));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run_ok(Path::new("/usr/bin/gcc"), &args, &[]);
    let deps = std::fs::read_to_string(&dep).expect("dependency list");
    let headers: Vec<&str> = deps
        .split_whitespace()
        .filter(|w| w.contains("/curl/") && w.ends_with(".h"))
        .collect();
    assert!(
        !headers.is_empty() && headers.iter().all(|h| Path::new(h).starts_with(include)),
        "curl headers not all from {}: {headers:?}",
        include.display()
    );
}

/// Runs a program built against the installation: the loader must give it `lib`'s
/// libcurl.so.4 (in `env`), and what the library reports must match curl-config's answers.
fn runs_on_installed(bin: &Path, lib: &Path, env: &[(&str, &Path)], curl_config: &Path) {
    let loader_env: Vec<(OsString, OsString)> = env
        .iter()
        .map(|(k, v)| (OsString::from(k), v.as_os_str().to_owned()))
        .collect();
    let (resolved, said) = loader_resolves(bin, "libcurl.so.4", &loader_env);
    assert_eq!(
        Path::new(&resolved),
        lib.join("libcurl.so.4"),
        "{} loads the wrong libcurl.so.4\n{said}",
        bin.display()
    );

    let server = Server::start(Script::new().reply(Reply::ok("hello")));
    let out = run_ok(bin, &[&server.url("/p")], env);
    let config = |flag: &str| run_ok(curl_config, &[flag], &[]).stdout;
    let mut want = format!("version 7.88.1 {}", config("--vernum"));
    for f in config("--features").lines() {
        want.push_str(&format!("feature {f}\n"));
    }
    for p in config("--protocols").lines() {
        want.push_str(&format!("protocol {}\n", p.to_lowercase()));
    }
    want.push_str("hello\nperform 0, response 200\n");
    assert_eq!(out.stdout, want, "{out}");
}

#[test]
fn installs_like_a_c_library_and_programs_build_against_it() {
    if !ready() {
        return;
    }
    if valgrind_pass() {
        note("not run under RCURL_VALGRIND=1: it tests the installation, not the library");
        return;
    }
    let Some(pkg_config) = which("pkg-config") else {
        missing("pkg-config");
        return;
    };
    let scratch =
        Scratch(std::env::temp_dir().join(format!("rcurl-install-{}", std::process::id())));
    let _ = std::fs::remove_dir_all(&scratch.0);
    let prefix = scratch.0.join("prefix");
    install(&prefix);
    let lib = prefix.join("lib");
    let include = prefix.join("include");
    let curl_config = prefix.join("bin").join("curl-config");

    // The files, as Debian lays out its libcurl: a real file and links to it.
    let real = lib.join("libcurl.so.4.8.0");
    assert!(
        std::fs::symlink_metadata(&real).unwrap().is_file()
            && std::fs::read(&real).unwrap() == std::fs::read(our_library()).unwrap(),
        "{} is not a copy of our library",
        real.display()
    );
    for (link, to) in [
        ("libcurl.so.4", "libcurl.so.4.8.0"),
        ("libcurl.so", "libcurl.so.4"),
        ("libcurl-gnutls.so.4", "libcurl.so.4.8.0"),
    ] {
        assert_eq!(
            std::fs::read_link(lib.join(link)).ok(),
            Some(PathBuf::from(to)),
            "{link}"
        );
    }
    assert!(lib.join("libcurl.a").is_file());
    let headers = workspace().join("include").join("curl");
    for entry in std::fs::read_dir(&headers).unwrap() {
        let h = entry.unwrap().path();
        let installed = include.join("curl").join(h.file_name().unwrap());
        assert!(
            std::fs::read(&installed).ok() == Some(std::fs::read(&h).unwrap()),
            "{} not installed as it is",
            h.display()
        );
    }

    // pkg-config.
    let pc_env = [("PKG_CONFIG_PATH", lib.join("pkgconfig"))];
    let pc_env: Vec<(&str, &Path)> = pc_env.iter().map(|(k, v)| (*k, v.as_path())).collect();
    let pc = |args: &[&str]| run_ok(&pkg_config, args, &pc_env).stdout.trim().to_string();
    assert_eq!(pc(&["--modversion", "libcurl"]), "7.88.1");
    let (inc, libs) = (include.display(), lib.display());
    assert_eq!(pc(&["--cflags", "libcurl"]), format!("-I{inc}"));
    assert_eq!(pc(&["--libs", "libcurl"]), format!("-L{libs} -lcurl"));
    assert_eq!(
        pc(&["--static", "--libs", "libcurl"]),
        format!("-L{libs} -lcurl -lpthread -ldl -lm")
    );

    // curl-config.
    let cc = |args: &[&str]| run(&curl_config, args, &[]);
    let answer = |args: &[&str]| {
        let o = cc(args);
        assert!(o.success(), "{o}");
        o.stdout
    };
    assert_eq!(answer(&["--version"]), "libcurl 7.88.1\n");
    assert_eq!(answer(&["--vernum"]), "075801\n");
    assert_eq!(answer(&["--prefix"]), format!("{}\n", prefix.display()));
    assert_eq!(answer(&["--cflags"]), format!("-I{inc}\n"));
    assert_eq!(answer(&["--libs"]), format!("-L{libs} -lcurl\n"));
    assert_eq!(
        answer(&["--static-libs"]),
        format!("{libs}/libcurl.a -lpthread -ldl -lm\n")
    );
    assert_eq!(answer(&["--ca"]), "/etc/ssl/certs/ca-certificates.crt\n");
    assert_eq!(answer(&["--protocols"]), "FILE\nHTTP\nHTTPS\n");
    assert_eq!(answer(&["--built-shared"]), "yes\n");
    assert_eq!(answer(&["--ssl-backends"]), "rustls\n");
    assert_eq!(answer(&["--cc"]), "cc\n");
    assert!(answer(&["--help"]).starts_with("Usage: curl-config"));
    assert_eq!(
        answer(&["--features"]),
        "AsynchDNS\nIPv6\nLargefile\nlibz\nSSL\nthreadsafe\nUnixSockets\n"
    );
    assert!(answer(&["--configure"]).contains(&format!("'--prefix={}'", prefix.display())));
    assert_eq!(
        answer(&["--cflags", "--libs"]),
        format!("-I{inc}\n-L{libs} -lcurl\n")
    );
    for (version, ok) in [
        ("7.88.1", true),
        ("7.9", true),
        ("7.88.2", false),
        ("8", false),
    ] {
        let o = cc(&["--checkfor", version]);
        assert_eq!(o.success(), ok, "{o}");
        assert_eq!(o.stdout.is_empty(), ok, "{o}");
    }
    assert!(!cc(&["--no-such-option"]).success());

    // A program built with pkg-config's flags, run with the library on LD_LIBRARY_PATH.
    let bins = scratch.0.join("bin");
    std::fs::create_dir_all(&bins).unwrap();
    let by_pkg_config = bins.join("by-pkg-config");
    build(
        &by_pkg_config,
        &pc(&["--cflags", "--libs", "libcurl"]),
        &include,
    );
    runs_on_installed(
        &by_pkg_config,
        &lib,
        &[("LD_LIBRARY_PATH", &lib)],
        &curl_config,
    );

    // One built with curl-config's, with the library's directory as its run path.
    let by_curl_config = bins.join("by-curl-config");
    let flags = format!(
        "{} -Wl,-rpath,{libs}",
        answer(&["--cflags", "--libs"]).replace('\n', " ")
    );
    build(&by_curl_config, &flags, &include);
    runs_on_installed(&by_curl_config, &lib, &[], &curl_config);

    // One linked with curl-config's static flags: no libcurl at run time.
    let static_bin = bins.join("static");
    let flags = format!("{} {}", answer(&["--cflags"]), answer(&["--static-libs"]));
    build(&static_bin, &flags, &include);
    let needed = run_ok(
        Path::new("/usr/bin/readelf"),
        &["-d", &static_bin.to_string_lossy()],
        &[],
    );
    assert!(!needed.stdout.contains("libcurl"), "{needed}");
    let server = Server::start(Script::new().reply(Reply::ok("hello")));
    let out = run_ok(&static_bin, &[&server.url("/p")], &[]);
    assert!(
        out.stdout.ends_with("hello\nperform 0, response 200\n"),
        "{out}"
    );

    // A staged install (DESTDIR) with the prefix from PREFIX and directories of its own:
    // written under the stage, naming the final paths. Without --from the script builds
    // with `cargo build --release` (here a stand-in on PATH that only records its
    // arguments) and takes the files from the target directory's release/.
    let stage = scratch.0.join("stage");
    let fake_bin = scratch.0.join("fake-bin");
    let target = scratch.0.join("target");
    std::fs::create_dir_all(&fake_bin).unwrap();
    std::fs::create_dir_all(target.join("release")).unwrap();
    for f in ["libcurl.so", "libcurl.a"] {
        std::os::unix::fs::symlink(
            our_library().with_file_name(f),
            target.join("release").join(f),
        )
        .unwrap();
    }
    let cargo_args = scratch.0.join("cargo-args");
    std::fs::write(
        fake_bin.join("cargo"),
        format!("#!/bin/sh\necho \"$@\" > '{}'\n", cargo_args.display()),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(
        fake_bin.join("cargo"),
        std::fs::Permissions::from_mode(0o755),
    )
    .unwrap();
    let path = PathBuf::from(format!("{}:/usr/bin:/bin", fake_bin.display()));
    install_sh(
        &[
            "--libdir",
            "/opt/rcurl-test/l",
            "--includedir=/opt/rcurl-test/i",
            "--bindir",
            "/opt/rcurl-test/b",
        ],
        &[
            ("PREFIX", Path::new("/opt/rcurl-test")),
            ("DESTDIR", &stage),
            ("CARGO_TARGET_DIR", &target),
            ("PATH", &path),
        ],
    );
    assert_eq!(
        std::fs::read_to_string(&cargo_args).ok().as_deref(),
        Some("build --release\n")
    );
    let staged = stage.join("opt/rcurl-test");
    assert!(staged.join("l/libcurl.so.4.8.0").is_file());
    assert!(staged.join("i/curl/curl.h").is_file());
    let pc_text = std::fs::read_to_string(staged.join("l/pkgconfig/libcurl.pc")).unwrap();
    for line in [
        "prefix=/opt/rcurl-test",
        "libdir=/opt/rcurl-test/l",
        "includedir=/opt/rcurl-test/i",
    ] {
        assert!(pc_text.lines().any(|l| l == line), "{line}\n{pc_text}");
    }
    let staged_config = staged.join("b/curl-config");
    let answer = |flag: &str| run_ok(&staged_config, &[flag], &[]).stdout;
    assert_eq!(answer("--prefix"), "/opt/rcurl-test\n");
    assert_eq!(answer("--cflags"), "-I/opt/rcurl-test/i\n");
    assert_eq!(answer("--libs"), "-L/opt/rcurl-test/l -lcurl\n");
}
