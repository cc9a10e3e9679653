//! Helpers shared by the unit tests that replay cases observed from libcurl's C API.

/// Decodes the `\xHH`, `\t`, `\n` and `\\` escapes of the case inputs.
pub(crate) fn case_bytes(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && b.get(i + 1) == Some(&b'x') {
            let hex = std::str::from_utf8(&b[i + 2..i + 4]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 4;
        } else if b[i] == b'\\' && b.get(i + 1) == Some(&b't') {
            out.push(b'\t');
            i += 2;
        } else if b[i] == b'\\' && b.get(i + 1) == Some(&b'n') {
            out.push(b'\n');
            i += 2;
        } else if b[i] == b'\\' && b.get(i + 1) == Some(&b'\\') {
            out.push(b'\\');
            i += 2;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

/// Prints a value the way the C probe does.
pub(crate) fn show(bytes: &[u8]) -> String {
    let mut s = String::new();
    for &b in bytes {
        if !(0x20..0x7f).contains(&b) || matches!(b, b'\\' | b'|' | b'!') {
            s.push_str(&format!("\\x{b:02x}"));
        } else {
            s.push(char::from(b));
        }
    }
    s
}
