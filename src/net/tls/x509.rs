//! Just enough DER and X.509 for what libcurl's OpenSSL backend reports and checks about
//! the server's certificates: the fields of `CURLINFO_CERTINFO` (see `certinfo`) and
//! `CURLOPT_ISSUERCERT`'s test, which is OpenSSL's `X509_check_issued`: the issuer's
//! subject is the certificate's issuer name, the authority key identifier (when there is
//! one) matches, the issuer's key is of the kind the certificate was signed with, and its
//! key usage (when it has one) allows signing certificates. No signature is checked there,
//! as OpenSSL checks none.
//!
//! The reader takes single-byte tags (all X.509 uses) and definite lengths; anything else
//! fails the parse.

/// One DER element: its tag byte, its contents, and all its bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tlv<'a> {
    pub tag: u8,
    pub body: &'a [u8],
    pub raw: &'a [u8],
}

pub const INTEGER: u8 = 0x02;
pub const BIT_STRING: u8 = 0x03;
pub const OCTET_STRING: u8 = 0x04;
pub const OID: u8 = 0x06;
pub const BOOLEAN: u8 = 0x01;
pub const SEQUENCE: u8 = 0x30;
pub const SET: u8 = 0x31;
pub const UTC_TIME: u8 = 0x17;
pub const GENERALIZED_TIME: u8 = 0x18;

/// Elements one after another.
#[derive(Clone, Copy, Debug)]
pub struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Reader { rest: data }
    }

    pub fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    pub fn peek_tag(&self) -> Option<u8> {
        self.rest.first().copied()
    }

    /// The next element; None at the end or on bad encoding.
    pub fn next_tlv(&mut self) -> Option<Tlv<'a>> {
        let data = self.rest;
        let tag = *data.first()?;
        if tag & 0x1f == 0x1f {
            return None;
        }
        let first = *data.get(1)? as usize;
        let (len, start) = if first < 0x80 {
            (first, 2)
        } else {
            let n = first & 0x7f;
            if n == 0 || n > 4 {
                return None;
            }
            let bytes = data.get(2..2 + n)?;
            let len = bytes.iter().fold(0usize, |a, &b| a << 8 | b as usize);
            (len, 2 + n)
        };
        let end = start.checked_add(len)?;
        let raw = data.get(..end)?;
        self.rest = &data[end..];
        Some(Tlv {
            tag,
            body: &raw[start..],
            raw,
        })
    }

    /// The next element, which must have this tag.
    pub fn expect(&mut self, tag: u8) -> Option<Tlv<'a>> {
        let t = self.next_tlv()?;
        (t.tag == tag).then_some(t)
    }

    /// The next element if it has this tag.
    pub fn optional(&mut self, tag: u8) -> Option<Tlv<'a>> {
        if self.peek_tag() == Some(tag) {
            self.next_tlv()
        } else {
            None
        }
    }
}

impl<'a> Tlv<'a> {
    /// A reader over the contents (of a SEQUENCE, SET or explicit tag).
    pub fn reader(&self) -> Reader<'a> {
        Reader::new(self.body)
    }
}

/// An OID's contents as dotted text ("2.5.4.3").
pub fn oid_text(body: &[u8]) -> String {
    let mut arcs: Vec<u64> = Vec::new();
    let mut acc: u64 = 0;
    for &b in body {
        acc = acc << 7 | u64::from(b & 0x7f);
        if b & 0x80 == 0 {
            if arcs.is_empty() {
                let first = (acc / 40).min(2);
                arcs.push(first);
                arcs.push(acc - first * 40);
            } else {
                arcs.push(acc);
            }
            acc = 0;
        }
    }
    arcs.iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(".")
}

/// An extension: its OID (contents) and its value (the OCTET STRING's contents).
#[derive(Clone, Copy, Debug)]
pub struct Extension<'a> {
    pub oid: &'a [u8],
    pub value: &'a [u8],
}

