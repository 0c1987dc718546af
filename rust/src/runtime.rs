//! The one tokio runtime every writer and reader shares, and the size of lance's
//! own compute pool.

use std::sync::OnceLock;

use tokio::runtime::Runtime;

use crate::error::{Error, Result};

static RUNTIME: OnceLock<std::result::Result<Runtime, Error>> = OnceLock::new();

/// The process-wide runtime, built on first use with a worker per core.
pub fn runtime() -> Result<&'static Runtime> {
    RUNTIME
        .get_or_init(|| {
            use_every_core_for_encoding()?;
            tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .thread_name("lance-bridge")
                .build()
                .map_err(|e| Error::internal(format!("cannot start the tokio runtime: {e}")))
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// Runs `task` on the runtime's workers and waits here for its output. For
/// the long operations that change a dataset: as a task of its own it runs on a
/// worker thread, as pylance runs them, instead of on the caller's thread, whose
/// malloc arena returns freed memory to the system eagerly; there merge_insert
/// touched ~55 MiB more fresh memory (benchmarks/README.md, "merge_insert on the
/// workers"). A panic in the task goes on unwinding here, as if it had run here.
pub fn run_on_workers<F>(task: F) -> Result<F::Output>
where
    F: std::future::Future + Send + 'static,
    F::Output: Send + 'static,
{
    let rt = runtime()?;
    match rt.block_on(rt.spawn(task)) {
        Ok(output) => Ok(output),
        Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
        Err(e) => Err(Error::internal(format!("the task was cancelled: {e}"))),
    }
}

/// lance encodes pages on its own thread pool of (cores - 2) threads, at least
/// one: it keeps two cores for I/O. A bulk write to local disk needs little I/O,
/// so on small machines that reservation halves the encoding speed (2 cores: 1
/// encoding thread). Unless the user chose (`LANCE_CPU_THREADS`), give lance a
/// thread per core. lance reads the variable once, when it first encodes, which
/// is after this runs: every entry point of this crate starts the runtime first.
///
/// The C++ library sets the variable when it is loaded, before `main` and any
/// other thread (a `setenv` while another thread calls `getenv` is undefined
/// behaviour), so there this only checks it. Rust programs using the core
/// directly get it set here, at their first writer or reader.
fn use_every_core_for_encoding() -> Result<()> {
    match std::env::var("LANCE_CPU_THREADS") {
        // lance panics on a value it cannot use, at the first page it encodes.
        Ok(value) => match value.trim().parse::<usize>() {
            Ok(n) if n >= 1 => Ok(()),
            _ => Err(Error::invalid_argument(format!(
                "LANCE_CPU_THREADS is '{value}': it must be a whole number of threads, at least 1"
            ))),
        },
        Err(std::env::VarError::NotUnicode(value)) => Err(Error::invalid_argument(format!(
            "LANCE_CPU_THREADS is not a number: {value:?}"
        ))),
        Err(std::env::VarError::NotPresent) => {
            let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
            std::env::set_var("LANCE_CPU_THREADS", cores.to_string());
            Ok(())
        }
    }
}
