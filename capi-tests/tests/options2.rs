//! Easy-handle options, one case each, with `c/options2.c`: connection reuse, ports and
//! address families, socket options, buffer sizes, raw content and transfer encodings,
//! the DNS cache, rewinding uploads for redirects, idle-connection ages, the default
//! `FILE*` callbacks, the proxy environment variables, and setopt's argument checks.
//!
//! Every case runs on the system libcurl and on ours, and both must print the same and put
//! the same bytes on the wire, except where a case says it runs on ours only (options the
//! system library has and ours refuses as not built in).

use capi_tests::{first_difference, get_of, ready, Case, Flavour, Pair, Reply, Script};

/// Run `options2 MODE URL [ARG...]` on both libraries (each with its own server) and require
/// the same requests on the same connections, then the same exit status and stdout.
fn run(mode: &str, args: &[&str], script: Script) -> Option<Pair> {
    run_case(Case::new("options2").arg(mode).args(args).server(script))
}

fn run_case(case: Case) -> Option<Pair> {
    run_pair(case, true)
}

/// Like [`run_case`] for a case whose requests differ by library on purpose (each is
/// checked on its own).
fn run_case_own_requests(case: Case) -> Option<Pair> {
    run_pair(case, false)
}

fn run_pair(case: Case, same_requests: bool) -> Option<Pair> {
    if !ready() {
        return None;
    }
    let (system, ours) = std::thread::scope(|s| {
        let ours = s.spawn(|| case.run(Flavour::Ours));
        let system = case.run(Flavour::System);
        (
            system,
            ours.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
        )
    });
    let pair = Pair {
        system,
        ours: Some(ours),
    };
    pair.show();
    // The test itself is wrong if the system library does not manage.
    pair.system.assert_status(0);
    if same_requests {
        pair.assert_same_requests();
    }
    if let Some(ours) = &pair.ours {
        assert_eq!(
            pair.system.connections(),
            ours.connections(),
            "the requests came on different connections (system, ours)\n\
             ======== system libcurl\n{}\n\n======== ours\n{}\n",
            pair.system.output,
            ours.output
        );
        let (s, o) = (&pair.system.output, &ours.output);
        assert!(
            s.code == o.code && s.signal == o.signal && s.stdout == o.stdout,
            "our libcurl behaves differently from the system's: {}\n\
             ======== system libcurl\n{s}\n\n======== ours\n{o}\n",
            first_difference(&s.stdout, &o.stdout)
        );
    }
    Some(pair)
}

fn assert_stdout_has(pair: &Pair, text: &str) {
    assert!(
        pair.stdout().contains(text),
        "expected {text:?} in:\n{}",
        pair.stdout()
    );
}

fn get_with_host(target: &str, host: &str) -> String {
    format!("GET {target} HTTP/1.1\r\nHost: {host}\r\nAccept: */*\r\n\r\n")
}

/// The POST of the 26-letter body the redirect modes upload.
fn letters_post(target: &str) -> String {
    format!(
        "POST {target} HTTP/1.1\r\nHost: 127.0.0.1:{{port}}\r\nAccept: */*\r\n\
         Content-Length: 26\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\n\
         abcdefghijklmnopqrstuvwxyz"
    )
}

// --- connections ---

#[test]
fn forbid_reuse_closes_after_each_transfer() {
    let Some(p) = run(
        "forbid_reuse",
        &["{url}/f"],
        Script::new().otherwise(Reply::ok("kept alive by the server")),
    ) else {
        return;
    };
    p.assert_requests(&[get_of("/f"), get_of("/f")]);
    // The second perform opened a connection of its own.
    p.assert_connections(&[0, 1]);
    assert_eq!(
        p.stdout().matches("connects 1,").count(),
        2,
        "{}",
        p.stdout()
    );
}

#[test]
fn fresh_connect_opens_a_new_connection() {
    let Some(p) = run(
        "fresh_connect",
        &["{url}/fresh"],
        Script::new().otherwise(Reply::ok("fresh")),
    ) else {
        return;
    };
    p.assert_requests(&[get_of("/fresh"), get_of("/fresh")]);
    p.assert_connections(&[0, 1]);
    assert_stdout_has(
        &p,
        "perform 2, fresh: 0 (No error)\n  error buffer \"\"\n  code 200, connects 1,",
    );
}