/// A certificate's parts, as slices of its DER.
#[derive(Clone, Debug)]
pub struct Cert<'a> {
    pub der: &'a [u8],
    /// The signed part (tbsCertificate), a whole element.
    pub tbs: &'a [u8],
    /// The version field as stored: 0 for v1, 2 for v3.
    pub version: u64,
    /// The serial number INTEGER's contents.
    pub serial: &'a [u8],
    /// The outer signature algorithm's OID contents.
    pub signature_algorithm: &'a [u8],
    /// The issuer and subject Names, whole elements.
    pub issuer: Tlv<'a>,
    pub subject: Tlv<'a>,
    pub not_before: Tlv<'a>,
    pub not_after: Tlv<'a>,
    /// The key's algorithm OID contents and the key bits (BIT STRING contents after the
    /// unused-bits byte).
    pub key_algorithm: &'a [u8],
    pub key: &'a [u8],
    /// The key algorithm's parameters (for EC keys, the curve's OID).
    pub key_parameters: Option<Tlv<'a>>,
    pub extensions: Vec<Extension<'a>>,
    /// The signature's bytes (BIT STRING contents after the unused-bits byte).
    pub signature: &'a [u8],
}

/// The contents of a BIT STRING after its unused-bits byte.
pub fn bits(t: Tlv<'_>) -> Option<&[u8]> {
    (t.tag == BIT_STRING).then(|| t.body.get(1..)).flatten()
}

/// The OID of an AlgorithmIdentifier and its parameters.
pub fn algorithm(t: Tlv<'_>) -> Option<(&[u8], Option<Tlv<'_>>)> {
    if t.tag != SEQUENCE {
        return None;
    }
    let mut r = t.reader();
    let oid = r.expect(OID)?.body;
    Some((oid, r.next_tlv()))
}

impl<'a> Cert<'a> {
    pub fn parse(der: &'a [u8]) -> Option<Cert<'a>> {
        let mut outer = Reader::new(der);
        let cert = outer.expect(SEQUENCE)?;
        let mut c = cert.reader();
        let tbs = c.expect(SEQUENCE)?;
        let (signature_algorithm, _) = algorithm(c.next_tlv()?)?;
        let signature = bits(c.next_tlv()?)?;
        let mut t = tbs.reader();
        let version = match t.optional(0xa0) {
            Some(v) => {
                let n = v.reader().expect(INTEGER)?;
                n.body.iter().fold(0u64, |a, &b| a << 8 | u64::from(b))
            }
            None => 0,
        };
        let serial = t.expect(INTEGER)?.body;
        let _inner_algorithm = t.expect(SEQUENCE)?;
        let issuer = t.expect(SEQUENCE)?;
        let mut validity = t.expect(SEQUENCE)?.reader();
        let not_before = validity.next_tlv()?;
        let not_after = validity.next_tlv()?;
        let subject = t.expect(SEQUENCE)?;
        let mut spki = t.expect(SEQUENCE)?.reader();
        let (key_algorithm, key_parameters) = algorithm(spki.next_tlv()?)?;
        let key = bits(spki.next_tlv()?)?;
        let _ = t.optional(0x81);
        let _ = t.optional(0x82);
        let mut extensions = Vec::new();
        if let Some(exts) = t.optional(0xa3) {
            let mut list = exts.reader().expect(SEQUENCE)?.reader();
            while !list.is_empty() {
                let mut e = list.expect(SEQUENCE)?.reader();
                let oid = e.expect(OID)?.body;
                let _critical = e.optional(BOOLEAN);
                let value = e.expect(OCTET_STRING)?.body;
                extensions.push(Extension { oid, value });
            }
        }
        Some(Cert {
            der: cert.raw,
            tbs: tbs.raw,
            version,
            serial,
            signature_algorithm,
            issuer,
            subject,
            not_before,
            not_after,
            key_algorithm,
            key_parameters,
            key,
            extensions,
            signature,
        })
    }

    /// An extension's value by OID (contents).
    pub fn extension(&self, oid: &[u8]) -> Option<&'a [u8]> {
        self.extensions
            .iter()
            .find(|e| e.oid == oid)
            .map(|e| e.value)
    }
}

