//! Synthetic news corpora of any size, for benchmarks and the store's tests.
//!
//! Every article is made up — invented story, template sentences — but has the shape of
//! scraped wire copy: a section label, a headline, a byline, a timestamp, a dateline, then
//! paragraphs of direct quotes ("“…,” X said."), inverted cues ("said X, a …"), reported
//! speech ("X told reporters that …", "according to …"), a pronoun's quote and filler,
//! with debris around. About a third of the articles reprint an earlier story in another
//! outlet with other debris, a new headline and sometimes the last paragraph cut, as
//! syndicated wire copy is. People include namesakes (two Johnsons, told apart by title)
//! and one person under several forms of name ("Donald Trump", "Donald J. Trump",
//! "President Trump"). The same seed gives the same corpus, byte for byte.

use std::fmt::Write as _;

/// One generated article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article {
    /// A stable id (`gen-000042`).
    pub id: String,
    /// The page's URL (its host is the outlet).
    pub url: String,
    /// Publication day, YYYY-MM-DD.
    pub date: String,
    /// The scraped page as plain text.
    pub text: String,
}

impl Article {
    /// The article as one JSON line with the fields `whosaid` reads by default.
    pub fn to_jsonl(&self) -> String {
        serde_json::json!({"id": self.id, "url": self.url, "date": self.date, "text": self.text})
            .to_string()
    }
}

/// A deterministic generator: `Corpus::new(seed).take(n)`.
#[derive(Debug)]
pub struct Corpus {
    rng: Rng,
    made: u64,
    /// Stories already told, for reprints: (headline, paragraphs, date).
    stories: Vec<(String, Vec<String>, String)>,
}

impl Corpus {
    /// A corpus drawn from `seed`.
    pub fn new(seed: u64) -> Corpus {
        Corpus {
            rng: Rng(seed ^ 0x6A09_E667_F3BC_C908),
            made: 0,
            stories: Vec::new(),
        }
    }
}

impl Iterator for Corpus {
    type Item = Article;

    fn next(&mut self) -> Option<Article> {
        let n = self.made;
        self.made += 1;
        let outlet = *self.rng.pick(OUTLETS);
        let reprint = !self.stories.is_empty() && self.rng.below(3) == 0;
        let (headline, mut paragraphs, date) = if reprint {
            let i = self.rng.below(self.stories.len() as u64) as usize;
            let (headline, paragraphs, date) = self.stories[i].clone();
            (
                format!("{headline} {}", self.rng.pick(HEADLINE_TAILS)),
                paragraphs,
                date,
            )
        } else {
            let story = self.story(n);
            // Keep a bounded window of stories to reprint from: memory stays flat.
            if self.stories.len() >= 200 {
                let i = self.rng.below(200) as usize;
                self.stories.swap_remove(i);
            }
            self.stories.push(story.clone());
            story
        };
        if reprint && paragraphs.len() > 5 && self.rng.below(2) == 0 {
            paragraphs.pop(); // syndicated copy trimmed at the end
        }
        let section = *self.rng.pick(SECTIONS);
        let hour = 1 + self.rng.below(12);
        let minute = self.rng.below(60);
        let ampm = if self.rng.below(2) == 0 { "AM" } else { "PM" };
        let mut text = String::new();
        let _ = write!(
            text,
            "{}\n{section}\n\n{headline}\n\nBy {}, {}\n\nUpdated {hour}:{minute:02} {ampm} EST, {}\n\nShare\n\n",
            self.rng.pick(SKIP_LINES),
            self.rng.pick(REPORTERS),
            outlet.1,
            long_date(&date)
        );
        for (i, paragraph) in paragraphs.iter().enumerate() {
            text.push_str(paragraph);
            text.push_str("\n\n");
            if i == 2 && self.rng.below(2) == 0 {
                text.push_str("Advertisement\n\n");
            }
        }
        let _ = write!(
            text,
            "Read more: {}\n\n{headline}\n",
            self.rng.pick(READ_MORE)
        );
        Some(Article {
            id: format!("gen-{n:06}"),
            url: format!("https://www.{}/news/{date}/story-{n}", outlet.0),
            date,
            text,
        })
    }
}

