//! HTTP authentication as libcurl 7.88.1 negotiates it: which methods the application wants
//! (`CURLOPT_HTTPAUTH` / `CURLOPT_PROXYAUTH`), which one a server's challenge makes us pick,
//! and what a handle remembers of that for its next transfers.
//!
//! Basic is the only method built in. A set of wanted methods keeps the other bits (so a
//! set of several still waits for the server's challenge, as libcurl does), but only Basic
//! is ever picked; a set without Basic is refused.

/// `CURLAUTH_BASIC`.
pub const BASIC: u64 = 1;
/// `CURLAUTH_DIGEST`.
pub const DIGEST: u64 = 1 << 1;
/// `CURLAUTH_NEGOTIATE`.
pub const NEGOTIATE: u64 = 1 << 2;
/// `CURLAUTH_NTLM`.
pub const NTLM: u64 = 1 << 3;
/// `CURLAUTH_DIGEST_IE`: Digest, IE style.
pub const DIGEST_IE: u64 = 1 << 4;
/// `CURLAUTH_BEARER`.
pub const BEARER: u64 = 1 << 6;
/// `CURLAUTH_PICKNONE`: a challenge came and offered nothing we could use.
pub const PICKNONE: u64 = 1 << 30;

/// The methods this library can send.
pub const BUILT: u64 = BASIC;

/// What `CURLOPT_HTTPAUTH` / `CURLOPT_PROXYAUTH` store for `bits`: the set as asked, with
/// `CURLAUTH_DIGEST_IE` meaning Digest, as libcurl stores it. `None` when no method we
/// have is among them (the caller refuses with `CURLE_NOT_BUILT_IN` and turns
/// authentication off, so no earlier method stays in force).
pub fn wanted(bits: u64) -> Option<u64> {
    if bits == 0 {
        return Some(0);
    }
    let bits = if bits & DIGEST_IE != 0 {
        (bits | DIGEST) & !DIGEST_IE
    } else {
        bits
    };
    (bits & BUILT != 0).then_some(bits)
}

/// The `CURLAUTH_*` bits of the methods the challenge headers offer, parsed as libcurl
/// does: every header, and in each, every comma-separated element whose first word is a
/// method's name (so `Basic realm="a", Digest realm="b"` offers both).
pub fn offered<'a>(values: impl IntoIterator<Item = &'a [u8]>) -> u64 {
    const METHODS: &[(&[u8], u64)] = &[
        (b"negotiate", NEGOTIATE),
        (b"ntlm", NTLM),
        (b"digest", DIGEST),
        (b"basic", BASIC),
        (b"bearer", BEARER),
    ];
    let mut bits = 0;
    for value in values {
        for element in value.split(|&b| b == b',') {
            let element = element.trim_ascii_start();
            for (name, bit) in METHODS {
                let n = name.len();
                let separated = element
                    .get(n)
                    .is_none_or(|&b| b == b',' || b.is_ascii_whitespace());
                if element.len() >= n && element[..n].eq_ignore_ascii_case(name) && separated {
                    bits |= bit;
                }
            }
        }
    }
    bits
}

/// The negotiation with one party (the origin, or the proxy), libcurl's `struct auth`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AuthState {
    /// The methods the application allows (set at each transfer's start).
    pub want: u64,
    /// The method in use: the wanted set until a challenge picks one.
    pub picked: u64,
    /// What the challenges offered since the last pick (like `picked`, kept by the handle
    /// from one transfer to the next, as libcurl keeps it).
    avail: u64,
}

impl AuthState {
    /// A transfer starts from the handle's state after the one before: a method picked
    /// then stays if it is still wanted.
    pub fn start(before: AuthState, want: u64) -> Self {
        AuthState {
            want,
            picked: before.picked & want,
            avail: before.avail,
        }
    }

    /// Before a request that has credentials to send: true when Basic goes out with it.
    /// Nothing picked yet means the wanted set, so Basic alone goes at once.
    pub fn basic_now(&mut self) -> bool {
        if self.want != 0 && self.picked == 0 {
            self.picked = self.want;
        }
        self.picked == BASIC
    }

    /// A 401 (or 407) offers `bits`. False when that says the credentials we sent were
    /// refused (Basic offered again after Basic went out): an authentication problem.
    fn challenged(&mut self, bits: u64) -> bool {
        self.avail |= bits;
        if bits & BASIC != 0 && self.picked == BASIC {
            self.avail = 0;
            return false;
        }
        true
    }

    /// libcurl's pickoneauth: the best offered method that is wanted and built. False
    /// when there is none.
    fn pick(&mut self) -> bool {
        let usable = self.avail & self.want & BUILT;
        self.avail = 0;
        if usable & BASIC != 0 {
            self.picked = BASIC;
            true
        } else {
            self.picked = PICKNONE;
            false
        }
    }
}

/// The negotiation of one transfer with the origin and the proxy.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Negotiation {
    pub host: AuthState,
    pub proxy: AuthState,
    /// libcurl's `authproblem`: credentials were refused or nothing usable was offered;
    /// no more picking in this transfer.
    pub problem: bool,
}