/// Whether `signature` over `message` was made with `key`'s private key by the algorithm
/// `algorithm` (an OID's contents): the RSA PKCS #1, ECDSA and Ed25519 algorithms ring
/// verifies.
pub fn signature_valid(key: &Cert<'_>, algorithm: &[u8], message: &[u8], signature: &[u8]) -> bool {
    use ring::signature as sig;
    const P256: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
    const P384: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x22];
    let curve = key.key_parameters.filter(|p| p.tag == OID).map(|p| p.body);
    let rsa = key.key_algorithm == oids::RSA;
    let ec = key.key_algorithm == oids::EC;
    let rsa_sig = |n: u8| [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, n];
    let ecdsa_sig = |n: u8| [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, n];
    let alg: &dyn sig::VerificationAlgorithm = match algorithm {
        a if rsa && a == rsa_sig(5) => &sig::RSA_PKCS1_2048_8192_SHA1_FOR_LEGACY_USE_ONLY,
        a if rsa && a == rsa_sig(11) => &sig::RSA_PKCS1_2048_8192_SHA256,
        a if rsa && a == rsa_sig(12) => &sig::RSA_PKCS1_2048_8192_SHA384,
        a if rsa && a == rsa_sig(13) => &sig::RSA_PKCS1_2048_8192_SHA512,
        a if ec && curve == Some(P256) && a == ecdsa_sig(2) => &sig::ECDSA_P256_SHA256_ASN1,
        a if ec && curve == Some(P256) && a == ecdsa_sig(3) => &sig::ECDSA_P256_SHA384_ASN1,
        a if ec && curve == Some(P384) && a == ecdsa_sig(2) => &sig::ECDSA_P384_SHA256_ASN1,
        a if ec && curve == Some(P384) && a == ecdsa_sig(3) => &sig::ECDSA_P384_SHA384_ASN1,
        a if key.key_algorithm == oids::ED25519 && a == oids::ED25519 => &sig::ED25519,
        _ => return false,
    };
    sig::UnparsedPublicKey::new(alg, key.key)
        .verify(message, signature)
        .is_ok()
}

/// OIDs (contents) this module looks at.
pub mod oids {
    pub const SUBJECT_KEY_ID: &[u8] = &[0x55, 0x1d, 0x0e];
    pub const KEY_USAGE: &[u8] = &[0x55, 0x1d, 0x0f];
    pub const AUTHORITY_KEY_ID: &[u8] = &[0x55, 0x1d, 0x23];
    pub const RSA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
    pub const RSA_PSS: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a];
    pub const EC: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
    pub const ED25519: &[u8] = &[0x2b, 0x65, 0x70];
    pub const ED448: &[u8] = &[0x2b, 0x65, 0x71];
    pub const DSA: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x38, 0x04, 0x01];
}

/// The kind of key a signature algorithm needs (by the key's algorithm OID), for the
/// algorithms OpenSSL knows by these OIDs.
fn key_kind_for_signature(sig: &[u8]) -> Option<&'static [u8]> {
    const RSA_SIGS: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01];
    const ECDSA_SIGS: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04];
    const DSA_SIGS: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x38, 0x04, 0x03];
    const DSA_SHA2: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03];
    if sig == oids::RSA_PSS {
        return Some(oids::RSA_PSS);
    }
    if sig.starts_with(RSA_SIGS) && sig.len() == RSA_SIGS.len() + 1 {
        return Some(oids::RSA);
    }
    if sig.starts_with(ECDSA_SIGS) {
        return Some(oids::EC);
    }
    if sig == DSA_SIGS || (sig.starts_with(DSA_SHA2) && sig.len() == DSA_SHA2.len() + 1) {
        return Some(oids::DSA);
    }
    if sig == oids::ED25519 || sig == oids::ED448 {
        return Some(if sig == oids::ED25519 {
            oids::ED25519
        } else {
            oids::ED448
        });
    }
    None
}

/// Why `issuer` did not issue `cert`, by OpenSSL's `X509_check_issued` rules; None when it
/// did. The reason is OpenSSL's verification error text.
pub fn check_issued(issuer: &Cert<'_>, cert: &Cert<'_>) -> Option<&'static str> {
    if !names_equal(issuer.subject, cert.issuer) {
        return Some("subject issuer mismatch");
    }
    if let Some(akid) = cert.extension(oids::AUTHORITY_KEY_ID) {
        if let Some(why) = check_akid(issuer, akid) {
            return Some(why);
        }
    }
    if let Some(kind) = key_kind_for_signature(cert.signature_algorithm) {
        // An RSA key may make RSA-PSS signatures.
        let ok = issuer.key_algorithm == kind
            || (kind == oids::RSA_PSS && issuer.key_algorithm == oids::RSA);
        if !ok {
            return Some("Signature algorithm inconsistency");
        }
    }
    if let Some(ku) = issuer.extension(oids::KEY_USAGE) {
        // keyCertSign is bit 5.
        let cert_sign = Reader::new(ku)
            .expect(BIT_STRING)
            .and_then(|b| b.body.get(1).copied())
            .is_some_and(|first| first & 0x04 != 0);
        if !cert_sign {
            return Some("key usage does not include certificate signing");
        }
    }
    None
}

