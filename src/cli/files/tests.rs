//! Tests of path sorting and of reading a seed whole.

use super::*;

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]
    /// Sorting by the component keys gives `Path`'s own stable order, on paths with roots,
    /// `.` and `..`, doubled and trailing slashes, and names that sort around `/`.
    #[test]
    fn sort_paths_agrees_with_path_order(
        paths in proptest::collection::vec("(/|\\./|\\.\\./)?((a|b|-|\\.|\\.\\.|a\\.b|a-b|é| |!|0)(/|//|/\\./)){0,3}(a|b|-|\\.|é|a b)?/?", 0..12),
    ) {
        let mut expected: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
        let mut sorted = expected.clone();
        expected.sort();
        sort_paths(&mut sorted);
        let bytes = |paths: &[PathBuf]| paths.iter().map(|path| path.as_os_str().to_owned()).collect::<Vec<_>>();
        proptest::prop_assert_eq!(bytes(&sorted), bytes(&expected));
    }
}

/// The whole file is read whatever size its `stat` gave before: smaller (it grew), larger
/// (it shrank), or its own.
#[test]
fn a_file_is_read_whole_whatever_size_was_expected() -> io::Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("seed.txt");
    let text: Vec<u8> = (0..20_000u32).map(|i| b'a' + (i % 26) as u8).collect();
    fs::write(&path, &text)?;
    for expected in [0, 1, 8_191, 19_999, 20_000, 20_001, 1 << 20] {
        let bytes = read_to_end_sized(fs::File::open(&path)?, expected)?;
        assert_eq!(bytes, text, "expected size {expected}");
    }
    Ok(())
}
