//! The client side of a SOCKS4, SOCKS4a, SOCKS5 or SOCKS5h proxy handshake, as libcurl
//! 7.88.1 performs it (`do_SOCKS4` and `do_SOCKS5` in its `lib/socks.c`).
//!
//! The handshake is a state machine over bytes with no socket, clock or resolver, so that the
//! transfer engine can drive it from a non-blocking socket and tests can replay exchanges
//! byte for byte. The engine writes what [`Handshake::to_send`] gives, reports it with
//! [`Handshake::sent`], and feeds what it reads to [`Handshake::received`] until it says
//! [`Progress::Done`] or fails.
//!
//! Every failure is `CURLE_PROXY` with a `CURLINFO_PROXY_ERROR` detail ([`ProxyCode`]), as in
//! 7.88.1, where `connect_SOCKS` turns any non-OK proxy code into `CURLE_PROXY`. The messages
//! are the ones 7.88.1 passes to `failf`. Like 7.88.1 (built without GSS-API), only the "no
//! authentication" and "username/password" (RFC 1929) methods are offered.
//!
//! Name resolution is the caller's: 7.88.1 resolves the target itself when a SOCKS4 or SOCKS5
//! proxy needs an address, so the caller passes what its resolver found in
//! [`Target::addr`], and the handshake uses it (or reports its absence) at the step where
//! 7.88.1 resolves: before anything is sent for SOCKS4, after the method negotiation (and
//! authentication) for SOCKS5.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::error::{Code, Error};

/// 7.88.1 builds the SOCKS4 request in its receive buffer (`CURLOPT_BUFFERSIZE`, 16384 bytes
/// unless the application changed it), so it refuses a user id that would not fit after the
/// 8-byte header.
const SOCKS4_USER_LIMIT: usize = 16384 - 8;

/// SOCKS4a: the host name and its terminating NUL must fit in 255 bytes.
const SOCKS4A_HOST_LIMIT: usize = 255;

/// RFC 1928 gives a domain name one length byte.
const SOCKS5_HOST_LIMIT: usize = 255;

/// RFC 1929 gives the user name and the password one length byte each.
const SOCKS5_CREDENTIAL_LIMIT: usize = 255;

/// The smallest SOCKS5 connect reply (an IPv4 bound address); 7.88.1 reads this much before
/// looking at any of it.
const SOCKS5_REPLY_MIN: usize = 10;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SocksVersion {
    /// SOCKS4: the client resolves the target to an IPv4 address.
    V4,
    /// SOCKS4a: the proxy resolves the target's name.
    V4a,
    /// SOCKS5: the client resolves the target (IPv4 or IPv6).
    V5,
    /// SOCKS5h: the proxy resolves the target's name.
    V5h,
}

/// libcurl's `CURLproxycode` values for `CURLINFO_PROXY_ERROR`, the ones a SOCKS handshake
/// can produce in a build without GSS-API (the C layer owns the numbers).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProxyCode {
    BadAddressType,
    BadVersion,
    Closed,
    GssapiPermsg,
    Identd,
    IdentdDiffer,
    LongHostname,
    LongPasswd,
    LongUser,
    NoAuth,
    RecvAddress,
    RecvAuth,
    RecvConnect,
    RecvReqack,
    ReplyAddressTypeNotSupported,
    ReplyCommandNotSupported,
    ReplyConnectionRefused,
    ReplyGeneralServerFailure,
    ReplyHostUnreachable,
    ReplyNetworkUnreachable,
    ReplyNotAllowed,
    ReplyTtlExpired,
    ReplyUnassigned,
    RequestFailed,
    ResolveHost,
    SendAuth,
    SendConnect,
    SendRequest,
    UnknownFail,
    UnknownMode,
    UserRejected,
}

/// What the handshake needs to know about the connection it sets up.
#[derive(Clone, Copy, Debug)]
pub struct Target<'a> {
    /// The host as given in the URL (an IPv6 address may keep its brackets and zone id).
    pub host: &'a str,
    pub port: u16,
    /// The address the caller resolved `host` to: the first one for SOCKS5, the first IPv4
    /// one for SOCKS4 (7.88.1 resolves IPv4-only there; an IPv6 literal host resolves to
    /// itself, which SOCKS4 cannot carry). `None` when resolving failed; SOCKS4a and SOCKS5h
    /// ignore it, as the proxy resolves.
    pub addr: Option<IpAddr>,
    /// The proxy user: the SOCKS4 user id, or the SOCKS5 user name. Leave it out for SOCKS5
    /// when `CURLOPT_SOCKS5_AUTH` excludes `CURLAUTH_BASIC`: 7.88.1 then never offers
    /// username/password authentication.
    pub user: Option<&'a str>,
    /// The SOCKS5 password; SOCKS4 has none.
    pub password: Option<&'a str>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    /// More to send or receive.
    Pending,
    Done,
}

/// A failed handshake: `CURLE_PROXY` with the error-buffer text, and the proxy code.
pub type Failure = (Error, ProxyCode);

/// The reply the handshake waits for, which also names the request it answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    /// The 8-byte SOCKS4 reply to the connect request.
    Socks4Reply,
    /// The SOCKS5 server's choice of authentication method.
    MethodReply,
    /// The RFC 1929 status.
    AuthReply,
    /// The first 10 bytes of the SOCKS5 connect reply.
    ConnectReply,
    /// The rest of a connect reply whose bound address is longer than an IPv4 one.
    ConnectReplyRest,
}

#[derive(Clone, Debug)]
enum Outcome {
    Running,
    Done,
    Failed(Failure),
}

/// What handling a complete reply leads to.
enum Step {
    /// Send the next request, or read more of the same reply.
    Continue,
    Done,
}

pub struct Handshake {
    version: SocksVersion,
    /// The host as libcurl holds it: without brackets or zone id.
    host: String,
    /// The URL named the host by an IPv6 address.
    ipv6_literal: bool,
    port: u16,
    addr: Option<IpAddr>,
    user: Option<String>,
    password: Option<String>,
    /// The request being written, and how much of it has been.
    out: Vec<u8>,
    written: usize,
    stage: Stage,
    /// The reply read so far, and how long it must be before it can be handled.
    reply: Vec<u8>,
    want: usize,
    outcome: Outcome,
    notes: Vec<String>,
}

impl Handshake {
    /// Prepares the first request. Fails where 7.88.1 fails before sending anything: a
    /// SOCKS4 target without a usable IPv4 address, a SOCKS4 user id or SOCKS4a/SOCKS5h host
    /// name too long for the request.
    pub fn new(version: SocksVersion, target: &Target) -> Result<Handshake, Failure> {
        let (host, ipv6_literal) = host_name(target.host);
        let mut handshake = Handshake {
            version,
            host,
            ipv6_literal,
            port: target.port,
            addr: target.addr,
            user: target.user.map(|u| c_string(u).to_owned()),
            password: target.password.map(|p| c_string(p).to_owned()),
            out: Vec::new(),
            written: 0,
            stage: Stage::Socks4Reply,
            reply: Vec::new(),
            want: 0,
            outcome: Outcome::Running,
            notes: Vec::new(),
        };
        match version {
            SocksVersion::V4 | SocksVersion::V4a => handshake.start_socks4()?,
            SocksVersion::V5 | SocksVersion::V5h => handshake.start_socks5()?,
        }
        Ok(handshake)
    }

