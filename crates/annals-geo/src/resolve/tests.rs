//! The resolver's rules, each on small gazetteers and short sentences.

use super::*;
use crate::Entry;

fn e(kind: Kind, id: u32, cc: &str, a1: &str, name: &str, pop: u64, feature: &str) -> Entry {
    crate::testutil::entry(kind, id, cc, a1, name, pop, feature, &[])
}

/// Resolve the places of `text` (no actors, no common words).
fn resolution(g: &Gazetteer, text: &str) -> Resolution {
    let doc = Doc::new(text);
    let chunks = annals_text::proper_chunks(&doc);
    let keys = TokenKeys::new(&doc);
    resolve_places(g, &doc, &keys, &chunks, &[], &HashSet::new(), &[])
}

/// Each resolved place's first mention and country.
fn resolve(g: &Gazetteer, text: &str) -> Vec<(String, String)> {
    resolution(g, text)
        .places
        .iter()
        .map(|p| {
            (
                text[p.mentions[0].0..p.mentions[0].1].to_string(),
                g.entries[p.entry as usize].country.clone(),
            )
        })
        .collect()
}

fn world() -> Gazetteer {
    Gazetteer::from_entries(vec![
        e(Kind::Country, 1, "AF", "", "Afghanistan", 0, "PCLI"),
        e(Kind::Country, 2, "US", "", "America", 0, "PCLI"),
        e(Kind::Admin1, 3, "AF", "AF.18", "Nangarhar", 0, "ADM1"),
        e(Kind::Place, 4, "US", "US.TX", "Kandahar", 60_000, "PPL"),
        e(Kind::Place, 5, "AF", "AF.23", "Kandahar", 50_000, "PPLA"),
        e(Kind::Place, 6, "PK", "PK.02", "Saleh", 20_000, "PPL"),
    ])
}

#[test]
fn focus_country_breaks_ties() {
    // The American Kandahar is larger, but the article is about Afghanistan.
    let r = resolve(&world(), "Fighting in Afghanistan reached Kandahar.");
    assert_eq!(r[1], ("Kandahar".into(), "AF".into()));
}

#[test]
fn a_city_own_name_outranks_a_capital_old_name() {
    let g = Gazetteer::from_entries(vec![
        crate::testutil::entry(
            Kind::Place,
            1,
            "JO",
            "JO.16",
            "Amman",
            1_275_857,
            "PPLC",
            &["Philadelphia"],
        ),
        e(
            Kind::Place,
            2,
            "US",
            "US.PA",
            "Philadelphia",
            1_573_916,
            "PPLA2",
        ),
    ]);
    // Amman was Philadelphia in antiquity; the capital's prior must not win that way.
    let r = resolve(&g, "A man was shot dead in Philadelphia on Sunday.");
    assert_eq!(r, vec![("Philadelphia".into(), "US".into())]);
}

#[test]
fn a_town_abroad_beside_places_of_the_focus_country_is_a_local_place() {
    let g = Gazetteer::from_entries(vec![
        e(Kind::Place, 1, "BD", "BD.81", "Dhaka", 10_356_500, "PPLC"),
        e(Kind::Place, 2, "BD", "BD.81", "Shariatpur", 80_000, "PPLA2"),
        e(Kind::Place, 3, "IN", "IN.37", "Bilaspur", 365_579, "PPL"),
        e(Kind::Place, 4, "IN", "IN.11", "Bilaspur", 13_000, "PPL"),
        e(Kind::Place, 5, "PK", "PK.04", "Bilaspur", 25_000, "PPL"),
    ]);
    // Bangladesh's Bilaspur union is not India's Bilaspur.
    let r = resolve(
        &g,
        "Supporters clashed in Bilaspur union, Zajira upazila (Shariatpur, Dhaka).",
    );
    assert!(r.iter().all(|(_, cc)| cc == "BD"), "{r:?}");
    // Told alone, the city stands.
    let r = resolve(&g, "Supporters clashed in Bilaspur on Sunday.");
    assert_eq!(r, vec![("Bilaspur".into(), "IN".into())]);
    // A town with one reading abroad votes for its country only by itself, twice
    // named or not ("Santhia town, Santhia upazila" is Bangladesh's, not Italy's).
    let g = Gazetteer::from_entries(vec![
        e(Kind::Place, 1, "BD", "BD.81", "Dhaka", 10_356_500, "PPLC"),
        e(Kind::Place, 2, "BD", "BD.81", "Pabna", 186_781, "PPL"),
        e(Kind::Place, 3, "IT", "IT.12", "Santhia", 8_079, "PPL"),
    ]);
    let r = resolve(
        &g,
        "A mob vandalized offices in Santhia town, Santhia upazila (Pabna, Dhaka).",
    );
    assert!(r.iter().all(|(_, cc)| cc == "BD"), "{r:?}");
}

