//! The geo stage of annals: a world gazetteer of countries, first-level regions and
//! populated places, and the look-ups that turn place names in text into coordinates.
//!
//! The gazetteer ships as `data/gazetteer.tsv`, rebuilt by `annals build gazetteer`
//! ([`build::build_gazetteer`]) from the GeoNames, ISO 3166 and countrystatecity files in
//! `shared/data/gazetteer`. [`Gazetteer::load`] reads it into hash maps keyed by folded
//! names ([`annals_text::normalize_key`]), plus a deletion index for names misspelt by
//! one letter ("Nangahar" for Nangarhar).

pub mod build;
pub mod resolve;

use annals_text::normalize_key;
use std::collections::{HashMap, HashSet};
use std::path::Path;

pub use resolve::{resolve_places, PlaceMention, ResolvedPlace};

/// First line of the gazetteer file: format name and column names.
pub const FILE_HEADER: &str =
    "#annals-gazetteer-v1\tkind\tgeonameid\tcountry\tadmin1\tname\tlat\tlon\tpopulation\tfeature\taliases\tdemonyms";

/// What a gazetteer entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A country (ISO 3166-1).
    Country = 0,
    /// A first-level administrative region (GeoNames ADM1).
    Admin1 = 1,
    /// A populated place.
    Place = 2,
}

/// One gazetteer entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Country, region or populated place.
    pub kind: Kind,
    /// GeoNames id (0 when GeoNames has none).
    pub geonameid: u32,
    /// ISO 3166-1 alpha-2 code of the country.
    pub country: String,
    /// GeoNames admin-1 code `CC.XX` (empty for countries).
    pub admin1: String,
    /// Preferred name.
    pub name: String,
    /// Latitude in degrees.
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
    /// Inhabitants (0 when unknown).
    pub population: u64,
    /// GeoNames feature code: PCLI for countries, ADM1 for regions, PPL* for places.
    pub feature: String,
    /// Other names.
    pub aliases: Vec<String>,
    /// Words for the people of a country ("Afghan"): they point to the country but
    /// are not place mentions.
    pub demonyms: Vec<String>,
}

impl Entry {
    /// The entry as one line of the gazetteer file.
    pub fn to_line(&self) -> String {
        let k = match self.kind {
            Kind::Country => "C",
            Kind::Admin1 => "A",
            Kind::Place => "P",
        };
        format!(
            "{k}\t{}\t{}\t{}\t{}\t{:.5}\t{:.5}\t{}\t{}\t{}\t{}",
            self.geonameid,
            self.country,
            self.admin1,
            self.name,
            self.lat,
            self.lon,
            self.population,
            self.feature,
            self.aliases.join("|"),
            self.demonyms.join("|")
        )
    }

    fn from_line(line: &str) -> Option<Entry> {
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() != 11 {
            return None;
        }
        let kind = match c[0] {
            "C" => Kind::Country,
            "A" => Kind::Admin1,
            "P" => Kind::Place,
            _ => return None,
        };
        let list = |s: &str| {
            if s.is_empty() {
                Vec::new()
            } else {
                s.split('|').map(String::from).collect()
            }
        };
        Some(Entry {
            kind,
            geonameid: c[1].parse().ok()?,
            country: c[2].to_string(),
            admin1: c[3].to_string(),
            name: c[4].to_string(),
            lat: c[5].parse().ok()?,
            lon: c[6].parse().ok()?,
            population: c[7].parse().ok()?,
            feature: c[8].to_string(),
            aliases: list(c[9]),
            demonyms: list(c[10]),
        })
    }
}

/// Errors loading the gazetteer.
#[derive(Debug, thiserror::Error)]
pub enum GeoError {
    /// The file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// A line is not a gazetteer entry.
    #[error("{path}:{line}: not a gazetteer entry (rebuild it with `annals build gazetteer`)")]
    Format {
        /// The file.
        path: String,
        /// The 1-based line.
        line: usize,
    },
}

