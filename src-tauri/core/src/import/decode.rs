//! Bytes to UTF-8: which encoding an import file is in, and a streaming reader that decodes it.
//!
//! Owns the encoding decision (a BOM, then a UTF-8 validity scan of the whole file, else the
//! Windows-1252 fallback) and [`DecodedReader`], a `BufRead` that yields UTF-8 while holding
//! no more than two fixed buffers of the file, however large the file is.

use std::fs::File;
use std::io::{self, BufRead, Read};
use std::path::Path;

use encoding_rs::{CoderResult, Decoder, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How much of the file is read at a time.
const CHUNK: usize = 64 * 1024;

/// The character encoding an import file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    /// Excel's default on Western Windows; used when the bytes are not valid UTF-8.
    Windows1252,
}

impl Encoding {
    /// The name people know it by.
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

impl std::fmt::Display for Encoding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// What [`detect`] found out about a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Detected {
    pub encoding: Encoding,
    /// Length of the byte order mark the file starts with (0 when it has none).
    pub bom_len: u8,
    pub total_bytes: u64,
}

/// Decides a file's encoding: a BOM wins; UTF-16 without a BOM is recognised by the NUL byte
/// an ASCII header character has next to it; otherwise the whole file is scanned, and it is
/// UTF-8 only when every byte of it is (a scan, not a guess from the first kilobytes, because
/// an export's first non-ASCII name may be on its last line).
pub(crate) fn detect(path: &Path) -> io::Result<Detected> {
    let mut file = File::open(path)?;
    let total_bytes = file.metadata()?.len();
    let mut head = [0u8; 4];
    let got = read_up_to(&mut file, &mut head)?;
    let head = &head[..got];
    let (encoding, bom_len) = if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
        (Encoding::Utf8, 3)
    } else if head.starts_with(&[0xFF, 0xFE]) {
        (Encoding::Utf16Le, 2)
    } else if head.starts_with(&[0xFE, 0xFF]) {
        (Encoding::Utf16Be, 2)
    } else if got >= 2 && head[0] != 0 && head[1] == 0 {
        (Encoding::Utf16Le, 0)
    } else if got >= 2 && head[0] == 0 && head[1] != 0 {
        (Encoding::Utf16Be, 0)
    } else {
        let mut file = File::open(path)?;
        if is_utf8(&mut file)? {
            (Encoding::Utf8, 0)
        } else {
            (Encoding::Windows1252, 0)
        }
    };
    Ok(Detected {
        encoding,
        bom_len,
        total_bytes,
    })
}