#[test]
fn fresh_connect_then_reuse_takes_the_oldest_idle_connection() {
    // Both connections stay open after FRESH_CONNECT; the third GET reuses the first.
    let Some(p) = run(
        "fresh_connect",
        &["{url}/fresh", "then_reuse"],
        Script::new().otherwise(Reply::ok("fresh")),
    ) else {
        return;
    };
    p.assert_connections(&[0, 1, 0]);
}

#[test]
fn port_overrides_the_urls_port() {
    // The first URL names port 1 (nothing listens there), the second none; PORT sends both
    // transfers to the server.
    let Some(p) = run(
        "port",
        &["http://127.0.0.1:1/one", "{port}", "http://127.0.0.1/two"],
        Script::new().otherwise(Reply::ok("port")),
    ) else {
        return;
    };
    p.assert_requests(&[get_of("/one"), get_of("/two")]);
}

#[test]
fn ipresolve_v4_for_localhost() {
    let Some(p) = run(
        "ipresolve",
        &["http://localhost:{port}/v4", "v4"],
        Script::new().reply(Reply::ok("four")),
    ) else {
        return;
    };
    p.assert_requests(&[get_with_host("/v4", "localhost:{port}")]);
    assert_stdout_has(&p, "primary ip 127.0.0.1 ");
}

#[test]
fn ipresolve_v6_for_localhost() {
    let Some(p) = run(
        "ipresolve",
        &["http://localhost:{port}/v6", "v6"],
        Script::new().ipv6().reply(Reply::ok("six")),
    ) else {
        return;
    };
    p.assert_requests(&[get_with_host("/v6", "localhost:{port}")]);
    assert_stdout_has(&p, "primary ip ::1 ");
}

#[test]
fn ipresolve_v4_against_an_ipv6_only_server() {
    // Only 127.0.0.1 is tried: refused, and ::1 (where the server is) is never tried.
    let Some(p) = run(
        "ipresolve",
        &["http://localhost:{port}/v4", "v4"],
        Script::new().ipv6().reply(Reply::ok("six")),
    ) else {
        return;
    };
    p.assert_requests::<&str>(&[]);
    assert_stdout_has(&p, "perform: 7 (");
}

#[test]
fn maxage_conn_1() {
    // Idle seconds are whole seconds and must exceed MAXAGE_CONN: after 1.5 s (1 s) the
    // connection is reused, after 2.5 s (2 s) it is not.
    let Some(p) = run(
        "maxage",
        &["{url}/age", "1"],
        Script::new().otherwise(Reply::ok("age")),
    ) else {
        return;
    };
    p.assert_connections(&[0, 0, 0, 1]);
}

#[test]
fn maxage_conn_0() {
    // 0 is no special value: a connection idle for a whole second is too old.
    let Some(p) = run(
        "maxage",
        &["{url}/age", "0"],
        Script::new().otherwise(Reply::ok("age")),
    ) else {
        return;
    };
    p.assert_connections(&[0, 0, 1, 2]);
}

// --- socket options ---

#[test]
fn tcp_keepalive_options() {
    let Some(p) = run(
        "keepalive",
        &["{url}/ka"],
        Script::new().reply(Reply::ok("alive")),
    ) else {
        return;
    };
    p.assert_requests(&[get_of("/ka")]);
}

#[test]
fn tcp_nodelay_off() {
    let Some(p) = run(
        "nodelay",
        &["{url}/nd"],
        Script::new().reply(Reply::ok("nagle")),
    ) else {
        return;
    };
    p.assert_requests(&[get_of("/nd")]);
}

#[test]
fn nosignal() {
    let Some(p) = run(
        "nosignal",
        &["{url}/ns"],
        Script::new().reply(Reply::ok("no signals")),
    ) else {
        return;
    };
    p.assert_requests(&[get_of("/ns")]);
}

// --- bodies ---

/// `len` bytes of the alphabet, repeated.
fn letters(len: usize) -> Vec<u8> {
    (0..len).map(|i| b'a' + (i % 26) as u8).collect()
}

#[test]
fn buffersize_limits_write_callback_pieces() {
    let Some(p) = run(
        "buffersize",
        &["{url}/big", "1024"],
        Script::new().reply(Reply::ok(letters(300_000))),
    ) else {
        return;
    };
    p.assert_requests(&[get_of("/big")]);
    assert_stdout_has(&p, "total 300000, content ok");
    assert_stdout_has(&p, "largest piece 1024, at most BUFFERSIZE: yes");
}

