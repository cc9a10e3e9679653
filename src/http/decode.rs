//! Content decoding: streaming gzip / deflate / identity decoders chained for the codings a
//! response lists, fed in pieces, output through a callback.
//!
//! Behaviour follows libcurl 7.88.1 with zlib, which matters in corner cases:
//!
//! * Stages are stacked so transfer codings are undone before content codings, each list
//!   in reverse header order (the last coding applied is the first undone).
//! * `deflate` expects a zlib stream; if the first piece of data fails before any output, it
//!   is retried as raw deflate, and then up to four stray bytes after the end are tolerated.
//! * `gzip` also accepts a zlib stream (zlib's automatic header detection).
//! * Any byte after the end of a compressed stream is `CURLE_WRITE_ERROR` with no message.
//! * A stream cut short is *not* an error: libcurl never checks that the end was reached.
//! * An unknown coding fails with `CURLE_BAD_CONTENT_ENCODING` only once body data arrives.
//!
//! Decompression of the deflate data itself is miniz_oxide's (through flate2); the zlib and
//! gzip wrappers and checksums are handled here so that errors carry zlib's own messages
//! ("incorrect header check", "incorrect data check", ...). For corruption inside the
//! compressed data, where zlib would name the exact defect, only the first block's type and
//! stored lengths are diagnosed by name; other defects get libcurl's text for a zlib error
//! without a message.

use flate2::{Crc, Decompress, FlushDecompress, Status};

use super::response::ResponseHead;
use super::HttpError;

/// What `Accept-Encoding: ` carries when `CURLOPT_ACCEPT_ENCODING` is "": every coding this
/// module decodes, in libcurl's table order.
pub const ALL_CONTENT_ENCODINGS: &str = "deflate, gzip";

/// libcurl's decompression buffer (`CURL_MAX_WRITE_SIZE`): output is handed on in pieces of at
/// most this size.
pub const DECODE_BUFFER: usize = 16384;

const MSG_PREFIX: &str = "Error while processing content unencoding: ";
const NO_ZLIB_MSG: &str = "Unknown failure within decompression software.";

/// A callback receiving decoded bytes.
pub type Sink<'a> = dyn FnMut(&[u8]) -> Result<(), HttpError> + 'a;

/// A chain of decoders for one response body.
#[derive(Debug)]
pub struct ContentDecoder {
    /// `stages[0]` receives the body bytes first.
    stages: Vec<Stage>,
}

#[derive(Debug)]
enum Stage {
    Identity,
    Zlib(Box<Inflater>),
    Unknown,
}

impl ContentDecoder {
    /// Builds the chain for the given codings (as [`ResponseHead`] lists them). `None` when
    /// there is nothing to undo, in which case libcurl passes the body through untouched.
    pub fn new(transfer_codings: &[String], content_codings: &[String]) -> Option<ContentDecoder> {
        let stages: Vec<Stage> = transfer_codings
            .iter()
            .rev()
            .chain(content_codings.iter().rev())
            .map(|name| stage_for(name))
            .collect();
        (!stages.is_empty()).then_some(ContentDecoder { stages })
    }

    /// The chain for a parsed head.
    pub fn for_head(head: &ResponseHead) -> Option<ContentDecoder> {
        ContentDecoder::new(&head.transfer_codings, &head.content_codings)
    }

    /// Decodes `data` (any amount, any split) and passes the output on. Errors from `out` are
    /// returned unchanged.
    pub fn write<F>(&mut self, data: &[u8], out: &mut F) -> Result<(), HttpError>
    where
        F: FnMut(&[u8]) -> Result<(), HttpError>,
    {
        write_chain(&mut self.stages, data, out)
    }

    /// The body ended. Always `Ok`: libcurl does not notice a truncated compressed stream.
    pub fn finish(&mut self) -> Result<(), HttpError> {
        Ok(())
    }
}

fn stage_for(name: &str) -> Stage {
    let is = |n: &str| name.eq_ignore_ascii_case(n);
    if is("identity") || is("none") {
        Stage::Identity
    } else if is("deflate") {
        Stage::Zlib(Box::new(Inflater::new(Wrap::Zlib)))
    } else if is("gzip") || is("x-gzip") {
        Stage::Zlib(Box::new(Inflater::new(Wrap::Auto)))
    } else {
        Stage::Unknown
    }
}

