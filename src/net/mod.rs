//! Sockets: non-blocking connects over a list of addresses, the local binding
//! (`CURLOPT_INTERFACE`, local ports) and the socket options a transfer asks for; Unix
//! domain sockets.

pub mod bind;
pub mod connect;
pub mod signal;
pub mod socket;
pub mod socks;
pub mod tls;
pub mod unix;

/// The scope id for a URL zone id: a number, or an interface name.
pub fn scope_id(zone: &str) -> Option<u32> {
    if let Ok(n) = zone.parse::<u32>() {
        return Some(n);
    }
    let name = std::ffi::CString::new(zone).ok()?;
    // SAFETY: if_nametoindex reads a valid NUL-terminated string and touches nothing else.
    let index = unsafe { libc::if_nametoindex(name.as_ptr()) };
    (index != 0).then_some(index)
}
