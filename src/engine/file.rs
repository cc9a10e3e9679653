//! file:// transfers, libcurl's FILE protocol: a local file read to the write callback, or
//! an upload written into one. No socket is involved: a step reads (or writes) a bounded
//! number of buffers and asks to be stepped again at once, so a large file never holds up
//! the other transfers of a multi, and both drivers run it like any other transfer.
//!
//! As libcurl 7.88.1: before the body, the header callback gets `Content-Length: N` and
//! `Accept-ranges: bytes` (not for a directory) and `Last-Modified: <date>`, followed by
//! the blank line unless `NOBODY` is set; `RANGE` and `RESUME_FROM` pick the part read;
//! an upload creates or truncates the file (appends with `RESUME_FROM`, skipping that many
//! bytes of what the read callback gives), with `NEW_FILE_PERMS`.

use std::fs::{File, OpenOptions};
use std::io::{ErrorKind, Read, Seek, SeekFrom, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::Path;
use std::sync::{Arc, Mutex};

use super::delivery::{Delivery, PauseFlags};
use super::hooks::{Hooks, ReadOutcome};
use super::response::from_http;
use crate::error::{Code, Error, Result};
use crate::info::Info;
use crate::options::{Options, TimeCondition};

/// The most a step reads or writes before letting the driver run others.
const STEP_BYTES: usize = 1 << 20;

/// What a step of a file transfer came to.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum FileStep {
    /// More to do: step again at once.
    More,
    /// Receiving is paused, or data waits for an unpause.
    Paused,
    Done,
}

enum Job {
    /// The file is open; its size and headers come in the first step.
    Opened(File),
    /// Reading the body; `remaining` when the size is known.
    Reading {
        file: File,
        remaining: Option<u64>,
    },
    Writing {
        file: File,
        skip: u64,
    },
    /// Finished, once held data is delivered.
    Finished,
}

pub(super) struct FileJob {
    job: Job,
    delivery: Delivery,
    info: Arc<Mutex<Info>>,
    downloaded: u64,
    uploaded: u64,
    /// The size expected to be read, for progress callbacks.
    expected: Option<u64>,
    buf: Vec<u8>,
}

/// The local path of a file URL's (percent-encoded) path: decoded, a NUL refused as libcurl
/// refuses it (`CURLE_URL_MALFORMAT`).
pub(super) fn local_path(encoded: &str) -> Result<Vec<u8>> {
    let bytes = crate::escape::unescape(encoded.as_bytes(), false)
        .map_err(|_| Error::bare(Code::UrlMalformat))?;
    if bytes.contains(&0) {
        return Err(Error::bare(Code::UrlMalformat));
    }
    Ok(bytes)
}

/// The range libcurl reads for `CURLOPT_RANGE` (or `RESUME_FROM`, which it turns into
/// "N-"): the offset to start at (negative: that many bytes before the end) and how many
/// bytes to read at most (0: no limit). A range ending before it starts, or numbers that
/// overflow, are `CURLE_RANGE_ERROR`. As libcurl's `Curl_range`, what does not parse as a
/// number counts as 0 ("x-y" reads one byte from 0).
pub(super) fn parse_range(range: &str) -> Result<(i64, i64)> {
    let range_error = || Error::bare(Code::RangeError);
    let (from, rest) = number(range).map_err(|()| range_error())?;
    let rest = rest.trim_start_matches([' ', '\t', '-']);
    let (to, _) = number(rest).map_err(|()| range_error())?;
    Ok(match (from, to) {
        (Some(from), None) => (from, 0),
        (None, Some(to)) => (-to, to),
        (from, to) => {
            let (from, to) = (from.unwrap_or(0), to.unwrap_or(0));
            if from > to {
                return Err(range_error());
            }
            let total = to - from;
            if total == i64::MAX {
                return Err(range_error());
            }
            (from, total + 1)
        }
    })
}

