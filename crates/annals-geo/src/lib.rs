//! The geo stage of annals: a world gazetteer of countries, first-level regions and
//! populated places, and the look-ups that turn place names in text into coordinates.
//!
//! The gazetteer ships as `data/gazetteer.tsv`, rebuilt by `annals build gazetteer`
//! ([`build::build_gazetteer`]) from the GeoNames, ISO 3166 and countrystatecity files in
//! `shared/data/gazetteer`. [`Gazetteer::load`] reads it, on two threads, into indexes
//! keyed by hashes of folded names ([`annals_text::normalize_key`]), plus a deletion
//! index for names misspelt by one letter ("Nangahar" for Nangarhar).
//!
//! [`resolve`] recognises place names in a tokenized article and resolves each to one
//! entry around the article's focus country; [`words`] holds the place words
//! (data/place_words.tsv) that it and the event coder read by class. This crate knows
//! nothing of actors, events or the trained models.

pub mod build;
pub mod resolve;
pub mod words;

use annals_text::normalize_key;
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
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
    /// A second-level region (a county, province or district under the first level:
    /// Surrey, Oudalan), from the countrystatecity subdivisions that ISO 3166-2 places
    /// under a first-level one. Its `admin1` is the region that holds it.
    Admin2 = 3,
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

/// How far from a county's centre a town of its region is taken to lie inside it.
const ADMIN2_REACH_KM: f64 = 100.0;

impl Entry {
    /// Whether this entry contains `inner`: a country its regions and places, a region
    /// its counties and places. Places carry no second-level code, so a county holds
    /// the towns of its region that lie near its centre.
    pub fn holds(&self, inner: &Entry) -> bool {
        match self.kind {
            Kind::Country => self.country == inner.country && inner.kind != Kind::Country,
            Kind::Admin1 => {
                matches!(inner.kind, Kind::Place | Kind::Admin2) && self.admin1 == inner.admin1
            }
            Kind::Admin2 => {
                inner.kind == Kind::Place
                    && self.admin1 == inner.admin1
                    && haversine_km(self.lat, self.lon, inner.lat, inner.lon) <= ADMIN2_REACH_KM
            }
            Kind::Place => false,
        }
    }

    /// The entry as one line of the gazetteer file.
    pub fn to_line(&self) -> String {
        let k = match self.kind {
            Kind::Country => "C",
            Kind::Admin1 => "A",
            Kind::Place => "P",
            Kind::Admin2 => "B",
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
            "B" => Kind::Admin2,
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
    by_key: NameIndex,
    demonyms: HashMap<String, u32>,
    countries: HashMap<String, u32>,
    admin1: HashMap<String, u32>,
    /// Deletion index for one-letter misspellings of countries, regions and large places.
    fuzzy: NameIndex,
    /// The most words any name has.
    pub max_words: usize,
    /// The most characters of any name in the misspelling index: a word one edit from
    /// such a name has at most one more, so longer words are never looked up there.
    fuzzy_max_chars: usize,
    /// Hashes of the first words of all names ([`annals_text::first_word`]).
    first_words: HashSet<u64, BuildHasherDefault<Prehashed>>,
}

/// A 64-bit hash of a folded name: FNV-1a, then a finaliser that spreads every bit.
fn name_hash(bytes: impl IntoIterator<Item = u8>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h = (h ^ b as u64).wrapping_mul(0x100_0000_01b3);
    }
    h ^= h >> 31;
    h = h.wrapping_mul(0x94D0_49BB_1331_11EB);
    h ^ (h >> 29)
}

/// Hashes of all strings made by deleting one character of `s`, without building the
/// strings.
fn deletion_hashes(s: &str, out: &mut Vec<u64>) {
    for (at, c) in s.char_indices() {
        let skip = at..at + c.len_utf8();
        out.push(name_hash(
            s.bytes()
                .enumerate()
                .filter(|(i, _)| !skip.contains(i))
                .map(|(_, b)| b),
        ));
    }
}

/// A hasher for keys that are hashes already.
#[derive(Default, Clone, Copy)]
struct Prehashed(u64);

impl std::hash::Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u64(&mut self, k: u64) {
        self.0 = k;
    }
}

/// Folded names to entry ids, built without a string or a vector per name (the
/// gazetteer has half a million names, and allocating for each was most of its load
/// time): a name is its 64-bit hash (two of the half million sharing one is a chance of
/// about one in 10^8), and the ids of all names sit in one list.
#[derive(Debug, Default)]
struct NameIndex {
    spans: HashMap<u64, (u32, u32), BuildHasherDefault<Prehashed>>,
    ids: Vec<u32>,
}

