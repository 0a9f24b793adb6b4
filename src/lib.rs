//! Marginalia: annotate who said what in news articles (claims, denials, reactions), save the
//! work as a plain RON file, review a colleague's file, and export labelled spans.
//!
//! This crate is the program a person runs: `cli`, the headless commands, and `ui`, the window
//! that draws the workspace. Everything else lives in the crates below it, each of which may use
//! only those below itself: `marginalia-core` (the model and its rules), `marginalia-io` (the
//! files), `marginalia-corpus` (a folder of articles and annotators) and `marginalia-workspace`
//! (the window's state and flows, without the window).

pub mod cli;
pub mod ui;
