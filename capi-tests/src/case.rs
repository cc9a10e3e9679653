//! A test case: one C program, its arguments, the server it talks to, and how its runs on the
//! two libraries are compared.

use std::ffi::OsString;
use std::thread;
use std::time::Duration;

use crate::run::{run_program, Output, RunOptions};
use crate::server::{Request, Script, Server};
use crate::tls::{TlsFront, TlsFrontConfig};
use crate::{program, Flavour};

/// Builder for running a C program, differentially or on one library.
///
/// Arguments may contain `{url}` (`http://127.0.0.1:PORT`), `{host}` (`127.0.0.1:PORT`) and
/// `{port}`, filled in from the fresh server each run gets. Because the two runs get two
/// servers on different ports, every whole-number occurrence of the server's port in stdout,
/// stderr and the recorded requests is replaced by the text `{port}` before comparing.
#[derive(Clone, Debug)]
pub struct Case {
    name: String,
    args: Vec<String>,
    env: Vec<(OsString, OsString)>,
    script: Option<Script>,
    timeout: Duration,
    compare_stderr: bool,
    status: i32,
    valgrind: bool,
    no_network: bool,
    netns: Option<String>,
    /// The server is reached through a TLS front with this configuration: `{url}` is its
    /// `https://localhost:PORT`, `{port}` its port.
    tls: Option<TlsFrontConfig>,
}

impl Case {
    pub fn new(name: &str) -> Case {
        Case {
            name: name.to_string(),
            args: Vec::new(),
            env: Vec::new(),
            script: None,
            timeout: Duration::from_secs(60),
            compare_stderr: false,
            status: 0,
            valgrind: true,
            no_network: false,
            netns: None,
            tls: None,
        }
    }

    /// Reach the server over TLS, through a front with `config` (see [`TlsFront`]).
    pub fn tls(mut self, config: TlsFrontConfig) -> Case {
        self.tls = Some(config);
        self
    }

    pub fn arg(mut self, arg: impl Into<String>) -> Case {
        self.args.push(arg.into());
        self
    }

    pub fn args(mut self, args: &[&str]) -> Case {
        self.args.extend(args.iter().map(|a| a.to_string()));
        self
    }

    pub fn env(mut self, key: &str, value: impl Into<OsString>) -> Case {
        self.env.push((key.into(), value.into()));
        self
    }

    /// Each run gets a fresh server with this script.
    pub fn server(mut self, script: impl Into<Script>) -> Case {
        self.script = Some(script.into());
        self
    }

    pub fn timeout(mut self, t: Duration) -> Case {
        self.timeout = t;
        self
    }

    /// Also require identical stderr.
    pub fn compare_stderr(mut self) -> Case {
        self.compare_stderr = true;
        self
    }

    /// The exit status the program must have on the system library (default 0).
    pub fn status(mut self, code: i32) -> Case {
        self.status = code;
        self
    }

    /// Run in a network namespace of its own where no resolver or address is reachable
    /// (see `RunOptions::no_network`).
    pub fn no_network(mut self) -> Case {
        self.no_network = true;
        self
    }

    /// Run inside the named network namespace (see `RunOptions::netns`).
    pub fn netns(mut self, name: &str) -> Case {
        self.netns = Some(name.to_string());
        self
    }

    /// Never run this case under valgrind (for programs that are deliberately killed, say).
    pub fn no_valgrind(mut self) -> Case {
        self.valgrind = false;
        self
    }

    /// Run on one library with a fresh server.
    pub fn run(&self, flavour: Flavour) -> Outcome {
        let bin = program(&self.name, flavour);
        let server = self.script.clone().map(Server::start);
        let front = match (&server, &self.tls) {
            (Some(s), Some(config)) => Some(TlsFront::start(s.addr(), config.clone())),
            _ => None,
        };
        let target = match (&server, &front) {
            (_, Some(f)) => Some((f.url("").trim_end_matches('/').to_string(), f.port())),
            (Some(s), None) => Some((s.url(""), s.port())),
            (None, None) => None,
        };
        let args = self
            .args
            .iter()
            .map(|a| OsString::from(expand(a, server.as_ref(), target.as_ref())))
            .collect();
        let opts = RunOptions {
            args,
            env: self.env.clone(),
            timeout: self.timeout,
            valgrind: self.valgrind,
            no_network: self.no_network,
            netns: self.netns.clone(),
            libdir: None,
        };
        let mut output = run_program(&bin, flavour, &opts);
        if let Some((_, port)) = &target {
            output.stdout = normalize_port(&output.stdout, *port);
            output.stderr = normalize_port(&output.stderr, *port);
        }
        Outcome {
            name: self.name.clone(),
            flavour,
            output,
            server,
            front,
        }
    }

    /// Run on our library only, requiring the expected exit status.
    pub fn ours(&self) -> Outcome {
        let o = self.run(Flavour::Ours);
        o.assert_status(self.status);
        o
    }

