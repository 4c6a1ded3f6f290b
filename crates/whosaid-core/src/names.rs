//! Parts of people's names that the analysis and the store must read the same way: a
//! name matched one way in an article and another way across articles would split one
//! speaker in two.

/// The Arabic article written onto a family name with a hyphen ("Bashar al-Assad",
/// "Abdel Fattah el-Sisi"), lower-case in print, with the plain and the non-breaking
/// hyphen.
pub const NAME_ARTICLES: &[&str] = &["al-", "el-", "al‑", "el‑"];

/// A lower-case family name without its [`NAME_ARTICLES`] article ("al-assad" →
/// "assad"); the word itself when it has none. Outlets write "Bashar al-Assad", "Bashar
/// Assad" and "Assad" for one man.
///
/// ```
/// use whosaid_core::names::without_name_article;
///
/// assert_eq!(without_name_article("al-assad"), "assad");
/// assert_eq!(without_name_article("el-sisi"), "sisi");
/// assert_eq!(without_name_article("elkins"), "elkins");
/// assert_eq!(without_name_article("al-"), "al-");
/// ```
pub fn without_name_article(word: &str) -> &str {
    NAME_ARTICLES
        .iter()
        .find_map(|a| word.strip_prefix(a))
        .filter(|rest| rest.chars().next().is_some_and(char::is_alphabetic))
        .unwrap_or(word)
}

/// Legal forms that end a company's name ("Apple Inc.", "Toyota Motor Corp.", "BP plc"),
/// compared without case and without periods.
pub const LEGAL_FORMS: &[&str] = &[
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "company",
    "ltd",
    "limited",
    "llc",
    "plc",
    "lp",
    "llp",
    "ag",
    "sa",
    "nv",
    "gmbh",
];

/// An organization's name without the legal form at its end ("Apple Inc." → "Apple",
/// "Ford Motor Co" → "Ford Motor", "Alphabet, Inc." → "Alphabet"): outlets name a company
/// with and without it, often in one article. A name that is nothing but a legal form
/// stays whole.
///
/// ```
/// use whosaid_core::names::without_legal_form;
///
/// assert_eq!(without_legal_form("Apple Inc."), "Apple");
/// assert_eq!(without_legal_form("Alphabet, Inc."), "Alphabet");
/// assert_eq!(without_legal_form("Goldman Sachs Group Inc"), "Goldman Sachs Group");
/// assert_eq!(without_legal_form("S.A."), "S.A.");
/// assert_eq!(without_legal_form("Apple"), "Apple");
/// ```
pub fn without_legal_form(name: &str) -> &str {
    let name = name.trim();
    let Some((head, last)) = name.rsplit_once(char::is_whitespace) else {
        return name;
    };
    let form: String = last
        .chars()
        .filter(|c| *c != '.')
        .flat_map(char::to_lowercase)
        .collect();
    let head = head.trim_end().trim_end_matches(',').trim_end();
    if head.is_empty() || !LEGAL_FORMS.contains(&form.as_str()) {
        return name;
    }
    head
}