    /// Bytes to write now (may be empty while waiting for a reply). After writing n of them,
    /// call `sent(n)`.
    pub fn to_send(&self) -> &[u8] {
        match self.outcome {
            Outcome::Running => &self.out[self.written..],
            _ => &[],
        }
    }

    pub fn sent(&mut self, n: usize) {
        self.written = self.out.len().min(self.written.saturating_add(n));
    }

    /// Feeds bytes read from the proxy. Returns how many were consumed and the progress.
    ///
    /// Like 7.88.1, the handshake reads only the bytes of the reply it waits for, so the
    /// tunnelled protocol's first bytes stay with the caller. One exception is kept from
    /// 7.88.1: a SOCKS5 reply is read 10 bytes at once, so a reply shorter than that (a
    /// domain-name bound address under 3 bytes) takes up to 3 bytes past its end.
    ///
    /// Nothing is consumed while part of a request is still unsent: 7.88.1 reads a reply
    /// only after writing the whole request.
    pub fn received(&mut self, data: &[u8]) -> Result<(usize, Progress), Failure> {
        match &self.outcome {
            Outcome::Running => {}
            Outcome::Done => return Ok((0, Progress::Done)),
            Outcome::Failed(failure) => return Err(failure.clone()),
        }
        let mut used = 0;
        while self.to_send().is_empty() {
            let take = (self.want - self.reply.len()).min(data.len() - used);
            self.reply.extend_from_slice(&data[used..used + take]);
            used += take;
            if self.reply.len() < self.want {
                break;
            }
            match self.on_reply() {
                Ok(Step::Continue) => {}
                Ok(Step::Done) => {
                    self.outcome = Outcome::Done;
                    return Ok((used, Progress::Done));
                }
                Err(failure) => {
                    self.outcome = Outcome::Failed(failure.clone());
                    return Err(failure);
                }
            }
        }
        Ok((used, Progress::Pending))
    }

    /// The peer closed the connection before the handshake ended.
    pub fn closed(&self) -> Failure {
        fail(ProxyCode::Closed, "connection to proxy closed")
    }

    /// Writing to the proxy failed; `reason` is the `curl_easy_strerror` text of the socket
    /// error's code. libcurl's error buffer keeps the first message written, so when the
    /// socket layer already reported one, that message should stay (the code is still
    /// `CURLE_PROXY`).
    pub fn send_failed(&self, reason: &str) -> Failure {
        let (what, code) = match self.stage {
            Stage::Socks4Reply => ("SOCKS4 connect request", ProxyCode::SendConnect),
            Stage::MethodReply => ("initial SOCKS5 request", ProxyCode::SendConnect),
            Stage::AuthReply => ("SOCKS5 sub-negotiation request", ProxyCode::SendAuth),
            Stage::ConnectReply | Stage::ConnectReplyRest => {
                ("SOCKS5 connect request", ProxyCode::SendRequest)
            }
        };
        fail(code, format!("Failed to send {what}: {reason}"))
    }

    /// Reading from the proxy failed; `reason` as for [`Handshake::send_failed`]. 7.88.1
    /// says "SOCKS4" here for SOCKS5 too.
    pub fn recv_failed(&self, reason: &str) -> Failure {
        let (what, code) = match self.stage {
            Stage::Socks4Reply => ("connect request ack", ProxyCode::RecvConnect),
            Stage::MethodReply => ("initial SOCKS5 response", ProxyCode::RecvConnect),
            Stage::AuthReply => ("SOCKS5 sub-negotiation response", ProxyCode::RecvAuth),
            Stage::ConnectReply => ("SOCKS5 connect request ack", ProxyCode::RecvReqack),
            Stage::ConnectReplyRest => ("SOCKS5 connect request address", ProxyCode::RecvAddress),
        };
        fail(code, format!("SOCKS4: Failed receiving {what}: {reason}"))
    }

