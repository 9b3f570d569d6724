//! UTF-8 text to CSV records, each with the physical line it starts on.
//!
//! Owns delimiter sniffing and [`Records`], a streaming reader over `csv_core`. It uses the
//! core parser rather than the `csv` crate's `Reader` for two reasons: `csv::Position::line()`
//! is the line where the previous record ended (wrong after blank lines and on every CRLF
//! file), and `csv::Reader` grows a record without bound, so one unclosed quote in a 100 MB
//! file would read the whole rest of the file into memory. Here blank lines are skipped before
//! a record starts, so its line is exact, and a record may not outgrow [`MAX_RECORD_BYTES`].

use std::borrow::Cow;
use std::io::{self, BufRead, Read};

use csv_core::{ReadRecordResult, ReaderBuilder, Terminator};

pub use crate::delimiter::Delimiter;

/// The longest record accepted (all its fields together). Far above any real row; what it
/// stops is an unclosed quote swallowing the rest of the file.
pub(crate) const MAX_RECORD_BYTES: usize = 4 * 1024 * 1024;
/// The most fields a record may have.
pub(crate) const MAX_FIELDS: usize = 1024;
/// How much of the file's start the delimiter is sniffed from.
const SNIFF_BYTES: u64 = 64 * 1024;

/// The delimiter that splits the header into the most fields (comma when none splits it):
/// parsing rather than counting characters, so a quoted header such as `"Name, full";Role`
/// is read as two columns split by a semicolon. The header is taken to be the first record
/// that some delimiter splits at all: exports put one-cell title rows above it
/// ("Headcount report").
pub(crate) fn sniff_delimiter(input: impl Read) -> io::Result<Delimiter> {
    const RECORDS: usize = 30;
    let mut head = Vec::new();
    input.take(SNIFF_BYTES).read_to_end(&mut head)?;
    let counts: Vec<Vec<usize>> = Delimiter::ALL
        .iter()
        .map(|&delimiter| {
            let mut records = Records::new(head.as_slice(), delimiter);
            let mut fields = Vec::new();
            while fields.len() < RECORDS {
                match records.advance() {
                    Ok(true) => fields.push(records.current().len()),
                    _ => break,
                }
            }
            fields
        })
        .collect();
    let rows = counts.iter().map(Vec::len).min().unwrap_or(0);
    let Some(header) = (0..rows).find(|&r| counts.iter().any(|c| c[r] > 1)) else {
        return Ok(Delimiter::Comma);
    };
    let mut best = (Delimiter::Comma, 1);
    for (delimiter, fields) in Delimiter::ALL.iter().zip(&counts) {
        if fields[header] > best.1 {
            best = (*delimiter, fields[header]);
        }
    }
    Ok(best.0)
}

/// Why a file could not be read to its end.
#[derive(Debug)]
pub(crate) enum ReadError {
    Io(io::Error),
    /// The record starting on `line` is longer than [`MAX_RECORD_BYTES`].
    TooLong {
        line: u64,
    },
    /// The record starting on `line` has more than [`MAX_FIELDS`] fields.
    TooManyFields {
        line: u64,
    },
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "the file could not be read: {e}"),
            ReadError::TooLong { .. } => write!(
                f,
                "the row starting here is longer than {} MiB; is a quote (\") left unclosed?",
                MAX_RECORD_BYTES / (1024 * 1024)
            ),
            ReadError::TooManyFields { .. } => {
                write!(
                    f,
                    "the row starting here has more than {MAX_FIELDS} columns"
                )
            }
        }
    }
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> Self {
        ReadError::Io(e)
    }
}

/// Non-blank CSV records of a UTF-8 stream, one at a time, in one reused buffer.
pub(crate) struct Records<R> {
    input: R,
    core: csv_core::Reader,
    fields: Vec<u8>,
    ends: Vec<usize>,
    len: usize,
    nfields: usize,
    /// The line of the next unread byte. CRLF, LF and a lone CR each end a line, as each
    /// ends a record: two records never share a line number.
    line: u64,
    /// Whether the last byte consumed was a CR (so an LF after it ends no further line).
    after_cr: bool,
    start_line: u64,
}

