//! `CURLINFO_CERTINFO`: for each certificate the server sent, the "Name:value" lines
//! libcurl 7.88.1's OpenSSL backend makes, in its order and with OpenSSL's text formats:
//! names in `X509_NAME_print_ex`'s one-line form (`XN_FLAG_ONELINE`), dates as
//! `ASN1_TIME_print` writes them, algorithms by OpenSSL's long names, extensions as
//! `X509V3_EXT_print` shows the common ones, RSA key numbers as `BN_print`, the signature in
//! hex and the certificate in PEM.

use super::x509::{self, oids, string_value, Cert, Reader, Tlv};

/// The lines for each certificate, leaf first; a certificate that does not parse gets only
/// its PEM.
pub fn chain_info(chain: &[&[u8]]) -> Vec<Vec<String>> {
    chain.iter().map(|der| cert_info(der)).collect()
}

fn cert_info(der: &[u8]) -> Vec<String> {
    let Some(c) = Cert::parse(der) else {
        return vec![format!("Cert:{}", pem(der))];
    };
    let mut out = Vec::new();
    let mut push = |name: &str, value: String| out.push(format!("{name}:{value}"));
    push("Subject", name_oneline(c.subject));
    push("Issuer", name_oneline(c.issuer));
    push("Version", format!("{:x}", c.version));
    push("Serial Number", serial(c.serial));
    push("Signature Algorithm", object_name(c.signature_algorithm));
    push("Public Key Algorithm", object_name(c.key_algorithm));
    for e in &c.extensions {
        push(&extension_name(e.oid), extension_value(e.oid, e.value));
    }
    push("Start date", time(c.not_before));
    push("Expire date", time(c.not_after));
    if c.key_algorithm == oids::RSA {
        if let Some((n, e)) = rsa_key(c.key) {
            push("RSA Public Key", bit_length(n).to_string());
            push("rsa(n)", bn_hex(n));
            push("rsa(e)", bn_hex(e));
        }
    }
    push(
        "Signature",
        c.signature.iter().map(|b| format!("{b:02x}:")).collect(),
    );
    push("Cert", pem(c.der));
    out
}

/// `PEM_write_bio_X509`: 64 base64 characters a line.
pub fn pem(der: &[u8]) -> String {
    let b64 = super::pin::base64(der);
    let mut out = String::from("-----BEGIN CERTIFICATE-----\n");
    for line in b64.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(line).unwrap_or_default());
        out.push('\n');
    }
    out.push_str("-----END CERTIFICATE-----\n");
    out
}

/// The serial number's magnitude in lowercase hex, "-" first when negative.
fn serial(body: &[u8]) -> String {
    let negative = body.first().is_some_and(|&b| b & 0x80 != 0);
    let magnitude: Vec<u8> = if negative {
        // Two's complement: invert and add one.
        let mut m: Vec<u8> = body.iter().map(|b| !b).collect();
        for b in m.iter_mut().rev() {
            let (v, carry) = b.overflowing_add(1);
            *b = v;
            if !carry {
                break;
            }
        }
        m
    } else {
        body.to_vec()
    };
    let start = magnitude
        .iter()
        .position(|&b| b != 0)
        .unwrap_or(magnitude.len().saturating_sub(1));
    let hex: String = magnitude[start..]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    if negative {
        format!("-{hex}")
    } else {
        hex
    }
}

/// OpenSSL's long name for an OID, or the dotted OID.
fn object_name(oid: &[u8]) -> String {
    let dotted = x509::oid_text(oid);
    long_name(&dotted).map_or(dotted, str::to_string)
}

