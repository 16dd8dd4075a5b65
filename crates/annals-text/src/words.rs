//! Word classes shipped as data: closed lists of English words that a rule asks for by
//! name ("a negation", "a place noun"), read from `class<TAB>word` files in data/ into a
//! typed look-up. Each crate names its classes with an enum ([`WordClass`]), so a rule
//! asks `words.is(w, Word::Negation)` and a misspelt class is a compile error, while the
//! words themselves stay data, one list per class, read by every stage that needs it.

use std::collections::HashMap;
use std::marker::PhantomData;

/// An enum of word classes, as one data file (or several) names them.
pub trait WordClass: Copy + 'static {
    /// The class names as the data files write them, in the order of [`WordClass::index`].
    const NAMES: &'static [&'static str];
    /// The position of this class in [`WordClass::NAMES`] (at most 63).
    fn index(self) -> usize;
    /// This class as a bit of a word's class set.
    fn bit(self) -> u64 {
        1 << self.index()
    }
}

/// Words by class, read from `class<TAB>word` lines.
#[derive(Debug, Clone)]
pub struct WordClasses<C> {
    /// The class set of each word, as bits of [`WordClass::bit`].
    of_word: HashMap<String, u64>,
    /// Each class's words in file order.
    lists: Vec<Vec<String>>,
    _class: PhantomData<C>,
}

impl<C: WordClass> WordClasses<C> {
    /// Read the `class<TAB>word` lines of one or more files (`(origin, text)`); `#` lines
    /// and blank lines are skipped. An unknown class or a line without a tab is an error
    /// naming the file and line. Every class must have at least one word.
    pub fn parse(files: &[(&str, &str)]) -> Result<Self, String> {
        assert!(C::NAMES.len() <= 64, "at most 64 word classes");
        let mut of_word: HashMap<String, u64> = HashMap::new();
        let mut lists = vec![Vec::new(); C::NAMES.len()];
        for (origin, text) in files {
            for (i, line) in text.lines().enumerate() {
                if line.starts_with('#') || line.trim().is_empty() {
                    continue;
                }
                let (class, word) = line
                    .split_once('\t')
                    .ok_or_else(|| format!("{origin}:{}: expected `class<TAB>word`", i + 1))?;
                let k = C::NAMES
                    .iter()
                    .position(|n| *n == class)
                    .ok_or_else(|| format!("{origin}:{}: unknown word class {class:?}", i + 1))?;
                *of_word.entry(word.to_string()).or_default() |= 1 << k;
                lists[k].push(word.to_string());
            }
        }
        if let Some(k) = lists.iter().position(Vec::is_empty) {
            return Err(format!("word class {:?} has no words", C::NAMES[k]));
        }
        Ok(WordClasses {
            of_word,
            lists,
            _class: PhantomData,
        })
    }

    /// Whether `word` (as the rules read it: lower-cased, one token) is of `class`.
    #[inline]
    pub fn is(&self, word: &str, class: C) -> bool {
        self.classes_of(word) & class.bit() != 0
    }

    /// Every class of `word`, as bits ([`WordClass::bit`]); 0 for a word of none.
    #[inline]
    pub fn classes_of(&self, word: &str) -> u64 {
        self.of_word.get(word).copied().unwrap_or(0)
    }

    /// The words of one class, in file order.
    pub fn words(&self, class: C) -> &[String] {
        &self.lists[class.index()]
    }
}

/// Define a word-class enum and its [`WordClass`] names at once: each variant with the
/// name its data files use.
#[macro_export]
macro_rules! word_classes {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        $vis enum $name { $($(#[$vmeta])* $variant,)+ }
        impl $crate::words::WordClass for $name {
            const NAMES: &'static [&'static str] = &[$($text,)+];
            fn index(self) -> usize {
                self as usize
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    word_classes! {
        enum T {
            A = "a",
            B = "b",
        }
    }

    #[test]
    fn words_are_read_by_class() {
        let w = WordClasses::<T>::parse(&[("t", "# c\na\tnot\n\nb\tnot\nb\tno\n")]).unwrap();
        assert!(w.is("not", T::A) && w.is("not", T::B));
        assert!(!w.is("no", T::A) && w.is("no", T::B));
        assert!(!w.is("yes", T::A));
        assert_eq!(w.words(T::B), ["not", "no"]);
    }

    #[test]
    fn bad_lines_are_named() {
        let e = WordClasses::<T>::parse(&[("f.tsv", "a\tx\nc\ty\n")]).unwrap_err();
        assert!(e.contains("f.tsv:2") && e.contains("\"c\""), "{e}");
        let e = WordClasses::<T>::parse(&[("f.tsv", "a x\n")]).unwrap_err();
        assert!(e.contains("f.tsv:1"), "{e}");
        let e = WordClasses::<T>::parse(&[("f.tsv", "a\tx\n")]).unwrap_err();
        assert!(e.contains("\"b\" has no words"), "{e}");
    }
}
