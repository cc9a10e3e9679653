//! HTTP/1.1 pipelining policy, as libcurl 7.61 defined it (`CURLMOPT_PIPELINING` and the
//! options around it): which requests may be pipelined, what the multi learns of a server's
//! ability from its responses, and which connection a new request goes to. Pure decisions
//! over summaries of the connections; the engine does the sending and receiving.

use std::collections::HashMap;
use std::hash::Hash;

/// `CURLMOPT_MAX_PIPELINE_LENGTH`'s default.
pub const DEFAULT_MAX_LENGTH: usize = 5;

/// The multi's pipelining settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PipelineOptions {
    /// `CURLMOPT_PIPELINING` has the `CURLPIPE_HTTP1` bit.
    pub http1: bool,
    /// `CURLMOPT_MAX_PIPELINE_LENGTH`: requests outstanding on one connection (0: no limit).
    pub max_length: usize,
    /// `CURLMOPT_CONTENT_LENGTH_PENALTY_SIZE` (0: off).
    pub content_length_penalty: u64,
    /// `CURLMOPT_CHUNK_LENGTH_PENALTY_SIZE` (0: off).
    pub chunk_length_penalty: u64,
    /// `CURLMOPT_PIPELINING_SITE_BL`: lowercased host and port (80 when the entry names none).
    pub site_blacklist: Vec<(String, u16)>,
    /// `CURLMOPT_PIPELINING_SERVER_BL`: prefixes of `Server:` values, lowercased.
    pub server_blacklist: Vec<String>,
}

impl Default for PipelineOptions {
    fn default() -> Self {
        PipelineOptions {
            http1: false,
            max_length: DEFAULT_MAX_LENGTH,
            content_length_penalty: 0,
            chunk_length_penalty: 0,
            site_blacklist: Vec::new(),
            server_blacklist: Vec::new(),
        }
    }
}

impl PipelineOptions {
    /// Sets `CURLMOPT_PIPELINING_SITE_BL` from its entries ("host" or "host:port").
    pub fn set_site_blacklist<S: AsRef<str>>(&mut self, entries: &[S]) {
        self.site_blacklist = entries
            .iter()
            .map(|e| {
                let e = e.as_ref();
                match e.rsplit_once(':') {
                    Some((host, port)) if !host.contains(':') || host.ends_with(']') => {
                        (host.to_ascii_lowercase(), port.parse().unwrap_or(80))
                    }
                    _ => (e.to_ascii_lowercase(), 80),
                }
            })
            .collect();
    }

    /// Sets `CURLMOPT_PIPELINING_SERVER_BL`.
    pub fn set_server_blacklist<S: AsRef<str>>(&mut self, entries: &[S]) {
        self.server_blacklist = entries
            .iter()
            .map(|e| e.as_ref().to_ascii_lowercase())
            .collect();
    }

    fn site_blacklisted(&self, host: &str, port: u16) -> bool {
        self.site_blacklist
            .iter()
            .any(|(h, p)| *p == port && h.eq_ignore_ascii_case(host))
    }

    fn server_blacklisted(&self, server: &str) -> bool {
        let server = server.trim_start().to_ascii_lowercase();
        self.server_blacklist
            .iter()
            .any(|prefix| server.starts_with(prefix.as_str()))
    }
}

/// What decides whether one request may be pipelined.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequestTraits {
    /// GET or HEAD (`NOBODY` included) and no custom method.
    pub get_or_head: bool,
    /// A body or an upload goes with it.
    pub has_body: bool,
    /// `CURL_HTTP_VERSION_1_0`, or a server of the transfer answered in HTTP/1.0.
    pub http10: bool,
    pub forbid_reuse: bool,
    pub fresh_connect: bool,
    /// The application's headers include `Connection: close`.
    pub connection_close: bool,
    /// Authentication is being negotiated (the request will be repeated).
    pub auth_in_progress: bool,
    /// The URL's host and port (for the site blacklist).
    pub host: String,
    pub port: u16,
}

