//! The consumer that streams queued batches into one uncommitted lance insert:
//! data files on storage and the transaction that would add them. Committing
//! is the writer's decision (finish, or prepare and commit elsewhere).

use std::task::Poll;

use arrow_schema::SchemaRef;
use datafusion_common::DataFusionError;
use datafusion_physical_plan::stream::RecordBatchStreamAdapter;
use datafusion_physical_plan::SendableRecordBatchStream;
use lance::dataset::transaction::Transaction;
use lance::dataset::{InsertBuilder, WriteMode, WriteParams};
use lance_file::writer::FileWriterOptions;

use crate::error::{Error, ErrorKind, Result};
use crate::options::{Mode, WriterOptions};
use crate::queue::{Next, Receiver};
use crate::storage::store_params;

/// Lance's parameters for these options, for a schema of `columns` columns.
pub fn write_params(options: &WriterOptions, columns: usize) -> Result<WriteParams> {
    let mut params = WriteParams {
        mode: match options.mode {
            Mode::Create => WriteMode::Create,
            Mode::Append => WriteMode::Append,
            Mode::Overwrite => WriteMode::Overwrite,
        },
        data_storage_version: options.lance_file_version()?,
        // One writer per process: no cleanup pass on every commit.
        skip_auto_cleanup: true,
        // lance buffers each column's arrays until it has a page's worth, and by
        // default deep-copies each one first, in case a small slice pins a large
        // batch. Batches from the bridge hold one column's buffers per array
        // (c_data moves the columns apart), so keeping them costs no memory a
        // copy would not, and saves a copy of nearly every byte.
        file_writer_options: Some(FileWriterOptions {
            keep_original_array: Some(true),
            // One budget for the file, which lance splits evenly over the top-level fields.
            data_cache_bytes: Some(options.page_bytes_per_column.saturating_mul(columns.max(1) as u64)),
            ..FileWriterOptions::default()
        }),
        store_params: Some(store_params(&options.storage_options)),
        ..WriteParams::default()
    };
    if options.max_rows_per_file > 0 {
        params.max_rows_per_file = options.max_rows_per_file as usize;
    }
    if options.max_bytes_per_file > 0 {
        params.max_bytes_per_file = options.max_bytes_per_file as usize;
    }
    Ok(params)
}

/// Turns the queue into the record batch stream lance consumes. An abort becomes
/// an error item, which makes lance fail the write before it commits.
fn queue_stream(schema: SchemaRef, mut receiver: Receiver) -> SendableRecordBatchStream {
    let mut done = false;
    let stream = futures::stream::poll_fn(move |cx| {
        if done {
            return Poll::Ready(None);
        }
        match receiver.poll_next(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(Next::Batch(batch)) => Poll::Ready(Some(Ok(batch))),
            Poll::Ready(Next::End) => {
                done = true;
                Poll::Ready(None)
            }
            Poll::Ready(Next::Aborted) => {
                done = true;
                Poll::Ready(Some(Err(DataFusionError::External(Box::new(Error::new(
                    ErrorKind::Aborted,
                    "the write was aborted",
                ))))))
            }
        }
    });
    Box::pin(RecordBatchStreamAdapter::new(schema, stream))
}

/// Writes every queued batch into data files and returns the transaction
/// that would commit them. If the stream fails or is aborted, lance removes
/// the data files it wrote before returning the error.
pub async fn run(uri: String, schema: SchemaRef, params: WriteParams, receiver: Receiver) -> Result<Transaction> {
    let stream = queue_stream(schema, receiver);
    Ok(InsertBuilder::new(uri.as_str()).with_params(&params).execute_uncommitted_stream(stream).await?)
}
