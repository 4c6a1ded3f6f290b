//! Date expressions: each shape news uses, resolved against a fixed publication date.
//!
//! Sentences are written for the test unless a case names its source; the seed case
//! reads the committed AP story `examples/articles/ap-trump-putin-2025-01-31.txt`.

use rstest::rstest;
use whosaid_core::Span;
use whosaid_nlp::dates::{DateMention, Precision, find_dates};
use whosaid_nlp::prepare::prepare;

/// Wednesday, Feb. 5, 2025: a weekday in the middle of the week tells past from future.
const PUB: &str = "2025-02-05T10:00:00-05:00";

/// The dates of `text` as one paragraph: (span text, value, precision).
fn dates(text: &str, published: Option<&str>) -> Vec<(String, Option<String>, Precision)> {
    let prepared = prepare(text, None, &[Span::new(0, text.len())]);
    find_dates(text, &prepared, published)
        .into_iter()
        .map(|m| (m.span.slice(text).to_owned(), m.value, m.precision))
        .collect()
}

/// The one date of `text`.
fn one(text: &str, published: Option<&str>) -> (String, Option<String>, Precision) {
    let mut found = dates(text, published);
    assert_eq!(found.len(), 1, "{text:?}: {found:?}");
    found.remove(0)
}

use Precision::{Day, Month, Week, Year};

#[rstest]
#[case::month_day(
    "The report, dated Jan. 31, was released.",
    "Jan. 31",
    "2025-01-31",
    Day
)]
#[case::month_day_full("It began January 31 in Kyiv.", "January 31", "2025-01-31", Day)]
#[case::month_day_on("Talks ended on Jan. 28.", "on Jan. 28", "2025-01-28", Day)]
#[case::month_day_year(
    "The law took effect Jan. 31, 2024.",
    "Jan. 31, 2024",
    "2024-01-31",
    Day
)]
#[case::ordinal("It was signed on March 3rd.", "on March 3rd", "2025-03-03", Day)]
#[case::day_month_year(
    "The vote of 31 January 2023 stands.",
    "31 January 2023",
    "2023-01-31",
    Day
)]
#[case::weekday_date(
    "Trump signed orders Friday, Jan. 31, 2025, in Washington.",
    "Friday, Jan. 31, 2025",
    "2025-01-31",
    Day
)]
#[case::abbreviated_weekday(
    "Posted Fri., Jan. 31, 2025.",
    "Fri., Jan. 31, 2025",
    "2025-01-31",
    Day
)]
#[case::iso("Filed 2024-12-24 in court.", "2024-12-24", "2024-12-24", Day)]
#[case::in_year("Russia invaded in 2022.", "in 2022", "2022", Year)]
#[case::since_year("He has served since 2019.", "2019", "2019", Year)]
#[case::year_noun("He lost the 2020 election.", "2020", "2020", Year)]
#[case::possessive_year("Trump’s 2016 campaign drew scrutiny.", "2016", "2016", Year)]
#[case::early_year("The talks began in early 2023.", "in early 2023", "2023", Year)]
#[case::month_year("Inflation peaked in June 2022.", "in June 2022", "2022-06", Month)]
#[case::in_month_past("The deal was signed in January.", "in January", "2025-01", Month)]
#[case::in_month_past_year_before("The deal was signed in March.", "in March", "2024-03", Month)]
#[case::in_month_future("The plant will open in March.", "in March", "2025-03", Month)]
#[case::in_month_nearest("The summit is in April.", "in April", "2025-04", Month)]
#[case::last_month_name("Sales fell last March.", "last March", "2024-03", Month)]
#[case::next_month_name("Elections come next January.", "next January", "2026-01", Month)]
#[case::mid_month("Troops left in mid-January.", "in mid-January", "2025-01", Month)]
#[case::month_possessive("January’s jobs report was weak.", "January", "2025-01", Month)]
#[case::month_as_modifier("He will win the November election.", "November", "2025-11", Month)]
#[case::since_month("Prices have risen since December.", "December", "2024-12", Month)]
#[case::toward_month("The party looks toward November.", "November", "2025-11", Month)]
#[case::month_of_last_year(
    "It peaked in February of last year.",
    "in February of last year",
    "2024-02",
    Month
)]
#[case::month_of_year("It peaked in June of 2006.", "in June of 2006", "2006-06", Month)]
#[case::passive_future_month("It will be held in July.", "in July", "2025-07", Month)]
#[case::hyphenated_year("A late-2007 turnaround.", "late-2007", "2007", Year)]
#[case::election_of("As the election of 2008 approached.", "2008", "2008", Year)]
#[case::parenthesized_year("His book (2015) sold well.", "2015", "2015", Year)]
#[case::for_year("He is the favorite for 2016.", "2016", "2016", Year)]
#[case::article_year("He cited a 2009 report.", "2009", "2009", Year)]
#[case::plural_after_possessive("He hired one of Trump’s 2016 rivals.", "2016", "2016", Year)]
fn absolute(
    #[case] text: &str,
    #[case] span: &str,
    #[case] value: &str,
    #[case] precision: Precision,
) {
    assert_eq!(
        one(text, Some(PUB)),
        (span.to_owned(), Some(value.to_owned()), precision)
    );
}

