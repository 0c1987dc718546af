//! The C++ face of lance-bridge: `#[cxx::bridge]` interfaces, one per feature
//! (`ffi`), and the thin layer behind them that turns Arrow C Data Interface
//! pointers into record batches for the core and the core's results into what
//! C++ reads.

mod c_data;
mod c_stream;
mod dataset;
pub mod ffi;
mod guard;
#[cfg(test)]
mod import_fuzz;
mod index;
mod inspect;
mod options;
mod pending;
mod reader;
#[cfg(test)]
mod round_trip_tests;
mod storage;
mod writer;
