//! Local binding (`CURLOPT_INTERFACE`, `CURLOPT_LOCALPORT`, `CURLOPT_LOCALPORTRANGE`) in
//! real network namespaces: the C program runs in a client namespace, the server in another,
//! joined by veth pairs (see `capi_tests::netns`). Nothing else is reachable from either.
//!
//! Not differential: run as root, the system libcurl binds only the device and ignores
//! `CURLOPT_LOCALPORT`, so it behaves differently on purpose. Issue 4's text is the spec.

use std::collections::HashMap;
use std::net::IpAddr;
use std::time::Duration;

use capi_tests::netns::{Lab, Link, SERVER_PORT};
use capi_tests::{ready, Case, Outcome};

/// What one `perform` step printed.
#[derive(Debug)]
struct Report {
    fields: HashMap<String, String>,
}

impl Report {
    fn get(&self, key: &str) -> &str {
        self.fields
            .get(key)
            .map(String::as_str)
            .unwrap_or_else(|| panic!("no {key} in {:?}", self.fields))
    }

    fn rc(&self) -> i32 {
        self.get("rc").parse().expect("rc is a number")
    }
}

fn results(o: &Outcome) -> Vec<Report> {
    let mut out: Vec<Report> = Vec::new();
    for line in o.stdout().lines() {
        if line.starts_with("perform ") {
            out.push(Report {
                fields: HashMap::new(),
            });
        } else if let Some(rest) = line.strip_prefix("  ") {
            let (k, v) = rest.split_once(' ').unwrap_or((rest, ""));
            out.last_mut()
                .expect("a perform line first")
                .fields
                .insert(k.to_string(), v.to_string());
        }
    }
    out
}

/// Runs the program in the lab's client namespace with these steps (verbose on).
fn run(lab: &Lab, steps: &[String]) -> (Outcome, Vec<Report>) {
    let mut case = Case::new("interface")
        .netns(&lab.client)
        .arg("verbose")
        .timeout(Duration::from_secs(60));
    for s in steps {
        case = case.arg(s.as_str());
    }
    let o = case.ours();
    let r = results(&o);
    println!("{}", o.output);
    (o, r)
}

/// A `CURLOPT_RESOLVE` entry: `dual.test` on the server's port, IPv6 first, then IPv4.
fn dual_name(v6: impl std::fmt::Display, v4: impl std::fmt::Display) -> String {
    format!("resolve=dual.test:{SERVER_PORT}:[{v6}],{v4}")
}

fn dual_url() -> String {
    format!("url=http://dual.test:{SERVER_PORT}/")
}

fn s(text: &str) -> String {
    text.to_string()
}

/// Asserts a successful transfer from `local` to `primary`, which the server saw.
fn assert_ok(o: &Outcome, r: &Report, primary: &str, local: &str) {
    assert_eq!(r.rc(), 0, "{}", o.output);
    assert_eq!(r.get("code"), "200", "{}", o.output);
    assert_eq!(r.get("primary_ip"), primary, "{}", o.output);
    assert_eq!(r.get("local_ip"), local, "{}", o.output);
    assert_eq!(r.get("body"), local, "the server saw the client as {local}");
}

/// Asserts a failed transfer: the code, and no addresses reported.
fn assert_failed(o: &Outcome, r: &Report, rc: i32) {
    assert_eq!(r.rc(), rc, "{}", o.output);
    assert_eq!(r.get("primary_ip"), "", "{}", o.output);
    assert_eq!(r.get("local_ip"), "", "{}", o.output);
    assert_eq!(r.get("local_port"), "0", "{}", o.output);
    assert_eq!(r.get("connects"), "0", "{}", o.output);
}

fn setup() -> Option<Lab> {
    if !ready() {
        return None;
    }
    Lab::create()
}