    /// Run on the system library only, requiring the expected exit status.
    pub fn system(&self) -> Outcome {
        let o = self.run(Flavour::System);
        o.assert_status(self.status);
        o
    }

    /// Run on both libraries (in parallel, each with its own server) and require the same
    /// stdout and exit status (and stderr if asked); the system run must also have the
    /// expected status, or the test itself is wrong.
    pub fn differential(&self) -> Pair {
        let (system, ours) = thread::scope(|s| {
            let ours = Some(s.spawn(|| self.run(Flavour::Ours)));
            let system = self.run(Flavour::System);
            (
                system,
                ours.map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))),
            )
        });
        system.assert_status(self.status);
        if let Some(ours) = &ours {
            compare(self, &system, ours);
        }
        Pair { system, ours }
    }
}

/// The result of one run.
pub struct Outcome {
    pub name: String,
    pub flavour: Flavour,
    /// stdout and stderr have the server's port replaced by `{port}`.
    pub output: Output,
    pub server: Option<Server>,
    /// The TLS front the program reached the server through, if any.
    pub front: Option<TlsFront>,
}

impl Outcome {
    pub fn stdout(&self) -> &str {
        &self.output.stdout
    }

    pub fn stderr(&self) -> &str {
        &self.output.stderr
    }

    pub fn server(&self) -> &Server {
        self.server
            .as_ref()
            .expect("this case was run without a server")
    }

    /// The recorded requests, with the port replaced by `{port}`.
    pub fn request_texts(&self) -> Vec<String> {
        let s = self.server();
        s.requests()
            .iter()
            .map(|r| normalize_port(&r.text(), s.port()))
            .collect()
    }

    pub fn requests(&self) -> Vec<Request> {
        self.server().requests()
    }

    /// The connection index of each request, in order.
    pub fn connections(&self) -> Vec<usize> {
        self.requests().iter().map(|r| r.conn).collect()
    }

    /// Require exactly these requests, in order (`{port}` stands for the server's port).
    pub fn assert_requests<S: AsRef<str>>(&self, expected: &[S]) {
        let got = self.request_texts();
        let expected: Vec<&str> = expected.iter().map(AsRef::as_ref).collect();
        assert!(
            got == expected,
            "{} ({}): requests differ\n--- expected:\n{}\n--- received:\n{}\n{}",
            self.name,
            self.flavour.name(),
            show_requests(expected.iter().copied()),
            show_requests(got.iter().map(String::as_str)),
            self.output
        );
    }

    pub fn assert_status(&self, code: i32) {
        assert!(
            self.output.code == Some(code),
            "{} ({}): expected exit {code}, got {}\n{}",
            self.name,
            self.flavour.name(),
            self.output.status_text(),
            self.output
        );
    }

    /// Require stdout to be exactly `expected`.
    pub fn assert_stdout(&self, expected: &str) {
        assert!(
            self.output.stdout == expected,
            "{} ({}): stdout differs\n--- expected:\n{expected}\n{}",
            self.name,
            self.flavour.name(),
            self.output
        );
    }
}

/// A differential run: the system library's outcome and, unless gated off, ours.
pub struct Pair {
    pub system: Outcome,
    pub ours: Option<Outcome>,
}

impl Pair {
    /// The outcomes that exist: system, then ours.
    pub fn each(&self) -> impl Iterator<Item = &Outcome> {
        std::iter::once(&self.system).chain(self.ours.as_ref())
    }

    /// Require every run to have used these connections for its requests, in order, and
    /// the server to have accepted exactly that many.
    pub fn assert_connections(&self, want: &[usize]) {
        for o in self.each() {
            assert_eq!(o.connections(), want, "{}: {}", o.flavour.name(), o.output);
            let accepted = want.iter().max().map_or(0, |m| m + 1);
            assert_eq!(
                o.server().connections_accepted(),
                accepted,
                "{}: {}",
                o.flavour.name(),
                o.output
            );
        }
    }

    /// Prints (visible with --nocapture or on failure) what was printed and sent.
    pub fn show(&self) {
        println!("{}", self.stdout());
        if let Some(o) = self.ours.as_ref().filter(|o| o.stdout() != self.stdout()) {
            println!("ours printed instead:\n{}", o.output);
        }
        for o in self.each() {
            let texts: Vec<String> = o.request_texts().iter().map(|t| cut(t)).collect();
            println!(
                "{} ({:?}): requests on connections {:?}: {texts:#?}",
                o.flavour.name(),
                o.output.elapsed,
                o.connections()
            );
        }
    }

    /// Require these requests on every run.
    pub fn assert_requests<S: AsRef<str>>(&self, expected: &[S]) {
        for o in self.each() {
            o.assert_requests(expected);
        }
    }

