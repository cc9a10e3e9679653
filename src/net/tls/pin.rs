//! `CURLOPT_PINNEDPUBLICKEY`: the server's public key (its certificate's
//! SubjectPublicKeyInfo) must match a pin: `sha256//<base64>` hashes separated by `;`, or a
//! file holding the key in PEM (`PUBLIC KEY`) or DER form.

use rustls::pki_types::CertificateDer;

use crate::error::{Code, Error, Result};

/// Checks the leaf certificate's public key against the pin (no certificate: no match).
pub fn check_pinned_key(pin: &str, leaf: Option<&CertificateDer<'_>>) -> Result<()> {
    let mismatch = || {
        Error::new(
            Code::SslPinnedPubkeyNotMatch,
            "SSL: public key does not match pinned public key",
        )
    };
    let leaf = leaf.ok_or_else(mismatch)?;
    let spki = webpki::EndEntityCert::try_from(leaf)
        .map_err(|_| mismatch())?
        .subject_public_key_info();
    if matches_pin(pin, spki.as_ref()) {
        Ok(())
    } else {
        Err(mismatch())
    }
}

fn matches_pin(pin: &str, spki: &[u8]) -> bool {
    if let Some(hashes) = pin.strip_prefix("sha256//") {
        let digest = ring::digest::digest(&ring::digest::SHA256, spki);
        let ours = base64(digest.as_ref());
        // As libcurl, entries are split at ";sha256//" only.
        return hashes.split(";sha256//").any(|h| h == ours);
    }
    match std::fs::read(pin) {
        Ok(bytes) => key_der(&bytes).is_some_and(|der| der == spki),
        Err(_) => false,
    }
}

/// The DER of a key file: PEM `PUBLIC KEY` decoded, or the bytes as they are.
fn key_der(bytes: &[u8]) -> Option<Vec<u8>> {
    const BEGIN: &str = "-----BEGIN PUBLIC KEY-----";
    const END: &str = "-----END PUBLIC KEY-----";
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Some(bytes.to_vec());
    };
    let Some(start) = text.find(BEGIN) else {
        return Some(bytes.to_vec());
    };
    let body = &text[start + BEGIN.len()..];
    let end = body.find(END)?;
    unbase64(&body[..end])
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding (pin hashes, and the PEM of `CURLINFO_CERTINFO`).
pub(super) fn base64(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes base64 text, skipping whitespace (PEM lines); None on any other stray byte.
fn unbase64(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes() {
        if c.is_ascii_whitespace() {
            continue;
        }
        if c == b'=' {
            break;
        }
        let v = ALPHABET.iter().position(|&a| a == c)? as u32;
        acc = acc << 6 | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips() {
        for (raw, enc) in [
            (&b""[..], ""),
            (b"f", "Zg=="),
            (b"fo", "Zm8="),
            (b"foo", "Zm9v"),
            (b"foob", "Zm9vYg=="),
            (b"fooba", "Zm9vYmE="),
            (b"foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(raw), enc);
            assert_eq!(unbase64(enc).as_deref(), Some(raw));
        }
        assert_eq!(unbase64("Zm9v\nYmFy\n").as_deref(), Some(&b"foobar"[..]));
        assert_eq!(unbase64("Zm9v*"), None);
    }

    #[test]
    fn sha256_pins_match_any_entry() {
        let spki = b"some key";
        let digest = ring::digest::digest(&ring::digest::SHA256, spki);
        let good = format!("sha256//{}", base64(digest.as_ref()));
        assert!(matches_pin(&good, spki));
        let list = format!("sha256//AAAA;{good}");
        assert!(matches_pin(&list, spki));
        assert!(!matches_pin("sha256//AAAA", spki));
        // Only ";sha256//" separates entries.
        let joined = format!("sha256//AAAA;{}", &good["sha256//".len()..]);
        assert!(!matches_pin(&joined, spki));
    }

    #[test]
    fn key_files_in_pem_or_der() {
        let der = b"\x30\x03\x02\x01\x01".to_vec();
        let pem = format!(
            "-----BEGIN PUBLIC KEY-----\n{}\n-----END PUBLIC KEY-----\n",
            base64(&der)
        );
        assert_eq!(key_der(pem.as_bytes()), Some(der.clone()));
        assert_eq!(key_der(&der), Some(der));
        assert_eq!(key_der(b"-----BEGIN PUBLIC KEY-----\nAAAA"), None);
    }
}