/// The loaded gazetteer.
#[derive(Debug, Default)]
pub struct Gazetteer {
    /// All entries; ids below are indices into it.
    pub entries: Vec<Entry>,
    by_key: HashMap<String, Vec<u32>>,
    demonyms: HashMap<String, u32>,
    countries: HashMap<String, u32>,
    admin1: HashMap<String, u32>,
    /// Deletion index for one-letter misspellings of countries, regions and large places.
    fuzzy: HashMap<String, Vec<u32>>,
    /// The most words any name has.
    pub max_words: usize,
    /// First words of all names ([`annals_text::first_word`]).
    first_words: HashSet<String>,
}

/// Places at least this large take part in misspelling look-ups.
const FUZZY_MIN_POPULATION: u64 = 100_000;
/// Names shorter than this are never matched with a misspelling: too many false hits.
const FUZZY_MIN_LEN: usize = 5;

impl Gazetteer {
    /// Load the gazetteer file.
    pub fn load(path: &Path) -> Result<Self, GeoError> {
        let text = std::fs::read_to_string(path).map_err(|source| GeoError::Io {
            path: path.display().to_string(),
            source,
        })?;
        let mut entries = Vec::with_capacity(text.len() / 120);
        for (i, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            entries.push(Entry::from_line(line).ok_or(GeoError::Format {
                path: path.display().to_string(),
                line: i + 1,
            })?);
        }
        Ok(Self::from_entries(entries))
    }

    /// Index a list of entries (tests build small gazetteers this way).
    pub fn from_entries(entries: Vec<Entry>) -> Self {
        let mut g = Gazetteer {
            entries,
            ..Default::default()
        };
        for (i, e) in g.entries.iter().enumerate() {
            let i = i as u32;
            let fuzzy = e.kind != Kind::Place || e.population >= FUZZY_MIN_POPULATION;
            for n in std::iter::once(&e.name).chain(e.aliases.iter()) {
                let k = normalize_key(n);
                if k.is_empty() {
                    continue;
                }
                g.max_words = g.max_words.max(k.split(' ').count());
                g.first_words
                    .insert(annals_text::first_word(&k).to_string());
                if fuzzy && k.chars().count() >= FUZZY_MIN_LEN {
                    for d in deletions(&k) {
                        let v = g.fuzzy.entry(d).or_default();
                        if !v.contains(&i) {
                            v.push(i);
                        }
                    }
                }
                let v = g.by_key.entry(k).or_default();
                if !v.contains(&i) {
                    v.push(i);
                }
            }
            match e.kind {
                Kind::Country => {
                    g.countries.insert(e.country.clone(), i);
                    for d in &e.demonyms {
                        g.demonyms.entry(normalize_key(d)).or_insert(i);
                    }
                }
                Kind::Admin1 => {
                    g.admin1.insert(e.admin1.clone(), i);
                }
                Kind::Place => {}
            }
        }
        g
    }

    /// Whether some name starts with this folded word.
    pub fn starts_a_name(&self, word: &str) -> bool {
        self.first_words.contains(annals_text::first_word(word))
    }

    /// Entries whose name or alias folds to `key` (already folded).
    pub fn lookup(&self, key: &str) -> &[u32] {
        self.by_key.get(key).map_or(&[], Vec::as_slice)
    }

    /// The country a demonym ("Afghan", "Syrians") points to.
    pub fn demonym(&self, key: &str) -> Option<u32> {
        self.demonyms.get(key).copied()
    }

    /// The index of the country entry of an ISO alpha-2 code.
    pub fn country_index(&self, iso2: &str) -> Option<u32> {
        self.countries.get(iso2).copied()
    }

    /// The country entry of an ISO alpha-2 code.
    pub fn country(&self, iso2: &str) -> Option<&Entry> {
        self.countries.get(iso2).map(|&i| &self.entries[i as usize])
    }

    /// The region entry of a GeoNames admin-1 code.
    pub fn admin1(&self, code: &str) -> Option<&Entry> {
        self.admin1.get(code).map(|&i| &self.entries[i as usize])
    }

