use clap::Parser;
use server::config::{AdminCommand, Command, Config};
use server::{cli, startup::Application, telemetry};

/// Lookout parses and re-serializes upstream answers: many small
/// allocations, a third cheaper with mimalloc than with glibc's malloc.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Turns transparent huge pages off as the program loads, before its first
/// allocation. Called from `main` it came too late: the Rust runtime's
/// allocations before `main` had already faulted two 2 MiB huge pages into
/// mimalloc's arena, which stayed resident for good (measured: idle RSS
/// 29 → 24–25 MB, anonymous memory 8.7 → 5.5 MB, throughput unchanged).
/// `.init_array` functions run before the runtime starts.
#[cfg(target_os = "linux")]
#[used]
#[link_section = ".init_array"]
static NO_HUGE_PAGES_AT_LOAD: extern "C" fn() = {
    extern "C" fn at_load() {
        server::memory::no_huge_pages();
    }
    at_load
};

fn main() -> anyhow::Result<()> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        // A worker out of work gives what it freed back to the OS.
        .on_thread_park(server::memory::release_idle)
        .build()?
        .block_on(run())
}

async fn run() -> anyhow::Result<()> {
    let config = Config::parse();
    if let Some(Command::Precompress { dir }) = &config.command {
        let s = server::precompress::run(dir)?;
        println!(
            "precompressed {} files in {}: {} bytes → {} brotli, {} gzip",
            s.files,
            dir.display(),
            s.raw,
            s.brotli,
            s.gzip
        );
        return Ok(());
    }
    if let Some(Command::Openapi) = &config.command {
        println!("{}", server::api::openapi::document().to_pretty_json()?);
        return Ok(());
    }
    if let Some(Command::Admin(AdminCommand::ResetPassword { username, password })) =
        &config.command
    {
        let shown = cli::reset_password(&config.database, username, password.clone()).await?;
        match shown.as_str() {
            "" => println!("The password of {username} is set; their sessions ended and the login lock is lifted."),
            pw => println!("New password for {username} (shown once): {pw}\nTheir sessions ended and the login lock is lifted."),
        }
        return Ok(());
    }
    telemetry::init(config.log_format);
    let app = Application::build(config).await?;
    app.run_until_stopped().await?;
    Ok(())
}
