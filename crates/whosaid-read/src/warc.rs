//! WARC archives (`.warc`, `.warc.gz`), the shape of Common Crawl's news crawl.
//!
//! STUB: the real implementation is being written (issue 2).
