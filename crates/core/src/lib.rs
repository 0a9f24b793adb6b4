//! The model of an annotated article and every rule about it: articles, labels, speakers,
//! annotations, validation, edits and their history, threads, review and agreement,
//! re-anchoring, quote suggestions, people's names, spans and their overlaps, text direction.
//! The window, the file loader and the command line all call into it.
//!
//! The lowest layer: it uses no crate of Marginalia's and never touches the file system,
//! a window or a file format.

pub mod anchor;
pub mod article;
pub mod direction;
pub mod edit;
pub mod excerpt;
pub mod history;
pub mod markup;
pub mod model;
pub mod names;
pub mod ordinal;
pub mod quotes;
pub mod review;
pub mod spans;
pub mod threads;
pub mod unitizing;
pub mod validate;
pub mod verdict;

pub use article::Article;
pub use edit::Edit;
pub use history::History;
pub use model::{
    Annotation, AnnotationId, Dismissed, Document, DocumentParts, Label, Speaker, SpeakerId, Status,
};
pub use spans::{LabelledSpan, labelled_spans};
pub use threads::{ThreadNode, Threads};
pub use validate::{Place, Problem, ProblemKind};
pub use verdict::{Rating, Scale, Verdict};
