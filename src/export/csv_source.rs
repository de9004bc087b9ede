//! CSV files: the delimiter set or detected from the header, a byte-order mark skipped, quoted
//! fields with delimiters, quotes and line breaks read by the `csv` crate.

use std::io::{self, Read};

use crate::error::{Error, Result};
use crate::export::rows::{Assembler, Cell};
use crate::export::settings::Settings;

/// The delimiters a file may use, in the order a tie goes.
const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];

/// The longest header the reader looks at to find the delimiter.
const HEADER_LIMIT: usize = 1 << 20;

/// Reads the CSV `input` (after any byte-order mark) into `rows`.
pub(crate) fn read(
    settings: &Settings,
    mut input: impl io::BufRead,
    rows: &mut Assembler<'_>,
    bom: bool,
) -> Result<()> {
    let io_error = |error: io::Error, rows: &Assembler<'_>| {
        rows.at(None, None, None, Error::Io { detail: error.to_string() })
    };
    let head = header_bytes(&mut input).map_err(|e| io_error(e, rows))?;
    let (delimiter, hint) = match settings.delimiter {
        Some(delimiter) => (delimiter, hint(&head, delimiter)),
        None => detect(settings, &head),
    };
    rows.source(Some(delimiter), bom);
    // Rows end at LF; the CR of a CRLF stays on the last cell and is cut off below. (With CRLF as
    // the terminator the `csv` crate counts the LF into the next row's position, one line late.)
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_reader(io::Cursor::new(head).chain(input));
    let mut record = csv::ByteRecord::new();
    let read = |reader: &mut csv::Reader<_>, record: &mut csv::ByteRecord, rows: &Assembler<'_>| {
        reader.read_byte_record(record).map_err(|error| {
            let line = error.position().map(csv::Position::line);
            let problem = match error.into_kind() {
                csv::ErrorKind::Io(error) => Error::Io { detail: error.to_string() },
                other => Error::Malformed { detail: format!("{other:?}") },
            };
            rows.at(line, None, None, problem)
        })
    };
    if !read(&mut reader, &mut record, rows)? {
        let problem = Error::Malformed { detail: "the file is empty: expected a header line".to_owned() };
        return Err(rows.at(None, None, None, problem));
    }
    let header_line = record.position().map_or(1, csv::Position::line);
    let names =
        utf8_cells(&record).map_err(|index| rows.at(Some(header_line), None, None, not_utf8(index)))?;
    rows.header(header_line, &names, hint)?;
    let width = names.len();
    drop(names);
    while read(&mut reader, &mut record, rows)? {
        let line = record.position().map_or(0, csv::Position::line);
        let cells =
            utf8_cells(&record).map_err(|index| rows.at(Some(line), Some(index), None, not_utf8(index)))?;
        if cells.len() == 1 && cells.first().is_some_and(|cell| cell.is_empty()) {
            // An empty line (of a CRLF file: the `csv` crate skips those of LF files itself).
            continue;
        }
        if cells.len() < width || cells.iter().skip(width).any(|cell| !cell.trim().is_empty()) {
            let problem = Error::Malformed {
                detail: format!(
                    "the row has {} cells but the header {width}: expected one cell per column",
                    cells.len()
                ),
            };
            return Err(rows.at(Some(line), None, None, problem));
        }
        rows.row(
            line,
            cells.iter().take(width).enumerate().map(|(index, &text)| (index, Cell { text, number: false })),
        )?;
    }
    Ok(())
}

fn not_utf8(index: usize) -> Error {
    Error::Malformed {
        detail: format!("cell {} is not UTF-8 text: expected the export saved as UTF-8", index + 1),
    }
}

/// The cells of `record` as text (the last without the CR of a CRLF line end); the index of the
/// first that is not UTF-8 otherwise.
fn utf8_cells(record: &csv::ByteRecord) -> core::result::Result<Vec<&str>, usize> {
    let last = record.len().saturating_sub(1);
    record
        .iter()
        .enumerate()
        .map(|(index, bytes)| {
            let bytes = if index == last { bytes.strip_suffix(b"\r").unwrap_or(bytes) } else { bytes };
            core::str::from_utf8(bytes).map_err(|_| index)
        })
        .collect()
}

