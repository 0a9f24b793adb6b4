//! Start-up: parse the arguments, then run a headless subcommand or the window.

use std::process::ExitCode;

use clap::Parser as _;
use marginalia::cli::{self, Cli};

fn main() -> ExitCode {
    let args = Cli::parse();
    match args.command {
        Some(command) => cli::run(command),
        // Until the window lands, with no subcommand the bundled samples are checked.
        None => cli::run(cli::Command::Check(cli::CheckArgs {
            files: args.file.map_or_else(cli::sample_files, |f| vec![f]),
        })),
    }
}
