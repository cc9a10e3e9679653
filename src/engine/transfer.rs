//! One transfer as a state machine: set up (URL, proxy, connection reuse), resolve, connect,
//! open a tunnel through the proxy (`proxied`), send the request, receive the response, then
//! finish, follow a redirect, or retry a request that a dead reused connection swallowed.
//!
//! `step` advances as far as possible without blocking and returns what to wait for. Time
//! comes in as a parameter and decides everything the transfer does; the clock is read only
//! for the stage times `curl_easy_getinfo` reports (see `stamp`).

use std::io;
use std::net::{IpAddr, SocketAddr};
use std::os::fd::RawFd;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::delivery::PauseFlags;
use super::file::{FileJob, FileStep};
use super::hooks::{DebugKind, Hooks, Progress, ProgressReply, ReadOutcome, SeekOutcome};
use super::pipe;
use super::pool::{BindKey, Conn, ConnKey, ProxyKey, Ticket, TlsKey};
use super::ratelimit::RateLimit;
use super::Shared;
use crate::error::{Code, Error, Result};
use crate::http::auth::{AuthState, Negotiation};
use crate::http::pipeline;
use crate::http::request::{self, Auth, RequestBody, RequestKind, RequestSpec};
use crate::info::Info;
use crate::net::bind::LocalBinding;
use crate::net::connect::{Connector, Failure, Progress as ConnectProgress, SocketConfig};
use crate::options::{HttpReq, HttpVersion, Options, PostBody};
use crate::progress_meter::{Counters, Meter};
use crate::proxy::Proxy;
use crate::resolve;
use crate::url::Url;

use super::response::{from_http as http_error, RecvOutcome, Response};
use super::target::{
    apply_connect_to, decode_userinfo, parse_url, proxy_request_target, referer_of, select_proxy,
    url_credentials,
};
use crate::net::socket::{Peer, Stream};
use crate::net::socks::{Handshake, SocksVersion};

mod piped;
mod proxied;
mod tls;

/// libcurl's default connect timeout when none is set.
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(300);
/// A request that got nothing back on a reused connection is re-sent at most this often.
const MAX_RETRIES: u8 = 5;
/// Read callbacks fill upload buffers of this size (libcurl's default UPLOAD_BUFFERSIZE).
/// How much of a resumed upload's start is read (and dropped) at a time when the source
/// cannot seek.
const UPLOAD_CHUNK: usize = 64 * 1024;
/// The room libcurl keeps in its upload buffer for a chunk's framing (size, CRLFs).
const CHUNK_FRAMING: usize = 8 + 2 + 2;
/// Under a rate limit, a pass over the socket reads at most this many buffers, as
/// libcurl's `readwrite_data` (its first read and a hundred more).
const RATE_LIMITED_READS: u32 = 101;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Interest {
    Read,
    Write,
    Both,
}

/// A socket to wait on. `id` tells sockets apart even when the kernel reuses a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Watch {
    pub fd: RawFd,
    pub id: u64,
    pub interest: Interest,
}

pub enum Step {
    Wait {
        socket: Option<Watch>,
        deadline: Option<Instant>,
    },
    Done(Result<()>),
}

enum Phase {
    Setup,
    /// Waiting for the multi's connection limits to allow a new connection.
    Pending,
    Resolving {
        lookup: u64,
    },
    Connecting(Box<Connector>),
    /// Looking up the address a SOCKS4/SOCKS5 proxy is to connect to.
    SocksResolving {
        version: SocksVersion,
        lookup: u64,
    },
    Socks(Box<Handshake>),
    /// The TLS handshake with the origin, over the connection or the tunnel.
    TlsHandshake,
    Sending,
    Receiving,
    /// A file:// transfer (see `super::file`): no connection, stepped until done.
    File(Box<FileJob>),
}

/// Where the request body comes from while sending.
struct Upload {
    /// Bytes of a known body still to send (None: unknown size, read until the callback
    /// says end).
    remaining: Option<u64>,
    chunked: bool,
    /// Offset into `PostBody::Bytes` for a body sent from memory.
    from_memory: Option<usize>,
    finished: bool,
    sent: u64,
}

pub struct Transfer {
    opts: Options,
    body: PostBody,
    hooks: Box<dyn Hooks>,
    info: Arc<Mutex<Info>>,
    started: Option<Instant>,
    /// The built-in progress meter, once a progress call asked for it (or the handle's
    /// last transfer did), and the instant its seconds count from.
    meter: Option<(Meter, Instant)>,
    /// The last progress call asked for the meter.
    meter_on: bool,
    /// The meter's last ask came without a callback (a newline ends its output).
    meter_newline: bool,
    phase: Phase,
    url: Option<Url>,
    /// The URL to go to next (after a redirect).
    next_url: Option<String>,
    /// The request method changed to GET by a redirect.
    method_to_get: bool,
    redirects: u32,
    first_origin: Option<(String, u16)>,
    referer: Option<String>,
    key: Option<ConnKey>,
    host: String,
    port: u16,
    /// The port of the URL (or CURLOPT_PORT), which the Host header names; `port` is where
    /// the connection goes after CONNECT_TO.
    url_port: u16,
    conn: Option<Conn>,
    reused: bool,
    retries: u8,
    out: Vec<u8>,
    out_pos: usize,
    upload: Option<Upload>,
    expect_deadline: Option<Instant>,
    awaiting_continue: bool,
    response: Response,
    low_speed_since: Option<(Instant, u64)>,
    upload_buf: Vec<u8>,
    /// What the application paused (`curl_easy_pause`, or a callback's pause answer).
    pause: Arc<PauseFlags>,
    /// The response is complete but data is held for an unpause.
    complete_pending: bool,
    /// Requests sent so far in this transfer (redirects and retries add to it).
    requests_made: u32,
    /// A challenge (401 or 407) made this transfer repeat a request with credentials.
    auth_picked: bool,
    /// The authentication negotiated with the origin and the proxy (see `http::auth`).
    auth: Negotiation,
    /// The next request repeats this one (not a redirect): with credentials now, or
    /// without `Expect: 100-continue` after a 417.
    repeat: bool,
    /// A 417 answered that: requests of this transfer go without `Expect:`, as libcurl's.
    disable_expect: bool,
    /// A server of this transfer answered in HTTP/1.0: the requests that follow go as
    /// HTTP/1.0 too, as libcurl's.
    server_http10: bool,
    /// Credentials from a URL of this transfer: they stay for the redirects that follow,
    /// as in libcurl, and go out where auth is allowed.
    url_auth: Option<(String, String)>,
    /// What `CURLOPT_NETRC` gave the current request (see `netrc_credentials`).
    netrc_auth: Option<(String, String)>,
    /// The place among the multi's open connections taken for the connection being made.
    ticket: Option<Ticket>,
    /// The number of the connection being made: libcurl numbers a connection before
    /// resolving its name, and closes that number when the connect fails.
    new_conn_id: Option<u64>,
    /// The error ending the transfer has had its text shown to the debug output already.
    error_shown: bool,
    /// The last step ended waiting for a place (see `Phase::Pending`).
    pending: bool,
    /// The last step ended watching no socket and waiting for no name lookup: paused (see
    /// `paused_wait`), or a file:// transfer to be stepped on by its timer.
    idle: bool,
    /// The proxy this request goes through.
    proxy: Option<Proxy>,
    /// Where a tunnel through the proxy leads (the origin after CONNECT_TO).
    tunnel_target: (String, u16),
    tunnel: Tunnel,
    /// The multi's id for this transfer (0 outside a multi).
    id: u64,
    /// The pipelined connection this transfer's request is on, if any.
    seat: Option<pipe::Pipe>,
    /// The request is to join the end of `seat` (not to start it).
    joining: bool,
    /// Waiting for its turn on the pipe (low-speed checks wait too).
    waiting_turn: bool,
    /// In `Phase::Pending`: the next step tries for a connection again.
    place_wanted: bool,
    /// Transfers a pipe change woke, for the multi.
    woken: Vec<u64>,
    /// `CURLOPT_MAX_RECV_SPEED_LARGE`/`_SEND_`: set when the transfer starts.
    rate: Option<RateLimit>,
    /// The connection number of a file:// transfer (it has no connection to pool).
    file_conn: Option<u64>,
}

/// A tunnel through the proxy to the origin: CONNECT to an HTTP proxy, or the handshake
/// of a SOCKS proxy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tunnel {
    /// Not tunnelling: direct, or requests forwarded by the proxy.
    NotUsed,
    /// Wanted: CONNECT (or the SOCKS handshake) goes out once the connection to the proxy
    /// is up.
    Wanted,
    /// CONNECT sent; its answer is being read.
    Requested,
    Open,
}

impl Transfer {
    pub fn new(
        opts: Options,
        body: PostBody,
        hooks: Box<dyn Hooks>,
        info: Arc<Mutex<Info>>,
        pause: Arc<PauseFlags>,
    ) -> Self {
        Transfer {
            response: Response::new(&opts, pause.clone(), info.clone()),
            pause,
            complete_pending: false,
            requests_made: 0,
            auth_picked: false,
            auth: Negotiation::default(),
            repeat: false,
            disable_expect: false,
            server_http10: false,
            url_auth: None,
            netrc_auth: None,
            ticket: None,
            new_conn_id: None,
            error_shown: false,
            pending: false,
            idle: false,
            proxy: None,
            tunnel_target: (String::new(), 0),
            tunnel: Tunnel::NotUsed,
            id: 0,
            seat: None,
            joining: false,
            waiting_turn: false,
            place_wanted: false,
            woken: Vec::new(),
            rate: None,
            file_conn: None,
            opts,
            body,
            hooks,
            info,
            started: None,
            meter: None,
            meter_on: false,
            meter_newline: false,
            phase: Phase::Setup,
            url: None,
            next_url: None,
            method_to_get: false,
            redirects: 0,
            first_origin: None,
            referer: None,
            key: None,
            host: String::new(),
            port: 0,
            url_port: 0,
            conn: None,
            reused: false,
            retries: 0,
            out: Vec::new(),
            out_pos: 0,
            upload: None,
            expect_deadline: None,
            awaiting_continue: false,
            low_speed_since: None,
            upload_buf: Vec::new(),
        }
    }

    /// Waiting for the multi's connection limits: stepped again when a connection is
    /// given back.
    pub fn is_pending(&self) -> bool {
        self.pending
    }

    /// The name lookup this transfer waits for, if any (to be forgotten when the
    /// transfer is dropped before it finishes).
    pub fn pending_lookup(&self) -> Option<u64> {
        match self.phase {
            Phase::Resolving { lookup } | Phase::SocksResolving { lookup, .. } => Some(lookup),
            _ => None,
        }
    }