#[rstest]
#[case::past_on("The talks ended on Friday.", "on Friday", "2025-01-31")]
#[case::past_bare("Trump said Friday that he would go.", "Friday", "2025-01-31")]
#[case::publication_day("The vote was held Wednesday.", "Wednesday", "2025-02-05")]
#[case::unmarked("Zelenskyy in Kyiv on Monday: a new offer.", "on Monday", "2025-02-03")]
#[case::future_will("They will meet on Friday.", "on Friday", "2025-02-07")]
#[case::future_expected("Talks are expected to resume Friday.", "Friday", "2025-02-07")]
#[case::future_plans("He plans to visit Kyiv on Monday.", "on Monday", "2025-02-10")]
#[case::future_same_day("The Senate will vote Wednesday.", "Wednesday", "2025-02-05")]
#[case::passive_future(
    "The results will be announced on Saturday.",
    "on Saturday",
    "2025-02-08"
)]
#[case::plans_noun_is_not_future(
    "Aides worked Monday on plans for an ad blitz.",
    "Monday",
    "2025-02-03"
)]
#[case::quoted_future_is_the_speakers(
    "He admitted Monday night “it will be very hard to win.”",
    "Monday night",
    "2025-02-03"
)]
#[case::scare_quotes_are_no_boundary(
    "He’ll be “very competitive” on Friday.",
    "on Friday",
    "2025-02-07"
)]
#[case::ahead_of("Polls tightened ahead of Friday’s vote.", "Friday", "2025-02-07")]
#[case::since_weekday("Nothing has moved since Monday.", "Monday", "2025-02-03")]
#[case::due_by_weekday(
    "“We expect most customers to have power back by Friday,” Robbins said.",
    "Friday",
    "2025-02-07"
)]
#[case::done_by_weekday("Repairs were completed by Monday.", "Monday", "2025-02-03")]
#[case::later_today("He speaks later today.", "later today", "2025-02-05")]
#[case::future_in_reported_clause(
    "Trump said he will meet Putin on Saturday.",
    "on Saturday",
    "2025-02-08"
)]
#[case::past_in_main_clause(
    "Trump will meet Putin, the White House said Tuesday.",
    "Tuesday",
    "2025-02-04"
)]
#[case::past_clause_before_future(
    "Trump said on Tuesday that he will meet Putin.",
    "on Tuesday",
    "2025-02-04"
)]
#[case::part_of_day("She spoke Tuesday night in Ohio.", "Tuesday night", "2025-02-04")]
#[case::possessive("Friday’s meeting was short.", "Friday", "2025-01-31")]
#[case::last_weekday("He spoke last Friday.", "last Friday", "2025-01-31")]
#[case::last_same_weekday("He spoke last Wednesday.", "last Wednesday", "2025-01-29")]
#[case::next_weekday("He speaks next Friday.", "next Friday", "2025-02-07")]
#[case::next_same_weekday("He speaks next Wednesday.", "next Wednesday", "2025-02-12")]
#[case::this_weekday_future("She will sign it this Friday.", "this Friday", "2025-02-07")]
#[case::today("The court ruled today.", "today", "2025-02-05")]
#[case::tonight("He speaks tonight.", "tonight", "2025-02-05")]
#[case::yesterday("The court ruled yesterday.", "yesterday", "2025-02-04")]
#[case::yesterday_morning("It ruled yesterday morning.", "yesterday morning", "2025-02-04")]
#[case::tomorrow("The court rules tomorrow.", "tomorrow", "2025-02-06")]
#[case::last_night("In last night’s debate he won.", "last night", "2025-02-04")]
#[case::this_morning("This morning he resigned.", "This morning", "2025-02-05")]
#[case::two_days_ago("He resigned two days ago.", "two days ago", "2025-02-03")]
#[case::digits_days_ago("He resigned 10 days ago.", "10 days ago", "2025-01-26")]
fn relative_day(#[case] text: &str, #[case] span: &str, #[case] value: &str) {
    assert_eq!(
        one(text, Some(PUB)),
        (span.to_owned(), Some(value.to_owned()), Day)
    );
}