#[test]
fn an_article_prefix_is_no_place() {
    let g = Gazetteer::from_entries(vec![
        e(Kind::Place, 1, "NO", "NO.04", "Ål", 2_278, "PPL"),
        e(Kind::Admin1, 2, "MM", "MM.17", "Yangon", 0, "ADM1"),
    ]);
    // "Al-Hawayij" is not Ål, Norway; "Yangon-North district" is still Yangon (its
    // mention keeps the hyphen the name was read through).
    assert!(resolve(&g, "Gunmen killed a man in Al-Hawayij town.").is_empty());
    let r = resolve(
        &g,
        "A bomb exploded in Hlaingtharya township (Yangon-North district).",
    );
    assert_eq!(r, vec![("Yangon-".into(), "MM".into())]);
}

#[test]
fn an_army_nationality_alone_makes_no_focus() {
    let g = Gazetteer::from_entries(vec![
        e(Kind::Country, 1, "RU", "", "Russia", 0, "PCLI"),
        e(Kind::Place, 2, "UA", "UA.05", "Donetsk", 901_645, "PPLA"),
        e(Kind::Place, 3, "RU", "RU.61", "Donetsk", 50_850, "PPLA2"),
    ]);
    // The army fights abroad: Donetsk is the Ukrainian city.
    let r = resolve(&g, "Russian forces shelled Malotaranivka, Donetsk.");
    assert_eq!(r, vec![("Donetsk".into(), "UA".into())]);
    // A people named otherwise does point at its country.
    let r = resolve(&g, "Russian officials met in Donetsk.");
    assert_eq!(r, vec![("Donetsk".into(), "RU".into())]);
}

#[test]
fn a_compass_word_ending_a_name_is_no_region() {
    let g = Gazetteer::from_entries(vec![
        e(Kind::Admin1, 1, "BF", "BF.13", "Nord", 0, "ADM1"),
        e(Kind::Admin1, 2, "CD", "CD.14", "Ituri", 0, "ADM1"),
    ]);
    // "Bahema Nord" is a village of Ituri, not Burkina Faso's Nord region; "Nord"
    // alone still is.
    let r = resolve(&g, "Militiamen attacked Bahema Nord, in Ituri.");
    assert_eq!(r, vec![("Ituri".into(), "CD".into())]);
    let r = resolve(&g, "Militants attacked a village in Nord on Sunday.");
    assert_eq!(r, vec![("Nord".into(), "BF".into())]);
    // An intercardinal word is a compass word too: the "Pacific Northwest" is no
    // Northwest region of Iceland's.
    let g = Gazetteer::from_entries(vec![e(
        Kind::Admin1,
        1,
        "IS",
        "IS.42",
        "Northwest",
        0,
        "ADM1",
    )]);
    let r = resolve(&g, "Salmon runs fell across the Pacific Northwest.");
    assert!(r.is_empty(), "{r:?}");
}

#[test]
fn a_great_city_abroad_outranks_a_village_of_the_focus_country() {
    let g = Gazetteer::from_entries(vec![
        e(Kind::Country, 1, "US", "", "United States", 0, "PCLI"),
        e(Kind::Country, 2, "CA", "", "Canada", 0, "PCLI"),
        e(Kind::Place, 3, "CA", "CA.08", "Toronto", 2_700_000, "PPLA"),
        e(Kind::Place, 4, "US", "US.OH", "Toronto", 5_000, "PPL"),
        e(Kind::Admin1, 5, "CA", "CA.08", "Ontario", 0, "ADM1"),
        e(Kind::Place, 6, "US", "US.CA", "Ontario", 175_000, "PPL"),
    ]);
    // The United States is the article's focus; Toronto and Ontario are still Canada's.
    let r = resolve(
        &g,
        "The United States and the United States agencies sent doctors to Toronto in Ontario.",
    );
    assert!(r.contains(&("Toronto".into(), "CA".into())), "{r:?}");
    assert!(r.contains(&("Ontario".into(), "CA".into())), "{r:?}");
}

