//! `CURLOPT_MAX_RECV_SPEED_LARGE` and `CURLOPT_MAX_SEND_SPEED_LARGE`, with libcurl
//! 7.88.1's policy: the average speed is measured over a window that starts anew at most
//! every three seconds; when the bytes of the window came faster than the limit allows, the
//! transfer moves nothing until the time those bytes should have taken has passed.
//!
//! Pure: fed byte counts and `now`, it answers how long to wait. The transfer turns that
//! into its wake deadline and watches no socket meanwhile.

use std::time::{Duration, Instant};

/// A new measuring window starts no sooner than this after the last one (libcurl's
/// `MIN_RATE_LIMIT_PERIOD`).
const WINDOW: Duration = Duration::from_millis(3000);

/// The limit of one direction and its current window.
#[derive(Clone, Copy, Debug)]
struct Direction {
    /// Bytes per second; 0 is no limit.
    limit: u64,
    start: Instant,
    /// The direction's byte count when the window started.
    start_size: u64,
}

impl Direction {
    /// Milliseconds to wait so that the bytes since the window's start stay under the
    /// limit: what they should have taken minus what they took, in whole milliseconds as
    /// libcurl counts (`Curl_pgrsLimitWaitTime`).
    fn wait_ms(&self, total: u64, now: Instant) -> u64 {
        if self.limit == 0 || total <= self.start_size {
            return 0;
        }
        let size = u128::from(total - self.start_size);
        let minimum = (size * 1000 / u128::from(self.limit)).min(u128::from(u64::MAX)) as u64;
        let actual = now.saturating_duration_since(self.start).as_millis() as u64;
        minimum.saturating_sub(actual)
    }

    /// Starts a new window when the current one is old enough (`Curl_ratelimit`).
    fn restamp(&mut self, total: u64, now: Instant) {
        if self.limit > 0 && now.saturating_duration_since(self.start) >= WINDOW {
            self.start = now;
            self.start_size = total;
        }
    }
}

/// Both directions' limits and whether the transfer is held back (libcurl's
/// `MSTATE_RATELIMITING`).
#[derive(Clone, Copy, Debug)]
pub struct RateLimit {
    recv: Direction,
    send: Direction,
    limiting: bool,
}

impl RateLimit {
    /// Limits in bytes per second (0: none), windows starting at `now` with nothing moved,
    /// as a transfer starts (`Curl_pgrsStartNow`).
    pub fn new(max_recv: u64, max_send: u64, now: Instant) -> Self {
        let dir = |limit| Direction {
            limit,
            start: now,
            start_size: 0,
        };
        RateLimit {
            recv: dir(max_recv),
            send: dir(max_send),
            limiting: false,
        }
    }

    pub fn is_active(&self) -> bool {
        self.recv.limit > 0 || self.send.limit > 0
    }

    /// Held back by the last check.
    pub fn is_limiting(&self) -> bool {
        self.limiting
    }

