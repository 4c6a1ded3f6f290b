//! The entity word lists of `data/` (first names, surnames, places, demonyms, titles,
//! organizations), compiled in and looked up once per token.
//!
//! Every entry is cut into words by the same tokenizer the text goes through and kept
//! lower-cased, so "Sen." matches the two tokens `Sen` `.` and "Washington, D.C." three.
//! A block is looked up word by word: one hash lookup per token gives the single-word
//! memberships and the entries that start with that word; only those are compared with
//! the following tokens. Nothing is allocated per token.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use whosaid_core::Span;

use super::Gender;
#[cfg(test)]
use crate::prepare::Block;
use crate::token::tokenize;

/// Single-word memberships of a token (bits of [`TokenLex::flags`]).
pub(crate) mod flag {
    /// A first name of either list.
    pub const FIRST: u32 = 1;
    /// One of the 300 most frequent first names.
    pub const FIRST_TOP: u32 = 1 << 1;
    /// A surname of the census list.
    pub const SURNAME: u32 = 1 << 2;
    /// One of the 1,000 most frequent surnames.
    pub const SURNAME_TOP: u32 = 1 << 3;
    /// A month name ("January", "Jan").
    pub const MONTH: u32 = 1 << 4;
    /// A weekday name.
    pub const WEEKDAY: u32 = 1 << 5;
    /// A word that ends organization names ("Inc", "Party", "Times").
    pub const ORG_CUE: u32 = 1 << 6;
    /// A word that starts organization names ("Ministry", "University").
    pub const ORG_HEAD: u32 = 1 << 7;
    /// Names used as both first names and surnames and as places are common; a first
    /// name that is also a frequent English word is weak evidence ("Will", "May").
    pub const PARTICLE: u32 = 1 << 8;

    /// Feature names of the flags, in bit order.
    pub const NAMES: [&str; 9] = [
        "first",
        "first-top",
        "surname",
        "surname-top",
        "month",
        "weekday",
        "org-cue",
        "org-head",
        "particle",
    ];
}

/// What a multi-word (or single-word) entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EntryKind {
    /// A place; the kind as the file gives it.
    Place(PlaceKind),
    /// A nationality adjective; the index of its country in [`Gazetteer::countries`].
    Demonym(u16),
    /// A title; the index in [`Gazetteer::titles`].
    Title(u16),
    /// A word that may stand before a title ("former").
    Modifier,
    /// A well-known organization.
    Org,
}

/// Kinds of places.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PlaceKind {
    /// A country.
    Country,
    /// A capital city.
    Capital,
    /// A US state.
    State,
    /// Another city.
    City,
    /// A region, continent, district.
    Region,
}

impl PlaceKind {
    fn parse(s: &str) -> PlaceKind {
        match s {
            "country" => PlaceKind::Country,
            "capital" => PlaceKind::Capital,
            "state" => PlaceKind::State,
            "city" => PlaceKind::City,
            _ => PlaceKind::Region,
        }
    }

    fn name(self) -> &'static str {
        match self {
            PlaceKind::Country => "country",
            PlaceKind::Capital => "capital",
            PlaceKind::State => "state",
            PlaceKind::City => "city",
            PlaceKind::Region => "region",
        }
    }
}

/// A title's normalized form and the gender it implies.
#[derive(Clone, Debug)]
pub(crate) struct Title {
    /// Lower-case title ("senator" for "Sen."); empty for honorifics ("Mr.").
    pub normalized: String,
    /// Gender the title implies.
    pub gender: Option<Gender>,
    /// True when the title is printed capitalised ("President"), false for roles printed
    /// in lower case ("spokesman").
    pub capitalized: bool,
}

#[derive(Clone, Debug)]
struct Entry {
    /// Words after the first, lower-case.
    rest: Box<[Box<str>]>,
    kind: EntryKind,
}

#[derive(Clone, Debug, Default)]
struct WordInfo {
    flags: u32,
    gender: Option<Gender>,
    /// Entries starting with this word.
    entries: Vec<Entry>,
}

