//! One error type for the whole core, so the bridge maps errors in one place.

use std::fmt;

/// What went wrong, coarse enough for a C++ caller to branch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// An option or argument is out of range or malformed.
    InvalidArgument,
    /// Create mode found a dataset (or file) already at the destination.
    AlreadyExists,
    /// Append mode found nothing to append to, or a read found no dataset.
    NotFound,
    /// A batch's schema differs from the writer's (or the dataset's) schema.
    SchemaMismatch,
    /// An Arrow array is malformed: bad buffers, offsets, lengths or UTF-8.
    InvalidData,
    /// The writer was finished or aborted already.
    InvalidState,
    /// The file system refused (unwritable path, disk full, ...).
    Io,
    /// Lance reported an error.
    Lance,
    /// The Parquet writer reported an error.
    Parquet,
    /// The write was aborted by the caller.
    Aborted,
    /// A bug: a panic was caught, or a background task vanished.
    Internal,
    /// Another writer's concurrent transaction won and lance could not rebase
    /// this one on it (after its own retries): nothing of this one was committed.
    Conflict,
    /// The object store could not tell whether a commit landed (the answer to
    /// the manifest's write was lost and the version could not be read back).
    /// The data files are kept; look at the latest version before writing again.
    CommitUnknown,
}

impl ErrorKind {
    /// Stable, lower-case name; the bridge puts it in front of every message.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::InvalidArgument => "invalid_argument",
            ErrorKind::AlreadyExists => "already_exists",
            ErrorKind::NotFound => "not_found",
            ErrorKind::SchemaMismatch => "schema_mismatch",
            ErrorKind::InvalidData => "invalid_data",
            ErrorKind::InvalidState => "invalid_state",
            ErrorKind::Io => "io",
            ErrorKind::Lance => "lance",
            ErrorKind::Parquet => "parquet",
            ErrorKind::Aborted => "aborted",
            ErrorKind::Internal => "internal",
            ErrorKind::Conflict => "conflict",
            ErrorKind::CommitUnknown => "commit_unknown",
        }
    }
}

/// An error with its kind and a message meant for people.
#[derive(Debug, Clone)]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self { kind, message: message.into() }
    }

    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    pub fn message(&self) -> &str {
        &self.message
    }

    pub fn invalid_argument(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::InvalidArgument, message)
    }

    pub fn invalid_data(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::InvalidData, message)
    }

    pub fn schema_mismatch(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::SchemaMismatch, message)
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Internal, message)
    }

    pub fn io(context: &str, err: std::io::Error) -> Self {
        Self::new(ErrorKind::Io, format!("{context}: {err}"))
    }

    /// Prefixes the message with where it happened, keeping the kind.
    pub fn context(self, context: impl fmt::Display) -> Self {
        Self { kind: self.kind, message: format!("{context}: {}", self.message) }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.name(), self.message)
    }
}

impl std::error::Error for Error {}

impl From<lance::Error> for Error {
    fn from(err: lance::Error) -> Self {
        let kind = match &err {
            _ if err.is_commit_status_unknown() => ErrorKind::CommitUnknown,
            lance::Error::DatasetAlreadyExists { .. } => ErrorKind::AlreadyExists,
            lance::Error::DatasetNotFound { .. } | lance::Error::NotFound { .. } => {
                ErrorKind::NotFound
            }
            lance::Error::SchemaMismatch { .. } => ErrorKind::SchemaMismatch,
            lance::Error::InvalidInput { .. } => ErrorKind::InvalidArgument,
            lance::Error::CommitConflict { .. }
            | lance::Error::RetryableCommitConflict { .. }
            | lance::Error::IncompatibleTransaction { .. }
            | lance::Error::TooMuchWriteContention { .. } => ErrorKind::Conflict,
            _ => ErrorKind::Lance,
        };
        // Some lance errors display as nothing (a SQL expression it could not
        // parse, for one): their debug form at least says what they are.
        let text = err.to_string();
        let text = if text.trim().is_empty() { format!("{err:?}") } else { text };
        Self::new(kind, without_source_locations(&text))
    }
}

/// lance's messages end each cause with where in lance's source it was raised
/// (", /root/.cargo/registry/.../scanner.rs:839:33", or ", location: ..."):
/// noise to a C++ user, and a path of the build machine. Those are cut out;
/// the rest of the message is kept as it was.
fn without_source_locations(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(".rs:") {
        let after = &rest[at + 4..];
        let line = after.bytes().take_while(u8::is_ascii_digit).count();
        let column = after[line..].strip_prefix(':').map_or(0, |c| c.bytes().take_while(u8::is_ascii_digit).count());
        if line == 0 || column == 0 {
            out.push_str(&rest[..at + 4]);
            rest = after;
            continue;
        }
        // The path starts after the last space; the ", " or ", location: " before it goes too.
        let start = rest[..at].rfind(' ').map_or(0, |space| space + 1);
        let mut kept = &rest[..start];
        for lead in [", location: ", " location: ", ", ", " "] {
            if let Some(stripped) = kept.strip_suffix(lead) {
                kept = stripped;
                break;
            }
        }
        out.push_str(kept);
        rest = &after[line + 1 + column..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::without_source_locations;

    #[test]
    fn lance_source_locations_are_cut_out() {
        let registry = "/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f";
        let text = format!(
            "Invalid user input: Invalid user input: Expression is not valid: 1+, {registry}/lance-datafusion-14.0.2/\
             src/sql.rs:76:13, {registry}/lance-14.0.2/src/dataset/write/update.rs:191:14"
        );
        assert_eq!(
            without_source_locations(&text),
            "Invalid user input: Invalid user input: Expression is not valid: 1+"
        );
        let text = format!("Append with different schema: x, location: {registry}/lance-14.0.2/src/a.rs:1:2 (more)");
        assert_eq!(without_source_locations(&text), "Append with different schema: x (more)");
        // Not a location: kept whole.
        for kept in ["see lib.rs: line 3", "file x.rs:12 only", "ends with .rs:", "no location at all"] {
            assert_eq!(without_source_locations(kept), kept);
        }
    }
}

impl From<parquet::errors::ParquetError> for Error {
    fn from(err: parquet::errors::ParquetError) -> Self {
        Self::new(ErrorKind::Parquet, err.to_string())
    }
}

impl From<arrow_schema::ArrowError> for Error {
    fn from(err: arrow_schema::ArrowError) -> Self {
        Self::new(ErrorKind::InvalidData, err.to_string())
    }
}

pub type Result<T> = std::result::Result<T, Error>;