/// Whether the request may go onto a pipeline at all.
pub fn eligible(opts: &PipelineOptions, req: &RequestTraits) -> bool {
    opts.http1
        && req.get_or_head
        && !req.has_body
        && !req.http10
        && !req.forbid_reuse
        && !req.fresh_connect
        && !req.connection_close
        && !req.auth_in_progress
        && !opts.site_blacklisted(&req.host, req.port)
}

/// What the multi knows of a destination's ability to take pipelined requests.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Capability {
    /// No final response seen yet.
    #[default]
    Unknown,
    Pipelining,
    /// HTTP/1.0, or a blacklisted server: never pipelined to, for the multi's lifetime.
    Never,
}

/// What a final response says about its server.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResponseTraits {
    /// The status line's version is HTTP/1.1 (or later).
    pub http11: bool,
    /// `Connection: close` (the connection itself takes no more requests).
    pub connection_close: bool,
    /// The `Server:` header's value.
    pub server: Option<String>,
}

/// Capability per destination (host, port, binding, TLS settings: the engine's connection
/// key), learned from responses and kept for the multi's lifetime.
#[derive(Debug)]
pub struct Capabilities<K> {
    known: HashMap<K, Capability>,
}

impl<K> Default for Capabilities<K> {
    fn default() -> Self {
        Capabilities {
            known: HashMap::new(),
        }
    }
}

impl<K: Eq + Hash + Clone> Capabilities<K> {
    pub fn get(&self, key: &K) -> Capability {
        self.known.get(key).copied().unwrap_or_default()
    }

    /// Learns from a final response: an HTTP/1.1 response without `Connection: close` proves
    /// the server keeps connections for more requests; HTTP/1.0 or a blacklisted `Server:`
    /// rules pipelining out for good. A `Connection: close` alone proves nothing either way.
    pub fn learn(&mut self, key: &K, response: &ResponseTraits, opts: &PipelineOptions) {
        let now = self.get(key);
        if now == Capability::Never {
            return;
        }
        let blacklisted = response
            .server
            .as_deref()
            .is_some_and(|s| opts.server_blacklisted(s));
        let next = if !response.http11 || blacklisted {
            Capability::Never
        } else if !response.connection_close {
            Capability::Pipelining
        } else {
            now
        };
        self.known.insert(key.clone(), next);
    }
}

/// A connection that could carry the request (its key matches), as the choice sees it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConnView {
    /// Requests on it, sent or waiting to be sent; 0 for an idle connection.
    pub outstanding: usize,
    /// It takes no new requests (`Connection: close` received, broken, still connecting
    /// TLS).
    pub closing: bool,
    /// Every request on it may be pipelined (none queues behind one that may not).
    pub all_pipelinable: bool,
    /// The Content-Length the response at its head announced (0: none, or not known yet).
    pub head_content_length: u64,
    /// What is left of the chunk its head response is in (0: not in a chunk).
    pub current_chunk: u64,
}

/// Where a new request goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// An idle connection, `conns[i]`.
    Idle(usize),
    /// The end of the pipeline on `conns[i]`.
    Pipeline(usize),
    /// A new connection (still subject to the connection limits).
    New,
    /// Wait for a pipeline (`CURLOPT_PIPEWAIT` while the capability is unknown).
    Wait,
}

