//! The transfer engine: transfers as state machines over non-blocking sockets, the
//! connection pool, name resolution and timers. It never sleeps or blocks: a transfer is
//! advanced until it would block, and says what it waits for (a socket's readiness, a
//! deadline); a driver does the waiting.

pub mod delivery;
mod file;
pub mod hooks;
pub mod multi;
mod pipe;
pub mod pool;
mod ratelimit;
mod response;
mod target;
#[cfg(test)]
mod tests;
mod transfer;

use std::sync::{Arc, Mutex};

use crate::error::Result;
use crate::info::Info;
use crate::net::tls::TlsCache;
use crate::options::{Options, PostBody};
use crate::resolve::{DnsCache, Resolver};
use crate::share::{LockData, ShareSet, Slot};

pub use transfer::{Interest, Step, Transfer, Watch};

/// What transfers share: connections to reuse, the DNS cache (both possibly shared with
/// other easy handles through a share handle) and the resolver.
pub struct Shared {
    pub pool: Slot<pool::Pool>,
    pub dns: Slot<DnsCache>,
    /// The receive buffer, lent to the transfer that reads: allocated (and zeroed) once, not
    /// per transfer.
    pub recv_buf: Vec<u8>,
    pub resolver: Resolver,
    /// How many idle connections the pool keeps (`CURLOPT_MAXCONNECTS` for an easy
    /// handle, `CURLMOPT_MAXCONNECTS` or four per handle for a multi).
    pub max_idle: usize,
    /// TLS client configurations, with the sessions that later connections resume.
    pub tls: Slot<TlsCache>,
    /// The multi this is (for pipelines, whose members are its transfers); 0 for the
    /// private engine of `curl_easy_perform`, which never pipelines.
    pub engine: u64,
    /// `CURLMOPT_PIPELINING` and the options around it.
    pub pipelining: crate::http::pipeline::PipelineOptions,
    /// Transfers to step at once: a pipeline changed for them.
    pub wake: Vec<u64>,
    /// The engine runs `curl_easy_perform` (either driver), not an application's multi.
    pub easy: bool,
}

impl Default for Shared {
    fn default() -> Self {
        Shared {
            pool: Slot::new(LockData::Connect, None),
            dns: Slot::new(LockData::Dns, None),
            recv_buf: Vec::new(),
            resolver: Resolver::default(),
            max_idle: pool::DEFAULT_MAX_IDLE,
            tls: Slot::new(LockData::SslSession, None),
            engine: 0,
            pipelining: Default::default(),
            wake: Vec::new(),
            easy: false,
        }
    }
}

/// A private engine of one transfer at a time, as `curl_easy_perform` uses.
#[derive(Default)]
pub struct Engine {
    shared: Shared,
    /// The handle's own pool and cache, used when no share handle provides them.
    own: ShareSet,
    driver: Option<crate::driver::Driver>,
}

impl Engine {
    /// Runs one transfer to completion, waiting in the internal driver.
    pub fn perform(
        &mut self,
        opts: Options,
        body: PostBody,
        hooks: Box<dyn hooks::Hooks>,
        info: Arc<Mutex<Info>>,
        pause: Arc<delivery::PauseFlags>,
        share: &ShareSet,
    ) -> Result<()> {
        self.shared.easy = true;
        // The share handle's pool and cache where it shares them, else the handle's own.
        let own_pool = self
            .own
            .connect
            .get_or_insert_with(|| self.shared.pool.clone());
        self.shared.pool = share.connect.clone().unwrap_or_else(|| own_pool.clone());
        // The private multi of one handle: 0 means its default, four per handle.
        self.shared.max_idle = match opts.maxconnects {
            0 => 4,
            n => usize::try_from(n).unwrap_or(usize::MAX),
        };
        let own_dns = self.own.dns.get_or_insert_with(|| self.shared.dns.clone());
        self.shared.dns = share.dns.clone().unwrap_or_else(|| own_dns.clone());
        let own_tls = self
            .own
            .ssl_session
            .get_or_insert_with(|| self.shared.tls.clone());
        self.shared.tls = share.ssl_session.clone().unwrap_or_else(|| own_tls.clone());
        if crate::driver::events::enabled() {
            load_resolve_entries(&self.shared.dns, &opts)?;
            pause.set(0);
            let transfer = Transfer::new(opts, body, hooks, info, pause);
            let pool_and_dns = ShareSet {
                connect: Some(self.shared.pool.clone()),
                dns: Some(self.shared.dns.clone()),
                ssl_session: Some(self.shared.tls.clone()),
            };
            return crate::driver::events::run(transfer, &pool_and_dns, self.shared.max_idle);
        }
        // After fork() the child must not share the parent's epoll instance and waker: a
        // driver made in another process is replaced.
        if self
            .driver
            .as_ref()
            .is_some_and(|d| d.pid() != std::process::id())
        {
            self.driver = None;
        }
        let driver = match &mut self.driver {
            Some(d) => d,
            None => {
                let d = crate::driver::Driver::new()?;
                self.shared.resolver.set_wake(d.waker());
                self.driver.insert(d)
            }
        };
        load_resolve_entries(&self.shared.dns, &opts)?;
        // A new transfer starts unpaused.
        pause.set(0);
        let mut transfer = Transfer::new(opts, body, hooks, info, pause);
        driver.run(&mut self.shared, &mut transfer)
    }
}

/// `CURLOPT_RESOLVE` entries go into the cache once, when the first transfer after the option
/// was set starts (the C layer hands them over only then).
pub fn load_resolve_entries(dns: &Slot<DnsCache>, opts: &Options) -> Result<()> {
    let now = std::time::Instant::now();
    for line in &opts.resolve {
        let entry = crate::resolve::parse_resolve_entry(line).ok_or_else(|| {
            crate::error::Error::new(
                crate::error::Code::SetoptOptionSyntax,
                format!("Couldn't parse CURLOPT_RESOLVE entry '{line}'"),
            )
        })?;
        dns.with(|d| d.apply(entry, opts.dns_shuffle, now));
    }
    Ok(())
}