    /// `CURLINFO_PRIMARY_*` and `CURLINFO_LOCAL_*` for the connection the request goes on.
    /// Over a Unix socket, as libcurl: the path and the connection's port, and no local end.
    fn note_addresses(&self, peer: &Peer, local: Option<SocketAddr>) {
        let (ip, port) = self.peer_address(peer);
        self.with_info(|i| {
            i.primary_ip = ip;
            i.primary_port = port;
            if let Some(l) = local {
                i.local_ip = l.ip().to_string();
                i.local_port = l.port();
            }
        });
    }

    /// The address libcurl shows for a peer, and its port.
    fn peer_address(&self, peer: &Peer) -> (String, u16) {
        match peer {
            Peer::Ip(a) => (a.ip().to_string(), a.port()),
            Peer::Unix(t) => (t.display(), self.port),
        }
    }

    fn with_info(&self, f: impl FnOnce(&mut Info)) {
        if let Ok(mut i) = self.info.lock() {
            f(&mut i);
        }
    }

    fn verbose(&mut self, text: impl FnOnce() -> String) {
        if self.hooks.wants_debug() {
            let mut line = text();
            line.push('\n');
            self.hooks.debug(DebugKind::Text, line.as_bytes());
        }
    }

    fn elapsed(&self, now: Instant) -> Duration {
        self.started
            .map_or(Duration::ZERO, |s| now.duration_since(s))
    }

    /// A stage's time for `CURLINFO_*_TIME`: from the real clock, as libcurl's, since
    /// several stages can pass within one step (a loopback connect, say) and must not all
    /// read the step's `now`; never earlier than `now`, so a test's clock still rules.
    fn stamp(&self, now: Instant) -> Duration {
        self.elapsed(now.max(Instant::now()))
    }

    /// Advances the transfer as far as it can go without blocking.
    pub fn step(&mut self, shared: &mut Shared, now: Instant) -> Step {
        if self.started.is_none() {
            self.started = Some(now);
            let rate = RateLimit::new(self.opts.max_recv_speed, self.opts.max_send_speed, now);
            self.rate = rate.is_active().then_some(rate);
            let method = self.method_name();
            let mut before = Default::default();
            let mut meter = None;
            self.with_info(|i| {
                // libcurl keeps the verification result per handle: a transfer on a reused
                // connection reports the last handshake's.
                let verified = i.ssl_verify_result;
                before = i.auth;
                meter = i.meter.take();
                *i = Info::fresh();
                i.ssl_verify_result = verified;
                i.auth = before;
                i.effective_method = method;
            });
            self.meter = meter;
            // A method the handle picked before stays in use while it is still wanted.
            self.auth = Negotiation {
                host: AuthState::start(before.0, self.opts.httpauth),
                proxy: AuthState::start(before.1, self.opts.proxyauth),
                problem: false,
            };
            self.keep_auth();
        }
        self.pending = false;
        self.idle = false;
        // Progress first, so that a callback unpausing acts in this pass; and again after a
        // pass that moved data, as libcurl reports right after reading or sending.
        let moved = self.bytes_moved();
        let step = match self.check_progress(now) {
            Err(e) => self.finish(shared, Err(e), now),
            Ok(()) => match self.advance(shared, now) {
                Ok(Some(wait)) if self.bytes_moved() == moved => wait,
                Ok(Some(wait)) => match self.call_progress(now, false) {
                    Ok(()) => wait,
                    Err(e) => self.finish(shared, Err(e), now),
                },
                Ok(None) => self.finish(shared, Ok(()), now),
                Err(e) => self.finish(shared, Err(e), now),
            },
        };
        // A pipe's head holds the connection only during its step.
        self.return_seat();
        shared.wake.append(&mut self.woken);
        step
    }

    fn finish(&mut self, shared: &mut Shared, result: Result<()>, now: Instant) -> Step {
        let total = self.stamp(now);
        self.with_info(|i| i.total = total);
        // A final progress call, as libcurl makes when a transfer ends; after a failure
        // (other than by the progress callback) the meter still shows its last line.
        let result = match result {
            Ok(()) => self.call_progress(now, true),
            Err(e) => {
                if e.code != Code::AbortedByCallback && self.meter_on {
                    self.meter_done(now, self.meter_newline);
                }
                Err(e)
            }
        };
        if let Err(e) = &result {
            // libcurl's failf: the error buffer's text also goes to the debug output.
            if !e.message.is_empty() && !std::mem::take(&mut self.error_shown) {
                let text = e.message.clone();
                self.verbose(|| text);
            }
        }
        if let Some(id) = self.file_conn.take() {
            self.verbose(|| format!("Closing connection {id}"));
        }
        let fit = result.is_ok() && !self.opts.forbid_reuse;
        self.leave_pipe(shared, fit, now);
        if result.is_err() || !self.response.keep_alive() || self.opts.forbid_reuse {
            // A failed transfer's connection is in an unknown state.
            self.drop_conn();
        } else if let Some(conn) = self.conn.take() {
            self.pool_conn(shared, conn, now);
        }
        Step::Done(result)
    }

    /// Keeps a connection for reuse, with libcurl's verbose lines.
    fn pool_conn(&mut self, shared: &mut Shared, conn: Conn, now: Instant) {
        let id = conn.id;
        let last = crate::info::LastConn {
            id,
            fd: conn.stream.fd(),
            pool: shared.pool.downgrade(),
            in_multi: !shared.easy,
        };
        self.with_info(|i| i.last_conn = Some(last));
        let max = shared.max_idle;
        if let Some(old) = shared.pool.with(|p| p.put(conn, max, now)) {
            self.verbose(|| "Connection cache is full, closing the oldest one".into());
            self.verbose(|| format!("Closing connection {old}"));
        }
        let host = self.host.clone();
        self.verbose(|| format!("Connection #{id} to host {host} left intact"));
    }

    /// Records the authentication state on the handle, for its next transfers.
    fn keep_auth(&self) {
        let state = (self.auth.host, self.auth.proxy);
        self.with_info(|i| i.auth = state);
    }

    /// Closes the transfer's connection, if it has one (on a pipe: the pipe's, whose other
    /// members are sent again).
    fn drop_conn(&mut self) {
        self.break_seat();
        if let Some(c) = self.conn.take() {
            let id = c.id;
            drop(c);
            self.verbose(|| format!("Closing connection {id}"));
        } else if let Some(id) = self.new_conn_id.take() {
            // A connection that never came up (name or connect failure).
            self.verbose(|| format!("Closing connection {id}"));
        }
    }

    fn method_name(&self) -> String {
        if let Some(m) = &self.opts.custom_request {
            if !self.method_to_get {
                return m.clone();
            }
        }
        match self.effective_req() {
            HttpReq::Get => "GET",
            HttpReq::Head => "HEAD",
            HttpReq::Post => "POST",
            HttpReq::Put => "PUT",
        }
        .to_string()
    }

    fn effective_req(&self) -> HttpReq {
        if self.method_to_get && self.opts.httpreq != HttpReq::Head {
            HttpReq::Get
        } else {
            self.opts.httpreq
        }
    }

    /// One pass of the state machine: `Ok(None)` when the transfer is complete.
    fn advance(&mut self, shared: &mut Shared, now: Instant) -> Result<Option<Step>> {
        self.check_timeouts(now)?;
        loop {
            match &mut self.phase {
                Phase::Setup => self.setup(shared, now)?,
                Phase::Pending => {
                    if std::mem::take(&mut self.place_wanted) {
                        // Stepped again: a connection may be free now.
                        self.acquire(shared, now)?;
                        continue;
                    }
                    self.place_wanted = true;
                    self.pending = true;
                    return Ok(Some(self.wait(None, now)));
                }
                Phase::Resolving { lookup } => {
                    let id = *lookup;
                    let Some(answer) = shared.resolver.take(id) else {
                        return Ok(Some(self.wait(None, now)));
                    };
                    let mut addrs = answer.map_err(|()| self.resolve_error())?;
                    if self.opts.dns_shuffle {
                        resolve::shuffle(&mut addrs);
                    }
                    shared
                        .dns
                        .with(|d| d.store(&self.host, self.port, addrs.clone(), now));
                    self.connect(addrs, now)?;
                }
                Phase::Connecting(_) => match self.poll_connect(now) {
                    ConnectProgress::Pending(fd, id) => {
                        return Ok(Some(self.wait(
                            Some(Watch {
                                fd,
                                id,
                                interest: Interest::Write,
                            }),
                            now,
                        )));
                    }
                    ConnectProgress::Failed(f) => return Err(self.connect_error(f, now)),
                    ConnectProgress::Connected(stream) => self.connected(stream, shared, now)?,
                },
                Phase::SocksResolving { version, lookup } => {
                    let (version, id) = (*version, *lookup);
                    let Some(answer) = shared.resolver.take(id) else {
                        return Ok(Some(self.wait(None, now)));
                    };
                    let addrs = answer.unwrap_or_default();
                    self.socks_resolved(version, &addrs)?;
                }
                Phase::Socks(_) => {
                    if let Some(wait) = self.socks_step(now)? {
                        return Ok(Some(wait));
                    }
                    self.connection_ready(shared, now)?;
                }
                Phase::TlsHandshake => {
                    if let Some(wait) = self.tls_step(now)? {
                        return Ok(Some(wait));
                    }
                    self.open_pipe(shared);
                    self.start_request(now)?;
                }
                Phase::Sending => {
                    if let Some(wait) = self.send(shared, now)? {
                        return Ok(Some(wait));
                    }
                }
                Phase::File(job) => {
                    return match job.step(&mut *self.hooks, &self.opts, &self.pause)? {
                        // Data is always ready: the driver steps it again at once, by
                        // its timer (it waits for no socket and no name lookup).
                        FileStep::More => {
                            self.idle = true;
                            Ok(Some(Step::Wait {
                                socket: None,
                                deadline: Some(now),
                            }))
                        }
                        FileStep::Paused => {
                            self.idle = true;
                            Ok(Some(self.wait(None, now)))
                        }
                        FileStep::Done => Ok(None),
                    };
                }
                Phase::Receiving => {
                    if let Some(wait) = self.receive(shared, now)? {
                        return Ok(Some(wait));
                    }
                    if self.tunnel == Tunnel::Requested {
                        self.tunnel_answered(shared, now)?;
                        continue;
                    }
                    // The response is complete.
                    self.learn_capability(shared);
                    if self.next_url.is_some() {
                        // libcurl ends each response's meter as it follows.
                        if self.meter_on {
                            self.meter_done(now, self.meter_newline);
                        }
                        self.prepare_redirect(shared, now)?;
                        continue;
                    }
                    return Ok(None);
                }
            }
        }
    }