impl Corpus {
    /// A new story: headline, paragraphs, date.
    fn story(&mut self, n: u64) -> (String, Vec<String>, String) {
        let day = 1 + (n / 40) % 700; // about forty stories a day, over two years
        let date = day_to_date(day);
        let lead = *self.rng.pick(PEOPLE);
        let second = self.other_person(lead);
        let third = self.other_person(lead);
        let topic = *self.rng.pick(TOPICS);
        let place = *self.rng.pick(PLACES);
        let weekday = *self.rng.pick(WEEKDAYS);
        let headline = format!(
            "{} says {} {}",
            lead.headline_name(),
            self.rng.pick(HEADLINE_VERBS),
            topic.0
        );
        let mut paragraphs = Vec::new();
        paragraphs.push(format!(
            "{} ({}) — {} said on {weekday} that {} {}.",
            place.to_uppercase(),
            self.rng.pick(WIRE_TAGS),
            lead.first_mention(&mut self.rng),
            self.clause(topic),
            self.rng.pick(CLAUSE_TAILS)
        ));
        paragraphs.push(format!(
            "“{}. {},” {} said. “{}.”",
            self.sentence(topic),
            self.sentence(topic),
            lead.last,
            self.sentence(topic)
        ));
        paragraphs.push(format!(
            "{}, {}, told reporters that {}.",
            second.full(),
            second.role,
            self.clause(topic)
        ));
        paragraphs.push(self.filler(topic, place));
        paragraphs.push(format!(
            "“{},” said {}, {}. {} added that {}.",
            self.sentence(topic),
            third.full(),
            third.role,
            pronoun(third.female),
            self.clause(topic)
        ));
        paragraphs.push(format!(
            "According to {}, {}.",
            self.rng.pick(ORGS),
            self.clause(topic)
        ));
        if self.rng.below(2) == 0 {
            paragraphs.push(format!(
                "{} has said repeatedly that {}, calling the plan “{}.”",
                lead.last,
                self.clause(topic),
                self.rng.pick(SCARE_PHRASES)
            ));
        }
        paragraphs.push(self.filler(topic, place));
        (headline, paragraphs, date)
    }

    fn other_person(&mut self, not: Person) -> Person {
        loop {
            let p = *self.rng.pick(PEOPLE);
            if p.last != not.last {
                return p;
            }
        }
    }

    fn clause(&mut self, topic: (&str, &[&str])) -> String {
        format!(
            "{} {} {}",
            self.rng.pick(SUBJECTS),
            self.rng.pick(VERB_PHRASES),
            self.rng.pick(topic.1)
        )
    }

    fn sentence(&mut self, topic: (&str, &[&str])) -> String {
        format!(
            "{} {} {}",
            self.rng.pick(QUOTE_OPENERS),
            self.rng.pick(VERB_PHRASES),
            self.rng.pick(topic.1)
        )
    }

    fn filler(&mut self, topic: (&str, &[&str]), place: &str) -> String {
        format!(
            "The {} in {place} has drawn attention for months, and {} {} {} before the end of the year.",
            topic.0,
            self.rng.pick(ORGS),
            self.rng.pick(FILLER_VERBS),
            self.rng.pick(topic.1)
        )
    }
}

fn pronoun(female: bool) -> &'static str {
    if female { "She" } else { "He" }
}

/// A person of the generated world.
#[derive(Clone, Copy, Debug)]
struct Person {
    title: &'static str,
    first: &'static str,
    middle: &'static str,
    last: &'static str,
    role: &'static str,
    female: bool,
}

impl Person {
    fn full(&self) -> String {
        format!("{} {}", self.first, self.last)
    }

    fn headline_name(&self) -> &'static str {
        self.last
    }

    /// The first mention varies as it does in real copy: title and full name, title and
    /// surname only, or the name with a middle initial.
    fn first_mention(&self, rng: &mut Rng) -> String {
        match rng.below(4) {
            0 if !self.title.is_empty() => format!("{} {}", self.title, self.last),
            1 if !self.middle.is_empty() => format!("{} {} {}", self.first, self.middle, self.last),
            _ if !self.title.is_empty() => format!("{} {} {}", self.title, self.first, self.last),
            _ => self.full(),
        }
    }
}