/// Chooses a connection for a request, by libcurl 7.61's rules: an idle connection first;
/// else, for a pipelinable request to a server known to pipeline, the shortest pipeline that
/// is neither full nor penalised; a new connection instead while `room_for_new` (both
/// `MAX_HOST_CONNECTIONS` and `MAX_TOTAL_CONNECTIONS` are set and allow one more: with either
/// at 0, pipelines fill first); with `PIPEWAIT` and the capability unknown, wait for a busy
/// connection's answer instead of opening one.
pub fn choose(
    opts: &PipelineOptions,
    capability: Capability,
    pipelinable: bool,
    pipewait: bool,
    conns: &[ConnView],
    room_for_new: bool,
) -> Choice {
    if let Some(i) = conns.iter().position(|c| c.outstanding == 0 && !c.closing) {
        return Choice::Idle(i);
    }
    if !pipelinable {
        return Choice::New;
    }
    match capability {
        Capability::Never => Choice::New,
        Capability::Unknown => {
            let busy = conns.iter().any(|c| !c.closing);
            if pipewait && busy {
                Choice::Wait
            } else {
                Choice::New
            }
        }
        Capability::Pipelining => {
            let shortest = conns
                .iter()
                .enumerate()
                .filter(|(_, c)| usable(opts, c))
                .min_by_key(|(i, c)| (c.outstanding, *i))
                .map(|(i, _)| i);
            match shortest {
                Some(_) if room_for_new => Choice::New,
                Some(i) => Choice::Pipeline(i),
                None => Choice::New,
            }
        }
    }
}