fn long_name(dotted: &str) -> Option<&'static str> {
    Some(match dotted {
        "1.2.840.113549.1.1.1" => "rsaEncryption",
        "1.2.840.113549.1.1.4" => "md5WithRSAEncryption",
        "1.2.840.113549.1.1.5" => "sha1WithRSAEncryption",
        "1.2.840.113549.1.1.10" => "rsassaPss",
        "1.2.840.113549.1.1.11" => "sha256WithRSAEncryption",
        "1.2.840.113549.1.1.12" => "sha384WithRSAEncryption",
        "1.2.840.113549.1.1.13" => "sha512WithRSAEncryption",
        "1.2.840.113549.1.1.14" => "sha224WithRSAEncryption",
        "1.2.840.10045.2.1" => "id-ecPublicKey",
        "1.2.840.10045.4.1" => "ecdsa-with-SHA1",
        "1.2.840.10045.4.3.1" => "ecdsa-with-SHA224",
        "1.2.840.10045.4.3.2" => "ecdsa-with-SHA256",
        "1.2.840.10045.4.3.3" => "ecdsa-with-SHA384",
        "1.2.840.10045.4.3.4" => "ecdsa-with-SHA512",
        "1.2.840.10040.4.1" => "dsaEncryption",
        "1.2.840.10040.4.3" => "dsaWithSHA1",
        "1.3.101.110" => "X25519",
        "1.3.101.111" => "X448",
        "1.3.101.112" => "ED25519",
        "1.3.101.113" => "ED448",
        "2.5.29.14" => "X509v3 Subject Key Identifier",
        "2.5.29.15" => "X509v3 Key Usage",
        "2.5.29.17" => "X509v3 Subject Alternative Name",
        "2.5.29.18" => "X509v3 Issuer Alternative Name",
        "2.5.29.19" => "X509v3 Basic Constraints",
        "2.5.29.30" => "X509v3 Name Constraints",
        "2.5.29.31" => "X509v3 CRL Distribution Points",
        "2.5.29.32" => "X509v3 Certificate Policies",
        "2.5.29.35" => "X509v3 Authority Key Identifier",
        "2.5.29.37" => "X509v3 Extended Key Usage",
        "1.3.6.1.5.5.7.1.1" => "Authority Information Access",
        "1.3.6.1.4.1.11129.2.4.2" => "CT Precertificate SCTs",
        "1.3.6.1.5.5.7.3.1" => "TLS Web Server Authentication",
        "1.3.6.1.5.5.7.3.2" => "TLS Web Client Authentication",
        "1.3.6.1.5.5.7.3.3" => "Code Signing",
        "1.3.6.1.5.5.7.3.4" => "E-mail Protection",
        "1.3.6.1.5.5.7.3.8" => "Time Stamping",
        "1.3.6.1.5.5.7.3.9" => "OCSP Signing",
        "2.5.29.37.0" => "Any Extended Key Usage",
        "1.3.6.1.5.5.7.48.1" => "OCSP",
        "1.3.6.1.5.5.7.48.2" => "CA Issuers",
        "2.5.29.32.0" => "X509v3 Any Policy",
        _ => return None,
    })
}

/// OpenSSL's short names of name attributes (`XN_FLAG_FN_SN`).
fn short_name(dotted: &str) -> Option<&'static str> {
    Some(match dotted {
        "2.5.4.3" => "CN",
        "2.5.4.4" => "SN",
        "2.5.4.5" => "serialNumber",
        "2.5.4.6" => "C",
        "2.5.4.7" => "L",
        "2.5.4.8" => "ST",
        "2.5.4.9" => "street",
        "2.5.4.10" => "O",
        "2.5.4.11" => "OU",
        "2.5.4.12" => "title",
        "2.5.4.13" => "description",
        "2.5.4.17" => "postalCode",
        "2.5.4.42" => "GN",
        "2.5.4.43" => "initials",
        "2.5.4.44" => "generationQualifier",
        "2.5.4.46" => "dnQualifier",
        "2.5.4.65" => "pseudonym",
        "2.5.4.97" => "organizationIdentifier",
        "1.2.840.113549.1.9.1" => "emailAddress",
        "0.9.2342.19200300.100.1.1" => "UID",
        "0.9.2342.19200300.100.1.25" => "DC",
        "1.3.6.1.4.1.311.60.2.1.1" => "jurisdictionL",
        "1.3.6.1.4.1.311.60.2.1.2" => "jurisdictionST",
        "1.3.6.1.4.1.311.60.2.1.3" => "jurisdictionC",
        "2.5.4.15" => "businessCategory",
        _ => return None,
    })
}

/// `X509_NAME_print_ex(.., XN_FLAG_ONELINE)`: "C = US, O = Org, CN = name", the parts of a
/// multi-valued RDN joined by " + ".
pub fn name_oneline(name: Tlv<'_>) -> String {
    name_text(name, ", ", |field, value| {
        format!("{field} = {}", name_value(value))
    })
}

/// A name's RDNs, each formatted by `part` from its field's short name and value, joined by
/// `separator` (the parts of a multi-valued RDN by " + "), as `X509_NAME_print_ex` walks it.
fn name_text(name: Tlv<'_>, separator: &str, part: impl Fn(&str, Tlv<'_>) -> String) -> String {
    let mut rdns = Vec::new();
    let mut r = name.reader();
    while let Some(set) = r.next_tlv() {
        let mut parts = Vec::new();
        let mut s = set.reader();
        while let Some(atv) = s.next_tlv() {
            let mut a = atv.reader();
            let (Some(oid), Some(value)) = (a.expect(x509::OID), a.next_tlv()) else {
                continue;
            };
            let dotted = x509::oid_text(oid.body);
            let field = short_name(&dotted).map_or(dotted, str::to_string);
            parts.push(part(&field, value));
        }
        rdns.push(parts.join(" + "));
    }
    rdns.join(separator)
}

/// The lines libcurl's OpenSSL backend prints about the server's certificate after a
/// handshake, between "Server certificate:" and the verification result: its subject, its
/// dates, the alternative name the host matched (when the name is checked) and its issuer.
pub fn server_cert_lines(der: &[u8], host: &str, check_host: bool) -> Vec<String> {
    let Some(c) = Cert::parse(der) else {
        return Vec::new();
    };
    let mut out = vec![
        format!(" subject: {}", name_spc(c.subject)),
        format!(" start date: {}", time(c.not_before)),
        format!(" expire date: {}", time(c.not_after)),
    ];
    if check_host {
        if let Some(line) = matched_name(&c, host) {
            out.push(line);
        }
    }
    out.push(format!(" issuer: {}", name_spc(c.issuer)));
    out
}

