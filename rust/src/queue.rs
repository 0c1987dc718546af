//! The bounded queue between the producer's thread and the encoder.
//!
//! The producer blocks when the queue is full (back-pressure), so memory stays
//! bounded by `queue_depth` batches plus what the encoder holds. The consumer side
//! measures how long the encoder waited for batches, and turns an abort into an
//! error item so that lance never commits an aborted write.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use arrow_array::RecordBatch;
use tokio::sync::mpsc;

/// State both ends share.
#[derive(Debug, Default)]
pub struct Shared {
    aborted: AtomicBool,
    waiting_nanos: AtomicU64,
}

impl Shared {
    pub fn abort(&self) {
        self.aborted.store(true, Ordering::SeqCst);
    }

    pub fn is_aborted(&self) -> bool {
        self.aborted.load(Ordering::SeqCst)
    }

    pub fn waiting(&self) -> Duration {
        Duration::from_nanos(self.waiting_nanos.load(Ordering::Relaxed))
    }
}

/// What the consumer sees next.
pub enum Next {
    Batch(RecordBatch),
    /// The producer finished: every batch has been delivered.
    End,
    /// The producer aborted: discard everything.
    Aborted,
}

/// The consumer end.
pub struct Receiver {
    rx: mpsc::Receiver<RecordBatch>,
    shared: Arc<Shared>,
    wait_started: Option<Instant>,
}

pub fn channel(depth: usize) -> (mpsc::Sender<RecordBatch>, Receiver, Arc<Shared>) {
    let (tx, rx) = mpsc::channel(depth);
    let shared = Arc::new(Shared::default());
    (tx, Receiver { rx, shared: shared.clone(), wait_started: None }, shared)
}

impl Receiver {
    pub fn poll_next(&mut self, cx: &mut Context<'_>) -> Poll<Next> {
        match self.rx.poll_recv(cx) {
            Poll::Pending => {
                self.wait_started.get_or_insert_with(Instant::now);
                Poll::Pending
            }
            Poll::Ready(item) => {
                if let Some(start) = self.wait_started.take() {
                    let nanos = start.elapsed().as_nanos() as u64;
                    self.shared.waiting_nanos.fetch_add(nanos, Ordering::Relaxed);
                }
                Poll::Ready(self.classify(item))
            }
        }
    }

    /// Blocking receive, for consumers that run on their own thread.
    pub fn blocking_next(&mut self) -> Next {
        let start = Instant::now();
        let item = self.rx.blocking_recv();
        let nanos = start.elapsed().as_nanos() as u64;
        self.shared.waiting_nanos.fetch_add(nanos, Ordering::Relaxed);
        self.classify(item)
    }

    fn classify(&self, item: Option<RecordBatch>) -> Next {
        // An abort wins over queued batches: they would be thrown away anyway.
        if self.shared.is_aborted() {
            return Next::Aborted;
        }
        match item {
            Some(batch) => Next::Batch(batch),
            None => Next::End,
        }
    }
}