/// libcurl's `curlx_strtoofft` in base 10: leading blanks skipped, no sign allowed;
/// `Ok(None)` when no number starts here, `Err` on overflow. Returns the rest of the text.
fn number(s: &str) -> std::result::Result<(Option<i64>, &str), ()> {
    let t = s.trim_start_matches([' ', '\t']);
    if t.starts_with('-') || t.starts_with(|c: char| c.is_ascii_whitespace()) {
        return Ok((None, s));
    }
    // strtoll takes a '+' and skips white space before it.
    let digits_from = usize::from(t.starts_with('+'));
    let end = t[digits_from..]
        .find(|c: char| !c.is_ascii_digit())
        .map_or(t.len(), |i| i + digits_from);
    if end == digits_from {
        return Ok((None, s));
    }
    let n = t[digits_from..end].parse::<i64>().map_err(|_| ())?;
    Ok((Some(n), &t[end..]))
}

/// Whether a document of time `t` meets the time condition (libcurl's
/// `Curl_meets_timecondition`): a time or a condition value of 0 always does.
pub(super) fn meets_condition(cond: TimeCondition, value: i64, t: i64) -> bool {
    if t == 0 || value == 0 {
        return true;
    }
    match cond {
        TimeCondition::None => true,
        TimeCondition::IfUnmodifiedSince => t < value,
        TimeCondition::IfModifiedSince | TimeCondition::LastModified => t > value,
    }
}

impl FileJob {
    /// Opens the file of a file:// URL whose path is `encoded` (libcurl's `file_connect`,
    /// and for an upload the opening `file_upload` does).
    pub(super) fn open(
        encoded: &str,
        opts: &Options,
        pause: Arc<PauseFlags>,
        info: Arc<Mutex<Info>>,
    ) -> Result<FileJob> {
        let raw = local_path(encoded)?;
        let path = Path::new(std::ffi::OsStr::from_bytes(&raw));
        let job = if opts.upload {
            // A path without a directory part is refused, as libcurl refuses it.
            match raw.iter().position(|&b| b == b'/') {
                Some(i) if i + 1 < raw.len() => {}
                _ => return Err(Error::bare(Code::FileCouldntReadFile)),
            }
            let mut o = OpenOptions::new();
            o.write(true).create(true).mode(opts.new_file_perms);
            if opts.resume_from != 0 {
                o.append(true);
            } else {
                o.truncate(true);
            }
            let file = o.open(path).map_err(|_| {
                Error::new(
                    Code::WriteError,
                    format!("Can't open {} for writing", String::from_utf8_lossy(&raw)),
                )
            })?;
            let skip = match opts.resume_from {
                // A negative offset: as much as the file holds already.
                r if r < 0 => file.metadata().map(|m| m.len()).map_err(|_| {
                    Error::new(
                        Code::WriteError,
                        format!("Can't get the size of {}", String::from_utf8_lossy(&raw)),
                    )
                })?,
                r => r as u64,
            };
            Job::Writing { file, skip }
        } else {
            let file = File::open(path).map_err(|_| {
                Error::new(
                    Code::FileCouldntReadFile,
                    format!("Couldn't open file {encoded}"),
                )
            })?;
            Job::Opened(file)
        };
        if opts.upload && opts.infilesize >= 0 {
            let size = opts.infilesize;
            if let Ok(mut i) = info.lock() {
                i.content_length_upload = size;
            }
        }
        Ok(FileJob {
            job,
            delivery: Delivery::new(pause.clone()),
            info,
            downloaded: 0,
            uploaded: 0,
            expected: None,
            buf: Vec::new(),
        })
    }

    /// Bytes read and written so far.
    pub(super) fn moved(&self) -> (u64, u64) {
        (self.downloaded, self.uploaded)
    }

    /// The size to be read, when known.
    pub(super) fn expected(&self) -> Option<u64> {
        self.expected
    }

    fn with_info(&self, f: impl FnOnce(&mut Info)) {
        if let Ok(mut i) = self.info.lock() {
            f(&mut i);
        }
    }

    /// Goes on for at most a bounded amount of data.
    pub(super) fn step(
        &mut self,
        hooks: &mut dyn Hooks,
        opts: &Options,
        pause: &PauseFlags,
    ) -> Result<FileStep> {
        // What was held for an unpause goes first; nothing is read while paused.
        if (self.delivery.holding() || pause.recv_paused())
            && (!self.delivery.flush(hooks).map_err(from_http)? || pause.recv_paused())
        {
            return Ok(FileStep::Paused);
        }
        match std::mem::replace(&mut self.job, Job::Finished) {
            Job::Finished => Ok(FileStep::Done),
            Job::Opened(file) => {
                // The body follows in the same step, as a small file is read at once in
                // libcurl.
                self.begin(file, hooks, opts)?;
                self.step(hooks, opts, pause)
            }
            Job::Reading { file, remaining } => self.read(file, remaining, hooks, opts, pause),
            Job::Writing { file, skip } => self.write(file, skip, hooks, opts),
        }
    }

