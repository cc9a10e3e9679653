//! Which proxy a transfer goes through, decided the way libcurl 7.88.1 decides it
//! (`create_conn_helper_init_proxy`, `detect_proxy`, `parse_proxy` and `parse_proxy_auth` in
//! lib/url.c, `Curl_check_noproxy` in lib/noproxy.c).
//!
//! Applications notice every detail here: which environment variable wins, whether a
//! `no_proxy` entry covers a host, which port a bare `host` proxy gets, and which error a bad
//! proxy string gives. So the module reproduces libcurl's rules including its odd corners,
//! each one noted where it is implemented; behaviour marked "observed" was checked against
//! the system libcurl 7.88.1 (Debian 12 build).
//!
//! Nothing here reads the process environment or keeps state: the caller passes a lookup
//! closure, which keeps the decision a pure function and the tests deterministic.

use crate::error::{Code, Error, Result};
use crate::url::{ParseFlags, Part, Url, UrlError};

/// Port of a proxy string without one, unless `CURLOPT_PROXYPORT` says otherwise
/// (`CURL_DEFAULT_PROXY_PORT`; the SOCKS port, used for HTTP proxies too).
pub const DEFAULT_PROXY_PORT: u16 = 1080;

/// Port of an HTTPS proxy without one (`CURL_DEFAULT_HTTPS_PROXY_PORT`).
pub const DEFAULT_HTTPS_PROXY_PORT: u16 = 443;

/// libcurl's host name for a SOCKS proxy reached over a Unix socket: `socks5h://localhost/path`
/// names the socket at `/path` (`UNIX_SOCKET_PREFIX`).
const UNIX_SOCKET_HOST: &str = "localhost";

/// `curl_proxytype`. The numbers matter because `CURLOPT_PROXYTYPE` stores them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProxyKind {
    Http,
    Http10,
    Https,
    Socks4,
    Socks4a,
    Socks5,
    Socks5h,
}

impl ProxyKind {
    /// The kind for a `CURLOPT_PROXYTYPE` number. 7.88.1's setopt accepts 0 to 7, and 3 (no
    /// name in that version) then behaves as a plain HTTP proxy because libcurl only tests
    /// for the HTTP/1.0, HTTPS and SOCKS values; anything else maps to HTTP as well.
    pub fn from_curl(number: i64) -> ProxyKind {
        match number {
            1 => ProxyKind::Http10,
            2 => ProxyKind::Https,
            4 => ProxyKind::Socks4,
            5 => ProxyKind::Socks5,
            6 => ProxyKind::Socks4a,
            7 => ProxyKind::Socks5h,
            _ => ProxyKind::Http,
        }
    }

    /// HTTP-speaking proxies get absolute-URI requests or CONNECT; libcurl keeps them apart
    /// from SOCKS proxies (`conn->http_proxy` against `conn->socks_proxy`).
    pub fn is_http(self) -> bool {
        matches!(self, ProxyKind::Http | ProxyKind::Http10 | ProxyKind::Https)
    }

    pub fn is_socks(self) -> bool {
        !self.is_http()
    }