/// A small, fast, non-cryptographic string hasher (FNV-1a over 8-byte chunks): the keys are
/// our own word lists, so hash flooding is not a concern, and SipHash would cost more than
/// the rest of a token's lookup.
#[derive(Default)]
pub(crate) struct WordHasher(u64);

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0 ^ 0xcbf2_9ce4_8422_2325;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            h = (h ^ v).wrapping_mul(0x0000_0100_0000_01b3).rotate_left(29);
        }
        for &b in chunks.remainder() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h ^ (h >> 32);
    }

    /// [`WordHasher::write`] of one byte (`str` keys end with a 0xff byte), in the few
    /// steps it comes to: the same value, without the chunk loop's set-up.
    #[inline]
    fn write_u8(&mut self, b: u8) {
        let h = (self.0 ^ 0xcbf2_9ce4_8422_2325 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        self.0 = h ^ (h >> 32);
    }
}

/// A map keyed by words, hashed with [`WordHasher`].
pub(crate) type WordHashMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

type WordMap<V> = WordHashMap<Box<str>, V>;

/// The compiled-in entity lexicons.
#[derive(Debug)]
pub(crate) struct Gazetteer {
    words: WordMap<WordInfo>,
    /// Country names, indexed by [`EntryKind::Demonym`].
    pub countries: Vec<String>,
    /// Titles, indexed by [`EntryKind::Title`].
    pub titles: Vec<Title>,
    /// Abbreviations of common nouns, lower-cased ("ai", "seo", "vpn"): printed in
    /// capitals like an organization's initials, and none.
    common_abbreviations: std::collections::HashSet<String>,
}

/// What the lexicons say about one token.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct TokenLex {
    /// [`flag`] bits of the token itself.
    pub flags: u32,
    /// Gender of the token as a first name.
    pub gender: Option<Gender>,
    /// Longest place entry starting here, in tokens (0: none), and its kind.
    pub place: u8,
    pub place_kind: Option<PlaceKind>,
    /// Longest organization entry starting here.
    pub org: u8,
    /// Longest title entry starting here, and which title.
    pub title: u8,
    pub title_id: u16,
    /// Longest demonym starting here, and its country.
    pub demonym: u8,
    pub country_id: u16,
    /// Longest modifier starting here.
    pub modifier: u8,
    /// Inside (not first word of) an entry of that category.
    pub in_place: bool,
    pub in_org: bool,
    pub in_title: bool,
}

impl TokenLex {
    /// A place entry starting here is a country, a capital, a state or a region: a place
    /// a capitalised word names for certain.
    pub fn is_strong_place(&self) -> bool {
        matches!(
            self.place_kind,
            Some(PlaceKind::Country | PlaceKind::Capital | PlaceKind::State | PlaceKind::Region)
        )
    }
}

const MONTHS: [&str; 23] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
];
const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
/// Capitalised words that are names in the lists but far more often something else at the
/// start of a sentence or in a title: evidence for a name only with more around them.
const PARTICLES: [&str; 24] = [
    "will", "may", "mark", "can", "long", "young", "white", "black", "brown", "green", "price",
    "rich", "bill", "march", "hope", "grant", "major", "rose", "joy", "faith", "king", "love",
    "page", "chance",
];