/// `X509_NAME_print_ex(.., XN_FLAG_SEP_SPLUS_SPC)`: "CN=name; O=Org", the parts of a
/// multi-valued RDN joined by " + ", values as they are.
fn name_spc(name: Tlv<'_>) -> String {
    name_text(name, "; ", |field, value| {
        format!("{field}={}", string_value(value).unwrap_or_default())
    })
}

/// The alternative name `host` matched, worded as libcurl's OpenSSL backend words it.
fn matched_name(c: &Cert<'_>, host: &str) -> Option<String> {
    let value = c.extension(&[0x55, 0x1d, 0x11])?;
    let seq = Reader::new(value).expect(x509::SEQUENCE)?;
    let ip: Option<std::net::IpAddr> = host.trim_matches(['[', ']']).parse().ok();
    let mut r = seq.reader();
    while let Some(n) = r.next_tlv() {
        match (n.tag, ip) {
            (0x87, Some(ip)) => {
                let same = match ip {
                    std::net::IpAddr::V4(a) => n.body == a.octets(),
                    std::net::IpAddr::V6(a) => n.body == a.octets(),
                };
                if same {
                    return Some(format!(
                        " subjectAltName: host \"{host}\" matched cert's IP address!"
                    ));
                }
            }
            (0x82, None) => {
                let name = String::from_utf8_lossy(n.body);
                let matches = name.eq_ignore_ascii_case(host)
                    || name.strip_prefix("*.").is_some_and(|rest| {
                        host.split_once('.')
                            .is_some_and(|(_, h)| h.eq_ignore_ascii_case(rest))
                    });
                if matches {
                    return Some(format!(
                        " subjectAltName: host \"{host}\" matched cert's \"{name}\""
                    ));
                }
            }
            _ => {}
        }
    }
    None
}

