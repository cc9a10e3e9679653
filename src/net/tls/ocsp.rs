//! `CURLOPT_SSL_VERIFYSTATUS`: the server must staple an OCSP response saying its
//! certificate is good, checked as libcurl 7.88.1's OpenSSL backend checks it: a successful
//! basic response, signed by the certificate's issuer (found among the certificates the
//! server sent) or by a responder that issuer delegated to (`id-kp-OCSPSigning`), with a
//! SHA-1 certificate ID for the server's certificate, within its validity (five minutes'
//! leeway), and status good. Each failure is `CURLE_SSL_INVALIDCERTSTATUS` with libcurl's
//! text.

use ring::digest::{digest, SHA1_FOR_LEGACY_USE_ONLY as SHA1};

use super::x509::{self, Cert, Reader, Tlv};

/// id-pkix-ocsp-basic
const BASIC: &[u8] = &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x01];
/// id-kp-OCSPSigning
const OCSP_SIGNING: &[u8] = &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x09];
const EXTENDED_KEY_USAGE: &[u8] = &[0x55, 0x1d, 0x25];
const SHA1_OID: &[u8] = &[0x2b, 0x0e, 0x03, 0x02, 0x1a];
/// OpenSSL's leeway for the response's times, in seconds.
const LEEWAY: i64 = 300;

/// Why the stapled response does not show the server's certificate good, as libcurl
/// words it (None where libcurl gives no text), and the `CURLINFO_SSL_VERIFYRESULT` of
/// the chain, which stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusError(pub Option<String>, pub i64);

impl std::fmt::Display for StatusError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.as_deref().unwrap_or("certificate status unknown"))
    }
}

impl std::error::Error for StatusError {}

fn fail(text: &str) -> StatusError {
    StatusError(Some(text.to_string()), 0)
}

/// Checks the stapled `response` for the server's certificate `leaf`, whose issuer is
/// looked for in `chain` (the other certificates the server sent), at `now` (Unix seconds).
/// `trusted`: the peer's chain was verified; without that (no CAs loaded) no signer can be
/// trusted, as with OpenSSL.
pub fn check(
    response: &[u8],
    leaf: &[u8],
    chain: &[&[u8]],
    now: i64,
    trusted: bool,
) -> Result<(), StatusError> {
    if response.is_empty() {
        return Err(fail("No OCSP response received"));
    }
    let invalid = || fail("Invalid OCSP response");
    let mut outer = Reader::new(response)
        .expect(x509::SEQUENCE)
        .ok_or_else(invalid)?
        .reader();
    let status = outer.expect(0x0a).ok_or_else(invalid)?;
    let status = status.body.first().copied().unwrap_or(0xff);
    if status != 0 {
        let name = match status {
            1 => "malformedrequest",
            2 => "internalerror",
            3 => "trylater",
            5 => "sigrequired",
            6 => "unauthorized",
            _ => "(UNKNOWN)",
        };
        return Err(StatusError(
            Some(format!("Invalid OCSP response status: {name} ({status})")),
            0,
        ));
    }
    let basic = outer
        .expect(0xa0)
        .and_then(|b| b.reader().expect(x509::SEQUENCE))
        .and_then(|b| {
            let mut r = b.reader();
            let kind = r.expect(x509::OID)?;
            (kind.body == BASIC).then_some(())?;
            r.expect(x509::OCTET_STRING)
        })
        .and_then(|o| Basic::parse(o.body))
        .ok_or_else(invalid)?;

    let certs: Vec<Cert<'_>> = chain.iter().filter_map(|c| Cert::parse(c)).collect();
    let leaf = Cert::parse(leaf).ok_or_else(|| fail("Error getting peer certificate"))?;
    // OpenSSL looks for the signer among the response's and the server's certificates.
    let verified = trusted && basic.signed_by_issuer_of(&leaf, &certs);
    if !verified {
        return Err(fail("OCSP response verification failed"));
    }
    let issuer = issuer_of(&leaf, &certs).ok_or_else(|| fail("Error computing OCSP ID"))?;
    let single = basic
        .find(&leaf, issuer)
        .ok_or_else(|| fail("Could not find certificate ID in OCSP response"))?;
    let this_update = time(single.this_update);
    let next_update = single.next_update.map(time);
    let valid = this_update.is_some_and(|t| t <= now + LEEWAY)
        && match next_update {
            None => true,
            Some(None) => false,
            Some(Some(n)) => n >= now - LEEWAY && this_update.is_some_and(|t| n >= t),
        };
    if !valid {
        return Err(fail("OCSP response has expired"));
    }
    match single.status {
        Status::Good => Ok(()),
        Status::Revoked(reason) => Err(StatusError(
            Some(format!(
                "SSL certificate revocation reason: {} ({reason})",
                reason_name(reason)
            )),
            0,
        )),
        Status::Unknown => Err(StatusError(None, 0)),
    }
}

