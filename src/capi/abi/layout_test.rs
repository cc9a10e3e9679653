//! Checks that the Rust structs have libcurl's C layout: a C program compiled against the
//! system's libcurl 7.88.1 headers prints every struct's size and alignment and every
//! field's offset and size, which must equal what Rust computes for the same fields.
//!
//! Needs gcc and the system libcurl headers (Debian: libcurl4-openssl-dev).

use super::*;
use std::fmt::Write as _;
use std::mem::{align_of, offset_of, size_of};
use std::process::Command;

/// One fact: `struct.field` offset and size, or a struct's alignment and size.
struct Fact {
    /// `tag` for the struct itself, `tag.field.subfield` for a field.
    path: String,
    /// Offset of a field, alignment of a struct.
    first: usize,
    size: usize,
}

fn size_of_field<T, F>(_: fn(&T) -> &F) -> usize {
    size_of::<F>()
}

/// Facts of one struct: its alignment and size, then each listed field.
macro_rules! facts {
    ($t:ident { $($($f:ident).+),* $(,)? }) => {
        vec![
            Fact { path: stringify!($t).into(), first: align_of::<$t>(), size: size_of::<$t>() },
            $(Fact {
                path: format!("{}.{}", stringify!($t), stringify!($($f).+)),
                first: offset_of!($t, $($f).+),
                size: size_of_field(|s: &$t| &s.$($f).+),
            },)*
        ]
    };
}

fn rust_facts() -> Vec<Fact> {
    let mut all = Vec::new();
    all.extend(facts!(curl_slist { data, next }));
    all.extend(facts!(curl_blob { data, len, flags }));
    all.extend(facts!(curl_httppost {
        next,
        name,
        namelength,
        contents,
        contentslength,
        buffer,
        bufferlength,
        contenttype,
        contentheader,
        more,
        flags,
        showfilename,
        userp,
        contentlen,
    }));
    all.extend(facts!(curl_fileinfo {
        filename,
        filetype,
        time,
        perm,
        uid,
        gid,
        size,
        hardlinks,
        strings.time,
        strings.perm,
        strings.user,
        strings.group,
        strings.target,
        flags,
        b_data,
        b_size,
        b_used,
    }));
    all.extend(facts!(curl_sockaddr {
        family,
        socktype,
        protocol,
        addrlen,
        addr
    }));
    all.extend(facts!(curl_khkey { key, len, keytype }));
    // includeSubDomains is a bit-field in C: its byte offset is checked separately.
    all.extend(facts!(curl_hstsentry {
        name,
        namelen,
        expire
    }));
    all.extend(facts!(curl_index { index, total }));
    all.extend(facts!(curl_forms { option, value }));
    all.extend(facts!(curl_ssl_backend { id, name }));
    all.extend(facts!(curl_certinfo {
        num_of_certs,
        certinfo
    }));
    all.extend(facts!(curl_tlssessioninfo { backend, internals }));
    all.extend(facts!(curl_version_info_data {
        age,
        version,
        version_num,
        host,
        features,
        ssl_version,
        ssl_version_num,
        libz_version,
        protocols,
        ares,
        ares_num,
        libidn,
        iconv_ver_num,
        libssh_version,
        brotli_ver_num,
        brotli_version,
        nghttp2_ver_num,
        nghttp2_version,
        quic_version,
        cainfo,
        capath,
        zstd_ver_num,
        zstd_version,
        hyper_version,
        gsasl_version,
        feature_names,
    }));
    // The union's members all start where `data` does.
    all.extend(facts!(CURLMsg {
        msg,
        easy_handle,
        data
    }));
    all.push(Fact {
        path: "CURLMsg.data.whatever".into(),
        first: offset_of!(CURLMsg, data),
        size: size_of::<*mut std::ffi::c_void>(),
    });
    all.push(Fact {
        path: "CURLMsg.data.result".into(),
        first: offset_of!(CURLMsg, data),
        size: size_of::<CURLcode_arg>(),
    });
    all.extend(facts!(curl_waitfd {
        fd,
        events,
        revents
    }));
    all.extend(facts!(curl_easyoption {
        name,
        id,
        r#type,
        flags
    }));
    all.extend(facts!(curl_header {
        name,
        value,
        amount,
        index,
        origin,
        anchor,
    }));
    all.extend(facts!(curl_ws_frame {
        age,
        flags,
        offset,
        bytesleft,
        len,
    }));
    for fact in &mut all {
        fact.path = fact.path.replace(' ', "").replace("r#", "");
    }
    all
}