/// The seed case: the interface has no IPv6 address of the server's scope, the name's
/// IPv6 address comes first. It is skipped at once and IPv4 is used.
#[test]
fn ipv4_only_interface_falls_back_to_ipv4() {
    let Some(lab) = setup() else { return };
    let v6 = lab.server_ula(Link::V4Only);
    let v4 = lab.server_v4(Link::V4Only);
    let (o, r) = run(
        &lab,
        &[
            dual_name(v6, v4),
            dual_url(),
            s("if=if!v4only"),
            s("connecttimeout=30"),
            s("perform"),
        ],
    );
    assert_ok(
        &o,
        &r[0],
        &v4.to_string(),
        &lab.client_v4(Link::V4Only).to_string(),
    );
    assert!(
        o.stderr().contains(&format!(
            "* Local Interface v4only has no IPv6 address of unique-local scope for \
             [{v6}]:{SERVER_PORT}, skipping it\n"
        )),
        "the skip is reported\n{}",
        o.output
    );
    assert!(o.output.elapsed < Duration::from_secs(20), "{}", o.output);
    assert_eq!(lab.http().accepted(), 1);
}

/// An interface with a unique-local address in the server's prefix connects over IPv6,
/// bound to that address (7.88.1 would bind only the device).
#[test]
fn dual_interface_uses_its_unique_local_address() {
    let Some(lab) = setup() else { return };
    let v6 = lab.server_ula(Link::Dual);
    let (o, r) = run(
        &lab,
        &[
            dual_name(v6, lab.server_v4(Link::Dual)),
            dual_url(),
            s("if=if!dual"),
            s("perform"),
        ],
    );
    let local = lab.client_ula().to_string();
    assert_ok(&o, &r[0], &v6.to_string(), &local);
    assert!(
        o.stderr().contains(&format!(
            "* Local Interface dual is ip {local} using address family 10\n"
        )),
        "{}",
        o.output
    );
    assert_eq!(lab.http().peers(), [IpAddr::V6(lab.client_ula())]);
}

/// Towards a global-class IPv6 address the dual interface (unique-local and link-local
/// IPv6 only) has nothing: IPv6 is skipped, IPv4 used.
#[test]
fn global_remote_skips_an_interface_without_global_address() {
    let Some(lab) = setup() else { return };
    let v6 = lab.server_global();
    let (o, r) = run(
        &lab,
        &[
            dual_name(v6, lab.server_v4(Link::Dual)),
            dual_url(),
            s("if=if!dual"),
            s("perform"),
        ],
    );
    assert_ok(
        &o,
        &r[0],
        &lab.server_v4(Link::Dual).to_string(),
        &lab.client_v4(Link::Dual).to_string(),
    );
    assert!(
        o.stderr().contains(&format!(
            "* Local Interface dual has no IPv6 address of global scope for [{v6}]:{SERVER_PORT}, \
             skipping it\n"
        )),
        "{}",
        o.output
    );
}

/// A link-local server address with the zone of the v4only veth: bound to that veth's
/// link-local address with its scope id. Through the dual veth (whose link-local address
/// has another scope id) it cannot connect.
#[test]
fn link_local_address_with_zone_id() {
    let Some(lab) = setup() else { return };
    let index = lab.client_index(Link::V4Only);
    let url = format!(
        "url=http://[{}%25v4only]:{SERVER_PORT}/",
        lab.server_link_local()
    );
    let (o, r) = run(&lab, &[url.clone(), s("if=if!v4only"), s("perform")]);
    let local = lab.client_link_local().to_string();
    assert_ok(&o, &r[0], &lab.server_link_local().to_string(), &local);
    assert!(
        o.stderr().contains(&format!(
            "* Local Interface v4only is ip {local}%{index} using address family 10\n"
        )),
        "the scope id is the veth's index {index}\n{}",
        o.output
    );

    let (o, r) = run(&lab, &[url, s("if=if!dual"), s("perform")]);
    assert_failed(&o, &r[0], 7);
    assert!(
        o.stderr().contains(&format!(
            "* Local Interface dual has no link-local IPv6 address with scope id {index} for \
             [{}]:{SERVER_PORT}, skipping it\n",
            lab.server_link_local()
        )),
        "{}",
        o.output
    );
    assert_eq!(lab.http().accepted(), 1);
}