#[test]
fn a_region_named_after_its_city_means_the_city() {
    let g = Gazetteer::from_entries(vec![
        e(Kind::Country, 1, "AF", "", "Afghanistan", 0, "PCLI"),
        e(Kind::Admin1, 2, "AF", "AF.13", "Kabul", 0, "ADM1"),
        e(Kind::Place, 3, "AF", "AF.13", "Kabul", 4_400_000, "PPLC"),
    ]);
    let text = "Fighters in Afghanistan reached Kabul.";
    let r = resolution(&g, text);
    let kabul = r
        .places
        .iter()
        .find(|p| &text[p.mentions[0].0..p.mentions[0].1] == "Kabul")
        .unwrap();
    assert_eq!(
        g.entries[kabul.entry as usize].kind,
        Kind::Place,
        "{}",
        kabul.reason
    );
}

/// An entry at a point.
fn at(mut e: Entry, lat: f64, lon: f64) -> Entry {
    (e.lat, e.lon) = (lat, lon);
    e
}

fn counties() -> Gazetteer {
    let county = |cc, a1, name| e(Kind::Admin2, 0, cc, a1, name, 0, "ADM2");
    let surrey = at(county("GB", "GB.ENG", "Surrey"), 51.27, -0.34);
    let oudalan = at(county("BF", "BF.78", "Oudalan"), 14.6, -0.3);
    let birmingham = at(county("GB", "GB.ENG", "Birmingham"), 52.48, -1.89);
    let markoye = at(
        e(Kind::Place, 7, "BF", "BF.78", "Markoye", 5_000, "PPL"),
        14.65,
        0.04,
    );
    let markoye_far = at(
        e(Kind::Place, 8, "BF", "BF.78", "Markoye", 9_000, "PPL"),
        11.0,
        -3.0,
    );
    Gazetteer::from_entries(vec![
        e(Kind::Country, 1, "GB", "", "United Kingdom", 0, "PCLI"),
        e(Kind::Country, 2, "CA", "", "Canada", 0, "PCLI"),
        e(Kind::Country, 3, "BF", "", "Burkina Faso", 0, "PCLI"),
        surrey,
        e(Kind::Place, 4, "CA", "CA.02", "Surrey", 568_000, "PPL"),
        e(
            Kind::Place,
            5,
            "GB",
            "GB.ENG",
            "Birmingham",
            1_100_000,
            "PPLA2",
        ),
        birmingham,
        oudalan,
        markoye,
        markoye_far,
    ])
}

/// The resolved place first named `name` in `text`.
fn named<'r>(r: &'r Resolution, text: &str, name: &str) -> Option<&'r ResolvedPlace> {
    r.places
        .iter()
        .find(|p| &text[p.mentions[0].0..p.mentions[0].1] == name)
}

/// The kind and country of the place first named `name` in `text`.
fn kind_of(g: &Gazetteer, text: &str, name: &str) -> Option<(Kind, String)> {
    named(&resolution(g, text), text, name).map(|p| {
        let e = &g.entries[p.entry as usize];
        (e.kind, e.country.clone())
    })
}

#[test]
fn a_county_of_the_focus_country_outranks_a_city_abroad() {
    let g = counties();
    let text = "Flooding in the United Kingdom closed roads in Surrey.";
    assert_eq!(
        kind_of(&g, text, "Surrey"),
        Some((Kind::Admin2, "GB".into()))
    );
    // In a Canadian article it is the city of half a million.
    let text = "Police in Canada said the shooting in Surrey was gang-related.";
    assert_eq!(
        kind_of(&g, text, "Surrey"),
        Some((Kind::Place, "CA".into()))
    );
}

#[test]
fn a_county_abroad_needs_a_place_where_a_place_stands() {
    let g = counties();
    // Named as a person's name would be, in a Canadian article: no place.
    let text = "Officials in Canada met Oudalan on Monday.";
    assert_eq!(kind_of(&g, text, "Oudalan"), None);
    // Where a place stands, it is the county.
    let text = "In Canada, officials said gunmen attacked a school in Oudalan.";
    assert_eq!(
        kind_of(&g, text, "Oudalan"),
        Some((Kind::Admin2, "BF".into()))
    );
}

