//! Reading an answer while it downloads. A kind that can read its answer
//! chunk by chunk names a reader in the request; the client feeds it each
//! chunk of a 2xx answer as it arrives, so the parse overlaps the transfer,
//! and keeps what it read as the answer's parsed form (its memo), shared by
//! every caller given that answer.

use std::any::Any;
use std::fmt;
use std::sync::Arc;

/// A parse that takes the body in pieces.
pub trait BodyReader: Send {
    fn feed(&mut self, chunk: &[u8]);
    /// The parsed form, or `None` when the reader stepped aside (the
    /// kind's own parse then reads the whole body).
    fn finish(self: Box<Self>) -> Option<Arc<dyn Any + Send + Sync>>;
}

/// Makes a fresh [`BodyReader`] for each answer. Not part of what is sent:
/// two requests that differ only in it are the same request. When the
/// reader succeeds the raw body is not kept, so the kind must ask
/// `UpstreamResponse::parsed` for the reader's own type. A closure, so a
/// reader can carry what its first caller will do with the answer (a
/// range query's panel width, to thin each series as it completes).
#[derive(Clone)]
pub struct Streamed(pub Arc<dyn Fn() -> Box<dyn BodyReader> + Send + Sync>);

impl Streamed {
    pub fn new(make: impl Fn() -> Box<dyn BodyReader> + Send + Sync + 'static) -> Self {
        Self(Arc::new(make))
    }
}

impl PartialEq for Streamed {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Streamed {}

impl fmt::Debug for Streamed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Streamed")
    }
}
