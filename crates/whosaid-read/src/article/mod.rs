//! Pieces of article reading that do not depend on the input's format.
//!
//! The scraped-text reader ([`crate::text`]) and the HTML reader both meet the same small
//! problems once they have a candidate string in hand: is this line a date, and which one
//! ([`dates`])? Is this a byline, and whose ([`byline`])? Does this paragraph open with a
//! dateline ([`dateline`])? Where does a caption end and its credit begin ([`credit`])? Is
//! this short line a widget, a section label or an outlet's name ([`lexicon`])?
//!
//! Every helper takes a `&str` and allocates only for what it returns. The word lists
//! they use are the files of `crates/whosaid-read/data/`, compiled into the binary.
//!
//! ```
//! use whosaid_read::article::{byline, credit, dateline, dates};
//!
//! assert_eq!(dates::parse_published("Jan 31, 2025, 2:15 PM").as_deref(), Some("2025-01-31T14:15:00"));
//! assert_eq!(byline::clean_byline("BY ASSOCIATED PRESS").as_deref(), Some("Associated Press"));
//! let d = dateline::detect_dateline("WASHINGTON (AP) — President Donald Trump said").unwrap();
//! assert_eq!(d.place, "WASHINGTON");
//! assert_eq!(
//!     credit::split_caption_credit("Trump in the Oval Office. (AP Photo/Evan Vucci)"),
//!     ("Trump in the Oval Office.", Some("AP Photo/Evan Vucci"))
//! );
//! ```

pub mod byline;
pub(crate) mod case;
pub mod credit;
pub mod dateline;
pub mod dates;
pub mod lexicon;