impl NameIndex {
    /// From (name hash, entry id) pairs, in any order.
    fn build(mut pairs: Vec<(u64, u32)>) -> Self {
        pairs.sort_unstable();
        pairs.dedup();
        let mut spans = HashMap::with_capacity_and_hasher(pairs.len(), Default::default());
        let mut ids = Vec::with_capacity(pairs.len());
        for group in pairs.chunk_by(|a, b| a.0 == b.0) {
            spans.insert(group[0].0, (ids.len() as u32, group.len() as u32));
            ids.extend(group.iter().map(|p| p.1));
        }
        NameIndex { spans, ids }
    }

    /// Entry ids (ascending) of the name with this hash.
    fn get(&self, hash: u64) -> &[u32] {
        self.spans
            .get(&hash)
            .map_or(&[], |&(o, n)| &self.ids[o as usize..(o + n) as usize])
    }
}

/// What indexing a run of entries gives, to be merged with other runs'.
#[derive(Default)]
struct IndexPart {
    names: Vec<(u64, u32)>,
    fuzzy: Vec<(u64, u32)>,
    first_words: Vec<u64>,
    max_words: usize,
    fuzzy_max_chars: usize,
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
        // Two halves parsed side by side, split at a line boundary.
        // (Searched as bytes: the middle byte may fall inside a character.)
        let mid = text.as_bytes()[text.len() / 2..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(text.len(), |k| text.len() / 2 + k + 1);
        let first_lines = text[..mid].lines().count();
        let parse = |part: &str, first_line: usize| -> Result<Vec<Entry>, GeoError> {
            let mut entries = Vec::with_capacity(part.len() / 100);
            for (i, line) in part.lines().enumerate() {
                if line.starts_with('#') || line.is_empty() {
                    continue;
                }
                entries.push(Entry::from_line(line).ok_or(GeoError::Format {
                    path: path.display().to_string(),
                    line: first_line + i + 1,
                })?);
            }
            Ok(entries)
        };
        let (a, b) = std::thread::scope(|sc| {
            let b = sc.spawn(|| parse(&text[mid..], first_lines));
            let a = parse(&text[..mid], 0);
            (a, b.join().expect("gazetteer parser thread"))
        });
        let mut entries = a?;
        entries.extend(b?);
        Ok(Self::from_entries(entries))
    }