/// The bytes of the header line (through its line break, which may be inside quotes), or of the
/// whole input when it is shorter; at most `HEADER_LIMIT` bytes.
fn header_bytes(input: &mut impl io::BufRead) -> io::Result<Vec<u8>> {
    let mut head = Vec::new();
    let mut quoted = false;
    loop {
        let buffer = input.fill_buf()?;
        if buffer.is_empty() {
            return Ok(head);
        }
        let mut end = None;
        for (index, &byte) in buffer.iter().enumerate() {
            match byte {
                b'"' => quoted = !quoted,
                b'\n' if !quoted => {
                    end = Some(index + 1);
                    break;
                }
                _ => {}
            }
        }
        let taken = end.unwrap_or(buffer.len());
        head.extend_from_slice(buffer.get(..taken).unwrap_or(buffer));
        input.consume(taken);
        if end.is_some() || head.len() >= HEADER_LIMIT {
            return Ok(head);
        }
    }
}

/// How often each candidate delimiter occurs in the header outside quotes.
fn counts(head: &[u8]) -> [usize; 4] {
    let mut counts = [0; 4];
    let mut quoted = false;
    for &byte in head {
        if byte == b'"' {
            quoted = !quoted;
        } else if !quoted
            && let Some(at) = CANDIDATES.iter().position(|&c| c == byte)
            && let Some(count) = counts.get_mut(at)
        {
            *count += 1;
        }
    }
    counts
}

/// The header's cells when split at `delimiter`.
fn split(head: &[u8], delimiter: u8) -> Vec<String> {
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(head);
    let mut record = csv::ByteRecord::new();
    match reader.read_byte_record(&mut record) {
        Ok(true) => record.iter().map(|cell| String::from_utf8_lossy(cell).into_owned()).collect(),
        _ => Vec::new(),
    }
}

/// The delimiter: of the candidates that occur in the header, the most frequent one under which
/// the mapping finds every column it requires; else the most frequent, with a hint for the error
/// that will follow.
fn detect(settings: &Settings, head: &[u8]) -> (u8, Option<String>) {
    let counts = counts(head);
    let mut order: Vec<usize> =
        (0..CANDIDATES.len()).filter(|&i| counts.get(i).is_some_and(|&n| n > 0)).collect();
    order.sort_by_key(|&i| core::cmp::Reverse(counts.get(i).copied().unwrap_or(0)));
    for &i in &order {
        let Some(&delimiter) = CANDIDATES.get(i) else { continue };
        let cells = split(head, delimiter);
        let names: Vec<&str> = cells.iter().map(String::as_str).collect();
        if Assembler::fits(settings, &names) {
            return (delimiter, None);
        }
    }
    let delimiter = order.first().and_then(|&i| CANDIDATES.get(i)).copied().unwrap_or(b',');
    (delimiter, hint(head, delimiter))
}

/// A hint for a header read with `delimiter` that another candidate splits into more columns.
fn hint(head: &[u8], delimiter: u8) -> Option<String> {
    let width = split(head, delimiter).len();
    let (better, columns) = CANDIDATES
        .iter()
        .filter(|&&candidate| candidate != delimiter)
        .map(|&candidate| (candidate, split(head, candidate).len()))
        .max_by_key(|&(_, columns)| columns)?;
    (columns > width).then(|| {
        format!(
            "split at {} the header has {}, split at {} it has {columns}: the file looks {}-separated \
             (leave the delimiter to be detected, or set it to {})",
            name(delimiter),
            count_columns(width),
            name(better),
            word(better),
            name(better)
        )
    })
}

fn count_columns(n: usize) -> String {
    if n == 1 { "1 column".to_owned() } else { format!("{n} columns") }
}

fn name(delimiter: u8) -> String {
    match delimiter {
        b'\t' => "tabs".to_owned(),
        other => format!("'{}'", char::from(other)),
    }
}

fn word(delimiter: u8) -> &'static str {
    match delimiter {
        b',' => "comma",
        b';' => "semicolon",
        b'\t' => "tab",
        _ => "bar",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_ends_at_the_first_line_break_outside_quotes() -> io::Result<()> {
        let mut input = io::Cursor::new(b"\"How likely,\nreally?\";b\r\n1;2\n".to_vec());
        assert_eq!(header_bytes(&mut input)?, b"\"How likely,\nreally?\";b\r\n");
        let mut rest = String::new();
        input.read_to_string(&mut rest)?;
        assert_eq!(rest, "1;2\n");
        Ok(())
    }

    #[test]
    fn delimiters_inside_quotes_do_not_count() {
        assert_eq!(counts(b"\"a,b,c\";d;e\n"), [0, 2, 0, 0]);
        assert_eq!(counts(b"a\tb\tc|d\n"), [0, 0, 2, 1]);
    }
}
