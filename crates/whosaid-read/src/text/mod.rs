//! Scraped plain text: the article among the debris a scraper leaves around it.
//!
//! A scraped page reads top to bottom as: navigation and section labels, the headline,
//! a header (date, pictures with captions and credits, byline, share buttons), the body,
//! then trailing lists (tags, related links, the headline again, copyright). The reader
//! follows that order:
//!
//! 1. `units` cuts the input into candidate paragraphs, each a span of the input
//!    (blank-line, one-a-line and hard-wrapped layouts).
//! 2. `classify` judges each unit on its own text: widget debris
//!    ([`lexicon::debris`](crate::article::lexicon::debris)), a timestamp
//!    ([`dates`](crate::article::dates)), a byline ([`byline`](crate::article::byline)),
//!    a credit or a captioned picture ([`credit`](crate::article::credit)), an outlet's
//!    name, a truncated caption printed in full below it, or text.
//! 3. The headline is the first text unit that is not a label above it (or the unit
//!    that matches the container's title). The header after it runs until the body
//!    starts: at a dateline, at the second paragraph of prose, or after the last byline
//!    or date.
//! 4. The body runs until trailing lists that hold no prose; debris inside it (widgets,
//!    captions, credits, the headline repeated) is dropped.
//!
//! Nothing is ever moved: body paragraphs are spans of the input, so the document has
//! [`Offsets::Input`](whosaid_core::Offsets::Input). The reader errs on the side of
//! keeping text: a unit is dropped only when it is recognised as something else, and
//! prose after the headline leaves the body only as a picture's caption or as the
//! standfirst printed above the byline (which becomes `meta.description`).
//!
//! The dateline is recorded as printed, region included ("KYIV, Ukraine"), and stays in
//! the first paragraph; see [`dateline`](crate::article::dateline).

mod classify;
mod units;

use whosaid_core::{ArticleMeta, Document, Image, ReadError, ReadErrorKind, Span};

use crate::Hints;
use crate::article::byline::mixed_case_spelling;
use crate::article::case::{is_shouted, title_case_label};
use crate::article::dateline::detect_dateline;
use crate::article::dates::{Stamp, parse_published};
use crate::article::lexicon::normalize;
use classify::{
    Kind, breadcrumb_tail, classify, ends_sentence, has_section_word, is_headline_shaped,
    is_label_like, is_prose,
};
use units::Unit;

/// What a unit turned out to be in the article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Drop,
    Label,
    Headline,
    Standfirst,
    /// A text unit that is the caption of the credit printed under it.
    Caption,
    Body,
}

/// The reader's working state for one document.
struct Reader<'a> {
    input: &'a str,
    units: Vec<Unit>,
    kinds: Vec<Kind>,
    roles: Vec<Role>,
    /// The unit that is the standfirst, once found.
    standfirst: Option<usize>,
}

impl<'a> Reader<'a> {
    fn new(input: &'a str) -> Reader<'a> {
        let units = units::segment(input);
        let kinds = units
            .iter()
            .enumerate()
            .map(|(i, unit)| {
                let next = units.get(i + 1).map(|u| u.span.slice(input));
                classify(unit.span.slice(input), unit.words, next)
            })
            .collect();
        let roles = vec![Role::Drop; units.len()];
        Reader {
            input,
            units,
            kinds,
            roles,
            standfirst: None,
        }
    }

    fn len(&self) -> usize {
        self.units.len()
    }

    fn text(&self, i: usize) -> &'a str {
        self.units[i].span.slice(self.input)
    }

    fn words(&self, i: usize) -> usize {
        self.units[i].words
    }

    fn is_text(&self, i: usize) -> bool {
        matches!(self.kinds[i], Kind::Text)
    }

    fn prose(&self, i: usize) -> bool {
        self.is_text(i) && is_prose(self.text(i), self.words(i))
    }

    fn label_like(&self, i: usize) -> bool {
        self.is_text(i) && is_label_like(self.text(i), self.words(i))
    }

