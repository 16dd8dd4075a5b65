//! The place words (data/place_words.tsv): the words around place names that the
//! resolver and the event coder read by class. Compiled into the binary from the data
//! file, so that every stage reads the one list of each class.

use annals_text::words::WordClasses;
use std::sync::LazyLock;

annals_text::word_classes! {
    /// A class of data/place_words.tsv (each described there).
    pub enum PlaceWord {
        /// "the city of", "the village of".
        PlaceNoun = "place_noun",
        /// "Taksim Square", "Darulaman Palace".
        SiteNoun = "site_noun",
        /// "Nord", "Centre", "north".
        Compass = "compass",
        /// "north of", "on the outskirts of".
        Side = "side",
        /// "20 km of".
        DistanceUnit = "distance_unit",
        /// Prepositions that mark a following name as a place.
        PlacePreposition = "place_preposition",
        /// "Russian forces": a demonym before one names who fights.
        ArmedNoun = "armed_noun",
        /// "Kabul Province", "Lucknow University".
        GenericTail = "generic_tail",
        /// "Palaw township": the parts of a country.
        SubnationalNoun = "subnational_noun",
        /// "street", "avenue", "park".
        Street = "street",
        /// "Al Jafarah", "La Araucanía".
        Article = "article",
        /// "oblast", "division": dropped for a region's second alias.
        AdminGeneric = "admin_generic",
        /// Place nouns never kept as an alias.
        GenericAlias = "generic_alias",
    }
}

/// The place words, parsed once.
pub static PLACE_WORDS: LazyLock<WordClasses<PlaceWord>> = LazyLock::new(|| {
    WordClasses::parse(&[(
        "data/place_words.tsv",
        include_str!("../../../data/place_words.tsv"),
    )])
    .unwrap_or_else(|e| panic!("the shipped place words: {e}"))
});

/// Whether `word` (lower-cased) is of `class`.
#[inline]
pub fn is(word: &str, class: PlaceWord) -> bool {
    PLACE_WORDS.is(word, class)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_place_words_parse() {
        assert!(is("province", PlaceWord::PlaceNoun));
        assert!(is("outskirts", PlaceWord::Side));
        assert!(is("al", PlaceWord::Article));
        assert!(!is("kabul", PlaceWord::GenericTail));
    }
}