    /// The port a proxy of this kind gets when neither its string nor `CURLOPT_PROXYPORT`
    /// names one.
    pub fn default_port(self) -> u16 {
        if self == ProxyKind::Https {
            DEFAULT_HTTPS_PROXY_PORT
        } else {
            DEFAULT_PROXY_PORT
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Proxy {
    pub kind: ProxyKind,
    /// Host name or IP literal, IPv6 without brackets (and without a zone id, which libcurl
    /// keeps apart as a scope id). A SOCKS proxy on a Unix socket is `localhost/path`, the
    /// name libcurl gives it; see [`Proxy::unix_socket_path`].
    pub host: String,
    pub port: u16,
    /// Credentials (already percent-decoded when they came from the proxy URL).
    pub user: Option<String>,
    pub password: Option<String>,
}

impl Proxy {
    /// The socket path of a SOCKS proxy given as `socks5h://localhost/path` (libcurl 7.84+
    /// connects to the Unix socket `/path` then).
    pub fn unix_socket_path(&self) -> Option<&str> {
        if !self.kind.is_socks() {
            return None;
        }
        let rest = self.host.get(UNIX_SOCKET_HOST.len()..)?;
        let prefix = &self.host[..UNIX_SOCKET_HOST.len()];
        (prefix.eq_ignore_ascii_case(UNIX_SOCKET_HOST) && rest.starts_with('/')).then_some(rest)
    }
}

/// The easy handle's proxy options.
#[derive(Clone, Debug, Default)]
pub struct ProxyOptions {
    /// CURLOPT_PROXY: None = not set (environment decides); Some("") = no proxy at all.
    pub proxy: Option<String>,
    /// CURLOPT_PROXYPORT (0 = not set).
    pub port: u16,
    /// CURLOPT_PROXYTYPE as libcurl's number (CURLPROXY_HTTP 0, HTTP_1_0 1, HTTPS 2, SOCKS4 4,
    /// SOCKS5 5, SOCKS4A 6, SOCKS5_HOSTNAME 7).
    pub kind: i64,
    /// CURLOPT_NOPROXY: None = not set (no_proxy/NO_PROXY environment decides).
    pub noproxy: Option<String>,
    /// CURLOPT_PROXYUSERNAME / CURLOPT_PROXYPASSWORD (CURLOPT_PROXYUSERPWD sets both, split at
    /// the first colon).
    pub user: Option<String>,
    pub password: Option<String>,
    /// CURLOPT_PRE_PROXY (a SOCKS proxy in front of the HTTP proxy): None = not set.
    pub pre_proxy: Option<String>,
}

/// Both proxies of a connection, as libcurl keeps them: at most one HTTP(S) proxy and at
/// most one SOCKS proxy. With both, the SOCKS proxy is the first hop and carries the
/// connection to the HTTP proxy.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Route {
    pub http: Option<Proxy>,
    pub socks: Option<Proxy>,
    /// The informational lines libcurl's verbose output shows while deciding ("Uses proxy
    /// env variable ...", the deprecation note for space-separated no_proxy lists), in order.
    pub notes: Vec<String>,
}

/// Which proxies a request to `scheme://host` goes through (`host` as the URL gives it,
/// IPv6 without brackets, as libcurl matches `no_proxy` against it; no_proxy entries never
/// name a port), and what libcurl would log about the decision. `env` reads an environment
/// variable.
pub fn select_route(
    opts: &ProxyOptions,
    scheme: &str,
    host: &str,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Route> {
    // The proxy credentials are decoded before anything else, so a bad one fails even a
    // transfer that ends up going direct (observed).
    let option_creds = option_credentials(opts)?;
    let mut notes = Vec::new();
    let (proxy, pre_proxy) = proxy_strings(opts, scheme, host, env, &mut notes);

    // Both strings are parsed with the CURLOPT_PROXYTYPE kind as default: a pre-proxy
    // without a scheme is an HTTP proxy unless the type says otherwise.
    let default_kind = ProxyKind::from_curl(opts.kind);
    let mut conn = ConnProxies::new(default_kind, option_creds);
    for text in [proxy, pre_proxy].into_iter().flatten() {
        conn.apply(parse_detailed(&text, default_kind, opts.port)?);
    }
    let (http, socks) = conn.finish();
    Ok(Route { http, socks, notes })
}

/// The proxy and pre-proxy strings left after no_proxy and the environment had their say;
/// empty strings mean "no proxy", and file:// never uses the network.
fn proxy_strings(
    opts: &ProxyOptions,
    scheme: &str,
    host: &str,
    env: &dyn Fn(&str) -> Option<String>,
    notes: &mut Vec<String>,
) -> (Option<String>, Option<String>) {
    let getenv = |name: &str| env(name).filter(|value| !value.is_empty());
    let (no_proxy, note) = no_proxy_list(opts, &getenv);
    notes.extend(note);
    let check = no_proxy_check(no_proxy.as_deref().unwrap_or(""), strip_brackets(host));
    let (mut proxy, mut pre_proxy) = (opts.proxy.clone(), opts.pre_proxy.clone());
    if check.matched {
        (proxy, pre_proxy) = (None, None);
    } else if proxy.is_none() && pre_proxy.is_none() {
        if let Some((name, value)) = env_proxy(scheme, &getenv) {
            notes.push(format!("Uses proxy env variable {name} == '{value}'"));
            proxy = Some(value);
        }
    }
    if check.space_separated {
        notes.push("space-separated NOPROXY patterns are deprecated".to_string());
    }
    let usable = |text: Option<String>| text.filter(|t| !t.is_empty() && !is_no_network(scheme));
    (usable(proxy), usable(pre_proxy))
}

/// Parses a proxy string as libcurl's parse_proxy: `[scheme://][user[:password]@]host[:port][/...]`.
/// Used by [`select_route`].
///
/// One case has no libcurl counterpart: credentials in the string that do not decode (a
/// `%0a` in the user name) make libcurl drop that proxy silently and go direct, which
/// [`select`] reproduces; a lone proxy string cannot say "no proxy", so this reports it as
/// the syntax error.
#[cfg(test)]
fn parse(text: &str, default_kind: i64, proxyport: u16) -> Result<Proxy> {
    match parse_detailed(text, ProxyKind::from_curl(default_kind), proxyport)? {
        Parsed::Usable(p) => {
            let (user, password) = p.creds.map(|c| (c.user, c.password)).unzip();
            Ok(Proxy {
                kind: p.kind,
                host: p.host,
                port: p.port,
                user,
                password,
            })
        }
        Parsed::Dropped(_) => Err(syntax_error(text)),
    }
}

// ----- environment --------------------------------------------------------------------

/// The no_proxy list in force and the note libcurl logs when it came from the environment.
/// CURLOPT_NOPROXY wins even when empty, so an application can switch the variables off.
fn no_proxy_list(
    opts: &ProxyOptions,
    getenv: &dyn Fn(&str) -> Option<String>,
) -> (Option<String>, Option<String>) {
    if let Some(list) = &opts.noproxy {
        return (Some(list.clone()), None);
    }
    ["no_proxy", "NO_PROXY"]
        .into_iter()
        .find_map(|name| getenv(name).map(|v| (name, v)))
        .map_or((None, None), |(name, value)| {
            let note = format!("Uses proxy env variable {name} == '{value}'");
            (Some(value), Some(note))
        })
}

/// `detect_proxy`: `{scheme}_proxy`, its upper-case form, `all_proxy`, `ALL_PROXY`. The
/// upper-case `HTTP_PROXY` is never read, because CGI programs get a request's `Proxy:`
/// header in that variable and an attacker could otherwise redirect their requests.
fn env_proxy(scheme: &str, getenv: &dyn Fn(&str) -> Option<String>) -> Option<(String, String)> {
    let lower = format!("{}_proxy", scheme.to_ascii_lowercase());
    let mut names = vec![lower.clone()];
    if lower != "http_proxy" {
        names.push(lower.to_ascii_uppercase());
    }
    names.extend(["all_proxy".to_string(), "ALL_PROXY".to_string()]);
    names
        .into_iter()
        .find_map(|name| getenv(&name).map(|value| (name, value)))
}

/// Protocols that never touch the network ignore proxies (`PROTOPT_NONETWORK`: only file).
fn is_no_network(scheme: &str) -> bool {
    scheme.eq_ignore_ascii_case("file")
}

/// libcurl matches no_proxy against the host as stored for the connection, where an IPv6
/// literal has lost its brackets; callers may pass either form.
fn strip_brackets(host: &str) -> &str {
    host.strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host)
}

// ----- credentials --------------------------------------------------------------------

#[derive(Clone, Debug, PartialEq, Eq)]
struct Creds {
    user: String,
    password: String,
}

/// `parse_proxy_auth`: the option credentials apply only when a user name is set (a lone
/// password is ignored), the password defaults to empty, and both are percent-decoded, as
/// the CURLOPT_PROXYUSERPWD man page promises, refusing only an encoded zero byte.
fn option_credentials(opts: &ProxyOptions) -> Result<Option<Creds>> {
    let Some(user) = &opts.user else {
        return Ok(None);
    };
    let password = opts.password.as_deref().unwrap_or("");
    Ok(Some(Creds {
        user: decode_option(user)?,
        password: decode_option(password)?,
    }))
}

fn decode_option(text: &str) -> Result<String> {
    let bytes = crate::escape::unescape(text.as_bytes(), false)
        .map_err(|_| Error::bare(Code::UrlMalformat))?;
    if bytes.contains(&0) {
        return Err(Error::bare(Code::UrlMalformat));
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// What the proxy URL says about credentials.
enum UrlCreds {
    Absent,
    Present(Creds),
    /// Present but decoding to control characters.
    Undecodable,
}

/// A user or password without the other counts as both, the missing one empty (test 279:
/// `http://fake@host` authenticates as `fake:`).
fn url_credentials(url: &Url) -> UrlCreds {
    let decoded = ParseFlags {
        urldecode: true,
        ..ParseFlags::default()
    };
    let part = |part, missing| match url.get(part, decoded) {
        Ok(bytes) => Ok(Some(String::from_utf8_lossy(&bytes).into_owned())),
        Err(e) if e == missing => Ok(None),
        Err(_) => Err(()),
    };
    let (Ok(user), Ok(password)) = (
        part(Part::User, UrlError::NoUser),
        part(Part::Password, UrlError::NoPassword),
    ) else {
        return UrlCreds::Undecodable;
    };
    if user.is_none() && password.is_none() {
        return UrlCreds::Absent;
    }
    UrlCreds::Present(Creds {
        user: user.unwrap_or_default(),
        password: password.unwrap_or_default(),
    })
}

// ----- parsing ------------------------------------------------------------------------

struct ParsedProxy {
    kind: ProxyKind,
    host: String,
    port: u16,
    creds: Option<Creds>,
}

enum Parsed {
    Usable(ParsedProxy),
    /// libcurl gives up on the proxy half-way (after recording its kind) without an error,
    /// and the transfer continues as if it had not been given (observed).
    Dropped(ProxyKind),
}

fn syntax_error(text: &str) -> Error {
    Error::new(
        Code::CouldntResolveProxy,
        format!("Unsupported proxy syntax in '{text}'"),
    )
}

/// `parse_proxy`, with the steps in libcurl's order because that order decides which of
/// several problems shows.
fn parse_detailed(text: &str, default_kind: ProxyKind, proxyport: u16) -> Result<Parsed> {
    // libcurl parses the string as a URL, guessing a missing scheme from the host name like
    // for CURLOPT_URL; so `ftp.example.com:3128` is an ftp:// proxy and refused (observed).
    let url = Url::parse(text, ParseFlags::for_transfer()).map_err(|_| syntax_error(text))?;
    let kind = kind_for_scheme(&url, default_kind).ok_or_else(|| {
        Error::new(
            Code::CouldntConnect,
            format!("Unsupported proxy scheme for '{text}'"),
        )
    })?;
    let creds = match url_credentials(&url) {
        UrlCreds::Absent => None,
        UrlCreds::Present(creds) => Some(creds),
        UrlCreds::Undecodable => return Ok(Parsed::Dropped(kind)),
    };
    let port = url.port().unwrap_or(if proxyport != 0 {
        proxyport
    } else {
        kind.default_port()
    });
    let host = proxy_host(&url, kind)?;
    Ok(Parsed::Usable(ParsedProxy {
        kind,
        host,
        port,
        creds,
    }))
}

/// The kind a proxy scheme selects. `http://` (also the guessed scheme) keeps the
/// CURLOPT_PROXYTYPE kind, even a SOCKS one; `socks://` is SOCKS4. None: not a proxy scheme.
fn kind_for_scheme(url: &Url, default_kind: ProxyKind) -> Option<ProxyKind> {
    let scheme = url.scheme()?.to_ascii_lowercase();
    Some(match scheme.as_str() {
        "http" => default_kind,
        "https" => ProxyKind::Https,
        "socks5h" => ProxyKind::Socks5h,
        "socks5" => ProxyKind::Socks5,
        "socks4a" => ProxyKind::Socks4a,
        "socks4" | "socks" => ProxyKind::Socks4,
        _ => return None,
    })
}

/// The proxy's host: decoded once more on the way out of the URL parser (libcurl asks for
/// it with CURLU_URLDECODE), which fails on control characters with the out-of-memory code
/// libcurl uses for any failure there (observed: `http://a%250a` gives error 27).
fn proxy_host(url: &Url, kind: ProxyKind) -> Result<String> {
    let decoded = ParseFlags {
        urldecode: true,
        ..ParseFlags::default()
    };
    let text = |part| {
        url.get(part, decoded)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .map_err(|_| Error::bare(Code::OutOfMemory))
    };
    let host = text(Part::Host)?;
    if kind.is_socks() && host.eq_ignore_ascii_case(UNIX_SOCKET_HOST) {
        let path = text(Part::Path)?;
        if path != "/" {
            return Ok(format!("{UNIX_SOCKET_HOST}{path}"));
        }
    }
    Ok(strip_brackets(&host).to_string())
}

// ----- the two proxy slots ------------------------------------------------------------

/// One of libcurl's two per-connection proxy records (`conn->http_proxy`,
/// `conn->socks_proxy`). A proxy string fills the record of its kind, so a second string of
/// the same family overwrites the first one, field by field.
#[derive(Clone, Debug)]
struct Slot {
    kind: ProxyKind,
    host: Option<String>,
    port: u16,
    creds: Option<Creds>,
}

impl Slot {
    fn new(kind: ProxyKind, creds: Option<Creds>) -> Slot {
        Slot {
            kind,
            host: None,
            port: 0,
            creds,
        }
    }

    fn to_proxy(&self, creds: Option<Creds>) -> Option<Proxy> {
        let host = self.host.clone()?;
        let (user, password) = creds.map(|c| (c.user, c.password)).unzip();
        Some(Proxy {
            kind: self.kind,
            host,
            port: self.port,
            user,
            password,
        })
    }
}

struct ConnProxies {
    http: Slot,
    socks: Slot,
    /// The credentials HTTP proxy authentication uses (`data->state.aptr.proxyuser`): the
    /// option credentials, replaced by those of every proxy URL that carries some. With a
    /// pre-proxy URL holding credentials, those are the ones the HTTP proxy sees.
    http_auth: Option<Creds>,
}

impl ConnProxies {
    /// The option credentials start out in the HTTP record only; they reach a SOCKS proxy
    /// only through [`ConnProxies::finish`].
    fn new(kind: ProxyKind, option_creds: Option<Creds>) -> ConnProxies {
        ConnProxies {
            http: Slot::new(kind, option_creds.clone()),
            socks: Slot::new(ProxyKind::Socks4, None),
            http_auth: option_creds,
        }
    }

    fn apply(&mut self, parsed: Parsed) {
        match parsed {
            Parsed::Dropped(kind) => self.slot(kind).kind = kind,
            Parsed::Usable(p) => {
                if let Some(creds) = &p.creds {
                    self.http_auth = Some(creds.clone());
                }
                let slot = self.slot(p.kind);
                slot.kind = p.kind;
                if p.creds.is_some() {
                    slot.creds = p.creds;
                }
                slot.port = p.port;
                slot.host = Some(p.host);
            }
        }
    }

    fn slot(&mut self, kind: ProxyKind) -> &mut Slot {
        if kind.is_socks() {
            &mut self.socks
        } else {
            &mut self.http
        }
    }

    /// A SOCKS proxy on its own, without credentials in its URL, takes the option
    /// credentials; in front of an HTTP proxy it keeps only its own.
    fn finish(self) -> (Option<Proxy>, Option<Proxy>) {
        let http = self.http.to_proxy(self.http_auth.clone());
        let socks_creds = match (&self.http.host, &self.socks.creds) {
            (None, None) => self.http.creds.clone(),
            _ => self.socks.creds.clone(),
        };
        let socks = self.socks.to_proxy(socks_creds);
        (http, socks)
    }
}

// ----- no_proxy -----------------------------------------------------------------------

/// libcurl 7.88.1's no_proxy match (`Curl_check_noproxy`): `*` alone, comma/space separated
/// names with leading-dot and trailing-dot handling, case-insensitive tail match on a label
/// boundary, IP addresses and CIDR ranges (IPv4 and IPv6) when the host is an IP literal.
///
/// An IPv6 host is only compared as an address when given in brackets; libcurl itself passes
/// the host without them, so for transfers IPv6 hosts match as plain names (`::1` matches
/// `::1` but not `::1/64`, observed), which [`select`] reproduces.
pub fn no_proxy_matches(list: &str, host: &str) -> bool {
    no_proxy_check(list, host).matched
}

/// The outcome of a no_proxy check.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NoProxyCheck {
    pub matched: bool,
    /// The list separated entries by blanks alone before the match (or the end), which
    /// libcurl reports as deprecated.
    pub space_separated: bool,
}

/// Longest IP text (address plus `/bits`) libcurl copies into its buffers; longer entries
/// or bracketed hosts never match.
const MAX_IP_TEXT: usize = 127;

/// What the host is, for matching.
enum Subject<'a> {
    /// A name, without one trailing dot.
    Name(&'a [u8]),
    V4(u32),
    /// A bracketed host; None when the text inside is no IPv6 address, which then matches
    /// nothing.
    V6(Option<[u8; 16]>),
}

/// [`no_proxy_matches`] plus whether the list used blank-only separators.
pub fn no_proxy_check(list: &str, host: &str) -> NoProxyCheck {
    let mut outcome = NoProxyCheck::default();
    if host.is_empty() || list.is_empty() {
        return outcome;
    }
    if list == "*" {
        outcome.matched = true;
        return outcome;
    }
    let Some(subject) = classify(host.as_bytes()) else {
        return outcome;
    };
    let list = list.as_bytes();
    let mut i = 0;
    while i < list.len() {
        i = skip_blanks(list, i);
        let start = i;
        while i < list.len() && !is_blank(list[i]) && list[i] != b',' {
            i += 1;
        }
        if start < i && entry_matches(&subject, &list[start..i]) {
            outcome.matched = true;
            return outcome;
        }
        i = skip_blanks(list, i);
        if i < list.len() && list[i] != b',' {
            outcome.space_separated = true;
            continue;
        }
        while i < list.len() && list[i] == b',' {
            i += 1;
        }
    }
    outcome
}

fn is_blank(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

fn skip_blanks(s: &[u8], mut i: usize) -> usize {
    while i < s.len() && is_blank(s[i]) {
        i += 1;
    }
    i
}

/// None when nothing can match: a `[` without `]`, or an overlong bracketed host.
fn classify(host: &[u8]) -> Option<Subject<'_>> {
    if host.first() == Some(&b'[') {
        let close = host.iter().position(|&b| b == b']')?;
        let inner = &host[1..close];
        if inner.len() > MAX_IP_TEXT {
            return None;
        }
        return Some(Subject::V6(parse_ipv6(inner)));
    }
    if let Some(v4) = parse_ipv4(host) {
        return Some(Subject::V4(v4));
    }
    Some(Subject::Name(host.strip_suffix(b".").unwrap_or(host)))
}

fn entry_matches(subject: &Subject<'_>, entry: &[u8]) -> bool {
    match subject {
        Subject::Name(name) => name_matches(name, entry),
        Subject::V4(address) => {
            ip_entry(entry).is_some_and(|(net, bits)| cidr4_matches(*address, net, bits))
        }
        Subject::V6(address) => ip_entry(entry)
            .is_some_and(|(net, bits)| address.is_some_and(|a| cidr6_matches(&a, net, bits))),
    }
}

/// `example.com` and `.example.com` both cover `example.com` and `www.example.com`, not
/// `nonexample.com`; one trailing dot on either side is ignored.
fn name_matches(name: &[u8], entry: &[u8]) -> bool {
    let entry = entry.strip_suffix(b".").unwrap_or(entry);
    let entry = entry.strip_prefix(b".").unwrap_or(entry);
    match name.len().checked_sub(entry.len()) {
        Some(0) => name.eq_ignore_ascii_case(entry),
        Some(cut) => name[cut - 1] == b'.' && name[cut..].eq_ignore_ascii_case(entry),
        None => false,
    }
}

/// An IP entry split into address text and prefix length (0 when there is no `/`, which
/// the matchers read as "the whole address").
fn ip_entry(entry: &[u8]) -> Option<(&[u8], u32)> {
    if entry.len() > MAX_IP_TEXT {
        return None;
    }
    Some(match entry.iter().position(|&b| b == b'/') {
        Some(slash) => (&entry[..slash], c_atoi(&entry[slash + 1..])),
        None => (entry, 0),
    })
}

/// The prefix length as libcurl reads it: C `atoi` (leading white space, a sign, digits,
/// saturating like `strtol`, then truncated to `int`) stored in an `unsigned int`. So
/// `/abc` is 0 and `/-1` is huge, and both behave as C does.
fn c_atoi(text: &[u8]) -> u32 {
    let mut i = 0;
    while i < text.len() && matches!(text[i], b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
        i += 1;
    }
    let negative = text.get(i) == Some(&b'-');
    if matches!(text.get(i), Some(b'-' | b'+')) {
        i += 1;
    }
    let mut magnitude: u64 = 0;
    for &b in text[i..].iter().take_while(|b| b.is_ascii_digit()) {
        magnitude = magnitude
            .saturating_mul(10)
            .saturating_add(u64::from(b - b'0'));
    }
    let long = if negative {
        0i64.checked_sub_unsigned(magnitude).unwrap_or(i64::MIN)
    } else {
        i64::try_from(magnitude).unwrap_or(i64::MAX)
    };
    long as i32 as u32
}

/// `Curl_cidr4_match`; 0 and 32 bits both mean an exact match, more than 32 never matches.
fn cidr4_matches(address: u32, network: &[u8], bits: u32) -> bool {
    if bits > 32 {
        return false;
    }
    let Some(network) = parse_ipv4(network) else {
        return false;
    };
    if bits == 0 || bits == 32 {
        return address == network;
    }
    let mask = u32::MAX << (32 - bits);
    (address ^ network) & mask == 0
}

/// `Curl_cidr6_match`, including its inverted test of a partial last byte: with a prefix
/// that is not a multiple of 8, libcurl 7.88.1 reports a match only when the remaining
/// high bits differ. 0 bits means 128; more than 128 never matches.
fn cidr6_matches(address: &[u8; 16], network: &[u8], bits: u32) -> bool {
    let bits = if bits == 0 { 128 } else { bits };
    let Some(network) = parse_ipv6(network) else {
        return false;
    };
    let (bytes, rest) = ((bits / 8) as usize, bits % 8);
    if bytes > 16 || (bytes == 16 && rest != 0) {
        return false;
    }
    if address[..bytes] != network[..bytes] {
        return false;
    }
    if rest != 0 {
        let mask = 0xffu8 << (8 - rest);
        if (address[bytes] ^ network[bytes]) & mask == 0 {
            return false;
        }
    }
    true
}

// ----- inet_pton ----------------------------------------------------------------------

/// Dotted-quad IPv4 as glibc's `inet_pton` reads it (libcurl uses the system one): exactly
/// four decimal parts up to 255, no leading zeros, nothing else.
fn parse_ipv4(text: &[u8]) -> Option<u32> {
    let mut parts = 0;
    let mut value: u32 = 0;
    for part in text.split(|&b| b == b'.') {
        let ok_digits = !part.is_empty() && part.iter().all(u8::is_ascii_digit);
        if !ok_digits || (part.len() > 1 && part[0] == b'0') || part.len() > 3 {
            return None;
        }
        let octet = part
            .iter()
            .fold(0u32, |acc, &d| acc * 10 + u32::from(d - b'0'));
        if octet > 255 {
            return None;
        }
        parts += 1;
        if parts > 4 {
            return None;
        }
        value = (value << 8) | octet;
    }
    (parts == 4).then_some(value)
}

/// IPv6 text as glibc's `inet_pton` reads it: up to eight groups of one to four hex digits,
/// one `::` standing for at least one zero group, an optional dotted quad at the end.
fn parse_ipv6(text: &[u8]) -> Option<[u8; 16]> {
    let (head, tail) = match find_double_colon(text) {
        Some(i) => (&text[..i], Some(&text[i + 2..])),
        None => (text, None),
    };
    let head = parse_groups(head, tail.is_none())?;
    let mut out = [0u8; 16];
    match tail {
        None => {
            if head.len() != 16 {
                return None;
            }
            out.copy_from_slice(&head);
        }
        Some(tail) => {
            let tail = parse_groups(tail, true)?;
            if head.len() + tail.len() > 14 {
                return None;
            }
            out[..head.len()].copy_from_slice(&head);
            out[16 - tail.len()..].copy_from_slice(&tail);
        }
    }
    Some(out)
}

fn find_double_colon(text: &[u8]) -> Option<usize> {
    text.windows(2).position(|w| w == b"::")
}

/// Colon-separated groups (no `::` inside) as bytes; a dotted quad may end the text when
/// `last` says it is the end of the address. Empty text is no groups.
fn parse_groups(text: &[u8], last: bool) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(16);
    if text.is_empty() {
        return Some(out);
    }
    let groups: Vec<&[u8]> = text.split(|&b| b == b':').collect();
    for (i, group) in groups.iter().enumerate() {
        let is_final = i + 1 == groups.len();
        if is_final && last && group.contains(&b'.') {
            out.extend_from_slice(&parse_ipv4(group)?.to_be_bytes());
            continue;
        }
        if group.is_empty() || group.len() > 4 || !group.iter().all(u8::is_ascii_hexdigit) {
            return None;
        }
        let value = u16::from_str_radix(std::str::from_utf8(group).ok()?, 16).ok()?;
        out.extend_from_slice(&value.to_be_bytes());
    }
    (out.len() <= 16).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// An environment made of the given variables only.
    fn select(
        opts: &ProxyOptions,
        scheme: &str,
        host: &str,
        _port: u16,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Option<Proxy>> {
        select_route(opts, scheme, host, env).map(|r| r.http.or(r.socks))
    }

    fn select_pre_proxy(
        opts: &ProxyOptions,
        scheme: &str,
        host: &str,
        _port: u16,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Option<Proxy>> {
        select_route(opts, scheme, host, env).map(|r| r.http.and(r.socks))
    }

    fn env_of(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name: &str| map.get(name).cloned()
    }

    fn with_proxy(proxy: &str) -> ProxyOptions {
        ProxyOptions {
            proxy: Some(proxy.to_string()),
            ..ProxyOptions::default()
        }
    }

    fn route(opts: &ProxyOptions, url_scheme: &str, host: &str, env: &[(&str, &str)]) -> Route {
        select_route(opts, url_scheme, host, &env_of(env)).expect("a route")
    }

    /// The proxy `select` picks, as `kind host:port user:password`.
    fn chosen(opts: &ProxyOptions, url_scheme: &str, host: &str, env: &[(&str, &str)]) -> String {
        let proxy = select(opts, url_scheme, host, 80, &env_of(env)).expect("no error");
        proxy.as_ref().map_or("direct".to_string(), describe)
    }

    fn describe(p: &Proxy) -> String {
        let mut s = format!("{:?} {}:{}", p.kind, p.host, p.port);
        if let Some(user) = &p.user {
            s.push_str(&format!(
                " {user}:{}",
                p.password.as_deref().unwrap_or("<none>")
            ));
        }
        s
    }

    fn error_of(opts: &ProxyOptions) -> Error {
        select(opts, "http", "example.com", 80, &env_of(&[])).expect_err("an error")
    }

    // ----- unit1614.c, libcurl's own test of Curl_check_noproxy at 7.88.1 -----------------

    #[test]
    fn unit1614_cidr4() {
        let rows: [(&str, &str, u32, bool); 12] = [
            ("192.160.0.1", "192.160.0.1", 33, false),
            ("192.160.0.1", "192.160.0.1", 32, true),
            ("192.160.0.1", "192.160.0.1", 0, true),
            ("192.160.0.1", "192.160.0.1", 24, true),
            ("192.160.0.1", "192.160.0.1", 26, true),
            ("192.160.0.1", "192.160.0.1", 20, true),
            ("192.160.0.1", "192.160.0.1", 18, true),
            ("192.160.0.1", "192.160.0.1", 12, true),
            ("192.160.0.1", "192.160.0.1", 8, true),
            ("192.160.0.1", "10.0.0.1", 8, false),
            ("192.160.0.1", "10.0.0.1", 32, false),
            ("192.160.0.1", "10.0.0.1", 0, false),
        ];
        for (address, network, bits, expected) in rows {
            let address = parse_ipv4(address.as_bytes()).unwrap();
            assert_eq!(
                cidr4_matches(address, network.as_bytes(), bits),
                expected,
                "{network}/{bits}"
            );
        }
    }

    #[test]
    fn unit1614_cidr6() {
        let rows: [(&str, &str, u32, bool); 5] = [
            ("::1", "::1", 0, true),
            ("::1", "::1", 128, true),
            ("::1", "0:0::1", 128, true),
            ("::1", "0:0::1", 129, false),
            (
                "fe80::ab47:4396:55c9:8474",
                "fe80::ab47:4396:55c9:8474",
                64,
                true,
            ),
        ];
        for (address, network, bits, expected) in rows {
            let address = parse_ipv6(address.as_bytes()).unwrap();
            assert_eq!(
                cidr6_matches(&address, network.as_bytes(), bits),
                expected,
                "{network}/{bits}"
            );
        }
    }

    #[test]
    fn unit1614_check_noproxy() {
        let long128 = "localhost,127.0.0.1.127.0.0.1.127.0.0.1.127.0.0.1.\
                       127.0.0.1.127.0.0.1.127.0.0.1.127.0.0.1.127.0.0.1.127.0.0.1.127.\
                       0.0.1.127.0.0.1.127.0.0.";
        let long127 = "localhost,127.0.0.1.127.0.0.1.127.0.0.1.127.0.0.1.\
                       127.0.0.1.127.0.0.1.127.0.0.1.127.0.0.1.127.0.0.1.127.0.0.1.127.\
                       0.0.1.127.0.0.1.127.0.0";
        assert_eq!(long128.len() - "localhost,".len(), 128);
        assert_eq!(long127.len() - "localhost,".len(), 127);
        let rows: [(&str, &str, bool, bool); 42] = [
            (
                "www.example.com",
                "localhost .example.com .example.de",
                true,
                true,
            ),
            (
                "www.example.com",
                "localhost,.example.com,.example.de",
                true,
                false,
            ),
            (
                "www.example.com.",
                "localhost,.example.com,.example.de",
                true,
                false,
            ),
            (
                "example.com",
                "localhost,.example.com,.example.de",
                true,
                false,
            ),
            (
                "example.com.",
                "localhost,.example.com,.example.de",
                true,
                false,
            ),
            (
                "www.example.com",
                "localhost,.example.com.,.example.de",
                true,
                false,
            ),
            (
                "www.example.com",
                "localhost,www.example.com.,.example.de",
                true,
                false,
            ),
            (
                "example.com",
                "localhost,example.com,.example.de",
                true,
                false,
            ),
            (
                "example.com.",
                "localhost,example.com,.example.de",
                true,
                false,
            ),
            (
                "nexample.com",
                "localhost,example.com,.example.de",
                false,
                false,
            ),
            (
                "www.example.com",
                "localhost,example.com,.example.de",
                true,
                false,
            ),
            ("127.0.0.1", "127.0.0.1,localhost", true, false),
            ("127.0.0.1", "127.0.0.1,localhost,", true, false),
            ("127.0.0.1", "127.0.0.1/8,localhost,", true, false),
            ("127.0.0.1", "127.0.0.1/28,localhost,", true, false),
            ("127.0.0.1", "127.0.0.1/31,localhost,", true, false),
            ("127.0.0.1", "localhost,127.0.0.1", true, false),
            ("127.0.0.1", long128, false, false),
            ("127.0.0.1", long127, false, false),
            ("localhost", "localhost,127.0.0.1", true, false),
            ("localhost", "127.0.0.1,localhost", true, false),
            ("foobar", "barfoo", false, false),
            ("foobar", "foobar", true, false),
            ("192.168.0.1", "foobar", false, false),
            ("192.168.0.1", "192.168.0.0/16", true, false),
            ("192.168.0.1", "192.168.0.0/24", true, false),
            ("192.168.0.1", "192.168.0.0/32", false, false),
            ("192.168.0.1", "192.168.0.0", false, false),
            ("192.168.1.1", "192.168.0.0/24", false, false),
            ("192.168.1.1", "foo, bar, 192.168.0.0/24", false, false),
            ("192.168.1.1", "foo, bar, 192.168.0.0/16", true, false),
            ("[::1]", "foo, bar, 192.168.0.0/16", false, false),
            ("[::1]", "foo, bar, ::1/64", true, false),
            ("bar", "foo, bar, ::1/64", true, false),
            ("BAr", "foo, bar, ::1/64", true, false),
            ("BAr", "foo,,,,,              bar, ::1/64", true, false),
            ("www.example.com", "foo, .example.com", true, false),
            (
                "www.example.com",
                "www2.example.com, .example.net",
                false,
                false,
            ),
            ("example.com", ".example.com, .example.net", true, false),
            ("nonexample.com", ".example.com, .example.net", false, false),
            // Not in unit1614: the same rows through the boolean wrapper's edge cases.
            ("", "*", false, false),
            ("a", "", false, false),
        ];
        for (host, list, matched, space_separated) in rows {
            assert_eq!(
                no_proxy_check(list, host),
                NoProxyCheck {
                    matched,
                    space_separated
                },
                "{host} in {list}"
            );
            assert_eq!(no_proxy_matches(list, host), matched);
        }
    }

    // ----- no_proxy details ---------------------------------------------------------------

    #[test]
    fn only_a_lone_star_matches_everything() {
        assert!(no_proxy_matches("*", "anything"));
        assert!(no_proxy_matches("*", "127.0.0.1"));
        // Observed: "*," and " *" are ordinary names.
        assert!(!no_proxy_matches("*,", "127.0.0.1"));
        assert!(!no_proxy_matches(" *", "example.com"));
        assert!(no_proxy_matches("*", "[::1]"));
    }

    #[test]
    fn names_match_on_label_boundaries_ignoring_case_and_one_dot() {
        assert!(no_proxy_matches("EXAMPLE.com", "www.Example.COM"));
        assert!(!no_proxy_matches("ample.com", "example.com"));
        assert!(!no_proxy_matches("..example.com", "x.example.com"));
        assert!(!no_proxy_matches("example.com..", "example.com."));
        assert!(!no_proxy_matches("example.com:8080", "example.com"));
        assert!(!no_proxy_matches("www.example.com", "example.com"));
        // A tab separates like a space; other white space is part of a name.
        assert!(no_proxy_matches("a\tb", "b"));
        assert!(!no_proxy_matches("a\nb", "b"));
        assert_eq!(
            no_proxy_check("a\tb", "b"),
            NoProxyCheck {
                matched: true,
                space_separated: true
            }
        );
        // Commas and blanks in any number, empty entries ignored.
        assert!(no_proxy_matches(" ,, , b ,", "b"));
        assert!(!no_proxy_check(" ,, , b ,", "b").space_separated);
        // A lone "." entry strips to nothing: it covers only names ending in "." labels.
        assert!(!no_proxy_matches(".", "example.com"));
        assert!(no_proxy_matches(".", "."));
    }

    #[test]
    fn ipv4_hosts_match_addresses_and_ranges_not_names() {
        assert!(no_proxy_matches("10.0.0.0/8", "10.1.2.3"));
        assert!(!no_proxy_matches("10.0.0.0/8", "11.1.2.3"));
        assert!(no_proxy_matches("0.0.0.0/1", "127.0.0.1"));
        assert!(!no_proxy_matches("0.0.0.0/1", "128.0.0.1"));
        // No prefix, /0 and /32 all mean the exact address; atoi junk reads as 0.
        assert!(no_proxy_matches("10.1.2.3/0", "10.1.2.3"));
        assert!(!no_proxy_matches("10.0.0.0/0", "10.1.2.3"));
        assert!(no_proxy_matches("10.1.2.3/abc", "10.1.2.3"));
        assert!(!no_proxy_matches("10.0.0.0/ 8", "10.9.9.9")); // a blank ends the entry
        assert!(no_proxy_matches("10.0.0.0/\x0b8", "10.9.9.9"));
        assert!(!no_proxy_matches("10.0.0.0/-1", "10.9.9.9"));
        assert!(!no_proxy_matches("10.0.0.0/33", "10.9.9.9"));
        // 2^32 + 8 truncates to 8 in C's atoi.
        assert!(no_proxy_matches("10.0.0.0/4294967304", "10.9.9.9"));
        // Names never match an address host, and a trailing dot makes a host a name.
        assert!(!no_proxy_matches("localhost", "127.0.0.1"));
        assert!(no_proxy_matches("127.0.0.1", "127.0.0.1."));
        assert!(!no_proxy_matches("127.0.0.0/8", "127.0.0.1."));
        // Leading zeros make no address (glibc inet_pton), so the host is a name.
        assert!(!no_proxy_matches("127.0.0.0/8", "127.000.0.1"));
        assert!(no_proxy_matches("000.0.1", "127.000.0.1"));
        assert!(!no_proxy_matches("00.0.1", "127.000.0.1"));
    }

    #[test]
    fn bracketed_ipv6_hosts_match_ranges_with_libcurls_partial_byte_quirk() {
        assert!(no_proxy_matches("fe80::/16", "[fe80::1]"));
        assert!(!no_proxy_matches("fe81::/16", "[fe80::1]"));
        assert!(no_proxy_matches("::1", "[::1]"));
        assert!(no_proxy_matches("0::0:1", "[::1]"));
        // A prefix that is not a multiple of 8 bits matches when the leftover bits differ.
        assert!(!no_proxy_matches("::1/127", "[::1]"));
        assert!(no_proxy_matches("::1/127", "[::3]"));
        assert!(no_proxy_matches("fe80::/9", "[fe00::1]"));
        assert!(!no_proxy_matches("fe80::/9", "[fec0::1]"));
        assert!(!no_proxy_matches("fe80::/9", "[fe80::1]"));
        assert!(!no_proxy_matches("::1/200", "[::1]"));
        assert!(!no_proxy_matches("::1", "[::1"));
        assert!(!no_proxy_matches("foo", "[foo]"));
        assert!(!no_proxy_matches("::1", "[]"));
        // Without brackets an IPv6 host is a name (observed through transfers).
        assert!(no_proxy_matches("::1", "::1"));
        assert!(!no_proxy_matches("::1/64", "::1"));
        assert!(!no_proxy_matches(":1", "::1"));
    }

    #[test]
    fn inet_pton_follows_glibc() {
        for ok in ["0.0.0.0", "255.255.255.255", "1.2.3.4", "10.0.0.1"] {
            assert!(parse_ipv4(ok.as_bytes()).is_some(), "{ok}");
        }
        for bad in [
            "",
            "1.2.3",
            "1.2.3.4.",
            "1.2.3.4.5",
            "01.2.3.4",
            "1.2.3.256",
            "1..3.4",
            "a.b.c.d",
            " 1.2.3.4",
            "1.2.3.4 ",
            "1234.1.1.1",
            "0x1.2.3.4",
            "127.1",
        ] {
            assert!(parse_ipv4(bad.as_bytes()).is_none(), "{bad:?}");
        }
        let v6 = |s: &str| parse_ipv6(s.as_bytes());
        for (text, std_text) in [
            ("::", "::"),
            ("::1", "::1"),
            ("1::", "1::"),
            ("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"),
            ("1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0"),
            ("::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8"),
            ("::ffff:1.2.3.4", "::ffff:1.2.3.4"),
            ("1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304"),
            ("FE80::AB47:0004", "fe80::ab47:4"),
        ] {
            let expected: std::net::Ipv6Addr = std_text.parse().unwrap();
            assert_eq!(v6(text), Some(expected.octets()), "{text}");
        }
        for bad in [
            "",
            ":",
            ":1",
            "1:",
            ":::",
            "1:::2",
            "1::2::3",
            "12345::",
            "1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:7:8::",
            "::1.2.3",
            "1.2.3.4::",
            "::01.2.3.4",
            "1:2:3:4:5:6:7:1.2.3.4",
            "g::",
            "::1%eth0",
            "[::1]",
        ] {
            assert_eq!(v6(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn prefix_lengths_are_read_like_c_atoi() {
        assert_eq!(c_atoi(b"24"), 24);
        assert_eq!(c_atoi(b""), 0);
        assert_eq!(c_atoi(b"x1"), 0);
        assert_eq!(c_atoi(b"\n\r 8x"), 8);
        assert_eq!(c_atoi(b"+7"), 7);
        assert_eq!(c_atoi(b"-1"), u32::MAX);
        assert_eq!(c_atoi(b"4294967304"), 8);
        assert_eq!(c_atoi(b"99999999999999999999999"), u32::MAX); // LONG_MAX as int
        assert_eq!(c_atoi(b"-99999999999999999999999"), 0); // LONG_MIN as int
    }

    // ----- parsing proxy strings ----------------------------------------------------------

    fn parsed(text: &str, kind: i64, port: u16) -> String {
        describe(&parse(text, kind, port).expect("parses"))
    }

    #[test]
    fn schemes_select_kinds_and_http_keeps_the_configured_one() {
        assert_eq!(parsed("proxy:3128", 0, 0), "Http proxy:3128");
        assert_eq!(parsed("http://proxy:3128", 1, 0), "Http10 proxy:3128");
        assert_eq!(parsed("HTTP://proxy", 0, 0), "Http proxy:1080");
        assert_eq!(parsed("https://proxy", 0, 0), "Https proxy:443");
        assert_eq!(parsed("socks://proxy", 0, 0), "Socks4 proxy:1080");
        assert_eq!(parsed("socks4://proxy", 0, 0), "Socks4 proxy:1080");
        assert_eq!(parsed("socks4a://proxy", 0, 0), "Socks4a proxy:1080");
        assert_eq!(parsed("socks5://proxy", 0, 0), "Socks5 proxy:1080");
        assert_eq!(parsed("SOCKS5H://proxy", 0, 0), "Socks5h proxy:1080");
        // Observed: with CURLOPT_PROXYTYPE SOCKS5, "http://" still means SOCKS5.
        assert_eq!(parsed("http://proxy:1", 5, 0), "Socks5 proxy:1");
        assert_eq!(parsed("proxy:1", 7, 0), "Socks5h proxy:1");
        assert_eq!(parsed("proxy", 2, 0), "Https proxy:443");
        assert_eq!(parsed("https://proxy", 5, 0), "Https proxy:443");
        // 3 has no name in 7.88.1 and acts as HTTP (observed).
        assert_eq!(parsed("proxy:1", 3, 0), "Http proxy:1");
    }

    #[test]
    fn ports_come_from_the_string_then_proxyport_then_the_default() {
        assert_eq!(parsed("proxy:8080", 0, 3128), "Http proxy:8080");
        assert_eq!(parsed("proxy", 0, 3128), "Http proxy:3128");
        assert_eq!(parsed("https://proxy", 0, 3128), "Https proxy:3128");
        assert_eq!(parsed("proxy", 0, 0), "Http proxy:1080");
        assert_eq!(parsed("http://proxy:/", 0, 0), "Http proxy:1080");
        assert_eq!(parsed("proxy:0", 0, 3128), "Http proxy:0");
        assert_eq!(parsed("http://proxy:080", 0, 0), "Http proxy:80");
    }

    #[test]
    fn hosts_are_decoded_normalised_and_unbracketed() {
        assert_eq!(
            parsed("[::1]:8080", 0, 0),
            "Http [::1]:8080".replace("[::1]", "::1")
        );
        assert_eq!(parsed("http://[fe80::1%25lo]:1", 0, 0), "Http fe80::1:1");
        assert_eq!(parsed("http://127.0.0.%31:1", 0, 0), "Http 127.0.0.1:1");
        assert_eq!(parsed("http://127.1:1", 0, 0), "Http 127.0.0.1:1");
        assert_eq!(
            parsed("Proxy.Example:1/path?q#f", 0, 0),
            "Http Proxy.Example:1"
        );
        // Decoded once when parsed and once more when read: %2541 is "A".
        assert_eq!(parsed("http://a%2541:1", 0, 0), "Http aA:1");
        // Observed: a control character after the second decoding is error 27.
        let e = parse("http://a%250a", 0, 0).unwrap_err();
        assert_eq!(e, Error::bare(Code::OutOfMemory));
    }

    #[test]
    fn unix_socket_socks_proxies_keep_their_path_in_the_host() {
        let p = parse("socks5h://localhost/tmp/s.sock", 0, 0).unwrap();
        assert_eq!(describe(&p), "Socks5h localhost/tmp/s.sock:1080");
        assert_eq!(p.unix_socket_path(), Some("/tmp/s.sock"));
        let p = parse("socks5://LocalHost/", 0, 0).unwrap();
        assert_eq!((p.host.as_str(), p.unix_socket_path()), ("LocalHost", None));
        let p = parse("http://localhost/tmp/s.sock", 0, 0).unwrap();
        assert_eq!((p.host.as_str(), p.unix_socket_path()), ("localhost", None));
    }

    #[test]
    fn url_credentials_are_decoded_and_complete_each_other() {
        assert_eq!(
            parsed("http://u%40x:p%3a@proxy", 0, 0),
            "Http proxy:1080 u@x:p:"
        );
        // Tests 278 and 279: "f%61ke:" and "f%61ke" both authenticate as "fake:".
        assert_eq!(
            parsed("http://f%61ke:@proxy", 0, 0),
            "Http proxy:1080 fake:"
        );
        assert_eq!(parsed("http://f%61ke@proxy", 0, 0), "Http proxy:1080 fake:");
        assert_eq!(parsed("http://:pw@proxy", 0, 0), "Http proxy:1080 :pw");
        assert_eq!(
            parsed("http://fake:user@proxy/", 0, 0),
            "Http proxy:1080 fake:user"
        );
        assert!(parse("http://a%0ab@proxy", 0, 0).is_err());
    }

    #[test]
    fn bad_proxy_strings_give_libcurls_codes_and_messages() {
        let cases = [
            (
                "foo://bar",
                Code::CouldntConnect,
                "Unsupported proxy scheme for 'foo://bar'",
            ),
            (
                "ftp.example.com:3128",
                Code::CouldntConnect,
                "Unsupported proxy scheme for 'ftp.example.com:3128'",
            ),
            (
                "http://[::1",
                Code::CouldntResolveProxy,
                "Unsupported proxy syntax in 'http://[::1'",
            ),
            // Test 1329.
            (
                "/server",
                Code::CouldntResolveProxy,
                "Unsupported proxy syntax in '/server'",
            ),
            (
                "http://:8080",
                Code::CouldntResolveProxy,
                "Unsupported proxy syntax in 'http://:8080'",
            ),
            (
                "127.0.0.1:99999",
                Code::CouldntResolveProxy,
                "Unsupported proxy syntax in '127.0.0.1:99999'",
            ),
            (
                "my proxy",
                Code::CouldntResolveProxy,
                "Unsupported proxy syntax in 'my proxy'",
            ),
        ];
        for (text, code, message) in cases {
            assert_eq!(
                error_of(&with_proxy(text)),
                Error::new(code, message),
                "{text}"
            );
            assert_eq!(parse(text, 0, 0).unwrap_err(), Error::new(code, message));
        }
    }

    #[test]
    fn kind_numbers() {
        use ProxyKind::*;
        let kinds = [Http, Http10, Https, Http, Socks4, Socks5, Socks4a, Socks5h];
        for (n, kind) in kinds.into_iter().enumerate() {
            assert_eq!(ProxyKind::from_curl(n as i64), kind, "CURLPROXY {n}");
        }
        assert_eq!(ProxyKind::from_curl(3), ProxyKind::Http);
        assert_eq!(ProxyKind::from_curl(-1), ProxyKind::Http);
        assert!(ProxyKind::Https.is_http() && ProxyKind::Http10.is_http());
        assert!(ProxyKind::Socks4a.is_socks() && !ProxyKind::Http.is_socks());
    }

    // ----- the environment ----------------------------------------------------------------

    #[test]
    fn environment_lookup_order() {
        let none = ProxyOptions::default();
        let host = "example.com";
        // The upper-case HTTP_PROXY is never read (observed).
        assert_eq!(
            chosen(&none, "http", host, &[("HTTP_PROXY", "p:1")]),
            "direct"
        );
        assert_eq!(
            chosen(
                &none,
                "http",
                host,
                &[("http_proxy", "a:1"), ("all_proxy", "b:2")]
            ),
            "Http a:1"
        );
        assert_eq!(
            chosen(&none, "http", host, &[("ALL_PROXY", "b:2")]),
            "Http b:2"
        );
        assert_eq!(
            chosen(
                &none,
                "http",
                host,
                &[("all_proxy", "b:2"), ("ALL_PROXY", "c:3")]
            ),
            "Http b:2"
        );
        // Empty variables count as unset (curl_getenv), observed for both.
        assert_eq!(
            chosen(
                &none,
                "http",
                host,
                &[("all_proxy", ""), ("ALL_PROXY", "c:3")]
            ),
            "Http c:3"
        );
        assert_eq!(
            chosen(
                &none,
                "http",
                host,
                &[("http_proxy", ""), ("all_proxy", "b:2")]
            ),
            "Http b:2"
        );
        // Other schemes read the upper-case form after the lower-case one.
        assert_eq!(
            chosen(&none, "https", host, &[("HTTPS_PROXY", "a:1")]),
            "Http a:1"
        );
        assert_eq!(
            chosen(
                &none,
                "https",
                host,
                &[("HTTPS_PROXY", "a:1"), ("https_proxy", "b:2")]
            ),
            "Http b:2"
        );
        assert_eq!(
            chosen(&none, "HTTPS", host, &[("https_proxy", "b:2")]),
            "Http b:2"
        );
        assert_eq!(
            chosen(&none, "https", host, &[("http_proxy", "a:1")]),
            "direct"
        );
        // Test 1106: ftp_proxy for ftp:// URLs.
        assert_eq!(
            chosen(&none, "ftp", host, &[("ftp_proxy", "http://h:8990/")]),
            "Http h:8990"
        );
        // The environment proxy may carry a scheme and credentials (test 63).
        assert_eq!(
            chosen(
                &none,
                "http",
                host,
                &[("http_proxy", "http://fake:user@127.0.0.1:8990/")]
            ),
            "Http 127.0.0.1:8990 fake:user"
        );
        assert_eq!(
            chosen(&none, "http", host, &[("all_proxy", "socks5h://s:1")]),
            "Socks5h s:1"
        );
    }

    #[test]
    fn options_override_the_environment() {
        let env = [("http_proxy", "env:1")];
        assert_eq!(
            chosen(&with_proxy("opt:2"), "http", "h", &env),
            "Http opt:2"
        );
        // CURLOPT_PROXY "" switches proxies off, environment included (observed).
        assert_eq!(chosen(&with_proxy(""), "http", "h", &env), "direct");
        // A pre-proxy alone also keeps the environment out (observed).
        let opts = ProxyOptions {
            pre_proxy: Some("socks5h://s:3".into()),
            ..ProxyOptions::default()
        };
        assert_eq!(chosen(&opts, "http", "h", &env), "Socks5h s:3");
    }

    #[test]
    fn no_proxy_sources_and_scope() {
        let none = ProxyOptions::default();
        let proxy_env = ("http_proxy", "p:1");
        // Tests 1249/1251: NO_PROXY applies to the environment and to CURLOPT_PROXY alike.
        assert_eq!(
            chosen(
                &none,
                "http",
                "127.0.0.1",
                &[proxy_env, ("NO_PROXY", "127.0.0.1")]
            ),
            "direct"
        );
        assert_eq!(
            chosen(
                &with_proxy("dummy:1"),
                "http",
                "127.0.0.1",
                &[("NO_PROXY", "127.0.0.1")]
            ),
            "direct"
        );
        // no_proxy wins over NO_PROXY, but an empty one does not count (observed).
        let both = [proxy_env, ("no_proxy", "foo"), ("NO_PROXY", "127.0.0.1")];
        assert_eq!(chosen(&none, "http", "127.0.0.1", &both), "Http p:1");
        let empty = [proxy_env, ("no_proxy", ""), ("NO_PROXY", "127.0.0.1")];
        assert_eq!(chosen(&none, "http", "127.0.0.1", &empty), "direct");
        // Tests 1252-1257: CURLOPT_NOPROXY replaces the variables, even when empty.
        let env = [proxy_env, ("NO_PROXY", "example.com")];
        let mut opts = with_proxy("http://127.0.0.1:8990");
        opts.noproxy = Some("127.0.0.1".into());
        assert_eq!(chosen(&opts, "http", "127.0.0.1", &env), "direct");
        assert_eq!(
            chosen(&opts, "http", "somewhere.example.com", &env),
            "Http 127.0.0.1:8990"
        );
        opts.noproxy = Some(String::new());
        assert_eq!(
            chosen(&opts, "http", "somewhere.example.com", &env),
            "Http 127.0.0.1:8990"
        );
        let mut env_only = ProxyOptions {
            noproxy: Some("127.0.0.1".into()),
            ..ProxyOptions::default()
        };
        let env = [
            ("http_proxy", "http://127.0.0.1:8990"),
            ("NO_PROXY", "example.com"),
        ];
        assert_eq!(chosen(&env_only, "http", "127.0.0.1", &env), "direct");
        assert_eq!(
            chosen(&env_only, "http", "somewhere.example.com", &env),
            "Http 127.0.0.1:8990"
        );
        env_only.noproxy = Some(String::new());
        assert_eq!(
            chosen(&env_only, "http", "somewhere.example.com", &env),
            "Http 127.0.0.1:8990"
        );
        // Test 1212: no_proxy also covers SOCKS proxies.
        let mut socks = with_proxy("non-existing-host.haxx.se:1080");
        socks.kind = 5;
        socks.noproxy = Some("127.0.0.1".into());
        assert_eq!(chosen(&socks, "http", "127.0.0.1", &[]), "direct");
        // Test 1265: an IPv6 host is matched as a name; brackets or not.
        let env = [("http_proxy", "http://127.0.0.1:8990"), ("NO_PROXY", "::1")];
        assert_eq!(chosen(&none, "http", "::1", &env), "direct");
        assert_eq!(chosen(&none, "http", "[::1]", &env), "direct");
        let env = [("http_proxy", "p:1"), ("NO_PROXY", "::1/64")];
        assert_eq!(chosen(&none, "http", "::1", &env), "Http p:1");
    }

    #[test]
    fn file_urls_never_use_a_proxy() {
        assert_eq!(chosen(&with_proxy("p:1"), "file", "", &[]), "direct");
    }

    #[test]
    fn verbose_notes_follow_libcurl() {
        let r = route(
            &ProxyOptions::default(),
            "https",
            "127.0.0.1",
            &[("HTTPS_PROXY", "127.0.0.1:1"), ("no_proxy", "foo")],
        );
        assert_eq!(
            r.notes,
            [
                "Uses proxy env variable no_proxy == 'foo'",
                "Uses proxy env variable HTTPS_PROXY == '127.0.0.1:1'",
            ]
        );
        let mut opts = with_proxy("p:1");
        opts.noproxy = Some("foo 127.0.0.1".into());
        let r = route(&opts, "http", "127.0.0.1", &[]);
        assert_eq!(r.notes, ["space-separated NOPROXY patterns are deprecated"]);
        assert_eq!((r.http, r.socks), (None, None));
    }

    // ----- credentials ----------------------------------------------------------------------

    fn with_creds(proxy: &str, user: Option<&str>, password: Option<&str>) -> ProxyOptions {
        ProxyOptions {
            user: user.map(str::to_string),
            password: password.map(str::to_string),
            ..with_proxy(proxy)
        }
    }

    #[test]
    fn option_credentials_are_decoded_and_lose_to_url_ones() {
        // All observed through Proxy-Authorization / the SOCKS5 handshake.
        let c = |opts: &ProxyOptions| chosen(opts, "http", "example.com", &[]);
        assert_eq!(
            c(&with_creds("p:1", Some("a%41"), Some("b%42%zz"))),
            "Http p:1 aA:bB%zz"
        );
        assert_eq!(c(&with_creds("p:1", None, Some("pw"))), "Http p:1");
        assert_eq!(c(&with_creds("p:1", Some("us"), None)), "Http p:1 us:");
        assert_eq!(c(&with_creds("p:1", Some(""), None)), "Http p:1 :");
        assert_eq!(
            c(&with_creds("http://uu:pp@p:1", Some("a"), Some("b"))),
            "Http p:1 uu:pp"
        );
        assert_eq!(
            c(&with_creds("http://uu@p:1", Some("a"), Some("b"))),
            "Http p:1 uu:"
        );
        assert_eq!(
            c(&with_creds("socks5h://p:1", Some("a%41"), Some("b"))),
            "Socks5h p:1 aA:b"
        );
        assert_eq!(
            c(&with_creds("socks5h://u%40x:p%3a@p:1", None, None)),
            "Socks5h p:1 u@x:p:"
        );
    }

    #[test]
    fn undecodable_option_credentials_fail_every_transfer() {
        // Observed: error 3 even when no_proxy sends the transfer direct.
        let mut opts = with_creds("p:1", Some("a%00"), Some("b"));
        assert_eq!(error_of(&opts), Error::bare(Code::UrlMalformat));
        opts.noproxy = Some("*".into());
        assert_eq!(error_of(&opts), Error::bare(Code::UrlMalformat));
        let opts = with_creds("p:1", Some("a"), Some("%00"));
        assert_eq!(error_of(&opts), Error::bare(Code::UrlMalformat));
        // Other control characters are fine in options.
        let opts = with_creds("p:1", Some("a%0a"), None);
        assert_eq!(chosen(&opts, "http", "h", &[]), "Http p:1 a\n:");
    }

    #[test]
    fn undecodable_url_credentials_drop_the_proxy_silently() {
        // Observed: both transfers went direct without an error.
        assert_eq!(
            chosen(&with_proxy("http://a%0ab@p:1"), "http", "h", &[]),
            "direct"
        );
        assert_eq!(
            chosen(&with_proxy("http://ab:c%01@p:1"), "http", "h", &[]),
            "direct"
        );
        let env = [("http_proxy", "http://a%0ab@p:1")];
        assert_eq!(
            chosen(&ProxyOptions::default(), "http", "h", &env),
            "direct"
        );
    }

    // ----- pre-proxies ----------------------------------------------------------------------

    fn pair(proxy: Option<&str>, pre: &str, user: Option<&str>) -> (String, String) {
        let opts = ProxyOptions {
            proxy: proxy.map(str::to_string),
            pre_proxy: Some(pre.to_string()),
            user: user.map(str::to_string),
            ..ProxyOptions::default()
        };
        let env = env_of(&[]);
        let main = select(&opts, "http", "example.com", 80, &env).unwrap();
        let pre = select_pre_proxy(&opts, "http", "example.com", 80, &env).unwrap();
        let show = |p: Option<Proxy>| p.as_ref().map_or("none".to_string(), describe);
        (show(main), show(pre))
    }

    #[test]
    fn pre_proxies_fill_libcurls_two_records() {
        // All observed against libcurl 7.88.1.
        let both = pair(Some("http://h:1"), "socks5h://s:2", None);
        assert_eq!(both, ("Http h:1".into(), "Socks5h s:2".into()));
        // Only a pre-proxy: it is the one proxy.
        assert_eq!(
            pair(None, "socks5://s:2", None),
            ("Socks5 s:2".into(), "none".into())
        );
        // Without a scheme the pre-proxy takes CURLOPT_PROXYTYPE (HTTP) and replaces the
        // HTTP proxy.
        assert_eq!(
            pair(Some("http://h:1"), "s:2", None),
            ("Http s:2".into(), "none".into())
        );
        assert_eq!(pair(None, "s:2", None), ("Http s:2".into(), "none".into()));
        // Two SOCKS proxies: the pre-proxy wins, the first one's credentials stay.
        assert_eq!(
            pair(Some("socks5h://x:y@a:1"), "socks4://b:2", None),
            ("Socks4 b:2 x:y".into(), "none".into())
        );
        // Option credentials go to the HTTP proxy, not the SOCKS one in front.
        assert_eq!(
            pair(Some("http://h:1"), "socks5h://s:2", Some("ou")),
            ("Http h:1 ou:".into(), "Socks5h s:2".into())
        );
        // Credentials in the pre-proxy URL are also sent to the HTTP proxy.
        assert_eq!(
            pair(Some("http://h:1"), "socks5h://su:sp@s:2", None),
            ("Http h:1 su:sp".into(), "Socks5h s:2 su:sp".into())
        );
        // With CURLOPT_PROXYTYPE SOCKS5 both strings land in the SOCKS record.
        let opts = ProxyOptions {
            pre_proxy: Some("127.0.0.1:2".into()),
            kind: 5,
            ..with_proxy("http://127.0.0.1:1")
        };
        let env = env_of(&[]);
        let r = select_route(&opts, "http", "example.com", &env).unwrap();
        assert_eq!(
            (r.http, r.socks.map(|p| describe(&p))),
            (None, Some("Socks5 127.0.0.1:2".into()))
        );
        // An empty pre-proxy is no pre-proxy.
        assert_eq!(
            pair(Some("http://h:1"), "", None),
            ("Http h:1".into(), "none".into())
        );
    }

    #[test]
    fn no_proxy_removes_the_pre_proxy_too() {
        let opts = ProxyOptions {
            pre_proxy: Some("socks5://s:2".into()),
            noproxy: Some("example.com".into()),
            ..with_proxy("h:1")
        };
        let r = route(&opts, "http", "www.example.com", &[]);
        assert_eq!((r.http, r.socks), (None, None));
    }

    // ----- robustness -----------------------------------------------------------------------

    #[test]
    fn odd_input_never_panics() {
        let pieces = [
            "",
            "*",
            ",",
            " ",
            "\t",
            ".",
            "..",
            ":",
            "::",
            "[",
            "]",
            "[::1]",
            "[::1",
            "%",
            "%2",
            "%00",
            "%zz",
            "@",
            "@@",
            "/",
            "//",
            "http://",
            "socks5h://",
            "x://",
            "localhost",
            "127.0.0.1",
            "0.0.0.0/0",
            "/999999999999",
            "/-5",
            "é",
            "ü.example",
            "\u{0}",
            "\u{7f}",
            "a",
            "A.B.",
            "fe80::1%25eth0",
            ":65535",
            ":65536",
            "?",
            "#",
            "1.2.3.4.",
            "::ffff:1.2.3.4/96",
        ];
        let mut count = 0;
        for a in pieces {
            for b in pieces {
                let text = format!("{a}{b}");
                let _ = parse(&text, 0, 0);
                let _ = parse(&text, 7, 1);
                let _ = no_proxy_check(&text, a);
                let _ = no_proxy_check(a, &text);
                let opts = ProxyOptions {
                    proxy: Some(text.clone()),
                    noproxy: Some(b.to_string()),
                    pre_proxy: Some(a.to_string()),
                    user: Some(b.to_string()),
                    ..ProxyOptions::default()
                };
                let _ = select_route(&opts, a, &text, &env_of(&[("all_proxy", b)]));
                let _ = parse_ipv6(text.as_bytes());
                let _ = c_atoi(text.as_bytes());
                count += 1;
            }
        }
        assert!(count > 400);
    }
}