    /// libcurl's `file_do` up to the body: the size and time, the header lines, the range.
    fn begin(&mut self, mut file: File, hooks: &mut dyn Hooks, opts: &Options) -> Result<()> {
        let meta = file.metadata().ok();
        let mut expected: i64 = -1;
        if let Some(m) = &meta {
            if !m.is_dir() {
                expected = m.len() as i64;
            }
            let mtime = m.mtime();
            self.with_info(|i| i.filetime = mtime);
            let ranged = opts.range.is_some() || opts.resume_from != 0;
            if !ranged
                && opts.time_condition != TimeCondition::None
                && !meets_condition(opts.time_condition, opts.time_value, mtime)
            {
                self.with_info(|i| i.condition_unmet = true);
                return Ok(());
            }
            if expected >= 0 {
                self.header(hooks, format!("Content-Length: {expected}\r\n").as_bytes())?;
                self.header(hooks, b"Accept-ranges: bytes\r\n")?;
            }
            let date = crate::http::request::http_date(mtime)
                .ok_or_else(|| Error::bare(Code::BadFunctionArgument))?;
            let end = if opts.no_body { "" } else { "\r\n" };
            self.header(hooks, format!("Last-Modified: {date}\r\n{end}").as_bytes())?;
            self.with_info(|i| i.content_length_download = expected);
            if opts.no_body {
                return Ok(());
            }
        }
        // RESUME_FROM becomes the range "N-", as in libcurl.
        let range = match (opts.resume_from, &opts.range) {
            (0, None) => None,
            (0, Some(r)) => Some(r.clone()),
            (n, _) => Some(format!("{n}-")),
        };
        let (mut resume, max) = match range {
            Some(r) => parse_range(&r)?,
            None => (0, 0),
        };
        if resume < 0 {
            let Some(m) = &meta else {
                return Err(Error::new(Code::ReadError, "Can't get the size of file."));
            };
            resume += m.len() as i64;
        }
        if resume > 0 {
            if resume <= expected {
                expected -= resume;
            } else {
                return Err(Error::new(
                    Code::BadDownloadResume,
                    "failed to resume file:// transfer",
                ));
            }
        }
        if max > 0 {
            expected = max;
        }
        let known = meta.is_some() && expected > 0;
        if known {
            self.with_info(|i| i.content_length_download = expected);
        }
        if resume != 0 {
            let to = u64::try_from(resume).map_err(|_| Error::bare(Code::BadDownloadResume))?;
            if file.seek(SeekFrom::Start(to)).ok() != Some(to) {
                return Err(Error::bare(Code::BadDownloadResume));
            }
        }
        let remaining = known.then_some(expected as u64);
        self.expected = remaining;
        self.job = Job::Reading { file, remaining };
        Ok(())
    }

    fn header(&mut self, hooks: &mut dyn Hooks, line: &[u8]) -> Result<()> {
        self.delivery.header(hooks, line, false).map_err(from_http)
    }

    fn read(
        &mut self,
        mut file: File,
        mut remaining: Option<u64>,
        hooks: &mut dyn Hooks,
        opts: &Options,
        pause: &PauseFlags,
    ) -> Result<FileStep> {
        let size = opts.buffer_size.max(2);
        let mut buf = std::mem::take(&mut self.buf);
        buf.resize(size, 0);
        let mut moved = 0;
        let outcome = loop {
            if moved >= STEP_BYTES {
                self.job = Job::Reading { file, remaining };
                break FileStep::More;
            }
            // A known size reads no more than is left; otherwise a buffer less one, as
            // libcurl reads.
            let want = remaining.map_or(size - 1, |r| r.min(size as u64) as usize);
            let n = match file.read(&mut buf[..want]) {
                Ok(n) => n,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                // A directory, or a read error: the end, as libcurl's loop ends.
                Err(_) => 0,
            };
            if n == 0 {
                break FileStep::Done;
            }
            if let Some(r) = &mut remaining {
                *r -= n as u64;
            }
            moved += n;
            if let Err(e) = self.delivery.body(hooks, &buf[..n]) {
                self.buf = buf;
                return Err(from_http(e));
            }
            if self.delivery.holding() {
                // The write callback paused: a file transfer cannot, as in libcurl.
                self.buf = buf;
                pause.set(0);
                return Err(Error::new(
                    Code::WriteError,
                    "Write callback asked for PAUSE when not supported",
                ));
            }
            // Counted once handed over, as libcurl counts.
            self.downloaded += n as u64;
            let total = self.downloaded;
            self.with_info(|i| i.size_download = total);
            if self.delivery.holding() || pause.recv_paused() {
                self.job = Job::Reading { file, remaining };
                break FileStep::Paused;
            }
        };
        self.buf = buf;
        Ok(outcome)
    }

