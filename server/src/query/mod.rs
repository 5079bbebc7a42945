//! Query services used by panels and pages: step computation, decimation,
//! histogram intervals, and running a batch where each query answers alone.

pub mod batch;
mod csv;
pub mod decimate;
pub mod export;
pub mod limits;
pub mod step;
