#!/usr/bin/env python3
"""Write a Common-Crawl-shaped .warc.gz from a folder of HTML pages (for benchmarks).

    python3 bench/make_warc.py OUT.warc.gz PAGE.html[.gz]... [--repeat N]

Each page becomes a request + response pair (one gzip member per record, as Common Crawl
writes them), after a warcinfo record; every fifth response is followed by a metadata
record, so a reader has records to skip, as in the real crawl. Standard library only.
"""
import gzip, io, sys, uuid, datetime, os

def record(kind, uri, payload, extra=""):
    now = datetime.datetime(2025, 1, 31, 14, 15, 0).strftime("%Y-%m-%dT%H:%M:%SZ")
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Date: {now}\r\n"
            f"WARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
            + (f"WARC-Target-URI: {uri}\r\n" if uri else "") + extra
            + f"Content-Length: {len(payload)}\r\n\r\n").encode()
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=6) as g:
        g.write(head + payload + b"\r\n\r\n")
    return buf.getvalue()

def main():
    args = sys.argv[1:]
    repeat = 1
    if "--repeat" in args:
        i = args.index("--repeat"); repeat = int(args[i + 1]); del args[i:i + 2]
    out, pages = args[0], args[1:]
    with open(out, "wb") as f:
        f.write(record("warcinfo", None, b"software: whosaid bench/make_warc.py\r\n", "Content-Type: application/warc-fields\r\n"))
        n = 0
        for _ in range(repeat):
            for p in pages:
                body = open(p, "rb").read()
                if p.endswith(".gz"):
                    body = gzip.decompress(body)
                uri = f"https://example.org/{os.path.basename(p)}?n={n}"
                req = f"GET /{os.path.basename(p)} HTTP/1.1\r\nHost: example.org\r\n\r\n".encode()
                f.write(record("request", uri, req, "Content-Type: application/http; msgtype=request\r\n"))
                http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                        + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
                f.write(record("response", uri, http, "Content-Type: application/http; msgtype=response\r\n"))
                if n % 5 == 0:
                    f.write(record("metadata", uri, b"fetchTimeMs: 120\r\n", "Content-Type: application/warc-fields\r\n"))
                n += 1
    print(f"{out}: {n} responses", file=sys.stderr)

if __name__ == "__main__":
    main()
