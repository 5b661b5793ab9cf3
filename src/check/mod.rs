//! Checking documents: files made elsewhere (DOCX) against the rule sets.

pub mod docx;