/// An interface without any address serves no address: CURLE_COULDNT_CONNECT at once,
/// not after the 30 s connect timeout, and the server sees no connection.
#[test]
fn interface_without_addresses_fails_at_once() {
    let Some(lab) = setup() else { return };
    let (o, r) = run(
        &lab,
        &[
            dual_name(lab.server_ula(Link::NoAddr), lab.server_v4(Link::NoAddr)),
            dual_url(),
            s("if=if!noaddr"),
            s("connecttimeout=30"),
            s("perform"),
        ],
    );
    assert_failed(&o, &r[0], 7);
    assert!(
        r[0].get("errbuf").starts_with(&format!(
            "Failed to connect to dual.test port {SERVER_PORT} after "
        )) && r[0]
            .get("errbuf")
            .ends_with(" ms: Couldn't connect to server"),
        "{}",
        o.output
    );
    assert_eq!(r[0].get("os_errno"), "0");
    assert!(o.output.elapsed < Duration::from_secs(20), "{}", o.output);
    assert_eq!(lab.http().accepted(), 0, "no connection reached the server");
}

/// No such interface: CURLE_INTERFACE_FAILED with libcurl's text, for both addresses.
#[test]
fn unknown_interface_fails_with_interface_failed() {
    let Some(lab) = setup() else { return };
    let (o, r) = run(
        &lab,
        &[
            dual_name(lab.server_ula(Link::Dual), lab.server_v4(Link::Dual)),
            dual_url(),
            s("if=if!nosuch"),
            s("perform"),
        ],
    );
    assert_failed(&o, &r[0], 45);
    assert_eq!(r[0].get("errbuf"), "Couldn't bind to interface 'nosuch'");
    assert_eq!(
        o.stderr()
            .matches("* Couldn't bind to interface 'nosuch'\n")
            .count(),
        2,
        "once per address\n{}",
        o.output
    );
    assert_eq!(lab.http().accepted(), 0);
}

/// `host!` with an IPv4 address: the IPv6 address is skipped, IPv4 bound to it.
#[test]
fn host_ipv4_address_towards_a_dual_name() {
    let Some(lab) = setup() else { return };
    let local = lab.client_v4(Link::V4Only);
    let (o, r) = run(
        &lab,
        &[
            dual_name(lab.server_ula(Link::V4Only), lab.server_v4(Link::V4Only)),
            dual_url(),
            format!("if=host!{local}"),
            s("perform"),
        ],
    );
    assert_ok(
        &o,
        &r[0],
        &lab.server_v4(Link::V4Only).to_string(),
        &local.to_string(),
    );
    assert!(
        o.stderr().contains(&format!(
            "* Name '{local}' family 10 resolved to '{local}' family 2\n"
        )),
        "{}",
        o.output
    );
}

/// `host!` with an IPv6 address while only IPv4 is resolved: nothing to bind,
/// CURLE_COULDNT_CONNECT.
#[test]
fn host_ipv6_address_with_ipv4_resolve_cannot_connect() {
    let Some(lab) = setup() else { return };
    let (o, r) = run(
        &lab,
        &[
            dual_name(lab.server_ula(Link::Dual), lab.server_v4(Link::Dual)),
            dual_url(),
            format!("if=host!{}", lab.client_ula()),
            s("ipresolve=4"),
            s("perform"),
        ],
    );
    assert_failed(&o, &r[0], 7);
    assert_eq!(lab.http().accepted(), 0);
}

/// The plain form takes an interface name (in any case) or an address, and `ifhost!`
/// binds a device and an address.
#[test]
fn plain_names_and_ifhost() {
    let Some(lab) = setup() else { return };
    let ula = lab.client_ula().to_string();
    let (o, r) = run(
        &lab,
        &[
            dual_name(lab.server_ula(Link::Dual), lab.server_v4(Link::Dual)),
            dual_url(),
            s("if=DUAL"),
            s("perform"),
            format!("if={}", lab.client_v4(Link::Dual)),
            s("perform"),
            format!("if=ifhost!dual!{ula}"),
            s("perform"),
            s("if=ifhost!v4only"),
            s("perform"),
        ],
    );
    let server_ula = lab.server_ula(Link::Dual).to_string();
    assert_ok(&o, &r[0], &server_ula, &ula);
    assert_ok(
        &o,
        &r[1],
        &lab.server_v4(Link::Dual).to_string(),
        &lab.client_v4(Link::Dual).to_string(),
    );
    assert_ok(&o, &r[2], &server_ula, &ula);
    // Incomplete: read as a plain name, which is neither an interface nor a host.
    assert_failed(&o, &r[3], 45);
    assert_eq!(r[3].get("errbuf"), "Couldn't bind to 'ifhost!v4only'");
}

