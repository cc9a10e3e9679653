//! Data that several easy handles (possibly on several threads) share through a share
//! handle: the DNS cache, the connection pool and the TLS sessions. Each piece sits behind its own mutex, and
//! the application's lock callbacks, when it set them, are called around every access, as
//! libcurl does.

use std::sync::{Arc, Mutex, MutexGuard};

use crate::engine::pool::Pool;
use crate::net::tls::TlsCache;
use crate::resolve::DnsCache;

/// Which shared data an access concerns (libcurl's `curl_lock_data`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockData {
    Dns,
    Connect,
    SslSession,
}

/// The application's lock and unlock callbacks. Implementations must be callable from any
/// thread, which libcurl requires of them.
pub trait Locks: Send + Sync {
    fn lock(&self, what: LockData);
    fn unlock(&self, what: LockData);
}

/// One piece of data that may be shared: our mutex, plus the application's locks if any.
pub struct Slot<T> {
    data: Arc<Mutex<T>>,
    kind: LockData,
    locks: Option<Arc<dyn Locks>>,
}

impl<T> Clone for Slot<T> {
    fn clone(&self) -> Self {
        Slot {
            data: self.data.clone(),
            kind: self.kind,
            locks: self.locks.clone(),
        }
    }
}

impl<T: Default> Slot<T> {
    pub fn new(kind: LockData, locks: Option<Arc<dyn Locks>>) -> Self {
        Slot {
            data: Arc::new(Mutex::new(T::default())),
            kind,
            locks,
        }
    }
}

impl<T> Slot<T> {
    /// Runs `f` with the data, holding the application's lock (if any) and ours around it.
    pub fn with<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        if let Some(l) = &self.locks {
            l.lock(self.kind);
        }
        let result = {
            let mut guard: MutexGuard<'_, T> = match self.data.lock() {
                Ok(g) => g,
                // A panic while holding the data cannot leave it unsafe to use: it holds
                // plain caches.
                Err(poisoned) => poisoned.into_inner(),
            };
            f(&mut guard)
        };
        if let Some(l) = &self.locks {
            l.unlock(self.kind);
        }
        result
    }
}

impl<T> Slot<T> {
    /// A reference that does not keep the data alive.
    pub fn downgrade(&self) -> WeakSlot<T> {
        WeakSlot {
            data: Arc::downgrade(&self.data),
            kind: self.kind,
            locks: self.locks.clone(),
        }
    }
}

/// A [`Slot`] that may be gone (the multi or share that owned it was cleaned up).
pub struct WeakSlot<T> {
    data: std::sync::Weak<Mutex<T>>,
    kind: LockData,
    locks: Option<Arc<dyn Locks>>,
}

impl<T> Clone for WeakSlot<T> {
    fn clone(&self) -> Self {
        WeakSlot {
            data: self.data.clone(),
            kind: self.kind,
            locks: self.locks.clone(),
        }
    }
}

impl<T> std::fmt::Debug for WeakSlot<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WeakSlot")
    }
}

impl<T> WeakSlot<T> {
    pub fn upgrade(&self) -> Option<Slot<T>> {
        Some(Slot {
            data: self.data.upgrade()?,
            kind: self.kind,
            locks: self.locks.clone(),
        })
    }
}

/// What a share handle shares, as the engine of each of its easy handles sees it.
#[derive(Clone, Default)]
pub struct ShareSet {
    pub dns: Option<Slot<DnsCache>>,
    pub connect: Option<Slot<Pool>>,
    pub ssl_session: Option<Slot<TlsCache>>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[derive(Default)]
    struct Count(AtomicUsize, AtomicUsize);

    impl Locks for Count {
        fn lock(&self, what: LockData) {
            assert_eq!(what, LockData::Dns);
            self.0.fetch_add(1, Ordering::SeqCst);
        }
        fn unlock(&self, _what: LockData) {
            self.1.fetch_add(1, Ordering::SeqCst);
        }
    }

    #[test]
    fn application_locks_wrap_every_access() {
        let count = Arc::new(Count::default());
        let slot: Slot<DnsCache> = Slot::new(LockData::Dns, Some(count.clone()));
        let other = slot.clone();
        slot.with(|_| ());
        other.with(|_| ());
        assert_eq!(count.0.load(Ordering::SeqCst), 2);
        assert_eq!(count.1.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn shared_between_threads() {
        let slot: Slot<Pool> = Slot::new(LockData::Connect, None);
        let handles: Vec<_> = (0..4)
            .map(|_| {
                let s = slot.clone();
                std::thread::spawn(move || s.with(|p| p.len()))
            })
            .collect();
        for h in handles {
            assert_eq!(h.join().unwrap(), 0);
        }
    }
}
