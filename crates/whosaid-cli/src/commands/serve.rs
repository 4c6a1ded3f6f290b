//! `whosaid serve`: the web page and the HTTP API over a database.

use std::net::SocketAddr;
use std::process::ExitCode;

use crate::commands::DbArg;

/// Arguments of `whosaid serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    db: DbArg,

    /// Address to listen on. Loopback by default: give 0.0.0.0:PORT deliberately to be
    /// reachable from other machines.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
}

/// Run `whosaid serve` until Ctrl-C.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let db = args.db.path();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(whosaid_server::serve(&db, args.addr, |bound| {
        eprintln!(
            "whosaid serves {} on http://{bound}/ (the API: http://{bound}/api/openapi.json); Ctrl-C stops",
            db.display()
        );
    }))?;
    Ok(ExitCode::SUCCESS)
}
