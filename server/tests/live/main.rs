//! Live tests against real upstreams: Prometheus (Debian, basic auth,
//! backfilled history) and osmem-server (PyPI, OpenSearch API) loaded by
//! `scripts/peers.sh`, which `scripts/test.sh` runs first. Expected answers
//! come from the generator's rules (`scripts/gen_data.py`), not its output.
//! Faults a real server cannot produce on demand (stalls, garbage, 5xx) use
//! a tiny stub in `faults.rs`.

#[path = "../api/helpers.rs"]
mod helpers;

mod dashboards;
mod datasources;
mod explore;
mod faults;
mod masking;
mod peers;
mod queries;
mod render;
mod secrets;
mod shares;
mod variables;