    /// Advances the connect, printing what the local binding chose and skipped.
    /// A new connection is up: it becomes the transfer's, and the next layer starts (SOCKS,
    /// a CONNECT tunnel, TLS or the request).
    fn connected(&mut self, stream: Stream, shared: &mut Shared, now: Instant) -> Result<()> {
        let key = self.key.clone().expect("connection key set in setup");
        let connect = self.stamp(now);
        self.with_info(|i| {
            i.num_connects += 1;
            i.connect = connect;
        });
        self.note_addresses(&stream.peer, stream.local);
        let (ip, _) = self.peer_address(&stream.peer);
        let (host, port) = (self.host.clone(), self.port);
        let id = match self.new_conn_id.take() {
            Some(id) => id,
            None => shared.pool.with(|p| p.next_id()),
        };
        self.verbose(|| format!("Connected to {host} ({ip}) port {port} (#{id})"));
        self.conn = Some(Conn {
            id,
            stream,
            key,
            created: now,
            last_used: now,
            http10: false,
            ticket: self.ticket.take(),
        });
        self.reused = false;
        let socks = self.proxy.as_ref().is_some_and(|p| p.kind.is_socks());
        if self.tunnel == Tunnel::Wanted && socks {
            self.start_socks(shared, now)
        } else if self.tunnel == Tunnel::Wanted {
            self.start_tunnel()
        } else {
            self.connection_ready(shared, now)
        }
    }

    fn poll_connect(&mut self, now: Instant) -> ConnectProgress {
        let Phase::Connecting(c) = &mut self.phase else {
            unreachable!("called while connecting");
        };
        let progress = c.poll(now);
        for note in c.take_notes() {
            self.verbose(|| note);
        }
        progress
    }

    fn resolve_error(&self) -> Error {
        match &self.proxy {
            Some(p) => Error::new(
                Code::CouldntResolveProxy,
                format!("Could not resolve proxy: {}", p.host),
            ),
            None => Error::new(
                Code::CouldntResolveHost,
                format!("Could not resolve host: {}", self.host),
            ),
        }
    }

    /// The Unix socket a new connection goes to: `CURLOPT_UNIX_SOCKET_PATH`, or a SOCKS
    /// proxy's (`socks5h://localhost/path`).
    fn unix_target(&self) -> Option<crate::net::unix::UnixTarget> {
        self.opts.unix_socket.clone().or_else(|| {
            let path = self.proxy.as_ref()?.unix_socket_path()?;
            Some(crate::net::unix::UnixTarget {
                path: path.as_bytes().to_vec(),
                abstract_name: false,
            })
        })
    }

    /// A Unix socket that could not be connected: a path too long fails as libcurl's
    /// "resolve" of it does, anything else as a refused connect.
    fn unix_error(&mut self, f: Failure, now: Instant) -> Error {
        if f.code == Code::CouldntResolveHost {
            return Error::new(f.code, f.message.unwrap_or_default());
        }
        self.connect_error(f, now)
    }

    /// Every address failed, or the connect time ran out. The error buffer keeps a text an
    /// attempt wrote (a local binding's failure), else libcurl's summary ending in the
    /// code's description; a last OS error of ETIMEDOUT makes the code
    /// CURLE_OPERATION_TIMEDOUT, as in libcurl.
    fn connect_error(&mut self, f: Failure, now: Instant) -> Error {
        let errno = f.error.as_ref().and_then(|e| e.raw_os_error()).unwrap_or(0);
        self.with_info(|i| i.os_errno = errno);
        let code = if errno == libc::ETIMEDOUT {
            Code::OperationTimedOut
        } else {
            f.code
        };
        // libcurl's summary goes to the debug output, and to the error buffer unless an
        // attempt wrote there first.
        let what = match code {
            Code::InterfaceFailed => "Failed binding local connection end",
            Code::OperationTimedOut => "Timeout was reached",
            _ => "Couldn't connect to server",
        };
        let summary = format!(
            "Failed to connect to {} port {} after {} ms: {what}",
            self.host,
            self.port,
            self.elapsed(now).as_millis()
        );
        match f.message {
            Some(message) => {
                // The attempt's text went to the debug output when it was written.
                self.verbose(|| summary);
                self.error_shown = true;
                Error::new(code, message)
            }
            None => Error::new(code, summary),
        }
    }

    fn wait(&self, socket: Option<Watch>, now: Instant) -> Step {
        Step::Wait {
            socket,
            deadline: self.deadline(now),
        }
    }

    /// The earliest time something must happen without socket activity.
    fn deadline(&self, now: Instant) -> Option<Instant> {
        let start = self.started.unwrap_or(now);
        let mut d: Option<Instant> = None;
        let mut take = |t: Instant| d = Some(d.map_or(t, |x: Instant| x.min(t)));
        if self.opts.timeout_ms > 0 {
            take(start + Duration::from_millis(self.opts.timeout_ms));
        }
        if matches!(
            self.phase,
            Phase::Resolving { .. }
                | Phase::Connecting(_)
                | Phase::SocksResolving { .. }
                | Phase::Socks(_)
                | Phase::TlsHandshake
        ) {
            take(start + self.connect_budget());
        }
        // Happy eyeballs: the other family's start, or a check of the unwatched socket.
        if let Phase::Connecting(c) = &self.phase {
            if let Some(w) = c.wake() {
                take(w);
            }
        }
        if let Some(e) = self.expect_deadline {
            take(e);
        }
        // The low-speed check runs at least once a second while data moves, as libcurl's
        // speed-check timer. Progress callbacks have no timer of their own, as in libcurl:
        // they run on every pass, and `curl_easy_perform` passes at least once a second.
        if self.opts.low_speed_limit > 0 && matches!(self.phase, Phase::Receiving | Phase::Sending)
        {
            take(now + Duration::from_secs(1));
        }
        d
    }

    fn connect_timeout(&self) -> Duration {
        match self.opts.connect_timeout_ms {
            0 => DEFAULT_CONNECT_TIMEOUT,
            ms => Duration::from_millis(ms),
        }
    }

    /// The time for connecting: the connect timeout, capped by `CURLOPT_TIMEOUT`.
    fn connect_budget(&self) -> Duration {
        let budget = self.connect_timeout();
        match self.opts.timeout_ms {
            0 => budget,
            ms => budget.min(Duration::from_millis(ms)),
        }
    }

    fn check_timeouts(&mut self, now: Instant) -> Result<()> {
        let elapsed = self.elapsed(now);
        let ms = elapsed.as_millis();
        // While connecting, the connector's attempts end with the connect time (and
        // CURLOPT_TIMEOUT, which caps it), and report it as libcurl does.
        let connecting = matches!(self.phase, Phase::Connecting(_));
        if self.opts.timeout_ms > 0
            && !connecting
            && elapsed >= Duration::from_millis(self.opts.timeout_ms)
        {
            let msg = match &self.phase {
                Phase::Setup | Phase::Resolving { .. } => {
                    format!("Resolving timed out after {ms} milliseconds")
                }
                Phase::SocksResolving { .. } | Phase::Socks(_) | Phase::TlsHandshake => {
                    format!("Connection timed out after {ms} milliseconds")
                }
                _ => {
                    let got = self.response.body_bytes();
                    match self.response.expected_size() {
                        Some(total) => format!(
                            "Operation timed out after {ms} milliseconds with {got} out of {total} bytes received"
                        ),
                        None => format!("Operation timed out after {ms} milliseconds with {got} bytes received"),
                    }
                }
            };
            return Err(Error::new(Code::OperationTimedOut, msg));
        }
        if matches!(self.phase, Phase::Resolving { .. }) && elapsed >= self.connect_timeout() {
            let msg = format!("Resolving timed out after {ms} milliseconds");
            return Err(Error::new(Code::OperationTimedOut, msg));
        }
        // SOCKS and TLS handshakes are part of connecting.
        let handshake = matches!(
            self.phase,
            Phase::SocksResolving { .. } | Phase::Socks(_) | Phase::TlsHandshake
        );
        if handshake && elapsed >= self.connect_budget() {
            let msg = format!("Connection timed out after {ms} milliseconds");
            return Err(Error::new(Code::OperationTimedOut, msg));
        }
        if let Some(e) = self.expect_deadline {
            if now >= e && self.awaiting_continue {
                // No 100 Continue in time: send the body anyway, as libcurl does.
                self.awaiting_continue = false;
                self.expect_deadline = None;
                self.phase = Phase::Sending;
            }
        }
        Ok(())
    }

