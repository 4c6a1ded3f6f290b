"""whosaid.extract: one page, the record `whosaid extract` prints."""

from __future__ import annotations

import pytest

import whosaid
from conftest import ARTICLES, ROOT, SEED, cli_records

SEED_PATH = str(SEED.relative_to(ROOT))


def test_seed_record_is_the_cli_record():
    (cli,) = cli_records(SEED_PATH)
    record = whosaid.extract(text=SEED.read_text(encoding="utf-8"), path=SEED_PATH)
    assert cli["error"] is None and len(cli["quotes"]) > 10
    assert record == cli


def test_without_a_path_only_the_path_differs():
    (cli,) = cli_records(SEED_PATH)
    record = whosaid.extract(text=SEED.read_text(encoding="utf-8"))
    assert record["path"] == "<text>"
    assert {**record, "path": cli["path"]} == cli


def test_bytes_are_decoded_as_the_cli_decodes_a_file():
    (cli,) = cli_records(SEED_PATH)
    assert whosaid.extract(text=SEED.read_bytes(), path=SEED_PATH) == cli


def test_html_page_record_is_the_cli_record():
    page = ARTICLES / "written-council-vote.html"
    (cli,) = cli_records(str(page.relative_to(ROOT)))
    record = whosaid.extract(html=page.read_text(encoding="utf-8"), path=cli["path"])
    assert record["offsets"] == "body" and record["quotes"]
    assert record == cli


def test_spans_are_utf8_byte_offsets_into_the_text():
    text = SEED.read_text(encoding="utf-8")
    data = text.encode("utf-8")
    record = whosaid.extract(text=text)
    assert record["offsets"] == "input"
    for quote in record["quotes"]:
        for name in ("content", "cue", "source"):
            span = quote[name]
            if span:
                assert data[span["start"] : span["end"]].decode("utf-8") == span["text"]


def test_url_and_published_fill_what_the_page_does_not_say():
    text = "Harbour talks to resume\n\n“We will be back at the table on Friday,” union leader Marta Silva said on Tuesday.\n"
    record = whosaid.extract(text=text, url="https://news.example.com/talks", published="2025-06-03")
    assert record["article"]["url"] == "https://news.example.com/talks"
    assert record["article"]["published"].startswith("2025-06-03")
    (quote,) = record["quotes"]
    assert quote["speaker"]["name"] == "Marta Silva"
    # "on Friday" is made absolute from the publication date: the Friday after Tuesday 3 June.
    assert any(d["date"] == "2025-06-06" for d in record["dates"])


@pytest.mark.parametrize(
    "name, content",
    [
        ("empty.txt", b""),
        ("image.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256))),
        ("nul.txt", b"Mayor said\x00\x00\x00\x00 things" * 50),
    ],
)
def test_unreadable_pages_raise_the_cli_sentence(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    (cli,) = cli_records(str(path))
    assert cli["error"]
    with pytest.raises(whosaid.WhosaidError) as raised:
        whosaid.extract(text=content, path=str(path))
    assert str(raised.value) == cli["error"]
    assert isinstance(raised.value, ValueError)


def test_a_blank_text_is_an_error_named_by_its_path():
    with pytest.raises(whosaid.WhosaidError, match=r"^<text> holds no text, only blank space"):
        whosaid.extract(text="   \n\n")
    with pytest.raises(whosaid.WhosaidError, match=r"^story\.txt holds no text"):
        whosaid.extract(text="   \n\n", path="story.txt")


def test_a_page_without_an_article_is_an_error():
    page = "<html><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav></body></html>"
    with pytest.raises(whosaid.WhosaidError, match="holds no article text"):
        whosaid.extract(html=page)


@pytest.mark.parametrize(
    "kwargs", [{}, {"text": "a", "html": "<p>a</p>"}, {"url": "https://example.com"}]
)
def test_exactly_one_of_text_and_html(kwargs):
    with pytest.raises(whosaid.WhosaidError, match="exactly one of text= and html="):
        whosaid.extract(**kwargs)


def test_a_page_of_the_wrong_type_is_refused():
    with pytest.raises(whosaid.WhosaidError, match="str or bytes, not int"):
        whosaid.extract(text=42)
