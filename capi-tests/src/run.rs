//! Running a test program: clean environment, loader check, optional valgrind, timeout.

use std::ffi::OsString;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::OnceLock;
use std::thread;
use std::time::{Duration, Instant};

use crate::{in_ci, libdir, note, which, Flavour};

/// The variables a child keeps from our environment; everything else (proxies, CA bundle
/// paths, LD_PRELOAD, LD_LIBRARY_PATH, CURL_HOME, SSLKEYLOGFILE, ...) is dropped because each
/// one can change what libcurl does or which library is loaded. `RCURL_EVENT_DRIVER` is our
/// library's test switch (the system's ignores it).
const KEPT_ENV: &[&str] = &["PATH", "HOME", "TMPDIR", "RCURL_EVENT_DRIVER"];

/// How a program is run.
#[derive(Clone, Debug)]
pub struct RunOptions {
    pub args: Vec<OsString>,
    /// Added to the cleaned environment.
    pub env: Vec<(OsString, OsString)>,
    /// Killed and failed after this long (multiplied under valgrind).
    pub timeout: Duration,
    /// Honour `RCURL_VALGRIND=1` for this run (only ever applied to our library).
    pub valgrind: bool,
    /// Run in a fresh network namespace (only a loopback interface, down): name lookups
    /// reach no resolver and no packet can leave, for tests that expect lookups to fail.
    pub no_network: bool,
    /// Run inside this named network namespace (`ip netns exec NAME`), one a test made.
    pub netns: Option<String>,
    /// The library the loader check looks at: `libcurl.so.4`, or `libcurl-gnutls.so.4` for
    /// a program linked against Debian's GnuTLS flavour.
    pub soname: &'static str,
    /// For `Flavour::Ours`: the directory the library must load from, when not
    /// [`libdir`] (a test's own build of the library, see `library::panic_injection_libdir`).
    pub libdir: Option<PathBuf>,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            args: Vec::new(),
            env: Vec::new(),
            timeout: Duration::from_secs(60),
            valgrind: true,
            no_network: false,
            netns: None,
            soname: "libcurl.so.4",
            libdir: None,
        }
    }
}

/// What a run produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output {
    pub stdout: String,
    pub stderr: String,
    /// The exit code, or None when killed by a signal.
    pub code: Option<i32>,
    pub signal: Option<i32>,
    pub elapsed: Duration,
    /// The command line, for messages.
    pub command: String,
    /// It ran under valgrind (whose error exit status is 99).
    pub valgrind: bool,
}

impl Output {
    pub fn success(&self) -> bool {
        self.code == Some(0)
    }

    /// `exit 3` or `signal 11`, for messages.
    pub fn status_text(&self) -> String {
        match (self.code, self.signal) {
            (Some(99), _) if self.valgrind => "exit 99 (valgrind found errors)".into(),
            (Some(c), _) => format!("exit {c}"),
            (None, Some(s)) => format!("signal {s}"),
            _ => "unknown status".into(),
        }
    }
}

impl fmt::Display for Output {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "$ {}", self.command)?;
        writeln!(f, "--- {} after {:?}", self.status_text(), self.elapsed)?;
        writeln!(f, "--- stdout:\n{}", self.stdout)?;
        write!(f, "--- stderr:\n{}", self.stderr)
    }
}

