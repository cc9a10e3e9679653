//! `curl_easy_getinfo`: the shim passes the out-pointer; its type follows from the info
//! number's type bits (string, long, double, slist/pointer, socket, curl_off_t).

use std::ffi::{c_char, c_double, c_int, c_long, c_void, CStr, CString};
use std::ptr;
use std::time::Duration;

use super::abi::{
    curl_certinfo, curl_off_t, curl_slist, curl_tlssessioninfo, CURLINFO_arg, CURLcode, CURL,
    CURLINFO,
};
use super::boundary::{guard, put};
use super::handle::EasyHandle;
use super::tls_opts;
use crate::info::Info;

use CURLcode::*;
use CURLINFO::*;

enum Value {
    Str(Option<String>),
    Long(c_long),
    Double(c_double),
    Off(curl_off_t),
    Ptr(*mut c_void),
}

fn secs(d: Duration) -> c_double {
    d.as_secs_f64()
}

fn micros(d: Duration) -> curl_off_t {
    d.as_micros() as curl_off_t
}

fn value(info: &Info, private: *mut c_void, which: CURLINFO) -> Option<Value> {
    use Value::*;
    let i = info;
    Some(match which {
        CURLINFO_EFFECTIVE_URL => Str(Some(i.effective_url.clone())),
        CURLINFO_EFFECTIVE_METHOD => Str(Some(i.effective_method.clone())),
        CURLINFO_RESPONSE_CODE => Long(i.response_code.into()),
        CURLINFO_HTTP_CONNECTCODE => Long(i.connect_code.into()),
        CURLINFO_PROXYAUTH_AVAIL => Long(i.proxyauth_avail as c_long),
        CURLINFO_PROXY_ERROR => Long(i.proxy_error.map_or(0, super::codes::proxy_code) as c_long),
        CURLINFO_SSL_VERIFYRESULT => Long(i.ssl_verify_result as c_long),
        // HTTPS proxies are not built in: never a proxy certificate to verify.
        CURLINFO_PROXY_SSL_VERIFYRESULT
        | CURLINFO_RTSP_CLIENT_CSEQ
        | CURLINFO_RTSP_SERVER_CSEQ
        | CURLINFO_RTSP_CSEQ_RECV => Long(0),
        CURLINFO_HTTPAUTH_AVAIL => Long(i.httpauth_avail as c_long),
        CURLINFO_HTTP_VERSION => Long(match i.http_version {
            10 => 1,
            11 => 2,
            20 => 3,
            30 => 30,
            _ => 0,
        }),
        CURLINFO_CONTENT_TYPE => Str(i.content_type.clone()),
        CURLINFO_SCHEME => Str(i.scheme.clone()),
        CURLINFO_PROTOCOL => Long(match i.scheme.as_deref() {
            Some(s) if s.eq_ignore_ascii_case("http") => 1,
            Some(s) if s.eq_ignore_ascii_case("https") => 2,
            Some(s) if s.eq_ignore_ascii_case("file") => 1 << 10,
            _ => 0,
        }),
        CURLINFO_REDIRECT_URL => Str(i.redirect_url.clone()),
        CURLINFO_REDIRECT_COUNT => Long(i.redirect_count.into()),
        CURLINFO_PRIMARY_IP => Str(Some(i.primary_ip.clone())),
        CURLINFO_PRIMARY_PORT => Long(i.primary_port.into()),
        CURLINFO_LOCAL_IP => Str(Some(i.local_ip.clone())),
        CURLINFO_LOCAL_PORT => Long(i.local_port.into()),
        CURLINFO_NUM_CONNECTS => Long(i.num_connects.into()),
        CURLINFO_OS_ERRNO => Long(i.os_errno.into()),
        CURLINFO_HEADER_SIZE => Long(i.header_size as c_long),
        CURLINFO_REQUEST_SIZE => Long(i.request_size as c_long),
        CURLINFO_SIZE_DOWNLOAD => Double(i.size_download as f64),
        CURLINFO_SIZE_DOWNLOAD_T => Off(i.size_download as curl_off_t),
        CURLINFO_SIZE_UPLOAD => Double(i.size_upload as f64),
        CURLINFO_SIZE_UPLOAD_T => Off(i.size_upload as curl_off_t),
        CURLINFO_SPEED_DOWNLOAD => Double(Info::speed(i.size_download, i.total) as f64),
        CURLINFO_SPEED_DOWNLOAD_T => Off(Info::speed(i.size_download, i.total) as curl_off_t),
        CURLINFO_SPEED_UPLOAD => Double(Info::speed(i.size_upload, i.total) as f64),
        CURLINFO_SPEED_UPLOAD_T => Off(Info::speed(i.size_upload, i.total) as curl_off_t),
        CURLINFO_CONTENT_LENGTH_DOWNLOAD => Double(i.content_length_download as f64),
        CURLINFO_CONTENT_LENGTH_DOWNLOAD_T => Off(i.content_length_download),
        CURLINFO_CONTENT_LENGTH_UPLOAD => Double(i.content_length_upload as f64),
        CURLINFO_CONTENT_LENGTH_UPLOAD_T => Off(i.content_length_upload),
        CURLINFO_FILETIME => Long(i.filetime as c_long),
        CURLINFO_FILETIME_T => Off(i.filetime),
        CURLINFO_CONDITION_UNMET => Long(i.condition_unmet.into()),
        CURLINFO_RETRY_AFTER => Off(i.retry_after),
        CURLINFO_TOTAL_TIME => Double(secs(i.total)),
        CURLINFO_NAMELOOKUP_TIME => Double(secs(i.namelookup)),
        CURLINFO_CONNECT_TIME => Double(secs(i.connect)),
        CURLINFO_APPCONNECT_TIME => Double(secs(i.appconnect)),
        CURLINFO_PRETRANSFER_TIME => Double(secs(i.pretransfer)),
        CURLINFO_STARTTRANSFER_TIME => Double(secs(i.starttransfer)),
        CURLINFO_REDIRECT_TIME => Double(secs(i.redirect)),
        CURLINFO_TOTAL_TIME_T => Off(micros(i.total)),
        CURLINFO_NAMELOOKUP_TIME_T => Off(micros(i.namelookup)),
        CURLINFO_CONNECT_TIME_T => Off(micros(i.connect)),
        CURLINFO_APPCONNECT_TIME_T => Off(micros(i.appconnect)),
        CURLINFO_PRETRANSFER_TIME_T => Off(micros(i.pretransfer)),
        CURLINFO_STARTTRANSFER_TIME_T => Off(micros(i.starttransfer)),
        CURLINFO_REDIRECT_TIME_T => Off(micros(i.redirect)),
        CURLINFO_PRIVATE => Ptr(private),
        CURLINFO_REFERER => Str(i.referer.clone()),
        CURLINFO_FTP_ENTRY_PATH | CURLINFO_RTSP_SESSION_ID => Str(None),
        // The built-in defaults, whatever CURLOPT_CAINFO/CAPATH say: 7.88.1 reports only
        // what it was built with.
        CURLINFO_CAINFO => Str(Some(ca_default(tls_opts::DEFAULT_CA_BUNDLE))),
        CURLINFO_CAPATH => Str(Some(ca_default(tls_opts::DEFAULT_CA_PATH))),
        CURLINFO_SSL_ENGINES | CURLINFO_COOKIELIST => Ptr(ptr::null_mut()),
        _ => return None,
    })
}