    /// Checked before moving data, with the body bytes received and sent so far: `None`
    /// when the transfer may go on, else when to check again. Both directions wait for the
    /// longer of the two waits, as libcurl's single `EXPIRE_TOOFAST` timer.
    pub fn check(&mut self, received: u64, sent: u64, now: Instant) -> Option<Instant> {
        if !self.is_active() {
            return None;
        }
        let wait = self
            .recv
            .wait_ms(received, now)
            .max(self.send.wait_ms(sent, now));
        let was_limiting = self.limiting;
        self.limiting = wait > 0;
        // Entering the held-back state and leaving it both may start a new window.
        if self.limiting != was_limiting {
            self.recv.restamp(received, now);
            self.send.restamp(sent, now);
        }
        self.limiting.then(|| now + Duration::from_millis(wait))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn no_limit_never_waits() {
        let t0 = Instant::now();
        let mut r = RateLimit::new(0, 0, t0);
        assert!(!r.is_active());
        assert_eq!(r.check(u64::MAX / 2, 1 << 40, t0), None);
    }

    #[test]
    fn under_the_limit_goes_on() {
        let t0 = Instant::now();
        let mut r = RateLimit::new(1000, 0, t0);
        // Nothing yet, and 500 bytes after 600 ms (500 should take 500 ms).
        assert_eq!(r.check(0, 0, t0), None);
        assert_eq!(r.check(500, 0, t0 + ms(600)), None);
        assert!(!r.is_limiting());
    }

    #[test]
    fn too_fast_waits_the_difference() {
        let t0 = Instant::now();
        let mut r = RateLimit::new(1000, 0, t0);
        // 2000 bytes should take 2000 ms; 300 ms have passed.
        let now = t0 + ms(300);
        assert_eq!(r.check(2000, 0, now), Some(now + ms(1700)));
        assert!(r.is_limiting());
        // Checked again early: the rest of the wait.
        let later = t0 + ms(1000);
        assert_eq!(r.check(2000, 0, later), Some(later + ms(1000)));
        // At the deadline it goes on.
        assert_eq!(r.check(2000, 0, t0 + ms(2000)), None);
        assert!(!r.is_limiting());
    }

    #[test]
    fn whole_milliseconds_as_libcurl() {
        let t0 = Instant::now();
        let mut r = RateLimit::new(3, 0, t0);
        // 1000 * 1 / 3 = 333 ms; 0.9 ms elapsed counts as 0.
        let now = t0 + Duration::from_micros(900);
        assert_eq!(r.check(1, 0, now), Some(now + ms(333)));
    }

    #[test]
    fn send_limit_alone() {
        let t0 = Instant::now();
        let mut r = RateLimit::new(0, 100, t0);
        let now = t0 + ms(100);
        // Receiving is not limited at all.
        assert_eq!(r.check(1 << 30, 0, now), None);
        assert_eq!(r.check(1 << 30, 50, now), Some(now + ms(400)));
    }

    #[test]
    fn the_longer_wait_wins() {
        let t0 = Instant::now();
        let mut r = RateLimit::new(1000, 1000, t0);
        let now = t0 + ms(100);
        assert_eq!(r.check(500, 3000, now), Some(now + ms(2900)));
        let mut r = RateLimit::new(1000, 1000, t0);
        assert_eq!(r.check(3000, 500, now), Some(now + ms(2900)));
    }

    #[test]
    fn the_window_moves_after_three_seconds() {
        let t0 = Instant::now();
        let mut r = RateLimit::new(1000, 0, t0);
        // A slow start: 1000 bytes in 3.5 s, under the limit, so the window stays.
        assert_eq!(r.check(1000, 0, t0 + ms(3500)), None);
        // Then a burst: 5000 bytes by 3.6 s. Over the window from t0 that is 5000 ms
        // wanted, 3600 taken: wait 1400, and the window restarts at 3.6 s with 5000 bytes.
        let t1 = t0 + ms(3600);
        assert_eq!(r.check(5000, 0, t1), Some(t1 + ms(1400)));
        // Woken at 5 s with nothing more: the new window holds no bytes, go on.
        assert_eq!(r.check(5000, 0, t0 + ms(5000)), None);
        // 1000 bytes more by 5.1 s, measured from 3.6 s: 1000 wanted, 1500 taken.
        assert_eq!(r.check(6000, 0, t0 + ms(5100)), None);
        // 3000 more by 5.2 s: 3000 wanted since 3.6 s, 1600 taken.
        let t2 = t0 + ms(5200);
        assert_eq!(r.check(8000, 0, t2), Some(t2 + ms(1400)));
    }

    #[test]
    fn a_young_window_is_kept() {
        let t0 = Instant::now();
        let mut r = RateLimit::new(1000, 0, t0);
        let t1 = t0 + ms(1000);
        // 4000 bytes in 1 s: wait 3000; the window (1 s old) is kept.
        assert_eq!(r.check(4000, 0, t1), Some(t1 + ms(3000)));
        let t2 = t0 + ms(4000);
        assert_eq!(r.check(4000, 0, t2), None);
        // Leaving at 4 s restamps: the window is now 4 s old, so it restarts with 4000.
        let t3 = t0 + ms(4100);
        assert_eq!(r.check(4200, 0, t3), Some(t3 + ms(100)));
    }

    #[test]
    fn fewer_bytes_than_the_window_start_never_wait() {
        // A redirect resets the byte counts but not the window, as in libcurl.
        let t0 = Instant::now();
        let mut r = RateLimit::new(1000, 0, t0);
        let t1 = t0 + ms(3000);
        assert_eq!(r.check(9000, 0, t1), Some(t1 + ms(6000)));
        assert_eq!(r.check(10, 0, t1 + ms(1)), None);
    }

    #[test]
    fn huge_counts_do_not_overflow() {
        let t0 = Instant::now();
        let mut r = RateLimit::new(1, 0, t0);
        assert!(r.check(u64::MAX, 0, t0).is_some());
    }
}
