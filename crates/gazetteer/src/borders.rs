//! Land borders between countries: `data/gazetteer/borders.tsv`, written by
//! `data/build_borders.py` from world-countries (ODbL-1.0).

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

static BORDERS: &str = include_str!("../../../data/gazetteer/borders.tsv");

/// The alpha-3 codes of the countries `code` shares a land border with (empty when none or
/// unknown).
pub fn neighbours(code: &str) -> &'static [&'static str] {
    static TABLE: OnceLock<FxHashMap<&'static str, Vec<&'static str>>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        BORDERS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .skip(1)
            .filter_map(|l| l.split_once('\t'))
            .map(|(c, b)| (c, b.split('|').collect()))
            .collect()
    });
    table.get(code).map_or(&[], Vec::as_slice)
}

#[cfg(test)]
mod tests {
    use super::neighbours;

    #[test]
    fn neighbours_are_read_both_ways() {
        assert!(neighbours("ISR").contains(&"PSE"));
        assert!(neighbours("PSE").contains(&"ISR"));
        assert!(neighbours("SOM").contains(&"KEN"));
        assert!(neighbours("AUS").is_empty());
        assert!(neighbours("nonsense").is_empty());
    }
}
