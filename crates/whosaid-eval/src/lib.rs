//! The parts of the evaluation crate other crates' tests use: the synthetic corpus
//! generator (`corpus`). Everything else is the `whosaid-eval` binary.

pub mod corpus;