fn write_chain(stages: &mut [Stage], data: &[u8], out: &mut Sink<'_>) -> Result<(), HttpError> {
    if data.is_empty() {
        return Ok(());
    }
    let Some((first, rest)) = stages.split_first_mut() else {
        return out(data);
    };
    match first {
        Stage::Identity => write_chain(rest, data, out),
        Stage::Unknown => Err(HttpError::BadContentEncoding(format!(
            "Unrecognized content encoding type. libcurl understands \
             {ALL_CONTENT_ENCODINGS} content encodings."
        ))),
        Stage::Zlib(z) => z.write(data, &mut |d| write_chain(rest, d, out)),
    }
}

/// Which wrapper the compressed data has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wrap {
    /// zlib (RFC 1950): `deflate` coding.
    Zlib,
    /// gzip (RFC 1952) or zlib, told apart by the first two bytes: `gzip` coding.
    Auto,
    /// Bare deflate (RFC 1951): the fallback for `deflate` servers that omit the wrapper.
    Raw,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Phase {
    /// First two bytes: gzip magic or zlib CMF/FLG.
    Magic,
    /// zlib preset-dictionary id (4 bytes), which libcurl cannot supply.
    DictId,
    GzFlags,
    GzTime,
    GzOs,
    GzExtraLen,
    GzExtra(usize),
    GzName,
    GzComment,
    GzHeaderCrc,
    Body,
    /// Checksum (and for gzip the length) after the deflate data.
    Trailer,
    /// After a raw fallback stream: this many more stray bytes are tolerated.
    ExternalTrailer(usize),
    /// Stream finished: nothing more may arrive.
    Done,
    Failed,
}

/// Why decompression stopped, mapped to libcurl's result.
#[derive(Debug, Clone, PartialEq, Eq)]
enum ZError {
    /// zlib's Z_DATA_ERROR with its message.
    Data(&'static str),
    /// A Z_DATA_ERROR whose zlib message we cannot reproduce.
    DataUnknown,
    /// Z_NEED_DICT: fails without a message.
    NeedDict,
    /// Bytes after the end of the stream.
    Trailing,
    /// The sink failed.
    Sink(HttpError),
}

/// A streaming inflater with zlib's wrapper handling and libcurl's fallback rules.
#[derive(Debug)]
pub struct Inflater {
    wrap: Wrap,
    phase: Phase,
    inflate: Decompress,
    /// Header bytes being collected.
    acc: Vec<u8>,
    /// gzip header flags byte.
    gz_flags: u8,
    header_crc: Crc,
    is_gzip: bool,
    crc: Crc,
    adler: Adler32,
    total_out: u64,
    /// Still in the first write and nothing decoded has been passed on: a `deflate` stream
    /// may still restart as raw deflate.
    may_restart: bool,
    first_block_checked: bool,
    buf: Vec<u8>,
}

impl Inflater {
    /// An inflater for data with the given wrapper.
    pub fn new(wrap: Wrap) -> Inflater {
        Inflater {
            wrap,
            phase: if wrap == Wrap::Raw {
                Phase::Body
            } else {
                Phase::Magic
            },
            inflate: Decompress::new(false),
            acc: Vec::with_capacity(8),
            gz_flags: 0,
            header_crc: Crc::new(),
            is_gzip: false,
            crc: Crc::new(),
            adler: Adler32::new(),
            total_out: 0,
            may_restart: wrap == Wrap::Zlib,
            first_block_checked: false,
            buf: vec![0; DECODE_BUFFER],
        }
    }

    /// Feeds compressed bytes; decompressed output goes to `out`.
    pub fn write(&mut self, data: &[u8], out: &mut Sink<'_>) -> Result<(), HttpError> {
        let first = self.may_restart;
        let mut delivered = false;
        let result = self.run(data, &mut |d| {
            delivered = true;
            out(d)
        });
        let result = match result {
            Err(ZError::Data(_) | ZError::DataUnknown) if first && !delivered => {
                // Some servers send raw deflate for "deflate": start over without a wrapper,
                // on the same bytes, and allow a few stray bytes at the end.
                *self = Inflater::new(Wrap::Raw);
                self.run(data, out)
            }
            other => other,
        };
        self.may_restart = false;
        result.map_err(|e| {
            self.phase = Phase::Failed;
            match e {
                ZError::Data(m) => HttpError::BadContentEncoding(format!("{MSG_PREFIX}{m}")),
                ZError::DataUnknown | ZError::NeedDict => {
                    HttpError::BadContentEncoding(format!("{MSG_PREFIX}{NO_ZLIB_MSG}"))
                }
                ZError::Trailing => HttpError::WriteError(None),
                ZError::Sink(e) => e,
            }
        })
    }

