//! The parts of a transfer that go through a proxy: credentials and headers for it, the
//! CONNECT tunnel of an HTTP proxy, and the handshake of a SOCKS proxy.

use std::io;
use std::time::Instant;

use super::{os_text, Phase, Transfer, Tunnel};
use crate::engine::hooks::DebugKind;
use crate::engine::response::Response;
use crate::engine::Shared;
use crate::error::{Code, Error, Result};
use crate::http::request::{self, Auth};
use crate::net::socks::{self, Handshake, SocksVersion};
use crate::proxy::ProxyKind;
use crate::resolve;

/// Handshake replies are a few bytes; this reads them without taking much more.
const SOCKS_READ: usize = 512;

impl Transfer {
    /// The proxy credentials to send now: Basic, when that is the method picked (Basic
    /// alone asked for, or a 407 offered it) and the application sends no
    /// `Proxy-Authorization` of its own, as libcurl.
    pub(super) fn proxy_credentials(&mut self) -> Option<Auth> {
        let p = self.proxy.as_ref()?;
        let user = p.user.clone()?;
        let password = p.password.clone().unwrap_or_default();
        if !self.auth.proxy.basic_now() || self.proxy_header_set("Proxy-Authorization") {
            return None;
        }
        Some(Auth::Basic { user, password })
    }

    /// Whether the application sends header `name` to the proxy itself: in
    /// `CURLOPT_PROXYHEADER` with `CURLHEADER_SEPARATE`, else in `CURLOPT_HTTPHEADER`.
    pub(super) fn proxy_header_set(&self, name: &str) -> bool {
        let headers = if self.opts.header_separate {
            &self.opts.proxy_headers
        } else {
            &self.opts.http_headers
        };
        request::find_custom(headers, name).is_some()
    }

    /// Sends CONNECT for the tunnel to the origin; its answer is read as a response whose
    /// headers carry the CONNECT origin.
    pub(super) fn start_tunnel(&mut self) -> Result<()> {
        let proxy = self.proxy.clone().expect("a tunnel goes through a proxy");
        let (host, port) = &self.tunnel_target;
        let authority = if host.contains(':') {
            format!("[{host}]:{port}")
        } else {
            format!("{host}:{port}")
        };
        let spec = request::ConnectSpec {
            authority: authority.clone(),
            http10: proxy.kind == ProxyKind::Http10,
            proxy_auth: self.proxy_credentials(),
            user_agent: self.opts.useragent.clone(),
            headers: if self.opts.header_separate {
                self.opts.proxy_headers.clone()
            } else {
                self.opts.http_headers.clone()
            },
        };
        let head = request::connect_request(&spec);
        self.verbose(|| format!("Establish HTTP proxy tunnel to {authority}"));
        if self.hooks.wants_debug() {
            self.hooks.debug(DebugKind::HeaderOut, &head);
        }
        let (mut header_base, mut request) = (0, 0);
        let len = head.len() as u64;
        self.with_info(|i| {
            i.request_size += len;
            header_base = i.header_size;
            request = i.requests;
        });
        self.out = head;
        self.out_pos = 0;
        self.upload = None;
        self.awaiting_continue = false;
        self.expect_deadline = None;
        self.response = Response::new(&self.opts, self.pause.clone(), self.info.clone());
        self.response
            .set_connect(self.opts.suppress_connect_headers);
        self.response.set_position(header_base, request);
        let proxy_credentials = proxy.user.is_some();
        self.response.set_auth(self.auth, false, proxy_credentials);
        self.keep_auth();
        self.tunnel = Tunnel::Requested;
        self.phase = Phase::Sending;
        Ok(())
    }

    /// The proxy answered CONNECT: a 2xx opens the tunnel and the request goes through it.
    pub(super) fn tunnel_answered(&mut self, shared: &mut Shared, now: Instant) -> Result<()> {
        let code = self.response.code();
        self.auth = self.response.auth();
        self.keep_auth();
        if self.response.auth_retry() {
            // A 407 picked Basic: CONNECT goes again with credentials, on this connection
            // when the proxy keeps it open (its answer read to the end), else on a new one,
            // as libcurl.
            self.auth_picked = true;
            if self.response.keep_alive() && self.response.excess() == 0 {
                return self.start_tunnel();
            }
            self.verbose(|| "Connect me again please".to_string());
            self.drop_conn();
            self.next_url = self.url.as_ref().map(|u| u.to_url_string());
            self.phase = Phase::Setup;
            return Ok(());
        }
        if !(200..300).contains(&code) {
            self.drop_conn();
            return Err(Error::new(
                Code::RecvError,
                format!("CONNECT tunnel failed, response {code}"),
            ));
        }
        for note in self.response.take_connect_notes() {
            self.verbose(|| note);
        }
        self.tunnel = Tunnel::Open;
        self.verbose(|| "CONNECT phase completed".to_string());
        self.connection_ready(shared, now)
    }