/// "hello, compressed world\n" three times, gzip-compressed (mtime 0).
const GZIPPED: &[u8] = &[
    0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0xd7,
    0x51, 0x48, 0xce, 0xcf, 0x2d, 0x28, 0x4a, 0x2d, 0x2e, 0x4e, 0x4d, 0x51, 0x28, 0xcf, 0x2f, 0xca,
    0x49, 0xe1, 0xca, 0x20, 0x51, 0x1c, 0x00, 0xa6, 0x5b, 0x15, 0x9b, 0x48, 0x00, 0x00, 0x00,
];

#[test]
fn content_decoding_off_delivers_gzip_raw() {
    let Some(p) = run_case_own_requests(
        Case::new("options2")
            .args(&["content_decoding_off", "{url}/gz"])
            .server(Script::new().reply(Reply::status(
                200,
                &[("Content-Encoding", "gzip")],
                GZIPPED,
            ))),
    ) else {
        return;
    };
    // Compared per library below: ACCEPT_ENCODING "" offers what each library decodes.
    for o in p.each() {
        let offered = match o.flavour {
            Flavour::System => "deflate, gzip, br, zstd",
            Flavour::Ours => "deflate, gzip",
        };
        o.assert_requests(&[format!(
            "GET /gz HTTP/1.1\r\nHost: 127.0.0.1:{{port}}\r\nAccept: */*\r\n\
             Accept-Encoding: {offered}\r\n\r\n"
        )]);
    }
    assert_stdout_has(&p, "body \"\\x1f\\x8b\\x08");
    assert_stdout_has(&p, "size download 47\n");
}

#[test]
fn transfer_decoding_off_delivers_chunks_raw() {
    let Some(p) = run(
        "transfer_decoding_off",
        &["{url}/chunks"],
        Script::new()
            .reply(Reply::chunked(&["hello ", "chunked ", "world"]))
            .reply(Reply::ok("next")),
    ) else {
        return;
    };
    p.assert_requests(&[get_of("/chunks"), get_of("/chunks")]);
    assert_stdout_has(
        &p,
        "body \"6\\r\\nhello \\r\\n8\\r\\nchunked \\r\\n5\\r\\nworld\\r\\n0\\r\\n\\r\\n\"",
    );
    // The end of the chunked body was found: the connection was reused.
    p.assert_connections(&[0, 0]);
}

#[test]
fn transfer_decoding_off_size_download() {
    let Some(p) = run(
        "transfer_decoding_off",
        &["{url}/chunks", "size"],
        Script::new()
            .reply(Reply::chunked(&["hello ", "chunked ", "world"]))
            .reply(Reply::ok("next")),
    ) else {
        return;
    };
    assert_stdout_has(&p, "size download 19\n");
}

// --- handle data ---

#[test]
fn private_pointer() {
    let Some(p) = run(
        "private",
        &["{url}/priv"],
        Script::new().reply(Reply::ok("private")),
    ) else {
        return;
    };
    p.assert_requests(&[get_of("/priv")]);
}

// --- name resolution ---

// RESOLVE entries send "localhost" to [::1], where nothing listens on the server's port
// (refused); without an entry libcurl itself answers localhost with 127.0.0.1 first. Every
// GET is on a fresh connection, DNS_CACHE_TIMEOUT is 1 s.

fn dns_cache(which: &str) -> Option<Pair> {
    run(
        "dns_cache",
        &["{url}", "{port}", which],
        Script::new().otherwise(Reply::ok("direct")),
    )
}

#[test]
fn dns_cache_timed_resolve_entry_expires() {
    // The "+" entry is loaded once, at the perform after the setopt: 2.5 s later it has
    // expired and localhost is 127.0.0.1 again.
    let Some(p) = dns_cache("timed") else {
        return;
    };
    p.assert_requests(&[get_with_host("/timed-expired", "localhost:{port}")]);
    assert_stdout_has(&p, "timed entry: 7 (");
    assert_stdout_has(&p, "timed entry, 2.5 s later: 0 (");
}

#[test]
fn dns_cache_permanent_resolve_entry_and_removal() {
    let Some(p) = dns_cache("permanent") else {
        return;
    };
    p.assert_requests(&[get_with_host("/removed", "localhost:{port}")]);
    assert_stdout_has(&p, "permanent entry: 7 (");
    assert_stdout_has(&p, "permanent entry, 2.5 s later: 7 (");
    assert_stdout_has(&p, "removed entry: 0 (");
}

