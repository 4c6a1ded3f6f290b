//! Word lists the annotators consult, loaded from the data files in `data/` (compiled
//! into the binary: nothing is downloaded or read at run time).

use std::sync::LazyLock;

use crate::entities::WordHashMap;

/// What kind of attribution a cue word reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CueClass {
    /// A statement: "said", "told", "insisted".
    Speech,
    /// A stance or a thought: "believes", "wants", "fears".
    Belief,
    /// A noun or phrase: "according to", "in a statement".
    Phrase,
}

impl CueClass {
    /// A short name for features.
    pub fn name(self) -> &'static str {
        match self {
            CueClass::Speech => "speech",
            CueClass::Belief => "belief",
            CueClass::Phrase => "phrase",
        }
    }
}

/// One entry of the cue lexicon: its class and lemma, and the words after the first for
/// multi-word cues ("point out" → `["out"]`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CueEntry {
    /// Speech, belief or phrase.
    pub class: CueClass,
    /// The lemma ("say" for "said").
    pub lemma: String,
    /// Following words of a multi-word cue, lower-cased.
    pub rest: Vec<String>,
    /// The verb can follow the clause it reports ("The vote was rigged, he claimed.").
    pub follows_clause: bool,
    /// The person told comes between the verb and what they were told ("told reporters
    /// the plan would fail", "assured voters that…"); `tells` in the data file.
    pub names_the_told: bool,
}

/// The reporting verbs and phrases of `data/cues.txt`, by their first word (lower-case).
#[derive(Debug)]
pub struct CueLexicon {
    /// Keyed with the gazetteer's word hasher: looked up for every token, where SipHash
    /// would cost more than the rest of the look-up.
    by_first_word: WordHashMap<String, Vec<CueEntry>>,
}

impl CueLexicon {
    fn parse(data: &str) -> CueLexicon {
        let mut by_first_word: WordHashMap<String, Vec<CueEntry>> = WordHashMap::default();
        for line in data.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((head, forms)) = line.split_once(':') else {
                continue;
            };
            let mut head = head.split_whitespace();
            let class = match head.next() {
                Some("speech") => CueClass::Speech,
                Some("belief") => CueClass::Belief,
                Some("phrase") => CueClass::Phrase,
                _ => continue,
            };
            let lemma = head.next().unwrap_or_default().replace('_', " ");
            let flags: Vec<&str> = head.collect();
            let follows_clause = flags.contains(&"clause");
            let names_the_told = flags.contains(&"tells");
            for form in forms.split_whitespace() {
                let mut words = form.split('_').map(str::to_lowercase);
                let Some(first) = words.next() else { continue };
                by_first_word.entry(first).or_default().push(CueEntry {
                    class,
                    lemma: lemma.clone(),
                    rest: words.collect(),
                    follows_clause,
                    names_the_told,
                });
            }
        }
        CueLexicon { by_first_word }
    }

    /// The built-in lexicon.
    pub fn get() -> &'static CueLexicon {
        static LEXICON: LazyLock<CueLexicon> =
            LazyLock::new(|| CueLexicon::parse(include_str!("../data/cues.txt")));
        &LEXICON
    }

    /// Whether `word` (lower-case) is a form of a verb after which the person told comes
    /// before what they were told ("told reporters the plan would fail").
    pub fn names_the_told(&self, word: &str) -> bool {
        self.by_first_word.get(word).is_some_and(|entries| {
            entries
                .iter()
                .any(|e| e.rest.is_empty() && e.names_the_told)
        })
    }

    /// The longest cue starting at `words[0]` (lower-cased words), with its length in words.
    pub fn match_at(&self, words: &[&str]) -> Option<(&CueEntry, usize)> {
        let entries = self.by_first_word.get(*words.first()?)?;
        entries
            .iter()
            .filter(|e| {
                e.rest.len() < words.len() && e.rest.iter().zip(&words[1..]).all(|(a, b)| a == b)
            })
            .max_by_key(|e| e.rest.len())
            .map(|e| (e, e.rest.len() + 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_and_multi_word_cues() {
        let lex = CueLexicon::get();
        let (said, n) = lex.match_at(&["said", "that"]).unwrap();
        assert_eq!(
            (said.lemma.as_str(), said.class, n),
            ("say", CueClass::Speech, 1)
        );
        let (acc, n) = lex.match_at(&["according", "to", "officials"]).unwrap();
        assert_eq!((acc.class, n), (CueClass::Phrase, 2));
        let (out, n) = lex.match_at(&["pointed", "out", "that"]).unwrap();
        assert_eq!((out.lemma.as_str(), n), ("point out", 2));
        assert!(lex.match_at(&["table"]).is_none());
    }

    #[test]
    fn the_data_file_says_which_verbs_name_the_person_told() {
        let lex = CueLexicon::get();
        for told in ["told", "tells", "assured", "warned", "informs"] {
            assert!(lex.names_the_told(told), "{told}");
        }
        for other in ["said", "claimed", "promise_of", "table"] {
            assert!(!lex.names_the_told(other), "{other}");
        }
        let (said, _) = lex.match_at(&["said"]).unwrap();
        assert!(said.follows_clause && !said.names_the_told);
    }
}