    fn headline_shaped(&self, i: usize) -> bool {
        is_headline_shaped(self.text(i), self.words(i))
    }

    /// The next text unit after `i` that is not a short label, within 25 units.
    fn next_non_label(&self, i: usize) -> Option<usize> {
        (i + 1..self.len().min(i + 26)).find(|&j| self.is_text(j) && !self.label_like(j))
    }

    /// The unit the container's title names, among the first units.
    fn unit_matching_title(&self, title: &str) -> Option<usize> {
        let mut want = String::new();
        normalize(title, &mut want);
        let want_words = want.split(' ').count();
        if want_words < 2 {
            return None;
        }
        let mut have = String::new();
        let word_boundary =
            |long: &str, short: &str| long.as_bytes().get(short.len()) == Some(&b' ');
        (0..self.len().min(60)).find(|&i| {
            if !self.is_text(i) || self.words(i) > 60 {
                return false;
            }
            normalize(self.text(i), &mut have);
            let have_words = have.split(' ').count();
            // Titles often carry the site's name ("Headline | Site"), headlines a kicker.
            have == want
                || (have_words >= 3
                    && want.starts_with(have.as_str())
                    && word_boundary(&want, &have))
                || (want_words >= 3
                    && have.starts_with(want.as_str())
                    && word_boundary(&have, &want))
        })
    }

    /// Find the headline and mark the labels above it. Returns the headline (if any) and
    /// the index where the header after it starts.
    fn find_headline(&mut self, hints: &Hints) -> (Option<usize>, usize) {
        if let Some(i) = hints
            .title
            .as_deref()
            .and_then(|t| self.unit_matching_title(t))
        {
            for j in 0..i {
                if self.label_like(j) {
                    self.roles[j] = Role::Label;
                }
            }
            self.roles[i] = Role::Headline;
            return (Some(i), i + 1);
        }
        let n = self.len();
        let mut i = 0;
        while i < n {
            if !self.is_text(i) {
                i += 1;
                continue;
            }
            let (text, words) = (self.text(i), self.words(i));
            let next = self.next_non_label(i);
            let headline_follows =
                next.is_some_and(|j| self.headline_shaped(j) && self.words(j) > words);
            if is_label_like(text, words) {
                // A section label ("NATIONAL NEWS", "Home > News") over a headline or a
                // dateline; a short kicker ("Ukraine") over a longer headline. A line of
                // four or more words over a longer one is a short headline over its
                // standfirst, not a kicker.
                let sectiony =
                    breadcrumb_tail(text).is_some() || (words <= 4 && has_section_word(text));
                let dateline_follows =
                    next.is_some_and(|j| detect_dateline(self.text(j)).is_some());
                let section = sectiony && (words <= 2 || headline_follows || dateline_follows);
                let kicker = words <= 3 && headline_follows;
                if (section && next.is_some()) || kicker {
                    self.roles[i] = Role::Label;
                    i += 1;
                    continue;
                }
            }
            // Navigation text above section labels ("Exclusive news, data and analytics
            // for financial market professionals" over "World").
            // Navigation text above a menu ("The County Line — local politics, mostly"
            // over "About", "Contact"): skip it when a section label or two or more menu
            // items, and then a headline, follow. Names are not menu items: a headline
            // over "Jane Doe", "Staff Writer" and a standfirst stays the headline.
            let labels_between = next.is_some_and(|j| {
                let mut menu = 0;
                (i + 1..j).any(|k| {
                    if !self.label_like(k) {
                        return false;
                    }
                    let text = self.text(k);
                    if has_section_word(text) || breadcrumb_tail(text).is_some() {
                        return true;
                    }
                    let name = crate::article::byline::clean_byline(text)
                        .is_some_and(|n| n.split_whitespace().count() >= 2);
                    if self.words(k) <= 2 && !name {
                        menu += 1;
                    }
                    menu >= 2
                })
            });
            if !ends_sentence(text) && words <= 12 && labels_between && headline_follows {
                i += 1;
                continue;
            }
            break;
        }
        if i >= n {
            return (None, n);
        }
        let (text, words) = (self.text(i), self.words(i));
        let more_text = (i + 1..n).any(|j| self.is_text(j));
        let long_prose = ends_sentence(text) && words > 25;
        let acceptable = words <= 40
            && text.len() <= 350
            && more_text
            && !long_prose
            && detect_dateline(text).is_none();
        if acceptable {
            self.roles[i] = Role::Headline;
            return (Some(i), i + 1);
        }
        // The body starts here; a label above it that names no section was the headline
        // after all ("Brexit talks stall" over a first paragraph).
        if let Some(j) = (0..i).rev().find(|&j| self.roles[j] == Role::Label)
            && !has_section_word(self.text(j))
            && breadcrumb_tail(self.text(j)).is_none()
            && self.words(j) >= 2
        {
            self.roles[j] = Role::Headline;
            return (Some(j), i);
        }
        (None, i)
    }

