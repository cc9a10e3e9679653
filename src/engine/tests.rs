//! Engine tests on a fake clock: the transfer is stepped with invented `now` values, so
//! timeouts are checked without waiting for them. The peers are real loopback sockets.

use std::io::Read;
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::hooks::{
    DebugKind, Hooks, Progress, ProgressReply, ReadOutcome, SeekOutcome, WriteOutcome,
};
use super::{Shared, Step, Transfer};
use crate::error::{Code, Result};
use crate::info::Info;
use crate::options::{Options, PostBody};

#[derive(Default)]
struct Collect {
    body: Arc<Mutex<Vec<u8>>>,
    /// Progress calls counted.
    calls: Arc<Mutex<u32>>,
}

impl Hooks for Collect {
    fn write(&mut self, data: &[u8]) -> WriteOutcome {
        self.body.lock().unwrap().extend_from_slice(data);
        WriteOutcome::Done
    }
    fn header(&mut self, _line: &[u8]) -> WriteOutcome {
        WriteOutcome::Done
    }
    fn read(&mut self, _buf: &mut [u8]) -> ReadOutcome {
        ReadOutcome::Data(0)
    }
    fn has_reader(&self) -> bool {
        false
    }
    fn seek(&mut self, _offset: u64) -> SeekOutcome {
        SeekOutcome::CantSeek
    }
    fn progress(&mut self, _p: Progress) -> ProgressReply {
        *self.calls.lock().unwrap() += 1;
        ProgressReply::Continue
    }
    fn debug(&mut self, _kind: DebugKind, _data: &[u8]) {}
    fn wants_debug(&self) -> bool {
        false
    }
}

fn transfer(url: &str, tweak: impl FnOnce(&mut Options)) -> (Transfer, Arc<Mutex<Vec<u8>>>) {
    let mut opts = Options {
        url: Some(url.to_string()),
        ..Options::default()
    };
    tweak(&mut opts);
    let hooks = Collect::default();
    let body = hooks.body.clone();
    let info = Arc::new(Mutex::new(Info::fresh()));
    (
        Transfer::new(
            opts,
            PostBody::None,
            Box::new(hooks),
            info,
            Default::default(),
        ),
        body,
    )
}

/// Steps at `now` until the transfer ends or has nothing to do without waiting.
fn step_at(t: &mut Transfer, shared: &mut Shared, now: Instant) -> Option<Result<()>> {
    for _ in 0..100 {
        match t.step(shared, now) {
            Step::Done(r) => return Some(r),
            Step::Wait { deadline, .. } if deadline == Some(now) => continue,
            Step::Wait { .. } => return None,
        }
    }
    panic!("transfer keeps asking to run again");
}

#[test]
fn overall_timeout_fires_on_the_fake_clock() {
    // A server that accepts and never answers.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    let (mut t, _) = transfer(&url, |o| o.timeout_ms = 5_000);
    let mut shared = Shared::default();
    let t0 = Instant::now();
    assert!(step_at(&mut t, &mut shared, t0).is_none());
    // Let the connect and the request go through on the real socket.
    let (_peer, _) = listener.accept().unwrap();
    assert!(step_at(&mut t, &mut shared, t0 + Duration::from_millis(10)).is_none());
    assert!(step_at(&mut t, &mut shared, t0 + Duration::from_millis(4_999)).is_none());
    let err = step_at(&mut t, &mut shared, t0 + Duration::from_secs(5))
        .expect("done at the deadline")
        .unwrap_err();
    assert_eq!(err.code, Code::OperationTimedOut);
    assert!(
        err.message
            .starts_with("Operation timed out after 5000 milliseconds with 0 bytes received"),
        "{}",
        err.message
    );
}

#[test]
fn expect_100_timeout_sends_the_body_anyway() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    let body: Arc<[u8]> = vec![b'x'; 2 * 1024 * 1024].into();
    let info = Arc::new(Mutex::new(Info::fresh()));
    let opts = Options {
        url: Some(url),
        httpreq: crate::options::HttpReq::Post,
        ..Options::default()
    };
    let mut t = Transfer::new(
        opts,
        PostBody::Bytes(body),
        Box::new(Collect::default()),
        info,
        Default::default(),
    );
    let mut shared = Shared::default();
    let t0 = Instant::now();
    assert!(step_at(&mut t, &mut shared, t0).is_none());
    let (mut peer, _) = listener.accept().unwrap();
    peer.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    assert!(step_at(&mut t, &mut shared, t0 + Duration::from_millis(1)).is_none());
    let mut head = vec![0u8; 4096];
    let n = peer.read(&mut head).unwrap();
    let head = String::from_utf8_lossy(&head[..n]).into_owned();
    assert!(head.contains("Expect: 100-continue\r\n"), "{head}");
    assert!(
        head.ends_with("\r\n\r\n"),
        "only the head before the timeout: {head}"
    );
    // One second later (the default EXPECT_100_TIMEOUT_MS) the body goes.
    peer.set_nonblocking(true).unwrap();
    assert!(step_at(&mut t, &mut shared, t0 + Duration::from_millis(999)).is_none());
    let mut probe = [0u8; 16];
    assert!(peer.read(&mut probe).is_err(), "no body before the timeout");
    assert!(step_at(&mut t, &mut shared, t0 + Duration::from_millis(1000)).is_none());
    peer.set_nonblocking(false).unwrap();
    let mut got = [0u8; 1];
    peer.read_exact(&mut got).unwrap();
    assert_eq!(got[0], b'x');
}

