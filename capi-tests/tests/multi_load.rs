//! Many transfers on one multi handle against a private nginx, with `c/multi_load.c`, on both
//! libraries: 1,000 concurrent handles, and 10,000 handles added at once under
//! `CURLMOPT_MAX_TOTAL_CONNECTIONS` 50. Every body must arrive whole; the peak RSS of each
//! run is printed (`--nocapture`) for comparison.

use std::time::Duration;

use capi_tests::nginx::Nginx;
use capi_tests::{ready, Case, Pair};

const SIZE: usize = 4096;

fn load(nginx: &Nginx, n: usize, max_total: Option<usize>) -> Pair {
    let url = nginx.url("/file");
    let (n, size) = (n.to_string(), SIZE.to_string());
    let mut args = vec![url.as_str(), n.as_str(), size.as_str()];
    let max = max_total.map(|m| m.to_string());
    if let Some(m) = &max {
        args.push(m);
    }
    let pair = Case::new("multi_load")
        .args(&args)
        .timeout(Duration::from_secs(120))
        .no_valgrind()
        .differential();
    for o in pair.each() {
        println!("{}: {}", o.flavour.name(), o.stderr().trim());
    }
    pair
}

fn nginx() -> Option<Nginx> {
    if !ready() {
        return None;
    }
    Nginx::start(&[("file", vec![b'x'; SIZE])])
}

#[test]
fn a_thousand_concurrent_transfers() {
    let Some(nginx) = nginx() else { return };
    let p = load(&nginx, 1000, None);
    assert!(p
        .stdout()
        .contains("transfers: 1000, complete and correct: 1000, wrong: 0"));
}

#[test]
fn ten_thousand_transfers_over_fifty_connections() {
    let Some(nginx) = nginx() else { return };
    let p = load(&nginx, 10_000, Some(50));
    assert!(p
        .stdout()
        .contains("transfers: 10000, complete and correct: 10000, wrong: 0"));
}