/// Reads until `buf` is full or the input ends; returns how many bytes were read.
fn read_up_to(input: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        match input.read(&mut buf[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(got)
}

/// Whether everything `input` yields is valid UTF-8, read in fixed chunks.
fn is_utf8(input: &mut impl Read) -> io::Result<bool> {
    let mut buf = vec![0u8; CHUNK];
    // Bytes of a character cut by the chunk boundary, moved to the front of the next chunk.
    let mut carried = 0;
    loop {
        let n = read_up_to(input, &mut buf[carried..])?;
        let end = carried + n;
        if n == 0 {
            return Ok(carried == 0);
        }
        match std::str::from_utf8(&buf[..end]) {
            Ok(_) => carried = 0,
            Err(e) if e.error_len().is_none() => {
                let valid = e.valid_up_to();
                buf.copy_within(valid..end, 0);
                carried = end - valid;
            }
            Err(_) => return Ok(false),
        }
    }
}

/// A file read as UTF-8: passed through when it is UTF-8 already (validated by [`detect`]),
/// decoded chunk by chunk otherwise. Counts the file bytes consumed, for progress.
pub(crate) struct DecodedReader<R = File> {
    file: R,
    decoder: Option<Decoder>,
    /// File bytes not yet decoded (decoding) or not yet handed out (pass-through).
    raw: Box<[u8]>,
    raw_pos: usize,
    raw_len: usize,
    raw_eof: bool,
    /// Decoded UTF-8 not yet handed out (decoding only).
    out: Box<[u8]>,
    out_pos: usize,
    out_len: usize,
    finished: bool,
    bytes_read: u64,
    replaced: bool,
}

/// Opens `path` for reading as UTF-8, past its byte order mark.
pub(crate) fn open(path: &Path, detected: &Detected) -> io::Result<DecodedReader> {
    let mut file = File::open(path)?;
    let mut bom = [0u8; 3];
    let skip = usize::from(detected.bom_len);
    read_up_to(&mut file, &mut bom[..skip])?;
    let mut reader = DecodedReader::new(file, detected.encoding, detected.bom_len > 0);
    reader.bytes_read = skip as u64;
    Ok(reader)
}

impl<R: Read> DecodedReader<R> {
    /// `with_bom`: the input had a UTF-8 BOM (already skipped). Such a file was not scanned,
    /// so it goes through the validating decoder, which replaces what is not UTF-8.
    pub(crate) fn new(file: R, encoding: Encoding, with_bom: bool) -> Self {
        let decoder = match encoding {
            Encoding::Utf8 if !with_bom => None,
            Encoding::Utf8 => Some(UTF_8.new_decoder_without_bom_handling()),
            Encoding::Utf16Le => Some(UTF_16LE.new_decoder_without_bom_handling()),
            Encoding::Utf16Be => Some(UTF_16BE.new_decoder_without_bom_handling()),
            Encoding::Windows1252 => Some(WINDOWS_1252.new_decoder_without_bom_handling()),
        };
        let out_len = if decoder.is_some() { CHUNK * 3 + 16 } else { 0 };
        DecodedReader {
            file,
            decoder,
            raw: vec![0u8; CHUNK].into_boxed_slice(),
            raw_pos: 0,
            raw_len: 0,
            raw_eof: false,
            out: vec![0u8; out_len].into_boxed_slice(),
            out_pos: 0,
            out_len: 0,
            finished: false,
            bytes_read: 0,
            replaced: false,
        }
    }

    /// File bytes consumed so far (including the BOM).
    pub(crate) fn bytes_read(&self) -> u64 {
        self.bytes_read
    }

    /// Whether some bytes could not be decoded and were replaced by U+FFFD.
    pub(crate) fn replaced(&self) -> bool {
        self.replaced
    }

    fn fill_raw(&mut self) -> io::Result<()> {
        if self.raw_pos == self.raw_len && !self.raw_eof {
            let n = loop {
                match self.file.read(&mut self.raw) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            };
            self.raw_pos = 0;
            self.raw_len = n;
            self.raw_eof = n == 0;
            self.bytes_read += n as u64;
        }
        Ok(())
    }
}

impl<R: Read> BufRead for DecodedReader<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.decoder.is_none() {
            self.fill_raw()?;
            return Ok(&self.raw[self.raw_pos..self.raw_len]);
        }
        // Loops only while the decoder consumes input without output (the first half of a
        // character split by the chunk boundary), so it ends with output or at the end.
        while self.out_pos == self.out_len && !self.finished {
            self.fill_raw()?;
            let Some(decoder) = self.decoder.as_mut() else {
                break;
            };
            let last = self.raw_eof;
            let (result, read, written, replaced) =
                decoder.decode_to_utf8(&self.raw[self.raw_pos..self.raw_len], &mut self.out, last);
            self.raw_pos += read;
            self.out_pos = 0;
            self.out_len = written;
            self.replaced |= replaced;
            if last && result == CoderResult::InputEmpty {
                self.finished = true;
            }
        }
        Ok(&self.out[self.out_pos..self.out_len])
    }

    fn consume(&mut self, amt: usize) {
        if self.decoder.is_some() {
            self.out_pos = (self.out_pos + amt).min(self.out_len);
        } else {
            self.raw_pos = (self.raw_pos + amt).min(self.raw_len);
        }
    }
}

