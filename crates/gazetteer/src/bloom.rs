//! A Bloom filter of the gazetteer's name keys, built by `build.rs` and read by
//! `GeoStore::lookup`: most keys looked up (every capitalised window of every text) are no
//! name, and saying so from a few bits costs a fraction of a walk down the names FST. It has no
//! false negatives, so a key it rules out is one the FST does not hold; the others still go to
//! the FST. Shared by the build script and the crate (`#[path]`), so both hash alike.

/// Bits set per key; with [`BITS_PER_KEY`] about 1% of absent keys get through.
const PROBES: u64 = 7;

/// Filter bits per key.
pub const BITS_PER_KEY: usize = 10;

/// Two independent 64-bit hashes of `key`: FNV-1a, and a finaliser mix of it (odd, so that
/// the probes `h1 + i * h2` are all distinct modulo a power of two and spread otherwise).
fn hashes(key: &str) -> (u64, u64) {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in key.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    let mut g = h ^ (h >> 33);
    g = g.wrapping_mul(0xff51_afd7_ed55_8ccd);
    g ^= g >> 33;
    g = g.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    g ^= g >> 33;
    (h, g | 1)
}

/// The bit positions of `key` in a filter of `m` bits.
fn probes(key: &str, m: u64) -> impl Iterator<Item = u64> {
    let (h1, h2) = hashes(key);
    (0..PROBES).map(move |i| h1.wrapping_add(i.wrapping_mul(h2)) % m)
}

/// A filter of `keys` (`count` of them), as bytes.
#[allow(dead_code)] // used by the build script
pub fn build<'a>(keys: impl Iterator<Item = &'a str>, count: usize) -> Vec<u8> {
    let mut bits = vec![0u8; (count * BITS_PER_KEY).div_ceil(8).max(1)];
    let m = bits.len() as u64 * 8;
    for k in keys {
        for p in probes(k, m) {
            if let Some(byte) = bits.get_mut((p / 8) as usize) {
                *byte |= 1 << (p % 8);
            }
        }
    }
    bits
}

/// Whether `key` may be in the filter `bits`: `false` only for keys it was not built with. An
/// empty filter rules nothing out.
#[allow(dead_code)] // used by the crate, not the build script
pub fn may_contain(bits: &[u8], key: &str) -> bool {
    let m = bits.len() as u64 * 8;
    if m == 0 {
        return true;
    }
    probes(key, m).all(|p| {
        bits.get((p / 8) as usize)
            .is_none_or(|b| b & (1 << (p % 8)) != 0)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_false_negatives_and_few_false_positives() {
        let keys: Vec<String> = (0..10_000).map(|i| format!("name {i}")).collect();
        let bits = build(keys.iter().map(String::as_str), keys.len());
        assert!(keys.iter().all(|k| may_contain(&bits, k)));
        let false_positives = (0..10_000)
            .filter(|i| may_contain(&bits, &format!("other {i}")))
            .count();
        assert!(false_positives < 300, "{false_positives}");
        assert!(may_contain(&[], "anything"));
    }
}