/// One record: its fields and the line it starts on.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Record<'a> {
    pub line: u64,
    fields: &'a [u8],
    ends: &'a [usize],
}

impl<'a> Record<'a> {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn get(&self, i: usize) -> Option<&'a [u8]> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        Some(&self.fields[start..end])
    }

    /// Field `i` as text; bytes that are not UTF-8 (only possible if the file changed after
    /// its encoding was detected) become U+FFFD rather than an error.
    pub fn text(&self, i: usize) -> Option<Cow<'a, str>> {
        self.get(i).map(String::from_utf8_lossy)
    }

    /// A record with nothing but spaces in every field (`,,,` rows from spreadsheets).
    fn is_blank(&self) -> bool {
        self.fields.iter().all(u8::is_ascii_whitespace)
    }
}

impl<R: BufRead> Records<R> {
    pub fn new(input: R, delimiter: Delimiter) -> Self {
        let core = ReaderBuilder::new()
            .delimiter(delimiter.byte())
            .terminator(Terminator::CRLF)
            .quoting(true)
            .double_quote(true)
            .build();
        Records {
            input,
            core,
            fields: vec![0; 1024],
            ends: vec![0; 32],
            len: 0,
            nfields: 0,
            line: 1,
            after_cr: false,
            start_line: 0,
        }
    }

    pub fn input(&self) -> &R {
        &self.input
    }

    /// The record [`advance`](Self::advance) read last.
    pub fn current(&self) -> Record<'_> {
        Record {
            line: self.start_line,
            fields: &self.fields[..self.len],
            ends: &self.ends[..self.nfields],
        }
    }

    /// Reads the next non-blank record; false at the end of the input.
    pub fn advance(&mut self) -> Result<bool, ReadError> {
        loop {
            if !self.skip_line_breaks()? {
                return Ok(false);
            }
            self.start_line = self.line;
            if !self.read_record()? {
                return Ok(false);
            }
            if !self.current().is_blank() {
                return Ok(true);
            }
        }
    }

    /// Consumes the line breaks before a record (blank lines, the LF of a CRLF) so that
    /// `line` is the line the record's first byte is on. False at the end of the input.
    fn skip_line_breaks(&mut self) -> io::Result<bool> {
        loop {
            let buf = self.input.fill_buf()?;
            if buf.is_empty() {
                return Ok(false);
            }
            let breaks = buf
                .iter()
                .take_while(|&&b| b == b'\n' || b == b'\r')
                .count();
            self.line += count_line_breaks(&buf[..breaks], &mut self.after_cr);
            let rest = breaks < buf.len();
            self.input.consume(breaks);
            if rest {
                return Ok(true);
            }
        }
    }

    fn read_record(&mut self) -> Result<bool, ReadError> {
        let (mut out, mut nends) = (0, 0);
        loop {
            let input = self.input.fill_buf()?;
            let (result, nin, nout, nend) =
                self.core
                    .read_record(input, &mut self.fields[out..], &mut self.ends[nends..]);
            self.line += count_line_breaks(&input[..nin], &mut self.after_cr);
            let at_end = input.is_empty();
            self.input.consume(nin);
            out += nout;
            nends += nend;
            match result {
                ReadRecordResult::InputEmpty if at_end => return Ok(false),
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull => {
                    if self.fields.len() >= MAX_RECORD_BYTES {
                        return Err(ReadError::TooLong {
                            line: self.start_line,
                        });
                    }
                    let grown = (self.fields.len() * 2).min(MAX_RECORD_BYTES);
                    self.fields.resize(grown, 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    if self.ends.len() >= MAX_FIELDS {
                        return Err(ReadError::TooManyFields {
                            line: self.start_line,
                        });
                    }
                    let grown = (self.ends.len() * 2).min(MAX_FIELDS);
                    self.ends.resize(grown, 0);
                }
                ReadRecordResult::Record => {
                    self.len = out;
                    self.nfields = nends;
                    return Ok(true);
                }
                ReadRecordResult::End => return Ok(false),
            }
        }
    }
}

