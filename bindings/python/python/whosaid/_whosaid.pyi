"""Type stubs of the native module (bindings/python/src). Use the package `whosaid`."""

from os import PathLike
from typing import Any, Dict, Iterator, List, Optional, Union

import pyarrow

__version__: str

class WhosaidError(ValueError):
    """A document whosaid cannot read or analyse, or a call it cannot honour; the message
    is the sentence `whosaid extract` prints in the record's `error` field."""

Page = Union[str, bytes]

def extract(
    text: Optional[Page] = None,
    html: Optional[Page] = None,
    *,
    url: Optional[str] = None,
    published: Optional[str] = None,
    path: Optional[str] = None,
) -> Dict[str, Any]:
    """Analyse one page and return its record (the fields of FORMAT.md)."""

def extract_batch(
    batch: Any,
    *,
    text_column: str,
    html_column: str,
    url_column: str,
    date_column: str,
    title_column: str,
    error_column: str,
    threads: Optional[int],
    keep_empty: bool,
) -> pyarrow.RecordBatch: ...
def statement_schema_pyarrow() -> pyarrow.Schema: ...

StrPath = Union[str, PathLike[str]]

def read(paths: Union[StrPath, List[StrPath]]) -> Documents:
    """Read documents from files, directories, globs, WARC and JSONL files."""

class Documents(Iterator[Dict[str, Any]]):
    """The documents under some paths, read one at a time."""

    def __iter__(self) -> Documents: ...
    def __next__(self) -> Dict[str, Any]: ...
    @property
    def skipped(self) -> int:
        """Container records passed over so far (WARC requests, metadata)."""
    @property
    def skipped_files(self) -> int:
        """Directory entries passed over so far (hidden files, images…)."""