/// A name's value with RFC 2253 escapes as OpenSSL's `ASN1_STRFLGS_RFC2253 |
/// ASN1_STRFLGS_ESC_QUOTE` writes them: quoted where it has `,+;<>`, a leading space or `#`
/// or a trailing space; `"` and `\` after a backslash; bytes outside ASCII and control
/// characters as `\XX`; values of other than string types as `#` and their DER in hex.
fn name_value(v: Tlv<'_>) -> String {
    let Some(text) = string_value(v) else {
        let hex: String = v.raw.iter().map(|b| format!("{b:02X}")).collect();
        return format!("#{hex}");
    };
    let bytes = text.as_bytes();
    let mut quote = false;
    let mut out = String::new();
    for (i, &b) in bytes.iter().enumerate() {
        let first = i == 0;
        let last = i + 1 == bytes.len();
        let special = matches!(b, b',' | b'+' | b'<' | b'>' | b';')
            || (first && (b == b' ' || b == b'#'))
            || (last && b == b' ');
        if special {
            quote = true;
            out.push(b as char);
        } else if b == b'"' || b == b'\\' {
            out.push('\\');
            out.push(b as char);
        } else if !(0x20..0x7f).contains(&b) {
            out.push_str(&format!("\\{b:02X}"));
        } else {
            out.push(b as char);
        }
    }
    if quote {
        format!("\"{out}\"")
    } else {
        out
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `ASN1_TIME_print`: "Jan  1 00:00:00 2025 GMT" (fractional seconds of a
/// GeneralizedTime after the seconds); "Bad time value" for what does not parse.
pub fn time(t: Tlv<'_>) -> String {
    time_text(t).unwrap_or_else(|| "Bad time value".to_string())
}

fn time_text(t: Tlv<'_>) -> Option<String> {
    let s = std::str::from_utf8(t.body).ok()?;
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        if !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        part.parse().ok()
    };
    let (year, rest) = match t.tag {
        x509::UTC_TIME => {
            let yy = digits(0..2)?;
            (if yy < 50 { 2000 + yy } else { 1900 + yy }, 2)
        }
        x509::GENERALIZED_TIME => (digits(0..4)?, 4),
        _ => return None,
    };
    let month = digits(rest..rest + 2)?;
    let day = digits(rest + 2..rest + 4)?;
    let hour = digits(rest + 4..rest + 6)?;
    let minute = digits(rest + 6..rest + 8)?;
    let second = digits(rest + 8..rest + 10)?;
    let mut tail = &s[rest + 10..];
    let mut fraction = "";
    if t.tag == x509::GENERALIZED_TIME && tail.starts_with('.') {
        let n = tail[1..].bytes().take_while(u8::is_ascii_digit).count();
        fraction = &tail[..1 + n];
        tail = &tail[1 + n..];
    }
    if !(1..=12).contains(&month) || day == 0 || day > 31 || hour > 23 || minute > 59 {
        return None;
    }
    let zone = if tail == "Z" { " GMT" } else { "" };
    Some(format!(
        "{} {day:2} {hour:02}:{minute:02}:{second:02}{fraction} {year}{zone}",
        MONTHS[month as usize - 1]
    ))
}

/// The RSA key's modulus and exponent (INTEGER contents).
fn rsa_key(key: &[u8]) -> Option<(&[u8], &[u8])> {
    let mut r = Reader::new(key).expect(x509::SEQUENCE)?.reader();
    let n = r.expect(x509::INTEGER)?.body;
    let e = r.expect(x509::INTEGER)?.body;
    Some((n, e))
}

fn strip_zeros(n: &[u8]) -> &[u8] {
    let start = n.iter().position(|&b| b != 0).unwrap_or(n.len());
    &n[start..]
}

fn bit_length(n: &[u8]) -> usize {
    let n = strip_zeros(n);
    match n.first() {
        None => 0,
        Some(&b) => n.len() * 8 - b.leading_zeros() as usize,
    }
}

/// `BN_print`: uppercase hex without leading zeros ("0" for zero).
fn bn_hex(n: &[u8]) -> String {
    let hex: String = strip_zeros(n).iter().map(|b| format!("{b:02X}")).collect();
    let trimmed = hex.trim_start_matches('0');
    if trimmed.is_empty() {
        "0".into()
    } else {
        trimmed.into()
    }
}

fn extension_name(oid: &[u8]) -> String {
    object_name(oid)
}

/// Uppercase hex bytes joined by ':' (`i2s_ASN1_OCTET_STRING`).
fn colon_hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// `X509V3_EXT_print` for the extensions it knows how to show here; others as
/// `ASN1_STRING_print` shows their bytes (non-printable ones as '.').
fn extension_value(oid: &[u8], value: &[u8]) -> String {
    let dotted = x509::oid_text(oid);
    let shown = match dotted.as_str() {
        "2.5.29.14" => Reader::new(value)
            .expect(x509::OCTET_STRING)
            .map(|o| colon_hex(o.body)),
        "2.5.29.15" => key_usage(value),
        "2.5.29.17" | "2.5.29.18" => general_names(value),
        "2.5.29.19" => basic_constraints(value),
        "2.5.29.35" => authority_key_id(value),
        "2.5.29.37" => extended_key_usage(value),
        "1.3.6.1.5.5.7.1.1" => access_descriptions(value),
        "2.5.29.31" => distribution_points(value),
        "2.5.29.32" => policies(value),
        _ => None,
    };
    shown.unwrap_or_else(|| {
        value
            .iter()
            .map(|&b| {
                if b > b'~' || (b < b' ' && b != b'\n' && b != b'\r') {
                    '.'
                } else {
                    b as char
                }
            })
            .collect()
    })
}

fn key_usage(value: &[u8]) -> Option<String> {
    const NAMES: [&str; 9] = [
        "Digital Signature",
        "Non Repudiation",
        "Key Encipherment",
        "Data Encipherment",
        "Key Agreement",
        "Certificate Sign",
        "CRL Sign",
        "Encipher Only",
        "Decipher Only",
    ];
    let bits = Reader::new(value).expect(x509::BIT_STRING)?;
    let data = bits.body.get(1..)?;
    let set: Vec<&str> = NAMES
        .iter()
        .enumerate()
        .filter(|(i, _)| data.get(i / 8).is_some_and(|b| b & (0x80 >> (i % 8)) != 0))
        .map(|(_, n)| *n)
        .collect();
    Some(set.join(", "))
}

fn extended_key_usage(value: &[u8]) -> Option<String> {
    let mut r = Reader::new(value).expect(x509::SEQUENCE)?.reader();
    let mut names = Vec::new();
    while let Some(oid) = r.next_tlv() {
        names.push(object_name(oid.body));
    }
    Some(names.join(", "))
}

fn basic_constraints(value: &[u8]) -> Option<String> {
    let mut r = Reader::new(value).expect(x509::SEQUENCE)?.reader();
    let ca = r
        .optional(x509::BOOLEAN)
        .is_some_and(|b| b.body.first().is_some_and(|&v| v != 0));
    let mut out = format!("CA:{}", if ca { "TRUE" } else { "FALSE" });
    if let Some(n) = r.optional(x509::INTEGER) {
        let v = n.body.iter().fold(0u64, |a, &b| a << 8 | u64::from(b));
        out.push_str(&format!(", pathlen:{v}"));
    }
    Some(out)
}

fn authority_key_id(value: &[u8]) -> Option<String> {
    let mut r = Reader::new(value).expect(x509::SEQUENCE)?.reader();
    let mut keyid = None;
    let mut others = Vec::new();
    while let Some(part) = r.next_tlv() {
        match part.tag {
            0x80 => keyid = Some(colon_hex(part.body)),
            0xa1 => {
                for n in general_name_list(part.body) {
                    others.push(n);
                }
            }
            0x82 => others.push(format!("serial:{}", colon_hex(part.body))),
            _ => {}
        }
    }
    let mut lines = Vec::new();
    if let Some(k) = keyid {
        // OpenSSL 3 labels the key identifier only when more follows.
        if others.is_empty() {
            lines.push(k);
        } else {
            lines.push(format!("keyid:{k}"));
        }
    }
    lines.extend(others);
    Some(lines.join("\n"))
}

/// Authority Information Access: "OCSP - URI:http://..." a line each.
fn access_descriptions(value: &[u8]) -> Option<String> {
    let mut r = Reader::new(value).expect(x509::SEQUENCE)?.reader();
    let mut lines = Vec::new();
    while let Some(desc) = r.next_tlv() {
        let mut d = desc.reader();
        let method = object_name(d.expect(x509::OID)?.body);
        let location = d.next_tlv()?;
        let name = general_name_list(location.raw).pop()?;
        lines.push(format!("{method} - {name}"));
    }
    Some(lines.join("\n"))
}

/// CRL Distribution Points: "Full Name:" and its names indented by two, for each point.
fn distribution_points(value: &[u8]) -> Option<String> {
    let mut r = Reader::new(value).expect(x509::SEQUENCE)?.reader();
    let mut points = Vec::new();
    while let Some(point) = r.next_tlv() {
        let mut lines = Vec::new();
        let mut p = point.reader();
        while let Some(part) = p.next_tlv() {
            match part.tag {
                // distributionPoint [0]: fullName [0] GeneralNames or a relative name [1]
                0xa0 => {
                    let name = part.reader().next_tlv()?;
                    if name.tag == 0xa0 {
                        lines.push("Full Name:".to_string());
                        for n in general_name_list(name.body) {
                            lines.push(format!("  {n}"));
                        }
                    } else {
                        lines.push("Relative Name:".to_string());
                    }
                }
                0xa2 => {
                    lines.push("CRL Issuer:".to_string());
                    for n in general_name_list(part.body) {
                        lines.push(format!("  {n}"));
                    }
                }
                _ => {}
            }
        }
        points.push(lines.join("\n"));
    }
    Some(points.join("\n"))
}

/// Certificate Policies: "Policy: OID" and its CPS qualifiers indented by two.
fn policies(value: &[u8]) -> Option<String> {
    const CPS: &[u8] = &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x02, 0x01];
    const NOTICE: &[u8] = &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x02, 0x02];
    let mut r = Reader::new(value).expect(x509::SEQUENCE)?.reader();
    let mut lines = Vec::new();
    while let Some(info) = r.next_tlv() {
        let mut i = info.reader();
        lines.push(format!(
            "Policy: {}",
            object_name(i.expect(x509::OID)?.body)
        ));
        if let Some(quals) = i.optional(x509::SEQUENCE) {
            let mut q = quals.reader();
            while let Some(qual) = q.next_tlv() {
                let mut parts = qual.reader();
                let id = parts.expect(x509::OID)?.body;
                let text = parts.next_tlv().and_then(string_value);
                lines.push(match id {
                    CPS => format!("  CPS: {}", text.unwrap_or_default()),
                    NOTICE => "  User Notice:".to_string(),
                    other => format!("    Unknown Qualifier: {}", object_name(other)),
                });
            }
        }
    }
    Some(lines.join("\n"))
}

