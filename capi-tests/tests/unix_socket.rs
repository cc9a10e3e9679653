//! `CURLOPT_UNIX_SOCKET_PATH` and `CURLOPT_ABSTRACT_UNIX_SOCKET` with `c/unix_socket.c`, on
//! both libraries against a small HTTP server on a Unix socket (a path in a fresh directory,
//! or a name in the abstract namespace): the same output, the same request bytes (the URL's
//! host in `Host:`), the connection reused (not to an abstract name, as 7.88.1), the proxy
//! not used, the errors for a socket
//! nobody listens on and for a path too long.

use std::io::{Read, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::thread;

use capi_tests::{program, ready, run_program, Flavour, RunOptions};

/// Answers each request on each accepted connection with a fixed reply, recording the
/// requests as (connection index, text).
struct UnixServer {
    requests: Arc<Mutex<Vec<(usize, String)>>>,
}

impl UnixServer {
    fn start(listener: UnixListener) -> UnixServer {
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = requests.clone();
        thread::spawn(move || {
            for (n, conn) in listener.incoming().enumerate() {
                let Ok(conn) = conn else { return };
                let seen = seen.clone();
                thread::spawn(move || serve(n, conn, &seen));
            }
        });
        UnixServer { requests }
    }

    fn requests(&self) -> Vec<(usize, String)> {
        self.requests
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

fn serve(n: usize, mut conn: UnixStream, seen: &Mutex<Vec<(usize, String)>>) {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        while let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head: Vec<u8> = buf.drain(..end + 4).collect();
            seen.lock()
                .unwrap_or_else(|e| e.into_inner())
                .push((n, String::from_utf8_lossy(&head).into_owned()));
            if conn
                .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nover a unix")
                .is_err()
            {
                return;
            }
        }
        match conn.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(k) => buf.extend_from_slice(&chunk[..k]),
        }
    }
}

fn run(flavour: Flavour, abstract_name: bool) -> (String, Vec<(usize, String)>) {
    // Short, so that CURLINFO_PRIMARY_IP holds all of it (libcurl cuts it at 45 bytes).
    let dir: PathBuf = std::env::temp_dir().join(format!(
        "us-{}-{}-{}",
        std::process::id(),
        flavour.name(),
        u8::from(abstract_name)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let (listener, name) = if abstract_name {
        use std::os::linux::net::SocketAddrExt;
        let name = format!("capi-tests-{}-{}", std::process::id(), flavour.name());
        let addr = std::os::unix::net::SocketAddr::from_abstract_name(name.as_bytes()).unwrap();
        (UnixListener::bind_addr(&addr).unwrap(), name)
    } else {
        let path = dir.join("http.sock");
        let name = path.to_str().unwrap().to_string();
        (UnixListener::bind(&path).unwrap(), name)
    };
    let server = UnixServer::start(listener);
    let bin = program("unix_socket", flavour);
    let out = run_program(
        &bin,
        flavour,
        &RunOptions {
            args: vec![
                "http://example.invalid:8080/over/unix".into(),
                name.into(),
                if abstract_name { "abstract" } else { "path" }.into(),
            ],
            ..RunOptions::default()
        },
    );
    assert!(out.success(), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
    (out.stdout, server.requests())
}

fn differential(abstract_name: bool) {
    let (system, system_requests) = run(Flavour::System, abstract_name);
    let (ours, our_requests) = run(Flavour::Ours, abstract_name);
    println!("{system}");
    assert_eq!(ours, system, "=== system\n{system}\n=== ours\n{ours}");
    assert_eq!(our_requests, system_requests);
    // A connection to an abstract name is never reused (libcurl takes its empty primary IP
    // for a name still resolving).
    let second = usize::from(abstract_name);
    assert_eq!(
        our_requests,
        vec![(0, GET.to_string()), (second, GET.to_string())]
    );
}

const GET: &str = "GET /over/unix HTTP/1.1\r\nHost: example.invalid:8080\r\nAccept: */*\r\n\r\n";

#[test]
fn http_over_a_unix_socket_path() {
    if !ready() {
        return;
    }
    differential(false);
}

#[test]
fn http_over_an_abstract_unix_socket() {
    if !ready() {
        return;
    }
    differential(true);
}
