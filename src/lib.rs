//! Marginalia: annotate who said what in news articles (claims, denials, reactions), save the
//! work as a plain RON file, review a colleague's file, and export labelled spans.
//!
//! `core` is the model and its rules, `io` the files, `cli` the headless commands and `ui`
//! the window. `core` and `io` never depend on the window.

pub mod cli;
pub mod core;
pub mod fixtures;
pub mod io;
pub mod ui;
