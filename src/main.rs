//! Start-up: parse the arguments, then run a headless subcommand or the window.

use std::process::ExitCode;

use clap::Parser as _;
use marginalia::cli::{self, Cli};

fn main() -> ExitCode {
    let args = Cli::parse();
    match args.command {
        Some(command) => cli::run(command),
        None => marginalia::ui::run(args.file),
    }
}
