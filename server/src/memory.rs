//! Giving freed memory back to the operating system.
//!
//! mimalloc returns freed memory to the OS lazily: a freed span is purged
//! only after a delay, and only when the thread that owns it next calls the
//! allocator. A thread that goes idle after a burst (a tokio worker once the
//! load stops, the blocking thread that ran argon2's ~19 MiB hash at start
//! or at a login) never gets there, so the burst's memory stays resident for
//! good: measured, an idle Lookout held 27–51 MB of anonymous memory of which
//! about 3 MB was live. [`release_idle`] is called when a runtime thread runs
//! out of work; it purges at most once a second per thread, so a busy
//! server pays nothing measurable and an idle one shrinks back.

use std::cell::Cell;
use std::time::{Duration, Instant};

/// The least time between two purges on one thread.
const EVERY: Duration = Duration::from_secs(1);

thread_local! {
    static LAST: Cell<Option<Instant>> = const { Cell::new(None) };
}

/// Purges this thread's freed memory, and the allocator's pending purges,
/// now. Cheap when there is nothing to give back; when the process does not
/// use mimalloc (the tests), mimalloc holds nothing and this does nothing.
pub fn release_freed() {
    // SAFETY: `mi_collect` takes no pointers; it only walks the calling
    // thread's own heap and the allocator's arenas under their locks.
    unsafe { libmimalloc_sys::mi_collect(true) }
}

/// Turns transparent huge pages off for this process. The binary calls it
/// as it loads, before its first allocation (see `main.rs`). mimalloc asks
/// the kernel for them (`MADV_HUGEPAGE`) on its arenas, so every first
/// touch of a 4 KiB page zeroed and kept 2 MiB.
/// Measured on the release build: idle RSS 41 → 29 MB, 200 page renders
/// peaked at 117 MB instead of 140, and the kernel's page zeroing, a fifth
/// of the CPU time of uncached metrics answers, went away; throughput did
/// not change. Linux only; elsewhere this does nothing.
pub fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and only sets a
    // flag on this process's memory map; an error (an old kernel) is harmless.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// [`release_freed`], at most once per [`EVERY`] on this thread: for a hook
/// that runs each time a thread parks, which is often under load.
pub fn release_idle() {
    if LAST.with(|last| due(last, Instant::now())) {
        release_freed();
    }
}

/// Whether a purge is due at `now`, given the last one; records it if so.
fn due(last: &Cell<Option<Instant>>, now: Instant) -> bool {
    let due = last
        .get()
        .is_none_or(|t| now.saturating_duration_since(t) >= EVERY);
    if due {
        last.set(Some(now));
    }
    due
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_thread_purges_at_most_once_a_second() {
        let last = Cell::new(None);
        let t0 = Instant::now();
        assert!(due(&last, t0), "the first park purges");
        assert!(!due(&last, t0 + Duration::from_millis(10)));
        assert!(!due(&last, t0 + Duration::from_millis(999)));
        assert!(due(&last, t0 + EVERY), "a second later it purges again");
        assert!(!due(&last, t0 + EVERY + Duration::from_millis(500)));
        // A clock that steps back never panics and never purges early.
        assert!(!due(&last, t0));
    }

    #[test]
    fn releasing_is_safe_with_any_allocator() {
        let big = vec![1u8; 32 << 20];
        drop(big);
        release_freed();
        release_idle();
    }
}
