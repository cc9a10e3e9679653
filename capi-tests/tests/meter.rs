//! The built-in progress meter (`c/meter.c`): `CURLOPT_NOPROGRESS` 0 without a progress
//! callback writes libcurl's header, a line at most once a second and a last line with a
//! newline to `CURLOPT_STDERR`; the program prints it with the speed and time columns
//! masked. Also Debian's curl tool, whose default output is this meter.

use capi_tests::{libdir, missing, ready, run_program, Case, Flavour, Pair, Reply, RunOptions};
use capi_tests::{Script, Server};
use std::path::Path;

fn body(size: usize) -> Vec<u8> {
    (0..size).map(|i| b'a' + (i % 26) as u8).collect()
}

fn run(mode: &str, script: Script) -> Option<Pair> {
    if !ready() {
        return None;
    }
    let pair = Case::new("meter")
        .args(&[mode, "{url}/m"])
        .server(script)
        .differential();
    pair.show();
    Some(pair)
}

const HEADER: &str = "before the lines: [  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n]\n";

/// 2 MB on loopback: the first line (nothing yet), the last (all of it), a newline. (The
/// program leaves out the lines in between: how many show depends on the clock.)
#[test]
fn download() {
    let Some(p) = run("get", Script::new().reply(Reply::ok(body(2_000_000)))) else {
        return;
    };
    assert_eq!(
        p.stdout(),
        format!(
            "result: 0, body: 2000000 bytes\nstderr: written\n{HEADER}\
             line: [  0     0    0     0    0     0  #####  ##### ######## ######## ######## #####]\n\
             line: [100 1953k  100 1953k    0     0  #####  ##### ######## ######## ######## #####]\n\
             newline\n"
        )
    );
}

/// A reply that stops for 2.5 s after 1000 body bytes: lines while it waits show them.
#[test]
fn slow_download() {
    let mut reply = Reply::ok(body(200_000));
    let head = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 200000\r\n\r\n";
    reply = reply.pause_after(head.len() + 1000, 2500);
    let Some(p) = run("slow", Script::new().reply(reply)) else {
        return;
    };
    assert!(
        p.stdout().contains(
            "line: [  0  195k    0  1000    0     0  #####  ##### ######## ######## ######## #####]\n"
        ),
        "{}",
        p.stdout()
    );
}

#[test]
fn upload() {
    run("upload", Script::new().reply(Reply::ok("done")));
}

#[test]
fn head_and_empty() {
    // NOBODY with a Content-Length of 1000 that never comes.
    let head = Reply::raw(&b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"[..]);
    run("head", Script::new().reply(head));
    run("get", Script::new().reply(Reply::ok("")));
}

/// A callback returning 0 replaces the meter; `CURL_PROGRESSFUNC_CONTINUE` keeps it (with
/// no newline at the end).
#[test]
fn with_a_callback() {
    run("cbzero", Script::new().reply(Reply::ok(body(5000))));
    run("cbmeter", Script::new().reply(Reply::ok(body(5000))));
}

#[test]
fn two_transfers_on_one_handle() {
    run(
        "twice",
        Script::new()
            .reply(Reply::ok(body(5000)))
            .reply(Reply::ok(body(7000))),
    );
}

/// A failed transfer still ends the meter.
#[test]
fn refused() {
    if !ready() {
        return;
    }
    let port = capi_tests::RefusedPort::new();
    let url = port.url("/m");
    let p = Case::new("meter")
        .args(&["get", &url])
        .server(Script::new())
        .differential();
    p.show();
}

/// A curl tool's stderr with the speed and time columns of the meter's lines masked, and
/// only the first line and the last of each transfer kept (how many come between depends
/// on the clock).
fn masked(stderr: &str) -> String {
    let mut out = String::new();
    let parts: Vec<&str> = stderr.split('\r').collect();
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            out.push_str(part);
            continue;
        }
        let (line, rest) = part.split_at(part.find('\n').unwrap_or(part.len()));
        if i > 1 && rest.is_empty() && i + 1 < parts.len() {
            continue;
        }
        let mut m: Vec<char> = line.chars().collect();
        for (a, b) in [(33, 38), (40, 45), (46, 54), (55, 63), (64, 72), (73, 78)] {
            for c in m.iter_mut().take(b).skip(a) {
                *c = '#';
            }
        }
        let m: String = m.into_iter().collect();
        out.push_str(&format!("[{m}]\n"));
        out.push_str(rest);
    }
    out
}

/// Debian's curl tool, `curl -o /dev/null URL`: the same meter on both libraries.
#[test]
fn debian_curl_tool() {
    let curl = Path::new("/usr/bin/curl");
    if !ready() {
        return;
    }
    if !curl.is_file() {
        missing("/usr/bin/curl (Debian package curl)");
        return;
    }
    let upload = capi_tests::capi_target().join("meter-upload.bin");
    std::fs::write(&upload, body(300_000)).expect("upload file written");
    let mut seen = Vec::new();
    for (flavour, env) in [
        (Flavour::System, vec![]),
        (
            Flavour::Ours,
            vec![("LD_LIBRARY_PATH".into(), libdir().as_os_str().to_owned())],
        ),
    ] {
        let mut both = String::new();
        for put in [false, true] {
            let reply = if put {
                Reply::ok("stored")
            } else {
                Reply::ok(body(3_000_000))
            };
            let server = Server::start(Script::new().reply(reply));
            let mut args: Vec<std::ffi::OsString> = vec!["-o".into(), "/dev/null".into()];
            if put {
                args.push("-T".into());
                args.push(upload.clone().into());
            }
            args.push(server.url("/big").into());
            let out = run_program(
                curl,
                flavour,
                &RunOptions {
                    args,
                    env: env.clone(),
                    // Leaks of the curl tool itself are not ours to report.
                    valgrind: false,
                    ..RunOptions::default()
                },
            );
            assert!(out.success(), "{out}");
            both.push_str(&masked(&out.stderr));
        }
        seen.push(both);
    }
    println!("{}", seen[0]);
    assert_eq!(seen[0], seen[1]);
    assert!(seen[0].contains("[100 2929k  100 2929k"), "{}", seen[0]);
}

/// A redirect followed: each response ends its own line.
#[test]
fn redirect() {
    run(
        "follow",
        Script::new()
            .reply(Reply::redirect(302, "{url}/next"))
            .reply(Reply::ok(body(5000))),
    );
}

/// A resumed download: libcurl's line about it comes before the header.
#[test]
fn resume() {
    let reply = Reply::status(
        206,
        &[("Content-Range", "bytes 1000-4999/5000")],
        body(4000),
    );
    run("resume", Script::new().reply(reply));
}

/// A file:// download.
#[test]
fn file() {
    if !ready() {
        return;
    }
    let path = capi_tests::capi_target().join("meter-file.bin");
    std::fs::write(&path, body(300_000)).expect("file written");
    let url = format!("file://{}", path.display());
    let p = Case::new("meter")
        .args(&["get", &url])
        .server(Script::new())
        .differential();
    p.show();
}