#[rstest]
#[case::this_week("Talks resume this week.", "this week", "2025-02-03", Week)]
#[case::last_week("Talks stalled last week.", "last week", "2025-01-27", Week)]
#[case::next_week("Talks resume next week.", "next week", "2025-02-10", Week)]
#[case::earlier_this_week("He said earlier this week.", "earlier this week", "2025-02-03", Week)]
#[case::weeks_ago("He left three weeks ago.", "three weeks ago", "2025-01-13", Week)]
#[case::this_month("Prices rose this month.", "this month", "2025-02", Month)]
#[case::last_month("Prices rose last month.", "last month", "2025-01", Month)]
#[case::next_month("Prices rise next month.", "next month", "2025-03", Month)]
#[case::earlier_this_month("It began earlier this month.", "earlier this month", "2025-02", Month)]
#[case::months_ago("It began six months ago.", "six months ago", "2024-08", Month)]
#[case::this_year("Growth slowed this year.", "this year", "2025", Year)]
#[case::last_year("Growth slowed last year.", "last year", "2024", Year)]
#[case::last_year_possessive("Last year’s growth was slow.", "Last year", "2024", Year)]
#[case::next_year("Growth picks up next year.", "next year", "2026", Year)]
#[case::later_this_year("A vote comes later this year.", "later this year", "2025", Year)]
#[case::a_year_ago("He was elected a year ago.", "a year ago", "2024", Year)]
fn relative_period(
    #[case] text: &str,
    #[case] span: &str,
    #[case] value: &str,
    #[case] precision: Precision,
) {
    assert_eq!(
        one(text, Some(PUB)),
        (span.to_owned(), Some(value.to_owned()), precision)
    );
}

#[rstest]
#[case::december_in_january("2025-01-02", "It happened Dec. 30.", "2024-12-30")]
#[case::january_in_january("2025-01-02", "It happens Jan. 5.", "2025-01-05")]
#[case::january_in_december("2024-12-28", "It happens Jan. 3.", "2025-01-03")]
#[case::december_in_december("2024-12-28", "It happened Dec. 3.", "2024-12-03")]
#[case::leap_day("2025-01-15", "It happened Feb. 29.", "2024-02-29")]
fn month_day_takes_the_nearest_year(
    #[case] published: &str,
    #[case] text: &str,
    #[case] value: &str,
) {
    assert_eq!(one(text, Some(published)).1.as_deref(), Some(value));
}