    /// The lines libcurl prints in verbose mode during the handshake, oldest first.
    pub fn take_notes(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notes)
    }

    fn note(&mut self, line: String) {
        self.notes.push(line);
    }

    /// Queues `request` and waits for `want` reply bytes once it is written.
    fn expect(&mut self, stage: Stage, request: Vec<u8>, want: usize) {
        self.out = request;
        self.written = 0;
        self.stage = stage;
        self.reply.clear();
        self.want = want;
    }

    fn on_reply(&mut self) -> Result<Step, Failure> {
        match self.stage {
            Stage::Socks4Reply => self.socks4_reply(),
            Stage::MethodReply => self.method_reply(),
            Stage::AuthReply => self.auth_reply(),
            Stage::ConnectReply => self.connect_reply(),
            Stage::ConnectReplyRest => Ok(self.socks5_granted()),
        }
    }

    // SOCKS4 and SOCKS4a.

    fn start_socks4(&mut self) -> Result<(), Failure> {
        let remote_name = self.version == SocksVersion::V4a;
        self.note(format!(
            "SOCKS4 communication to {}:{}",
            self.host, self.port
        ));
        let mut request = vec![4, 1];
        request.extend_from_slice(&self.port.to_be_bytes());
        if remote_name {
            // An address of 0.0.0.x tells a SOCKS4a proxy that the name follows.
            request.extend_from_slice(&[0, 0, 0, 1]);
        } else {
            request.extend_from_slice(&self.socks4_address()?.octets());
        }
        let user = self.user.as_deref().unwrap_or("");
        if user.len() >= SOCKS4_USER_LIMIT {
            return Err(fail(
                ProxyCode::LongUser,
                "Too long SOCKS proxy user name, can't use",
            ));
        }
        request.extend_from_slice(user.as_bytes());
        request.push(0);
        if remote_name {
            if self.host.len() + 1 > SOCKS4A_HOST_LIMIT {
                return Err(fail(ProxyCode::LongHostname, "SOCKS4: too long host name"));
            }
            request.extend_from_slice(self.host.as_bytes());
            request.push(0);
        }
        self.expect(Stage::Socks4Reply, request, 8);
        Ok(())
    }

    fn socks4_address(&mut self) -> Result<Ipv4Addr, Failure> {
        match self.addr {
            Some(IpAddr::V4(addr)) => {
                self.note(format!("SOCKS4 connect to IPv4 {addr} (locally resolved)"));
                Ok(addr)
            }
            Some(IpAddr::V6(_)) => Err(fail(
                ProxyCode::ResolveHost,
                format!("SOCKS4 connection to {} not supported", self.host),
            )),
            None => Err(self.unresolved()),
        }
    }

    /// What 7.88.1's threaded resolver reports when the target does not resolve.
    fn unresolved(&self) -> Failure {
        fail(
            ProxyCode::ResolveHost,
            format!("Could not resolve host: {}", self.host),
        )
    }

    fn socks4_reply(&mut self) -> Result<Step, Failure> {
        let reply = &self.reply;
        if reply[0] != 0 {
            return Err(fail(
                ProxyCode::BadVersion,
                "SOCKS4 reply has wrong version, version should be 0.",
            ));
        }
        let status = reply[1];
        let (code, why) = match status {
            90 => {
                let a = if self.version == SocksVersion::V4a {
                    "a"
                } else {
                    ""
                };
                self.note(format!("SOCKS4{a} request granted."));
                return Ok(Step::Done);
            }
            91 => (ProxyCode::RequestFailed, "request rejected or failed."),
            92 => (
                ProxyCode::Identd,
                "request rejected because SOCKS server cannot connect to identd on the client.",
            ),
            93 => (
                ProxyCode::IdentdDiffer,
                "request rejected because the client program and identd report different \
                 user-ids.",
            ),
            _ => (ProxyCode::UnknownFail, "Unknown."),
        };
        let port = u16::from_be_bytes([reply[2], reply[3]]);
        let addr = Ipv4Addr::new(reply[4], reply[5], reply[6], reply[7]);
        Err(fail(
            code,
            format!("Can't complete SOCKS4 connection to {addr}:{port}. ({status}), {why}"),
        ))
    }

    // SOCKS5 and SOCKS5h.

    fn start_socks5(&mut self) -> Result<(), Failure> {
        if self.version == SocksVersion::V5h && self.host.len() > SOCKS5_HOST_LIMIT {
            return Err(fail(
                ProxyCode::LongHostname,
                "SOCKS5: the destination hostname is too long to be resolved remotely by the \
                 proxy.",
            ));
        }
        // Version, method count, then the methods: no authentication, and
        // username/password when there is a user to offer.
        let mut request = vec![5, 1, 0];
        if self.user.is_some() {
            request[1] = 2;
            request.push(2);
        }
        self.expect(Stage::MethodReply, request, 2);
        Ok(())
    }

    fn method_reply(&mut self) -> Result<Step, Failure> {
        if self.reply[0] != 5 {
            return Err(fail(
                ProxyCode::BadVersion,
                "Received invalid version in initial SOCKS5 response.",
            ));
        }
        match self.reply[1] {
            0 => self.send_connect(),
            2 => self.send_credentials(),
            1 => Err(fail(
                ProxyCode::GssapiPermsg,
                "SOCKS5 GSSAPI per-message authentication is not supported.",
            )),
            255 => Err(fail(
                ProxyCode::NoAuth,
                "No authentication method was acceptable.",
            )),
            _ => Err(fail(
                ProxyCode::UnknownMode,
                "Undocumented SOCKS5 mode attempted to be used by server.",
            )),
        }
    }

    /// The RFC 1929 request. 7.88.1 sends empty credentials when it has no password (or
    /// the server picked this method without being offered it), and checks the lengths only
    /// now, so a server that wants no authentication never sees a too-long user name fail.
    fn send_credentials(&mut self) -> Result<Step, Failure> {
        let (user, password) = match (&self.user, &self.password) {
            (Some(user), Some(password)) => (user.as_bytes(), password.as_bytes()),
            _ => (&[][..], &[][..]),
        };
        if user.len() > SOCKS5_CREDENTIAL_LIMIT {
            return Err(fail(
                ProxyCode::LongUser,
                "Excessive user name length for proxy auth",
            ));
        }
        if password.len() > SOCKS5_CREDENTIAL_LIMIT {
            return Err(fail(
                ProxyCode::LongPasswd,
                "Excessive password length for proxy auth",
            ));
        }
        let mut request = vec![1, user.len() as u8];
        request.extend_from_slice(user);
        request.push(password.len() as u8);
        request.extend_from_slice(password);
        self.expect(Stage::AuthReply, request, 2);
        Ok(Step::Continue)
    }

    /// 7.88.1 ignores the version byte of the RFC 1929 reply.
    fn auth_reply(&mut self) -> Result<Step, Failure> {
        if self.reply[1] != 0 {
            return Err(fail(
                ProxyCode::UserRejected,
                format!(
                    "User was rejected by the SOCKS5 server ({} {}).",
                    self.reply[0], self.reply[1]
                ),
            ));
        }
        self.send_connect()
    }

    fn send_connect(&mut self) -> Result<Step, Failure> {
        let mut request = vec![5, 1, 0];
        match self.version {
            SocksVersion::V5h => self.push_remote_target(&mut request)?,
            _ => self.push_local_target(&mut request)?,
        }
        request.extend_from_slice(&self.port.to_be_bytes());
        self.expect(Stage::ConnectReply, request, SOCKS5_REPLY_MIN);
        Ok(Step::Continue)
    }

    fn push_local_target(&mut self, request: &mut Vec<u8>) -> Result<(), Failure> {
        match self.addr {
            Some(IpAddr::V4(addr)) => {
                request.push(1);
                request.extend_from_slice(&addr.octets());
                self.note(format!(
                    "SOCKS5 connect to IPv4 {addr}:{} (locally resolved)",
                    self.port
                ));
            }
            Some(IpAddr::V6(addr)) => {
                request.push(4);
                request.extend_from_slice(&addr.octets());
                self.note(format!(
                    "SOCKS5 connect to IPv6 {addr}:{} (locally resolved)",
                    self.port
                ));
            }
            None => return Err(self.unresolved()),
        }
        Ok(())
    }

    /// An IP address in the URL goes as an address, anything else as a name. 7.88.1 fails
    /// an IPv6 URL host it cannot parse without writing a message.
    fn push_remote_target(&mut self, request: &mut Vec<u8>) -> Result<(), Failure> {
        if self.ipv6_literal {
            let addr: Ipv6Addr = self
                .host
                .parse()
                .map_err(|_| (Error::bare(Code::Proxy), ProxyCode::BadAddressType))?;
            request.push(4);
            request.extend_from_slice(&addr.octets());
        } else if let Ok(addr) = self.host.parse::<Ipv4Addr>() {
            request.push(1);
            request.extend_from_slice(&addr.octets());
        } else {
            request.push(3);
            request.push(self.host.len() as u8);
            request.extend_from_slice(self.host.as_bytes());
        }
        self.note(format!(
            "SOCKS5 connect to {}:{} (remotely resolved)",
            self.host, self.port
        ));
        Ok(())
    }

    fn connect_reply(&mut self) -> Result<Step, Failure> {
        let reply = &self.reply;
        if reply[0] != 5 {
            return Err(fail(
                ProxyCode::BadVersion,
                "SOCKS5 reply has wrong version, version should be 5.",
            ));
        }
        if reply[1] != 0 {
            return Err(fail(
                socks5_reply_code(reply[1]),
                format!(
                    "Can't complete SOCKS5 connection to {}. ({})",
                    self.host, reply[1]
                ),
            ));
        }
        let total = match reply[3] {
            1 => 4 + 4 + 2,
            3 => 5 + usize::from(reply[4]) + 2,
            4 => 4 + 16 + 2,
            _ => {
                return Err(fail(
                    ProxyCode::BadAddressType,
                    "SOCKS5 reply has wrong address type.",
                ))
            }
        };
        if total > SOCKS5_REPLY_MIN {
            self.stage = Stage::ConnectReplyRest;
            self.want = total;
            return Ok(Step::Continue);
        }
        Ok(self.socks5_granted())
    }

    fn socks5_granted(&mut self) -> Step {
        self.note("SOCKS5 request granted.".to_owned());
        Step::Done
    }
}