fn general_names(value: &[u8]) -> Option<String> {
    let seq = Reader::new(value).expect(x509::SEQUENCE)?;
    Some(general_name_list(seq.body).join(", "))
}

fn general_name_list(body: &[u8]) -> Vec<String> {
    let mut r = Reader::new(body);
    let mut out = Vec::new();
    while let Some(n) = r.next_tlv() {
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        out.push(match n.tag {
            0x81 => format!("email:{}", text(n.body)),
            0x82 => format!("DNS:{}", text(n.body)),
            0x86 => format!("URI:{}", text(n.body)),
            0x87 => format!("IP Address:{}", ip(n.body)),
            0xa4 => match n.reader().expect(x509::SEQUENCE) {
                Some(name) => format!("DirName:{}", name_slashed(name)),
                None => "DirName:<unsupported>".into(),
            },
            0xa0 => "othername:<unsupported>".into(),
            0x88 => format!("Registered ID:{}", object_name(n.body)),
            _ => "<unsupported>".into(),
        });
    }
    out
}

/// `X509_NAME_oneline`: "/C=US/O=Org/CN=name".
fn name_slashed(name: Tlv<'_>) -> String {
    let mut out = String::new();
    let mut r = name.reader();
    while let Some(set) = r.next_tlv() {
        let mut s = set.reader();
        while let Some(atv) = s.next_tlv() {
            let mut a = atv.reader();
            let (Some(oid), Some(value)) = (a.expect(x509::OID), a.next_tlv()) else {
                continue;
            };
            let dotted = x509::oid_text(oid.body);
            let field = short_name(&dotted).map_or(dotted, str::to_string);
            let v = string_value(value).unwrap_or_default();
            out.push_str(&format!("/{field}={v}"));
        }
    }
    out
}

