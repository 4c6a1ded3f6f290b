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