    /// Countries, regions and large places whose name is one edit (insertion, deletion,
    /// substitution or transposition) from `key`.
    pub fn lookup_misspelt(&self, key: &str) -> Vec<u32> {
        if key.chars().count() < FUZZY_MIN_LEN {
            return Vec::new();
        }
        let mut cands: Vec<u32> = Vec::new();
        let mut probe = deletions(key);
        probe.push(key.to_string());
        for d in &probe {
            if let Some(v) = self.fuzzy.get(d) {
                cands.extend(v);
            }
        }
        cands.sort_unstable();
        cands.dedup();
        cands.retain(|&i| {
            let e = &self.entries[i as usize];
            std::iter::once(&e.name).chain(e.aliases.iter()).any(|n| {
                let k = normalize_key(n);
                k.chars().next() == key.chars().next() && edit_distance_at_most_one(&k, key)
            })
        });
        cands
    }
}

/// All strings made by deleting one character of `s`.
fn deletions(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    (0..chars.len())
        .map(|i| {
            chars
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != i)
                .map(|(_, c)| c)
                .collect()
        })
        .collect()
}

/// Whether `a` and `b` differ by at most one insertion, deletion, substitution or
/// transposition of adjacent letters.
pub fn edit_distance_at_most_one(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a == b {
        return true;
    }
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) > 1 {
        return false;
    }
    let p = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if la == lb {
        // substitution, or transposition of p and p+1
        a[p + 1..] == b[p + 1..]
            || (p + 1 < la && a[p] == b[p + 1] && a[p + 1] == b[p] && a[p + 2..] == b[p + 2..])
    } else if la > lb {
        a[p + 1..] == b[p..]
    } else {
        a[p..] == b[p + 1..]
    }
}

/// Great-circle distance in kilometres.
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = (lat2 - lat1).to_radians();
    let dl = (lon2 - lon1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

/// Small gazetteers for tests.
#[cfg(test)]
pub(crate) mod testutil {
    use super::{Entry, Kind};

    /// An entry at (0, 0); countries get the demonym name + "n".
    pub fn entry(
        kind: Kind,
        id: u32,
        cc: &str,
        a1: &str,
        name: &str,
        pop: u64,
        feature: &str,
        aliases: &[&str],
    ) -> Entry {
        Entry {
            kind,
            geonameid: id,
            country: cc.into(),
            admin1: a1.into(),
            name: name.into(),
            lat: 0.0,
            lon: 0.0,
            population: pop,
            feature: feature.into(),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            demonyms: if kind == Kind::Country {
                vec![format!("{name}n")]
            } else {
                vec![]
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(
        kind: Kind,
        id: u32,
        cc: &str,
        a1: &str,
        name: &str,
        pop: u64,
        aliases: &[&str],
    ) -> Entry {
        testutil::entry(kind, id, cc, a1, name, pop, "PPL", aliases)
    }

    #[test]
    fn lines_round_trip() {
        let e = entry(
            Kind::Place,
            7,
            "AF",
            "AF.13",
            "Kabul",
            4_000_000,
            &["Kabol"],
        );
        assert_eq!(Entry::from_line(&e.to_line()).unwrap().aliases, e.aliases);
    }

    #[test]
    fn one_edit() {
        assert!(edit_distance_at_most_one("nangarhar", "nangahar"));
        assert!(edit_distance_at_most_one("yemen", "yamen"));
        assert!(edit_distance_at_most_one("kabul", "kbaul"));
        assert!(!edit_distance_at_most_one("kabul", "kandahar"));
    }

    #[test]
    fn misspelt_regions_are_found() {
        let g = Gazetteer::from_entries(vec![
            entry(Kind::Country, 1, "AF", "", "Afghanistan", 0, &[]),
            entry(Kind::Admin1, 2, "AF", "AF.18", "Nangarhar", 0, &[]),
        ]);
        assert_eq!(g.lookup_misspelt("nangahar"), vec![1]);
        assert_eq!(g.demonym("afghanistann"), Some(0));
        assert!(g.lookup_misspelt("kabul").is_empty());
    }

    #[test]
    fn distance() {
        let d = haversine_km(34.52813, 69.17233, 34.42647, 70.45153);
        assert!((d - 118.0).abs() < 3.0, "{d}");
    }
}