impl Gazetteer {
    /// The built-in lexicons, parsed once.
    pub fn get() -> &'static Gazetteer {
        static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::builtin);
        &GAZETTEER
    }

    fn builtin() -> Gazetteer {
        let mut g = Gazetteer {
            words: WordMap::default(),
            countries: Vec::new(),
            titles: Vec::new(),
            common_abbreviations: Default::default(),
        };
        for (rank, line) in data_lines(include_str!("../../data/names-first.txt")).enumerate() {
            g.add_first_name(line, rank < 300);
        }
        for line in data_lines(include_str!("../../data/names-first-world.txt")) {
            g.add_first_name(line, true);
        }
        for (rank, name) in data_lines(include_str!("../../data/names-last.txt")).enumerate() {
            let info = g.word_mut(name);
            info.flags |= flag::SURNAME;
            if rank < 1000 {
                info.flags |= flag::SURNAME_TOP;
            }
        }
        for data in [
            include_str!("../../data/places.txt"),
            include_str!("../../data/places-extra.txt"),
        ] {
            for line in data_lines(data) {
                let (name, kind) = line.split_once('\t').unwrap_or((line, "region"));
                g.add_entry(name, EntryKind::Place(PlaceKind::parse(kind)));
            }
        }
        for line in data_lines(include_str!("../../data/demonyms.txt")) {
            let Some((adjective, country)) = line.split_once('\t') else {
                continue;
            };
            let id = g.country_id(country);
            g.add_entry(adjective, EntryKind::Demonym(id));
        }
        for line in data_lines(include_str!("../../data/titles.txt")) {
            let mut cols = line.split('\t');
            match (cols.next(), cols.next()) {
                (Some("title"), Some(form)) => {
                    let normalized = cols.next().unwrap_or("-");
                    let gender = match cols.next() {
                        Some("M") => Some(Gender::Male),
                        Some("F") => Some(Gender::Female),
                        _ => None,
                    };
                    let id = u16::try_from(g.titles.len()).unwrap_or(u16::MAX);
                    g.titles.push(Title {
                        normalized: if normalized == "-" {
                            String::new()
                        } else {
                            normalized.to_owned()
                        },
                        gender,
                        capitalized: form.starts_with(char::is_uppercase),
                    });
                    g.add_entry(form, EntryKind::Title(id));
                }
                (Some("modifier"), Some(form)) => g.add_entry(form, EntryKind::Modifier),
                _ => {}
            }
        }
        for line in data_lines(include_str!("../../data/orgs.txt")) {
            let mut cols = line.split('\t');
            match (cols.next(), cols.next(), cols.next()) {
                (Some("known"), Some(name), _) => g.add_entry(name, EntryKind::Org),
                (Some("common"), Some(word), _) => {
                    g.common_abbreviations.insert(word.to_lowercase());
                }
                (Some("cue"), Some(word), head) => {
                    let bit = if head == Some("head") {
                        flag::ORG_HEAD
                    } else {
                        flag::ORG_CUE
                    };
                    let lower = word.trim_end_matches('.').to_lowercase();
                    g.word_mut(&lower).flags |= bit;
                }
                _ => {}
            }
        }
        for m in MONTHS {
            g.word_mut(m).flags |= flag::MONTH;
        }
        for d in WEEKDAYS {
            g.word_mut(d).flags |= flag::WEEKDAY;
        }
        for p in PARTICLES {
            g.word_mut(p).flags |= flag::PARTICLE;
        }
        g
    }

    fn word_mut(&mut self, word: &str) -> &mut WordInfo {
        let lower = word.to_lowercase();
        self.words.entry(lower.into_boxed_str()).or_default()
    }

    fn add_first_name(&mut self, line: &str, top: bool) {
        let (name, gender) = line.split_once('\t').unwrap_or((line, "-"));
        let info = self.word_mut(name);
        info.flags |= flag::FIRST;
        if top {
            info.flags |= flag::FIRST_TOP;
        }
        // The first list to give a name decides its gender (census lists come first).
        if info.gender.is_none() {
            info.gender = match gender {
                "M" => Some(Gender::Male),
                "F" => Some(Gender::Female),
                _ => None,
            };
        }
    }

    fn country_id(&mut self, country: &str) -> u16 {
        match self.countries.iter().position(|c| c == country) {
            Some(i) => u16::try_from(i).unwrap_or(u16::MAX),
            None => {
                self.countries.push(country.to_owned());
                u16::try_from(self.countries.len() - 1).unwrap_or(u16::MAX)
            }
        }
    }

    fn add_entry(&mut self, name: &str, kind: EntryKind) {
        let tokens = tokenize(name, Span::new(0, name.len()));
        let mut words = tokens
            .iter()
            .map(|t| base_form(&t.text(name).to_lowercase()).to_owned());
        let Some(first) = words.next() else { return };
        let rest: Box<[Box<str>]> = words.map(String::into_boxed_str).collect();
        let info = self.words.entry(first.into_boxed_str()).or_default();
        if !info
            .entries
            .iter()
            .any(|e| e.kind == kind && e.rest == rest)
        {
            info.entries.push(Entry { rest, kind });
        }
    }

    /// A first name's gender.
    pub fn first_name_gender(&self, lower: &str) -> Option<Gender> {
        self.words.get(base_form(lower)).and_then(|w| w.gender)
    }

    /// True for a surname of the census list ("Gingrich", "Coulter"; also many ordinary
    /// words: "Light", "Price").
    pub fn is_surname(&self, lower: &str) -> bool {
        self.words
            .get(base_form(lower))
            .is_some_and(|w| w.flags & flag::SURNAME != 0)
    }

    /// The country a nationality adjective names ("french" → "France"), as the cluster's
    /// nationality spells it.
    pub fn country_of_demonym(&self, lower: &str) -> Option<&str> {
        self.words
            .get(lower)?
            .entries
            .iter()
            .find_map(|e| match e.kind {
                EntryKind::Demonym(id) if e.rest.is_empty() => {
                    self.countries.get(usize::from(id)).map(String::as_str)
                }
                _ => None,
            })
    }

    /// An abbreviation of a common noun ("AI", "SEO", "VPNs"), given lower-cased. A plural
    /// "s" is taken off three letters or more only: "ITS" is no plural of "IT" (the list
    /// gives "PCs" and "EVs" as they are).
    pub fn is_common_abbreviation(&self, lower: &str) -> bool {
        self.common_abbreviations.contains(lower)
            || lower
                .strip_suffix('s')
                .is_some_and(|w| w.len() >= 3 && self.common_abbreviations.contains(w))
    }

    /// True for a one-word name the lexicons hold as a country, capital, state or region
    /// ("Washington", "Lincoln") or as a well-known organization ("Bloomberg"), given
    /// lower-cased: such a word names that place or company even where a person of that
    /// surname is in the text.
    pub fn is_well_known_place_or_org(&self, lower: &str) -> bool {
        let mut lex = Vec::with_capacity(1);
        self.lookup_words(&[lower], &[base_form(lower)], &mut lex);
        lex.first()
            .is_some_and(|l| l.org == 1 || l.place == 1 && l.is_strong_place())
    }

    /// True for a nationality adjective or its plural ("Russian", "Russians").
    pub fn is_demonym(&self, lower: &str) -> bool {
        let single = |w: &str| {
            self.words.get(w).is_some_and(|info| {
                info.entries
                    .iter()
                    .any(|e| e.rest.is_empty() && matches!(e.kind, EntryKind::Demonym(_)))
            })
        };
        single(lower) || lower.strip_suffix('s').is_some_and(single)
    }

    /// Look up every token of a block; `out` is cleared and gets one entry per token.
    #[cfg(test)]
    pub fn lookup_block(&self, block: &Block, out: &mut Vec<TokenLex>) {
        let lowers: Vec<&str> = (0..block.len()).map(|i| block.lower(i)).collect();
        let words: Vec<&str> = lowers.iter().map(|w| base_form(w)).collect();
        self.lookup_words(&lowers, &words, out);
    }

    /// Look up every token of a block, given its tokens' lower-case forms and their
    /// [`base_form`]s; `out` is cleared and gets one entry per token.
    pub fn lookup_words(&self, lowers: &[&str], words: &[&str], out: &mut Vec<TokenLex>) {
        out.clear();
        let n = lowers.len();
        out.resize(n, TokenLex::default());
        for (i, lex) in out.iter_mut().enumerate() {
            let word = words[i];
            let folded;
            let info = match self.words.get(word) {
                Some(info) => Some(info),
                // "René", "José", "Zoë": the name lists are written without accents.
                None if !word.is_ascii() => {
                    folded = without_accents(word);
                    self.words.get(folded.as_str())
                }
                None => None,
            };
            let Some(info) = info else {
                continue;
            };
            lex.flags = info.flags;
            lex.gender = info.gender;
            for e in &info.entries {
                let len = e.rest.len() + 1;
                if i + len > n {
                    continue;
                }
                // Inner words must match exactly; the last may carry a possessive.
                let matches = e.rest.iter().enumerate().all(|(k, w)| {
                    if k + 1 == e.rest.len() {
                        words[i + 1 + k] == &**w
                    } else {
                        lowers[i + 1 + k] == &**w
                    }
                });
                // A single-word entry with a possessive on its first word is fine; a
                // longer one may not have it there ("Russia's House").
                if !matches || (len > 1 && word.len() != lowers[i].len()) {
                    continue;
                }
                let len8 = u8::try_from(len).unwrap_or(u8::MAX);
                match e.kind {
                    EntryKind::Place(kind) if len8 > lex.place => {
                        lex.place = len8;
                        lex.place_kind = Some(kind);
                    }
                    EntryKind::Org if len8 > lex.org => lex.org = len8,
                    EntryKind::Title(id) if len8 > lex.title => {
                        lex.title = len8;
                        lex.title_id = id;
                    }
                    EntryKind::Demonym(id) if len8 > lex.demonym => {
                        lex.demonym = len8;
                        lex.country_id = id;
                    }
                    EntryKind::Modifier if len8 > lex.modifier => lex.modifier = len8,
                    _ => {}
                }
            }
        }
        for i in 0..n {
            let (p, o, t) = (out[i].place, out[i].org, out[i].title);
            for k in 1..usize::from(p) {
                out[i + k].in_place = true;
            }
            for k in 1..usize::from(o) {
                out[i + k].in_org = true;
            }
            for k in 1..usize::from(t) {
                out[i + k].in_title = true;
            }
        }
    }
}