/// Run `bin`, which must load the `libcurl.so.4` of `expect`, and capture its output.
/// Panics (failing the test) if the wrong library would load or the timeout passes.
pub fn run_program(bin: &Path, expect: Flavour, opts: &RunOptions) -> Output {
    check_loaded(bin, expect, opts.soname, opts.libdir.as_deref(), &opts.env);
    let valgrind = match (expect, opts.valgrind) {
        (Flavour::Ours, true) => valgrind(),
        _ => None,
    };
    let prefix = match (&opts.netns, opts.no_network) {
        (Some(ns), _) => {
            let mut c = Command::new("ip");
            c.args(["netns", "exec", ns.as_str()]);
            Some(c)
        }
        (None, true) => {
            let mut c = Command::new("unshare");
            c.args(["--net", "--"]);
            Some(c)
        }
        (None, false) => None,
    };
    let wrapped = prefix.is_some();
    let mut cmd = prefix.unwrap_or_else(|| Command::new(bin));
    match &valgrind {
        Some(vg) => {
            if wrapped {
                cmd.arg(vg);
            } else {
                cmd = Command::new(vg);
            }
            let suppressions = crate::package_dir().join("valgrind/ring.supp");
            cmd.arg(format!("--suppressions={}", suppressions.display()));
            cmd.args([
                "--error-exitcode=99",
                "--leak-check=full",
                "--errors-for-leak-kinds=definite",
                "--track-fds=no",
                "-q",
            ])
            .arg(bin);
        }
        None if wrapped => {
            cmd.arg(bin);
        }
        None => {}
    }
    cmd.args(&opts.args);
    clean_env(&mut cmd, &opts.env);
    let timeout = if valgrind.is_some() {
        opts.timeout * 5
    } else {
        opts.timeout
    };
    let command = format!(
        "{}{}{} {}",
        opts.netns
            .as_ref()
            .map_or(String::new(), |ns| format!("ip netns exec {ns} ")),
        if valgrind.is_some() {
            "valgrind ... "
        } else {
            ""
        },
        bin.display(),
        opts.args
            .iter()
            .map(|a| a.to_string_lossy())
            .collect::<Vec<_>>()
            .join(" ")
    );
    let (status, stdout, stderr, elapsed) = spawn_with_timeout(cmd, timeout, &command);
    use std::os::unix::process::ExitStatusExt;
    Output {
        stdout,
        stderr,
        code: status.code(),
        signal: status.signal(),
        elapsed,
        command,
        valgrind: valgrind.is_some(),
    }
}

/// Run `cmd` as the caller set it up (arguments, environment, directory), capturing its
/// output; killed and failed after `timeout`. For programs other than the test programs,
/// such as git or Python, which need no loader check of their own.
pub fn run_command(cmd: Command, timeout: Duration) -> Output {
    let command = format!(
        "{} {}",
        cmd.get_program().to_string_lossy(),
        cmd.get_args()
            .map(|a| a.to_string_lossy())
            .collect::<Vec<_>>()
            .join(" ")
    );
    let (status, stdout, stderr, elapsed) = spawn_with_timeout(cmd, timeout, &command);
    use std::os::unix::process::ExitStatusExt;
    Output {
        stdout,
        stderr,
        code: status.code(),
        signal: status.signal(),
        elapsed,
        command,
        valgrind: false,
    }
}

fn clean_env(cmd: &mut Command, extra: &[(OsString, OsString)]) {
    cmd.env_clear();
    for k in KEPT_ENV {
        if let Some(v) = std::env::var_os(k) {
            cmd.env(k, v);
        }
    }
    // Stable messages from libc (strerror texts end up in libcurl's error buffer).
    cmd.env("LC_ALL", "C");
    for (k, v) in extra {
        cmd.env(k, v);
    }
}

fn spawn_with_timeout(
    mut cmd: Command,
    timeout: Duration,
    command: &str,
) -> (ExitStatus, String, String, Duration) {
    let start = Instant::now();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {command}: {e}"));
    // Readers on their own threads: a program filling one pipe must not block on the other.
    let reader = |mut r: Box<dyn Read + Send>| {
        thread::spawn(move || {
            let mut v = Vec::new();
            let _ = r.read_to_end(&mut v);
            String::from_utf8_lossy(&v).into_owned()
        })
    };
    let out = reader(Box::new(child.stdout.take().expect("piped stdout")));
    let err = reader(Box::new(child.stderr.take().expect("piped stderr")));
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break s,
            Ok(None) if start.elapsed() > timeout => {
                let _ = child.kill();
                let _ = child.wait();
                let stdout = out.join().unwrap_or_default();
                let stderr = err.join().unwrap_or_default();
                panic!(
                    "{command} did not finish within {timeout:?} and was killed\n\
                     --- stdout:\n{stdout}\n--- stderr:\n{stderr}"
                );
            }
            Ok(None) => thread::sleep(Duration::from_millis(5)),
            Err(e) => panic!("waiting for {command}: {e}"),
        }
    };
    let elapsed = start.elapsed();
    (
        status,
        out.join().unwrap_or_default(),
        err.join().unwrap_or_default(),
        elapsed,
    )
}