    /// libcurl's `file_upload` loop: the read callback's data into the file.
    fn write(
        &mut self,
        mut file: File,
        mut skip: u64,
        hooks: &mut dyn Hooks,
        opts: &Options,
    ) -> Result<FileStep> {
        let mut buf = std::mem::take(&mut self.buf);
        buf.resize(opts.buffer_size.max(1), 0);
        let mut moved = 0;
        let result = loop {
            if moved >= STEP_BYTES {
                self.job = Job::Writing { file, skip };
                break Ok(FileStep::More);
            }
            let n = match hooks.read(&mut buf) {
                ReadOutcome::Data(0) => break Ok(FileStep::Done),
                ReadOutcome::Data(n) => n,
                ReadOutcome::Abort => {
                    break Err(Error::new(
                        Code::AbortedByCallback,
                        "operation aborted by callback",
                    ))
                }
                ReadOutcome::Fail => {
                    break Err(Error::new(
                        Code::ReadError,
                        "read function returned funny value",
                    ))
                }
                // A file transfer cannot pause, as in libcurl.
                ReadOutcome::Pause => {
                    break Err(Error::new(
                        Code::ReadError,
                        "Read callback asked for PAUSE when not supported",
                    ))
                }
            };
            moved += n;
            // The bytes before the resume offset are skipped.
            let from = usize::try_from(skip).map_or(n, |s| s.min(n));
            skip -= from as u64;
            if file.write_all(&buf[from..n]).is_err() {
                break Err(Error::bare(Code::SendError));
            }
            self.uploaded += (n - from) as u64;
            let total = self.uploaded;
            self.with_info(|i| i.size_upload = total);
        };
        self.buf = buf;
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_as_libcurl_reads_them() {
        assert_eq!(parse_range("2-5").unwrap(), (2, 4));
        assert_eq!(parse_range("-3").unwrap(), (-3, 3));
        assert_eq!(parse_range("7-").unwrap(), (7, 0));
        assert_eq!(parse_range("5-100").unwrap(), (5, 96));
        assert_eq!(parse_range(" 1 - 1").unwrap(), (1, 1));
        // Nothing that parses: from 0 to 0, one byte.
        assert_eq!(parse_range("x-y").unwrap(), (0, 1));
        assert_eq!(parse_range("-3-").unwrap(), (-3, 3));
        assert_eq!(parse_range("6-2").unwrap_err().code, Code::RangeError);
        assert_eq!(
            parse_range("99999999999999999999-").unwrap_err().code,
            Code::RangeError
        );
        assert_eq!(
            parse_range("0-9223372036854775807").unwrap_err().code,
            Code::RangeError
        );
    }

    #[test]
    fn paths_are_decoded_and_a_nul_refused() {
        assert_eq!(local_path("/a%20b").unwrap(), b"/a b");
        assert_eq!(local_path("/%61").unwrap(), b"/a");
        assert_eq!(local_path("/a%00b").unwrap_err().code, Code::UrlMalformat);
    }

    #[test]
    fn time_conditions() {
        use TimeCondition::*;
        assert!(meets_condition(IfModifiedSince, 0, 5));
        assert!(meets_condition(IfModifiedSince, 5, 0));
        assert!(!meets_condition(IfModifiedSince, 5, 5));
        assert!(meets_condition(IfModifiedSince, 5, 6));
        assert!(!meets_condition(IfUnmodifiedSince, 5, 5));
        assert!(meets_condition(IfUnmodifiedSince, 5, 4));
        assert!(!meets_condition(LastModified, 5, 4));
    }
}
