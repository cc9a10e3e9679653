//! A wake-up signal another thread can raise: an eventfd that a loop waits on with its
//! sockets (a finished name lookup, `curl_multi_wakeup`). Cloning shares the descriptor,
//! which stays open while any clone lives, so a late writer never hits a reused number.

use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::sync::Arc;

#[derive(Clone)]
pub struct Signal(Arc<OwnedFd>);

impl Signal {
    pub fn new() -> io::Result<Signal> {
        // SAFETY: eventfd takes no pointers; a non-negative result is a new descriptor.
        let fd = unsafe { libc::eventfd(0, libc::EFD_NONBLOCK | libc::EFD_CLOEXEC) };
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: `fd` was just created and nobody else owns it.
        Ok(Signal(Arc::new(unsafe { OwnedFd::from_raw_fd(fd) })))
    }

    /// Raises the signal; true when it is raised (a full counter still counts).
    pub fn raise(&self) -> bool {
        let one: u64 = 1;
        // SAFETY: writes 8 bytes from a valid u64 to a descriptor this value keeps open.
        let n = unsafe { libc::write(self.fd(), std::ptr::addr_of!(one).cast(), 8) };
        n == 8 || io::Error::last_os_error().raw_os_error() == Some(libc::EAGAIN)
    }

    /// Lowers it again, so that the descriptor is no longer readable.
    pub fn clear(&self) {
        let mut v: u64 = 0;
        // SAFETY: reads at most 8 bytes into a valid u64 from a descriptor we keep open.
        unsafe { libc::read(self.fd(), std::ptr::addr_of_mut!(v).cast(), 8) };
    }

    pub fn fd(&self) -> RawFd {
        self.0.as_raw_fd()
    }
}