/// An IP address as OpenSSL shows it: dotted quad, or eight groups of uppercase hex.
fn ip(b: &[u8]) -> String {
    match b.len() {
        4 => format!("{}.{}.{}.{}", b[0], b[1], b[2], b[3]),
        16 => b
            .chunks(2)
            .map(|c| format!("{:X}", u16::from(c[0]) << 8 | u16::from(c[1])))
            .collect::<Vec<_>>()
            .join(":"),
        _ => "<invalid>".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tlv(tag: u8, body: &[u8]) -> Tlv<'_> {
        Tlv {
            tag,
            body,
            raw: body,
        }
    }

    #[test]
    fn times_as_asn1_time_print() {
        assert_eq!(
            time(tlv(x509::UTC_TIME, b"250101000000Z")),
            "Jan  1 00:00:00 2025 GMT"
        );
        assert_eq!(
            time(tlv(x509::UTC_TIME, b"991231235959Z")),
            "Dec 31 23:59:59 1999 GMT"
        );
        assert_eq!(
            time(tlv(x509::GENERALIZED_TIME, b"20501115083005Z")),
            "Nov 15 08:30:05 2050 GMT"
        );
        assert_eq!(
            time(tlv(x509::GENERALIZED_TIME, b"20501115083005.25Z")),
            "Nov 15 08:30:05.25 2050 GMT"
        );
        assert_eq!(
            time(tlv(x509::UTC_TIME, b"251301000000Z")),
            "Bad time value"
        );
    }

    #[test]
    fn serial_numbers_in_hex() {
        assert_eq!(serial(&[0x03, 0xe8]), "03e8");
        assert_eq!(serial(&[0x00, 0x80, 0x01]), "8001");
        assert_eq!(serial(&[0x00]), "00");
        assert_eq!(serial(&[0xff]), "-01");
    }

    #[test]
    fn names_in_openssl_one_line_form() {
        let v = |s: &'static str| name_value(tlv(0x0c, s.as_bytes()));
        assert_eq!(v("plain name"), "plain name");
        assert_eq!(v("a, b"), "\"a, b\"");
        assert_eq!(v(" lead"), "\" lead\"");
        assert_eq!(v("end "), "\"end \"");
        assert_eq!(v("#x"), "\"#x\"");
        assert_eq!(v("a#b"), "a#b");
        assert_eq!(v("x=y"), "x=y");
        assert_eq!(v("q\"q"), "q\\\"q");
        assert_eq!(v("a\\b"), "a\\\\b");
        assert_eq!(v("a, b \"q\""), "\"a, b \\\"q\\\"\"");
        assert_eq!(v("caf\u{e9} <x>=y"), "\"caf\\C3\\A9 <x>=y\"");
        assert_eq!(v("caf\u{e9}"), "caf\\C3\\A9");
        assert_eq!(v("tab\there"), "tab\\09here");
        assert_eq!(name_value(tlv(0x02, &[0x01])), "#01");
    }

    #[test]
    fn numbers_and_bits() {
        assert_eq!(bn_hex(&[0x00, 0x01, 0x00, 0x01]), "10001");
        assert_eq!(bn_hex(&[0x00]), "0");
        assert_eq!(bit_length(&[0x00, 0x80, 0x00]), 16);
        assert_eq!(bit_length(&[0x01, 0x00, 0x01]), 17);
    }

    #[test]
    fn pem_lines_of_64() {
        let der = [0u8; 60];
        let p = pem(&der);
        let lines: Vec<&str> = p.lines().collect();
        assert_eq!(lines[0], "-----BEGIN CERTIFICATE-----");
        assert_eq!(lines[1].len(), 64);
        assert_eq!(lines[2].len(), 16);
        assert_eq!(lines[3], "-----END CERTIFICATE-----");
        assert!(p.ends_with("-----\n"));
    }

    #[test]
    fn extensions_shown_as_openssl() {
        // keyUsage: digitalSignature, keyCertSign, cRLSign
        assert_eq!(
            key_usage(&[0x03, 0x02, 0x01, 0x86]).unwrap(),
            "Digital Signature, Certificate Sign, CRL Sign"
        );
        assert_eq!(
            basic_constraints(&[0x30, 0x06, 0x01, 0x01, 0xff, 0x02, 0x01, 0x00]).unwrap(),
            "CA:TRUE, pathlen:0"
        );
        assert_eq!(basic_constraints(&[0x30, 0x00]).unwrap(), "CA:FALSE");
        let san = [
            0x30, 0x17, 0x82, 0x09, b'l', b'o', b'c', b'a', b'l', b'h', b'o', b's', b't', 0x87,
            0x04, 127, 0, 0, 1, 0x87, 0x04, 10, 0, 0, 2,
        ];
        assert_eq!(
            general_names(&san).unwrap(),
            "DNS:localhost, IP Address:127.0.0.1, IP Address:10.0.0.2"
        );
        let mut v6 = [0u8; 16];
        v6[15] = 1;
        assert_eq!(ip(&v6), "0:0:0:0:0:0:0:1");
        assert_eq!(
            authority_key_id(&[0x30, 0x04, 0x80, 0x02, 0xab, 0x01]).unwrap(),
            "AB:01"
        );
        assert_eq!(extension_value(&[0x2a, 0x03], b"a\x01b"), "a.b");
    }

    /// A certificate made by OpenSSL's tool (RSA, odd names); the expected values are what
    /// `openssl x509 -nameopt oneline -subject -serial -startdate -modulus -text` printed.
    const OPENSSL_MADE: &str = "-----BEGIN CERTIFICATE-----\n\
MIICVTCCAb6gAwIBAgIDAKsBMA0GCSqGSIb3DQEBCwUAMEUxCzAJBgNVBAYTAkRF\n\
MRcwFQYDVQQKDA5hLCBiICJxIiBcYmFjazEOMAwGA1UECwwFY2Fmw6kxDTALBgNV\n\
BAMMBGVuZCAwHhcNMjYxMjA4MDM0NjI5WhcNMzYxMjA1MDM0NjI5WjBFMQswCQYD\n\
VQQGEwJERTEXMBUGA1UECgwOYSwgYiAicSIgXGJhY2sxDjAMBgNVBAsMBWNhZsOp\n\
MQ0wCwYDVQQDDARlbmQgMIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQCb+yB7\n\
0RPW2TU1t2OfJBnZx1an90CpmYav8nbsQ8pROPatm6cio8E9d62/UtlMnLxf6lzx\n\
B6M7zXU6UJlY/zTDDZrEqUxY74dfysxySF1TxGdPGh/sEjEZ6g6kyf1dx0Nd+s5a\n\
L/20yGXUXLGhuLxdzZXTJ80vId0Rd9ofnL9lkwIDAQABo1MwUTAdBgNVHQ4EFgQU\n\
+sxaKZUbIEtMlfsXytVNUBpOfaAwHwYDVR0jBBgwFoAU+sxaKZUbIEtMlfsXytVN\n\
UBpOfaAwDwYDVR0TAQH/BAUwAwEB/zANBgkqhkiG9w0BAQsFAAOBgQA/YFJPwTIY\n\
YjtqcOSycYWTY5QYzZwTJFeCnc+1fvvJHmO/gTP3An/xcsJwn+7q0ewpVNndJp0N\n\
uujgLoxI2ngzpYIzKRa7zfHaLWu70RZnCiElwneVJfpcfaD2h+IGAsuF1DoCY7Fa\n\
8ZrSSCFZfcRLwfeD+2T2anjPXXvRYHLa3A==\n\
-----END CERTIFICATE-----\n\
";

    #[test]
    fn an_rsa_certificate_as_openssl_reports_it() {
        let der = &super::x509::pem_certificates(OPENSSL_MADE.as_bytes())[0];
        let info = chain_info(&[der.as_slice()]);
        let lines: Vec<&str> = info[0].iter().map(String::as_str).collect();
        let name = r#"C = DE, O = "a, b \"q\" \\back", OU = caf\C3\A9, CN = "end ""#;
        let keyid = "FA:CC:5A:29:95:1B:20:4B:4C:95:FB:17:CA:D5:4D:50:1A:4E:7D:A0";
        let modulus = "9BFB207BD113D6D93535B7639F2419D9C756A7F740A99986AFF276EC43CA5138F6AD9BA722A3C13D77ADBF52D94C9CBC5FEA5CF107A33BCD753A509958FF34C30D9AC4A94C58EF875FCACC72485D53C4674F1A1FEC123119EA0EA4C9FD5DC7435DFACE5A2FFDB4C865D45CB1A1B8BC5DCD95D327CD2F21DD1177DA1F9CBF6593";
        let expected = [
            format!("Subject:{name}"),
            format!("Issuer:{name}"),
            "Version:2".into(),
            "Serial Number:ab01".into(),
            "Signature Algorithm:sha256WithRSAEncryption".into(),
            "Public Key Algorithm:rsaEncryption".into(),
            format!("X509v3 Subject Key Identifier:{keyid}"),
            format!("X509v3 Authority Key Identifier:{keyid}"),
            "X509v3 Basic Constraints:CA:TRUE".into(),
            "Start date:Dec  8 03:46:29 2026 GMT".into(),
            "Expire date:Dec  5 03:46:29 2036 GMT".into(),
            "RSA Public Key:1024".into(),
            format!("rsa(n):{modulus}"),
            "rsa(e):10001".into(),
        ];
        assert_eq!(
            &lines[..expected.len()],
            &expected.each_ref().map(String::as_str)
        );
        let signature = lines[expected.len()];
        assert!(
            signature.starts_with("Signature:3f:60:52:4f:"),
            "{signature}"
        );
        assert_eq!(signature.len(), "Signature:".len() + 128 * 3);
        assert_eq!(lines[expected.len() + 1], format!("Cert:{OPENSSL_MADE}"));
        assert_eq!(lines.len(), expected.len() + 2);
    }

    /// Made by OpenSSL's tool with access information, policies and CRL distribution
    /// points; the values are what 7.88.1's OpenSSL backend reported for it.
    const OPENSSL_MADE_EXTENSIONS: &str = "-----BEGIN CERTIFICATE-----\n\
MIIEBDCCAuygAwIBAgIUYMFoM4wSPTaEWVfUODrQ1Q6ONTQwDQYJKoZIhvcNAQEL\n\
BQAwFDESMBAGA1UEAwwJbG9jYWxob3N0MB4XDTI2MTIwODA0MDIwN1oXDTI3MDEw\n\
NzA0MDIwN1owFDESMBAGA1UEAwwJbG9jYWxob3N0MIIBIjANBgkqhkiG9w0BAQEF\n\
AAOCAQ8AMIIBCgKCAQEAweR5jPBXxoFP1obGYG12gc0nfrS98hFUGhEDAPi4+tfK\n\
ZuCqPTstZoZ2NxfrIXoG1tTrCga3Bs5zgs0Cvi9mZdoQVkAKRk4NAzVD1Da7eRM+\n\
NWx0ECoNSHVNw3KtS50AATsfka0y8ocCunhQqo2zrUfL2rNj6E7rAfWsuPJMHOI3\n\
06io1XSReUGFoN/AJG+AuarIsHTruq7yBo2BS6wByd2NnymITHISPRlWjtLdnuI8\n\
qN6CoweD1qseXJDzGVULyaacG5NJJKf/mh4VRntjXsA1EfMpph2w+oyeIrLubNcA\n\
OlDqTupJEsibjYjW/YLrTMLDOt42Goh1GJkDaQeg7QIDAQABo4IBTDCCAUgwGgYD\n\
VR0RBBMwEYIJbG9jYWxob3N0hwR/AAABMFYGCCsGAQUFBwEBBEowSDAgBggrBgEF\n\
BQcwAYYUaHR0cDovL29jc3AuZXhhbXBsZS8wJAYIKwYBBQUHMAKGGGh0dHA6Ly9j\n\
YS5leGFtcGxlL2NhLmNydDBnBgNVHSAEYDBeMAgGBmeBDAECATBSBgsrBgEEAYLf\n\
EwEBATBDMB8GCCsGAQUFBwIBFhNodHRwOi8vY3BzLmV4YW1wbGUvMCAGCCsGAQUF\n\
BwIBFhRodHRwOi8vY3BzMi5leGFtcGxlLzBKBgNVHR8EQzBBMB6gHKAahhhodHRw\n\
Oi8vY3JsLmV4YW1wbGUvYS5jcmwwH6AdoBuGGWh0dHA6Ly9jcmwyLmV4YW1wbGUv\n\
Yi5jcmwwHQYDVR0OBBYEFIUL2uM17S552RiTMcBPb+bINv6DMA0GCSqGSIb3DQEB\n\
CwUAA4IBAQBqBLDOjJG2IIkICdfrXxbo9AMhJTU1tmNywH3dFgYdhE0Mc4isFVCt\n\
AFrh2WaX1B2JlSbT2sg8RuHJv77brhCKM0PiNN4zPyp6uHoPdnW/IzTtTkzOs9yM\n\
+BvYs7kPLKTaHJmtV1CNF7FSA/jMKvSpsLVz791++LhapQhz96SQY1gpjT21mjbp\n\
+NZ0gzQWpQjKUdsbizv7mVSoDlpm0CtGiZoMtIwPphUvUzX0kXLIreTxPoqhssdh\n\
4fBWgTluF9iGisv2D0qOwAFtSbsJSZfQxssKZGncdYJQ24CJyhYfI+yhWRES8pxA\n\
8Raz8BOeEyfdaEPdSRQnpbZ4wfQNWstA\n\
-----END CERTIFICATE-----\n\
";

    #[test]
    fn more_extensions_as_openssl_reports_them() {
        let der = &super::x509::pem_certificates(OPENSSL_MADE_EXTENSIONS.as_bytes())[0];
        let info = chain_info(&[der.as_slice()]);
        for line in [
            "Authority Information Access:OCSP - URI:http://ocsp.example/\n\
             CA Issuers - URI:http://ca.example/ca.crt",
            "X509v3 Certificate Policies:Policy: 2.23.140.1.2.1\n\
             Policy: 1.3.6.1.4.1.44947.1.1.1\n  CPS: http://cps.example/\n  \
             CPS: http://cps2.example/",
            "X509v3 CRL Distribution Points:Full Name:\n  URI:http://crl.example/a.crl\n\
             Full Name:\n  URI:http://crl2.example/b.crl",
        ] {
            assert!(
                info[0].iter().any(|l| l == line),
                "{line:?} in {:#?}",
                info[0]
            );
        }
    }
}
