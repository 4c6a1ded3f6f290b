//! `read`: paths to documents, through `whosaid_read::Inputs` (files, directories, globs,
//! WARC and JSONL containers, gzip), one document at a time.
//!
//! Each item is a dict with the same keys whatever happened, so a list of them becomes a
//! table at once (`pyarrow.Table.from_pylist`) and goes to `extract_batch`: `text` holds
//! a plain-text document as it arrived and `html` an HTML one (decoded to `str`), so that
//! the analysis of a read document equals `whosaid extract` on the same file. A file or
//! record that cannot be read is an item whose `error` says why; the iteration goes on.

use std::sync::{Mutex, PoisonError};

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use whosaid_core::{Document, Offsets, catch_document_panic};
use whosaid_read::{Failure, Format, Inputs, RawInput, ReadError, ReadOptions};

use crate::WhosaidError;

/// Paths (a `str`, an `os.PathLike`, or a list of them) as `Inputs` takes them.
fn paths_of(paths: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    let one = |p: &Bound<'_, PyAny>| -> PyResult<String> {
        let os = PyModule::import(p.py(), "os")?;
        os.call_method1("fspath", (p,))?.extract::<String>()
    };
    if paths.is_instance_of::<pyo3::types::PyString>() || paths.hasattr("__fspath__")? {
        return Ok(vec![one(paths)?]);
    }
    let mut all = Vec::new();
    for item in paths.try_iter().map_err(|_| {
        WhosaidError::new_err("paths is a path (str or os.PathLike) or a list of paths")
    })? {
        all.push(one(&item?)?);
    }
    if all.is_empty() {
        return Err(WhosaidError::new_err("no path given"));
    }
    Ok(all)
}

/// Read documents from files, directories, glob patterns, WARC and JSONL files (gzipped
/// or not), as `whosaid extract` reads its arguments; `-` is standard input.
///
/// Returns an iterator of dicts, one per document, in input order:
/// `path` (`file#N` inside a container), `id` (content id), `url`, `published`, `title`
/// (the headline), `text` (a plain-text document as it arrived) or `html` (an HTML page),
/// `body` (the clean article), `offsets`, `section`, `byline`, `dateline`, `site_name`,
/// `language`, `warnings` and `error` (`None`, or why the document could not be read;
/// the other fields but `path` are then `None`). WARC records that hold no page
/// (requests, metadata) are passed over and counted in `skipped`.
#[pyfunction]
pub(crate) fn read(paths: &Bound<'_, PyAny>) -> PyResult<Documents> {
    let paths = paths_of(paths)?;
    let options = ReadOptions::default();
    Ok(Documents {
        inputs: Mutex::new(Inputs::new(paths, options.clone())),
        options,
    })
}

/// The documents under some paths, read one at a time (see `whosaid.read`).
#[pyclass(module = "whosaid")]
pub(crate) struct Documents {
    // Python objects may be shared between threads; the stream is read by one at a time.
    inputs: Mutex<Inputs>,
    options: ReadOptions,
}

impl std::fmt::Debug for Documents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Documents").finish_non_exhaustive()
    }
}

/// One document read, with the decoded page it came from.
enum Item {
    Read {
        doc: Box<Document>,
        format: Format,
        page: String,
    },
    Failed {
        path: String,
        error: String,
    },
}

/// Decode, then read, keeping the decoded page: `whosaid_read::read_document` in its two
/// halves.
fn read_one(raw: RawInput, options: &ReadOptions) -> Result<(Document, Format, String), ReadError> {
    let decoded = whosaid_read::decode_input(raw, options)?;
    let (format, page) = (decoded.format, decoded.text.clone());
    Ok((whosaid_read::read_decoded(decoded)?, format, page))
}

fn item_of(next: Result<RawInput, Failure>, options: &ReadOptions) -> Item {
    let raw = match next {
        Ok(raw) => raw,
        Err(failure) => {
            return Item::Failed {
                path: failure.path,
                error: failure.error.to_string(),
            };
        }
    };
    let path = raw.path.clone();
    match catch_document_panic(|| read_one(raw, options)) {
        Ok(Ok((doc, format, page))) => Item::Read {
            doc: Box::new(doc),
            format,
            page,
        },
        Ok(Err(error)) => Item::Failed {
            path,
            error: error.to_string(),
        },
        Err(error) => Item::Failed { path, error },
    }
}

const KEYS: [&str; 16] = [
    "path",
    "id",
    "url",
    "published",
    "title",
    "text",
    "html",
    "body",
    "offsets",
    "section",
    "byline",
    "dateline",
    "site_name",
    "language",
    "warnings",
    "error",
];

fn to_dict<'py>(py: Python<'py>, item: Item) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    for key in KEYS {
        dict.set_item(key, py.None())?;
    }
    match item {
        Item::Failed { path, error } => {
            dict.set_item("path", path)?;
            dict.set_item("warnings", PyList::empty(py))?;
            dict.set_item("error", error)?;
        }
        Item::Read { doc, format, page } => {
            let meta = &doc.meta;
            dict.set_item("path", &doc.path)?;
            dict.set_item("id", doc.content_id())?;
            dict.set_item("url", &meta.url)?;
            dict.set_item("published", &meta.published)?;
            dict.set_item("title", &meta.headline)?;
            match format {
                Format::Text => dict.set_item("text", page)?,
                Format::Html => dict.set_item("html", page)?,
            }
            dict.set_item("body", doc.body())?;
            dict.set_item(
                "offsets",
                match doc.offsets {
                    Offsets::Input => "input",
                    Offsets::Body => "body",
                },
            )?;
            dict.set_item("section", &meta.section)?;
            dict.set_item("byline", &meta.byline)?;
            dict.set_item("dateline", &meta.dateline)?;
            dict.set_item("site_name", &meta.site_name)?;
            dict.set_item("language", &meta.language)?;
            dict.set_item("warnings", &doc.warnings)?;
        }
    }
    Ok(dict)
}

#[pymethods]
impl Documents {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        let options = &self.options;
        // Reading files and cleaning pages needs no Python: other threads run meanwhile.
        let item = py.detach(|| {
            let mut inputs = self.inputs.lock().unwrap_or_else(PoisonError::into_inner);
            inputs.next().map(|next| item_of(next, options))
        });
        item.map(|item| to_dict(py, item)).transpose()
    }

    /// Container records passed over so far because they hold no page (WARC requests,
    /// metadata, responses that are not HTML).
    #[getter]
    fn skipped(&self) -> u64 {
        self.stats().skipped()
    }

    /// Directory entries passed over so far (hidden files, images, stylesheets…).
    #[getter]
    fn skipped_files(&self) -> u64 {
        self.stats().skipped_files()
    }
}

impl Documents {
    fn stats(&self) -> std::sync::Arc<whosaid_read::SourceStats> {
        self.inputs
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .stats()
    }
}
