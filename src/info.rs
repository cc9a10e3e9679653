//! What `curl_easy_getinfo` reports about the last transfer of a handle.

use std::time::Duration;

#[derive(Clone, Debug, Default)]
pub struct Info {
    pub response_code: u16,
    pub http_version: u8,
    pub effective_url: String,
    pub effective_method: String,
    pub content_type: Option<String>,
    pub scheme: Option<String>,
    pub redirect_url: Option<String>,
    /// The Referer sent with the last request.
    pub referer: Option<String>,
    pub redirect_count: u32,
    pub primary_ip: String,
    pub primary_port: u16,
    pub local_ip: String,
    pub local_port: u16,
    pub num_connects: u32,
    pub os_errno: i32,
    pub header_size: u64,
    pub request_size: u64,
    pub size_download: u64,
    pub size_upload: u64,
    /// -1 when unknown, as libcurl.
    pub content_length_download: i64,
    pub content_length_upload: i64,
    pub filetime: i64,
    pub condition_unmet: bool,
    pub retry_after: i64,
    pub namelookup: Duration,
    pub connect: Duration,
    pub appconnect: Duration,
    pub pretransfer: Duration,
    pub starttransfer: Duration,
    pub total: Duration,
    pub redirect: Duration,
    pub httpauth_avail: u64,
}

impl Info {
    /// The state before a transfer starts: libcurl resets most values per perform.
    pub fn fresh() -> Self {
        Info {
            content_length_download: -1,
            content_length_upload: -1,
            filetime: -1,
            ..Info::default()
        }
    }

    /// Bytes per second over the whole transfer, as libcurl computes its averages.
    pub fn speed(bytes: u64, total: Duration) -> u64 {
        let us = total.as_micros();
        if us == 0 {
            return bytes;
        }
        ((bytes as u128 * 1_000_000) / us) as u64
    }
}
