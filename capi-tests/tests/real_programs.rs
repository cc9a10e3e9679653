//! Debian's own programs of the GnuTLS flavour, unmodified, on our library installed as
//! `libcurl-gnutls.so.4` (LD_LIBRARY_PATH to the libdir):
//!
//! * git (`/usr/bin/git`, whose `git-remote-http` links `libcurl-gnutls.so.4`) clones a
//!   repository of a few MB over smart HTTP from `git http-backend` behind `gitserver.py` on
//!   127.0.0.1, fetches a new commit and pushes one of a few MB back (chunked), without
//!   authentication and against a server that demands Basic credentials given in the URL.
//!   The loader's own trace (`LD_DEBUG=files`) shows which file each process initialised.
//! * python3-pycurl (`/usr/bin/python3`) performs a GET and a POST; inside the Python
//!   process `/proc/self/maps` shows our library and no other libcurl.
//!
//! They run other people's programs, not ours, so the valgrind pass skips them.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::Duration;

use capi_tests::{
    debian_program, libdir, note, our_library, package_dir, run_command, valgrind_pass, Output,
    Reply, Script, Server, SYSTEM_LIBCURL_GNUTLS,
};

const GIT: &str = "/usr/bin/git";
const REMOTE_HTTP: &str = "/usr/lib/git-core/git-remote-http";
const BACKEND: &str = "/usr/lib/git-core/git-http-backend";
const PYTHON: &str = "/usr/bin/python3";

const MIB: usize = 1 << 20;

/// False (with a note) in the valgrind pass.
fn not_under_valgrind() -> bool {
    if valgrind_pass() {
        note("not run under RCURL_VALGRIND=1: it runs Debian's programs, not ours");
        return false;
    }
    true
}

/// A directory of its own for one test, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("rcurl-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch directory");
        Scratch(dir)
    }

    fn join(&self, p: &str) -> PathBuf {
        self.0.join(p)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The environment variables a run of git or Python gets, on top of an empty environment:
/// nothing from the test process (proxies, git configuration, LD_* variables) reaches it.
fn base_env(cmd: &mut Command, home: &Path) {
    cmd.env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", home)
        .env("LC_ALL", "C");
    // Our library's test switch: the event-driven pass applies to these programs too.
    if let Some(v) = std::env::var_os("RCURL_EVENT_DRIVER") {
        cmd.env("RCURL_EVENT_DRIVER", v);
    }
}

/// Runs our library for every process started with these variables, and has the loader note
/// (under `trace`, one file per process) which file it initialised for each library.
fn on_ours(cmd: &mut Command, trace: &Path) {
    cmd.env("LD_LIBRARY_PATH", libdir())
        .env("LD_DEBUG", "files")
        .env("LD_DEBUG_OUTPUT", trace.join("ld"));
}

/// Every libcurl the loader initialised in the processes traced into `trace`: the paths of
/// its `calling init:` lines that name a libcurl.
fn initialised_libcurls(trace: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(trace).expect("loader trace directory") {
        let text = std::fs::read_to_string(entry.expect("trace file").path()).unwrap_or_default();
        for line in text.lines() {
            if let Some(path) = line.split("calling init: ").nth(1) {
                if path.contains("libcurl") {
                    found.push(path.trim().to_string());
                }
            }
        }
    }
    found
}

/// The libraries were ours, and at least one process loaded one.
fn assert_ran_on_ours(trace: &Path, what: &str) {
    let inits = initialised_libcurls(trace);
    let ours = libdir().join("libcurl-gnutls.so.4");
    assert!(
        !inits.is_empty() && inits.iter().all(|p| Path::new(p) == ours),
        "{what}: the loader initialised {inits:?}, expected only {}",
        ours.display()
    );
}

/// `gitserver.py` serving the bare repositories under a root, stopped when dropped.
struct GitServer {
    child: Child,
    stdin: Option<ChildStdin>,
    port: u16,
    log: PathBuf,
}

impl GitServer {
    fn start(root: &Path, log: &Path, credentials: Option<&str>) -> GitServer {
        let mut cmd = Command::new(PYTHON);
        cmd.arg(package_dir().join("gitserver.py"))
            .arg(root)
            .arg(log)
            .args(credentials)
            .env_clear()
            .env("PATH", "/usr/bin:/bin")
            .env("LC_ALL", "C")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped());
        let mut child = cmd.spawn().expect("gitserver.py starts");
        let stdin = child.stdin.take();
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("piped stdout"))
            .read_line(&mut line)
            .expect("gitserver.py prints its port");
        let port = line
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("gitserver.py printed {line:?}, not a port"));
        GitServer {
            child,
            stdin,
            port,
            log: log.to_path_buf(),
        }
    }

    fn url(&self, credentials: Option<&str>) -> String {
        let auth = credentials.map_or(String::new(), |c| format!("{c}@"));
        format!("http://{auth}127.0.0.1:{}/repo.git", self.port)
    }

    /// One line per request: method, path, body framing, body length, status.
    fn log(&self) -> Vec<String> {
        std::fs::read_to_string(&self.log)
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect()
    }
}

