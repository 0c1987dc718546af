//! A write that is on storage but not committed: lance's transaction for the
//! data files one writer made. It can be saved, sent to another process and
//! committed there (alone or with other pieces, as one version), or discarded.
//!
//! Serialised as one JSON document:
//! ```json
//! { "lance_bridge_pending_write": 1, "uri": "...", "mode": "append",
//!   "rows": 6001215, "read_version": 3,
//!   "fragments": [ <lance Fragment JSON, as pylance's FragmentMetadata.from_json reads> ],
//!   "transaction": "<hex of lance's protobuf Transaction>" }
//! ```
//! The transaction is authoritative (it carries the schema with lance's field
//! ids); `fragments` repeats its fragments so that Python (pylance) can commit
//! the piece with `LanceOperation.Append` / `Overwrite`.

use lance::dataset::transaction::{Operation, Transaction};
use lance::table::format::{pb, Fragment};
use prost::Message;
use serde_json::{json, Value};

use crate::error::{Error, ErrorKind, Result};
use crate::options::Mode;

const FORMAT_KEY: &str = "lance_bridge_pending_write";
const FORMAT_VERSION: u64 = 1;

#[derive(Debug, Clone)]
pub struct PendingWrite {
    uri: String,
    mode: Mode,
    rows: u64,
    transaction: Transaction,
}

impl PendingWrite {
    pub(crate) fn new(uri: String, mode: Mode, rows: u64, transaction: Transaction) -> Result<Self> {
        // The mode decides how a commit treats the piece (create refuses an
        // existing dataset): it must say what the transaction does.
        match (&transaction.operation, mode) {
            (Operation::Append { .. }, Mode::Append) | (Operation::Overwrite { .. }, Mode::Create | Mode::Overwrite) => {
                Ok(Self { uri, mode, rows, transaction })
            }
            (operation, mode) => Err(Error::internal(format!(
                "a {} transaction in {} mode",
                operation.name(),
                mode.name()
            ))),
        }
    }

    /// The dataset the data files were written into (and must be committed to).
    pub fn uri(&self) -> &str {
        &self.uri
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    pub fn rows(&self) -> u64 {
        self.rows
    }

    pub(crate) fn transaction(&self) -> &Transaction {
        &self.transaction
    }

    pub fn fragments(&self) -> &[Fragment] {
        match &self.transaction.operation {
            Operation::Append { fragments } | Operation::Overwrite { fragments, .. } => fragments,
            _ => &[],
        }
    }

    /// The data files, relative to the dataset's root (`data/<name>.lance`).
    pub fn data_files(&self) -> Vec<String> {
        data_file_paths(self.fragments()).collect()
    }

    /// Total size of the data files, where lance recorded it.
    pub fn bytes(&self) -> u64 {
        self.fragments()
            .iter()
            .flat_map(|f| f.files.iter())
            .filter_map(|file| file.file_size_bytes.get())
            .map(|size| size.get())
            .sum()
    }

    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let transaction = pb::Transaction::try_from(&self.transaction)
            .map_err(|e| Error::internal(format!("cannot encode the transaction: {e}")))?
            .encode_to_vec();
        let fragments = self
            .fragments()
            .iter()
            .map(serde_json::to_value)
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| Error::internal(format!("cannot encode a fragment: {e}")))?;
        let document = json!({
            FORMAT_KEY: FORMAT_VERSION,
            "uri": self.uri,
            "mode": self.mode.name(),
            "rows": self.rows,
            "read_version": self.transaction.read_version,
            "fragments": fragments,
            "transaction": to_hex(&transaction),
        });
        serde_json::to_vec_pretty(&document).map_err(|e| Error::internal(e.to_string()))
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let bad = |what: &str| Error::new(ErrorKind::InvalidData, format!("not a lance-bridge pending write: {what}"));
        let document: Value = serde_json::from_slice(bytes).map_err(|e| bad(&e.to_string()))?;
        match document.get(FORMAT_KEY).and_then(Value::as_u64) {
            Some(FORMAT_VERSION) => {}
            Some(other) => return Err(bad(&format!("format version {other}, this library reads {FORMAT_VERSION}"))),
            None => return Err(bad(&format!("no '{FORMAT_KEY}' key"))),
        }
        let text = |key: &str| document.get(key).and_then(Value::as_str).ok_or_else(|| bad(&format!("no '{key}'")));
        let uri = text("uri")?.to_string();
        let mode = Mode::parse(text("mode")?).map_err(|e| bad(e.message()))?;
        let rows = document.get("rows").and_then(Value::as_u64).ok_or_else(|| bad("no 'rows'"))?;
        let encoded = from_hex(text("transaction")?).ok_or_else(|| bad("'transaction' is not hex"))?;
        let message = pb::Transaction::decode(encoded.as_slice()).map_err(|e| bad(&e.to_string()))?;
        let transaction = Transaction::try_from(message).map_err(|e| bad(&e.to_string()))?;
        let piece = Self::new(uri, mode, rows, transaction).map_err(|e| bad(e.message()))?;
        let counted: u64 = piece.fragments().iter().map(|f| f.physical_rows.unwrap_or(0) as u64).sum();
        if counted != rows {
            return Err(bad(&format!("it says {rows} rows but its fragments hold {counted}")));
        }
        Ok(piece)
    }
}

/// The data files fragments refer to (overlays included), relative to the
/// dataset's root: lance records them relative to its `data/` folder.
pub(crate) fn data_file_paths(fragments: &[Fragment]) -> impl Iterator<Item = String> + '_ {
    fragments.iter().flat_map(|f| f.referenced_lance_files()).map(|file| format!("data/{}", file.path))
}

fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        text.push(DIGITS[(byte >> 4) as usize] as char);
        text.push(DIGITS[(byte & 15) as usize] as char);
    }
    text
}

fn from_hex(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips_every_byte() {
        let bytes: Vec<u8> = (0..=255).collect();
        assert_eq!(from_hex(&to_hex(&bytes)).unwrap(), bytes);
        assert_eq!(from_hex("0g"), None);
        assert_eq!(from_hex("abc"), None);
    }

    #[test]
    fn garbage_is_refused_with_a_clear_error() {
        for text in ["", "{}", "[1]", r#"{"lance_bridge_pending_write": 9}"#] {
            let err = PendingWrite::from_bytes(text.as_bytes()).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidData, "{text}: {err}");
            assert!(err.message().contains("not a lance-bridge pending write"), "{err}");
        }
    }
}