#[test]
fn a_county_named_after_its_city_means_the_city() {
    let g = counties();
    let text = "Protesters in the United Kingdom marched in Birmingham.";
    assert_eq!(
        kind_of(&g, text, "Birmingham"),
        Some((Kind::Place, "GB".into()))
    );
}

#[test]
fn the_county_after_a_town_holds_it_when_it_lies_near() {
    let g = counties();
    // Two Markoyes in the region; the one within reach of Oudalan's centre is meant.
    let text = "Gunmen attacked a school in Markoye (Oudalan).";
    let r = resolution(&g, text);
    let m = named(&r, text, "Markoye").unwrap();
    assert_eq!(g.entries[m.entry as usize].geonameid, 7, "{}", m.reason);
    assert_eq!(named(&r, text, "Oudalan").unwrap().precision, "admin2");
}

#[test]
fn a_country_ending_a_company_name_is_still_a_place_alone() {
    let g = Gazetteer::from_entries(vec![
        e(Kind::Country, 1, "CA", "", "Canada", 0, "PCLI"),
        e(Kind::Place, 2, "US", "US.TX", "Bell", 3_000, "PPL"),
    ]);
    // "Bell", a surname or a small town, after a longer name stays out; "Canada",
    // which ends "Taco Bell Canada", is a place where it stands alone.
    let r = resolve(
        &g,
        "Taco Bell Canada recalled onions from all its stores across Canada.",
    );
    assert_eq!(r, vec![("Canada".to_string(), "CA".to_string())]);
}

#[test]
fn a_name_with_a_possessive_inside_is_read_whole() {
    let mut china = e(Kind::Country, 1, "CN", "", "China", 0, "PCLI");
    china.aliases = vec!["People's Republic of China".into()];
    let mut taiwan = e(Kind::Country, 2, "TW", "", "Taiwan", 0, "PCLI");
    taiwan.aliases = vec!["Republic of China".into()];
    let g = Gazetteer::from_entries(vec![china, taiwan]);
    let r = resolve(&g, "Officials of the People's Republic of China denied it.");
    assert_eq!(
        r,
        vec![("People's Republic of China".to_string(), "CN".to_string())]
    );
}

#[test]
fn a_small_town_after_north_of_is_a_place() {
    let g = Gazetteer::from_entries(vec![e(
        Kind::Place,
        1,
        "BF",
        "BF.12",
        "Gorom-Gorom",
        9_752,
        "PPL",
    )]);
    // A small town abroad is kept only where a place stands: "north of" is such a
    // spot, as "in" is; without it the name could be anything.
    let r = resolve(&g, "Airstrikes hit targets north of Gorom-Gorom on Monday.");
    assert_eq!(r, vec![("Gorom-Gorom".to_string(), "BF".to_string())]);
    assert!(resolve(&g, "Gorom-Gorom said nothing on Monday.").is_empty());
}

#[test]
fn the_region_after_a_comma_or_parenthesis_holds_the_town() {
    let g = Gazetteer::from_entries(vec![
        e(Kind::Admin1, 1, "YE", "YE.08", "Al Hudaydah", 0, "ADM1"),
        e(Kind::Place, 2, "US", "US.KS", "Hays", 21_000, "PPL"),
        e(Kind::Admin1, 3, "US", "US.NC", "North Carolina", 0, "ADM1"),
        e(Kind::Place, 4, "GG", "GG.01", "Vale", 3_000, "PPL"),
        e(Kind::Place, 5, "US", "US.NC", "Vale", 1_500, "PPL"),
    ]);
    // The parenthesis names the region: the Vale inside it, not the larger one.
    let r = resolve(
        &g,
        "Protesters gathered in Vale (North Carolina) on Monday.",
    );
    assert_eq!(r[0], ("Vale".to_string(), "US".to_string()), "{r:?}");
    // A region of another country in the parenthesis: not Hays, Kansas.
    let r = resolve(&g, "Shells fell south of the port (Hays, Al Hudaydah).");
    assert_eq!(r, vec![("Al Hudaydah".to_string(), "YE".to_string())]);
}

