//! `seedlint extract`: reads a captured page, writes the text seed the library extracts.

use std::io::{self, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use seedlint::html::extract::extract;

use super::args::ExtractArgs;
use super::config::Resolver;

/// Runs the subcommand: exit 0 with the seed written, 2 when the page or the configuration
/// cannot be read or the seed cannot be written.
pub fn run(args: ExtractArgs) -> io::Result<ExitCode> {
    let resolver = Resolver::new(super::overrides(&args.rules));
    let stdin = args.page == Path::new("-");
    let settings_path = if stdin {
        Path::new(".")
    } else {
        args.page.as_path()
    };
    let settings = match resolver.settings_for(settings_path) {
        Ok(settings) => settings,
        Err(report) => {
            eprint!("{report}");
            return Ok(ExitCode::from(2));
        }
    };
    let label = args.page.display().to_string();
    let bytes = if stdin {
        let mut bytes = Vec::new();
        io::stdin().read_to_end(&mut bytes).map(|_| bytes)
    } else {
        std::fs::read(&args.page)
    };
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("seedlint: {label}: {error}");
            return Ok(ExitCode::from(2));
        }
    };
    // Captured pages are not always clean UTF-8; a replacement character is better than no seed.
    let source = String::from_utf8_lossy(&bytes);
    let seed = extract(&source, &settings.rules, &super::lint_options());
    let written = match &args.output {
        Some(path) => std::fs::write(path, &seed),
        None => io::stdout().lock().write_all(seed.as_bytes()),
    };
    match written {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(error) => {
            eprintln!("seedlint: {label}: could not write the seed: {error}");
            Ok(ExitCode::from(2))
        }
    }
}