impl Drop for GitServer {
    fn drop(&mut self) {
        // Closing its stdin ends it; kill it if it does not go.
        drop(self.stdin.take());
        for _ in 0..100 {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One test's git: its own HOME with no configuration, no system configuration, no prompts.
struct Git<'a> {
    scratch: &'a Scratch,
    home: PathBuf,
    trace: PathBuf,
}

impl<'a> Git<'a> {
    fn new(scratch: &'a Scratch) -> Git<'a> {
        let home = scratch.join("home");
        let trace = scratch.join("ld-trace");
        for d in [&home, &trace] {
            std::fs::create_dir_all(d).expect("directory");
        }
        Git {
            scratch,
            home,
            trace,
        }
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(GIT);
        cmd.current_dir(&self.scratch.0).args(args);
        base_env(&mut cmd, &self.home);
        cmd.env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_TERMINAL_PROMPT", "0")
            .env("GIT_AUTHOR_NAME", "A U Thor")
            .env("GIT_AUTHOR_EMAIL", "author@example.com")
            .env("GIT_COMMITTER_NAME", "C O Mitter")
            .env("GIT_COMMITTER_EMAIL", "committer@example.com");
        cmd
    }

    /// A local git command (no HTTP, the system's libraries), which must succeed.
    fn local(&self, args: &[&str]) -> String {
        let out = run_command(self.command(args), Duration::from_secs(60));
        assert!(out.success(), "{out}");
        out.stdout.trim().to_string()
    }

    /// A git command that talks HTTP, on our library.
    fn remote(&self, args: &[&str]) -> Output {
        let mut cmd = self.command(args);
        on_ours(&mut cmd, &self.trace);
        run_command(cmd, Duration::from_secs(120))
    }

    /// Like [`Git::remote`], which must succeed silently (the commands run with `-q`).
    fn remote_ok(&self, args: &[&str]) {
        let out = self.remote(args);
        assert!(out.success() && out.stderr.is_empty(), "{out}");
    }

    /// Adds a file of `size` random (incompressible) bytes to the repository in `dir` and
    /// commits it.
    fn commit_random(&self, dir: &str, file: &str, size: usize) {
        let mut data = vec![0u8; size];
        std::fs::File::open("/dev/urandom")
            .and_then(|mut f| f.read_exact(&mut data))
            .expect("random bytes");
        std::fs::write(self.scratch.join(dir).join(file), &data).expect("write file");
        self.local(&["-C", dir, "add", file]);
        self.local(&["-C", dir, "commit", "-q", "-m", file]);
    }
}

fn git_ready() -> bool {
    not_under_valgrind()
        && debian_program(GIT, "git").is_some()
        && debian_program(REMOTE_HTTP, "git").is_some()
        && debian_program(BACKEND, "git").is_some()
        && debian_program(PYTHON, "python3").is_some()
}

/// Clone, fetch and push through git's smart HTTP on our library. With `credentials`, the
/// server demands them and the URL carries them.
fn clone_fetch_push(name: &str, credentials: Option<&str>) {
    if !git_ready() {
        return;
    }
    let scratch = Scratch::new(name);
    let git = Git::new(&scratch);

    // A bare repository of a few MB: three commits of incompressible content.
    git.local(&["init", "-q", "-b", "main", "src"]);
    for i in 1..=3 {
        git.commit_random("src", &format!("f{i}"), MIB);
    }
    std::fs::create_dir_all(scratch.join("srv")).unwrap();
    git.local(&["clone", "-q", "--bare", "src", "srv/repo.git"]);
    git.local(&["-C", "srv/repo.git", "config", "http.receivepack", "true"]);
    let server = GitServer::start(
        &scratch.join("srv"),
        &scratch.join("server.log"),
        credentials,
    );
    let url = server.url(credentials);

    git.remote_ok(&["clone", "-q", &url, "work"]);
    assert_eq!(
        git.local(&["-C", "work", "rev-parse", "HEAD"]),
        git.local(&["-C", "src", "rev-parse", "HEAD"])
    );
    for i in 1..=3 {
        let f = format!("f{i}");
        assert!(
            std::fs::read(scratch.join("src").join(&f)).unwrap()
                == std::fs::read(scratch.join("work").join(&f)).unwrap(),
            "{f} differs after the clone"
        );
    }

    // A new commit reaches the server (locally), and the clone fetches it.
    git.commit_random("src", "f4", MIB);
    git.local(&["-C", "src", "push", "-q", "../srv/repo.git", "main"]);
    git.remote_ok(&["-C", "work", "fetch", "-q"]);
    assert_eq!(
        git.local(&["-C", "work", "rev-parse", "origin/main"]),
        git.local(&["-C", "src", "rev-parse", "HEAD"])
    );

    // A commit of a few MB goes back: more than http.postBuffer, so the pack is sent chunked.
    git.local(&["-C", "work", "merge", "-q", "--ff-only", "origin/main"]);
    git.commit_random("work", "pushed", 3 * MIB);
    git.remote_ok(&["-C", "work", "push", "-q", "origin", "HEAD:main"]);
    assert_eq!(
        git.local(&["-C", "srv/repo.git", "rev-parse", "main"]),
        git.local(&["-C", "work", "rev-parse", "HEAD"])
    );
    git.local(&["-C", "srv/repo.git", "fsck", "--no-progress"]);

    let log = server.log();
    let chunked_push = log
        .iter()
        .any(|l| l.starts_with("POST /repo.git/git-receive-pack chunked ") && l.ends_with(" 200"));
    assert!(
        chunked_push,
        "no chunked push was accepted:\n{}",
        log.join("\n")
    );
    if credentials.is_some() {
        assert!(
            log.iter().any(|l| l.ends_with(" 401")),
            "the server never asked for credentials:\n{}",
            log.join("\n")
        );
        // Without credentials the server refuses, and git (no prompts) gives up.
        let refused = git.remote(&["ls-remote", &server.url(None)]);
        assert!(!refused.success(), "{refused}");
    }
    assert_ran_on_ours(&git.trace, "git");
}

#[test]
fn git_clones_fetches_and_pushes() {
    clone_fetch_push("git-plain", None);
}

#[test]
fn git_clones_fetches_and_pushes_with_basic_auth_in_the_url() {
    clone_fetch_push("git-auth", Some("alice:s3cret"));
}

/// Runs `pycurl_client.py` with `/usr/bin/python3` against a scripted server; `ours` puts our
/// library first on the loader's path. Returns the run and the server's requests.
fn pycurl(ours: bool) -> (Output, Vec<String>) {
    let server = Server::start(
        Script::new()
            .route("/get", Reply::ok("hello"))
            .route("/post", Reply::status(201, &[], "created")),
    );
    let scratch = Scratch::new(if ours { "pycurl-ours" } else { "pycurl-system" });
    let expected = if ours {
        our_library()
    } else {
        Path::new(SYSTEM_LIBCURL_GNUTLS)
            .canonicalize()
            .expect("Debian's libcurl-gnutls.so.4")
    };
    let mut cmd = Command::new(PYTHON);
    // -I: no PYTHON* variables, no user site directory.
    cmd.arg("-I")
        .arg(package_dir().join("pycurl_client.py"))
        .arg(server.url("").trim_end_matches('/'))
        .arg(&expected);
    base_env(&mut cmd, &scratch.0);
    if ours {
        cmd.env("LD_LIBRARY_PATH", libdir());
    }
    let out = run_command(cmd, Duration::from_secs(60));
    (out, server.request_texts())
}

#[test]
fn pycurl_gets_and_posts() {
    if !not_under_valgrind()
        || debian_program(PYTHON, "python3").is_none()
        || debian_program(
            "/usr/lib/python3/dist-packages/pycurl.cpython-311-x86_64-linux-gnu.so",
            "python3-pycurl",
        )
        .is_none()
    {
        return;
    }
    let want = "GET 200 hello\nPOST 201 created\nlibcurl as expected\n";
    let (system, _) = pycurl(false);
    assert!(system.success() && system.stdout == want, "{system}");

    let (ours, requests) = pycurl(true);
    assert!(
        ours.success() && ours.stderr.is_empty() && ours.stdout == want,
        "{ours}"
    );
    assert_eq!(requests.len(), 2, "{requests:#?}");
    assert!(
        requests[0].starts_with("GET /get HTTP/1.1\r\n"),
        "{requests:#?}"
    );
    let post = &requests[1];
    assert!(
        post.starts_with("POST /post HTTP/1.1\r\n")
            && post.contains("\r\nContent-Type: application/x-www-form-urlencoded\r\n")
            && post.contains("\r\nContent-Length: 7\r\n")
            && post.ends_with("\r\n\r\na=1&b=2"),
        "{post}"
    );
}

/// The loader-trace check can tell the libraries apart: without our libdir on the path,
/// git-remote-http (which only prints its usage without arguments) initialises Debian's
/// libcurl-gnutls.so.4; with it, ours.
#[test]
fn loader_trace_tells_debians_library_from_ours() {
    if !git_ready() {
        return;
    }
    let scratch = Scratch::new("trace");
    for ours in [false, true] {
        let trace = scratch.join(if ours { "ours" } else { "system" });
        std::fs::create_dir_all(&trace).unwrap();
        let mut cmd = Command::new(REMOTE_HTTP);
        base_env(&mut cmd, &scratch.0);
        on_ours(&mut cmd, &trace);
        if !ours {
            cmd.env_remove("LD_LIBRARY_PATH");
        }
        run_command(cmd, Duration::from_secs(30));
        let inits = initialised_libcurls(&trace);
        if ours {
            assert_ran_on_ours(&trace, "git-remote-http");
        } else {
            let system = Path::new(SYSTEM_LIBCURL_GNUTLS);
            assert!(
                inits.len() == 1 && Path::new(&inits[0]).file_name() == system.file_name(),
                "{inits:?}"
            );
            assert!(
                !inits[0].starts_with(&*libdir().to_string_lossy()),
                "{inits:?}"
            );
        }
    }
}