#[test]
fn an_army_s_nationality_is_weak_evidence_of_the_country() {
    let g = Gazetteer::from_entries(vec![
        e(Kind::Country, 1, "RU", "", "Russia", 0, "PCLI"),
        e(Kind::Country, 2, "UA", "", "Ukraine", 0, "PCLI"),
        e(Kind::Admin1, 3, "UA", "UA.05", "Kharkiv Oblast", 0, "ADM1"),
        e(Kind::Place, 4, "UA", "UA.05", "Izium", 45_000, "PPL"),
        e(Kind::Place, 5, "RU", "RU.61", "Donetsk", 47_000, "PPL"),
        e(Kind::Place, 6, "UA", "UA.13", "Donetsk", 900_000, "PPLA"),
    ]);
    let mut russian = g.entries[0].clone();
    russian.demonyms = vec!["Russian".into()];
    let mut entries = g.entries.clone();
    entries[0] = russian;
    let g = Gazetteer::from_entries(entries);
    let r = resolve(&g, "Russian forces shelled Izium and Donetsk.");
    assert!(
        r.contains(&("Donetsk".to_string(), "UA".to_string())),
        "{r:?}"
    );
}

#[test]
fn names_inside_person_names_are_not_places() {
    let r = resolve(&world(), "Amrullah Saleh spoke in Afghanistan.");
    assert_eq!(r, vec![("Afghanistan".to_string(), "AF".to_string())]);
}

#[test]
fn misspelt_region_after_a_preposition() {
    let r = resolve(&world(), "Fighters returned to Nangahar in Afghanistan.");
    assert_eq!(r[0], ("Nangahar".into(), "AF".into()));
}

#[test]
fn misspelt_name_before_a_generic_word() {
    // The misspelt word alone is the mention; "Province" only says what it is.
    let r = resolve(
        &world(),
        "Fighters returned to Nangahar Province in Afghanistan.",
    );
    assert_eq!(r[0], ("Nangahar".into(), "AF".into()));
    // A second name after it is no generic word: the chunk is some other name.
    let r = resolve(&world(), "Fighters met Nangahar Smith in Afghanistan.");
    assert!(r.iter().all(|(m, _)| m != "Nangahar"), "{r:?}");
}

#[test]
fn transliteration_apostrophes_may_be_dropped() {
    let g = Gazetteer::from_entries(vec![
        e(Kind::Country, 1, "YE", "", "Yemen", 28_000_000, "PCLI"),
        e(Kind::Admin1, 2, "YE", "YE.14", "Ma\u{2019}rib", 0, "ADM1"),
    ]);
    let r = resolve(&g, "Houthis attacked Marib.");
    assert_eq!(r, vec![("Marib".to_string(), "YE".to_string())]);
    let r = resolve(&g, "Houthis attacked Ma\u{2019}rib.");
    assert_eq!(r, vec![("Ma\u{2019}rib".to_string(), "YE".to_string())]);
}

#[test]
fn an_institution_named_after_its_town_stands_in_it() {
    let r = resolve(&world(), "Students rioted at Kandahar University.");
    assert_eq!(r, vec![("Kandahar".to_string(), "AF".to_string())]);
}

#[test]
fn a_misspelling_is_not_read_as_a_region_abroad() {
    // "Nangahar" is one letter from Nangarhar, but the article is about America.
    let r = resolve(
        &world(),
        "In America, police said protesters gathered in Nangahar.",
    );
    assert_eq!(r, vec![("America".to_string(), "US".to_string())]);
    // With no focus, a misspelt region where a place stands is still read.
    let r = resolve(&world(), "Fighters returned to Nangahar.");
    assert_eq!(r, vec![("Nangahar".to_string(), "AF".to_string())]);
}

#[test]
fn a_misspelt_country_before_a_word_for_its_parts_is_no_country() {
    let g = Gazetteer::from_entries(vec![
        e(Kind::Country, 1, "PW", "", "Palau", 0, "PCLI"),
        e(Kind::Country, 2, "MM", "", "Myanmar", 0, "PCLI"),
    ]);
    // "Palaw township" is a township of Myanmar, not the Pacific state.
    let r = resolve(&g, "Soldiers raided a village in Palaw township, Myanmar.");
    assert_eq!(r, vec![("Myanmar".to_string(), "MM".to_string())]);
    // Alone, the misspelling still names the country.
    let r = resolve(&g, "Ships reached Palaw.");
    assert_eq!(r, vec![("Palaw".to_string(), "PW".to_string())]);
}

