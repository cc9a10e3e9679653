//! libcurl's built-in progress meter: the text it writes to `CURLOPT_STDERR` when
//! `CURLOPT_NOPROGRESS` is 0 and no progress callback takes its place.
//!
//! Pure: the caller passes the counters, the time elapsed since the transfer started and
//! the whole second of its clock, and gets back the text to write (if any). The header
//! comes once, a line when the clock's second is not the one last shown, and a last line
//! with a newline when the transfer ends.

use std::time::Duration;

/// Samples kept for the current speed: six, so up to five seconds of transfer.
const SPEED_SAMPLES: usize = 6;

/// The header, two lines.
pub const HEADER: &str = "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n";

/// The figures of one update.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counters {
    /// The expected download size, when known.
    pub dl_total: Option<i64>,
    pub dl_now: i64,
    /// The expected upload size, when known.
    pub ul_total: Option<i64>,
    pub ul_now: i64,
}

/// At most five columns: the number, or with a unit (k, M, G, T, P; M and G with one
/// decimal below 100).
pub fn max5data(bytes: i64) -> String {
    const K: i64 = 1024;
    const M: i64 = K * K;
    const G: i64 = M * K;
    const T: i64 = G * K;
    const P: i64 = T * K;
    if bytes < 100_000 {
        format!("{bytes:5}")
    } else if bytes < 10_000 * K {
        format!("{:4}k", bytes / K)
    } else if bytes < 100 * M {
        five(format!("{:2}.{}M", bytes / M, (bytes % M) / (M / 10)))
    } else if bytes < 10_000 * M {
        format!("{:4}M", bytes / M)
    } else if bytes < 100 * G {
        five(format!("{:2}.{}G", bytes / G, (bytes % G) / (G / 10)))
    } else if bytes < 10_000 * G {
        format!("{:4}G", bytes / G)
    } else if bytes < 10_000 * T {
        format!("{:4}T", bytes / T)
    } else {
        format!("{:4}P", bytes / P)
    }
}

/// At most five bytes, as libcurl's buffer of six holds.
fn five(mut s: String) -> String {
    s.truncate(5);
    s
}

/// Eight columns of seconds: "--:--:--" for none, "HH:MM:SS" up to 99 hours, then
/// "NNNd NNh" up to 999 days, then "NNNNNNNd".
pub fn time2str(seconds: i64) -> String {
    if seconds <= 0 {
        return "--:--:--".into();
    }
    let h = seconds / 3600;
    if h <= 99 {
        let m = (seconds - h * 3600) / 60;
        let s = seconds - h * 3600 - m * 60;
        return format!("{h:2}:{m:02}:{s:02}");
    }
    let d = seconds / 86400;
    let h = (seconds - d * 86400) / 3600;
    if d <= 999 {
        format!("{d:3}d {h:02}h")
    } else {
        format!("{d:7}d")
    }
}

/// Bytes per second from bytes and microseconds, as libcurl's average speed.
fn trspeed(size: i64, us: i64) -> i64 {
    if us < 1 {
        size.saturating_mul(1_000_000)
    } else if size < i64::MAX / 1_000_000 {
        size * 1_000_000 / us
    } else if us >= 1_000_000 {
        size / (us / 1_000_000)
    } else {
        i64::MAX
    }
}

/// A percentage of `part` in `whole`, with libcurl's integer steps.
fn percent(part: i64, whole: i64) -> i64 {
    if whole > 10_000 {
        part / (whole / 100)
    } else if whole > 0 {
        part * 100 / whole
    } else {
        0
    }
}

/// One line of the meter, '\r' first, no newline.
pub fn line(c: Counters, elapsed: Duration, current_speed: i64) -> String {
    let us = i64::try_from(elapsed.as_micros()).unwrap_or(i64::MAX);
    let spent = us / 1_000_000;
    let dlspeed = trspeed(c.dl_now, us);
    let ulspeed = trspeed(c.ul_now, us);
    let (mut ulestimate, mut ulpercen, mut dlestimate, mut dlpercen) = (0, 0, 0, 0);
    if let Some(total) = c.ul_total.filter(|_| ulspeed > 0) {
        ulestimate = total / ulspeed;
        ulpercen = percent(c.ul_now, total);
    }
    if let Some(total) = c.dl_total.filter(|_| dlspeed > 0) {
        dlestimate = total / dlspeed;
        dlpercen = percent(c.dl_now, total);
    }
    let estimate = ulestimate.max(dlestimate);
    let left = if estimate > 0 { estimate - spent } else { 0 };
    let expected = c.ul_total.unwrap_or(c.ul_now) + c.dl_total.unwrap_or(c.dl_now);
    let total_percen = percent(c.dl_now + c.ul_now, expected);
    format!(
        "\r{total_percen:3} {}  {dlpercen:3} {}  {ulpercen:3} {}  {}  {} {} {} {} {}",
        max5data(expected),
        max5data(c.dl_now),
        max5data(c.ul_now),
        max5data(dlspeed),
        max5data(ulspeed),
        time2str(estimate),
        time2str(spent),
        time2str(left),
        max5data(current_speed),
    )
}

