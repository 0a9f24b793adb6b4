//! Marginalia: annotate who said what in news articles (claims, denials, reactions), save the
//! work as a plain RON file, review a colleague's file, and export labelled spans.
//!
//! `core` is the model and its rules, `io` the files, `corpus` a folder of articles and
//! several annotators' files, `cli` the headless commands, `workspace` the window's state and
//! flows without the window, and `ui` the window that draws it. `core`, `io`, `corpus` and
//! `workspace` never depend on the window.

pub mod cli;
pub mod core;
pub mod corpus;
pub mod fixtures;
pub mod io;
pub mod ui;
pub mod workspace;