/// The valgrind binary when `RCURL_VALGRIND=1` asks for it and it exists.
fn valgrind() -> Option<PathBuf> {
    static VG: OnceLock<Option<PathBuf>> = OnceLock::new();
    VG.get_or_init(|| {
        if std::env::var("RCURL_VALGRIND").ok().as_deref() != Some("1") {
            return None;
        }
        let found = which("valgrind");
        if found.is_none() {
            if in_ci() {
                panic!("CI=true and RCURL_VALGRIND=1, but valgrind is not installed");
            }
            note("RCURL_VALGRIND=1 but valgrind is not installed: running without it");
        }
        found
    })
    .clone()
}

/// Ask the dynamic loader where `bin` gets the library `soname` from in the environment it
/// will run in (`LD_TRACE_LOADED_OBJECTS=1` makes glibc's loader print the resolved libraries
/// and exit): the path, or "(not listed)", and the loader's whole answer for messages.
pub fn loader_resolves(bin: &Path, soname: &str, env: &[(OsString, OsString)]) -> (String, String) {
    let mut cmd = Command::new(bin);
    clean_env(&mut cmd, env);
    cmd.env("LD_TRACE_LOADED_OBJECTS", "1");
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", bin.display()));
    let text = String::from_utf8_lossy(&out.stdout);
    let resolved = text
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with(&format!("{soname} ")))
        .and_then(|l| l.split("=>").nth(1))
        .and_then(|r| r.split_whitespace().next())
        .unwrap_or("(not listed)")
        .to_string();
    let said = format!("{text}{}", String::from_utf8_lossy(&out.stderr));
    (resolved, said)
}

/// Ask the dynamic loader which `libcurl.so.4` `bin` gets in the environment it will run in
/// and fail loudly unless it is the expected one.
pub fn check_loaded_library(bin: &Path, expect: Flavour, env: &[(OsString, OsString)]) {
    check_loaded(bin, expect, "libcurl.so.4", None, env)
}

/// Fail unless the loader gives `bin` our library (from [`libdir`]) for `soname`, such as
/// `libcurl-gnutls.so.4` for a program linked against Debian's GnuTLS flavour.
pub fn check_loads_ours_as(bin: &Path, soname: &str, env: &[(OsString, OsString)]) {
    check_loaded(bin, Flavour::Ours, soname, None, env)
}

/// `ours`: where our library must come from (default [`libdir`]).
fn check_loaded(
    bin: &Path,
    expect: Flavour,
    soname: &str,
    ours: Option<&Path>,
    env: &[(OsString, OsString)],
) {
    let ours = ours.unwrap_or(libdir());
    let (resolved, said) = loader_resolves(bin, soname, env);
    let ok = match expect {
        Flavour::Ours => Path::new(&resolved).parent() == Some(ours),
        Flavour::System => {
            resolved.starts_with("/lib/x86_64-linux-gnu/") || resolved.starts_with("/usr/lib/")
        }
    };
    assert!(
        ok,
        "{} would load {soname} from {resolved}, not from {} (expected {} library)\n\
         loader said:\n{said}",
        bin.display(),
        match expect {
            Flavour::Ours => ours.display().to_string(),
            Flavour::System => "/lib/x86_64-linux-gnu or /usr/lib".into(),
        },
        expect.name(),
    );
}
