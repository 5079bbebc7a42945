//! Configuration from flags and `LOOKOUT_*` environment variables. Every
//! setting has a default that works for a local run.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Clone, Parser)]
#[command(
    name = "lookout",
    version,
    about = "Log search and metric dashboards in one binary."
)]
pub struct Config {
    /// Without a command, Lookout serves.
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Address to listen on. Port 0 picks a free port (tests use this).
    #[arg(long, env = "LOOKOUT_LISTEN", default_value = "127.0.0.1:3000")]
    pub listen: SocketAddr,

    /// SQLite database file; created, with its folder, if missing.
    #[arg(long, env = "LOOKOUT_DATABASE", default_value = "data/lookout.db")]
    pub database: PathBuf,

    /// Folder holding the built site (`pkg/` with the wasm, JS and CSS).
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: String,

    /// Password for the `admin` user created on first start. If unset, a
    /// random one is generated and printed once to the log.
    #[arg(long, env = "LOOKOUT_ADMIN_PASSWORD", hide_env_values = true)]
    pub admin_password: Option<String>,

    /// Log format: `auto` is JSON when stdout is not a terminal.
    #[arg(long, env = "LOOKOUT_LOG_FORMAT", value_enum, default_value_t = LogFormat::Auto)]
    pub log_format: LogFormat,

    /// A session ends after this many seconds without a request.
    #[arg(long, env = "LOOKOUT_SESSION_IDLE_SECS", default_value_t = 8 * 3600)]
    pub session_idle_secs: u64,

    /// A session ends this many seconds after login, however active.
    #[arg(long, env = "LOOKOUT_SESSION_MAX_SECS", default_value_t = 7 * 24 * 3600)]
    pub session_max_secs: u64,

    /// Failed logins for one username that trigger the brute-force guard.
    #[arg(long, env = "LOOKOUT_LOGIN_MAX_FAILURES", default_value_t = 5)]
    pub login_max_failures: u32,