    /// Progress callback and the low-speed limit, run on every pass.
    fn check_progress(&mut self, now: Instant) -> Result<()> {
        if !self.opts.noprogress {
            self.call_progress(now, false)?;
        }
        if self.opts.low_speed_time > 0
            && self.opts.low_speed_limit > 0
            && !self.waiting_turn
            && matches!(self.phase, Phase::Receiving | Phase::Sending)
        {
            let bytes = self.response.body_bytes() + self.upload.as_ref().map_or(0, |u| u.sent);
            match self.low_speed_since {
                None => self.low_speed_since = Some((now, bytes)),
                Some((since, at)) => {
                    let secs = now.duration_since(since).as_secs_f64();
                    if secs >= 1.0 {
                        let speed = (bytes - at) as f64 / secs;
                        if speed >= self.opts.low_speed_limit as f64 {
                            self.low_speed_since = Some((now, bytes));
                        } else if secs >= self.opts.low_speed_time as f64 {
                            return Err(Error::new(
                                Code::OperationTimedOut,
                                format!(
                                    "Operation too slow. Less than {} bytes/sec transferred the last {} seconds",
                                    self.opts.low_speed_limit, self.opts.low_speed_time
                                ),
                            ));
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// Body bytes received and sent so far, to tell a pass that moved data.
    fn bytes_moved(&self) -> (u64, u64) {
        if let Phase::File(job) = &self.phase {
            return job.moved();
        }
        (
            self.response.body_bytes(),
            self.upload.as_ref().map_or(0, |u| u.sent),
        )
    }

    /// A progress call (`last`: the one at the end), and the meter when it is asked for.
    fn call_progress(&mut self, now: Instant, last: bool) -> Result<()> {
        if self.opts.noprogress {
            return Ok(());
        }
        let p = if let Phase::File(job) = &self.phase {
            let (down, up) = job.moved();
            Progress {
                dltotal: job.expected().unwrap_or(0) as i64,
                dlnow: down as i64,
                ultotal: u64::try_from(self.opts.infilesize).unwrap_or(0) as i64,
                ulnow: up as i64,
            }
        } else {
            Progress {
                dltotal: self.response.expected_size().unwrap_or(0) as i64,
                dlnow: self.response.body_bytes() as i64,
                ultotal: self.upload_total().unwrap_or(0) as i64,
                ulnow: self.upload.as_ref().map_or(0, |u| u.sent) as i64,
            }
        };
        match self.hooks.progress(p) {
            ProgressReply::Continue => {
                self.meter_on = false;
                Ok(())
            }
            ProgressReply::Meter { callback } => {
                self.meter_on = true;
                self.meter_newline = !callback;
                if last {
                    self.meter_done(now, !callback);
                } else {
                    let (c, elapsed) = (self.meter_counters(), self.elapsed(now));
                    let (meter, second) = self.meter_at(now);
                    if let Some(text) = meter.update(c, elapsed, second) {
                        self.hooks.meter(text.as_bytes());
                    }
                }
                Ok(())
            }
            ProgressReply::Abort => Err(Error::new(Code::AbortedByCallback, "Callback aborted")),
        }
    }

    /// The meter's last line (shown whatever the time) and, when `newline`, its newline.
    fn meter_done(&mut self, now: Instant, newline: bool) {
        let (c, elapsed) = (self.meter_counters(), self.elapsed(now));
        let (meter, second) = self.meter_at(now);
        let text = meter.done(c, elapsed, second, newline);
        self.hooks.meter(text.as_bytes());
        // The handle's next transfer goes on from here.
        let kept = self.meter.clone();
        self.with_info(|i| i.meter = kept);
    }

    /// The meter (made at its first use) and the whole second of its clock at `now`.
    fn meter_at(&mut self, now: Instant) -> (&mut Meter, u64) {
        let (meter, origin) = self.meter.get_or_insert_with(|| (Meter::new(), now));
        meter.set_resume_from(self.opts.resume_from);
        (meter, now.saturating_duration_since(*origin).as_secs())
    }

    /// The meter's figures: the sizes known so far and the bytes moved.
    fn meter_counters(&self) -> Counters {
        let signed = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
        if let Phase::File(job) = &self.phase {
            let (down, up) = job.moved();
            return Counters {
                dl_total: job.expected().map(signed),
                dl_now: signed(down),
                ul_total: u64::try_from(self.opts.infilesize).ok().map(signed),
                ul_now: signed(up),
            };
        }
        Counters {
            dl_total: self.response.expected_size().map(signed),
            dl_now: signed(self.response.body_bytes()),
            // Known once the request is made, as libcurl sets it when it sends the head.
            ul_total: self.upload.as_ref().and(self.upload_total()).map(signed),
            ul_now: signed(self.upload.as_ref().map_or(0, |u| u.sent)),
        }
    }

    fn upload_total(&self) -> Option<u64> {
        match self.effective_req() {
            HttpReq::Post => match &self.body {
                PostBody::Bytes(b) => Some(b.len() as u64),
                PostBody::None => u64::try_from(self.opts.postfieldsize).ok(),
            },
            HttpReq::Put => u64::try_from(self.opts.infilesize).ok(),
            _ => None,
        }
    }

    /// Parses the URL and finds a connection: a pooled one, or a new one to resolve and open.
    fn setup(&mut self, shared: &mut Shared, now: Instant) -> Result<()> {
        self.pending = false;
        let text = match self.next_url.take() {
            Some(u) => u,
            None => self
                .opts
                .url
                .clone()
                .ok_or_else(|| Error::new(Code::UrlMalformat, "No URL set"))?,
        };
        // As libcurl: the URL as given until it is parsed (what a URL error leaves).
        if self.redirects == 0 && self.requests_made == 0 {
            let given = text.clone();
            self.with_info(|i| i.effective_url = given);
        }
        // A URL without a scheme gets CURLOPT_DEFAULT_PROTOCOL's instead of a guess.
        let with_scheme = match &self.opts.default_protocol {
            Some(p) if !crate::url::is_absolute(&text) => Some(format!("{p}://{text}")),
            _ => None,
        };
        let url = parse_url(
            with_scheme.as_deref().unwrap_or(&text),
            self.opts.path_as_is,
            self.opts.disallow_username,
        )?;
        let scheme = url.scheme().map(|s| s.into_owned()).unwrap_or_default();
        // http, https and file are built in; CURLOPT_PROTOCOLS (and for redirects
        // REDIR_PROTOCOLS) can narrow that down.
        let allowed = (scheme == "http" || scheme == "https" || scheme == "file")
            && self.opts.protocols.allows(&scheme)
            && (self.redirects == 0 || self.opts.redir_protocols.allows(&scheme));
        if !allowed {
            // A redirect's next request had started (libcurl's Curl_init_do): the size
            // expected is unknown again.
            if self.redirects > 0 {
                self.with_info(|i| i.content_length_download = -1);
            }
            return Err(Error::new(
                Code::UnsupportedProtocol,
                format!("Protocol \"{scheme}\" not supported or disabled in libcurl"),
            ));
        }
        if scheme == "file" {
            return self.setup_file(shared, url, now);
        }
        let host = url.host_for_connect().map(|h| h.0).unwrap_or_default();
        let mut port = url.port_or_default().unwrap_or(80);
        if self.opts.port != 0 && self.redirects == 0 {
            port = self.opts.port;
        }
        // libcurl does not mix a Unix socket with a proxy: the socket wins.
        let (proxy, notes) = match &self.opts.unix_socket {
            Some(_) => (None, Vec::new()),
            None => select_proxy(&self.opts, &scheme, &host)?,
        };
        for note in notes {
            self.verbose(|| note);
        }
        if self.first_origin.is_none() {
            self.first_origin = Some((host.to_ascii_lowercase(), port));
        }
        let effective = url.to_url_string();
        self.with_info(|i| i.effective_url = effective);
        self.url_port = port;
        let (conn_host, conn_port) = apply_connect_to(&self.opts.connect_to, &host, port)?;
        // Through a proxy the connection goes to the proxy; a tunnel leads on to the origin.
        // CONNECT_TO through an HTTP proxy needs a tunnel to reach the chosen host, so
        // libcurl makes one.
        let connect_to = (conn_host.as_str(), conn_port) != (host.as_str(), port);
        // TLS to the origin goes through a tunnel, as in libcurl.
        let https = scheme == "https";
        let tunnel = proxy
            .as_ref()
            .is_some_and(|p| self.opts.proxy_tunnel || connect_to || https || !p.kind.is_http());
        (self.host, self.port) = match &proxy {
            Some(p) => (p.host.clone(), p.port),
            None => (conn_host.clone(), conn_port),
        };
        self.tunnel_target = (conn_host.clone(), conn_port);
        let key = ConnKey {
            scheme,
            host: conn_host.to_ascii_lowercase(),
            port: conn_port,
            bind: BindKey {
                interface: self.opts.interface.clone(),
                local_port: self.opts.local_port,
                local_port_range: self.opts.local_port_range,
                ip_version: self.opts.ip_resolve,
            },
            proxy: proxy.clone().map(|proxy| ProxyKey { proxy, tunnel }),
            // The certificate is checked for the URL's host, whatever CONNECT_TO says.
            tls: https.then(|| TlsKey {
                server_name: host.clone(),
                options: self.opts.tls.clone(),
            }),
            unix: self.opts.unix_socket.clone(),
        };
        // A pooled tunnel is open already; a new connection opens its own.
        self.tunnel = if tunnel {
            Tunnel::Wanted
        } else {
            Tunnel::NotUsed
        };
        self.proxy = proxy;
        self.url = Some(url);
        self.key = Some(key.clone());
        // As libcurl, before any connection is made for the request.
        self.netrc_auth = self.netrc_credentials()?;
        self.response = Response::new(&self.opts, self.pause.clone(), self.info.clone());

        self.acquire(shared, now)
    }

    /// A file:// URL: opens the file (a missing one fails here, as in libcurl's connect
    /// step); the transfer then reads or writes it in `Phase::File`.
    fn setup_file(&mut self, shared: &mut Shared, url: Url, now: Instant) -> Result<()> {
        // A connection kept from an HTTP request that redirected here.
        if let Some(conn) = self.conn.take() {
            if self.response.keep_alive() {
                self.pool_conn(shared, conn, now);
            }
        }
        // 7.88.1 renders a URL without a path ("file:///") from its unset path, which its
        // printf spells "(nil)"; the file is then "/".
        let effective = match url.path() {
            Some(_) => url.to_url_string(),
            None => "file://(nil)".to_string(),
        };
        self.with_info(|i| {
            i.effective_url = effective;
            i.scheme = Some("FILE".into());
        });
        let path = url
            .path()
            .map_or_else(|| "/".to_string(), |p| p.into_owned());
        let job = match FileJob::open(&path, &self.opts, self.pause.clone(), self.info.clone()) {
            Ok(job) => job,
            Err(e) => {
                // As libcurl: the failure, then the connection that never got a number.
                if !e.message.is_empty() {
                    let text = e.message.clone();
                    self.verbose(|| text);
                    self.error_shown = true;
                }
                self.verbose(|| "Closing connection -1".into());
                return Err(e);
            }
        };
        // libcurl numbers the file's connection as any other.
        self.file_conn = Some(shared.pool.with(|p| p.next_id()));
        self.url = Some(url);
        self.phase = Phase::File(Box::new(job));
        Ok(())
    }

    /// Finds the request a connection: the one kept from the previous request (redirect),
    /// an idle one, a seat on a pipeline, or a new one once the multi's limits allow it (if
    /// not, the transfer waits in `Phase::Pending` and comes back here, without setting the
    /// request up again).
    fn acquire(&mut self, shared: &mut Shared, now: Instant) -> Result<()> {
        let key = self.key.clone().expect("connection key set in setup");
        // A connection kept from the previous request of this transfer (redirect), or one
        // from the pool.
        if self.conn.as_ref().is_some_and(|c| !c.key.serves(&key)) {
            self.drop_conn();
        }
        if self.conn.is_none() && !self.opts.fresh_connect {
            let (age, life) = (self.opts.maxage_conn, self.opts.maxlifetime_conn);
            let (found, closed, dead) = shared.pool.with(|p| p.take(&key, now, age, life));
            for id in closed {
                self.verbose(|| format!("Closing connection {id}"));
            }
            if self.hooks.wants_debug() && (found.is_some() || !dead.is_empty()) {
                // libcurl finds its connections to the host in a bundle (its address
                // shown), and Debian's build, which has HTTP/2, says why it does not
                // multiplex on them.
                let bundle = format!("{:p}", &shared.pool);
                self.verbose(|| format!("Found bundle for host: {bundle} [serially]"));
                if !matches!(
                    self.opts.http_version,
                    crate::options::HttpVersion::V1_0 | crate::options::HttpVersion::V1_1
                ) {
                    self.verbose(|| "Can not multiplex, even if we wanted to".into());
                }
            }
            for id in dead {
                self.verbose(|| format!("Connection {id} seems to be dead"));
                self.verbose(|| format!("Closing connection {id}"));
            }
            self.conn = found;
        }
        if let Some(c) = &self.conn {
            let (peer, local, id) = (c.stream.peer.clone(), c.stream.local, c.id);
            self.note_addresses(&peer, local);
            let h = self.host.clone();
            let what = if self.proxy.is_some() {
                "proxy"
            } else {
                "host"
            };
            self.verbose(|| format!("Re-using existing connection #{id} with {what} {h}"));
            self.reused = true;
            if self.tunnel == Tunnel::Wanted {
                self.tunnel = Tunnel::Open;
            }
            self.open_pipe(shared);
            return self.start_request(now);
        }

        // No idle connection: the end of a pipeline, when the policy says so.
        match self.pipeline_choice(shared) {
            Some(pipeline::Choice::Pipeline(_)) => {
                if let Some((peer, local)) = self.seat_addresses() {
                    self.note_addresses(&peer, local);
                }
                return self.start_request(now);
            }
            Some(pipeline::Choice::Wait) => {
                self.verbose(|| "Server doesn't support multi-use yet, wait".into());
                self.phase = Phase::Pending;
                return Ok(());
            }
            _ => {}
        }

        // A new connection needs a place under the multi's limits; without one the
        // transfer waits (in order) until a connection is given back.
        if self.ticket.is_none() {
            let dest = format!("{}:{}", self.host, self.port);
            match shared.pool.with(|p| p.admit(&dest)) {
                Some((ticket, closed)) => {
                    for id in closed {
                        self.verbose(|| format!("Closing connection {id}"));
                    }
                    self.ticket = Some(ticket);
                }
                None => {
                    self.verbose(|| "No connections available.".into());
                    self.phase = Phase::Pending;
                    return Ok(());
                }
            }
        }

        if self.new_conn_id.is_none() {
            self.new_conn_id = Some(shared.pool.with(|p| p.next_id()));
        }
        if let Some(target) = self.unix_target() {
            // No name to resolve: the socket is connected right away.
            // libcurl prints the socket address as it prints an IP one: a Unix one has
            // port 0.
            let path = target.display();
            self.verbose(|| format!("  Trying {path}:0..."));
            let stream = match crate::net::unix::connect(&target, self.hooks.socket_hooks()) {
                Ok(s) => s,
                Err(f) => return Err(self.unix_error(f, now)),
            };
            return self.connected(stream, shared, now);
        }
        let cached = shared
            .dns
            .with(|d| d.get(&self.host, self.port, self.opts.dns_cache_timeout, now));
        if cached.is_some() {
            let h = self.host.clone();
            self.verbose(|| format!("Hostname {h} was found in DNS cache"));
        }
        if cached.is_none() && !self.hooks.resolver_start() {
            // libcurl tells the application when it starts resolving a name it has not
            // cached (literal addresses included).
            return Err(self.resolve_error());
        }
        // Literal addresses and localhost need no lookup.
        let cached = cached
            .or_else(|| resolve::parse_literal(&self.host).map(|a| vec![a]))
            .or_else(|| {
                let mut a = resolve::localhost(&self.host)?;
                if self.opts.dns_shuffle {
                    resolve::shuffle(&mut a);
                }
                Some(a)
            });
        match cached {
            Some(addrs) => self.connect(addrs, now),
            None => {
                let h = self.host.clone();
                self.phase = Phase::Resolving {
                    lookup: shared.resolver.start(&h),
                };
                Ok(())
            }
        }
    }

    fn connect(&mut self, addrs: Vec<IpAddr>, now: Instant) -> Result<()> {
        let lookup = self.stamp(now);
        self.with_info(|i| i.namelookup = lookup);
        let addrs = resolve::filter_family(&addrs, self.opts.ip_resolve);
        if addrs.is_empty() {
            return Err(self.resolve_error());
        }
        let mut sockaddrs: Vec<SocketAddr> = resolve::with_port(&addrs, self.port);
        // A URL zone id (`[fe80::1%25eth0]`) or CURLOPT_ADDRESS_SCOPE gives IPv6 addresses
        // their scope.
        let zone = self
            .url
            .as_ref()
            .and_then(|u| u.zoneid())
            .map(|z| z.into_owned());
        let scope = zone
            .as_deref()
            .and_then(crate::net::scope_id)
            .or((self.opts.address_scope != 0).then_some(self.opts.address_scope));
        if let Some(scope) = scope {
            for a in &mut sockaddrs {
                if let SocketAddr::V6(v6) = a {
                    v6.set_scope_id(scope);
                }
            }
        }
        let config = SocketConfig {
            nodelay: self.opts.tcp_nodelay,
            keepalive: self
                .opts
                .tcp_keepalive
                .then_some((self.opts.tcp_keepidle, self.opts.tcp_keepintvl)),
            local: LocalBinding {
                interface: self.opts.interface.clone(),
                port: self.opts.local_port,
                range: self.opts.local_port_range,
            },
            happy_eyeballs: Duration::from_millis(self.opts.happy_eyeballs_ms),
        };
        let budget = self.connect_budget();
        let connector = Connector::new(sockaddrs, config)
            .with_hooks(self.hooks.socket_hooks())
            .with_verbose(self.hooks.wants_debug())
            .with_deadline(self.started.unwrap_or(now) + budget);
        self.phase = Phase::Connecting(Box::new(connector));
        Ok(())
    }

    /// `CURLOPT_NETRC`: the credentials a `.netrc` gives the request's host, as libcurl's
    /// override_login takes them: not with `CURLOPT_USERNAME` or `CURLOPT_PASSWORD`, nor
    /// with a password in the URL unless the file is required; for the URL's user when it
    /// names one. Without an answer, the URL's credentials stay.
    fn netrc_credentials(&mut self) -> Result<Option<(String, String)>> {
        if self.opts.netrc == 0 || self.opts.username.is_some() || self.opts.password.is_some() {
            return Ok(None);
        }
        let url = self.url.as_ref().expect("URL parsed in setup");
        let required = self.opts.netrc == 2;
        let url_user = url.user().map(|u| decode_userinfo(&u));
        if !required && url.password().is_some() {
            return Ok(None);
        }
        let host = url.host_for_connect().map(|h| h.0).unwrap_or_default();
        let path = match &self.opts.netrc_file {
            Some(f) => Some(std::path::PathBuf::from(f)),
            None => crate::netrc::default_path(),
        };
        let found = path.map_or(crate::netrc::Lookup::NotFound, |p| {
            crate::netrc::lookup_file(&p, &host, url_user.as_deref())
        });
        match found {
            crate::netrc::Lookup::NotFound => {
                let file = self.opts.netrc_file.clone().unwrap_or("(nil)".into());
                self.verbose(|| {
                    format!("Couldn't find host {host} in the {file} file; using defaults")
                });
                Ok(None)
            }
            crate::netrc::Lookup::Broken => Err(Error::new(Code::ReadError, ".netrc parser error")),
            crate::netrc::Lookup::Found { login, password } => {
                let Some(password) = password else {
                    return Ok(None);
                };
                // HTTP takes control codes in credentials: libcurl checks only for the
                // protocols that cannot.
                let user = login.or(url_user).unwrap_or_default();
                Ok(Some((user, password)))
            }
        }
    }

    /// Builds the request for the current URL and starts sending it.
    fn start_request(&mut self, now: Instant) -> Result<()> {
        let addresses = self
            .conn
            .as_ref()
            .map(|c| (c.stream.peer.clone(), c.stream.local))
            .or_else(|| self.seat_addresses());
        if let Some((peer, local)) = addresses {
            let local_ip = local.map(|l| l.ip().to_string()).unwrap_or_default();
            let local_port = local.map_or(0, |l| l.port());
            let (peer_ip, peer_port) = self.peer_address(&peer);
            if !self
                .hooks
                .prereq(&peer_ip, &local_ip, peer_port, local_port)
            {
                return Err(Error::new(
                    Code::AbortedByCallback,
                    "operation aborted by pre-request callback",
                ));
            }
        }
        let url = self.url.as_ref().expect("URL parsed in setup");
        let req = self.effective_req();
        let kind = match req {
            HttpReq::Get => RequestKind::Get,
            HttpReq::Head => RequestKind::Head,
            HttpReq::Post => RequestKind::Post,
            HttpReq::Put => RequestKind::Put,
        };
        // The port compared is the one in use (CURLOPT_PORT included), as recorded for the
        // first request.
        let url_port = self.url_port;
        let same_origin = self.first_origin.as_ref().is_none_or(|(h, p)| {
            url.host_for_connect()
                .is_some_and(|c| h.eq_ignore_ascii_case(&c.0))
                && *p == url_port
        });
        let mut auth_allowed = same_origin || self.opts.unrestricted_auth;
        if let Some(c) = url_credentials(url) {
            self.url_auth = Some(c);
        }
        let netrc = self.netrc_auth.clone();
        // Through an HTTP proxy that forwards requests (no tunnel).
        let forward = self.proxy.is_some() && self.tunnel == Tunnel::NotUsed;
        let proxy_auth = if forward {
            self.proxy_credentials()
        } else {
            None
        };
        let url = self.url.as_ref().expect("URL parsed in setup");
        let credentials = match (&self.opts.username, &self.opts.password) {
            // Credentials from a .netrc may go to any host (libcurl's bits.netrc).
            (None, None) if netrc.is_some() => {
                auth_allowed = true;
                netrc.map(|(user, password)| Auth::Basic { user, password })
            }
            (None, None) => self
                .url_auth
                .clone()
                .map(|(user, password)| Auth::Basic { user, password }),
            (u, p) => Some(Auth::Basic {
                user: u.clone().unwrap_or_default(),
                password: p.clone().unwrap_or_default(),
            }),
        };
        // With credentials, the method picked so far (or the wanted set) says whether
        // Basic goes out now; a challenge to this request may pick it for the next.
        let host_credentials = credentials.is_some();
        let auth = credentials.filter(|_| self.auth.host.basic_now());
        let body = match req {
            HttpReq::Post => match &self.body {
                PostBody::Bytes(b) => {
                    let len = if self.opts.postfieldsize >= 0 {
                        (self.opts.postfieldsize as usize).min(b.len())
                    } else {
                        b.len()
                    };
                    RequestBody::Fields(b[..len].to_vec())
                }
                PostBody::None => {
                    if self.hooks.has_reader() {
                        RequestBody::Stream {
                            size: u64::try_from(self.opts.postfieldsize).ok(),
                        }
                    } else {
                        RequestBody::Fields(Vec::new())
                    }
                }
            },
            HttpReq::Put => RequestBody::Stream {
                size: u64::try_from(self.opts.infilesize).ok(),
            },
            _ => RequestBody::None,
        };
        let default_port =
            crate::url::default_port(url.scheme().as_deref().unwrap_or("http")).unwrap_or(80);
        let spec = RequestSpec {
            kind,
            no_body: self.opts.no_body,
            custom_method: if self.method_to_get {
                None
            } else {
                self.opts.custom_request.clone()
            },
            target: self.opts.request_target.clone().unwrap_or_else(|| {
                if forward {
                    proxy_request_target(url, self.url_port)
                } else {
                    String::from_utf8_lossy(&url.request_target()).into_owned()
                }
            }),
            http10: self.opts.http_version == HttpVersion::V1_0
                || self.server_http10
                || self.conn.as_ref().is_some_and(|c| c.http10),
            host: request::host_header_value(
                &url.host_for_connect().map(|h| h.0).unwrap_or_default(),
                self.url_port,
                default_port,
            ),
            custom_host_allowed: same_origin,
            auth: if auth_allowed { auth } else { None },
            auth_allowed_to_host: auth_allowed,
            range: self.opts.range.clone(),
            resume_from: self.opts.resume_from,
            user_agent: self.opts.useragent.clone(),
            accept_encoding: self
                .opts
                .accept_encoding
                .as_deref()
                .map(request::accept_encoding_value),
            transfer_encoding: self.opts.transfer_encoding,
            referer: self.referer.clone().or_else(|| self.opts.referer.clone()),
            cookie: self.opts.cookie.clone(),
            jar_cookies: Vec::new(),
            time_condition: match self.opts.time_condition {
                crate::options::TimeCondition::None => request::TimeCondition::None,
                crate::options::TimeCondition::IfModifiedSince => {
                    request::TimeCondition::IfModifiedSince(self.opts.time_value)
                }
                crate::options::TimeCondition::IfUnmodifiedSince => {
                    request::TimeCondition::IfUnmodifiedSince(self.opts.time_value)
                }
                crate::options::TimeCondition::LastModified => {
                    request::TimeCondition::LastModified(self.opts.time_value)
                }
            },
            headers: self.opts.http_headers.clone(),
            body,
            disable_expect: self.disable_expect,
            proxy_auth,
            // Either list naming it keeps ours out, as in libcurl.
            proxy_keepalive: forward
                && !self.proxy_header_set("Proxy-Connection")
                && request::find_custom(&self.opts.http_headers, "Proxy-Connection").is_none(),
            proxy_headers: if forward && self.opts.header_separate {
                self.opts.proxy_headers.clone()
            } else {
                Vec::new()
            },
        };
        let mut plan = request::plan_request(&spec).map_err(http_error)?;
        if self.hooks.wants_debug() {
            self.hooks.debug(DebugKind::HeaderOut, &plan.head);
            if !plan.inline_body.is_empty() {
                // What follows the head in its buffer is body, shown as data.
                self.hooks.debug(DebugKind::DataOut, &plan.inline_body);
            }
        }
        let head_len = plan.head.len() as u64;
        // Like libcurl, the sizes add up over the requests of a transfer (redirects), and
        // the scheme and Referer are those of the request on the wire.
        let scheme = url.scheme().map(|s| s.to_ascii_uppercase());
        let referer = spec.referer.clone();
        if req == HttpReq::Put && self.opts.resume_from > 0 {
            self.skip_upload_start(self.opts.resume_from as u64)?;
        }
        let mut header_base = 0;
        let first = self.requests_made == 0;
        self.requests_made += 1;
        let mut request = 0;
        // Under a send limit, the head's buffer carries at most the limit's worth of the
        // fields, as libcurl's first send; the rest goes as the upload, limited.
        let limit = usize::try_from(self.opts.max_send_speed).unwrap_or(usize::MAX);
        if limit > 0
            && !plan.chunked_upload
            && matches!(spec.body, RequestBody::Fields(_))
            && plan.inline_body.len() > limit
        {
            plan.inline_body.truncate(limit);
        }
        // libcurl counts the body sent in the head's buffer as part of the request.
        let inline_len = plan.inline_body.len();
        let upload_size = self.known_upload_size(req, &spec.body);
        self.with_info(|i| {
            i.request_size += head_len + inline_len as u64;
            if let Some(size) = upload_size {
                i.content_length_upload = size;
            }
            i.scheme = scheme;
            i.referer = referer;
            header_base = i.header_size;
            if !first {
                i.requests += 1;
            }
            request = i.requests;
        });
        self.out = plan.head;
        self.out.extend_from_slice(&plan.inline_body);
        self.out_pos = 0;
        let pretransfer = self.stamp(now);
        self.with_info(|i| i.pretransfer = pretransfer);
        let from_memory = matches!(spec.body, RequestBody::Fields(_));
        self.upload = match &spec.body {
            RequestBody::None => None,
            RequestBody::Fields(f) => Some(Upload {
                remaining: Some((f.len() - inline_len) as u64),
                chunked: false,
                from_memory: from_memory.then_some(inline_len),
                finished: f.len() == inline_len,
                sent: inline_len as u64,
            }),
            RequestBody::Stream { .. } => Some(Upload {
                remaining: plan.upload_size,
                chunked: plan.chunked_upload,
                from_memory: None,
                finished: plan.upload_size == Some(0) && !plan.chunked_upload,
                sent: 0,
            }),
        };
        self.awaiting_continue = plan.expect_100;
        self.expect_deadline = plan
            .expect_100
            .then(|| now + Duration::from_millis(self.opts.expect_100_timeout_ms));
        self.response = Response::new(&self.opts, self.pause.clone(), self.info.clone());
        self.response.set_request(req, self.opts.no_body);
        self.response.set_position(header_base, request);
        let proxy_credentials = forward && self.proxy.as_ref().is_some_and(|p| p.user.is_some());
        self.response
            .set_auth(self.auth, host_credentials, proxy_credentials);
        self.keep_auth();
        self.phase = Phase::Sending;
        if self.seat.is_some() {
            // On a pipe the request goes out through the pipe's queue.
            self.send_piped();
            self.phase = Phase::Receiving;
        }
        Ok(())
    }

    /// `CURLINFO_CONTENT_LENGTH_UPLOAD` as a request sets it (None: left as it is): 0 for
    /// GET and HEAD, the body's size, -1 when unknown; a POST from the read callback of
    /// size 0 sets nothing, as in libcurl.
    fn known_upload_size(&self, req: HttpReq, body: &RequestBody) -> Option<i64> {
        match (req, body) {
            (HttpReq::Get | HttpReq::Head, _) => Some(0),
            (_, RequestBody::None) => None,
            (_, RequestBody::Fields(f)) => Some(f.len() as i64),
            (HttpReq::Post, RequestBody::Stream { size: Some(0) }) => None,
            (_, RequestBody::Stream { size }) => Some(size.map_or(-1, |s| s as i64)),
        }
    }

    /// The connection's socket to wait on: for `interest`, and for writability too while
    /// the TLS layer holds output the socket has not taken.
    fn conn_watch(&self, interest: Interest) -> Option<Watch> {
        self.conn.as_ref().map(|c| Watch {
            fd: c.stream.fd(),
            id: c.stream.id(),
            interest: if c.stream.wants_write() || self.pipe_wants_write() {
                Interest::Both
            } else {
                interest
            },
        })
    }

    /// Sends what is pending: the head, then the body. `Ok(None)` once all is sent (or the
    /// body waits for `100 Continue`), which moves on to receiving.
    fn send(&mut self, shared: &mut Shared, now: Instant) -> Result<Option<Step>> {
        loop {
            if self.out_pos < self.out.len() {
                let conn = self.conn.as_mut().expect("connected while sending");
                match conn.stream.send(&self.out[self.out_pos..]) {
                    Ok(n) => {
                        self.out_pos += n;
                        continue;
                    }
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                        if self.early_response(shared)? {
                            self.phase = Phase::Receiving;
                            return Ok(None);
                        }
                        return Ok(Some(self.wait(self.conn_watch(Interest::Both), now)));
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => return self.send_failed(e).map(|()| None),
                }
            }
            if let Some(up) = &self.upload {
                let sent = up.sent;
                self.with_info(|i| i.size_upload = sent);
            }
            if self.awaiting_continue {
                self.phase = Phase::Receiving;
                return Ok(None);
            }
            if self.pause.send_paused() {
                if self.early_response(shared)? {
                    self.phase = Phase::Receiving;
                    return Ok(None);
                }
                // A callback may have unpaused while the response came in.
                if self.pause.send_paused() {
                    return Ok(Some(self.paused_wait(Interest::Write, now)));
                }
                continue;
            }
            if let Some(wait) = self.rate_wait(now) {
                return Ok(Some(wait));
            }
            if !self.fill_upload()? {
                self.phase = Phase::Receiving;
                return Ok(None);
            }
        }
    }

    /// The rate limits, checked before more data moves (as a pass over the socket starts,
    /// before each piece of the upload): too fast, and the transfer is held back until the
    /// average is under the limit again. Meanwhile it watches no socket, as libcurl's
    /// `MSTATE_RATELIMITING` (an event loop hears the socket removed), and its deadline is
    /// the end of the wait (libcurl's `EXPIRE_TOOFAST` timer).
    fn rate_wait(&mut self, now: Instant) -> Option<Step> {
        let (received, sent) = self.bytes_moved();
        let wake = self.rate.as_mut()?.check(received, sent, now)?;
        let deadline = self.deadline(now).map_or(wake, |d| d.min(wake));
        self.idle = true;
        Some(Step::Wait {
            socket: None,
            deadline: Some(deadline),
        })
    }

    /// Held back by the rate limits at the last step.
    fn rate_limited(&self) -> bool {
        self.rate.as_ref().is_some_and(RateLimit::is_limiting)
    }

    /// A resumed upload starts `offset` bytes into the data: seek there, or read and drop
    /// that much when the source cannot seek, as libcurl does.
    fn skip_upload_start(&mut self, offset: u64) -> Result<()> {
        match self.hooks.seek(offset) {
            SeekOutcome::Ok => return Ok(()),
            SeekOutcome::Fail => return Err(Error::new(Code::ReadError, "Could not seek stream")),
            SeekOutcome::CantSeek => {}
        }
        let mut buf = std::mem::take(&mut self.upload_buf);
        let mut passed = 0u64;
        let result = loop {
            if passed >= offset {
                break Ok(());
            }
            buf.resize(((offset - passed) as usize).min(UPLOAD_CHUNK), 0);
            match self.hooks.read(&mut buf) {
                ReadOutcome::Data(n) if n > 0 => passed += n as u64,
                ReadOutcome::Abort => {
                    break Err(Error::new(
                        Code::AbortedByCallback,
                        "operation aborted by callback",
                    ))
                }
                _ => {
                    break Err(Error::new(
                        Code::PartialFile,
                        format!("Could only read {passed} bytes from the input"),
                    ))
                }
            }
        };
        self.upload_buf = buf;
        result
    }

    /// While the request body is still to go out, the server may already answer (typically
    /// an error, without reading the rest). Reads what has arrived; true when sending stops:
    /// libcurl stops on a final response of 300 or more unless
    /// CURLOPT_KEEP_SENDING_ON_ERROR is set, and the connection is then not reused.
    fn early_response(&mut self, shared: &mut Shared) -> Result<bool> {
        let mut buf = std::mem::take(&mut shared.recv_buf);
        buf.resize(self.opts.buffer_size, 0);
        let result = self.early_response_into(&mut buf);
        shared.recv_buf = buf;
        result
    }

    fn early_response_into(&mut self, buf: &mut [u8]) -> Result<bool> {
        loop {
            let Some(conn) = self.conn.as_mut() else {
                return Ok(false);
            };
            let n = match conn.stream.recv(buf) {
                Ok(0) => return Ok(true), // closed: what remains is read as the response
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(false),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                // The receiving side reports the error.
                Err(_) => return Ok(true),
            };
            if !self.response.got_anything() {
                let t = self.started.map_or(Duration::ZERO, |s| s.elapsed());
                self.with_info(|i| i.starttransfer = t);
            }
            let outcome = self
                .response
                .feed(&buf[..n], &mut *self.hooks, &self.info)?;
            let error = self.response.head_done() && self.response.code() >= 300;
            let stop = error && !self.opts.keep_sending_on_error;
            if let RecvOutcome::Complete = outcome {
                // The rest of the body still goes out unless the answer was an error.
                self.complete_pending = true;
                return Ok(stop);
            }
            if stop {
                return Ok(true);
            }
        }
    }

    /// Queues the next piece of the body into `out`. False when nothing is left to send.
    fn fill_upload(&mut self) -> Result<bool> {
        let Some(up) = self.upload.as_mut() else {
            return Ok(false);
        };
        if up.finished {
            return Ok(false);
        }
        self.out.clear();
        self.out_pos = 0;
        if let (Some(off), PostBody::Bytes(b)) = (up.from_memory, &self.body) {
            let end = (off + up.remaining.unwrap_or(0) as usize).min(b.len());
            let mut take = end.saturating_sub(off);
            // Under a send limit, the fields go in pieces of at most the limit, as
            // libcurl's reader of them hands over (and never more than an upload buffer),
            // so that the limit is checked between them.
            let limit = self.opts.max_send_speed;
            if limit > 0 {
                take = take
                    .min(self.opts.upload_buffer_size)
                    .min(usize::try_from(limit).unwrap_or(usize::MAX));
            }
            push_upload(&mut self.out, &b[off..off + take], self.opts.crlf);
            up.sent += self.out.len() as u64;
            up.from_memory = Some(off + take);
            up.remaining = Some((end - off - take) as u64);
            up.finished = end == off + take;
            let finished = up.finished;
            if self.hooks.wants_debug() && !self.out.is_empty() {
                self.hooks.debug(DebugKind::DataOut, &self.out);
                if finished {
                    self.verbose(|| "We are completely uploaded and fine".into());
                }
            }
            return Ok(!self.out.is_empty());
        }
        // The read callback is asked for an upload buffer's worth, as libcurl asks, less
        // the room a chunk's framing takes.
        let buffer = if up.chunked {
            self.opts.upload_buffer_size - CHUNK_FRAMING
        } else {
            self.opts.upload_buffer_size
        };
        let want = match up.remaining {
            Some(r) => (r as usize).min(buffer),
            None => buffer,
        };
        // The read buffer is reused for every chunk of the upload.
        let mut buf = std::mem::take(&mut self.upload_buf);
        buf.resize(want.max(1), 0);
        let outcome = self.hooks.read(&mut buf);
        let n = match outcome {
            ReadOutcome::Data(n) => n,
            ReadOutcome::Abort => {
                return Err(Error::new(
                    Code::AbortedByCallback,
                    "operation aborted by callback",
                ))
            }
            ReadOutcome::Fail => {
                return Err(Error::new(
                    Code::ReadError,
                    "read function returned funny value",
                ))
            }
            // Nothing to send until the application unpauses.
            ReadOutcome::Pause => {
                self.pause.pause_send();
                self.upload_buf = buf;
                return Ok(true);
            }
        };
        let chunked = self.upload.as_ref().is_some_and(|u| u.chunked);
        if chunked && n == 0 {
            self.out.extend_from_slice(b"0\r\n");
            if self.add_trailers()? {
                self.verbose(|| "Signaling end of chunked upload after trailers.".into());
            } else {
                self.verbose(|| "Signaling end of chunked upload via terminating chunk.".into());
            }
            self.out.extend_from_slice(b"\r\n");
        }
        let up = self.upload.as_mut().expect("checked above");
        if up.chunked {
            if n == 0 {
                up.finished = true;
            } else {
                // The chunk's size is the data's before CURLOPT_CRLF adds to it, as libcurl.
                self.out.extend_from_slice(format!("{n:x}\r\n").as_bytes());
                push_upload(&mut self.out, &buf[..n], self.opts.crlf);
                self.out.extend_from_slice(b"\r\n");
            }
        } else if n == 0 {
            if let Some(r) = up.remaining {
                if r > 0 {
                    return Err(Error::bare(Code::PartialFile));
                }
            }
            up.finished = true;
            return Ok(false);
        } else {
            push_upload(&mut self.out, &buf[..n], self.opts.crlf);
            // What goes out counts against the size, as libcurl counts written bytes.
            let sent = self.out.len() as u64;
            if let Some(r) = up.remaining.as_mut() {
                *r -= sent.min(*r);
                if *r == 0 {
                    up.finished = true;
                }
            }
        }
        // libcurl counts what it sends, chunk framing (and CURLOPT_CRLF's CRs) included.
        up.sent += self.out.len() as u64;
        // A body of known size is done once that much went out (a chunked one says so
        // at its last chunk).
        let sized_done = up.finished && !up.chunked;
        self.upload_buf = buf;
        if self.hooks.wants_debug() && !self.out.is_empty() {
            self.hooks.debug(DebugKind::DataOut, &self.out);
            if sized_done {
                self.verbose(|| "We are completely uploaded and fine".into());
            }
        }
        Ok(true)
    }

    /// `CURLOPT_TRAILERFUNCTION`'s trailers after the last chunk: only `Name: value` lines
    /// (a colon and a space), as libcurl keeps them.
    /// True when there was a trailer callback.
    fn add_trailers(&mut self) -> Result<bool> {
        let Some(answer) = self.hooks.trailers() else {
            return Ok(false);
        };
        // libcurl says so before calling the callback, which prints nothing itself.
        self.verbose(|| "Moving trailers state machine from initialized to sending.".into());
        let lines = answer.map_err(|()| {
            Error::new(
                Code::AbortedByCallback,
                "operation aborted by trailing headers callback",
            )
        })?;
        for line in lines {
            if line
                .find(':')
                .is_some_and(|i| line[i + 1..].starts_with(' '))
            {
                self.out.extend_from_slice(line.as_bytes());
                self.out.extend_from_slice(b"\r\n");
            } else {
                self.verbose(|| "Malformatted trailing header, skipping trailer".into());
            }
        }
        self.verbose(|| "Successfully compiled trailers.".into());
        Ok(true)
    }

    fn send_failed(&mut self, e: io::Error) -> Result<()> {
        if self.reused && !self.response.got_anything() && self.retries < MAX_RETRIES {
            return self.retry();
        }
        self.with_info(|i| i.os_errno = e.raw_os_error().unwrap_or(0));
        Err(Error::new(
            Code::SendError,
            format!("Send failure: {}", os_text(&e)),
        ))
    }

    /// The reused connection was dead: send the same request again on a new connection.
    fn retry(&mut self) -> Result<()> {
        self.retries += 1;
        self.drop_conn();
        let n = self.retries;
        self.verbose(|| format!("Connection died, retrying a fresh connect (retry count: {n})"));
        self.rewind_upload()?;
        let url = self.url.as_ref().map(|u| u.to_url_string());
        self.next_url = url;
        self.phase = Phase::Setup;
        Ok(())
    }

    /// Reads and processes response bytes. `Ok(None)` when the response is complete.
    fn receive(&mut self, shared: &mut Shared, now: Instant) -> Result<Option<Step>> {
        if self.seat.is_some() && !self.response.holding() && !self.complete_pending {
            match self.take_seat()? {
                piped::Seat::Waiting => return Ok(Some(self.parked(now))),
                piped::Seat::Draining => {
                    return Ok(Some(self.wait(self.conn_watch(Interest::Read), now)));
                }
                piped::Seat::None => {
                    // Sent again: set up anew at once.
                    return Ok(Some(Step::Wait {
                        socket: None,
                        deadline: Some(now),
                    }));
                }
                piped::Seat::Head => {
                    self.waiting_turn = false;
                    if self.feed_leftover()? {
                        return self.response_complete(now);
                    }
                }
            }
        }
        // Data held for an unpause goes first; while receiving is paused nothing is read.
        if (self.response.holding() || self.pause.recv_paused())
            && (!self.response.flush(&mut *self.hooks)? || self.pause.recv_paused())
        {
            return Ok(Some(self.paused_wait(Interest::Read, now)));
        }
        if self.complete_pending {
            self.complete_pending = false;
            return self.response_done();
        }
        // Reads go into the engine's buffer, of CURLOPT_BUFFERSIZE.
        let mut buf = std::mem::take(&mut shared.recv_buf);
        buf.resize(self.opts.buffer_size, 0);
        let result = self.receive_into(&mut buf, now);
        shared.recv_buf = buf;
        result
    }

    fn receive_into(&mut self, buf: &mut [u8], now: Instant) -> Result<Option<Step>> {
        // Under a rate limit, as libcurl: the limit is checked as a pass starts, and a pass
        // reads while data is there but at most this many buffers, then comes back at once
        // (checking the limit again).
        if let Some(wait) = self.rate_wait(now) {
            return Ok(Some(wait));
        }
        let mut reads_left = self.rate.map(|_| RATE_LIMITED_READS);
        loop {
            if let Some(left) = reads_left.as_mut() {
                if *left == 0 {
                    return Ok(Some(Step::Wait {
                        socket: self.conn_watch(Interest::Read),
                        deadline: Some(now),
                    }));
                }
                *left -= 1;
            }
            let conn = self.conn.as_mut().expect("connected while receiving");
            let n = match conn.stream.recv(buf) {
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    return Ok(Some(self.wait(self.conn_watch(Interest::Read), now)));
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    if self.reused && !self.response.got_anything() && self.retries < MAX_RETRIES {
                        self.retry()?;
                        return Ok(Some(Step::Wait {
                            socket: None,
                            deadline: Some(now),
                        }));
                    }
                    self.with_info(|i| i.os_errno = e.raw_os_error().unwrap_or(0));
                    return Err(Error::new(
                        Code::RecvError,
                        format!("Recv failure: {}", os_text(&e)),
                    ));
                }
            };
            if n == 0 {
                if self.reused && !self.response.got_anything() && self.retries < MAX_RETRIES {
                    self.retry()?;
                    return Ok(Some(Step::Wait {
                        socket: None,
                        deadline: Some(now),
                    }));
                }
                self.response.on_eof(&mut *self.hooks)?;
                self.drop_conn();
                return self.response_complete(now);
            }
            if !self.response.got_anything() {
                let t = self.stamp(now);
                self.with_info(|i| i.starttransfer = t);
            }
            let outcome = self
                .response
                .feed(&buf[..n], &mut *self.hooks, &self.info)?;
            match outcome {
                RecvOutcome::More => {}
                RecvOutcome::Continue => {
                    // 100 Continue: the body may go now.
                    if self.awaiting_continue {
                        self.awaiting_continue = false;
                        self.expect_deadline = None;
                        self.phase = Phase::Sending;
                        return Ok(Some(Step::Wait {
                            socket: None,
                            deadline: Some(now),
                        }));
                    }
                }
                RecvOutcome::Complete => {
                    self.keep_excess(&buf[..n]);
                    return self.response_complete(now);
                }
            }
            self.note_head_length();
        }
    }

    /// A paused transfer waits for an unpause (`curl_easy_perform` still passes once a
    /// second, calling the progress callback, from which applications usually unpause). As
    /// libcurl, a paused direction is not watched: a paused send still reads the response,
    /// a paused receive (or data held for an unpause) watches nothing, so an event loop
    /// hears the socket removed until the transfer goes on.
    fn paused_wait(&mut self, interest: Interest, now: Instant) -> Step {
        let deadline = self.deadline(now);
        let socket = match interest {
            Interest::Read => None,
            _ if self.pause.recv_paused() => None,
            _ => self.conn_watch(Interest::Read),
        };
        self.idle = socket.is_none();
        Step::Wait { socket, deadline }
    }

    /// The last step left the transfer with no socket to watch and no lookup to wait for
    /// (paused, or a file:// transfer): only its timer or an unpause moves it on.
    pub fn is_idle(&self) -> bool {
        self.idle
    }

    /// What the transfer watches now that the application paused or unpaused receiving
    /// (from outside its callbacks), when that is known without stepping it: nothing once
    /// receiving is paused, its connection again when an unpause finds more of the response
    /// to come. libcurl's socket callback hears of both inside `curl_easy_pause`.
    pub fn watch_after_pause(&self) -> Option<Option<Watch>> {
        if !matches!(self.phase, Phase::Receiving) || self.seat.is_some() || self.rate_limited() {
            return None;
        }
        if self.pause.recv_paused() {
            return Some(None);
        }
        if self.idle && !self.complete_pending {
            return Some(self.conn_watch(Interest::Read));
        }
        None
    }

    /// The response is complete; with data still held for an unpause it is finished once
    /// that is handed over.
    fn response_complete(&mut self, now: Instant) -> Result<Option<Step>> {
        if self.response.holding() {
            self.complete_pending = true;
            return Ok(Some(self.paused_wait(Interest::Read, now)));
        }
        self.response_done()
    }

    /// The whole response is in: decide about the connection and a redirect.
    fn response_done(&mut self) -> Result<Option<Step>> {
        if self.tunnel == Tunnel::Requested {
            // The proxy's answer to CONNECT: `tunnel_answered` takes it from here.
            return Ok(None);
        }
        // A 417 while the body still waited for `100 Continue`.
        let expect_refused = self.response.code() == 417 && self.awaiting_continue;
        if self.awaiting_continue || self.upload.as_ref().is_some_and(|u| !u.finished) {
            // The server answered before taking the whole body: the connection cannot carry
            // another request.
            self.drop_conn();
            self.awaiting_continue = false;
        }
        if !self.response.keep_alive() {
            self.drop_conn();
        }
        if self.response.http10() {
            self.server_http10 = true;
            if let Some(c) = &mut self.conn {
                c.http10 = true;
            }
        }
        let code = self.response.code();
        if expect_refused && !self.disable_expect {
            // The server refused `Expect: 100-continue`: the same request goes again
            // without it, as libcurl does.
            self.verbose(|| "Got 417 while waiting for a 100".into());
            self.disable_expect = true;
            self.repeat = true;
            self.next_url = self.url.as_ref().map(|u| u.to_url_string());
            return Ok(None);
        }
        self.auth = self.response.auth();
        self.keep_auth();
        if self.response.auth_retry() {
            // The challenge picked Basic: the same request goes again, with credentials.
            self.auth_picked = true;
            self.repeat = true;
            self.next_url = self.url.as_ref().map(|u| u.to_url_string());
            return Ok(None);
        }
        if let Some(location) = self.response.location() {
            let base = self.redirect_base();
            let follow = self.opts.follow_location && (300..400).contains(&code);
            // As libcurl: a followed Location is URL-encoded, one only reported is not.
            let flags = crate::url::ParseFlags {
                urlencode: follow,
                allow_space: true,
                path_as_is: self.opts.path_as_is,
                ..Default::default()
            };
            match base.join_with(location.as_bytes(), flags) {
                Ok(target) if follow => self.next_url = Some(target.to_url_string()),
                Ok(target) => {
                    let abs = target.to_url_string();
                    self.with_info(|i| i.redirect_url = Some(abs));
                }
                Err(e) if follow => {
                    let code = if e == crate::url::UrlError::UnsupportedScheme {
                        Code::UnsupportedProtocol
                    } else {
                        Code::UrlMalformat
                    };
                    return Err(Error::new(
                        code,
                        format!(
                            "The redirect target URL could not be parsed: {}",
                            e.message()
                        ),
                    ));
                }
                // Only reported: libcurl then hands the Location on as it came.
                Err(_) => self.with_info(|i| i.redirect_url = Some(location)),
            }
        }
        Ok(None)
    }

    /// The URL a Location is resolved against. libcurl stores CURLOPT_USERNAME/PASSWORD in
    /// its URL handle, so they show up in the URL of a redirect on the same host.
    fn redirect_base(&self) -> Url {
        let mut base = self.url.clone().expect("URL set");
        let flags = crate::url::ParseFlags {
            urlencode: true,
            ..Default::default()
        };
        if let Some(u) = &self.opts.username {
            let _ = base.set_user(Some(u), flags);
        }
        if let Some(p) = &self.opts.password {
            let _ = base.set_password(Some(p), flags);
        }
        base
    }

    /// Moves on to the redirect target, applying libcurl's method rules.
    fn prepare_redirect(&mut self, shared: &mut Shared, now: Instant) -> Result<()> {
        // The response is complete: its connection is reusable whatever happens next.
        self.leave_pipe(shared, true, now);
        if let Some(c) = self.conn.take() {
            self.pool_conn(shared, c, now);
        }
        if std::mem::take(&mut self.repeat) {
            self.rewind_upload()?;
            self.phase = Phase::Setup;
            return Ok(());
        }
        if self.opts.max_redirs >= 0 && self.redirects as i64 >= self.opts.max_redirs {
            // libcurl keeps the URL it would have followed for CURLINFO_REDIRECT_URL.
            let target = self.next_url.take();
            self.with_info(|i| i.redirect_url = target);
            return Err(Error::new(
                Code::TooManyRedirects,
                format!("Maximum ({}) redirects followed", self.opts.max_redirs),
            ));
        }
        // The URL that the transfer is now at, even if going there fails below.
        if let Some(next) = &self.next_url {
            let next = next.clone();
            if self.hooks.wants_debug() {
                let line = format!("Issue another request to this URL: '{next}'");
                self.verbose(|| line);
            }
            self.with_info(|i| i.effective_url = next);
        }
        self.redirects += 1;
        let code = self.response.code();
        let count = self.redirects;
        let elapsed = self.stamp(now);
        self.with_info(|i| {
            i.redirect_count = count;
            i.redirect = elapsed;
        });
        if self.opts.auto_referer {
            self.referer = self.url.as_ref().map(referer_of);
        }
        let req = self.effective_req();
        let post_redir = self.opts.post_redir;
        let to_get = match code {
            301 => req == HttpReq::Post && post_redir & 1 == 0,
            302 => req == HttpReq::Post && post_redir & 2 == 0,
            303 => req != HttpReq::Head && !(req == HttpReq::Post && post_redir & 4 != 0),
            _ => false,
        };
        if to_get {
            self.method_to_get = true;
            let m = self.method_name();
            self.with_info(|i| i.effective_method = m);
        } else {
            self.rewind_upload()?;
        }
        self.phase = Phase::Setup;
        Ok(())
    }

    /// An upload that is sent again (redirect, retry, auth) starts over: a body from a read
    /// callback is rewound by the application's callbacks (or CURLE_SEND_FAIL_REWIND).
    fn rewind_upload(&mut self) -> Result<()> {
        if let Some(up) = &self.upload {
            if up.sent > 0 && up.from_memory.is_none() {
                self.hooks
                    .rewind()
                    .map_err(|text| Error::new(Code::SendFailRewind, text))?;
            }
        }
        Ok(())
    }
}

/// Appends upload data to `out`; with `CURLOPT_CRLF` every LF goes as CRLF.
fn push_upload(out: &mut Vec<u8>, data: &[u8], crlf: bool) {
    if !crlf {
        out.extend_from_slice(data);
        return;
    }
    for line in data.split_inclusive(|&b| b == b'\n') {
        match line.split_last() {
            Some((b'\n', text)) => {
                out.extend_from_slice(text);
                out.extend_from_slice(b"\r\n");
            }
            _ => out.extend_from_slice(line),
        }
    }
}

/// The text of an OS error as libcurl prints it (`strerror`).
fn os_text(e: &io::Error) -> String {
    match e.raw_os_error() {
        Some(code) => {
            let s = io::Error::from_raw_os_error(code).to_string();
            // Rust appends " (os error N)"; libcurl shows only strerror's text.
            s.split(" (os error").next().unwrap_or(&s).to_string()
        }
        None => e.to_string(),
    }
}

#[cfg(test)]
mod crlf_tests {
    use super::push_upload;

    #[test]
    fn crlf_turns_every_lf_into_crlf() {
        let mut out = Vec::new();
        push_upload(&mut out, b"a\nb\r\n\nc", true);
        assert_eq!(out, b"a\r\nb\r\r\n\r\nc");
        out.clear();
        push_upload(&mut out, b"a\nb", false);
        assert_eq!(out, b"a\nb");
    }
}