#[no_mangle]
pub extern "C" fn rcurl_easy_getinfo(
    h: *mut CURL,
    info: CURLINFO_arg,
    out: *mut c_void,
) -> CURLcode {
    guard(CURLE_BAD_FUNCTION_ARGUMENT, || {
        // SAFETY: checked by `from_ptr` (NULL, magic).
        let Some(handle) = (unsafe { EasyHandle::from_ptr(h) }) else {
            return CURLE_BAD_FUNCTION_ARGUMENT;
        };
        let Some(which) = CURLINFO::from_raw(info) else {
            return CURLE_UNKNOWN_OPTION;
        };
        if out.is_null() {
            return CURLE_BAD_FUNCTION_ARGUMENT;
        }
        if matches!(which, CURLINFO_TLS_SSL_PTR | CURLINFO_TLS_SESSION) {
            // Our backend, with no internals: rustls objects are not exposed (libcurl's
            // documented answer for a backend whose internals it does not hand out).
            let p = &TLS_INFO.0 as *const curl_tlssessioninfo as *mut curl_tlssessioninfo;
            // SAFETY: TLS_SSL_PTR/TLS_SESSION take a `struct curl_tlssessioninfo **`.
            unsafe { put(out.cast::<*mut curl_tlssessioninfo>(), p) };
            return CURLE_OK;
        }
        if matches!(which, CURLINFO_LASTSOCKET | CURLINFO_ACTIVESOCKET) {
            // The connection the last transfer left open, while its pool keeps it: for a
            // multi's pool only while the handle is in a multi, as libcurl looks there.
            let last = handle.info.lock().ok().and_then(|i| i.last_conn.clone());
            let fd = last
                .filter(|l| !l.in_multi || !handle.multi.get().is_null())
                .and_then(|l| l.socket())
                .unwrap_or(-1);
            // SAFETY: LASTSOCKET takes a `long *`, ACTIVESOCKET a `curl_socket_t *`.
            unsafe {
                if which == CURLINFO_LASTSOCKET {
                    put(out.cast::<c_long>(), c_long::from(fd));
                } else {
                    put(out.cast::<libc::c_int>(), fd);
                }
            }
            return CURLE_OK;
        }
        if which == CURLINFO_CERTINFO {
            // Never NULL: with no certificates, a struct that counts none, as in 7.88.1.
            let p = {
                let Ok(info) = handle.info.lock() else {
                    return CURLE_BAD_FUNCTION_ARGUMENT;
                };
                handle.certinfo.borrow_mut().update(&info.certs)
            };
            // SAFETY: CERTINFO takes a `struct curl_certinfo **`.
            unsafe { put(out.cast::<*mut curl_certinfo>(), p) };
            return CURLE_OK;
        }
        let private = handle.settings.borrow().private;
        let v = {
            let Ok(info) = handle.info.lock() else {
                return CURLE_BAD_FUNCTION_ARGUMENT;
            };
            value(&info, private, which)
        };
        let Some(v) = v else {
            return CURLE_UNKNOWN_OPTION;
        };
        // SAFETY: the out-pointer's type is fixed by the info's type bits, as documented.
        unsafe {
            match v {
                Value::Str(s) => {
                    let p = match s {
                        Some(s) => handle.info_string(info, &s),
                        None => ptr::null(),
                    };
                    put(out.cast::<*const c_char>(), p)
                }
                Value::Long(l) => put(out.cast::<c_long>(), l),
                Value::Double(d) => put(out.cast::<c_double>(), d),
                Value::Off(o) => put(out.cast::<curl_off_t>(), o),
                Value::Ptr(p) => put(out.cast::<*mut c_void>(), p),
            }
        }
        CURLE_OK
    })
}

