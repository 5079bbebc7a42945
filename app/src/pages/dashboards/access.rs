//! How a dashboard view reaches its data: as a logged-in member (by the
//! dashboard's uid: `run_panel`, `variable_options`), or as the holder of a
//! share link (by the link: `shared_panel`, `shared_options`). The grid,
//! panels and pickers are the same; only these calls differ. A link's view
//! sends a range or values only where the link allows and the holder
//! picked them, and stops refreshing once the link is dead.

use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::components::chart::ChartImage;
use crate::components::url::encode;
use crate::error::AppError;
use crate::model::dashboard::PanelRequest;
use crate::model::share::{ShareOptions, SharedRequest};
use crate::model::{QueryAnswer, TimeRange};
use crate::server_fns::dashboards::{run_panel, variable_options};
use crate::server_fns::shares::{shared_options, shared_panel};

/// A share link's view: the link, what it allows, and its text panels.
#[derive(Clone)]
pub struct Link {
    pub token: String,
    pub options: ShareOptions,
    /// Text panels' HTML, sanitised by the server.
    pub markdown: BTreeMap<String, String>,
    /// The holder picked a range (it is in the URL): send it.
    pub picked_range: Memo<bool>,
    /// Set once the server says the link is dead (revoked, expired).
    pub dead: RwSignal<bool>,
}

/// Provided by a page: `Member` when absent.
#[derive(Clone)]
pub enum Access {
    Member,
    Link(Link),
}

pub fn use_access() -> Access {
    use_context::<Access>().unwrap_or(Access::Member)
}

impl Access {
    /// The share link, if this is a shared view.
    pub fn link(&self) -> Option<&Link> {
        match self {
            Access::Link(l) => Some(l),
            Access::Member => None,
        }
    }

    fn shared_request(l: &Link, req: PanelRequest) -> SharedRequest {
        let pick = l.options.allow_time && l.picked_range.get_untracked();
        SharedRequest {
            range: pick.then_some(req.range),
            width: req.width,
            vars: if l.options.allow_vars {
                req.vars
            } else {
                BTreeMap::new()
            },
        }
    }

    fn note_dead(l: &Link, e: &AppError) {
        if matches!(e, AppError::BadLink | AppError::Unauthenticated) {
            l.dead.try_set(true);
        }
    }

    /// Where the server draws panel `id` (for the page without scripts):
    /// with the values and range this view may send.
    pub fn chart_image(
        &self,
        uid: &str,
        id: &str,
        vars: &BTreeMap<String, Vec<String>>,
    ) -> ChartImage {
        let file = encode(id);
        let (path, send_range, send_vars) = match self {
            Access::Link(l) => (
                format!("/render/s/{}/panel/{file}", encode(&l.token)),
                l.options.allow_time && l.picked_range.get_untracked(),
                l.options.allow_vars,
            ),
            Access::Member => (
                format!("/render/d/{}/panel/{file}", encode(uid)),
                true,
                true,
            ),
        };
        let pairs = vars.iter().flat_map(|(k, values)| {
            let key = encode(&format!("var-{k}"));
            values.iter().map(move |v| format!("{key}={}", encode(v)))
        });
        let vars = if send_vars {
            pairs.collect::<Vec<_>>().join("&")
        } else {
            String::new()
        };
        ChartImage {
            path,
            vars,
            send_range,
        }
    }

    /// Runs panel `id`: the answers and the range they cover (a link's
    /// server may resolve the range itself).
    pub async fn run(
        &self,
        uid: String,
        id: String,
        req: PanelRequest,
    ) -> Result<(TimeRange, Vec<QueryAnswer>), AppError> {
        match self {
            Access::Member => {
                let range = req.range;
                run_panel(uid, id, req).await.map(|a| (range, a))
            }
            Access::Link(l) => {
                let sent = Self::shared_request(l, req);
                let got = shared_panel(l.token.clone(), id, sent).await;
                if let Err(e) = &got {
                    Self::note_dead(l, e);
                }
                got.map(|a| (a.range, a.answers))
            }
        }
    }

    /// Variable `name`'s options.
    pub async fn options(
        &self,
        uid: String,
        name: String,
        req: PanelRequest,
    ) -> Result<Vec<String>, AppError> {
        match self {
            Access::Member => variable_options(uid, name, req).await,
            Access::Link(l) => {
                let mut sent = Self::shared_request(l, req);
                // The picker's own current value is not part of the question.
                sent.vars.remove(&name);
                let got = shared_options(l.token.clone(), name, sent).await;
                if let Err(e) = &got {
                    Self::note_dead(l, e);
                }
                got
            }
        }
    }
}
