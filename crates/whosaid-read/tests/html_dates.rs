//! Dates as pages write them, to ISO 8601 keeping time and zone.

use rstest::rstest;
use whosaid_read::article::dates::{parse_machine_date, parse_written_date};

#[rstest]
#[case::utc_z("2025-01-31T14:15:00Z", Some("2025-01-31T14:15:00+00:00"))]
#[case::offset_colon("2025-01-31T14:15:00+01:00", Some("2025-01-31T14:15:00+01:00"))]
#[case::offset_compact_fraction("2025-01-31T14:15:00.000-0500", Some("2025-01-31T14:15:00-05:00"))]
#[case::no_zone("2025-01-31T14:15:00", Some("2025-01-31T14:15:00"))]
#[case::space_no_seconds("2025-01-31 14:15", Some("2025-01-31T14:15:00"))]
#[case::bare_date("2025-01-31", Some("2025-01-31"))]
#[case::rfc2822("Fri, 31 Jan 2025 14:15:00 GMT", Some("2025-01-31T14:15:00+00:00"))]
#[case::unix("1738332900", Some("2025-01-31T14:15:00+00:00"))]
#[case::unix_millis("1738332900000", Some("2025-01-31T14:15:00+00:00"))]
#[case::compact("20250131", Some("2025-01-31"))]
#[case::compact_time("20250131T141500", Some("2025-01-31T14:15:00"))]
#[case::offset_hours_only("2025-01-31T14:15:00+01", Some("2025-01-31T14:15:00+01:00"))]
#[case::written_with_zone("Jan 31, 2025 2:15 PM EST", Some("2025-01-31T14:15:00-05:00"))]
#[case::words("January 31, 2025", Some("2025-01-31"))]
#[case::slashes("2025/01/31", Some("2025-01-31"))]
#[case::impossible_day("2025-02-30", None)]
#[case::not_a_date("tomorrow", None)]
#[case::too_old("1970-01-01", None)]
fn machine_dates(#[case] raw: &str, #[case] expected: Option<&str>) {
    assert_eq!(parse_machine_date(raw).as_deref(), expected, "{raw:?}");
}

#[rstest]
#[case("Published Jan. 5, 2024", Some("2024-01-05"))]
#[case("5 March 2024, 14:30", Some("2024-03-05T14:30:00"))]
#[case("March 5, 2024 at 2:30 pm", Some("2024-03-05T14:30:00"))]
#[case("31/01/2025", Some("2025-01-31"))]
#[case::ambiguous_day_month("03/10/2023", None)]
#[case("no date here", None)]
fn written_dates(#[case] raw: &str, #[case] expected: Option<&str>) {
    assert_eq!(parse_written_date(raw).as_deref(), expected, "{raw:?}");
}