#[test]
fn dns_cache_wildcard_resolve_entry() {
    // 7.88.1 supports "*" as the host name of an entry.
    let Some(p) = dns_cache("wildcard") else {
        return;
    };
    p.assert_requests::<&str>(&[]);
    assert_stdout_has(&p, "wildcard entry: 7 (");
}

// --- uploads rewound for a redirect ---

fn redirect_then_ok() -> Script {
    Script::new()
        .route("/first", Reply::redirect(307, "/second"))
        .route("/second", Reply::ok("landed"))
}

#[test]
fn seekfunction_rewinds_upload_for_307() {
    let Some(p) = run("seek_redirect", &["{url}/first"], redirect_then_ok()) else {
        return;
    };
    // The body went twice, identical.
    p.assert_requests(&[letters_post("/first"), letters_post("/second")]);
    assert_stdout_has(&p, "seek callback: offset 0 origin 0\n");
}

#[test]
fn no_seekfunction_cannot_rewind_for_307() {
    let Some(p) = run("noseek_redirect", &["{url}/first"], redirect_then_ok()) else {
        return;
    };
    p.assert_requests(&[letters_post("/first")]);
    assert_stdout_has(
        &p,
        "perform: 65 (Send failed since rewinding of the data stream failed)\n  \
         error buffer \"necessary data rewind wasn't possible\"\n",
    );
}

#[test]
fn no_seekfunction_effective_url_is_the_redirect_target() {
    // libcurl had already moved to the new URL when the rewind failed.
    let Some(p) = run(
        "noseek_redirect",
        &["{url}/first", "url"],
        redirect_then_ok(),
    ) else {
        return;
    };
    assert_stdout_has(&p, "effective url http://127.0.0.1:{port}/second\n");
}

#[test]
fn readdata_file_is_rewound_for_307() {
    // The default read function is fread: libcurl rewinds the FILE* itself.
    let Some(p) = run("readdata_redirect", &["{url}/first"], redirect_then_ok()) else {
        return;
    };
    p.assert_requests(&[letters_post("/first"), letters_post("/second")]);
}

// --- default callbacks and FILE*s ---

#[test]
fn stderr_file_gets_verbose_header_lines() {
    let Some(p) = run(
        "stderr_verbose",
        &["{url}/verbose"],
        Script::new().reply(Reply::status(200, &[("X-Verbose", "yes")], "quiet body")),
    ) else {
        return;
    };
    p.assert_requests(&[get_of("/verbose")]);
    assert_stdout_has(&p, "stderr \"> GET /verbose HTTP/1.1\\r\\n\"");
    assert_stdout_has(&p, "stderr \"< X-Verbose: yes\\r\\n\"");
}

#[test]
fn default_write_function_writes_to_writedata_file() {
    let Some(p) = run(
        "writedata_file",
        &["{url}/file"],
        Script::new().reply(Reply::ok("into the file\n")),
    ) else {
        return;
    };
    p.assert_requests(&[get_of("/file")]);
    assert_stdout_has(&p, "file \"into the file\\n\"");
}

#[test]
fn default_read_function_reads_readdata_file() {
    let Some(p) = run(
        "readdata_file",
        &["{url}/up"],
        Script::new().reply(Reply::status(201, &[], "stored")),
    ) else {
        return;
    };
    p.assert_requests(&[
        "PUT /up HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: */*\r\n\
         Content-Length: 26\r\nExpect: 100-continue\r\n\r\nabcdefghijklmnopqrstuvwxyz",
    ]);
}

#[test]
fn headerdata_file_without_headerfunction() {
    let Some(p) = run(
        "headerdata_file",
        &["{url}/hd"],
        Script::new().reply(Reply::status(200, &[("X-Head", "1")], "the body")),
    ) else {
        return;
    };
    p.assert_requests(&[get_of("/hd")]);
    assert_stdout_has(&p, "header file \"HTTP/1.1 200 OK\\r\\nX-Head: 1\\r\\n");
    assert_stdout_has(&p, "body file \"the body\"");
}

#[test]
fn headerdata_goes_to_the_write_function() {
    let Some(p) = run(
        "headerdata_writefunc",
        &["{url}/hw"],
        Script::new().reply(Reply::status(200, &[("X-Head", "1")], "the body")),
    ) else {
        return;
    };
    p.assert_requests(&[get_of("/hw")]);
    assert_stdout_has(&p, "write callback with HEADERDATA: \"X-Head: 1\\r\\n\"");
    assert_stdout_has(&p, "write callback with WRITEDATA: \"the body\"");
}

