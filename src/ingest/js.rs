//! X (Twitter) data archive files: `data/tweets.js` and its siblings are JavaScript, not
//! JSON. Each assigns one JSON array to a variable, `window.YTD.tweets.part0 = [ … ]`
//! (older archives: `window.YTD.tweet.part0`; big accounts split the array over
//! `tweets-part1.js`, … with `part1`, …). The array is flattened into a `RawTable`, one row
//! per element, whose header holds the dotted paths of the element's values
//! (`tweet.id_str`, `tweet.full_text`, `tweet.created_at`, …), so that adapters map it like
//! any other table.
//!
//! Flattening: an element `{ "tweet": { … } }` is read under its one key (`tweet.`); an
//! element without such a wrapper (the bare tweet objects of archives from 2019 and before)
//! is read under the file's name in the singular (`tweet.`). Nested objects give longer
//! paths (`tweet.entities.…`); arrays are kept as JSON text in one cell; numbers and
//! booleans as written; `null` as an empty cell. Every value is a string, as in a CSV.
//!
//! For these files the `line` of a row (and so of a quarantined row) is the element's
//! number in the array, counting from 1, not a line of the file.

use super::table::RawTable;
use serde_json::Value;
use std::collections::HashMap;

/// The prefix every X archive data file starts with.
const PREFIX: &str = "window.YTD.";

/// `None` when `text` is not an X archive data file (it does not start with
/// `window.YTD.`); otherwise the flattened table, or why the file cannot be read.
pub fn parse(text: &str) -> Option<Result<RawTable, String>> {
    let start = text.len() - text.trim_start().len();
    if !text[start..].starts_with(PREFIX) {
        return None;
    }
    Some(read(text, start))
}

fn read(text: &str, start: usize) -> Result<RawTable, String> {
    let Some(eq) = text[start..].find('=').map(|i| start + i) else {
        return Err("an X data archive file without `=` after `window.YTD.…`".into());
    };
    let variable = text[start..eq].trim();
    let name = archive_name(variable).ok_or_else(|| {
        format!(
            "an X data archive file, but `{}` is not of the form `window.YTD.<name>.part<N>`",
            shorten(variable)
        )
    })?;
    let body = text[eq + 1..].trim_end();
    let body = body.strip_suffix(';').unwrap_or(body);
    let value: Value = serde_json::from_str(body).map_err(|e| {
        // serde_json counts lines from the `=`, which is on the file's line `first`.
        let first = text[..eq].matches('\n').count();
        let message = e.to_string();
        let message = message
            .rfind(" at line ")
            .map_or(message.as_str(), |i| &message[..i]);
        format!(
            "`{variable}` is not followed by a readable JSON array: {message} (line {} of the file)",
            e.line() + first
        )
    })?;
    let Value::Array(items) = value else {
        return Err(format!(
            "`{variable}` is assigned {}, not an array",
            kind(&value)
        ));
    };
    if items.is_empty() {
        return Err(format!(
            "`{variable}` holds no items: there is nothing to read"
        ));
    }
    let bare = name.strip_suffix('s').unwrap_or(name);
    let mut header: Vec<String> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut rows = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let number = i as u64 + 1;
        let Value::Object(map) = item else {
            return Err(format!(
                "item {number} of `{variable}` is {}, not an object",
                kind(item)
            ));
        };
        let mut cells = Vec::new();
        match map.iter().next() {
            Some((key, inner @ Value::Object(_))) if map.len() == 1 => {
                flatten(key, inner, &mut cells)
            }
            _ => flatten(bare, item, &mut cells),
        }
        let mut row = vec![String::new(); header.len()];
        for (path, value) in cells {
            let at = *index.entry(path.clone()).or_insert_with(|| {
                header.push(path);
                header.len() - 1
            });
            if at >= row.len() {
                row.resize(at + 1, String::new());
            }
            row[at] = value;
        }
        rows.push((number, row));
    }
    for (_, row) in &mut rows {
        row.resize(header.len(), String::new());
    }
    Ok(RawTable {
        delimiter: 0,
        preamble: vec![],
        header,
        rows,
        unwrapped: false,
    })
}

/// `window.YTD.tweets.part0` → `tweets`.
fn archive_name(variable: &str) -> Option<&str> {
    let rest = variable.strip_prefix(PREFIX)?;
    let (name, part) = rest.rsplit_once('.')?;
    let digits = part.strip_prefix("part")?;
    let name_ok = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    (name_ok && !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then_some(name)
}

fn flatten(path: &str, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                flatten(&format!("{path}.{key}"), inner, out);
            }
        }
        Value::Array(_) => out.push((path.to_string(), value.to_string())),
        Value::String(s) => out.push((path.to_string(), s.clone())),
        Value::Number(n) => out.push((path.to_string(), n.to_string())),
        Value::Bool(b) => out.push((path.to_string(), b.to_string())),
        Value::Null => out.push((path.to_string(), String::new())),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Object(_) => "an object",
        Value::Array(_) => "an array",
        Value::String(_) => "a string",
        Value::Number(_) => "a number",
        Value::Bool(_) => "a boolean",
        Value::Null => "null",
    }
}

/// The start of a long text, for messages.
fn shorten(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}