    /// Require the two runs to have sent the same requests (port-normalised).
    pub fn assert_same_requests(&self) {
        if let Some(ours) = &self.ours {
            let (a, b) = (self.system.request_texts(), ours.request_texts());
            assert!(
                a == b,
                "{}: requests differ\n--- system sent:\n{}\n--- ours sent:\n{}",
                self.system.name,
                show_requests(a.iter().map(String::as_str)),
                show_requests(b.iter().map(String::as_str)),
            );
        }
    }

    /// The shared stdout (they are equal).
    pub fn stdout(&self) -> &str {
        self.system.stdout()
    }
}

/// `differential(name, args, script)`: the common case in one call.
pub fn differential(name: &str, args: &[&str], script: impl Into<Option<Script>>) -> Pair {
    with(name, args, script.into()).differential()
}

/// Run on our library only (for deliberate differences and our own behaviour).
pub fn ours_only(name: &str, args: &[&str], script: impl Into<Option<Script>>) -> Outcome {
    with(name, args, script.into()).ours()
}

fn with(name: &str, args: &[&str], script: Option<Script>) -> Case {
    let c = Case::new(name).args(args);
    match script {
        Some(s) => c.server(s),
        None => c,
    }
}

fn compare(case: &Case, system: &Outcome, ours: &Outcome) {
    let (s, o) = (&system.output, &ours.output);
    let mut problems = Vec::new();
    if s.code != o.code || s.signal != o.signal {
        problems.push(format!(
            "exit status: system {}, ours {}",
            s.status_text(),
            o.status_text()
        ));
    }
    if s.stdout != o.stdout {
        problems.push(format!("stdout {}", first_difference(&s.stdout, &o.stdout)));
    }
    if case.compare_stderr && s.stderr != o.stderr {
        problems.push(format!("stderr {}", first_difference(&s.stderr, &o.stderr)));
    }
    assert!(
        problems.is_empty(),
        "{}: our libcurl behaves differently from the system's\n  {}\n\n\
         ======== system libcurl\n{s}\n\n======== ours\n{o}\n",
        case.name,
        problems.join("\n  ")
    );
}

/// A long request shown cut short.
pub fn cut(text: &str) -> String {
    match text.char_indices().nth(600) {
        Some((i, _)) => format!("{}... ({} bytes)", &text[..i], text.len()),
        None => text.to_string(),
    }
}

/// The head libcurl sends for a plain GET of `target` to the test server.
pub fn get_of(target: &str) -> String {
    format!("GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{{port}}\r\nAccept: */*\r\n\r\n")
}

/// "differs at line N: system `...`, ours `...`".
pub fn first_difference(a: &str, b: &str) -> String {
    let (mut la, mut lb) = (a.lines(), b.lines());
    let mut n = 1;
    loop {
        match (la.next(), lb.next()) {
            (Some(x), Some(y)) if x == y => n += 1,
            (None, None) => return "differs only in line endings".into(),
            (x, y) => {
                return format!(
                    "differs at line {n}: system {:?}, ours {:?}",
                    x.unwrap_or("<end>"),
                    y.unwrap_or("<end>")
                )
            }
        }
    }
}

fn show_requests<'a>(reqs: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for (i, r) in reqs.enumerate() {
        out.push_str(&format!("[{i}] {r:?}\n"));
    }
    if out.is_empty() {
        out.push_str("(none)\n");
    }
    out
}

/// Fills in `{url}`, `{host}` and `{port}`: those of the TLS front when there is one (its
/// URL and port), else the server's.
fn expand(arg: &str, server: Option<&Server>, target: Option<&(String, u16)>) -> String {
    if !arg.contains('{') {
        return arg.to_string();
    }
    let (s, (url, port)) = server
        .zip(target)
        .unwrap_or_else(|| panic!("argument {arg:?} names the server, but none runs"));
    arg.replace("{url}", url)
        .replace("{host}", &s.host())
        .replace("{port}", &port.to_string())
}

/// Replace each whole-number occurrence of `port` (not part of a longer digit run) by
/// `{port}`.
pub(crate) fn normalize_port(text: &str, port: u16) -> String {
    let p = port.to_string();
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        let at_boundary = i == 0 || !bytes[i - 1].is_ascii_digit();
        let end = i + p.len();
        if at_boundary
            && text[i..].starts_with(&p)
            && bytes.get(end).is_none_or(|b| !b.is_ascii_digit())
        {
            out.push_str("{port}");
            i = end;
        } else {
            let ch = text[i..].chars().next().expect("in bounds");
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn port_normalisation_is_whole_number_only() {
        assert_eq!(
            normalize_port("http://127.0.0.1:4321/ 143210 4321x 54321 4321", 4321),
            "http://127.0.0.1:{port}/ 143210 {port}x 54321 {port}"
        );
    }

    #[test]
    fn first_difference_names_the_line() {
        assert_eq!(
            first_difference("a\nb\nc", "a\nx\nc"),
            "differs at line 2: system \"b\", ours \"x\""
        );
        assert_eq!(
            first_difference("a\n", "a\nb\n"),
            "differs at line 2: system \"<end>\", ours \"b\""
        );
    }
}