fn reason_name(reason: i64) -> &'static str {
    match reason {
        0 => "unspecified",
        1 => "keyCompromise",
        2 => "cACompromise",
        3 => "affiliationChanged",
        4 => "superseded",
        5 => "cessationOfOperation",
        6 => "certificateHold",
        8 => "removeFromCRL",
        9 => "privilegeWithdrawn",
        10 => "aACompromise",
        _ => "(UNKNOWN)",
    }
}

/// The certificate of `chain` that issued `leaf`: by OpenSSL's `X509_check_issued`, and
/// its key made the leaf's signature (so a look-alike sent with the chain cannot vouch).
fn issuer_of<'c, 'a>(leaf: &Cert<'_>, chain: &'c [Cert<'a>]) -> Option<&'c Cert<'a>> {
    chain.iter().find(|c| {
        x509::check_issued(c, leaf).is_none()
            && x509::signature_valid(c, leaf.signature_algorithm, leaf.tbs, leaf.signature)
    })
}

/// A BasicOCSPResponse.
struct Basic<'a> {
    tbs: &'a [u8],
    responder: Tlv<'a>,
    responses: Vec<Single<'a>>,
    algorithm: &'a [u8],
    signature: &'a [u8],
    certs: Vec<Cert<'a>>,
}

enum Status {
    Good,
    Revoked(i64),
    Unknown,
}

struct Single<'a> {
    hash: &'a [u8],
    name_hash: &'a [u8],
    key_hash: &'a [u8],
    serial: &'a [u8],
    status: Status,
    this_update: Tlv<'a>,
    next_update: Option<Tlv<'a>>,
}

impl<'a> Basic<'a> {
    fn parse(der: &'a [u8]) -> Option<Basic<'a>> {
        let mut b = Reader::new(der).expect(x509::SEQUENCE)?.reader();
        let tbs = b.expect(x509::SEQUENCE)?;
        let (algorithm, _) = x509::algorithm(b.next_tlv()?)?;
        let signature = x509::bits(b.next_tlv()?)?;
        let mut certs = Vec::new();
        if let Some(list) = b.optional(0xa0) {
            let mut l = list.reader().expect(x509::SEQUENCE)?.reader();
            while let Some(c) = l.next_tlv() {
                certs.push(Cert::parse(c.raw)?);
            }
        }
        let mut t = tbs.reader();
        let _version = t.optional(0xa0);
        let responder = t.next_tlv()?;
        let _produced = t.expect(x509::GENERALIZED_TIME)?;
        let mut list = t.expect(x509::SEQUENCE)?.reader();
        let mut responses = Vec::new();
        while let Some(r) = list.next_tlv() {
            responses.push(Single::parse(r)?);
        }
        Some(Basic {
            tbs: tbs.raw,
            responder,
            responses,
            algorithm,
            signature,
            certs,
        })
    }

    /// Whether the responder named in the response is `cert`.
    fn names(&self, cert: &Cert<'_>) -> bool {
        match self.responder.tag {
            // byName [1] EXPLICIT Name
            0xa1 => self
                .responder
                .reader()
                .expect(x509::SEQUENCE)
                .is_some_and(|n| x509::names_equal(n, cert.subject)),
            // byKey [2] EXPLICIT KeyHash (SHA-1 of the key)
            0xa2 => self
                .responder
                .reader()
                .expect(x509::OCTET_STRING)
                .is_some_and(|h| h.body == digest(&SHA1, cert.key).as_ref()),
            _ => false,
        }
    }

    /// The response is signed by the issuer of `leaf` (one of `chain`), or by a responder
    /// that issuer certified for OCSP signing.
    fn signed_by_issuer_of(&self, leaf: &Cert<'_>, chain: &[Cert<'_>]) -> bool {
        let Some(issuer) = issuer_of(leaf, chain) else {
            return false;
        };
        let candidates = self.certs.iter().chain(chain.iter());
        let Some(signer) = candidates.into_iter().find(|c| self.names(c)) else {
            return false;
        };
        if !x509::signature_valid(signer, self.algorithm, self.tbs, self.signature) {
            return false;
        }
        if signer.der == issuer.der {
            return true;
        }
        let delegated = signer
            .extension(EXTENDED_KEY_USAGE)
            .and_then(|v| Reader::new(v).expect(x509::SEQUENCE))
            .is_some_and(|seq| {
                let mut r = seq.reader();
                std::iter::from_fn(|| r.next_tlv()).any(|oid| oid.body == OCSP_SIGNING)
            });
        delegated
            && x509::check_issued(issuer, signer).is_none()
            && x509::signature_valid(
                issuer,
                signer.signature_algorithm,
                signer.tbs,
                signer.signature,
            )
    }

