//! HTML seeds: parsing with source positions, the text blocks of a page, and the metadata its
//! markup carries. Library only; no I/O.

pub mod spans;