impl TokenLex {
    /// The place kind's feature name, when a place starts here.
    pub fn place_name(&self) -> &'static str {
        self.place_kind.map_or("-", PlaceKind::name)
    }
}

/// Non-empty, non-comment lines of a data file.
fn data_lines(data: &str) -> impl Iterator<Item = &str> {
    data.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The word with its letters' accents taken off (canonical decomposition, combining
/// marks dropped): "rené" → "rene". Only for look-ups that missed.
fn without_accents(word: &str) -> String {
    use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};
    word.nfd().filter(|&c| !is_combining_mark(c)).collect()
}

/// A lower-case word without its possessive ending: "russia’s" → "russia".
pub(crate) fn base_form(word: &str) -> &str {
    for ending in ["’s", "'s"] {
        if let Some(stem) = word.strip_suffix(ending)
            && !stem.is_empty()
        {
            return stem;
        }
    }
    word
}

/// Bytes of a possessive ending on `word` (0 when it has none).
pub(crate) fn possessive_len(word: &str) -> usize {
    word.len() - base_form(word).len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prepare::prepare;

    #[test]
    fn one_byte_hashes_as_a_one_byte_slice() {
        for start in [0u64, 1, 0x1234_5678_9abc_def0, u64::MAX] {
            for b in [0u8, 1, b'a', 0xfe, 0xff] {
                let (mut a, mut s) = (WordHasher(start), WordHasher(start));
                a.write_u8(b);
                s.write(&[b]);
                assert_eq!(a.finish(), s.finish());
            }
        }
    }

    fn lookup(text: &str) -> (Vec<TokenLex>, Block) {
        let prepared = prepare(text, None, &[Span::new(0, text.len())]);
        let block = prepared.blocks[0].clone();
        let mut out = Vec::new();
        Gazetteer::get().lookup_block(&block, &mut out);
        (out, block)
    }

    #[test]
    fn names_places_and_titles_are_found() {
        let (lex, _) = lookup("Sen. Elizabeth Warren went to Kyiv’s center and New York.");
        let g = Gazetteer::get();
        assert_eq!(lex[0].title, 2);
        assert_eq!(g.titles[usize::from(lex[0].title_id)].normalized, "senator");
        assert!(lex[2].flags & flag::FIRST != 0);
        assert_eq!(lex[2].gender, Some(Gender::Female));
        assert!(lex[3].flags & flag::SURNAME != 0);
        assert_eq!(lex[6].place, 1, "possessive stripped");
        assert_eq!(lex[9].place, 2);
        assert!(lex[10].in_place);
    }

    #[test]
    fn demonyms_name_their_country() {
        let (lex, _) = lookup("Russian President Vladimir Putin");
        let g = Gazetteer::get();
        assert_eq!(lex[0].demonym, 1);
        assert_eq!(g.countries[usize::from(lex[0].country_id)], "Russia");
        assert_eq!(lex[2].gender, Some(Gender::Male));
    }
}