/// A C program printing the same facts, in the same order, for the system's structs.
fn c_program(facts: &[Fact]) -> String {
    let mut src = String::from(
        "#include <curl/curl.h>\n#include <stddef.h>\n#include <stdio.h>\n#include <string.h>\n\
         int main(void)\n{\n",
    );
    for fact in facts {
        let (tag, field) = match fact.path.split_once('.') {
            Some((tag, field)) => (tag, Some(field)),
            None => (fact.path.as_str(), None),
        };
        let path = &fact.path;
        match field {
            None => writeln!(
                src,
                "  printf(\"{path} %lu %lu\\n\", (unsigned long)_Alignof(struct {tag}), \
                 (unsigned long)sizeof(struct {tag}));"
            ),
            Some(field) => writeln!(
                src,
                "  printf(\"{path} %lu %lu\\n\", (unsigned long)offsetof(struct {tag}, {field}), \
                 (unsigned long)sizeof(((struct {tag} *)0)->{field}));"
            ),
        }
        .unwrap();
    }
    // Where setting the bit-field to 1 lands: byte index and value.
    src.push_str(
        "  {\n    struct curl_hstsentry e;\n    size_t i;\n    memset(&e, 0, sizeof(e));\n    \
         e.includeSubDomains = 1;\n    for(i = 0; i < sizeof(e); i++)\n      if(((unsigned char *)&e)[i])\n        \
         printf(\"curl_hstsentry.includeSubDomains %lu %u\\n\", (unsigned long)i, \
         ((unsigned char *)&e)[i]);\n  }\n  return 0;\n}\n",
    );
    src
}

#[test]
fn rust_structs_have_the_system_c_layout() {
    let facts = rust_facts();
    let mut expected: String = facts
        .iter()
        .map(|f| format!("{} {} {}\n", f.path, f.first, f.size))
        .collect();
    // The bit-field is bit 0 of its byte.
    expected.push_str(&format!(
        "curl_hstsentry.includeSubDomains {} 1\n",
        offset_of!(curl_hstsentry, includeSubDomains)
    ));

    let dir = std::env::temp_dir().join(format!("rcurl-layout-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let source = dir.join("layout.c");
    let exe = dir.join("layout");
    std::fs::write(&source, c_program(&facts)).unwrap();
    let compiled = Command::new("gcc")
        .args(["-std=c11", "-w", "-DCURL_DISABLE_DEPRECATION", "-o"])
        .arg(&exe)
        .arg(&source)
        .output()
        .expect("gcc runs");
    assert!(
        compiled.status.success(),
        "compiling the layout probe against the system libcurl headers failed \
         (Debian: libcurl4-openssl-dev):\n{}",
        String::from_utf8_lossy(&compiled.stderr)
    );
    let run = Command::new(&exe).output().expect("layout probe runs");
    let _ = std::fs::remove_dir_all(&dir);
    let actual = String::from_utf8(run.stdout).unwrap();
    let differences: Vec<String> = expected
        .lines()
        .zip(actual.lines())
        .filter(|(rust, c)| rust != c)
        .map(|(rust, c)| format!("rust `{rust}` vs C `{c}`"))
        .collect();
    assert!(
        differences.is_empty() && expected.lines().count() == actual.lines().count(),
        "Rust struct layouts differ from libcurl's (field offset size / struct align size):\n{}",
        differences.join("\n")
    );
}
