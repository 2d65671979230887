//! The `seedlint` command line. `cli/` is a module of the binary only, so the library cannot
//! reach it: all I/O and terminal handling stay here.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