const PEOPLE: &[Person] = &[
    Person {
        title: "President",
        first: "Donald",
        middle: "J.",
        last: "Trump",
        role: "the U.S. president",
        female: false,
    },
    Person {
        title: "Prime Minister",
        first: "Boris",
        middle: "",
        last: "Johnson",
        role: "the former British prime minister",
        female: false,
    },
    Person {
        title: "Speaker",
        first: "Mike",
        middle: "",
        last: "Johnson",
        role: "the speaker of the House",
        female: false,
    },
    Person {
        title: "Mayor",
        first: "Helena",
        middle: "",
        last: "Strand",
        role: "the mayor of Eastbridge",
        female: true,
    },
    Person {
        title: "Senator",
        first: "Maria",
        middle: "L.",
        last: "Okafor",
        role: "a senator from Ohio",
        female: true,
    },
    Person {
        title: "",
        first: "Ida",
        middle: "",
        last: "Brekke",
        role: "who chairs the dockers' union",
        female: true,
    },
    Person {
        title: "Governor",
        first: "Samuel",
        middle: "",
        last: "Achterberg",
        role: "the governor of the state",
        female: false,
    },
    Person {
        title: "",
        first: "Tomas",
        middle: "",
        last: "Varga",
        role: "the port authority's chief executive",
        female: false,
    },
    Person {
        title: "Minister",
        first: "Anneke",
        middle: "",
        last: "Visser",
        role: "the finance minister",
        female: true,
    },
    Person {
        title: "",
        first: "Rafael",
        middle: "",
        last: "Quintero",
        role: "an economist at Meridian Bank",
        female: false,
    },
    Person {
        title: "Chancellor",
        first: "Greta",
        middle: "",
        last: "Lindqvist",
        role: "the chancellor",
        female: true,
    },
    Person {
        title: "",
        first: "Kwame",
        middle: "",
        last: "Mensah",
        role: "a spokesman for the ministry",
        female: false,
    },
];

const OUTLETS: &[(&str, &str)] = &[
    ("coastlineherald.example", "Coastline Herald"),
    ("valleycourier.example", "The Valley Courier"),
    ("northernpost.example", "Northern Post"),
    ("metrodaily.example", "Metro Daily"),
    ("wirenews.example", "Wire News"),
    ("capitalgazette.example", "Capital Gazette"),
];

const TOPICS: &[(&str, &[&str])] = &[
    (
        "budget",
        &[
            "the budget deficit",
            "the spending plan",
            "public sector pay",
            "the tax rise on fuel",
        ],
    ),
    (
        "trade talks",
        &[
            "the tariffs on steel",
            "the trade agreement",
            "export controls",
            "the customs deal",
        ],
    ),
    (
        "strike",
        &[
            "the dock workers' pay",
            "the harbour closure",
            "shift patterns",
            "the pension offer",
        ],
    ),
    (
        "bridge project",
        &[
            "the new bridge",
            "the council's borrowing",
            "traffic on the old bridge",
            "the construction contract",
        ],
    ),
    (
        "war",
        &[
            "the ceasefire talks",
            "the peace plan",
            "military aid",
            "the prisoner exchange",
        ],
    ),
    (
        "election",
        &[
            "the early election",
            "the coalition talks",
            "the voting reform",
            "the campaign funding",
        ],
    ),
];