    /// A bare name that signs the article ("Andrew Roth in Moscow", or "Jane Doe" next
    /// to "BBC News, Washington" or a date).
    fn bare_byline(&self, i: usize) -> Option<String> {
        let (text, words) = (self.text(i), self.words(i));
        if !(2..=7).contains(&words) || ends_sentence(text) || has_section_word(text) {
            return None;
        }
        let name = crate::article::byline::clean_byline(text)?;
        let signed_place = text.len() > name.len() && text.contains(" in ");
        let beside_meta = |j: usize| {
            matches!(
                self.kinds.get(j),
                Some(Kind::Date(_) | Kind::Outlet(_) | Kind::Byline { .. })
            )
        };
        let adjacent = beside_meta(i + 1) || (i > 0 && beside_meta(i - 1));
        (signed_place || adjacent).then_some(name)
    }

    /// Walk the header after the headline; return where the body starts.
    fn find_body_start(&mut self, from: usize, headline: Option<&str>) -> Option<usize> {
        let n = self.len();
        let mut pending: Vec<usize> = Vec::new();
        let mut prose = 0;
        for i in from..n.min(from + 40) {
            match &self.kinds[i] {
                Kind::Text => {
                    if headline.is_some_and(|h| same_text(h, self.text(i))) {
                        continue;
                    }
                    if detect_dateline(self.text(i)).is_some() {
                        // The body opens with its dateline; what came between the
                        // headline and here is header.
                        return Some(self.settle_standfirst(&mut pending).unwrap_or(i));
                    }
                    if self.bare_byline(i).is_some() {
                        if let Some(start) = self.settle_standfirst(&mut pending) {
                            return Some(start);
                        }
                        prose = 0;
                        continue;
                    }
                    if matches!(self.kinds.get(i + 1), Some(Kind::Credit(_))) && self.words(i) <= 60
                    {
                        // A caption whose credit is printed under it.
                        self.roles[i] = Role::Caption;
                        continue;
                    }
                    pending.push(i);
                    if self.prose(i) {
                        prose += 1;
                        if prose >= 2 || self.words(i) >= 40 {
                            return pending.first().copied();
                        }
                    }
                }
                Kind::Date(_)
                | Kind::Byline {
                    trailing: false, ..
                } => {
                    if let Some(start) = self.settle_standfirst(&mut pending) {
                        return Some(start);
                    }
                    prose = 0;
                }
                Kind::Outlet(_) => {
                    // An outlet's name under the headline signs the story; after prose
                    // it is a credit inside the body, which has started.
                    if pending.iter().any(|&p| self.prose(p)) {
                        return pending.first().copied();
                    }
                    pending.clear();
                }
                _ => {}
            }
        }
        pending
            .first()
            .copied()
            .or_else(|| (from..n).find(|&i| self.is_text(i)))
    }

