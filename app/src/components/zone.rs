//! The display time zone: the browser's, or UTC. Pages render UTC on the
//! server and switch to the browser's zone once hydrated, so the HTML the
//! server sent and the first client render agree.

use leptos::prelude::*;

use crate::model::timenav::local_offset_min;

#[derive(Clone, Copy)]
pub struct Zone {
    utc: Signal<bool>,
    hydrated: RwSignal<bool>,
}

impl Zone {
    /// Shows UTC (asked for, or not yet hydrated; always on the server).
    pub fn is_utc(&self) -> bool {
        if cfg!(feature = "hydrate") {
            self.utc.try_get().unwrap_or(true) || !self.hydrated.try_get().unwrap_or(false)
        } else {
            true
        }
    }

    /// Minutes east of UTC at `ms`, in the display zone.
    pub fn offset_at(&self, ms: i64) -> i64 {
        if self.is_utc() {
            0
        } else {
            local_offset_min(ms)
        }
    }

    pub fn label(&self) -> &'static str {
        if self.is_utc() {
            "UTC"
        } else {
            "local"
        }
    }
}

/// Provides the zone for this page; `utc` comes from the URL.
pub fn provide_zone(utc: Signal<bool>) -> Zone {
    let zone = Zone {
        utc,
        hydrated: RwSignal::new(false),
    };
    Effect::new(move |_| zone.hydrated.set(true));
    provide_context(zone);
    zone
}

/// The page's zone, or UTC where no page provided one.
pub fn use_zone() -> Zone {
    use_context().unwrap_or(Zone {
        utc: Signal::from(true),
        hydrated: RwSignal::new(false),
    })
}