/// LOCALPORT with LOCALPORTRANGE and an interface: taken ports are passed over, the next
/// free one is used (7.88.1 ignores the port once the device is bound); a range with no
/// free port fails with CURLE_INTERFACE_FAILED. With the dual name the code is that of the
/// first family (IPv6, skipped: CURLE_COULDNT_CONNECT), as libcurl reports it, while the
/// error buffer keeps the bind failure's text.
#[test]
fn local_port_range_moves_past_taken_ports() {
    let Some(lab) = setup() else { return };
    const FIRST: u16 = 41000;
    let _held = lab.in_client(|| {
        [FIRST, FIRST + 1].map(|p| {
            std::net::TcpListener::bind(("0.0.0.0", p)).expect("a port in the fresh namespace")
        })
    });
    let (o, r) = run(
        &lab,
        &[
            dual_name(lab.server_ula(Link::V4Only), lab.server_v4(Link::V4Only)),
            dual_url(),
            s("if=if!v4only"),
            format!("localport={FIRST}"),
            s("range=5"),
            s("perform"),
            s("range=2"),
            s("perform"),
            s("ipresolve=4"),
            s("perform"),
        ],
    );
    let local = lab.client_v4(Link::V4Only).to_string();
    assert_ok(&o, &r[0], &lab.server_v4(Link::V4Only).to_string(), &local);
    assert_eq!(r[0].get("local_port"), (FIRST + 2).to_string());
    let seen = lab.http().seen();
    assert_eq!(seen[0].peer.port(), FIRST + 2, "{seen:?}");
    assert!(
        o.stderr().contains(&format!(
            "* Bind to local port {FIRST} failed, trying next\n"
        )),
        "{}",
        o.output
    );

    for (r, rc) in [(&r[1], 7), (&r[2], 45)] {
        assert_failed(&o, r, rc);
        assert_eq!(
            r.get("errbuf"),
            "bind failed with errno 98: Address already in use"
        );
        assert_eq!(r.get("os_errno"), "98");
    }
    assert_eq!(lab.http().accepted(), 1);
}

/// One handle alternating two interfaces: each connection stays on its interface and is
/// reused only by transfers with the same binding.
#[test]
fn alternating_interfaces_keep_their_connections() {
    let Some(lab) = setup() else { return };
    let (o, r) = run(
        &lab,
        &[
            dual_name(lab.server_ula(Link::Dual), lab.server_v4(Link::V4Only)),
            dual_url(),
            s("if=if!v4only"),
            s("perform"),
            s("if=if!dual"),
            s("perform"),
            s("if=if!v4only"),
            s("perform"),
            s("if=if!dual"),
            s("perform"),
        ],
    );
    let v4 = lab.client_v4(Link::V4Only);
    let ula = lab.client_ula();
    for (i, r) in r.iter().enumerate() {
        let (primary, local) = if i % 2 == 0 {
            (lab.server_v4(Link::V4Only).to_string(), v4.to_string())
        } else {
            (lab.server_ula(Link::Dual).to_string(), ula.to_string())
        };
        assert_ok(&o, r, &primary, &local);
        let connects = if i < 2 { "1" } else { "0" };
        assert_eq!(r.get("connects"), connects, "transfer {i}\n{}", o.output);
    }
    let seen = lab.http().seen();
    assert_eq!(
        seen.iter().map(|s| s.conn).collect::<Vec<_>>(),
        [0, 1, 0, 1],
        "{seen:?}"
    );
    let (v4, ula) = (IpAddr::V4(v4), IpAddr::V6(ula));
    assert_eq!(lab.http().peers(), [v4, ula, v4, ula]);
    assert_eq!(lab.http().accepted(), 2);
}

