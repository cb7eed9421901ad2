#!/usr/bin/env python3
"""Save-to-reload latency of `bantin serve` (issue 4's benchmark).

For each site: start `bantin serve --port 0`, listen to its event stream,
then edit one article 20 times (a paragraph changes each time, the way an
editor saves) and measure the time from the moment the file is written to
the moment the `reload` event arrives, then to the `search` event (the
search index, which serve updates right after publishing the pages). Then
10 edits of the same article's `summary:` line (front matter that changes
only what the article shows: still the fast path) and 10 of its `date:`
day (an edit that can move the article: the full incremental path). Last,
10 body edits 0.4 s apart without waiting for the search index, as an
editor who saves often does: serve builds the index on a thread of its own,
so these saves should not wait for it.
Prints the medians and the 95th percentile of the reload next to the time
of a full `bantin build` of the same site. Each edit waits for the previous
search update, as an editor who saves every few seconds would.

Usage: bench/serve-latency.py BANTIN_BINARY SITE_DIR [SITE_DIR...]
(bench/run-serve builds the binary, generates the 1,000 and 10,000-article
corpora and calls this.)
"""
import os
import re
import select
import socket
import statistics
import subprocess
import sys
import tempfile
import time

EDITS = 20
META_EDITS = 10


def start_server(binary, root):
    process = subprocess.Popen(
        [binary, "serve", "--root", root, "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, bufsize=1)
    deadline = time.time() + 300
    while time.time() < deadline:
        line = process.stdout.readline()
        match = re.search(r"Serving http://127\.0\.0\.1:(\d+)/", line)
        if match:
            return process, int(match.group(1))
    process.kill()
    raise RuntimeError("bantin serve did not start")


class Events:
    """A minimal Server-Sent Events reader over a raw socket."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        self.sock.sendall(b"GET /__bantin/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        self.buffer = b""
        self.wait("hello", 30)

    def wait(self, name, timeout):
        deadline = time.perf_counter() + timeout
        while True:
            while b"\n\n" in self.buffer:
                block, self.buffer = self.buffer.split(b"\n\n", 1)
                if f"event: {name}".encode() in block:
                    return time.perf_counter()
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"no {name} event")
            ready, _, _ = select.select([self.sock], [], [], left)
            if ready:
                self.buffer += self.sock.recv(65536)


def pick_article(root):
    for folder, _, files in sorted(os.walk(os.path.join(root, "content"))):
        for name in sorted(files):
            if name.endswith(".md") and "pages" not in folder:
                return os.path.join(folder, name)
    raise RuntimeError("no article found")


def full_build_seconds(binary, root):
    with tempfile.TemporaryDirectory(dir="/dev/shm" if os.path.isdir("/dev/shm") else None) as out:
        started = time.perf_counter()
        subprocess.run([binary, "build", "--root", root, "-o", os.path.join(out, "public")],
                       check=True, stdout=subprocess.DEVNULL)
        return time.perf_counter() - started


def body_edit(original, edit):
    return original.rstrip("\n") + f"\n\nĐoạn sửa lần thứ {edit + 1} để đo độ trễ.\n"


def summary_edit(original, edit):
    head, fence, body = original.partition("\n---\n")
    lines = [line for line in head.split("\n") if not line.startswith("summary:")]
    lines.append(f'summary: "Tóm tắt sửa lần thứ {edit + 1} để đo độ trễ."')
    return "\n".join(lines) + fence + body


def date_edit(original, edit):
    """Another day of the same month: the article may move among its neighbours."""
    return re.sub(r'^(date: "?\d{4}-\d\d-)(\d\d)',
                  lambda match: f"{match.group(1)}{(int(match.group(2)) + edit) % 28 + 1:02d}",
                  original, count=1, flags=re.M)


def edit_series(events, article, original, edits, change):
    latencies, searches = [], []
    for edit in range(edits):
        text = change(original, edit)
        time.sleep(0.3)
        written = time.perf_counter()
        with open(article, "w", encoding="utf-8") as handle:
            handle.write(text)
        reloaded = events.wait("reload", 60)
        latencies.append((reloaded - written) * 1000)
        searched = events.wait("search", 60)
        searches.append((searched - written) * 1000)
    return latencies, searches


def rapid_series(events, article, original, edits):
    latencies = []
    for edit in range(edits):
        text = body_edit(original, 100 + edit)
        time.sleep(0.4)
        written = time.perf_counter()
        with open(article, "w", encoding="utf-8") as handle:
            handle.write(text)
        latencies.append((events.wait("reload", 60) - written) * 1000)
    events.wait("search", 120)
    return latencies


def p95(values):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(0.95 * len(values))) - 1)]


def measure(binary, root):
    article = pick_article(root)
    with open(article, encoding="utf-8") as handle:
        original = handle.read()
    process, port = start_server(binary, root)
    try:
        events = Events(port)
        latencies, searches = edit_series(events, article, original, EDITS, body_edit)
        summary, _ = edit_series(events, article, original, META_EDITS, summary_edit)
        moved, _ = edit_series(events, article, original, META_EDITS, date_edit)
        rapid = rapid_series(events, article, original, META_EDITS)
    finally:
        with open(article, "w", encoding="utf-8") as handle:
            handle.write(original)
        process.kill()
        process.wait()
    return (statistics.median(latencies), p95(latencies), statistics.median(searches),
            statistics.median(summary), statistics.median(moved), statistics.median(rapid))


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        sys.exit(2)
    binary = sys.argv[1]
    print(f"{'site':<28} {'articles':>8} {'full build':>11} {'save→reload median':>19} {'p95':>9} "
          f"{'save→search median':>19} {'summary edit':>13} {'date edit':>10} {'saves 0.4 s apart':>18}")
    for root in sys.argv[2:]:
        articles = sum(1 for folder, _, files in os.walk(os.path.join(root, "content"))
                       for name in files if name.endswith(".md"))
        build = full_build_seconds(binary, root)
        median, high, search, summary, moved, rapid = measure(binary, root)
        print(f"{os.path.basename(os.path.abspath(root)):<28} {articles:>8} {build * 1000:>9.0f} ms "
              f"{median:>16.1f} ms {high:>6.1f} ms {search:>16.1f} ms {summary:>10.1f} ms {moved:>7.1f} ms"
              f" {rapid:>15.1f} ms")


if __name__ == "__main__":
    main()