impl<R: Read> Read for DecodedReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn decode_all(bytes: &[u8]) -> (Detected, String, bool) {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(bytes).unwrap();
        let detected = detect(file.path()).unwrap();
        let mut reader = open(file.path(), &detected).unwrap();
        let mut text = String::new();
        reader.read_to_string(&mut text).unwrap();
        assert_eq!(reader.bytes_read(), bytes.len() as u64);
        (detected, text, reader.replaced())
    }

    fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        let units = bom
            .then_some(0xFEFFu16)
            .into_iter()
            .chain(text.encode_utf16());
        for unit in units {
            if big_endian {
                out.extend_from_slice(&unit.to_be_bytes());
            } else {
                out.extend_from_slice(&unit.to_le_bytes());
            }
        }
        out
    }

    #[test]
    fn every_supported_encoding_decodes_to_the_same_text() {
        let text = "employee_id,full_name\nE1,Jürgen Müller — 東京\n";
        let mut with_bom = vec![0xEF, 0xBB, 0xBF];
        with_bom.extend_from_slice(text.as_bytes());
        for (bytes, encoding, bom_len) in [
            (text.as_bytes().to_vec(), Encoding::Utf8, 0),
            (with_bom, Encoding::Utf8, 3),
            (utf16(text, false, true), Encoding::Utf16Le, 2),
            (utf16(text, true, true), Encoding::Utf16Be, 2),
            (utf16(text, false, false), Encoding::Utf16Le, 0),
            (utf16(text, true, false), Encoding::Utf16Be, 0),
        ] {
            let (detected, decoded, replaced) = decode_all(&bytes);
            assert_eq!(
                (detected.encoding, detected.bom_len),
                (encoding, bom_len),
                "{bytes:?}"
            );
            assert_eq!(decoded, text);
            assert!(!replaced);
        }
    }

    #[test]
    fn invalid_utf8_anywhere_means_windows_1252() {
        // 0xFC is ü in Windows-1252; put it past the first chunk to prove the whole file counts.
        let mut bytes = "employee_id,full_name\n".as_bytes().to_vec();
        for i in 0..10_000 {
            bytes.extend_from_slice(format!("E{i},Person {i}\n").as_bytes());
        }
        bytes.extend_from_slice(b"E-last,M\xFCller \x80\n");
        assert!(bytes.len() > CHUNK);
        let (detected, decoded, _) = decode_all(&bytes);
        assert_eq!(detected.encoding, Encoding::Windows1252);
        assert!(
            decoded.ends_with("E-last,Müller €\n"),
            "{}",
            &decoded[decoded.len() - 30..]
        );
    }

    #[test]
    fn a_character_split_across_chunks_is_still_utf8() {
        let mut bytes = vec![b'a'; CHUNK - 1];
        bytes.extend_from_slice("ü tail".as_bytes());
        let (detected, decoded, _) = decode_all(&bytes);
        assert_eq!(detected.encoding, Encoding::Utf8);
        assert!(decoded.ends_with("ü tail"));
        // A file that ends in the middle of a character is not UTF-8.
        let (detected, _, _) = decode_all(&[b'a', 0xC3]);
        assert_eq!(detected.encoding, Encoding::Windows1252);
    }

    #[test]
    fn undecodable_utf16_is_replaced_and_flagged() {
        // An odd trailing byte cannot be a UTF-16 code unit.
        let mut bytes = utf16("a,b\n", false, true);
        bytes.push(b'x');
        let (_, decoded, replaced) = decode_all(&bytes);
        assert_eq!(decoded, "a,b\n\u{FFFD}");
        assert!(replaced);
    }

    #[test]
    fn empty_file_is_utf8_and_empty() {
        let (detected, decoded, _) = decode_all(b"");
        assert_eq!((detected.encoding, decoded.as_str()), (Encoding::Utf8, ""));
    }
}