#[rstest]
#[case::month_day("It happened Jan. 31.", "Jan. 31", None, Day)]
#[case::month_day_year("It happened Jan. 31, 2025.", "Jan. 31, 2025", Some("2025-01-31"), Day)]
#[case::iso("Filed 2024-12-24.", "2024-12-24", Some("2024-12-24"), Day)]
#[case::weekday("They met on Friday.", "on Friday", None, Day)]
#[case::today("They meet today.", "today", None, Day)]
#[case::last_week("They met last week.", "last week", None, Week)]
#[case::in_month("They met in January.", "in January", None, Month)]
#[case::month_year("They met in January 2024.", "in January 2024", Some("2024-01"), Month)]
#[case::in_year("They met in 2022.", "in 2022", Some("2022"), Year)]
#[case::last_year("They met last year.", "last year", None, Year)]
#[case::ago("They met two days ago.", "two days ago", None, Day)]
fn without_publication_date(
    #[case] text: &str,
    #[case] span: &str,
    #[case] value: Option<&str>,
    #[case] precision: Precision,
) {
    assert_eq!(
        one(text, None),
        (span.to_owned(), value.map(str::to_owned), precision)
    );
    // A publication date that cannot be read is no publication date.
    assert_eq!(one(text, Some("last Tuesday")).1.as_deref(), value);
}

#[rstest]
#[case::theresa_may("Theresa May said Britain would leave.")]
#[case::modal_may("Prices may be higher, he said.")]
#[case::modal_may_first("May I ask a question?")]
#[case::march_noun("Thousands joined a march on Washington.")]
#[case::march_event("The March on Washington drew crowds.")]
#[case::april_name("April Ryan asked the first question.")]
#[case::jan_name("Jan Smith said no.")]
#[case::sunday_times("The Sunday Times reported the story.")]
#[case::good_friday("The Good Friday Agreement ended the conflict.")]
#[case::snl("He hosted Saturday Night Live.")]
#[case::usa_today("USA Today reported it first.")]
#[case::every_friday("They meet every Friday.")]
#[case::one_sunday("One Sunday, she called him.")]
#[case::the_last_week("It was the last week of the campaign.")]
#[case::troops("He sent 2,000 troops.")]
#[case::troops_no_comma("The army sent in 2000 troops.")]
#[case::dollars("It cost $2022.")]
#[case::room("They met in Room 2022.")]
#[case::number("He got No. 2016 on the list.")]
#[case::implausible_year("The ship sank in 1850.")]
#[case::bare_year("He counted 2016 of them.")]
#[case::decade("It began in the 1990s.")]
#[case::invalid_day("It happened Feb. 30.")]
#[case::lower_case_month("They march on.")]
#[case::story_month("It cost Humphrey the race that November.")]
#[case::generic_tomorrow("Imagine a tomorrow where work is honored.")]
#[case::leaders_of_tomorrow("They are the leaders of tomorrow.")]
fn not_a_date(#[case] text: &str) {
    assert_eq!(dates(text, Some(PUB)), [], "{text:?}");
}

#[test]
fn a_headline_can_announce_the_future_with_to() {
    let text = "Trump to meet Putin Friday";
    let prepared = prepare(text, Some(Span::new(0, text.len())), &[]);
    let found = find_dates(text, &prepared, Some(PUB));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].value.as_deref(), Some("2025-02-07"));
}

#[rstest]
#[case::years("He served from 2019 to 2022.", &[("2019", "2019"), ("2022", "2022")])]
#[case::years_between("Jobs grew between 2001 and 2007.", &[("2001", "2001"), ("2007", "2007")])]
#[case::months("It ran from January to March.", &[("January", "2025-01"), ("March", "2025-03")])]
#[case::months_over_new_year(
    "It ran from November to January.",
    &[("November", "2024-11"), ("January", "2025-01")]
)]
fn both_ends_of_a_range_are_dates(#[case] text: &str, #[case] expected: &[(&str, &str)]) {
    let found: Vec<(String, String)> = dates(text, Some(PUB))
        .into_iter()
        .map(|(s, v, _)| (s, v.unwrap_or_default()))
        .collect();
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|&(s, v)| (s.to_owned(), v.to_owned()))
        .collect();
    assert_eq!(found, expected);
}