// --- proxy environment variables ---

#[test]
fn http_proxy_env_is_used() {
    // The proxy named by the environment is used (and refuses): nothing goes direct.
    if !ready() {
        return;
    }
    let p = Case::new("options2")
        .args(&["get", "{url}/proxied"])
        .env("http_proxy", "http://127.0.0.1:1")
        .server(Script::new().reply(Reply::ok("direct")))
        .differential();
    println!("{}", p.stdout());
    assert!(
        p.stdout().starts_with("perform: 7 ("),
        "expected CURLE_COULDNT_CONNECT:\n{}",
        p.stdout()
    );
    p.assert_requests::<&str>(&[]);
}

#[test]
fn no_proxy_env_exempts_the_host() {
    let Some(p) = run_case(
        Case::new("options2")
            .args(&["get", "{url}/direct"])
            .env("http_proxy", "http://127.0.0.1:1")
            .env("NO_PROXY", "127.0.0.1")
            .server(Script::new().reply(Reply::ok("direct"))),
    ) else {
        return;
    };
    p.assert_requests(&[get_of("/direct")]);
}

#[test]
fn uppercase_http_proxy_env_is_ignored() {
    let Some(p) = run_case(
        Case::new("options2")
            .args(&["get", "{url}/direct"])
            .env("HTTP_PROXY", "http://127.0.0.1:1")
            .server(Script::new().reply(Reply::ok("direct"))),
    ) else {
        return;
    };
    p.assert_requests(&[get_of("/direct")]);
}

#[test]
fn proxy_empty_string_overrides_http_proxy_env() {
    let Some(p) = run_case(
        Case::new("options2")
            .args(&["proxy_empty", "{url}/direct"])
            .env("http_proxy", "http://127.0.0.1:1")
            .server(Script::new().reply(Reply::ok("direct"))),
    ) else {
        return;
    };
    p.assert_requests(&[get_of("/direct")]);
}

#[test]
fn noproxy_option_exempts_the_host_from_http_proxy_env() {
    let Some(p) = run_case(
        Case::new("options2")
            .args(&["noproxy_option", "{url}/direct"])
            .env("http_proxy", "http://127.0.0.1:1")
            .server(Script::new().reply(Reply::ok("direct"))),
    ) else {
        return;
    };
    p.assert_requests(&[get_of("/direct")]);
}

// --- authentication ---

#[test]
fn httpauth_any_waits_for_the_challenge() {
    // With more than one method allowed, libcurl sends no credentials until a 401 names
    // the method, then Basic.
    let Some(p) = run(
        "httpauth_any",
        &["{url}/auth"],
        Script::new()
            .reply(Reply::status(
                401,
                &[("WWW-Authenticate", "Basic realm=\"r\"")],
                "who are you",
            ))
            .reply(Reply::ok("welcome")),
    ) else {
        return;
    };
    p.assert_requests(&[
        get_of("/auth"),
        "GET /auth HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\
         Authorization: Basic dXNlcjpzZWNyZXQ=\r\nAccept: */*\r\n\r\n"
            .to_string(),
    ]);
}

// --- setopt's answers ---

#[test]
fn setopt_argument_checks() {
    let Some(p) = run(
        "setopt_args",
        &["{url}/args"],
        Script::new().otherwise(Reply::ok(letters(100_000))),
    ) else {
        return;
    };
    p.assert_requests(&[get_of("/args"), get_of("/args")]);
    for line in [
        "CURLOPT_TIMEOUT -1L -> 43\n",
        "CURLOPT_MAXREDIRS -2L -> 43\n",
        "CURLOPT_BUFFERSIZE 0L -> 0\n",
        "CURLOPT_BUFFERSIZE 100000000L -> 0\n",
        "CURLOPT_POSTREDIR -1L -> 43\n",
        "CURLOPT_IPRESOLVE 7L -> 43\n",
        "CURLOPT_TIMECONDITION 9L -> 43\n",
    ] {
        assert_stdout_has(&p, line);
    }
}

#[test]
fn setopt_argument_checks_more() {
    // What 7.88.1 answers, and ours at the time of writing:
    //   TIMEOUT 3000000 (over INT_MAX/1000)  43, ours 0
    //   TIMEOUT_MS -1                         0, ours 43
    //   CONNECTTIMEOUT_MS -1                  0, ours 43
    //   HTTP_VERSION -1                      43, ours 1
    //   MAXAGE_CONN -1, MAXLIFETIME_CONN -1  43, ours 0
    //   LOW_SPEED_LIMIT -1, LOW_SPEED_TIME -1  43, ours 0
    //   TCP_KEEPIDLE 5000000000               0, ours 43
    //   RESUME_FROM(_LARGE) -2               43, ours 0
    //   HTTPAUTH CURLAUTH_NONE                0, ours 0
    run("setopt_args_more", &["{url}/args"], Script::new());
}