    /// Text seen between the headline and a byline, date or dateline: one short prose
    /// paragraph is the standfirst, short lines are header junk. Prose that cannot be a
    /// standfirst (there is one already, or it is long) means the body has started
    /// there: its index is returned and nothing is dropped.
    fn settle_standfirst(&mut self, pending: &mut Vec<usize>) -> Option<usize> {
        let prose = pending.iter().copied().find(|&p| self.prose(p));
        if let Some(p) = prose {
            if self.standfirst.is_some() || self.words(p) > 60 {
                return pending.first().copied();
            }
            self.roles[p] = Role::Standfirst;
            self.standfirst = Some(p);
        }
        pending.clear();
        None
    }

    /// Where the body ends: at a trailer heading followed only by short link-like lines,
    /// or before a closing run of tag-like labels.
    fn find_body_end(&self, start: usize) -> usize {
        let n = self.len();
        let mut end = n;
        let mut only_links = true;
        for i in (start..n).rev() {
            if matches!(self.kinds[i], Kind::Trailer) && only_links {
                end = i;
            }
            if self.is_text(i) {
                // Related links are headlines: short, without a closing full stop.
                only_links &= self.words(i) <= 20 && !self.text(i).ends_with('.');
            }
        }
        // A closing run of two or more short labels with nothing after them is a tag list.
        let mut run_start = end;
        let mut labels = 0;
        for i in (start..end).rev() {
            if self.is_text(i) {
                if !self.label_like(i) {
                    break;
                }
                labels += 1;
            }
            run_start = i;
        }
        if labels >= 2 && run_start > start {
            run_start
        } else {
            end
        }
    }

    /// The first body paragraph, extended back over a dateline split across lines
    /// ("Washington\nCNN\n —\nPresident …"), and the dateline's place.
    fn first_paragraph(&self, body_start: usize, header_from: usize) -> (Span, Option<String>) {
        let unit = self.units[body_start].span;
        if let Some(d) = detect_dateline(unit.slice(self.input)) {
            return (unit, Some(d.place));
        }
        let mut found = (unit, None);
        for back in 1..=3 {
            let Some(j) = body_start.checked_sub(back).filter(|&j| j >= header_from) else {
                break;
            };
            if self.words(j) > 3 || self.roles[j] != Role::Drop {
                break;
            }
            // The farthest start wins: "Washington\nCNN\n —" over "CNN\n —".
            let span = Span::new(self.units[j].span.start, unit.end);
            if let Some(d) = detect_dateline(span.slice(self.input))
                && d.len >= unit.start - span.start
            {
                found = (span, Some(d.place));
            }
        }
        found
    }

    /// The section: among labels above the headline that stand alone or in pairs (a
    /// run of three or more is a navigation menu), the one nearest the headline that
    /// names a section or is a breadcrumb. A kicker that names no section ("Ukraine")
    /// is not one.
    fn section(&self) -> Option<String> {
        let mut candidates: Vec<usize> = Vec::new();
        let mut run: Vec<usize> = Vec::new();
        for i in 0..=self.len() {
            if i < self.len() && self.roles[i] == Role::Label {
                run.push(i);
                continue;
            }
            if run.len() <= 2 {
                candidates.extend(&run);
            }
            run.clear();
        }
        let named = |&&i: &&usize| {
            has_section_word(self.text(i)) || breadcrumb_tail(self.text(i)).is_some()
        };
        candidates
            .iter()
            .rev()
            .find(named)
            .map(|&i| section_name(self.text(i)))
    }
}