#[test]
fn a_country_named_like_towns_abroad_is_the_focus() {
    let g = Gazetteer::from_entries(vec![
        e(Kind::Country, 1, "IN", "", "India", 0, "PCLI"),
        e(Kind::Place, 2, "MX", "MX.05", "India", 2_000, "PPL"),
    ]);
    let r = resolution(&g, "Members of the Communist Party of India protested.");
    assert_eq!(r.focus_country.as_deref(), Some("IN"));
}

#[test]
fn a_region_opening_a_longer_name_is_where_the_body_stands() {
    let g = Gazetteer::from_entries(vec![
        e(Kind::Admin1, 1, "IN", "IN.10", "Haryana", 0, "ADM1"),
        e(Kind::Admin1, 2, "CM", "CM.04", "East", 0, "ADM1"),
    ]);
    let r = resolution(
        &g,
        "Over 3000 teachers of the Haryana Computer Teachers Welfare Association marched.",
    );
    // Not a place of the text, but what the body is named after, and a vote for India.
    assert!(r.places.is_empty());
    assert_eq!(r.in_names.len(), 1);
    assert_eq!(g.entries[r.in_names[0].entry as usize].name, "Haryana");
    assert_eq!(r.focus_country.as_deref(), Some("IN"));
    // A compass word opening a name names no region ("East Isdair of Fatullah").
    let r = resolution(
        &g,
        "Workers clashed with police at East Isdair Market Road.",
    );
    assert!(r.in_names.is_empty());
}

/// Burkina Faso's provinces beside towns abroad that share names with its villages.
fn sahel() -> Gazetteer {
    Gazetteer::from_entries(vec![
        e(Kind::Country, 1, "BF", "", "Burkina Faso", 0, "PCLI"),
        e(Kind::Admin2, 2, "BF", "BF.12", "Soum", 0, "ADM2"),
        e(Kind::Admin2, 3, "BF", "BF.10", "Yatenga", 0, "ADM2"),
        e(Kind::Place, 4, "SN", "SN.09", "Soum", 5_044, "PPL"),
        e(Kind::Place, 5, "BJ", "BJ.17", "Pobe", 49_232, "PPLA2"),
        e(Kind::Place, 6, "BE", "BE.WAL", "Kain", 7_412, "PPL"),
        e(Kind::Place, 7, "RU", "RU.13", "Asha", 15_000, "PPL"),
    ])
}

#[test]
fn the_regions_in_parentheses_after_an_unknown_name_are_places() {
    // The village is unknown, but what the parenthesis names is where it lies.
    let r = resolve(&sahel(), "Gunmen killed a man in Gargaboule (Soum).");
    assert_eq!(r, vec![("Soum".to_string(), "BF".to_string())]);
    // An acronym in parentheses is the name's short form.
    let r = resolve(
        &sahel(),
        "Accredited Social Health Activists (ASHA) protested.",
    );
    assert!(r.is_empty(), "{r:?}");
}

#[test]
fn a_hyphened_compound_is_not_the_small_town_of_its_first_part() {
    // "Pobe-Mengao" is a commune of Burkina Faso's, not Benin's Pobe.
    let r = resolve(
        &sahel(),
        "Gunmen killed a man in Gargaboule (Pobe-Mengao, Soum).",
    );
    assert_eq!(r, vec![("Soum".to_string(), "BF".to_string())]);
    let r = resolve(&sahel(), "Traders protested in Pobe on Monday.");
    assert_eq!(r, vec![("Pobe".to_string(), "BJ".to_string())]);
}

#[test]
fn a_name_told_twice_lies_in_the_region_after_the_second() {
    // "near Kain (Kain, Yatenga)": the town, its commune and its province. Belgium's
    // Kain lies in no Yatenga, and the town's name twice is one vote.
    let r = resolution(
        &sahel(),
        "Militants ambushed an army unit near Kain (Kain, Yatenga).",
    );
    assert_eq!(r.focus_country.as_deref(), Some("BF"));
    assert!(!r.places.is_empty());
    assert!(r
        .places
        .iter()
        .all(|p| sahel().entries[p.entry as usize].country == "BF"));
}