/// When the meter shows, and the samples of its current speed.
#[derive(Clone, Debug, Default)]
pub struct Meter {
    header_shown: bool,
    /// Where a resumed transfer starts, said before the header.
    resume_from: i64,
    /// The caller's whole second at the last line shown.
    last_shown: Option<u64>,
    /// (bytes moved both ways, elapsed) once a second, in a ring.
    samples: [(i64, Duration); SPEED_SAMPLES],
    count: usize,
    current_speed: i64,
}

impl Meter {
    pub fn new() -> Meter {
        Meter::default()
    }

    /// The transfer's resume offset (`CURLOPT_RESUME_FROM`), 0 for none.
    pub fn set_resume_from(&mut self, offset: i64) {
        self.resume_from = offset;
    }

    /// An update at the clock's whole `second`: the text to write when it is time to show
    /// a line (the header first, once), else `None`.
    pub fn update(&mut self, c: Counters, elapsed: Duration, second: u64) -> Option<String> {
        if self.last_shown == Some(second) {
            return None;
        }
        self.last_shown = Some(second);
        self.sample(c, elapsed);
        let mut out = String::new();
        if !self.header_shown {
            self.header_shown = true;
            if self.resume_from != 0 {
                let from = self.resume_from;
                out.push_str(&format!("** Resuming transfer from byte position {from}\n"));
            }
            out.push_str(HEADER);
        }
        out.push_str(&line(c, elapsed, self.current_speed));
        Some(out)
    }

    /// The transfer's end: a last line, shown whatever the time, then (`newline`) a
    /// newline. The samples start again for a next transfer; the header stays shown.
    pub fn done(&mut self, c: Counters, elapsed: Duration, second: u64, newline: bool) -> String {
        self.last_shown = None;
        let mut out = self.update(c, elapsed, second).unwrap_or_default();
        if newline {
            out.push('\n');
        }
        self.count = 0;
        out
    }