    /// Processes `data`.
    fn run(&mut self, data: &[u8], out: &mut Sink<'_>) -> Result<(), ZError> {
        let mut i = 0;
        while i < data.len() || self.phase == Phase::Body {
            match self.phase {
                Phase::Body => {
                    let (used, ended) = self.inflate_some(&data[i..], out)?;
                    i += used;
                    if ended {
                        if self.wrap == Wrap::Raw {
                            return self.after_end_raw(&data[i..]);
                        }
                        self.phase = Phase::Trailer;
                        self.acc.clear();
                    } else if used == 0 {
                        return Ok(());
                    }
                }
                Phase::Trailer => {
                    let need = if self.is_gzip { 8 } else { 4 };
                    i += self.collect(&data[i..], need);
                    if self.acc.len() < need {
                        return Ok(());
                    }
                    self.check_trailer()?;
                    self.phase = Phase::Done;
                    if i < data.len() {
                        return Err(ZError::Trailing);
                    }
                    return Ok(());
                }
                Phase::ExternalTrailer(_) => return self.after_end_raw(&data[i..]),
                Phase::Done | Phase::Failed => return Err(ZError::Trailing),
                _ => i += self.header_step(&data[i..])?,
            }
        }
        Ok(())
    }

    /// The end of a raw stream: up to four stray bytes may follow, spread over any writes.
    fn after_end_raw(&mut self, rest: &[u8]) -> Result<(), ZError> {
        let left = match self.phase {
            Phase::ExternalTrailer(n) => n,
            _ => 4,
        };
        let take = left.min(rest.len());
        let left = left - take;
        if rest.len() > take {
            return Err(ZError::Trailing);
        }
        self.phase = if left == 0 {
            Phase::Done
        } else {
            Phase::ExternalTrailer(left)
        };
        Ok(())
    }

    /// Adds up to `need` bytes to `acc`; returns how many were taken.
    fn collect(&mut self, data: &[u8], need: usize) -> usize {
        let take = need.saturating_sub(self.acc.len()).min(data.len());
        self.acc.extend_from_slice(&data[..take]);
        take
    }

    /// Parses wrapper header bytes; returns how many were used.
    fn header_step(&mut self, data: &[u8]) -> Result<usize, ZError> {
        let fixed = |phase: &Phase| match phase {
            Phase::Magic
            | Phase::GzFlags
            | Phase::GzOs
            | Phase::GzExtraLen
            | Phase::GzHeaderCrc => 2,
            Phase::DictId | Phase::GzTime => 4,
            _ => 0,
        };
        let need = fixed(&self.phase);
        if need > 0 {
            let used = self.collect(data, need);
            if self.phase != Phase::GzHeaderCrc {
                self.header_crc.update(&data[..used]);
            }
            if self.acc.len() == need {
                let acc = std::mem::take(&mut self.acc);
                self.header_field(&acc)?;
            }
            return Ok(used);
        }
        match self.phase {
            Phase::GzExtra(left) => {
                let take = left.min(data.len());
                self.header_crc.update(&data[..take]);
                self.phase = if take == left {
                    self.after_extra()
                } else {
                    Phase::GzExtra(left - take)
                };
                Ok(take)
            }
            Phase::GzName | Phase::GzComment => {
                let (take, ended) = match data.iter().position(|&b| b == 0) {
                    Some(p) => (p + 1, true),
                    None => (data.len(), false),
                };
                self.header_crc.update(&data[..take]);
                if ended {
                    self.phase = if self.phase == Phase::GzName {
                        self.after_name()
                    } else {
                        self.after_comment()
                    };
                }
                Ok(take)
            }
            _ => Ok(0),
        }
    }

