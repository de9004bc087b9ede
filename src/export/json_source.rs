//! JSON Lines files: one object per line, keys as columns, values kept as written (a number's
//! digits included, through `serde_json`'s raw values).

use core::fmt;
use std::io;

use serde::Deserialize;
use serde::de::{self, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::error::{Error, Result};
use crate::export::rows::{Assembler, Cell};

/// One line's object: its keys and raw values in order, duplicates included.
struct Record<'a>(Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for Record<'a> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> core::result::Result<Record<'a>, D::Error> {
        deserializer.deserialize_map(RecordVisitor(core::marker::PhantomData))
    }
}

struct RecordVisitor<'a>(core::marker::PhantomData<&'a ()>);

impl<'de: 'a, 'a> Visitor<'de> for RecordVisitor<'a> {
    type Value = Record<'a>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object (one record per line)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> core::result::Result<Record<'a>, A::Error> {
        let mut entries = Vec::new();
        while let Some((key, value)) = map.next_entry::<String, &'a RawValue>()? {
            entries.push((key, value));
        }
        Ok(Record(entries))
    }
}

/// A value's text as written: a string unescaped, a number or boolean as it stands, `null` empty.
enum Value {
    Text(String),
    Number(String),
    Empty,
}

fn value(raw: &RawValue) -> core::result::Result<Value, &'static str> {
    let text = raw.get();
    match text.as_bytes().first() {
        Some(b'"') => {
            serde_json::from_str::<String>(text).map(Value::Text).map_err(|_| "a string that cannot be read")
        }
        Some(b'n') => Ok(Value::Empty),
        Some(b't' | b'f') => Ok(Value::Text(text.to_owned())),
        Some(b'[' | b'{') => Err("a list or an object where a single value is expected"),
        Some(_) => Ok(Value::Number(text.to_owned())),
        None => Ok(Value::Empty),
    }
}

/// Reads the JSON Lines `input` (after any byte-order mark) into `rows`.
pub(crate) fn read(mut input: impl io::BufRead, rows: &mut Assembler<'_>, bom: bool) -> Result<()> {
    rows.source(None, bom);
    let mut buffer = Vec::new();
    let mut line = 0u64;
    loop {
        buffer.clear();
        let read = input
            .read_until(b'\n', &mut buffer)
            .map_err(|error| rows.at(Some(line + 1), None, None, Error::Io { detail: error.to_string() }))?;
        if read == 0 {
            return Ok(());
        }
        line += 1;
        if buffer.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let record: Record<'_> = serde_json::from_slice(&buffer).map_err(|error| {
            // serde_json counts lines within the one line read: say "character" instead.
            let detail = format!("not a JSON object: {error}");
            let detail = match detail.rsplit_once(" at line 1 column ") {
                Some((message, column)) => format!("{message} at character {column}"),
                None => detail,
            };
            rows.at(Some(line), None, None, Error::Malformed { detail })
        })?;
        let mut cells: Vec<(usize, Value)> = Vec::with_capacity(record.0.len());
        let mut keys: Vec<&str> = Vec::with_capacity(record.0.len());
        for (key, raw) in &record.0 {
            if keys.contains(&key.as_str()) {
                return Err(rows.at(Some(line), None, None, Error::DuplicateColumn { column: key.clone() }));
            }
            keys.push(key);
            let index = rows.column(line, key)?;
            let value = value(raw).map_err(|why| {
                rows.at(Some(line), Some(index), Some(raw.get()), Error::Malformed { detail: why.to_owned() })
            })?;
            cells.push((index, value));
        }
        rows.row(
            line,
            cells.iter().map(|(index, value)| {
                let cell = match value {
                    Value::Text(text) => Cell { text, number: false },
                    Value::Number(text) => Cell { text, number: true },
                    Value::Empty => Cell { text: "", number: false },
                };
                (*index, cell)
            }),
        )?;
    }
}
