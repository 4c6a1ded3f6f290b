//! One module per subcommand.

pub mod extract;

/// Size the worker pool once, before any parallel work.
///
/// Worker stacks are large because HTML trees from the wild can be deeply nested and the
/// extractors walk them recursively; a deep page must become an error record, not a crash.
pub fn configure_threads(threads: Option<usize>) -> anyhow::Result<()> {
    let mut builder = rayon::ThreadPoolBuilder::new().stack_size(WORKER_STACK_BYTES);
    if let Some(n) = threads {
        anyhow::ensure!(n > 0, "--threads must be at least 1");
        builder = builder.num_threads(n);
    }
    builder.build_global()?;
    Ok(())
}

const WORKER_STACK_BYTES: usize = 256 * 1024 * 1024;