    /// Acts on a complete fixed-size header field.
    fn header_field(&mut self, f: &[u8]) -> Result<(), ZError> {
        match self.phase {
            Phase::Magic => {
                if self.wrap == Wrap::Auto && f == [0x1f, 0x8b] {
                    self.is_gzip = true;
                    self.phase = Phase::GzFlags;
                    return Ok(());
                }
                let (cmf, flg) = (f[0] as u32, f[1] as u32);
                if (cmf << 8 | flg) % 31 != 0 {
                    return Err(ZError::Data("incorrect header check"));
                }
                if cmf & 0x0f != 8 {
                    return Err(ZError::Data("unknown compression method"));
                }
                if (cmf >> 4) + 8 > 15 {
                    return Err(ZError::Data("invalid window size"));
                }
                self.phase = if flg & 0x20 != 0 {
                    Phase::DictId
                } else {
                    Phase::Body
                };
            }
            Phase::DictId => return Err(ZError::NeedDict),
            Phase::GzFlags => {
                if f[0] != 8 {
                    return Err(ZError::Data("unknown compression method"));
                }
                if f[1] & 0xe0 != 0 {
                    return Err(ZError::Data("unknown header flags set"));
                }
                self.gz_flags = f[1];
                self.phase = Phase::GzTime;
            }
            Phase::GzTime => self.phase = Phase::GzOs,
            Phase::GzOs => {
                self.phase = if self.gz_flags & 0x04 != 0 {
                    Phase::GzExtraLen
                } else {
                    self.after_extra()
                }
            }
            Phase::GzExtraLen => {
                let len = u16::from_le_bytes([f[0], f[1]]) as usize;
                self.phase = if len == 0 {
                    self.after_extra()
                } else {
                    Phase::GzExtra(len)
                };
            }
            Phase::GzHeaderCrc => {
                let want = u16::from_le_bytes([f[0], f[1]]) as u32;
                if want != self.header_crc.sum() & 0xffff {
                    return Err(ZError::Data("header crc mismatch"));
                }
                self.phase = Phase::Body;
            }
            _ => {}
        }
        Ok(())
    }

    fn after_extra(&self) -> Phase {
        if self.gz_flags & 0x08 != 0 {
            Phase::GzName
        } else {
            self.after_name()
        }
    }

    fn after_name(&self) -> Phase {
        if self.gz_flags & 0x10 != 0 {
            Phase::GzComment
        } else {
            self.after_comment()
        }
    }

    fn after_comment(&self) -> Phase {
        if self.gz_flags & 0x02 != 0 {
            Phase::GzHeaderCrc
        } else {
            Phase::Body
        }
    }

    fn check_trailer(&mut self) -> Result<(), ZError> {
        let a = &self.acc;
        if self.is_gzip {
            let crc = u32::from_le_bytes([a[0], a[1], a[2], a[3]]);
            if crc != self.crc.sum() {
                return Err(ZError::Data("incorrect data check"));
            }
            let len = u32::from_le_bytes([a[4], a[5], a[6], a[7]]);
            if len != self.total_out as u32 {
                return Err(ZError::Data("incorrect length check"));
            }
        } else {
            let adler = u32::from_be_bytes([a[0], a[1], a[2], a[3]]);
            if adler != self.adler.sum() {
                return Err(ZError::Data("incorrect data check"));
            }
        }
        Ok(())
    }

    /// zlib's first-block diagnostics, which miniz_oxide reports only as a generic failure.
    fn check_first_block(&mut self, data: &[u8]) -> Result<(), ZError> {
        if self.first_block_checked || data.is_empty() {
            return Ok(());
        }
        let btype = (data[0] >> 1) & 3;
        if btype == 3 {
            return Err(ZError::Data("invalid block type"));
        }
        if btype == 0 {
            if data.len() < 5 {
                // Decided later, by the inflater itself.
                self.first_block_checked = true;
                return Ok(());
            }
            let len = u16::from_le_bytes([data[1], data[2]]);
            let nlen = u16::from_le_bytes([data[3], data[4]]);
            if len != !nlen {
                return Err(ZError::Data("invalid stored block lengths"));
            }
        }
        self.first_block_checked = true;
        Ok(())
    }

