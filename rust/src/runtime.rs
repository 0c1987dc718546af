//! The one tokio runtime every writer and reader shares, and the size of lance's
//! own compute pool.

use std::sync::OnceLock;

use tokio::runtime::Runtime;

use crate::error::{Error, Result};

static RUNTIME: OnceLock<std::result::Result<Runtime, String>> = OnceLock::new();

/// The process-wide runtime, built on first use with a worker per core.
pub fn runtime() -> Result<&'static Runtime> {
    RUNTIME
        .get_or_init(|| {
            use_every_core_for_encoding();
            tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .thread_name("lance-bridge")
                .build()
                .map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(|e| Error::internal(format!("cannot start the tokio runtime: {e}")))
}

/// lance encodes pages on its own thread pool of (cores - 2) threads, at least
/// one: it keeps two cores for I/O. A bulk write to local disk needs little I/O,
/// so on small machines that reservation halves the encoding speed (2 cores: 1
/// encoding thread). Unless the user chose (`LANCE_CPU_THREADS`), give lance a
/// thread per core. lance reads the variable once, when it first encodes, which
/// is after this runs: every entry point of this crate starts the runtime first.
fn use_every_core_for_encoding() {
    if std::env::var_os("LANCE_CPU_THREADS").is_some() {
        return;
    }
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    // set_var races only with a concurrent getenv from another thread; this runs
    // once, while the first writer or reader of the process is being opened.
    std::env::set_var("LANCE_CPU_THREADS", cores.to_string());
}