    fn sample(&mut self, c: Counters, elapsed: Duration) {
        let now = self.count % SPEED_SAMPLES;
        self.samples[now] = (c.dl_now + c.ul_now, elapsed);
        self.count += 1;
        let filled = self.count.min(SPEED_SAMPLES) - 1;
        if filled == 0 {
            let us = i64::try_from(elapsed.as_micros()).unwrap_or(i64::MAX);
            self.current_speed = trspeed(c.dl_now, us) + trspeed(c.ul_now, us);
            return;
        }
        let oldest = if self.count >= SPEED_SAMPLES {
            self.count % SPEED_SAMPLES
        } else {
            0
        };
        let (then_bytes, then) = self.samples[oldest];
        let span_ms = (elapsed.saturating_sub(then).as_millis() as i64).max(1);
        let amount = self.samples[now].0 - then_bytes;
        self.current_speed = if amount > 4_294_967 {
            (amount as f64 / (span_ms as f64 / 1000.0)) as i64
        } else {
            amount * 1000 / span_ms
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        let cases: &[(i64, &str)] = &[
            (0, "    0"),
            (99_999, "99999"),
            (100_000, "  97k"),
            (2_097_152, "2048k"),
            (10_239_999, "9999k"),
            (10_240_000, " 9.7M"),
            // The decimal reaches 10 just below 100 MiB; libcurl's 6-byte buffer cuts it.
            (104_857_599, "99.10"),
            (104_857_600, " 100M"),
            (10_485_759_999, "9999M"),
            (10_485_760_000, " 9.7G"),
            (107_374_182_400, " 100G"),
            (10_995_116_277_760, "  10T"),
            (11_258_999_068_426_240, "  10P"),
            (i64::MAX, "8191P"),
        ];
        for (n, s) in cases {
            assert_eq!(max5data(*n), *s, "{n}");
        }
    }

    #[test]
    fn times() {
        assert_eq!(time2str(0), "--:--:--");
        assert_eq!(time2str(-3), "--:--:--");
        assert_eq!(time2str(1), " 0:00:01");
        assert_eq!(time2str(3661), " 1:01:01");
        assert_eq!(time2str(99 * 3600 + 59 * 60 + 59), "99:59:59");
        assert_eq!(time2str(100 * 3600), "  4d 04h");
        assert_eq!(time2str(999 * 86400 + 23 * 3600), "999d 23h");
        assert_eq!(time2str(1000 * 86400), "   1000d");
    }

    // Lines in the layout the system libcurl 7.88.1 prints (c/meter.c checks it with
    // the clock-dependent columns masked), with figures worked out from its rules.
    #[test]
    fn first_line_before_data() {
        let mut m = Meter::new();
        let out = m.update(Counters::default(), Duration::ZERO, 0).unwrap();
        assert_eq!(
            out,
            format!("{HEADER}\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0")
        );
        // Within the same second: nothing.
        assert_eq!(
            m.update(Counters::default(), Duration::from_millis(500), 0),
            None
        );
    }

    #[test]
    fn finished_download() {
        let mut m = Meter::new();
        m.update(Counters::default(), Duration::ZERO, 0);
        let c = Counters {
            dl_total: Some(2_097_152),
            dl_now: 2_097_152,
            ul_total: None,
            ul_now: 0,
        };
        // 2 MiB in 0.5 s: 4 MiB/s average.
        let out = m.done(c, Duration::from_millis(500), 0, true);
        assert_eq!(
            out,
            "\r100 2048k  100 2048k    0     0  4096k      0 --:--:-- --:--:-- --:--:-- 4096k\n"
        );
    }

    #[test]
    fn slow_download_with_estimate() {
        let mut m = Meter::new();
        let mut c = Counters {
            dl_total: Some(300_000),
            dl_now: 0,
            ul_total: Some(0),
            ul_now: 0,
        };
        m.update(c, Duration::ZERO, 7);
        c.dl_now = 100_000;
        let out = m.update(c, Duration::from_millis(1000), 8).unwrap();
        // 100000 B/s: 3 s in all, 1 spent, 2 left; current over the 1 s since the start.
        assert_eq!(
            out,
            "\r 33  292k   33   97k    0     0    97k      0  0:00:03  0:00:01  0:00:02   97k"
        );
    }

    #[test]
    fn resumed() {
        let mut m = Meter::new();
        m.set_resume_from(1000);
        let out = m.update(Counters::default(), Duration::ZERO, 0).unwrap();
        assert!(out.starts_with(&format!(
            "** Resuming transfer from byte position 1000\n{HEADER}\r"
        )));
    }

    /// A handle's next transfer: no header again, and no line in a second already shown.
    #[test]
    fn next_transfer_on_the_handle() {
        let mut m = Meter::new();
        m.update(Counters::default(), Duration::ZERO, 3);
        let end = m.done(Counters::default(), Duration::from_millis(10), 3, true);
        assert!(!end.contains('%') && end.ends_with('\n'));
        assert_eq!(m.update(Counters::default(), Duration::ZERO, 3), None);
        let next = m
            .update(Counters::default(), Duration::from_secs(1), 4)
            .unwrap();
        assert!(next.starts_with("\r  0 "), "{next:?}");
    }

    #[test]
    fn upload_percentages() {
        let c = Counters {
            dl_total: Some(0),
            dl_now: 0,
            ul_total: Some(5000),
            ul_now: 2500,
        };
        let l = line(c, Duration::from_secs(1), 2500);
        assert_eq!(
            l,
            "\r 50  5000    0     0   50  2500      0   2500  0:00:02  0:00:01  0:00:01  2500"
        );
    }

    #[test]
    fn current_speed_window() {
        let mut m = Meter::new();
        for s in 0..8u64 {
            let c = Counters {
                dl_now: (s * s * 1000) as i64,
                ..Counters::default()
            };
            m.update(c, Duration::from_secs(s), s);
        }
        // The last six samples: seconds 2..=7, (49000 - 4000) bytes over 5 s.
        assert_eq!(m.current_speed, 9000);
    }
}