    /// The single response for `leaf` by its SHA-1 certificate ID.
    fn find(&self, leaf: &Cert<'_>, issuer: &Cert<'_>) -> Option<&Single<'a>> {
        let name_hash = digest(&SHA1, leaf.issuer.raw);
        let key_hash = digest(&SHA1, issuer.key);
        self.responses.iter().find(|s| {
            s.hash == SHA1_OID
                && s.name_hash == name_hash.as_ref()
                && s.key_hash == key_hash.as_ref()
                && s.serial == leaf.serial
        })
    }
}

impl<'a> Single<'a> {
    fn parse(t: Tlv<'a>) -> Option<Single<'a>> {
        let mut s = t.reader();
        let mut id = s.expect(x509::SEQUENCE)?.reader();
        let (hash, _) = x509::algorithm(id.next_tlv()?)?;
        let name_hash = id.expect(x509::OCTET_STRING)?.body;
        let key_hash = id.expect(x509::OCTET_STRING)?.body;
        let serial = id.expect(x509::INTEGER)?.body;
        let status = s.next_tlv()?;
        let status = match status.tag {
            0x80 => Status::Good,
            0xa1 => {
                let mut r = status.reader();
                let _when = r.expect(x509::GENERALIZED_TIME)?;
                let reason = r
                    .optional(0xa0)
                    .and_then(|e| e.reader().expect(0x0a))
                    .map_or(-1, |e| {
                        e.body.iter().fold(0i64, |a, &b| a << 8 | i64::from(b))
                    });
                Status::Revoked(reason)
            }
            _ => Status::Unknown,
        };
        let this_update = s.expect(x509::GENERALIZED_TIME)?;
        let next_update = match s.optional(0xa0) {
            Some(n) => Some(n.reader().expect(x509::GENERALIZED_TIME)?),
            None => None,
        };
        Some(Single {
            hash,
            name_hash,
            key_hash,
            serial,
            status,
            this_update,
            next_update,
        })
    }
}

/// A GeneralizedTime ("YYYYMMDDHHMMSS[.f]Z") as Unix seconds.
fn time(t: Tlv<'_>) -> Option<i64> {
    let s = std::str::from_utf8(t.body).ok()?;
    let n = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = s.get(r)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (y, mo, d) = (n(0..4)?, n(4..6)?, n(6..8)?);
    let (h, mi, sec) = (n(8..10)?, n(10..12)?, n(12..14)?);
    if !s.ends_with('Z') || !(1..=12).contains(&mo) || !(1..=31).contains(&d) {
        return None;
    }
    // Days from the civil date (proleptic Gregorian).
    let (y2, m2) = if mo <= 2 {
        (y - 1, mo + 9)
    } else {
        (y, mo - 3)
    };
    let era = y2.div_euclid(400);
    let yoe = y2 - era * 400;
    let doy = (153 * m2 + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + h * 3600 + mi * 60 + sec)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generalized_times_as_unix_seconds() {
        let t = |s: &'static str| {
            time(Tlv {
                tag: x509::GENERALIZED_TIME,
                body: s.as_bytes(),
                raw: s.as_bytes(),
            })
        };
        assert_eq!(t("19700101000000Z"), Some(0));
        assert_eq!(t("20000301000000Z"), Some(951_868_800));
        assert_eq!(t("20241231235959Z"), Some(1_735_689_599));
        assert_eq!(t("20241231235959"), None);
    }

    #[test]
    fn responses_that_say_nothing_good() {
        assert_eq!(
            check(&[], &[], &[], 0, true),
            Err(fail("No OCSP response received"))
        );
        assert_eq!(
            check(b"junk", &[], &[], 0, true),
            Err(fail("Invalid OCSP response"))
        );
        // OCSPResponse { responseStatus tryLater }
        assert_eq!(
            check(&[0x30, 0x03, 0x0a, 0x01, 0x03], &[], &[], 0, true),
            Err(fail("Invalid OCSP response status: trylater (3)"))
        );
    }
}