#[test]
fn a_village_name_one_letter_from_a_country_is_the_country() {
    let g = Gazetteer::from_entries(vec![
        e(Kind::Country, 1, "YE", "", "Yemen", 0, "PCLI"),
        e(Kind::Country, 2, "SO", "", "Somalia", 0, "PCLI"),
        e(Kind::Place, 3, "CN", "CN.30", "Yamen", 0, "PPL"),
    ]);
    let r = resolve(
        &g,
        "The Taliban made mentions of Somalia, Yamen and Kashmir.",
    );
    assert_eq!(
        r,
        vec![
            ("Somalia".into(), "SO".into()),
            ("Yamen".into(), "YE".into())
        ]
    );
}

#[test]
fn a_hamlet_abroad_in_an_article_about_another_country_is_a_local_place() {
    let g = Gazetteer::from_entries(vec![
        e(Kind::Admin1, 1, "BF", "BF.12", "Sahel", 0, "ADM1"),
        e(Kind::Place, 2, "VN", "VN.46", "Sia", 0, "PPL"),
        e(Kind::Admin1, 3, "VN", "VN.46", "Binh Dinh", 0, "ADM1"),
    ]);
    let r = resolve(
        &g,
        "Pupils in Sia protested over the conflict in the Sahel Region.",
    );
    assert_eq!(r, vec![("Sahel".to_string(), "BF".to_string())]);
    // Held by the region after it, it stands.
    let r = resolve(&g, "Pupils in Sia, Binh Dinh protested.");
    assert!(r.iter().any(|(n, _)| n == "Sia"), "{r:?}");
}

#[test]
fn a_town_name_alone_after_the_names_something_else() {
    let g = Gazetteer::from_entries(vec![
        e(Kind::Place, 1, "US", "US.TX", "Austin", 974_447, "PPLA"),
        e(Kind::Place, 2, "US", "US.NM", "Reserve", 9_766, "PPL"),
        e(Kind::Place, 3, "GB", "GB.ENG", "Pirbright", 3_691, "PPL"),
        e(Kind::Country, 4, "GB", "", "Britain", 0, "PCLI"),
    ]);
    let r = resolve(
        &g,
        "A man was shot at the Reserve at Springdale Apartments in Austin.",
    );
    assert_eq!(r, vec![("Austin".to_string(), "US".to_string())]);
    // Before a noun it names the place the thing is at.
    let r = resolve(
        &g,
        "In Britain, the virus escaped from the Pirbright laboratory.",
    );
    assert_eq!(r[1], ("Pirbright".to_string(), "GB".to_string()));
}

#[test]
fn a_currency_or_a_party_suffix_is_no_place() {
    let g = Gazetteer::from_entries(vec![
        e(Kind::Country, 1, "US", "", "US", 0, "PCLI"),
        e(Kind::Country, 2, "LB", "", "Lebanon", 0, "PCLI"),
    ]);
    let r = resolve(&g, "Protesters in Lebanon decried the high US dollar rate.");
    assert_eq!(r, vec![("Lebanon".to_string(), "LB".to_string())]);
    let r = resolve(&g, "Cadres of CPN(US) clashed with police.");
    assert!(r.is_empty(), "{r:?}");
}

#[test]
fn demonyms_vote_for_the_focus_but_are_not_places() {
    let g = world();
    let r = resolution(&g, "Afghanistann forces entered Kandahar.");
    assert_eq!(r.focus_country.as_deref(), Some("AF"));
    assert_eq!(r.places.len(), 1);
}

#[test]
fn a_region_with_and_in_its_name_is_read_whole() {
    let g = Gazetteer::from_entries(vec![
        e(
            Kind::Admin1,
            1,
            "IN",
            "IN.12",
            "Jammu and Kashmir",
            0,
            "ADM1",
        ),
        e(Kind::Place, 2, "IN", "IN.12", "Jammu", 576_198, "PPLA"),
        e(Kind::Place, 3, "IN", "IN.12", "Uri", 9_366, "PPL"),
        e(Kind::Admin1, 4, "CH", "CH.UR", "Uri", 0, "ADM1"),
    ]);
    let r = resolve(
        &g,
        "Militants attacked troops in Uri sector of Jammu and Kashmir.",
    );
    assert_eq!(
        r,
        vec![
            ("Uri".to_string(), "IN".to_string()),
            ("Jammu and Kashmir".to_string(), "IN".to_string())
        ]
    );
    // Two names joined by "and" stay two places.
    let r = resolve(&g, "Troops moved between Jammu and Uri.");
    assert_eq!(r.len(), 2, "{r:?}");
}