/// The committed AP story: one block per non-empty line.
fn seed() -> (String, Vec<DateMention>) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/articles/ap-trump-putin-2025-01-31.txt"
    );
    let text = std::fs::read_to_string(path).expect("the seed article is committed");
    let mut spans = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if !trimmed.trim().is_empty() {
            spans.push(Span::new(at, at + trimmed.len()));
        }
        at += line.len();
    }
    let prepared = prepare(&text, None, &spans);
    let found = find_dates(&text, &prepared, Some("2025-01-31T14:15:00"));
    (text, found)
}

#[test]
fn seed_on_friday_is_the_publication_day() {
    let (text, found) = seed();
    let on_friday: Vec<&DateMention> = found
        .iter()
        .filter(|m| m.span.slice(&text) == "on Friday")
        .collect();
    assert_eq!(on_friday.len(), 1, "{found:?}");
    assert_eq!(on_friday[0].value.as_deref(), Some("2025-01-31"));
    assert_eq!(on_friday[0].precision, Precision::Day);
}

#[test]
fn seed_every_date_of_the_story() {
    let (text, found) = seed();
    let got: Vec<(&str, &str, Precision)> = found
        .iter()
        .map(|m| {
            (
                m.span.slice(&text),
                m.value.as_deref().unwrap_or("-"),
                m.precision,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            // The scraped page's date line and timestamp.
            ("2025-01-31", "2025-01-31", Day),
            ("Jan 31, 2025", "2025-01-31", Day),
            // The photo caption.
            ("Friday, Jan. 31, 2025", "2025-01-31", Day),
            ("on Friday", "2025-01-31", Day),
            ("in 2022", "2022", Year),
            ("in 2020", "2020", Year),
            ("in 2022", "2022", Year),
            ("2024", "2024", Year),
            ("2016", "2016", Year),
            ("2016", "2016", Year),
        ]
    );
    // The years modify the nouns that follow them.
    for phrase in ["2024 campaign", "2016 campaign", "2016 election"] {
        let at = text.find(phrase).expect(phrase);
        assert!(found.iter().any(|m| m.span.start == at), "{phrase}");
    }
}

/// Speed over PolNeAR train (release build; the data sits beside the repository):
/// `CARGO_TARGET_DIR=/work/main/target-dates cargo test --release -p whosaid-nlp --test
/// dates -- --ignored --nocapture polnear_speed`
#[test]
#[ignore = "needs ../shared/data; prints a rate, asserts nothing about time"]
fn polnear_speed() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/polnear/train/text"
    );
    let mut docs = Vec::new();
    for entry in std::fs::read_dir(dir).expect("PolNeAR train texts") {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        // "breitbart_2015-11-11_…": the publication date is in the file name.
        let published = name.split('_').nth(1).unwrap_or_default().to_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let mut spans = Vec::new();
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            let trimmed = line.trim_end();
            if !trimmed.trim().is_empty() {
                spans.push(Span::new(at, at + trimmed.len()));
            }
            at += line.len();
        }
        let prepared = prepare(&text, None, &spans);
        docs.push((text, prepared, published));
    }
    let tokens: usize = docs
        .iter()
        .map(|(_, p, _)| p.blocks.iter().map(|b| b.len()).sum::<usize>())
        .sum();
    let rounds = 5;
    let mut mentions = 0;
    let (wall, cpu) = (std::time::Instant::now(), cpu_ns());
    for _ in 0..rounds {
        for (text, prepared, published) in &docs {
            mentions += std::hint::black_box(find_dates(text, prepared, Some(published))).len();
        }
    }
    let per_token = |ns: f64| ns / (tokens * rounds) as f64;
    let wall = per_token(wall.elapsed().as_nanos() as f64);
    println!(
        "{} documents, {tokens} tokens, {} mentions per round: {wall:.1} ns per token wall",
        docs.len(),
        mentions / rounds,
    );
    // On a shared machine the wall clock counts waiting for a core; the thread's own CPU
    // time does not.
    if let (Some(before), Some(after)) = (cpu, cpu_ns()) {
        println!(
            "{:.1} ns per token on the CPU",
            per_token((after - before) as f64)
        );
    }
}

/// Nanoseconds this thread has spent on a CPU (Linux; `None` elsewhere).
fn cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}
