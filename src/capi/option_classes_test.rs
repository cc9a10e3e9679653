//! The README's option table (see `capi-tests/tests/options_table.rs`, which checks the codes
//! `curl_easy_setopt` answers) also says which accepted options are honoured: an option of
//! class `implemented` (or `fails the transfer`) keeps the value it is set to, and one of
//! class `no effect` (or refused) leaves the handle's settings as a fresh handle's. This test
//! sets every option of the table to its other value (the values of `option_classes`) on a
//! fresh handle and compares what the handle keeps before and after.

use std::collections::HashMap;
use std::ffi::{c_char, c_void, CString};

use super::abi::easyoptions::EASY_OPTIONS;
use super::abi::*;
use super::easy::{curl_easy_cleanup, curl_easy_init};
use super::global::{curl_slist_append, curl_slist_free_all};
use super::handle::EasyHandle;
use super::option_classes::{long_values, off_t_values, string_value};
use super::option_classes::{readme_table, Class, Listed};
use super::setopt::{
    rcurl_easy_setopt_blob, rcurl_easy_setopt_func, rcurl_easy_setopt_long, rcurl_easy_setopt_off,
    rcurl_easy_setopt_ptr,
};
use super::share::{curl_share_cleanup, curl_share_init};
use super::urlapi::{curl_url, curl_url_cleanup};

const README: &str = include_str!("../../README.md");

/// Options whose other value is what a fresh handle does anyway: the long option set first,
/// so that setting them shows. `HTTPGET` undoes `POST`.
const SET_FIRST: &[(&str, CURLoption, std::ffi::c_long)] =
    &[("HTTPGET", CURLoption::CURLOPT_POST, 1)];

extern "C" fn dummy_callback() {}

fn fingerprint(h: *mut CURL) -> String {
    // SAFETY: a live handle of ours.
    let handle = unsafe { EasyHandle::from_ptr(h) }.expect("handle");
    let s = handle.settings.borrow().fingerprint();
    s
}

/// The objects pointer options are set to.
struct Objects {
    share: *mut CURLSH,
    curlu: *mut CURLU,
    other: *mut CURL,
    slist: *mut curl_slist,
    strings: Vec<CString>,
    data: Box<[u8; 256]>,
    blob_bytes: Vec<u8>,
}

impl Drop for Objects {
    fn drop(&mut self) {
        // SAFETY: ours, freed once, after the handles that used them.
        unsafe {
            curl_slist_free_all(self.slist);
            curl_easy_cleanup(self.other);
            curl_url_cleanup(self.curlu);
            curl_share_cleanup(self.share);
        }
    }
}

/// Sets option `row` to its other value; the code it answers.
fn set_other(h: *mut CURL, row: &easyoptions::EasyOptionRow, o: &mut Objects) -> CURLcode {
    let id = row.id;
    let kind = row.kind as u32;
    if kind == curl_easytype::CURLOT_LONG as u32 || kind == curl_easytype::CURLOT_VALUES as u32 {
        return rcurl_easy_setopt_long(h, id, long_values(row.name).1);
    }
    if kind == curl_easytype::CURLOT_OFF_T as u32 {
        return rcurl_easy_setopt_off(h, id, off_t_values(row.name).1);
    }
    if kind == curl_easytype::CURLOT_FUNCTION as u32 {
        return rcurl_easy_setopt_func(h, id, Some(dummy_callback));
    }
    if kind == curl_easytype::CURLOT_BLOB as u32 {
        let mut blob = curl_blob {
            data: o.blob_bytes.as_mut_ptr().cast(),
            len: o.blob_bytes.len(),
            flags: CURL_BLOB_COPY as std::ffi::c_uint,
        };
        return rcurl_easy_setopt_blob(h, id, std::ptr::addr_of_mut!(blob).cast());
    }
    let p: *mut c_void = if kind == curl_easytype::CURLOT_STRING as u32
        || matches!(row.name, "POSTFIELDS" | "COPYPOSTFIELDS")
    {
        o.strings
            .push(CString::new(string_value(row.name)).unwrap());
        o.strings.last().unwrap().as_ptr() as *mut c_char as *mut c_void
    } else if kind == curl_easytype::CURLOT_SLIST as u32 {
        o.slist.cast()
    } else {
        match row.name {
            "SHARE" => o.share.cast(),
            "CURLU" => o.curlu.cast(),
            "STREAM_DEPENDS" | "STREAM_DEPENDS_E" => o.other.cast(),
            _ => o.data.as_mut_ptr().cast(),
        }
    };
    rcurl_easy_setopt_ptr(h, id, p)
}

#[test]
fn options_the_readme_calls_implemented_are_kept_and_no_effect_ones_are_not() {
    let mut errors = Vec::new();
    let listed: HashMap<String, Vec<Listed>> = readme_table(README, &mut errors);
    assert!(errors.is_empty(), "{errors:?}");
    let mut o = Objects {
        share: curl_share_init(),
        curlu: curl_url(),
        other: curl_easy_init(),
        // SAFETY: a new list from a NUL-terminated string.
        slist: unsafe { curl_slist_append(std::ptr::null_mut(), c"X-Sample: 1".as_ptr()) },
        strings: Vec::new(),
        data: Box::new([0; 256]),
        blob_bytes: b"-----BEGIN CERTIFICATE-----\n".to_vec(),
    };
    for row in EASY_OPTIONS.iter().filter(|r| !r.alias) {
        // Options in no row, or in several, are options_table.rs's to report.
        let Some([Listed { class, .. }]) = listed.get(row.name).map(Vec::as_slice) else {
            continue;
        };
        let h = curl_easy_init();
        for (_, opt, v) in SET_FIRST.iter().filter(|(n, ..)| *n == row.name) {
            assert_eq!(
                rcurl_easy_setopt_long(h, *opt as i32, *v),
                CURLcode::CURLE_OK
            );
        }
        let before = fingerprint(h);
        let code = set_other(h, row, &mut o);
        let kept = fingerprint(h) != before;
        // SAFETY: the handle made above.
        unsafe { curl_easy_cleanup(h) };
        let should_keep = matches!(class, Class::Implemented | Class::FailsTransfer);
        if kept != should_keep {
            let what = if kept {
                "changes the handle's settings"
            } else {
                "leaves the handle's settings as they were"
            };
            errors.push(format!(
                "{}: README says {class:?}, but setting it (answer {code:?}) {what}",
                row.name
            ));
        }
    }
    drop(o);
    assert!(
        errors.is_empty(),
        "the README's option table disagrees with what setopt keeps:\n{}",
        errors.join("\n")
    );
}
