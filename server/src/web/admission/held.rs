//! The turn a request holds, and the page body that keeps it until the page
//! is sent.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::body::{Body, Bytes, HttpBody};
use http_body::{Frame, SizeHint};
use tokio::sync::OwnedSemaphorePermit;

/// A request's turn: the global one, and for a page its page turn too
/// (none when the page waited out its patience). Dropping it gives both
/// back.
pub(super) struct Turn {
    pub(super) _work: OwnedSemaphorePermit,
    pub(super) _page: Option<PageTurn>,
}

/// A page turn; giving it back counts one more page done, which is how a
/// waiting page tells a busy server from renders that are stuck.
pub(super) struct PageTurn {
    _permit: OwnedSemaphorePermit,
    done: Arc<AtomicU64>,
}

impl PageTurn {
    pub(super) fn new(permit: OwnedSemaphorePermit, done: Arc<AtomicU64>) -> Self {
        Self {
            _permit: permit,
            done,
        }
    }
}

impl Drop for PageTurn {
    fn drop(&mut self) {
        self.done.fetch_add(1, Relaxed);
    }
}

/// A body that keeps its request's turn until it is sent or dropped.
///
/// And until its deadline at the latest: a page whose render never ends
/// (a lost wake-up in the renderer's suspense tracking was seen to stall
/// one in a few hundred under test) would otherwise hold its turn, and its
/// client, forever. Ended there, the client gets the page as far as it
/// was rendered (the rest loads in the browser), and the count shows in
/// `/metrics`.
pub(super) struct Held {
    body: Body,
    deadline: Pin<Box<tokio::time::Sleep>>,
    cut: Arc<AtomicU64>,
    _turn: Turn,
}

impl Held {
    pub(super) fn new(
        body: Body,
        turn: Turn,
        deadline: tokio::time::Instant,
        cut: Arc<AtomicU64>,
    ) -> Self {
        Self {
            body,
            deadline: Box::pin(tokio::time::sleep_until(deadline)),
            cut,
            _turn: turn,
        }
    }
}

impl HttpBody for Held {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        match Pin::new(&mut self.body).poll_frame(cx) {
            Poll::Pending if self.deadline.as_mut().poll(cx).is_ready() => {
                self.cut.fetch_add(1, Relaxed);
                tracing::warn!(
                    "a page was still rendering at the request timeout; it was ended there"
                );
                Poll::Ready(None)
            }
            other => other,
        }
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use tokio::sync::Semaphore;

    use super::*;

    /// A page that never finishes streaming is ended at its deadline with
    /// what it had sent, counted, and both its turns given back.
    #[tokio::test]
    async fn a_page_still_streaming_at_its_deadline_is_ended_there() {
        use futures_util::StreamExt;
        let first = futures_util::stream::once(async {
            Ok::<_, std::io::Error>(Bytes::from_static(b"<html>"))
        });
        let body = Body::from_stream(first.chain(futures_util::stream::pending()));
        let work = Arc::new(Semaphore::new(1));
        let pages = Arc::new(Semaphore::new(1));
        let turn = Turn {
            _work: work.clone().try_acquire_owned().unwrap(),
            _page: Some(PageTurn::new(
                pages.clone().try_acquire_owned().unwrap(),
                Arc::default(),
            )),
        };
        let cut = Arc::new(AtomicU64::new(0));
        let deadline = tokio::time::Instant::now() + Duration::from_millis(50);
        let mut held = Held::new(body, turn, deadline, cut.clone());
        let mut got = Vec::new();
        let read = async {
            while let Some(frame) =
                std::future::poll_fn(|cx| Pin::new(&mut held).poll_frame(cx)).await
            {
                got.extend_from_slice(frame.unwrap().data_ref().unwrap());
            }
        };
        tokio::time::timeout(Duration::from_secs(5), read)
            .await
            .expect("the body ended");
        assert_eq!(got, b"<html>");
        assert_eq!(cut.load(Relaxed), 1);
        drop(held);
        assert_eq!(work.available_permits(), 1, "the turn is given back");
        assert_eq!(pages.available_permits(), 1, "the page turn too");
    }
}