/// Addresses that never answer (no host behind them on the link, so nothing even refuses):
/// while the family has more addresses, each attempt gets half of the connect time left,
/// then the next is tried, as libcurl does. With a 4 s connect timeout: 2 s for the first,
/// 1 s for the second, and the third, the server's, connects. Waiting for the first to fail
/// on its own (neighbour discovery gives up after about 3 s) would run out of time.
#[test]
fn unanswered_addresses_give_way_after_half_the_time_left() {
    let Some(lab) = setup() else { return };
    let server = lab.server_v4(Link::V4Only);
    let [a, b, c, _] = server.octets();
    let silent = |host: u8| std::net::Ipv4Addr::new(a, b, c, host);
    let (o, r) = run(
        &lab,
        &[
            format!(
                "resolve=dual.test:{SERVER_PORT}:{},{},{server}",
                silent(99),
                silent(98)
            ),
            dual_url(),
            s("connecttimeout=4"),
            s("perform"),
        ],
    );
    assert_ok(
        &o,
        &r[0],
        &server.to_string(),
        &lab.client_v4(Link::V4Only).to_string(),
    );
    // Each attempt's share, from the verbose lines (the clock runs between attempts).
    let shares = timeouts(&o);
    assert_eq!(shares.len(), 2, "{}", o.output);
    assert!((1900..=2000).contains(&shares[0]), "{shares:?}");
    assert!((900..=1000).contains(&shares[1]), "{shares:?}");
    assert!(
        o.output.elapsed >= Duration::from_millis(2900),
        "{}",
        o.output
    );
    assert_eq!(lab.http().accepted(), 1);

    let (o, r) = run(
        &lab,
        &[
            // A fresh address: the neighbour entry of the first is now known to fail.
            format!("resolve=dual.test:{SERVER_PORT}:{}", silent(97)),
            dual_url(),
            s("connecttimeout=1"),
            s("perform"),
        ],
    );
    assert_failed(&o, &r[0], 28);
    let errbuf = r[0].get("errbuf");
    assert!(
        errbuf.starts_with(&format!(
            "Failed to connect to dual.test port {SERVER_PORT} after "
        )) && errbuf.ends_with(" ms: Timeout was reached"),
        "{}",
        o.output
    );
    let shares = timeouts(&o);
    assert!(shares.len() == 1 && shares[0] > 900, "{}", o.output);
    assert_eq!(r[0].get("os_errno"), "110", "ETIMEDOUT");
}

/// The milliseconds of each "* ipv4 connect timeout after Nms, move on!" line.
fn timeouts(o: &Outcome) -> Vec<u64> {
    o.stderr()
        .lines()
        .filter_map(|l| {
            l.strip_prefix("* ipv4 connect timeout after ")?
                .strip_suffix("ms, move on!")?
                .parse()
                .ok()
        })
        .collect()
}

/// Two handles of one multi handle bound to two interfaces, three rounds: each keeps to
/// its own interface and reuses its own connection; neither is handed the other's.
#[test]
fn two_handles_of_a_multi_keep_their_interfaces() {
    let Some(lab) = setup() else { return };
    let resolve = format!(
        "dual.test:{SERVER_PORT}:[{}],{}",
        lab.server_ula(Link::Dual),
        lab.server_v4(Link::V4Only)
    );
    let url = format!("http://dual.test:{SERVER_PORT}/");
    let o = Case::new("multi_interface")
        .netns(&lab.client)
        .args(&[&url, "if!v4only", "if!dual", "3", &resolve])
        .timeout(Duration::from_secs(60))
        .ours();
    println!("{}", o.output);
    let (v4, ula) = (lab.client_v4(Link::V4Only), lab.client_ula());
    for round in 0..3 {
        let connects = if round == 0 { 1 } else { 0 };
        for (handle, local) in [(0, v4.to_string()), (1, ula.to_string())] {
            let line = format!(
                "round {round} handle {handle}: local {local}, new connections {connects}, \
                 body {local}\n"
            );
            assert!(o.stdout().contains(&line), "{line}\n{}", o.output);
        }
    }
    assert_eq!(lab.http().accepted(), 2, "one connection per interface");
    let peers = lab.http().peers();
    assert_eq!(peers.len(), 6);
    assert_eq!(
        peers.iter().filter(|p| **p == IpAddr::V4(v4)).count(),
        3,
        "{peers:?}"
    );
}