impl Negotiation {
    /// Acts on a final response head (`code`, with what its WWW-Authenticate and
    /// Proxy-Authenticate headers offer), as libcurl's Curl_http_input_auth and
    /// Curl_http_auth_act. True when the same request is to go again, now with the
    /// picked method. `host_credentials`/`proxy_credentials`: whether there are any.
    pub fn on_response(
        &mut self,
        code: u16,
        www: u64,
        proxy: u64,
        host_credentials: bool,
        proxy_credentials: bool,
    ) -> bool {
        if code == 401 && !self.host.challenged(www) {
            self.problem = true;
        }
        if code == 407 && !self.proxy.challenged(proxy) {
            self.problem = true;
        }
        if (100..200).contains(&code) || self.problem {
            return false;
        }
        let mut again = false;
        if host_credentials && code == 401 {
            if self.host.pick() {
                again = true;
            } else {
                self.problem = true;
            }
        }
        if proxy_credentials && code == 407 {
            if self.proxy.pick() {
                again = true;
            } else {
                self.problem = true;
            }
        }
        again
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ANY: u64 = !DIGEST_IE;
    const ANYSAFE: u64 = !(BASIC | DIGEST_IE);
    const ONLY: u64 = 1 << 31;

    fn picked(bits: u64) -> AuthState {
        AuthState {
            picked: bits,
            ..Default::default()
        }
    }

    #[test]
    fn what_setopt_stores() {
        assert_eq!(wanted(0), Some(0));
        assert_eq!(wanted(BASIC), Some(BASIC));
        assert_eq!(wanted(ANY), Some(ANY));
        assert_eq!(wanted(BASIC | ONLY), Some(BASIC | ONLY));
        assert_eq!(wanted(BASIC | DIGEST_IE), Some(BASIC | DIGEST));
        for refused in [
            DIGEST,
            DIGEST_IE,
            NTLM,
            NEGOTIATE,
            BEARER,
            1 << 7,
            ANYSAFE,
            ONLY,
        ] {
            assert_eq!(wanted(refused), None, "{refused:#x}");
        }
    }

    #[test]
    fn challenges_of_several_headers_and_elements() {
        let all = |v: &[&str]| offered(v.iter().map(|s| s.as_bytes()));
        assert_eq!(all(&["Basic realm=\"r\""]), BASIC);
        assert_eq!(
            all(&["Digest realm=\"a\", nonce=\"x\", Basic realm=\"b\""]),
            DIGEST | BASIC
        );
        assert_eq!(
            all(&["NTLM", "Negotiate", "Bearer"]),
            NTLM | NEGOTIATE | BEARER
        );
        assert_eq!(all(&["basic"]), BASIC);
        assert_eq!(all(&["Basicx realm=1", "Bas", ""]), 0);
        assert_eq!(all(&["Foo, Basic,Digest"]), BASIC | DIGEST);
    }

    #[test]
    fn basic_alone_goes_at_once_several_wait() {
        let mut s = AuthState::start(AuthState::default(), BASIC);
        assert!(s.basic_now());
        let mut s = AuthState::start(AuthState::default(), ANY);
        assert!(!s.basic_now());
        let mut s = AuthState::start(AuthState::default(), BASIC | ONLY);
        assert!(!s.basic_now());
        let mut s = AuthState::start(AuthState::default(), 0);
        assert!(!s.basic_now());
    }

    #[test]
    fn a_challenge_picks_basic_and_the_handle_keeps_it() {
        let mut n = Negotiation {
            host: AuthState::start(AuthState::default(), ANY),
            ..Default::default()
        };
        assert!(!n.host.basic_now());
        assert!(n.on_response(401, BASIC | DIGEST, 0, true, false));
        assert!(n.host.basic_now());
        // The next transfer on the handle: still wanted, so sent at once.
        let mut next = AuthState::start(n.host, ANY);
        assert!(next.basic_now());
        // No longer wanted: back to the wanted set.
        let mut next = AuthState::start(n.host, 0);
        assert!(!next.basic_now());
    }

    #[test]
    fn refused_credentials_and_unusable_offers_stop() {
        let mut n = Negotiation {
            host: AuthState::start(picked(BASIC), ANY),
            ..Default::default()
        };
        assert!(n.host.basic_now());
        assert!(!n.on_response(401, BASIC, 0, true, false));
        assert!(n.problem);
        // Only Digest offered: nothing picked, and the next transfer waits again.
        let mut n = Negotiation {
            host: AuthState::start(AuthState::default(), ANY),
            ..Default::default()
        };
        assert!(!n.on_response(401, DIGEST, 0, true, false));
        assert_eq!(n.host.picked, PICKNONE);
        assert!(!AuthState::start(n.host, ANY).basic_now());
        // Without credentials nothing is picked, and what was offered stays for the
        // handle's next transfer, as in libcurl.
        let mut n = Negotiation {
            host: AuthState::start(AuthState::default(), ANY),
            ..Default::default()
        };
        assert!(!n.on_response(401, BASIC, 0, false, false));
        assert!(!n.problem);
        let mut next = Negotiation {
            host: AuthState::start(n.host, ANY),
            ..Default::default()
        };
        assert!(next.on_response(401, 0, 0, true, false));
        assert_eq!(next.host.picked, BASIC);
    }

    #[test]
    fn the_proxy_side() {
        let mut n = Negotiation {
            proxy: AuthState::start(AuthState::default(), ANY),
            ..Default::default()
        };
        assert!(!n.proxy.basic_now());
        assert!(!n.on_response(407, 0, BASIC, true, false));
        assert!(n.on_response(407, BASIC, BASIC, false, true));
        assert!(n.proxy.basic_now());
        assert!(!n.host.basic_now());
    }
}