    /// After the connect to a SOCKS proxy: the target's address, when the proxy wants it
    /// resolved here (SOCKS4, SOCKS5), then the handshake.
    pub(super) fn start_socks(&mut self, shared: &mut Shared, now: Instant) -> Result<()> {
        let kind = self.proxy.as_ref().map(|p| p.kind);
        let version = match kind {
            Some(ProxyKind::Socks4) => SocksVersion::V4,
            Some(ProxyKind::Socks4a) => SocksVersion::V4a,
            Some(ProxyKind::Socks5h) => SocksVersion::V5h,
            _ => SocksVersion::V5,
        };
        if matches!(version, SocksVersion::V4a | SocksVersion::V5h) {
            return self.socks_handshake(version, None);
        }
        let host = self.tunnel_target.0.clone();
        let port = self.tunnel_target.1;
        let known = shared
            .dns
            .with(|d| d.get(&host, port, self.opts.dns_cache_timeout, now))
            .or_else(|| resolve::parse_literal(&host).map(|a| vec![a]))
            .or_else(|| resolve::localhost(&host));
        match known {
            Some(addrs) => self.socks_resolved(version, &addrs),
            None => {
                self.phase = Phase::SocksResolving {
                    version,
                    lookup: shared.resolver.start(&host),
                };
                Ok(())
            }
        }
    }

    /// The SOCKS target's addresses are known (empty: it did not resolve). SOCKS4 can only
    /// name an IPv4 address.
    pub(super) fn socks_resolved(
        &mut self,
        version: SocksVersion,
        addrs: &[std::net::IpAddr],
    ) -> Result<()> {
        let addr = if version == SocksVersion::V4 {
            addrs.iter().find(|a| a.is_ipv4()).or(addrs.first())
        } else {
            addrs.first()
        };
        self.socks_handshake(version, addr.copied())
    }

    fn socks_handshake(
        &mut self,
        version: SocksVersion,
        addr: Option<std::net::IpAddr>,
    ) -> Result<()> {
        let proxy = self
            .proxy
            .clone()
            .expect("a SOCKS handshake goes to a proxy");
        // SOCKS5 offers user name and password only when CURLOPT_SOCKS5_AUTH has Basic.
        let socks5 = matches!(version, SocksVersion::V5 | SocksVersion::V5h);
        let basic = !socks5 || self.opts.socks5_auth & crate::options::AUTH_BASIC != 0;
        let target = socks::Target {
            host: &self.tunnel_target.0,
            port: self.tunnel_target.1,
            addr,
            user: proxy.user.as_deref().filter(|_| basic),
            password: proxy.password.as_deref().filter(|_| basic),
        };
        match Handshake::new(version, &target) {
            Ok(h) => {
                self.phase = Phase::Socks(Box::new(h));
                Ok(())
            }
            Err(failure) => Err(self.socks_failed(failure)),
        }
    }

    fn socks_failed(&self, (error, code): socks::Failure) -> Error {
        self.with_info(|i| i.proxy_error = Some(code));
        error
    }

    /// Runs the handshake as far as the socket allows: `Ok(None)` once the tunnel is up.
    pub(super) fn socks_step(&mut self, now: Instant) -> Result<Option<super::Step>> {
        loop {
            let Phase::Socks(h) = &mut self.phase else {
                unreachable!("called during a SOCKS handshake");
            };
            let notes = h.take_notes();
            for note in notes {
                self.verbose(|| note);
            }
            let Phase::Socks(h) = &mut self.phase else {
                unreachable!("still in the handshake");
            };
            let conn = self.conn.as_mut().expect("connected to the proxy");
            let out = h.to_send();
            if !out.is_empty() {
                match conn.stream.send(out) {
                    Ok(n) => h.sent(n),
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                        let watch = self.conn_watch(super::Interest::Write);
                        return Ok(Some(self.wait(watch, now)));
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => {
                        let f = h.send_failed(&os_text(&e));
                        return Err(self.socks_failed(f));
                    }
                }
                continue;
            }
            let mut buf = [0u8; SOCKS_READ];
            let result = match conn.stream.recv(&mut buf) {
                Ok(0) => Err(h.closed()),
                Ok(n) => h.received(&buf[..n]).map(|(_, p)| p),
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    let watch = self.conn_watch(super::Interest::Read);
                    return Ok(Some(self.wait(watch, now)));
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => Err(h.recv_failed(&os_text(&e))),
            };
            match result {
                Ok(socks::Progress::Pending) => {}
                Ok(socks::Progress::Done) => {
                    let notes = h.take_notes();
                    for note in notes {
                        self.verbose(|| note);
                    }
                    self.tunnel = Tunnel::Open;
                    return Ok(None);
                }
                Err(f) => return Err(self.socks_failed(f)),
            }
        }
    }
}
