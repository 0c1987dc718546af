//! What a finished write reports.

/// Counts and timings of one write, returned by `finish`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WriteSummary {
    pub rows: u64,
    pub batches: u64,
    /// Bytes of the data files this write created.
    pub bytes_written: u64,
    /// Data files this write created.
    pub data_files: u64,
    /// The Lance dataset version this write committed (0 for Parquet).
    pub version: u64,
    /// Wall time from open to the end of finish.
    pub seconds: f64,
    /// Time the producer spent blocked in `write` because the queue was full.
    pub producer_blocked_seconds: f64,
    /// Time the encoder spent waiting for the producer's next batch.
    pub writer_waiting_seconds: f64,
    /// Lance: the commit alone (the new version's manifest), within `seconds`.
    pub commit_seconds: f64,
}
