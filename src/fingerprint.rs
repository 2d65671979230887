//! Stable fingerprints of findings, for baselines and CI code-quality reports: the same path,
//! rule and flagged text give the same fingerprint on every machine and in every version, so
//! they survive edits elsewhere in the file (no line numbers go in).

/// FNV-1a, 64-bit: tiny, stable across platforms and Rust versions (unlike `DefaultHasher`).
fn fnv1a(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain(std::iter::once(0xff)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

/// The fingerprint of a finding of `rule` on `flagged` text in the file at `path`, as 16 hex
/// digits. White space in the flagged text is collapsed, so re-wrapping does not change it.
pub fn fingerprint(path: &str, rule: &str, flagged: &str) -> String {
    let text: Vec<&str> = flagged.split_whitespace().collect();
    format!("{:016x}", fnv1a(&[path, rule, &text.join(" ")]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_ignores_white_space_and_is_stable() {
        let a = fingerprint("a.txt", "view-counter", "Views:  254\n");
        assert_eq!(a, fingerprint("a.txt", "view-counter", "Views: 254"));
        assert_eq!(a, "707dd2a010222418");
        assert_ne!(a, fingerprint("b.txt", "view-counter", "Views: 254"));
    }
}