const SUBJECTS: &[&str] = &[
    "the government",
    "the council",
    "the union",
    "negotiators",
    "the two sides",
    "officials",
    "the ministry",
    "investors",
];
const VERB_PHRASES: &[&str] = &[
    "would not accept",
    "were close to a deal on",
    "had underestimated",
    "must move quickly on",
    "could no longer ignore",
    "would review",
    "had agreed in principle on",
    "would oppose",
];
const QUOTE_OPENERS: &[&str] = &[
    "We",
    "Nobody",
    "Our members",
    "This government",
    "I think we",
    "The people",
];
const CLAUSE_TAILS: &[&str] = &[
    "by the end of the month",
    "despite the pressure",
    "after weeks of talks",
    "as soon as possible",
    "without further delay",
];
const FILLER_VERBS: &[&str] = &[
    "is expected to publish a report on",
    "will hold hearings on",
    "has asked for figures on",
];
const SCARE_PHRASES: &[&str] = &[
    "a disaster",
    "reckless",
    "long overdue",
    "a good start",
    "pure theatre",
];
const ORGS: &[&str] = &[
    "the Ministry of Finance",
    "the shipping association",
    "Meridian Bank",
    "the Kremlin",
    "the European Commission",
    "the port authority",
    "the national statistics office",
];
const PLACES: &[&str] = &[
    "Washington",
    "London",
    "Eastbridge",
    "Port Kellan",
    "Brussels",
    "Moscow",
    "Kyiv",
    "Ottawa",
];
const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const WIRE_TAGS: &[&str] = &["AP", "Reuters", "WN"];
const SECTIONS: &[&str] = &[
    "POLITICS",
    "BUSINESS",
    "WORLD NEWS",
    "National News",
    "Local",
];
const SKIP_LINES: &[&str] = &["Skip to content", "Skip to main content", "Menu"];
const REPORTERS: &[&str] = &[
    "Maren Olsby",
    "Jonas Hale",
    "Priya Raman",
    "Lucas Ferreira",
    "Elena Novak",
];
const READ_MORE: &[&str] = &[
    "More from this section",
    "Most read today",
    "Sign up for our newsletter",
];
const HEADLINE_VERBS: &[&str] = &[
    "deal is near on",
    "will not back down on",
    "has concerns about",
    "wants a vote on",
];
const HEADLINE_TAILS: &[&str] = &["- live updates", "| Analysis", "(UPDATED)", ""];

/// `2025-01-31` → `Fri January 31, 2025`-style, as scraped pages give it.
fn long_date(date: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let year = &date[..4];
    let month: usize = date[5..7].parse().unwrap_or(1);
    let day: u32 = date[8..10].parse().unwrap_or(1);
    format!("{} {day}, {year}", MONTHS[month - 1])
}

/// Day `n` (1-based) counted from 2024-01-01, as YYYY-MM-DD.
fn day_to_date(n: u64) -> String {
    const DAYS: [u64; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut left = n - 1;
    let mut year = 2024;
    loop {
        let leap = year % 4 == 0;
        let length = if leap { 366 } else { 365 };
        if left < length {
            for (m, days) in DAYS.iter().enumerate() {
                let days = if m == 1 && leap { 29 } else { *days };
                if left < days {
                    return format!("{year}-{:02}-{:02}", m + 1, left + 1);
                }
                left -= days;
            }
        }
        left -= length;
        year += 1;
    }
}

/// SplitMix64: small, fast, and the same numbers on every platform and version.
#[derive(Debug)]
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_corpus() {
        let a: Vec<_> = Corpus::new(7).take(50).collect();
        let b: Vec<_> = Corpus::new(7).take(50).collect();
        assert_eq!(a, b);
        let c: Vec<_> = Corpus::new(8).take(50).collect();
        assert_ne!(a, c);
    }

    #[test]
    fn articles_have_quotes_debris_and_reprints() {
        let articles: Vec<_> = Corpus::new(1).take(60).collect();
        assert!(
            articles
                .iter()
                .all(|a| a.text.contains("” ") || a.text.contains(",”"))
        );
        assert!(
            articles
                .iter()
                .all(|a| a.text.starts_with("Skip") || a.text.starts_with("Menu"))
        );
        let reprints = articles
            .iter()
            .filter(|a| a.text.contains("- live updates") || a.text.contains("| Analysis"))
            .count();
        assert!(reprints > 0);
        assert_eq!(day_to_date(1), "2024-01-01");
        assert_eq!(day_to_date(60), "2024-02-29");
        assert_eq!(day_to_date(367), "2025-01-01");
    }
}
