//! Byline clean-up: what pages write around names, and what a reader of the record sees.

use rstest::rstest;
use whosaid_read::article::byline::{clean_declared_byline, is_site_name, join_names};

#[rstest]
#[case::by_prefix("By Jane Doe", Some("Jane Doe"))]
#[case::by_caps("BY JANE DOE", Some("JANE DOE"))]
#[case::written_by("Written by Jane Doe", Some("Jane Doe"))]
#[case::posted_by_colon("Posted by: Jane Doe", Some("Jane Doe"))]
#[case::author_label("Author: Jane Doe", Some("Jane Doe"))]
#[case::email("Jane Doe jane.doe@example.com", Some("Jane Doe"))]
#[case::email_in_parens("Jane Doe (jane.doe@example.com)", Some("Jane Doe"))]
#[case::date_after_pipe("By Jane Doe | Updated Jan. 5, 2024", Some("Jane Doe"))]
#[case::date_after_name("Jane Doe December 3, 2025", Some("Jane Doe"))]
#[case::bullet("Jane Doe • March 3", Some("Jane Doe"))]
#[case::avatar_initials("JD Jane Doe", Some("Jane Doe"))]
#[case::handle("Jane Doe @janedoe", Some("Jane Doe"))]
#[case::two_authors("By Jane Doe and John Roe", Some("Jane Doe and John Roe"))]
#[case::staff("Staff", None)]
#[case::staff_writer("Staff Writer", None)]
#[case::admin("admin", None)]
#[case::only_email("desk@example.com", None)]
#[case::only_date("Updated March 3, 2025", None)]
#[case::agency("Associated Press", Some("Associated Press"))]
#[case::name_april("April Ryan", Some("April Ryan"))]
#[case::name_august("By August Wilson", Some("August Wilson"))]
#[case::sentence(
    "This article was written by our team of experienced writers who love gardening and spend every weekend outside.",
    None
)]
fn cleans_bylines(#[case] raw: &str, #[case] expected: Option<&str>) {
    assert_eq!(
        clean_declared_byline(raw).as_deref(),
        expected,
        "byline {raw:?}"
    );
}

#[rstest]
#[case(&[], None)]
#[case(&["A"], Some("A"))]
#[case(&["A", "B"], Some("A and B"))]
#[case(&["A", "B", "C"], Some("A, B and C"))]
fn joins_several_authors(#[case] names: &[&str], #[case] expected: Option<&str>) {
    let names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    assert_eq!(join_names(&names).as_deref(), expected);
}

#[rstest]
#[case("The Guardian", &["Guardian"], true)]
#[case("Guardian", &["The Guardian"], true)]
#[case("CNN", &["cnn"], true)]
#[case("Daily Planet Staff", &["Daily Planet"], true)]
#[case("Jane Doe", &["Daily Planet"], false)]
fn recognises_the_site_posing_as_author(
    #[case] name: &str,
    #[case] sites: &[&str],
    #[case] expected: bool,
) {
    let sites: Vec<String> = sites.iter().map(|s| s.to_string()).collect();
    assert_eq!(is_site_name(name, &sites), expected);
}
