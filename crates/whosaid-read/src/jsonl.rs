//! JSONL dumps (`.jsonl`, `.jsonl.gz`): one article per line.
//!
//! STUB: the real implementation is being written (issue 2).