/// The authority key identifier against the issuer: its key identifier with the issuer's
/// subject key identifier (when both are there), its serial number and issuer name with
/// the issuer's.
fn check_akid(issuer: &Cert<'_>, akid: &[u8]) -> Option<&'static str> {
    let mut seq = Reader::new(akid).expect(SEQUENCE)?.reader();
    while let Some(part) = seq.next_tlv() {
        match part.tag {
            // keyIdentifier [0] IMPLICIT OCTET STRING
            0x80 => {
                let skid = issuer
                    .extension(oids::SUBJECT_KEY_ID)
                    .and_then(|v| Reader::new(v).expect(OCTET_STRING));
                if let Some(skid) = skid {
                    if skid.body != part.body {
                        return Some("authority and subject key identifier mismatch");
                    }
                }
            }
            // authorityCertIssuer [1] IMPLICIT GeneralNames: its directory name must be
            // the issuer's issuer.
            0xa1 => {
                let mut names = part.reader();
                while let Some(n) = names.next_tlv() {
                    if n.tag == 0xa4 {
                        let dir = n.reader().expect(SEQUENCE);
                        if dir.is_some_and(|d| !names_equal(d, issuer.issuer)) {
                            return Some("authority and issuer serial number mismatch");
                        }
                    }
                }
            }
            // authorityCertSerialNumber [2] IMPLICIT INTEGER
            0x82 if part.body != issuer.serial => {
                return Some("authority and issuer serial number mismatch");
            }
            _ => {}
        }
    }
    None
}

/// Two Names compare equal as OpenSSL's `X509_NAME_cmp` has it: by their canonical form,
/// in which text values are compared case-insensitively (ASCII) with runs of white space
/// as one space and none at either end.
pub fn names_equal(a: Tlv<'_>, b: Tlv<'_>) -> bool {
    a.raw == b.raw || canonical(a).is_some_and(|ca| canonical(b) == Some(ca))
}

/// A Name's RDNs, each its (attribute OID, folded value) pairs.
type Canonical = Vec<Vec<(Vec<u8>, Vec<u8>)>>;

fn canonical(name: Tlv<'_>) -> Option<Canonical> {
    let mut out = Vec::new();
    let mut rdns = name.reader();
    while !rdns.is_empty() {
        let mut set = rdns.expect(SET)?.reader();
        let mut rdn = Vec::new();
        while !set.is_empty() {
            let mut atv = set.expect(SEQUENCE)?.reader();
            let oid = atv.expect(OID)?.body.to_vec();
            let value = atv.next_tlv()?;
            rdn.push((oid, canonical_value(value)));
        }
        out.push(rdn);
    }
    Some(out)
}

/// A text value folded as OpenSSL canonicalizes it; other values as they are.
fn canonical_value(v: Tlv<'_>) -> Vec<u8> {
    let Some(text) = string_value(v) else {
        return v.raw.to_vec();
    };
    let folded = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase();
    let mut out = vec![0x0c];
    out.extend_from_slice(folded.as_bytes());
    out
}

/// The text of a string-typed value (UTF8, Printable, IA5, T61 read as Latin-1, BMP,
/// Universal, Numeric, Visible); None for other types.
pub fn string_value(v: Tlv<'_>) -> Option<String> {
    match v.tag {
        0x0c | 0x13 | 0x16 | 0x12 | 0x1a => Some(String::from_utf8_lossy(v.body).into_owned()),
        0x14 => Some(v.body.iter().map(|&b| b as char).collect()),
        0x1e => {
            let units: Vec<u16> = v
                .body
                .chunks(2)
                .map(|c| u16::from(c[0]) << 8 | u16::from(*c.get(1).unwrap_or(&0)))
                .collect();
            Some(String::from_utf16_lossy(&units))
        }
        0x1c => Some(
            v.body
                .chunks(4)
                .map(|c| {
                    let n = c.iter().fold(0u32, |a, &b| a << 8 | u32::from(b));
                    char::from_u32(n).unwrap_or('\u{fffd}')
                })
                .collect(),
        ),
        _ => None,
    }
}

/// The DER of each PEM `CERTIFICATE` in `text`, in order.
pub fn pem_certificates(text: &[u8]) -> Vec<Vec<u8>> {
    use rustls::pki_types::pem::PemObject;
    rustls::pki_types::CertificateDer::pem_slice_iter(text)
        .flatten()
        .map(|c| c.as_ref().to_vec())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_short_and_long() {
        let mut r = Reader::new(&[0x04, 0x02, 0xaa, 0xbb, 0x05, 0x00]);
        let t = r.next_tlv().unwrap();
        assert_eq!((t.tag, t.body), (0x04, &[0xaa, 0xbb][..]));
        assert_eq!(r.next_tlv().unwrap().body, &[] as &[u8]);
        assert!(r.is_empty());
        let mut long = vec![0x04, 0x81, 0x80];
        long.extend([7u8; 0x80]);
        let t = Reader::new(&long).next_tlv().unwrap();
        assert_eq!(t.body.len(), 0x80);
        assert_eq!(t.raw.len(), 0x83);
        // Truncated, indefinite, multi-byte tags.
        assert!(Reader::new(&[0x04, 0x03, 0x00]).next_tlv().is_none());
        assert!(Reader::new(&[0x30, 0x80, 0x00, 0x00]).next_tlv().is_none());
        assert!(Reader::new(&[0x1f, 0x01, 0x00]).next_tlv().is_none());
    }

    #[test]
    fn oids_as_dotted_text() {
        assert_eq!(oid_text(&[0x55, 0x04, 0x03]), "2.5.4.3");
        assert_eq!(oid_text(oids::RSA), "1.2.840.113549.1.1.1");
        assert_eq!(
            oid_text(&[0x2b, 0x06, 0x01, 0x04, 0x01, 0xd6, 0x79]),
            "1.3.6.1.4.1.11129"
        );
    }

    fn name(parts: &[(&[u8], u8, &str)]) -> Vec<u8> {
        let mut rdns = Vec::new();
        for (oid, tag, value) in parts {
            let mut atv = vec![OID, oid.len() as u8];
            atv.extend_from_slice(oid);
            atv.extend([*tag, value.len() as u8]);
            atv.extend_from_slice(value.as_bytes());
            let mut seq = vec![SEQUENCE, atv.len() as u8];
            seq.extend(atv);
            rdns.extend([SET, seq.len() as u8]);
            rdns.extend(seq);
        }
        let mut out = vec![SEQUENCE, rdns.len() as u8];
        out.extend(rdns);
        out
    }

    #[test]
    fn names_compare_as_openssl_canonicalizes_them() {
        const CN: &[u8] = &[0x55, 0x04, 0x03];
        const O: &[u8] = &[0x55, 0x04, 0x0a];
        let a = name(&[(O, 0x13, "Example"), (CN, 0x0c, "Test  CA")]);
        let b = name(&[(O, 0x0c, "example"), (CN, 0x13, " test ca ")]);
        let c = name(&[(O, 0x0c, "example"), (CN, 0x13, "other ca")]);
        let d = name(&[(CN, 0x13, "test ca"), (O, 0x0c, "example")]);
        fn tlv(v: &[u8]) -> Tlv<'_> {
            Reader::new(v).next_tlv().unwrap()
        }
        assert!(names_equal(tlv(&a), tlv(&a)));
        assert!(names_equal(tlv(&a), tlv(&b)));
        assert!(!names_equal(tlv(&a), tlv(&c)));
        // The order of the RDNs counts.
        assert!(!names_equal(tlv(&a), tlv(&d)));
    }

    #[test]
    fn string_types() {
        let t = |tag: u8, body: &'static [u8]| Tlv {
            tag,
            body,
            raw: body,
        };
        assert_eq!(string_value(t(0x0c, b"caf\xc3\xa9")).unwrap(), "café");
        assert_eq!(string_value(t(0x14, b"caf\xe9")).unwrap(), "café");
        assert_eq!(string_value(t(0x1e, b"\x00c\x00\xe9")).unwrap(), "cé");
        assert_eq!(string_value(t(0x1c, b"\x00\x00\x00c")).unwrap(), "c");
        assert_eq!(string_value(t(0x04, b"x")), None);
    }
}