    /// Index a list of entries (tests build small gazetteers this way).
    pub fn from_entries(entries: Vec<Entry>) -> Self {
        // Names are folded and hashed in two halves side by side.
        let index_run = |from: usize, run: &[Entry]| -> IndexPart {
            let mut part = IndexPart::default();
            for (k, e) in run.iter().enumerate() {
                let i = (from + k) as u32;
                // Second-level names are many and often a person's or a town's too: only
                // their exact spelling counts.
                let fuzzy = matches!(e.kind, Kind::Country | Kind::Admin1)
                    || (e.kind == Kind::Place && e.population >= FUZZY_MIN_POPULATION);
                // Transliterations mark the Arabic ayn and hamza with apostrophes
                // ("Ma'rib", "Ad Dali'", "Ta'izz") that English writing drops: the name
                // is also found without them.
                let names = std::iter::once(&e.name)
                    .chain(e.aliases.iter())
                    .flat_map(|n| {
                        let k = normalize_key(n);
                        let bare = k.contains('\'').then(|| k.replace('\'', ""));
                        std::iter::once(k).chain(bare)
                    });
                for k in names {
                    if k.is_empty() {
                        continue;
                    }
                    part.max_words = part.max_words.max(k.split(' ').count());
                    part.first_words
                        .push(name_hash(annals_text::first_word(&k).bytes()));
                    let chars = k.chars().count();
                    if fuzzy && chars >= FUZZY_MIN_LEN {
                        part.fuzzy_max_chars = part.fuzzy_max_chars.max(chars);
                        let at = part.fuzzy.len();
                        let mut hashes = Vec::new();
                        deletion_hashes(&k, &mut hashes);
                        part.fuzzy.extend(hashes.into_iter().map(|h| (h, i)));
                        debug_assert!(part.fuzzy.len() > at);
                    }
                    part.names.push((name_hash(k.bytes()), i));
                }
            }
            part
        };
        let mid = entries.len() / 2;
        let (mut a, b) = std::thread::scope(|sc| {
            let b = sc.spawn(|| index_run(mid, &entries[mid..]));
            (
                index_run(0, &entries[..mid]),
                b.join().expect("gazetteer index thread"),
            )
        });
        a.names.extend(b.names);
        a.fuzzy.extend(b.fuzzy);
        a.first_words.extend(b.first_words);
        let (names, fuzzy) = (a.names, a.fuzzy);
        let (by_key, fuzzy) = std::thread::scope(|sc| {
            let f = sc.spawn(|| NameIndex::build(fuzzy));
            (
                NameIndex::build(names),
                f.join().expect("gazetteer index thread"),
            )
        });
        let mut g = Gazetteer {
            entries,
            by_key,
            fuzzy,
            max_words: a.max_words.max(b.max_words),
            fuzzy_max_chars: a.fuzzy_max_chars.max(b.fuzzy_max_chars),
            first_words: a.first_words.into_iter().collect(),
            ..Default::default()
        };
        for (i, e) in g.entries.iter().enumerate() {
            let i = i as u32;
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
                Kind::Place | Kind::Admin2 => {}
            }
        }
        g
    }

    /// Whether some name starts with this folded word.
    pub fn starts_a_name(&self, word: &str) -> bool {
        self.first_words
            .contains(&name_hash(annals_text::first_word(word).bytes()))
    }

    /// Entries whose name or alias folds to `key` (already folded).
    pub fn lookup(&self, key: &str) -> &[u32] {
        self.by_key.get(name_hash(key.bytes()))
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

    /// The name of the admin-1 region an entry lies in (its own name for a region; none
    /// for a country).
    pub fn admin1_name(&self, e: &Entry) -> Option<String> {
        match e.kind {
            Kind::Country => None,
            Kind::Admin1 => Some(e.name.clone()),
            Kind::Place | Kind::Admin2 => self.admin1(&e.admin1).map(|a| a.name.clone()),
        }
    }

    /// Countries, regions and large places whose name is one edit (insertion, deletion,
    /// substitution or transposition) from `key`.
    pub fn lookup_misspelt(&self, key: &str) -> Vec<u32> {
        // (Bounded both ways: a 50,000-letter token would cost one hash per letter.)
        let chars = key.chars().count();
        if chars < FUZZY_MIN_LEN || chars > self.fuzzy_max_chars + 1 {
            return Vec::new();
        }
        let mut cands: Vec<u32> = Vec::new();
        let mut probe = Vec::new();
        deletion_hashes(key, &mut probe);
        probe.push(name_hash(key.bytes()));
        for &d in &probe {
            cands.extend(self.fuzzy.get(d));
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
    #[allow(clippy::too_many_arguments)] // one argument per column of a gazetteer row
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
    /// The file is split in two at a line boundary for parsing; its middle byte may fall
    /// inside a character, and the line numbers of errors still count from the top.
    #[test]
    fn loads_whatever_byte_the_middle_falls_on() {
        use super::testutil::entry;
        let body: String = (0..6)
            .map(|i| {
                let name = format!("Zhōngguó Ōōōōōōōō {i}");
                entry(Kind::Place, i, "CN", "CN.01", &name, 5_000, "PPL", &[]).to_line() + "\n"
            })
            .collect();
        // A comment line long enough that the middle byte lands inside a character.
        let text = (0..400)
            .map(|k| format!("{FILE_HEADER}\n#{}\n{body}", "x".repeat(k)))
            .find(|t| t.as_bytes()[t.len() / 2] & 0xC0 == 0x80)
            .expect("a padding that puts the middle inside a character");
        let path = std::env::temp_dir().join(format!("annals-gaz-{}.tsv", std::process::id()));
        std::fs::write(&path, &text).unwrap();
        let g = Gazetteer::load(&path).unwrap();
        assert_eq!(g.entries.len(), 6);
        assert_eq!(g.lookup(&normalize_key("Zhōngguó Ōōōōōōōō 3")), &[3]);
        // A bad line after the middle is reported with its own line number.
        std::fs::write(&path, text + "not an entry\n").unwrap();
        let err = Gazetteer::load(&path).unwrap_err().to_string();
        assert!(err.contains(":9: not a gazetteer entry"), "{err}");
        let _ = std::fs::remove_file(&path);
    }

    #[test]
    fn deletion_hashes_are_the_hashes_of_the_deletions() {
        for s in ["nangarhar", "kab", "zürich", "a"] {
            let mut got = Vec::new();
            deletion_hashes(s, &mut got);
            let chars: Vec<char> = s.chars().collect();
            let want: Vec<u64> = (0..chars.len())
                .map(|i| {
                    let d: String = chars
                        .iter()
                        .enumerate()
                        .filter(|&(j, _)| j != i)
                        .map(|(_, c)| c)
                        .collect();
                    name_hash(d.bytes())
                })
                .collect();
            assert_eq!(got, want, "{s}");
        }
    }

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