#[test]
fn not_built_in_options_only_at_their_defaults() {
    // Ours only: the system libcurl has all of these.
    if !ready() {
        return;
    }
    let o = Case::new("options2")
        .args(&["not_built_in", "{url}/nbi"])
        .server(Script::new().reply(Reply::ok("plain")))
        .ours();
    println!("{}", o.output);
    o.assert_stdout(concat!(
        "CURLOPT_COOKIEFILE (char *)NULL -> 0\n",
        "CURLOPT_COOKIEFILE \"x\" -> 4\n",
        "CURLOPT_HAPROXYPROTOCOL 0L -> 0\n",
        "CURLOPT_HAPROXYPROTOCOL 1L -> 4\n",
        "CURLOPT_CONNECT_ONLY 0L -> 0\n",
        "CURLOPT_CONNECT_ONLY 1L -> 4\n",
        "CURLOPT_HTTP_VERSION (long)CURL_HTTP_VERSION_2_0 -> 1\n",
        "CURLOPT_HTTPAUTH (long)CURLAUTH_DIGEST -> 4\n",
        "CURLOPT_HTTPAUTH (long)CURLAUTH_ANY -> 0\n",
        // The refused values took no effect: no proxy, no binding, a whole transfer.
        "perform: 0 (No error)\n",
        "  error buffer \"\"\n",
        "  code 200, connects 1, primary ip 127.0.0.1 port {port}\n",
        "  body \"plain\"\n",
    ));
    o.assert_requests(&[get_of("/nbi")]);
}

/// `CURLOPT_PROTOCOLS_STR` refused (an empty list, an unknown name) still takes effect as
/// far as it got, as in 7.88.1 (the curl tool's `--proto -all` relies on it).
#[test]
fn refused_protocol_lists_take_effect_as_far_as_they_got() {
    let Some(p) = run(
        "protocols_refused",
        &["{url}/p"],
        Script::new().otherwise(Reply::ok("fine")),
    ) else {
        return;
    };
    assert_stdout_has(&p, "PROTOCOLS_STR \"\": 43");
    assert_stdout_has(&p, "perform with none: 1 (");
    assert_stdout_has(&p, "PROTOCOLS_STR \"http,nosuch\": 1");
    assert_stdout_has(&p, "perform with http: 0 (");
}

/// `CURLOPT_HTTP200ALIASES`: a status line that is one of them reads as `HTTP/1.0 200`;
/// without it, the same reply is refused HTTP/0.9.
#[test]
fn http200_aliases() {
    let reply = || Reply::raw("ICY 200 OK\r\nContent-Length: 7\r\n\r\nMooMoo\n");
    let Some(p) = run(
        "aliases",
        &["{url}/icy"],
        Script::new().reply(reply()).reply(reply()),
    ) else {
        return;
    };
    assert_stdout_has(&p, "without aliases: 1 (");
    assert_stdout_has(&p, "with ICY 200 OK: 0 (");
    assert_stdout_has(&p, "http version 1\n");
}

/// `CURLOPT_DEFAULT_PROTOCOL`: a URL without a scheme takes it instead of a guess (the
/// name `ftp.test` alone would guess ftp://).
#[test]
fn default_protocol_replaces_the_guess() {
    let Some(p) = run(
        "default_protocol",
        &["ftp.test:{port}/dp", "ftp.test:{port}:127.0.0.1"],
        Script::new().otherwise(Reply::ok("dp")),
    ) else {
        return;
    };
    assert_stdout_has(&p, "with DEFAULT_PROTOCOL http: 0 (");
}

/// `CURLOPT_MAXCONNECTS` 1: the second host's connection pushes the first host's out of the
/// cache, so going back to the first host connects again.
#[test]
fn maxconnects_limits_the_idle_cache() {
    let Some(p) = run(
        "maxconnects",
        &["{url}/m", "http://localhost:{port}/m"],
        Script::new().otherwise(Reply::ok("m")),
    ) else {
        return;
    };
    p.assert_connections(&[0, 1, 2]);
}