    /// Failed logins from one client address (any usernames) that trigger
    /// the guard for that address; 0 turns the per-address guard off
    /// (behind a proxy every client shares its address).
    #[arg(
        long,
        env = "LOOKOUT_LOGIN_MAX_FAILURES_PER_ADDRESS",
        default_value_t = 50
    )]
    pub login_max_failures_per_address: u32,

    /// The brute-force guard's window in seconds.
    #[arg(long, env = "LOOKOUT_LOGIN_WINDOW_SECS", default_value_t = 300)]
    pub login_window_secs: u64,

    /// Requests taking longer than this many seconds answer 408.
    #[arg(long, env = "LOOKOUT_REQUEST_TIMEOUT_SECS", default_value_t = 60)]
    pub request_timeout_secs: u64,

    /// After SIGTERM, seconds that in-flight requests get to finish before
    /// the rest (long exports) are cut and the process exits.
    #[arg(long, env = "LOOKOUT_SHUTDOWN_GRACE_SECS", default_value_t = 30)]
    pub shutdown_grace_secs: u64,

    /// Requests doing work (pages, queries, server functions, images) at
    /// once; more wait their turn. 0 picks 32 per core (between 32 and 512).
    /// Probes, metrics and static files never wait.
    #[arg(long, env = "LOOKOUT_MAX_REQUESTS_AT_WORK", default_value_t = 0)]
    pub max_requests_at_work: usize,

    /// Page renders at work at once, within `max_requests_at_work`; more
    /// wait up to 2 s for one of these turns, then go ahead anyway. 0 picks
    /// 4 per core (between 4 and 64): renders are CPU-bound, and more at
    /// once only add heap.
    #[arg(long, env = "LOOKOUT_MAX_PAGES_AT_WORK", default_value_t = 0)]
    pub max_pages_at_work: usize,

    /// Requests that may wait for a turn; past this, a request is answered
    /// 503 with `Retry-After` at once instead of queueing.
    #[arg(long, env = "LOOKOUT_MAX_REQUESTS_WAITING", default_value_t = 1024)]
    pub max_requests_waiting: usize,

    /// Largest accepted request body, in bytes.
    #[arg(long, env = "LOOKOUT_BODY_LIMIT_BYTES", default_value_t = 1024 * 1024)]
    pub body_limit_bytes: usize,

    /// Key (64 hex characters) that encrypts data-source secrets at rest. If
    /// unset, one is generated on first start into `secret.key` beside the
    /// database; back it up with the database.
    #[arg(long, env = "LOOKOUT_SECRET_KEY", hide_env_values = true)]
    pub secret_key: Option<String>,

    /// A JSON file listing data sources (`[{name, kind, url, auth, secret, …}]`)
    /// to create or update by name at startup: provisioning as code.
    #[arg(long, env = "LOOKOUT_PROVISION_DATASOURCES")]
    pub provision_datasources: Option<std::path::PathBuf>,

    /// A JSON file of dashboards to create at startup if their uid is new:
    /// `{"library": {"host-metrics": {"Prometheus": "<data source name>"}},
    /// "dashboards": [<dashboard model>, …]}`. Edited ones are never overwritten.
    #[arg(long, env = "LOOKOUT_PROVISION_DASHBOARDS")]
    pub provision_dashboards: Option<std::path::PathBuf>,

    /// Extra masking rules (regexes, one per flag or one per line in the env
    /// var) on top of the defaults; a group named `secret` limits the mask.
    #[arg(
        long = "mask-pattern",
        env = "LOOKOUT_MASK_PATTERNS",
        value_delimiter = '\n'
    )]
    pub mask_patterns: Vec<String>,

    /// Extra secret field names (one per flag or line) on top of the
    /// defaults (password, token, api_key, authorization, cookie, …): such a
    /// field's whole value is masked for non-admins, and they cannot search it.
    #[arg(
        long = "mask-field",
        env = "LOOKOUT_MASK_FIELDS",
        value_delimiter = '\n'
    )]
    pub mask_fields: Vec<String>,

    /// Most rows one CSV/NDJSON export may stream.
    #[arg(long, env = "LOOKOUT_EXPORT_MAX_ROWS", default_value_t = 100_000)]
    pub export_max_rows: u64,

    /// Largest upstream answer read, in MiB, for data sources that set no
    /// limit of their own; a bigger one is refused as "answer too large".
    #[arg(long, env = "LOOKOUT_MAX_UPSTREAM_RESPONSE_MB", default_value_t = 64)]
    pub max_upstream_response_mb: u64,

    /// Upstream answers kept, in MiB, for all data sources together (so
    /// the memory it takes does not grow with the number of sources).
    /// Identical requests (same query, step-aligned range and step) share
    /// one upstream request and a range answer is reused within its step
    /// (10 minutes once the range is past). 0 turns this off: every request
    /// goes upstream.
    #[arg(long, env = "LOOKOUT_QUERY_CACHE_MB", default_value_t = 32)]
    pub query_cache_mb: u64,

    /// Requests in flight to one data source at once; more wait their turn.
    #[arg(long, env = "LOOKOUT_MAX_UPSTREAM_CONCURRENCY", default_value_t = 8)]
    pub max_upstream_concurrency: usize,

    /// Most points per series one range query may fetch (fine steps over
    /// long ranges are fetched in windows of 10,000 up to this).
    #[arg(long, env = "LOOKOUT_MAX_QUERY_POINTS", default_value_t = 200_000)]
    pub max_query_points: i64,

    /// Longest time range one query may cover, in days.
    #[arg(long, env = "LOOKOUT_MAX_RANGE_DAYS", default_value_t = 3660)]
    pub max_range_days: i64,

    /// Most bytes one CSV/NDJSON export may stream.
    #[arg(long, env = "LOOKOUT_EXPORT_MAX_BYTES", default_value_t = 512 << 20)]
    pub export_max_bytes: u64,

    /// Serve `/metrics` without a token (for a local demo only). Without
    /// this or `--metrics-token`, `/metrics` answers 403.
    #[arg(long, env = "LOOKOUT_METRICS_PUBLIC")]
    pub metrics_public: bool,

    /// If set, `/metrics` requires `Authorization: Bearer <token>`.
    #[arg(long, env = "LOOKOUT_METRICS_TOKEN", hide_env_values = true)]
    pub metrics_token: Option<String>,

    /// Days the audit log keeps its entries (0: forever).
    #[arg(long, env = "LOOKOUT_AUDIT_KEEP_DAYS", default_value_t = 90)]
    pub audit_keep_days: u32,
}

/// Commands run on the server itself, instead of serving.
#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Administration without logging in (for a locked-out admin).
    #[command(subcommand)]
    Admin(AdminCommand),
    /// Prints the REST API's OpenAPI 3.1 document (as served at
    /// `/api/v1/openapi.json`), for client generators and CI.
    Openapi,
    /// Writes `.br` and `.gz` copies of the built site's text and wasm
    /// files (run after `cargo leptos build --release`; `scripts/build.sh`).
    Precompress {
        /// The site root, as built.
        #[arg(default_value = "target/site")]
        dir: std::path::PathBuf,
    },
}

#[derive(Debug, Clone, Subcommand)]
pub enum AdminCommand {
    /// Sets a new password for USERNAME, ends their sessions and lifts the
    /// brute-force lock on the name. The password is generated and printed
    /// once, unless LOOKOUT_NEW_PASSWORD is set.
    ResetPassword {
        username: String,
        #[arg(long, env = "LOOKOUT_NEW_PASSWORD", hide_env_values = true)]
        password: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Auto,
    Json,
    Pretty,
}

impl Config {
    /// Defaults plus the given overrides, as tests build it.
    pub fn for_tests(database: PathBuf, site_root: String) -> Self {
        let mut cfg = Config::parse_from(["lookout"]);
        cfg.listen = "127.0.0.1:0".parse().expect("static address");
        cfg.database = database;
        cfg.site_root = site_root;
        cfg.admin_password = Some("admin-test-password".into());
        cfg
    }
}