    /// Inflates from `data`, passing output on in buffer-sized pieces. Returns the bytes used
    /// and whether the deflate stream ended.
    fn inflate_some(&mut self, data: &[u8], out: &mut Sink<'_>) -> Result<(usize, bool), ZError> {
        self.check_first_block(data)?;
        let mut used = 0;
        loop {
            let in0 = self.inflate.total_in();
            let out0 = self.inflate.total_out();
            let status = self
                .inflate
                .decompress(&data[used..], &mut self.buf, FlushDecompress::None)
                .map_err(|_| ZError::DataUnknown)?;
            let took = (self.inflate.total_in() - in0) as usize;
            let made = (self.inflate.total_out() - out0) as usize;
            used += took;
            if made > 0 {
                let chunk = &self.buf[..made];
                self.crc.update(chunk);
                self.adler.update(chunk);
                self.total_out += made as u64;
                out(chunk).map_err(ZError::Sink)?;
            }
            if status == Status::StreamEnd {
                return Ok((used, true));
            }
            // Keep going while input remains or the buffer came back full (more may be
            // latched inside the inflater).
            if (took == 0 && made == 0) || (used == data.len() && made < self.buf.len()) {
                return Ok((used, false));
            }
        }
    }
}

/// Adler-32 (RFC 1950) of decompressed data, for the zlib trailer.
#[derive(Debug, Clone, Copy)]
struct Adler32 {
    a: u32,
    b: u32,
}

impl Adler32 {
    const MOD: u32 = 65521;
    /// Most bytes that can be summed before `b` could overflow a u32.
    const NMAX: usize = 5552;

    fn new() -> Self {
        Adler32 { a: 1, b: 0 }
    }

    fn update(&mut self, data: &[u8]) {
        for block in data.chunks(Self::NMAX) {
            for &byte in block {
                self.a += byte as u32;
                self.b += self.a;
            }
            self.a %= Self::MOD;
            self.b %= Self::MOD;
        }
    }

