//! vanban: Vietnamese official documents (Party and State formats) from YAML
//! to DOCX and PDF.
//!
//! The pipeline is the folder tree: [`input`] (YAML) or [`import`] (drafts) →
//! [`compose`] (rule set, body template and markup) → [`model`] (the document)
//! → [`render`] (DOCX, PDF) → [`sign`] (an optional PAdES signature).
//! [`rules`] holds the regulations as data; [`check`] checks files made
//! elsewhere. [`api`] is the one entry point the command line and the web
//! app call.

pub mod api;
pub mod batch;
pub mod check;
pub mod cli;
pub mod compose;
pub mod error;
pub mod fonts;
pub mod guard;
pub mod import;
pub mod input;
pub mod lang;
pub mod model;
pub mod output;
pub mod render;
pub mod rules;
pub mod serve;
pub mod sign;
