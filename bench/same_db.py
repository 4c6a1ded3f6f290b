#!/usr/bin/env python3
"""Whether two whosaid databases hold exactly the same rows: every table, in rowid (or
primary-key) order, the full-text index's own tables included, and the schema.

    python3 bench/same_db.py A.db B.db

Used to check that a faster writer stores what the previous one stored, byte for byte.
The `ingests` table is compared without its clock columns (started, finished), which
differ between any two runs. Prints the first differences and exits 1 when there are any.

FTS5's own b-tree (`*_fts_data`, `*_fts_idx`) depends on when FTS5 flushed its in-memory
rows to segments, not only on what was indexed. When those differ, the index content is
compared instead — every (term, row, column, position) through fts5vocab's `instance`
table — and the FTS5 integrity check is run on the second database: same content is
reported as a layout difference and does not fail the comparison.
"""
import sqlite3
import sys

CLOCK_COLUMNS = {"ingests": {"started", "finished"}}
FTS_LAYOUT_SUFFIXES = ("_data", "_idx")


def tables(conn):
    return [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        )
    ]


def rows(conn, table):
    columns = [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]
    keep = [c for c in columns if c not in CLOCK_COLUMNS.get(table, set())]
    select = ", ".join(f'"{c}"' for c in keep)
    without_rowid = conn.execute(
        "SELECT sql FROM sqlite_master WHERE name = ?", (table,)
    ).fetchone()[0]
    if without_rowid and "WITHOUT ROWID" in without_rowid.upper():
        order = "ORDER BY 1"
        pk = [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")') if row[5]]
        if pk:
            order = "ORDER BY " + ", ".join(f'"{c}"' for c in pk)
        query = f'SELECT {select} FROM "{table}" {order}'
    else:
        query = f'SELECT rowid, {select} FROM "{table}" ORDER BY rowid'
    return conn.execute(query)


def main():
    a, b = (sqlite3.connect(f"file:{p}?mode=ro", uri=True) for p in sys.argv[1:3])
    differences = 0
    schema_a = a.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    schema_b = b.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    if schema_a != schema_b:
        print("schemas differ")
        differences += 1
    fts_tables = [
        name
        for (name,) in a.execute(
            "SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%'"
        )
    ]
    layout = {f"{t}{suffix}": t for t in fts_tables for suffix in FTS_LAYOUT_SUFFIXES}
    layout_differs = set()
    for table in sorted(set(tables(a)) | set(tables(b))):
        if table not in tables(a) or table not in tables(b):
            print(f"{table}: only in one database")
            differences += 1
            continue
        count = 0
        shown = 0
        for count, (x, y) in enumerate(
            __import__("itertools").zip_longest(rows(a, table), rows(b, table)), 1
        ):
            if x != y and table in layout:
                layout_differs.add(layout[table])
                continue
            if x != y:
                differences += 1
                if shown < 5:
                    print(f"{table} row {count}:\n  {x!r:.300}\n  {y!r:.300}")
                    shown += 1
        print(f"{table}: {count} rows compared" + (f", {shown}+ differ" if shown else ""))
    for fts in sorted(layout_differs):
        vocab = []
        for i, conn in enumerate((a, b)):
            conn.execute(f"CREATE VIRTUAL TABLE temp.v{i} USING fts5vocab(main, {fts}, instance)")
            vocab.append(
                conn.execute(f"SELECT term, doc, col, offset FROM temp.v{i} ORDER BY 1, 2, 3, 4").fetchall()
            )
        if vocab[0] != vocab[1]:
            print(f"{fts}: index content differs")
            differences += 1
        else:
            print(
                f"{fts}: segments laid out differently, index content the same "
                f"({len(vocab[0])} term instances)"
            )
        b2 = sqlite3.connect(sys.argv[2])
        try:
            b2.execute(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')")
            print(f"{fts}: integrity-check passed on {sys.argv[2]}")
        except sqlite3.DatabaseError as e:
            print(f"{fts}: integrity-check FAILED on {sys.argv[2]}: {e}")
            differences += 1
        finally:
            b2.close()
    if differences:
        print(f"DIFFERENT ({differences} differences)")
        sys.exit(1)
    print("SAME")


if __name__ == "__main__":
    main()