    fn sum(&self) -> u32 {
        (self.b << 16) | self.a
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::{DeflateEncoder, GzEncoder, ZlibEncoder};
    use flate2::Compression;
    use std::io::Write;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn zlib(data: &[u8]) -> Vec<u8> {
        let mut e = ZlibEncoder::new(Vec::new(), Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn raw(data: &[u8]) -> Vec<u8> {
        let mut e = DeflateEncoder::new(Vec::new(), Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn dec(ce: &[&str]) -> ContentDecoder {
        let ce: Vec<String> = ce.iter().map(|s| s.to_string()).collect();
        ContentDecoder::new(&[], &ce).unwrap()
    }

    /// Feeds `input` in pieces of `step` bytes; returns output and the first error.
    fn feed(d: &mut ContentDecoder, input: &[u8], step: usize) -> (Vec<u8>, Option<HttpError>) {
        let mut got = Vec::new();
        for piece in input.chunks(step.max(1)) {
            if let Err(e) = d.write(piece, &mut |b| {
                got.extend_from_slice(b);
                Ok(())
            }) {
                return (got, Some(e));
            }
        }
        (got, None)
    }

    fn sample() -> Vec<u8> {
        (0..100_000u32)
            .flat_map(|i| (i % 251).to_le_bytes())
            .collect()
    }

    fn bad(m: &str) -> Option<HttpError> {
        Some(HttpError::BadContentEncoding(format!("{MSG_PREFIX}{m}")))
    }

    #[test]
    fn round_trips_any_split() {
        let data = sample();
        for (name, enc) in [
            ("gzip", gzip(&data)),
            ("deflate", zlib(&data)),
            ("x-gzip", gzip(&data)),
        ] {
            for step in [1, 2, 3, 7, 100, 4096, 1 << 20] {
                if step < 7 && enc.len() > 20_000 {
                    // Byte-at-a-time on the big sample is slow; covered below on small data.
                    continue;
                }
                let (got, e) = feed(&mut dec(&[name]), &enc, step);
                assert_eq!(e, None, "{name} step {step}");
                assert_eq!(got, data);
            }
        }
        let small = b"hello hello hello hello".to_vec();
        for (name, enc) in [("gzip", gzip(&small)), ("deflate", zlib(&small))] {
            for step in 1..enc.len() {
                let (got, e) = feed(&mut dec(&[name]), &enc, step);
                assert_eq!((got, e), (small.clone(), None), "{name} step {step}");
            }
        }
    }

    #[test]
    fn output_pieces_are_bounded() {
        let data = vec![b'a'; 200_000];
        let mut d = dec(&["gzip"]);
        let mut max = 0;
        d.write(&gzip(&data), &mut |b| {
            max = max.max(b.len());
            Ok(())
        })
        .unwrap();
        assert!(max <= DECODE_BUFFER);
    }

    #[test]
    fn gzip_accepts_zlib_and_deflate_accepts_raw() {
        let (got, e) = feed(&mut dec(&["gzip"]), &zlib(b"hello"), 1 << 20);
        assert_eq!((got.as_slice(), e), (&b"hello"[..], None));
        let (got, e) = feed(&mut dec(&["deflate"]), &raw(b"hello"), 1 << 20);
        assert_eq!((got.as_slice(), e), (&b"hello"[..], None));
        // Raw fallback tolerates up to four stray bytes, even in later writes.
        let mut r = raw(b"hello");
        r.extend_from_slice(b"1234");
        assert_eq!(feed(&mut dec(&["deflate"]), &r, 1 << 20).1, None);
        let mut d = dec(&["deflate"]);
        assert_eq!(feed(&mut d, &raw(b"hello"), 1 << 20).1, None);
        assert_eq!(feed(&mut d, b"12", 1).1, None);
        assert_eq!(feed(&mut d, b"34", 2).1, None);
        assert_eq!(feed(&mut d, b"5", 1).1, Some(HttpError::WriteError(None)));
        r.push(b'5');
        let (got, e) = feed(&mut dec(&["deflate"]), &r, 1 << 20);
        assert_eq!(got, b"hello");
        assert_eq!(e, Some(HttpError::WriteError(None)));
        // The fallback is only possible on the first write: two bytes of zlib header needed.
        let (_, e) = feed(&mut dec(&["deflate"]), &raw(b"hello"), 1);
        assert!(e.is_some());
    }

    #[test]
    fn trailing_bytes_are_write_errors() {
        let mut g = gzip(b"hello");
        g.extend_from_slice(b"JUNK");
        let (got, e) = feed(&mut dec(&["gzip"]), &g, 1 << 20);
        assert_eq!(got, b"hello");
        assert_eq!(e, Some(HttpError::WriteError(None)));
        // Also when the junk comes in a later write, or is a second gzip member.
        let mut d = dec(&["gzip"]);
        assert_eq!(feed(&mut d, &gzip(b"a"), 3).1, None);
        assert_eq!(
            feed(&mut d, &gzip(b"b"), 1 << 20).1,
            Some(HttpError::WriteError(None))
        );
        let mut z = zlib(b"hello");
        z.push(0);
        assert_eq!(
            feed(&mut dec(&["deflate"]), &z, 1 << 20).1,
            Some(HttpError::WriteError(None))
        );
    }

    #[test]
    fn corrupt_streams() {
        let mut g = gzip(b"hello");
        let n = g.len();
        g[n - 8] ^= 1;
        let (got, e) = feed(&mut dec(&["gzip"]), &g, 1 << 20);
        assert_eq!(
            (got.as_slice(), e),
            (&b"hello"[..], bad("incorrect data check"))
        );
        let mut g = gzip(b"hello");
        g[n - 1] ^= 1;
        assert_eq!(
            feed(&mut dec(&["gzip"]), &g, 3).1,
            bad("incorrect length check")
        );
        let mut z = zlib(b"hello");
        let n = z.len();
        z[n - 1] ^= 1;
        assert_eq!(
            feed(&mut dec(&["deflate"]), &z, 1 << 20).1,
            bad("incorrect data check")
        );
        assert_eq!(
            feed(&mut dec(&["gzip"]), b"this is not gzip at all", 1 << 20).1,
            bad("incorrect header check")
        );
        assert_eq!(
            feed(&mut dec(&["deflate"]), b"\xff\xff\xff\xff", 1 << 20).1,
            bad("invalid block type")
        );
        // gzip data under "deflate": zlib header fails, raw retry hits block type 3.
        assert_eq!(
            feed(&mut dec(&["deflate"]), &gzip(b"x"), 1 << 20).1,
            bad("invalid block type")
        );
        let mut g = gzip(b"hello");
        g[2] = 7;
        assert_eq!(
            feed(&mut dec(&["gzip"]), &g, 1 << 20).1,
            bad("unknown compression method")
        );
        let mut g = gzip(b"hello");
        g[3] = 0x20;
        assert_eq!(
            feed(&mut dec(&["gzip"]), &g, 1 << 20).1,
            bad("unknown header flags set")
        );
        // zlib with a preset dictionary: zlib asks for it, libcurl has none to give.
        let (_, e) = feed(
            &mut dec(&["gzip"]),
            &[0x78, 0xbb, 0, 0, 0, 1, 3, 0],
            1 << 20,
        );
        assert_eq!(e, bad(NO_ZLIB_MSG));
        // Window size over 15 bits.
        assert_eq!(
            feed(&mut dec(&["gzip"]), &[0x88, 0x98, 1, 2], 1 << 20).1,
            bad("invalid window size")
        );
    }

    #[test]
    fn gzip_header_fields() {
        // FTEXT|FHCRC|FEXTRA|FNAME|FCOMMENT with a correct header CRC.
        let body = raw(b"payload");
        let mut hdr = vec![0x1f, 0x8b, 8, 0x1f, 0, 0, 0, 0, 0, 3];
        hdr.extend_from_slice(&[3, 0, b'a', b'b', b'c']);
        hdr.extend_from_slice(b"name\0comment\0");
        let mut crc = Crc::new();
        crc.update(&hdr);
        let hcrc = (crc.sum() & 0xffff) as u16;
        let mut good = hdr.clone();
        good.extend_from_slice(&hcrc.to_le_bytes());
        good.extend_from_slice(&body);
        let mut c = Crc::new();
        c.update(b"payload");
        good.extend_from_slice(&c.sum().to_le_bytes());
        good.extend_from_slice(&7u32.to_le_bytes());
        for step in 1..good.len() {
            let (got, e) = feed(&mut dec(&["gzip"]), &good, step);
            assert_eq!((got.as_slice(), e), (&b"payload"[..], None), "step {step}");
        }
        let mut bad_crc = good.clone();
        bad_crc[hdr.len()] ^= 1;
        assert_eq!(
            feed(&mut dec(&["gzip"]), &bad_crc, 5).1,
            bad("header crc mismatch")
        );
    }

    #[test]
    fn truncated_stream_is_not_an_error() {
        let g = gzip(&sample());
        let mut d = dec(&["gzip"]);
        let (got, e) = feed(&mut d, &g[..g.len() - 10], 1000);
        assert_eq!(e, None);
        assert!(!got.is_empty());
        assert_eq!(d.finish(), Ok(()));
    }

    #[test]
    fn chains_and_unknown() {
        let (got, e) = feed(&mut dec(&["gzip", "gzip"]), &gzip(&gzip(b"hi")), 1 << 20);
        assert_eq!((got.as_slice(), e), (&b"hi"[..], None));
        // Last applied, first undone: deflate then gzip means ungzip first.
        let (got, e) = feed(
            &mut dec(&["deflate", "identity", "gzip"]),
            &gzip(&zlib(b"hi")),
            2,
        );
        assert_eq!((got.as_slice(), e), (&b"hi"[..], None));
        // Transfer codings come off before content codings.
        let te = vec!["gzip".to_string()];
        let ce = vec!["deflate".to_string()];
        let mut d = ContentDecoder::new(&te, &ce).unwrap();
        let (got, e) = feed(&mut d, &gzip(&zlib(b"hi")), 1 << 20);
        assert_eq!((got.as_slice(), e), (&b"hi"[..], None));
        let unknown = Some(HttpError::BadContentEncoding(
            "Unrecognized content encoding type. libcurl understands deflate, gzip content \
             encodings."
                .into(),
        ));
        assert_eq!(feed(&mut dec(&["compress"]), b"hello", 10).1, unknown);
        assert_eq!(feed(&mut dec(&["br"]), b"", 10).1, None);
        assert_eq!(
            feed(&mut dec(&["identity", "compress"]), b"x", 10).1,
            unknown
        );
        let (got, e) = feed(&mut dec(&["none", "IDENTITY"]), b"plain", 2);
        assert_eq!((got.as_slice(), e), (&b"plain"[..], None));
        assert!(ContentDecoder::new(&[], &[]).is_none());
    }

    #[test]
    fn sink_error_passes_through() {
        let mut d = dec(&["gzip"]);
        let e = d
            .write(&gzip(b"hello"), &mut |_| {
                Err(HttpError::WriteError(Some("x".into())))
            })
            .unwrap_err();
        assert_eq!(e, HttpError::WriteError(Some("x".into())));
    }

    #[test]
    fn adler32_known_values() {
        let mut a = Adler32::new();
        a.update(b"Wikipedia");
        assert_eq!(a.sum(), 0x11E6_0398);
        let mut a = Adler32::new();
        a.update(&vec![0xff; 100_000]);
        let mut b = Adler32::new();
        for c in vec![0xffu8; 100_000].chunks(77) {
            b.update(c);
        }
        assert_eq!(a.sum(), b.sum());
    }
}
