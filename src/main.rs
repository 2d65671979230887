//! The `seedlint` command line.

fn main() {}
