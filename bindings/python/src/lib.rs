//! Python bindings of whosaid: a thin layer over the engine's crates.
//!
//! - [`extract`]: one page in, the FORMAT.md record out (a dict), the same record
//!   `whosaid extract` prints for the same input;
//! - [`batch::extract_batch`]: an Arrow batch of pages in, an Arrow batch of statements
//!   out, analysed on all cores with the GIL released;
//! - [`documents::read`]: files, directories, WARC and JSONL containers to documents,
//!   through `whosaid_read::Inputs`, one at a time.
//!
//! Nothing here reads or analyses text: conversions of types and errors only. A document
//! that cannot be read becomes a [`WhosaidError`] with the engine's sentence (in
//! `extract`), an error row (in `extract_batch`) or an error item (in `read`).

mod batch;
mod documents;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};
use whosaid_core::{Record, catch_document_panic};
use whosaid_read::{Format, Payload, RawInput, ReadOptions, read_document};

pyo3::create_exception!(
    whosaid,
    WhosaidError,
    PyValueError,
    "A document whosaid cannot read or analyse, or a call it cannot honour; the message is the \
     sentence `whosaid extract` prints in the record's `error` field."
);

/// A page as Python hands it over: `str` is text already decoded (like a JSONL field),
/// `bytes` is a file's content, decoded the way `whosaid extract` decodes files (BOM,
/// charset declarations, invalid UTF-8, binary files refused).
pub(crate) fn payload_of(value: &Bound<'_, PyAny>, name: &str) -> PyResult<Payload> {
    if let Ok(bytes) = value.cast::<PyBytes>() {
        return Ok(Payload::Bytes(bytes.as_bytes().to_vec()));
    }
    if let Ok(text) = value.extract::<String>() {
        return Ok(Payload::Text(text));
    }
    Err(WhosaidError::new_err(format!(
        "{name} is a str or bytes, not {}",
        value.get_type().name()?
    )))
}

/// Read and analyse one raw input into its record, as `whosaid extract` does for each
/// document (crates/whosaid-cli/src/pipeline.rs): a reading error becomes an error
/// record, and so does a panic, so one bad page never ends a batch.
pub(crate) fn record_of(raw: RawInput, options: &ReadOptions) -> Record {
    let path = raw.path.clone();
    catch_document_panic(|| match read_document(raw, options) {
        Ok(doc) => whosaid_nlp::record_of(&doc),
        Err(error) => Record::failed(path.as_str(), error),
    })
    .unwrap_or_else(|error| Record::failed(path, error))
}

/// A JSON value as plain Python objects (dict, list, str, int, float, bool, None): the
/// record goes through serde exactly as the CLI prints it, so `extract` and the CLI
/// cannot drift apart field by field.
pub(crate) fn to_python<'py>(
    py: Python<'py>,
    value: &serde_json::Value,
) -> PyResult<Bound<'py, PyAny>> {
    use serde_json::Value;
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_u64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => s.into_pyobject(py)?.into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_python(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (key, item) in map {
                dict.set_item(key, to_python(py, item)?)?;
            }
            dict.into_any()
        }
    })
}

/// Analyse one page and return its record (a dict with the fields of FORMAT.md).
///
/// Give exactly one of `text` (scraped plain text: debris around the article is cleaned
/// away; spans point into `text`, `offsets == "input"`) and `html` (a page: spans point
/// into `article["body"]`, `offsets == "body"`). Either may be `bytes`, decoded as
/// `whosaid extract` decodes a file. `url` and `published` (ISO 8601) stand in where the
/// page gives none; `published` makes relative dates ("on Friday") absolute. `path` names
/// the document in the record and in error messages (default `<text>` or `<html>`).
///
/// Raises `WhosaidError` with the engine's sentence when the page cannot be read (empty,
/// binary, no article text).
#[pyfunction]
#[pyo3(signature = (text=None, html=None, *, url=None, published=None, path=None))]
fn extract<'py>(
    py: Python<'py>,
    text: Option<&Bound<'py, PyAny>>,
    html: Option<&Bound<'py, PyAny>>,
    url: Option<String>,
    published: Option<String>,
    path: Option<String>,
) -> PyResult<Bound<'py, PyAny>> {
    let (format, payload) = match (text, html) {
        (Some(text), None) => (Format::Text, payload_of(text, "text")?),
        (None, Some(html)) => (Format::Html, payload_of(html, "html")?),
        _ => {
            return Err(WhosaidError::new_err(
                "give exactly one of text= and html= (the page as scraped text, or its HTML)",
            ));
        }
    };
    let path = path.unwrap_or_else(|| match format {
        Format::Text => "<text>".to_owned(),
        Format::Html => "<html>".to_owned(),
    });
    let mut raw = RawInput::new(path, format, payload);
    raw.hints.url = url;
    raw.hints.published = published;
    let record = py.detach(|| record_of(raw, &ReadOptions::default()));
    if let Some(error) = &record.error {
        return Err(WhosaidError::new_err(error.clone()));
    }
    let json = serde_json::to_value(&record)
        .map_err(|e| WhosaidError::new_err(format!("the record cannot be converted: {e}")))?;
    to_python(py, &json)
}

#[pymodule]
fn _whosaid(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("WhosaidError", m.py().get_type::<WhosaidError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(batch::extract_batch, m)?)?;
    m.add_function(wrap_pyfunction!(batch::statement_schema_pyarrow, m)?)?;
    m.add_function(wrap_pyfunction!(documents::read, m)?)?;
    m.add_class::<documents::Documents>()?;
    Ok(())
}