/// A busy connection may take one more request.
fn usable(opts: &PipelineOptions, c: &ConnView) -> bool {
    let full = opts.max_length > 0 && c.outstanding >= opts.max_length;
    let over = |size: u64, limit: u64| limit > 0 && size > limit;
    !c.closing
        && c.all_pipelinable
        && !full
        && !over(c.head_content_length, opts.content_length_penalty)
        && !over(c.current_chunk, opts.chunk_length_penalty)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on() -> PipelineOptions {
        PipelineOptions {
            http1: true,
            ..Default::default()
        }
    }

    fn get(host: &str, port: u16) -> RequestTraits {
        RequestTraits {
            get_or_head: true,
            host: host.into(),
            port,
            ..Default::default()
        }
    }

    #[test]
    fn only_plain_gets_and_heads_are_eligible() {
        let opts = on();
        assert!(eligible(&opts, &get("h", 80)));
        assert!(!eligible(&PipelineOptions::default(), &get("h", 80)), "off");
        let not = [
            RequestTraits {
                get_or_head: false,
                ..get("h", 80)
            },
            RequestTraits {
                has_body: true,
                ..get("h", 80)
            },
            RequestTraits {
                http10: true,
                ..get("h", 80)
            },
            RequestTraits {
                forbid_reuse: true,
                ..get("h", 80)
            },
            RequestTraits {
                fresh_connect: true,
                ..get("h", 80)
            },
            RequestTraits {
                connection_close: true,
                ..get("h", 80)
            },
            RequestTraits {
                auth_in_progress: true,
                ..get("h", 80)
            },
        ];
        for r in &not {
            assert!(!eligible(&opts, r), "{r:?}");
        }
    }

    #[test]
    fn site_blacklist_entries_default_to_port_80() {
        let mut opts = on();
        opts.set_site_blacklist(&["Example.COM", "other:8080", "[::1]:81"]);
        assert!(!eligible(&opts, &get("example.com", 80)));
        assert!(eligible(&opts, &get("example.com", 8080)));
        assert!(!eligible(&opts, &get("OTHER", 8080)));
        assert!(eligible(&opts, &get("other", 80)));
        assert!(!eligible(&opts, &get("[::1]", 81)));
    }

    #[test]
    fn capability_is_learned_from_responses() {
        let opts = {
            let mut o = on();
            o.set_server_blacklist(&["Microsoft-IIS/6", "old"]);
            o
        };
        let mut caps = Capabilities::default();
        let key = "h:80";
        assert_eq!(caps.get(&key), Capability::Unknown);
        let close = ResponseTraits {
            http11: true,
            connection_close: true,
            server: None,
        };
        caps.learn(&key, &close, &opts);
        assert_eq!(caps.get(&key), Capability::Unknown, "close proves nothing");
        let keep = ResponseTraits {
            http11: true,
            ..Default::default()
        };
        caps.learn(&key, &keep, &opts);
        assert_eq!(caps.get(&key), Capability::Pipelining);
        caps.learn(&key, &close, &opts);
        assert_eq!(caps.get(&key), Capability::Pipelining, "kept");

        let iis = ResponseTraits {
            http11: true,
            server: Some("microsoft-iis/6.0".into()),
            ..Default::default()
        };
        caps.learn(&key, &iis, &opts);
        assert_eq!(caps.get(&key), Capability::Never);
        caps.learn(&key, &keep, &opts);
        assert_eq!(
            caps.get(&key),
            Capability::Never,
            "for the multi's lifetime"
        );

        let http10 = ResponseTraits::default();
        caps.learn(&"other", &http10, &opts);
        assert_eq!(caps.get(&"other"), Capability::Never);
    }

    fn busy(outstanding: usize) -> ConnView {
        ConnView {
            outstanding,
            all_pipelinable: true,
            ..Default::default()
        }
    }

    #[test]
    fn an_idle_connection_comes_first() {
        let conns = [busy(1), busy(0), busy(0)];
        let c = choose(&on(), Capability::Pipelining, true, false, &conns, false);
        assert_eq!(c, Choice::Idle(1));
        // Not for a closing one.
        let conns = [
            ConnView {
                closing: true,
                ..busy(0)
            },
            busy(2),
        ];
        let c = choose(&on(), Capability::Pipelining, true, false, &conns, false);
        assert_eq!(c, Choice::Pipeline(1));
    }

    #[test]
    fn the_shortest_pipe_that_is_not_full() {
        let opts = on();
        let conns = [busy(3), busy(2), busy(2), busy(5)];
        let c = choose(&opts, Capability::Pipelining, true, false, &conns, false);
        assert_eq!(c, Choice::Pipeline(1), "ties go to the earlier connection");
        let full = [busy(5), busy(6)];
        let c = choose(&opts, Capability::Pipelining, true, false, &full, false);
        assert_eq!(c, Choice::New);
        let unlimited = PipelineOptions {
            max_length: 0,
            ..on()
        };
        let c = choose(
            &unlimited,
            Capability::Pipelining,
            true,
            false,
            &full,
            false,
        );
        assert_eq!(c, Choice::Pipeline(0));
    }

    #[test]
    fn new_connections_while_both_limits_allow() {
        let conns = [busy(1)];
        let c = choose(&on(), Capability::Pipelining, true, false, &conns, true);
        assert_eq!(c, Choice::New);
        let c = choose(&on(), Capability::Pipelining, true, false, &conns, false);
        assert_eq!(c, Choice::Pipeline(0));
    }

    #[test]
    fn penalised_and_mixed_pipes_are_passed_over() {
        let opts = PipelineOptions {
            content_length_penalty: 1000,
            chunk_length_penalty: 500,
            ..on()
        };
        let long = ConnView {
            head_content_length: 1001,
            ..busy(1)
        };
        let chunky = ConnView {
            current_chunk: 501,
            ..busy(1)
        };
        let mixed = ConnView {
            all_pipelinable: false,
            ..busy(1)
        };
        let fine = ConnView {
            head_content_length: 1000,
            current_chunk: 500,
            ..busy(3)
        };
        let conns = [long, chunky, mixed, fine];
        let c = choose(&opts, Capability::Pipelining, true, false, &conns, false);
        assert_eq!(c, Choice::Pipeline(3));
        let c = choose(
            &opts,
            Capability::Pipelining,
            true,
            false,
            &conns[..3],
            false,
        );
        assert_eq!(c, Choice::New);
    }

    #[test]
    fn unknown_capability_opens_or_waits() {
        let conns = [busy(1)];
        let c = choose(&on(), Capability::Unknown, true, false, &conns, false);
        assert_eq!(c, Choice::New);
        let c = choose(&on(), Capability::Unknown, true, true, &conns, false);
        assert_eq!(c, Choice::Wait, "PIPEWAIT");
        let c = choose(&on(), Capability::Unknown, true, true, &[], false);
        assert_eq!(c, Choice::New, "nothing to wait for");
        let c = choose(&on(), Capability::Never, true, true, &conns, false);
        assert_eq!(c, Choice::New);
        let c = choose(&on(), Capability::Pipelining, false, false, &conns, false);
        assert_eq!(c, Choice::New, "not pipelinable");
    }
}
