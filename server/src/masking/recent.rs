//! What masking made of the pages of hits it masked last, by the shared
//! page it was given. Identical searches in flight share one parsed page
//! (`elasticsearch::logs`), but each viewer given it had its text read
//! through every rule again: a crowd of viewers on one logs panel got about
//! half the answers an admin crowd gets. Remembered, the page is masked
//! once and every viewer after gets the same copy (or the page itself, when
//! nothing in it changes). Remembered by the page's address, held weakly
//! (`app::model::by_address` says why that is sound).

use std::sync::Arc;

use app::model::by_address::ByAddress;
use app::model::LogHit;

/// Shared pages remembered at once: a few logs panels in view.
pub const KEEP: usize = 8;

/// What a viewer gets for a shared page: a masked copy and how many hits
/// it left out, or `None` for the page itself.
pub type Masked = Option<(Arc<Vec<LogHit>>, u64)>;

/// The last [`KEEP`] pages masked, each with the search's words (they
/// decide which hits are left out).
pub type Recent = ByAddress<Vec<LogHit>, Vec<String>, Masked>;