fn ca_default(path: &CStr) -> String {
    path.to_string_lossy().into_owned()
}

/// The session record `CURLINFO_TLS_SSL_PTR` hands out; applications only read it.
struct TlsInfo(curl_tlssessioninfo);
// SAFETY: immutable after construction; it holds only a NULL pointer.
unsafe impl Sync for TlsInfo {}
static TLS_INFO: TlsInfo = TlsInfo(curl_tlssessioninfo {
    backend: tls_opts::BACKEND_ID,
    internals: ptr::null_mut(),
});

/// The `struct curl_certinfo` of a handle and the lists it points to: one `curl_slist` of
/// "Name:value" strings per certificate. Rebuilt when the certificates change; the
/// application only reads it, and it lives until then or until the handle is freed.
pub(crate) struct CertInfoOut {
    certs: Vec<Vec<String>>,
    _strings: Vec<CString>,
    _nodes: Vec<Box<[curl_slist]>>,
    _table: Box<[*mut curl_slist]>,
    out: Box<curl_certinfo>,
}

impl Default for CertInfoOut {
    fn default() -> Self {
        CertInfoOut {
            certs: Vec::new(),
            _strings: Vec::new(),
            _nodes: Vec::new(),
            _table: Box::new([]),
            out: Box::new(curl_certinfo {
                num_of_certs: 0,
                certinfo: ptr::null_mut(),
            }),
        }
    }
}

impl CertInfoOut {
    /// The struct for `certs`, rebuilt if they are not the ones it holds.
    fn update(&mut self, certs: &[Vec<String>]) -> *mut curl_certinfo {
        if self.certs != certs {
            *self = CertInfoOut::build(certs);
        }
        &mut *self.out
    }

    fn build(certs: &[Vec<String>]) -> Self {
        let mut strings = Vec::new();
        let mut nodes: Vec<Box<[curl_slist]>> = Vec::new();
        for lines in certs {
            let mut list: Box<[curl_slist]> = lines
                .iter()
                .map(|_| curl_slist {
                    data: ptr::null_mut(),
                    next: ptr::null_mut(),
                })
                .collect();
            for (i, line) in lines.iter().enumerate() {
                let clean: Vec<u8> = line.bytes().filter(|&b| b != 0).collect();
                let s = CString::new(clean).unwrap_or_default();
                // The bytes stay where they are when the CString moves into `strings`.
                list[i].data = s.as_ptr().cast_mut();
                strings.push(s);
            }
            let base = list.as_mut_ptr();
            for i in 1..list.len() {
                // Within the same allocation, which the Box keeps in place.
                list[i - 1].next = base.wrapping_add(i);
            }
            nodes.push(list);
        }
        let mut table: Box<[*mut curl_slist]> = nodes
            .iter_mut()
            .map(|l| {
                if l.is_empty() {
                    ptr::null_mut()
                } else {
                    l.as_mut_ptr()
                }
            })
            .collect();
        let out = Box::new(curl_certinfo {
            num_of_certs: certs.len() as c_int,
            certinfo: if table.is_empty() {
                ptr::null_mut()
            } else {
                table.as_mut_ptr()
            },
        });
        CertInfoOut {
            certs: certs.to_vec(),
            _strings: strings,
            _nodes: nodes,
            _table: table,
            out,
        }
    }
}