#[test]
fn progress_runs_on_every_pass_without_a_timer_of_its_own() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    let hooks = Collect::default();
    let calls = hooks.calls.clone();
    let opts = Options {
        url: Some(url),
        noprogress: false,
        ..Options::default()
    };
    let info = Arc::new(Mutex::new(Info::fresh()));
    let mut t = Transfer::new(
        opts,
        PostBody::None,
        Box::new(hooks),
        info,
        Default::default(),
    );
    let mut shared = Shared::default();
    let t0 = Instant::now();
    assert!(step_at(&mut t, &mut shared, t0).is_none());
    let (_peer, _) = listener.accept().unwrap();
    for s in 1..=3u64 {
        let now = t0 + Duration::from_secs(s);
        let before = *calls.lock().unwrap();
        match t.step(&mut shared, now) {
            Step::Wait { deadline, .. } => {
                // As libcurl: no timer for progress (the easy driver passes once a second).
                assert_eq!(deadline, None, "second {s}");
            }
            Step::Done(r) => panic!("ended: {r:?}"),
        }
        assert!(*calls.lock().unwrap() > before, "a call at second {s}");
    }
}

#[test]
fn a_paused_receive_watches_no_socket_until_unpaused() {
    use std::io::Write;
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    let pause = Arc::new(super::delivery::PauseFlags::default());
    let opts = Options {
        url: Some(url),
        ..Options::default()
    };
    let collect = Collect::default();
    let body = collect.body.clone();
    let info = Arc::new(Mutex::new(Info::fresh()));
    let mut t = Transfer::new(opts, PostBody::None, Box::new(collect), info, pause.clone());
    let mut shared = Shared::default();
    let t0 = Instant::now();
    assert!(step_at(&mut t, &mut shared, t0).is_none());
    let (mut peer, _) = listener.accept().unwrap();
    assert!(step_at(&mut t, &mut shared, t0).is_none());
    peer.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nab")
        .unwrap();
    pause.set(super::delivery::PauseFlags::RECV);
    match t.step(&mut shared, t0) {
        Step::Wait { socket, deadline } => {
            assert_eq!(socket, None);
            assert_eq!(deadline, None);
        }
        Step::Done(r) => panic!("ended: {r:?}"),
    }
    assert!(t.is_idle());
    assert_eq!(t.watch_after_pause(), Some(None));
    pause.set(0);
    let w = t
        .watch_after_pause()
        .flatten()
        .expect("watched again once unpaused");
    assert_eq!(w.interest, super::Interest::Read);
    peer.write_all(b"cdef").unwrap();
    let mut result = None;
    for _ in 0..1000 {
        result = step_at(&mut t, &mut shared, t0);
        if result.is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    result.expect("done").unwrap();
    assert_eq!(&*body.lock().unwrap(), b"abcdef");
}

#[test]
fn a_rate_limited_download_waits_on_the_fake_clock() {
    use std::io::Write;
    const SIZE: usize = 200 * 1024;
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    let (mut t, body) = transfer(&url, |o| {
        o.max_recv_speed = 1000;
        o.buffer_size = 1024;
    });
    let mut shared = Shared::default();
    let t0 = Instant::now();
    assert!(step_at(&mut t, &mut shared, t0).is_none());
    let (mut peer, _) = listener.accept().unwrap();
    let writer = std::thread::spawn(move || {
        let mut reply = format!("HTTP/1.1 200 OK\r\nContent-Length: {SIZE}\r\n\r\n").into_bytes();
        reply.resize(reply.len() + SIZE, b'x');
        peer.write_all(&reply).unwrap();
        peer
    });
    // At t0 the first bytes come at once; then, on the fake clock still at t0, the
    // transfer is held back: no socket, and a deadline when the bytes so far are due at
    // 1000 bytes a second (a millisecond a byte).
    let mut held = None;
    for _ in 0..5000 {
        if let Step::Wait { socket, deadline } = t.step(&mut shared, t0) {
            if socket.is_none() && deadline > Some(t0) {
                held = deadline;
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    let wake = held.expect("held back by the limit");
    let got = body.lock().unwrap().len();
    assert!(got > 0 && got < SIZE, "{got}");
    assert!(got <= 101 * 1024, "a pass reads at most 101 buffers: {got}");
    assert_eq!(wake, t0 + Duration::from_millis(got as u64));
    assert!(t.is_idle());
    // Before the deadline it still waits, reading nothing.
    let early = wake - Duration::from_millis(1);
    match t.step(&mut shared, early) {
        Step::Wait { socket, deadline } => {
            assert_eq!(socket, None);
            assert_eq!(deadline, Some(wake));
        }
        Step::Done(r) => panic!("ended: {r:?}"),
    }
    assert_eq!(body.lock().unwrap().len(), got);
    // From the deadline on, each wait's end is the next step's clock, until done.
    let mut now = wake;
    let mut result = None;
    for _ in 0..100_000 {
        match t.step(&mut shared, now) {
            Step::Done(r) => {
                result = Some(r);
                break;
            }
            Step::Wait {
                deadline: Some(d), ..
            } if d > now => now = d,
            Step::Wait { .. } => std::thread::sleep(Duration::from_millis(1)),
        }
    }
    result.expect("done").unwrap();
    drop(writer.join().unwrap());
    assert_eq!(body.lock().unwrap().len(), SIZE);
    // The last pass reads at most 101 buffers; all before it came at 1000 bytes a second.
    let least = (SIZE - 101 * 1024) as u64;
    assert!(now >= t0 + Duration::from_millis(least), "{:?}", now - t0);
}
