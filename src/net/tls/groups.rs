//! `CURLOPT_SSL_EC_CURVES`: the key exchange groups to offer, as OpenSSL 3.0's
//! `SSL_CTX_set1_curves_list` (which libcurl 7.88.1's OpenSSL backend calls) reads the
//! list: names separated by ':', blanks around them ignored, names case-sensitive, a
//! duplicate or an empty name or one OpenSSL does not know failing the whole list. The
//! groups are offered in the list's order.
//!
//! rustls (with ring) has X25519, P-256 and P-384. A name OpenSSL knows for a group
//! rustls lacks (P-521, X448, the FFDHE groups, ...) is passed over; a list left with
//! none of rustls' groups fails as an unknown name does.

use rustls::crypto::SupportedKxGroup;
use rustls::NamedGroup;

use crate::error::{Code, Error, Result};

/// The names OpenSSL 3.0 takes, and the group each is (None: one rustls does not have).
fn group_named(name: &str) -> Option<Option<NamedGroup>> {
    Some(match name {
        "X25519" | "x25519" => Some(NamedGroup::X25519),
        "P-256" | "prime256v1" | "secp256r1" => Some(NamedGroup::secp256r1),
        "P-384" | "secp384r1" => Some(NamedGroup::secp384r1),
        "P-521" | "secp521r1" => None,
        "X448" | "x448" => None,
        "ffdhe2048" | "ffdhe3072" | "ffdhe4096" | "ffdhe6144" | "ffdhe8192" => None,
        "brainpoolP256r1" | "brainpoolP384r1" | "brainpoolP512r1" => None,
        "P-192" | "prime192v1" | "secp192r1" | "P-224" | "secp224r1" => None,
        "secp160k1" | "secp160r1" | "secp160r2" | "secp192k1" | "secp224k1" | "secp256k1" => None,
        "sect163k1" | "sect163r1" | "sect163r2" | "sect193r1" | "sect193r2" | "sect233k1"
        | "sect233r1" | "sect239k1" | "sect283k1" | "sect283r1" | "sect409k1" | "sect409r1"
        | "sect571k1" | "sect571r1" => None,
        "K-163" | "B-163" | "K-233" | "B-233" | "K-283" | "B-283" | "K-409" | "B-409" | "K-571"
        | "B-571" => None,
        _ => return None,
    })
}

/// The groups of `all` that `list` names, in its order.
pub fn select(
    list: &str,
    all: &[&'static dyn SupportedKxGroup],
) -> Result<Vec<&'static dyn SupportedKxGroup>> {
    let failed = || {
        Error::new(
            Code::SslCipher,
            format!("failed setting curves list: '{list}'"),
        )
    };
    let mut seen = Vec::new();
    let mut chosen = Vec::new();
    for name in list.split(':').map(str::trim) {
        let group = group_named(name).ok_or_else(failed)?;
        // OpenSSL refuses a list that names a group twice (by any of its names).
        let key = group.map_or_else(|| name.to_string(), |g| format!("{g:?}"));
        if seen.contains(&key) {
            return Err(failed());
        }
        seen.push(key);
        if let Some(g) = group.and_then(|g| all.iter().find(|k| k.name() == g)) {
            chosen.push(*g);
        }
    }
    if chosen.is_empty() {
        return Err(failed());
    }
    Ok(chosen)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &str) -> Result<Vec<String>> {
        let all = rustls::crypto::ring::default_provider().kx_groups;
        select(list, &all).map(|v| v.iter().map(|g| format!("{:?}", g.name())).collect())
    }

    #[test]
    fn openssl_names_in_their_order() {
        assert_eq!(names("X25519").unwrap(), ["X25519"]);
        assert_eq!(
            names("P-384:prime256v1:x25519").unwrap(),
            ["secp384r1", "secp256r1", "X25519"]
        );
        assert_eq!(
            names(" secp256r1 : P-384").unwrap(),
            ["secp256r1", "secp384r1"]
        );
        // Known to OpenSSL, not to rustls: passed over.
        assert_eq!(names("P-521:X25519").unwrap(), ["X25519"]);
    }

    #[test]
    fn lists_openssl_refuses() {
        for bad in [
            "bogus",
            "p-256",
            "X25519,P-256",
            "X25519::P-256",
            "",
            "X25519:x25519",
            "P-256:prime256v1",
            "X25519:bogus",
            // Nothing rustls can offer.
            "P-521",
            "ffdhe2048:X448",
        ] {
            let e = names(bad).unwrap_err();
            assert_eq!(e.code, Code::SslCipher, "{bad:?}");
            assert_eq!(e.message, format!("failed setting curves list: '{bad}'"));
        }
    }
}