fn count_line_breaks(bytes: &[u8], after_cr: &mut bool) -> u64 {
    let mut n = 0;
    for &b in bytes {
        if b == b'\r' || (b == b'\n' && !*after_cr) {
            n += 1;
        }
        *after_cr = b == b'\r';
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, delimiter: Delimiter) -> Vec<(u64, Vec<String>)> {
        let mut records = Records::new(text.as_bytes(), delimiter);
        let mut out = Vec::new();
        while records.advance().unwrap() {
            let r = records.current();
            let fields = (0..r.len())
                .map(|i| r.text(i).unwrap().into_owned())
                .collect();
            out.push((r.line, fields));
        }
        out
    }

    #[test]
    fn lines_are_where_records_start_after_blank_lines_quotes_and_crlf() {
        for eol in ["\n", "\r\n"] {
            let text = [
                "h1,h2",
                "a,b",
                "",
                "   ",
                "c,d",
                "\"multi",
                "line\",\"with \"\"quotes\"\", and comma\"",
                ",,",
                "last,1",
            ]
            .join(eol);
            let got = read(&text, Delimiter::Comma);
            let lines: Vec<u64> = got.iter().map(|(l, _)| *l).collect();
            assert_eq!(lines, vec![1, 2, 5, 6, 9], "eol {eol:?}");
            assert_eq!(got[3].1[0], format!("multi{eol}line"));
            assert_eq!(got[3].1[1], "with \"quotes\", and comma");
            assert_eq!(got[4].1, vec!["last", "1"]);
        }
    }

    #[test]
    fn a_lone_cr_ends_a_line_too() {
        let got = read("h\rA\r\nB\n\rC\r", Delimiter::Comma);
        let lines: Vec<u64> = got.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, vec![1, 2, 3, 5]);
    }

    #[test]
    fn leading_blank_lines_and_missing_final_newline() {
        let got = read("\n\r\n\nh;x\nv;w", Delimiter::Semicolon);
        assert_eq!(
            got,
            vec![
                (4, vec!["h".to_string(), "x".into()]),
                (5, vec!["v".to_string(), "w".into()])
            ]
        );
    }

    #[test]
    fn delimiter_is_sniffed_from_the_header() {
        for (text, want) in [
            ("a,b,c\n1;2;3;4;5\n", Delimiter::Comma),
            ("a;b;c\n", Delimiter::Semicolon),
            ("a\tb\tc\n", Delimiter::Tab),
            ("\"x, y\";b\n", Delimiter::Semicolon),
            ("\n\nonly\n", Delimiter::Comma),
            ("Headcount report\n\na;b;c\n1;2;3\n", Delimiter::Semicolon),
            ("Report\na|b|c\n", Delimiter::Pipe),
            ("", Delimiter::Comma),
        ] {
            assert_eq!(sniff_delimiter(text.as_bytes()).unwrap(), want, "{text:?}");
        }
    }

    #[test]
    fn an_unclosed_quote_stops_at_the_limit_with_its_line() {
        let mut text = String::from("h\nok\n\"open");
        text.push_str(&"x".repeat(MAX_RECORD_BYTES + 10));
        let mut records = Records::new(text.as_bytes(), Delimiter::Comma);
        assert!(records.advance().unwrap());
        assert!(records.advance().unwrap());
        match records.advance() {
            Err(ReadError::TooLong { line }) => assert_eq!(line, 3),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn too_many_fields_is_an_error() {
        let text = ",x".repeat(MAX_FIELDS + 1);
        let mut records = Records::new(text.as_bytes(), Delimiter::Comma);
        assert!(matches!(
            records.advance(),
            Err(ReadError::TooManyFields { line: 1 })
        ));
    }
}