/// Same text up to whitespace.
fn same_text(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

/// The headline's span without trailing separators or a " | Outlet" suffix.
fn clean_headline(input: &str, span: Span) -> Span {
    let text = span.slice(input);
    let mut end = text.len();
    for sep in [" | ", " - ", " – ", " — "] {
        if let Some(i) = text[..end].rfind(sep)
            && crate::article::lexicon::outlet(&text[i + sep.len()..end]).is_some()
        {
            end = i;
        }
    }
    let kept = text[..end].trim_end_matches([';', ':', '|', ' ', '-', '–', '—']);
    if kept.chars().any(char::is_alphanumeric) {
        Span::new(span.start, span.start + kept.len())
    } else {
        span
    }
}

/// The section a label names: the last part of a breadcrumb, shouted labels in title case.
fn section_name(label: &str) -> String {
    let label = breadcrumb_tail(label).unwrap_or(label);
    if is_shouted(label) {
        title_case_label(label)
    } else {
        label.to_owned()
    }
}

/// Which of two timestamps better states the publication: one that says "Published"
/// over one that says "Updated", one with a time over a bare date.
fn stamp_rank(stamp: &Stamp) -> (bool, bool, bool) {
    (stamp.published, !stamp.updated, stamp.time.is_some())
}

/// Read scraped plain text into a document whose spans point into `input`.
///
/// Finds the headline, the body paragraphs and the metadata the text states (date,
/// section, byline, dateline, pictures, standfirst); fills the rest from `hints`. Fails
/// only when the input holds no text at all, or nothing but page furniture.
///
/// ```
/// use whosaid_read::{Hints, text::read_text};
///
/// let input = "NATIONAL NEWS\n\nTalks are close, minister says\n\nBY JANE DOE\n\n\
///              KYIV, Ukraine — “We are close,” the minister said.\n\nShare\n".to_owned();
/// let doc = read_text("story.txt", input, &Hints::default()).unwrap();
/// assert_eq!(doc.meta.headline.as_deref(), Some("Talks are close, minister says"));
/// assert_eq!(doc.meta.section.as_deref(), Some("National News"));
/// assert_eq!(doc.meta.byline.as_deref(), Some("Jane Doe"));
/// assert_eq!(doc.meta.dateline.as_deref(), Some("KYIV, Ukraine"));
/// assert_eq!(doc.body(), "KYIV, Ukraine — “We are close,” the minister said.");
/// ```
pub fn read_text(path: &str, input: String, hints: &Hints) -> Result<Document, ReadError> {
    let (paragraphs, headline_span, asides, meta) = analyze(path, &input, hints)?;
    let mut doc = Document::from_input(path, input, paragraphs);
    doc.headline_span = headline_span;
    doc.asides = asides;
    doc.meta = meta;
    Ok(doc)
}

/// What [`analyze`] finds: body spans, the headline's span, caption/credit/byline spans,
/// the metadata.
type Found = (Vec<Span>, Option<Span>, Vec<Span>, ArticleMeta);

/// Everything [`read_text`] finds.
fn analyze(path: &str, input: &str, hints: &Hints) -> Result<Found, ReadError> {
    if input.trim().is_empty() {
        return Err(ReadError::new(
            ReadErrorKind::Empty,
            format!("{path} holds no text, only blank space"),
        ));
    }
    let mut reader = Reader::new(input);
    let n = reader.len();
    let (headline, header_from) = reader.find_headline(hints);
    let headline_span = headline.map(|h| clean_headline(input, reader.units[h].span));
    let headline_text = headline_span.map(|s| s.slice(input));

    let body_start = reader.find_body_start(header_from, headline_text);
    let body_end = body_start.map_or(n, |s| reader.find_body_end(s));
    let header_end = body_start.unwrap_or(n);
    for i in header_end..body_end {
        let repeat = headline_text.is_some_and(|h| same_text(h, reader.text(i)));
        // Inside the body a timestamp with words beside it is text ("Correction:
        // October 2, 2016"); a bare one is a live-blog or widget stamp.
        let worded_date = matches!(&reader.kinds[i], Kind::Date(s) if s.unexplained > 0);
        if (reader.is_text(i) || worded_date) && reader.roles[i] == Role::Drop && !repeat {
            reader.roles[i] = Role::Body;
        }
    }

    let mut paragraphs: Vec<Span> = Vec::new();
    let mut dateline = None;
    for i in (0..n).filter(|&i| reader.roles[i] == Role::Body) {
        if paragraphs.is_empty() {
            let (span, place) = reader.first_paragraph(i, header_from);
            paragraphs.push(span);
            dateline = place;
        } else {
            if dateline.is_none() && paragraphs.len() < 3 {
                // A summary or key points may come before the dateline.
                dateline = detect_dateline(reader.text(i)).map(|d| d.place);
            }
            paragraphs.push(reader.units[i].span);
        }
    }
    // A scraped menu ("Home / World / Sport / Log in") can leave a lone label that is
    // not furniture by itself: an article has at least one line that reads as a sentence.
    if !paragraphs.iter().any(|p| reads_as_prose(p.slice(input))) {
        paragraphs.clear();
    }
    if paragraphs.is_empty() {
        return Err(ReadError::new(
            ReadErrorKind::NoContent,
            format!(
                "{path} holds no article text: every line reads as page furniture (menus, \
                 labels, buttons, captions, dates)"
            ),
        ));
    }

    let meta = ArticleMeta {
        headline: headline_text
            .map(str::to_owned)
            .or_else(|| hints.title.clone()),
        published: published(&reader, header_end, body_end, hints),
        section: reader.section(),
        byline: byline(&reader, headline, header_end, body_end),
        dateline,
        images: images(&reader, body_end),
        url: hints.url.clone(),
        site_name: (0..headline.unwrap_or(0)).find_map(|i| match reader.kinds[i] {
            Kind::Outlet(name) => Some(name.to_owned()),
            _ => None,
        }),
        description: reader.standfirst.map(|i| reader.text(i).to_owned()),
        ..ArticleMeta::default()
    };
    let asides = asides(&reader, body_end);
    Ok((paragraphs, headline_span, asides, meta))
}

/// Whether a paragraph reads as prose rather than a label: four words or more, or a
/// sentence's closing punctuation ("Talks failed." is an article; "Sport" is a menu).
fn reads_as_prose(text: &str) -> bool {
    let text = text.trim();
    text.split_whitespace().nth(3).is_some()
        || text.ends_with(['.', '!', '?', '…', '"', '”', '’', ')'])
}

/// The spans of the captions, picture credits and bylines up to the end of the body: the
/// text of the page that names people ("(AP Photo/Evan Vucci)", "BY ASSOCIATED PRESS")
/// without being the article. A caption cut short is left out: it is printed in full
/// beside it.
fn asides(reader: &Reader<'_>, body_end: usize) -> Vec<Span> {
    let mut spans = Vec::new();
    for i in 0..body_end.min(reader.len()) {
        let unit = reader.units[i].span;
        let inner = |s: &Span| Span::new(unit.start + s.start, unit.start + s.end);
        match &reader.kinds[i] {
            Kind::Caption { caption, credit } => {
                spans.push(inner(caption));
                spans.push(inner(credit));
            }
            Kind::Credit(credit) => spans.push(inner(credit)),
            Kind::CaptionText(caption) => spans.push(inner(caption)),
            Kind::Byline { .. } => spans.push(unit),
            Kind::Text if reader.roles[i] == Role::Caption => spans.push(unit),
            _ => {}
        }
    }
    spans
}

/// The publication date: the best timestamp in the header and the first units of the
/// body (a time printed alone completes a bare date), else the container's date.
fn published(
    reader: &Reader<'_>,
    header_end: usize,
    body_end: usize,
    hints: &Hints,
) -> Option<String> {
    let zone_end = (header_end + 10).min(body_end).max(header_end);
    let mut best: Option<&Stamp> = None;
    let mut lone_time: Option<&Stamp> = None;
    for kind in &reader.kinds[..zone_end.min(reader.len())] {
        let stamp = match kind {
            Kind::Date(stamp) => stamp,
            Kind::Byline {
                stamp: Some(stamp), ..
            } => stamp,
            _ => continue,
        };
        if stamp.date.is_none() {
            // "Updated 4:32 p.m. ET" alone is when it changed, not when it appeared.
            if stamp.time.is_some() && !stamp.updated && lone_time.is_none() {
                lone_time = Some(stamp);
            }
            continue;
        }
        if best.is_none_or(|b| stamp_rank(stamp) > stamp_rank(b)) {
            best = Some(stamp);
        }
    }
    let from_text = best.and_then(|stamp| match (stamp.time, lone_time, stamp.date) {
        (None, Some(time), Some(date)) => time.clone().on_date(date).to_iso(),
        _ => stamp.to_iso(),
    });
    from_text.or_else(|| {
        hints
            .published
            .as_deref()
            .or(hints.fetched.as_deref())
            .and_then(parse_published)
    })
}

/// The byline: a "By" line, else a name signed beside the date, else an agency named
/// under the headline, else the "Reporting by" credit after the story. A shouted byline
/// takes the spelling the document uses elsewhere.
fn byline(
    reader: &Reader<'_>,
    headline: Option<usize>,
    header_end: usize,
    body_end: usize,
) -> Option<String> {
    let after_headline = |i: usize| headline.is_some_and(|h| i > h) && i < header_end;
    let mut found: Option<(String, usize)> = None;
    let mut agency: Option<(String, usize)> = None;
    let mut credit: Option<(String, usize)> = None;
    for i in 0..body_end.min(reader.len()) {
        match &reader.kinds[i] {
            Kind::Byline {
                name,
                trailing: false,
                ..
            } if found.is_none() => found = Some((name.clone(), i)),
            Kind::Outlet(name) if agency.is_none() && after_headline(i) => {
                agency = Some(((*name).to_owned(), i));
            }
            Kind::Text if found.is_none() && after_headline(i) => {
                found = reader.bare_byline(i).map(|name| (name, i));
            }
            _ => {}
        }
    }
    for i in 0..reader.len() {
        if let Kind::Byline {
            name,
            trailing: true,
            ..
        } = &reader.kinds[i]
        {
            credit = Some((name.clone(), i));
            break;
        }
    }
    let (name, i) = found.or(agency).or(credit)?;
    if is_shouted(reader.text(i))
        && let Some(spelled) = mixed_case_spelling(&name, reader.input)
    {
        return Some(spelled.to_owned());
    }
    Some(name)
}

/// Pictures up to the end of the body, in order: captions with their credits, credits
/// printed on their own line (attached to the picture just before, when it lacks one),
/// labelled captions (attached to a credit-only picture just before).
fn images(reader: &Reader<'_>, body_end: usize) -> Vec<Image> {
    let mut images: Vec<Image> = Vec::new();
    let mut last_at: Option<usize> = None;
    let part = |i: usize, s: &Span| reader.text(i)[s.start..s.end].to_owned();
    for i in 0..body_end.min(reader.len()) {
        let recent = last_at.is_some_and(|at| i - at <= 3);
        let image = |caption: Option<String>, credit: Option<String>| Image {
            caption,
            credit,
            url: None,
        };
        match &reader.kinds[i] {
            Kind::Caption { caption, credit } => {
                images.push(image(Some(part(i, caption)), Some(part(i, credit))));
            }
            Kind::Credit(credit) => match images.last_mut() {
                Some(last) if recent && last.credit.is_none() => {
                    last.credit = Some(part(i, credit));
                }
                // A second credit line for the same picture ("Credit: ASSOCIATED PRESS").
                Some(_) if recent => {}
                _ => images.push(image(None, Some(part(i, credit)))),
            },
            Kind::CaptionText(caption) => match images.last_mut() {
                Some(last) if recent && last.caption.is_none() => {
                    last.caption = Some(part(i, caption));
                }
                _ => images.push(image(Some(part(i, caption)), None)),
            },
            Kind::Text if reader.roles[i] == Role::Caption => {
                images.push(image(Some(reader.text(i).to_owned()), None));
            }
            _ => continue,
        }
        last_at = Some(i);
    }
    images
}