fn fail(code: ProxyCode, message: impl Into<String>) -> Failure {
    (Error::new(Code::Proxy, message), code)
}

/// The proxy codes for the failure replies RFC 1928 assigns (section 6).
fn socks5_reply_code(rep: u8) -> ProxyCode {
    match rep {
        1 => ProxyCode::ReplyGeneralServerFailure,
        2 => ProxyCode::ReplyNotAllowed,
        3 => ProxyCode::ReplyNetworkUnreachable,
        4 => ProxyCode::ReplyHostUnreachable,
        5 => ProxyCode::ReplyConnectionRefused,
        6 => ProxyCode::ReplyTtlExpired,
        7 => ProxyCode::ReplyCommandNotSupported,
        8 => ProxyCode::ReplyAddressTypeNotSupported,
        _ => ProxyCode::ReplyUnassigned,
    }
}

/// libcurl hands C strings around, so text ends at the first NUL.
fn c_string(text: &str) -> &str {
    text.split('\0').next().unwrap_or("")
}

/// The host the way libcurl keeps it after parsing the URL (brackets and zone id of an IPv6
/// address removed, the zone kept elsewhere), and whether it is an IPv6 address.
fn host_name(given: &str) -> (String, bool) {
    let given = c_string(given);
    let without_zone = |h: &'_ str| h.split('%').next().unwrap_or("").to_owned();
    if let Some(inner) = given.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return (without_zone(inner), true);
    }
    let plain = without_zone(given);
    if plain.parse::<Ipv6Addr>().is_ok() {
        return (plain, true);
    }
    (given.to_owned(), false)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCALHOST: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

    fn target<'a>(host: &'a str, port: u16, addr: Option<IpAddr>) -> Target<'a> {
        Target {
            host,
            port,
            addr,
            user: None,
            password: None,
        }
    }

    fn start(version: SocksVersion, target: &Target) -> Handshake {
        Handshake::new(version, target).expect("handshake starts")
    }

    fn start_err(version: SocksVersion, target: &Target) -> Failure {
        match Handshake::new(version, target) {
            Ok(_) => panic!("handshake should not start"),
            Err(failure) => failure,
        }
    }

    /// Takes everything the client has to send, as a socket write of it all would.
    fn send_all(hs: &mut Handshake) -> Vec<u8> {
        let bytes = hs.to_send().to_vec();
        hs.sent(bytes.len());
        bytes
    }

    /// The client must send `request`; then the server answers `reply` in one piece.
    fn exchange(
        hs: &mut Handshake,
        request: &[u8],
        reply: &[u8],
    ) -> Result<(usize, Progress), Failure> {
        assert_eq!(send_all(hs), request);
        hs.received(reply)
    }

    /// As `exchange`, but the reply arrives one byte per read.
    fn exchange_bytewise(
        hs: &mut Handshake,
        request: &[u8],
        reply: &[u8],
    ) -> Result<(usize, Progress), Failure> {
        assert_eq!(send_all(hs), request);
        let mut last = Ok((0, Progress::Pending));
        for (i, byte) in reply.iter().enumerate() {
            last = hs.received(std::slice::from_ref(byte));
            match &last {
                Ok((1, Progress::Pending)) if i + 1 < reply.len() => {}
                _ => assert_eq!(i + 1, reply.len(), "reply ended early at byte {i}"),
            }
        }
        last
    }

    fn expect_err(result: Result<(usize, Progress), Failure>) -> Failure {
        match result {
            Ok(progress) => panic!("expected a failure, got {progress:?}"),
            Err(failure) => failure,
        }
    }

    fn assert_failure(failure: &Failure, code: ProxyCode, message: &str) {
        assert_eq!(failure.0.code, Code::Proxy);
        assert_eq!(failure.0.message, message);
        assert_eq!(failure.1, code);
    }

    /// The SOCKS4 request 7.88.1 sends for 127.0.0.1:8990 with an empty user id.
    const SOCKS4_REQUEST: [u8; 9] = [4, 1, 0x23, 0x1e, 127, 0, 0, 1, 0];
    /// tests/server/socksd.c answers a SOCKS4 request with the port and address mirrored.
    const SOCKS4_GRANTED: [u8; 8] = [0, 90, 0x23, 0x1e, 127, 0, 0, 1];

    /// The connect request and socksd's mirrored success reply for IPv4 127.0.0.1:8990.
    const SOCKS5_CONNECT: [u8; 10] = [5, 1, 0, 1, 127, 0, 0, 1, 0x23, 0x1e];
    const SOCKS5_GRANTED: [u8; 10] = [5, 0, 0, 1, 127, 0, 0, 1, 0x23, 0x1e];

    // SOCKS4

    #[test]
    fn socks4_success_like_test700() {
        let mut hs = start(
            SocksVersion::V4,
            &target("127.0.0.1", 8990, Some(LOCALHOST)),
        );
        assert_eq!(
            exchange(&mut hs, &SOCKS4_REQUEST, &SOCKS4_GRANTED),
            Ok((8, Progress::Done))
        );
        assert!(hs.to_send().is_empty());
        assert_eq!(
            hs.take_notes(),
            [
                "SOCKS4 communication to 127.0.0.1:8990",
                "SOCKS4 connect to IPv4 127.0.0.1 (locally resolved)",
                "SOCKS4 request granted.",
            ]
        );
        assert!(hs.take_notes().is_empty());
        assert_eq!(hs.received(b"more"), Ok((0, Progress::Done)));
    }

    #[test]
    fn socks4_sends_the_user_id() {
        let mut t = target(
            "example.com",
            80,
            Some(IpAddr::V4(Ipv4Addr::new(93, 184, 216, 34))),
        );
        t.user = Some("fred");
        t.password = Some("ignored");
        let mut hs = start(SocksVersion::V4, &t);
        let request = [4, 1, 0, 80, 93, 184, 216, 34, b'f', b'r', b'e', b'd', 0];
        assert_eq!(
            exchange_bytewise(&mut hs, &request, &[0, 90, 0, 80, 93, 184, 216, 34]),
            Ok((1, Progress::Done))
        );
    }

    #[test]
    fn socks4a_sends_the_name() {
        let mut t = target("this.is.a.host.name", 8990, None);
        t.user = Some("u");
        let mut hs = start(SocksVersion::V4a, &t);
        let mut request = vec![4, 1, 0x23, 0x1e, 0, 0, 0, 1, b'u', 0];
        request.extend_from_slice(b"this.is.a.host.name\0");
        assert_eq!(
            exchange(&mut hs, &request, &[0, 90, 0x23, 0x1e, 0, 0, 0, 1]),
            Ok((8, Progress::Done))
        );
        assert_eq!(
            hs.take_notes(),
            [
                "SOCKS4 communication to this.is.a.host.name:8990",
                "SOCKS4a request granted.",
            ]
        );
    }

    #[test]
    fn socks4a_ignores_a_resolved_address() {
        let mut hs = start(SocksVersion::V4a, &target("h", 1, Some(LOCALHOST)));
        assert_eq!(send_all(&mut hs), [4, 1, 0, 1, 0, 0, 0, 1, 0, b'h', 0]);
    }

    #[test]
    fn socks4_rejections() {
        let cases = [
            (
                91,
                ProxyCode::RequestFailed,
                "Can't complete SOCKS4 connection to 127.0.0.1:8990. (91), request rejected \
                 or failed.",
            ),
            (
                92,
                ProxyCode::Identd,
                "Can't complete SOCKS4 connection to 127.0.0.1:8990. (92), request rejected \
                 because SOCKS server cannot connect to identd on the client.",
            ),
            (
                93,
                ProxyCode::IdentdDiffer,
                "Can't complete SOCKS4 connection to 127.0.0.1:8990. (93), request rejected \
                 because the client program and identd report different user-ids.",
            ),
            (
                0,
                ProxyCode::UnknownFail,
                "Can't complete SOCKS4 connection to 127.0.0.1:8990. (0), Unknown.",
            ),
            (
                255,
                ProxyCode::UnknownFail,
                "Can't complete SOCKS4 connection to 127.0.0.1:8990. (255), Unknown.",
            ),
        ];
        for (status, code, message) in cases {
            let mut hs = start(
                SocksVersion::V4,
                &target("localhost", 8990, Some(LOCALHOST)),
            );
            let mut reply = SOCKS4_GRANTED;
            reply[1] = status;
            let failure = expect_err(exchange(&mut hs, &SOCKS4_REQUEST, &reply));
            assert_failure(&failure, code, message);
            // A failed handshake stays failed and sends nothing more.
            assert_eq!(hs.received(&reply), Err(failure));
            assert!(hs.to_send().is_empty());
        }
    }

    #[test]
    fn socks4_rejection_names_the_reply_address() {
        let mut hs = start(SocksVersion::V4a, &target("name", 80, None));
        send_all(&mut hs);
        let failure = expect_err(hs.received(&[0, 91, 0x01, 0x02, 10, 20, 30, 40]));
        assert_failure(
            &failure,
            ProxyCode::RequestFailed,
            "Can't complete SOCKS4 connection to 10.20.30.40:258. (91), request rejected or \
             failed.",
        );
    }

    #[test]
    fn socks4_wrong_reply_version() {
        let mut hs = start(
            SocksVersion::V4,
            &target("127.0.0.1", 8990, Some(LOCALHOST)),
        );
        let failure = expect_err(exchange_bytewise(
            &mut hs,
            &SOCKS4_REQUEST,
            &[4, 90, 0x23, 0x1e, 127, 0, 0, 1],
        ));
        assert_failure(
            &failure,
            ProxyCode::BadVersion,
            "SOCKS4 reply has wrong version, version should be 0.",
        );
    }

    #[test]
    fn socks4_leaves_the_tunnelled_bytes() {
        let mut hs = start(
            SocksVersion::V4,
            &target("127.0.0.1", 8990, Some(LOCALHOST)),
        );
        send_all(&mut hs);
        let mut data = SOCKS4_GRANTED.to_vec();
        data.extend_from_slice(b"HTTP/1.1 200 OK\r\n");
        assert_eq!(hs.received(&data), Ok((8, Progress::Done)));
    }

    #[test]
    fn socks4_truncated_reply_then_close() {
        let mut hs = start(
            SocksVersion::V4,
            &target("127.0.0.1", 8990, Some(LOCALHOST)),
        );
        send_all(&mut hs);
        assert_eq!(
            hs.received(&SOCKS4_GRANTED[..7]),
            Ok((7, Progress::Pending))
        );
        assert_eq!(hs.received(&[]), Ok((0, Progress::Pending)));
        assert_failure(
            &hs.closed(),
            ProxyCode::Closed,
            "connection to proxy closed",
        );
    }

    #[test]
    fn socks4_ipv6_address_is_not_supported() {
        let t = target("[::1]", 80, Some(IpAddr::V6(Ipv6Addr::LOCALHOST)));
        let failure = start_err(SocksVersion::V4, &t);
        assert_failure(
            &failure,
            ProxyCode::ResolveHost,
            "SOCKS4 connection to ::1 not supported",
        );
    }

    #[test]
    fn socks4_unresolved_target() {
        let failure = start_err(SocksVersion::V4, &target("nowhere.invalid", 80, None));
        assert_failure(
            &failure,
            ProxyCode::ResolveHost,
            "Could not resolve host: nowhere.invalid",
        );
    }

    #[test]
    fn socks4_user_id_limit() {
        let fits = "u".repeat(SOCKS4_USER_LIMIT - 1);
        let mut t = target("127.0.0.1", 80, Some(LOCALHOST));
        t.user = Some(&fits);
        let mut hs = start(SocksVersion::V4, &t);
        assert_eq!(hs.to_send().len(), 8 + fits.len() + 1);
        assert_eq!(hs.take_notes().len(), 2);

        let too_long = "u".repeat(SOCKS4_USER_LIMIT);
        t.user = Some(&too_long);
        let failure = start_err(SocksVersion::V4, &t);
        assert_failure(
            &failure,
            ProxyCode::LongUser,
            "Too long SOCKS proxy user name, can't use",
        );
    }

    #[test]
    fn socks4a_host_name_limit() {
        let fits = "h".repeat(254);
        let hs = start(SocksVersion::V4a, &target(&fits, 80, None));
        assert_eq!(hs.to_send().len(), 9 + 255);
        assert_eq!(hs.to_send().last(), Some(&0));

        let too_long = "h".repeat(255);
        let failure = start_err(SocksVersion::V4a, &target(&too_long, 80, None));
        assert_failure(
            &failure,
            ProxyCode::LongHostname,
            "SOCKS4: too long host name",
        );
    }

    #[test]
    fn partial_writes_hold_back_the_reply() {
        let mut hs = start(
            SocksVersion::V4,
            &target("127.0.0.1", 8990, Some(LOCALHOST)),
        );
        let mut written = Vec::new();
        while !hs.to_send().is_empty() {
            // The reply cannot be read before the request is out.
            assert_eq!(hs.received(&SOCKS4_GRANTED), Ok((0, Progress::Pending)));
            written.push(hs.to_send()[0]);
            hs.sent(1);
        }
        assert_eq!(written, SOCKS4_REQUEST);
        hs.sent(100);
        assert_eq!(hs.received(&SOCKS4_GRANTED), Ok((8, Progress::Done)));
    }

    // SOCKS5

    #[test]
    fn socks5_no_auth_like_test701() {
        let mut hs = start(
            SocksVersion::V5,
            &target("127.0.0.1", 8990, Some(LOCALHOST)),
        );
        assert_eq!(
            exchange(&mut hs, &[5, 1, 0], &[5, 0]),
            Ok((2, Progress::Pending))
        );
        assert_eq!(
            exchange(&mut hs, &SOCKS5_CONNECT, &SOCKS5_GRANTED),
            Ok((10, Progress::Done))
        );
        assert_eq!(
            hs.take_notes(),
            [
                "SOCKS5 connect to IPv4 127.0.0.1:8990 (locally resolved)",
                "SOCKS5 request granted.",
            ]
        );
    }

    #[test]
    fn socks5_user_password_like_test717() {
        let mut t = target("127.0.0.1", 1, Some(LOCALHOST));
        t.user = Some("uz3r");
        t.password = Some("p4ssworm");
        let mut hs = start(SocksVersion::V5, &t);
        assert_eq!(
            exchange_bytewise(&mut hs, &[5, 2, 0, 2], &[5, 2]),
            Ok((1, Progress::Pending))
        );
        let mut auth = vec![1, 4];
        auth.extend_from_slice(b"uz3r");
        auth.push(8);
        auth.extend_from_slice(b"p4ssworm");
        assert_eq!(
            exchange_bytewise(&mut hs, &auth, &[1, 0]),
            Ok((1, Progress::Pending))
        );
        assert_eq!(
            exchange_bytewise(
                &mut hs,
                &[5, 1, 0, 1, 127, 0, 0, 1, 0, 1],
                &[5, 0, 0, 1, 127, 0, 0, 1, 0, 1]
            ),
            Ok((1, Progress::Done))
        );
    }

    #[test]
    fn socks5_offered_auth_not_needed() {
        let mut t = target("127.0.0.1", 8990, Some(LOCALHOST));
        t.user = Some("user");
        t.password = Some("password");
        let mut hs = start(SocksVersion::V5, &t);
        assert_eq!(
            exchange(&mut hs, &[5, 2, 0, 2], &[5, 0]),
            Ok((2, Progress::Pending))
        );
        assert_eq!(
            exchange(&mut hs, &SOCKS5_CONNECT, &SOCKS5_GRANTED),
            Ok((10, Progress::Done))
        );
    }

    #[test]
    fn socks5_auth_without_password_sends_empty_credentials() {
        let mut t = target("127.0.0.1", 8990, Some(LOCALHOST));
        t.user = Some("user");
        let mut hs = start(SocksVersion::V5, &t);
        assert_eq!(
            exchange(&mut hs, &[5, 2, 0, 2], &[5, 2]),
            Ok((2, Progress::Pending))
        );
        assert_eq!(
            exchange(&mut hs, &[1, 0, 0], &[1, 0]),
            Ok((2, Progress::Pending))
        );
    }

    #[test]
    fn socks5_auth_picked_without_being_offered() {
        let mut hs = start(
            SocksVersion::V5,
            &target("127.0.0.1", 8990, Some(LOCALHOST)),
        );
        assert_eq!(
            exchange(&mut hs, &[5, 1, 0], &[5, 2]),
            Ok((2, Progress::Pending))
        );
        assert_eq!(send_all(&mut hs), [1, 0, 0]);
    }

    #[test]
    fn socks5_user_rejected() {
        let mut t = target("127.0.0.1", 8990, Some(LOCALHOST));
        t.user = Some("user");
        t.password = Some("wrong");
        let mut hs = start(SocksVersion::V5, &t);
        exchange(&mut hs, &[5, 2, 0, 2], &[5, 2]).unwrap();
        let failure = expect_err(exchange(&mut hs, b"\x01\x04user\x05wrong", &[1, 1]));
        assert_failure(
            &failure,
            ProxyCode::UserRejected,
            "User was rejected by the SOCKS5 server (1 1).",
        );
    }

    #[test]
    fn socks5_auth_reply_version_is_ignored() {
        let mut t = target("127.0.0.1", 8990, Some(LOCALHOST));
        t.user = Some("user");
        t.password = Some("pw");
        let mut hs = start(SocksVersion::V5, &t);
        exchange(&mut hs, &[5, 2, 0, 2], &[5, 2]).unwrap();
        assert_eq!(
            exchange(&mut hs, b"\x01\x04user\x02pw", &[9, 0]),
            Ok((2, Progress::Pending))
        );
        assert_eq!(hs.to_send(), SOCKS5_CONNECT);
    }

    #[test]
    fn socks5_too_long_user_like_test716() {
        let user = "A".repeat(256);
        let mut t = target("hohoho.example.com", 99, Some(LOCALHOST));
        t.user = Some(&user);
        t.password = Some("b");
        let mut hs = start(SocksVersion::V5, &t);
        let failure = expect_err(exchange(&mut hs, &[5, 2, 0, 2], &[5, 2]));
        assert_failure(
            &failure,
            ProxyCode::LongUser,
            "Excessive user name length for proxy auth",
        );
    }

    #[test]
    fn socks5_credential_limits() {
        let longest = "x".repeat(255);
        let too_long = "x".repeat(256);
        let mut t = target("127.0.0.1", 80, Some(LOCALHOST));
        t.user = Some(&longest);
        t.password = Some(&longest);
        let mut hs = start(SocksVersion::V5, &t);
        exchange(&mut hs, &[5, 2, 0, 2], &[5, 2]).unwrap();
        let auth = send_all(&mut hs);
        assert_eq!(auth.len(), 3 + 255 + 255);
        assert_eq!((auth[1], auth[257]), (255, 255));

        t.password = Some(&too_long);
        let mut hs = start(SocksVersion::V5, &t);
        let failure = expect_err(exchange(&mut hs, &[5, 2, 0, 2], &[5, 2]));
        assert_failure(
            &failure,
            ProxyCode::LongPasswd,
            "Excessive password length for proxy auth",
        );
    }

    #[test]
    fn socks5_too_long_user_is_fine_without_auth() {
        let user = "A".repeat(300);
        let mut t = target("127.0.0.1", 8990, Some(LOCALHOST));
        t.user = Some(&user);
        t.password = Some("b");
        let mut hs = start(SocksVersion::V5, &t);
        exchange(&mut hs, &[5, 2, 0, 2], &[5, 0]).unwrap();
        assert_eq!(
            exchange(&mut hs, &SOCKS5_CONNECT, &SOCKS5_GRANTED),
            Ok((10, Progress::Done))
        );
    }

    #[test]
    fn socks5_method_replies() {
        let cases: [(&[u8], ProxyCode, &str); 5] = [
            (
                &[4, 0],
                ProxyCode::BadVersion,
                "Received invalid version in initial SOCKS5 response.",
            ),
            (
                &[5, 1],
                ProxyCode::GssapiPermsg,
                "SOCKS5 GSSAPI per-message authentication is not supported.",
            ),
            (
                &[5, 255],
                ProxyCode::NoAuth,
                "No authentication method was acceptable.",
            ),
            (
                &[5, 3],
                ProxyCode::UnknownMode,
                "Undocumented SOCKS5 mode attempted to be used by server.",
            ),
            (
                &[5, 0x80],
                ProxyCode::UnknownMode,
                "Undocumented SOCKS5 mode attempted to be used by server.",
            ),
        ];
        for (reply, code, message) in cases {
            let mut hs = start(SocksVersion::V5, &target("127.0.0.1", 80, Some(LOCALHOST)));
            let failure = expect_err(exchange_bytewise(&mut hs, &[5, 1, 0], reply));
            assert_failure(&failure, code, message);
        }
    }

    #[test]
    fn socks5_connect_rejections_like_test703() {
        let codes = [
            ProxyCode::ReplyGeneralServerFailure,
            ProxyCode::ReplyNotAllowed,
            ProxyCode::ReplyNetworkUnreachable,
            ProxyCode::ReplyHostUnreachable,
            ProxyCode::ReplyConnectionRefused,
            ProxyCode::ReplyTtlExpired,
            ProxyCode::ReplyCommandNotSupported,
            ProxyCode::ReplyAddressTypeNotSupported,
        ];
        for rep in 1..=255u8 {
            let mut hs = start(
                SocksVersion::V5,
                &target("127.0.0.1", 8990, Some(LOCALHOST)),
            );
            exchange(&mut hs, &[5, 1, 0], &[5, 0]).unwrap();
            let mut reply = SOCKS5_GRANTED;
            reply[1] = rep;
            let failure = expect_err(exchange(&mut hs, &SOCKS5_CONNECT, &reply));
            let code = codes
                .get(usize::from(rep) - 1)
                .copied()
                .unwrap_or(ProxyCode::ReplyUnassigned);
            let message = format!("Can't complete SOCKS5 connection to 127.0.0.1. ({rep})");
            assert_failure(&failure, code, &message);
        }
    }

    #[test]
    fn socks5_rejection_names_the_url_host() {
        let mut hs = start(
            SocksVersion::V5,
            &target("example.com", 80, Some(LOCALHOST)),
        );
        exchange(&mut hs, &[5, 1, 0], &[5, 0]).unwrap();
        send_all(&mut hs);
        let failure = expect_err(hs.received(&[5, 5, 0, 1, 0, 0, 0, 0, 0, 0]));
        assert_failure(
            &failure,
            ProxyCode::ReplyConnectionRefused,
            "Can't complete SOCKS5 connection to example.com. (5)",
        );
    }

    #[test]
    fn socks5_connect_reply_checks() {
        let cases: [(&[u8], ProxyCode, &str); 3] = [
            (
                &[4, 0, 0, 1, 127, 0, 0, 1, 0x23, 0x1e],
                ProxyCode::BadVersion,
                "SOCKS5 reply has wrong version, version should be 5.",
            ),
            (
                &[5, 0, 0, 2, 127, 0, 0, 1, 0x23, 0x1e],
                ProxyCode::BadAddressType,
                "SOCKS5 reply has wrong address type.",
            ),
            (
                &[5, 0, 0, 0, 0, 0, 0, 0, 0, 0],
                ProxyCode::BadAddressType,
                "SOCKS5 reply has wrong address type.",
            ),
        ];
        for (reply, code, message) in cases {
            let mut hs = start(
                SocksVersion::V5,
                &target("127.0.0.1", 8990, Some(LOCALHOST)),
            );
            exchange(&mut hs, &[5, 1, 0], &[5, 0]).unwrap();
            let failure = expect_err(exchange_bytewise(&mut hs, &SOCKS5_CONNECT, reply));
            assert_failure(&failure, code, message);
        }
    }

    #[test]
    fn socks5_reads_ten_bytes_before_judging() {
        // A short failure reply is not enough: 7.88.1 waits for ten bytes.
        let mut hs = start(
            SocksVersion::V5,
            &target("127.0.0.1", 8990, Some(LOCALHOST)),
        );
        exchange(&mut hs, &[5, 1, 0], &[5, 0]).unwrap();
        assert_eq!(
            exchange(&mut hs, &SOCKS5_CONNECT, &[5, 1]),
            Ok((2, Progress::Pending))
        );
        assert_failure(
            &hs.closed(),
            ProxyCode::Closed,
            "connection to proxy closed",
        );
    }

    #[test]
    fn socks5_ipv6_address() {
        let addr: Ipv6Addr = "2200::33".parse().unwrap();
        let mut hs = start(
            SocksVersion::V5,
            &target("ip6.example", 8990, Some(IpAddr::V6(addr))),
        );
        exchange(&mut hs, &[5, 1, 0], &[5, 0]).unwrap();
        let mut request = vec![5, 1, 0, 4];
        request.extend_from_slice(&addr.octets());
        request.extend_from_slice(&[0x23, 0x1e]);
        let mut reply = request.clone();
        reply[1] = 0;
        assert_eq!(
            exchange_bytewise(&mut hs, &request, &reply),
            Ok((1, Progress::Done))
        );
        assert_eq!(
            hs.take_notes(),
            [
                "SOCKS5 connect to IPv6 2200::33:8990 (locally resolved)",
                "SOCKS5 request granted.",
            ]
        );
    }

    #[test]
    fn socks5_unresolved_target_fails_after_negotiation() {
        let mut hs = start(SocksVersion::V5, &target("nowhere.invalid", 80, None));
        let failure = expect_err(exchange(&mut hs, &[5, 1, 0], &[5, 0]));
        assert_failure(
            &failure,
            ProxyCode::ResolveHost,
            "Could not resolve host: nowhere.invalid",
        );
    }

    #[test]
    fn socks5_leaves_the_tunnelled_bytes() {
        let mut hs = start(
            SocksVersion::V5,
            &target("127.0.0.1", 8990, Some(LOCALHOST)),
        );
        send_all(&mut hs);
        // The connect request is not out yet, so the rest waits.
        let mut data = vec![5, 0];
        data.extend_from_slice(&SOCKS5_GRANTED);
        assert_eq!(hs.received(&data), Ok((2, Progress::Pending)));
        send_all(&mut hs);
        let mut data = SOCKS5_GRANTED.to_vec();
        data.extend_from_slice(b"SSH-2.0-x\r\n");
        assert_eq!(hs.received(&data), Ok((10, Progress::Done)));
    }

    #[test]
    fn socks5_domain_bound_address() {
        for (name_len, consumed) in [(0usize, 10usize), (3, 10), (4, 11), (200, 207)] {
            let mut hs = start(
                SocksVersion::V5,
                &target("127.0.0.1", 8990, Some(LOCALHOST)),
            );
            exchange(&mut hs, &[5, 1, 0], &[5, 0]).unwrap();
            send_all(&mut hs);
            let mut reply = vec![5, 0, 0, 3, name_len as u8];
            reply.resize(reply.len() + name_len, b'n');
            reply.extend_from_slice(&[0x23, 0x1e]);
            reply.extend_from_slice(b"tail");
            // 7.88.1 reads ten bytes even when the reply is shorter.
            assert_eq!(hs.received(&reply), Ok((consumed, Progress::Done)));
        }
    }

    // SOCKS5h

    fn socks5h_request(host: &str, atyp_and_address: &[u8]) -> Handshake {
        let mut hs = start(SocksVersion::V5h, &target(host, 8990, None));
        exchange(&mut hs, &[5, 1, 0], &[5, 0]).unwrap();
        let mut request = vec![5, 1, 0];
        request.extend_from_slice(atyp_and_address);
        request.extend_from_slice(&[0x23, 0x1e]);
        assert_eq!(send_all(&mut hs), request);
        hs
    }

    #[test]
    fn socks5h_name_like_test721() {
        let name = b"this.is.a.host.name";
        let mut address = vec![3, name.len() as u8];
        address.extend_from_slice(name);
        let mut hs = socks5h_request("this.is.a.host.name", &address);
        // socksd mirrors the request's address and port in its reply.
        let mut reply = vec![5, 0, 0];
        reply.extend_from_slice(&address);
        reply.extend_from_slice(&[0x23, 0x1e]);
        for byte in &reply[..reply.len() - 1] {
            assert_eq!(hs.received(&[*byte]), Ok((1, Progress::Pending)));
        }
        assert_eq!(
            hs.received(&reply[reply.len() - 1..]),
            Ok((1, Progress::Done))
        );
        assert_eq!(
            hs.take_notes(),
            [
                "SOCKS5 connect to this.is.a.host.name:8990 (remotely resolved)",
                "SOCKS5 request granted.",
            ]
        );
    }

    #[test]
    fn socks5h_ipv4_like_test720() {
        let mut hs = socks5h_request("12.34.56.78", &[1, 12, 34, 56, 78]);
        assert_eq!(
            hs.received(&[5, 0, 0, 1, 12, 34, 56, 78, 0x23, 0x1e]),
            Ok((10, Progress::Done))
        );
    }

    #[test]
    fn socks5h_ipv6_like_test719() {
        let mut address = vec![4, 0x22];
        address.extend_from_slice(&[0; 14]);
        address.push(0x33);
        let mut hs = socks5h_request("[2200::33]", &address);
        let mut reply = vec![5, 0, 0];
        reply.extend_from_slice(&address);
        reply.extend_from_slice(&[0x23, 0x1e]);
        assert_eq!(hs.received(&reply), Ok((22, Progress::Done)));
        assert_eq!(
            hs.take_notes()[0],
            "SOCKS5 connect to 2200::33:8990 (remotely resolved)"
        );
    }

    #[test]
    fn socks5h_ipv6_host_forms() {
        let mut address = vec![4, 0xfe, 0x80];
        address.extend_from_slice(&[0; 13]);
        address.push(1);
        socks5h_request("[fe80::1%25eth0]", &address);
        socks5h_request("fe80::1", &address);
    }

    #[test]
    fn socks5h_bad_ipv6_literal() {
        let mut hs = start(SocksVersion::V5h, &target("[not:an:address]", 80, None));
        let failure = expect_err(exchange(&mut hs, &[5, 1, 0], &[5, 0]));
        assert_eq!(
            failure,
            (Error::bare(Code::Proxy), ProxyCode::BadAddressType)
        );
    }

    #[test]
    fn socks5h_name_that_looks_almost_numeric() {
        let mut address = vec![3, 8];
        address.extend_from_slice(b"01.2.3.4");
        socks5h_request("01.2.3.4", &address);
    }

    #[test]
    fn socks5h_host_name_limit_like_test728() {
        let longest = "A".repeat(255);
        let mut address = vec![3, 255];
        address.extend_from_slice(longest.as_bytes());
        socks5h_request(&longest, &address);

        let too_long = "A".repeat(256);
        let failure = start_err(SocksVersion::V5h, &target(&too_long, 80, None));
        assert_failure(
            &failure,
            ProxyCode::LongHostname,
            "SOCKS5: the destination hostname is too long to be resolved remotely by the \
             proxy.",
        );
        // SOCKS5 resolves locally, so the name's length does not matter.
        start(SocksVersion::V5, &target(&too_long, 80, Some(LOCALHOST)));
    }

    // Failures reported by the caller.

    #[test]
    fn io_failures_name_the_step() {
        let mut t = target("127.0.0.1", 8990, Some(LOCALHOST));
        t.user = Some("u");
        t.password = Some("p");
        let mut hs = start(SocksVersion::V5, &t);
        let reason = "Failure when receiving data from the peer";
        assert_failure(
            &hs.send_failed("Failed sending data to the peer"),
            ProxyCode::SendConnect,
            "Failed to send initial SOCKS5 request: Failed sending data to the peer",
        );
        assert_failure(
            &hs.recv_failed(reason),
            ProxyCode::RecvConnect,
            "SOCKS4: Failed receiving initial SOCKS5 response: Failure when receiving data \
             from the peer",
        );
        exchange(&mut hs, &[5, 2, 0, 2], &[5, 2]).unwrap();
        assert_eq!(hs.send_failed("x").1, ProxyCode::SendAuth);
        assert_eq!(hs.recv_failed("x").1, ProxyCode::RecvAuth);
        exchange(&mut hs, b"\x01\x01u\x01p", &[1, 0]).unwrap();
        assert_eq!(hs.send_failed("x").1, ProxyCode::SendRequest);
        assert_eq!(hs.recv_failed("x").1, ProxyCode::RecvReqack);
        send_all(&mut hs);
        hs.received(&[5, 0, 0, 4, 0, 0, 0, 0, 0, 0]).unwrap();
        assert_failure(
            &hs.recv_failed("x"),
            ProxyCode::RecvAddress,
            "SOCKS4: Failed receiving SOCKS5 connect request address: x",
        );

        let hs = start(
            SocksVersion::V4,
            &target("127.0.0.1", 8990, Some(LOCALHOST)),
        );
        assert_failure(
            &hs.send_failed("x"),
            ProxyCode::SendConnect,
            "Failed to send SOCKS4 connect request: x",
        );
        assert_failure(
            &hs.recv_failed("x"),
            ProxyCode::RecvConnect,
            "SOCKS4: Failed receiving connect request ack: x",
        );
    }

    #[test]
    fn text_ends_at_nul_as_in_c() {
        let mut t = target("host\0junk", 80, None);
        t.user = Some("us\0er");
        let mut hs = start(SocksVersion::V4a, &t);
        assert_eq!(
            send_all(&mut hs),
            b"\x04\x01\x00\x50\x00\x00\x00\x01us\0host\0"
        );
    }

    /// Feeds random replies in random pieces to every kind of handshake: whatever the proxy
    /// sends, the handshake ends in success or a failure, never a panic or a loop.
    #[test]
    fn random_replies_never_panic() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let versions = [
            SocksVersion::V4,
            SocksVersion::V4a,
            SocksVersion::V5,
            SocksVersion::V5h,
        ];
        for round in 0..4000 {
            let version = versions[round % versions.len()];
            let mut t = target("example.com", 443, Some(LOCALHOST));
            if round % 3 == 0 {
                t.user = Some("user");
                t.password = Some("password");
            }
            let mut hs = start(version, &t);
            let mut data: Vec<u8> = (0..next() % 64).map(|_| next() as u8).collect();
            // Steer some rounds past the first checks.
            if !data.is_empty() && version != SocksVersion::V4 && version != SocksVersion::V4a {
                data[0] = 5;
            }
            let mut offset = 0;
            for _ in 0..200 {
                let pending = hs.to_send().len();
                hs.sent((next() as usize % 4).min(pending + 1));
                let end = (offset + (next() as usize % 5)).min(data.len());
                match hs.received(&data[offset..end]) {
                    Ok((used, progress)) => {
                        assert!(used <= end - offset);
                        offset += used;
                        if progress == Progress::Done {
                            break;
                        }
                    }
                    Err(failure) => {
                        assert_eq!(failure.0.code, Code::Proxy);
                        break;
                    }
                }
            }
            let _ = hs.take_notes();
        }
    }
}
