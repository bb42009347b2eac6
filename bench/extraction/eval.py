#!/usr/bin/env python3
"""Compare sitrep's HTML extractor with Python trafilatura on the article-extraction benchmark.

Gold: /work/shared/gold/article-extraction-benchmark/ (or $SITREP_EXTRACTION_GOLD):
html/<sha>.html.gz pages and ground-truth.json = {sha: {"articleBody", "url"}}.

For each extractor it reports token-level precision, recall and F1 (bag of lowercase word tokens,
clipped overlap), micro-averaged (sums over all pages) and macro-averaged (mean of per-page
figures), and pages per second of process CPU time: resource.getrusage(RUSAGE_CHILDREN) around the
Rust binary (whole process: start-up, reading files, extraction, JSON output) and
time.process_time() around trafilatura.extract calls.

Both get the same input: each page gunzipped and decoded as UTF-8 (invalid bytes replaced). The
pages are written decompressed to a temporary folder for the Rust binary, so that neither side
pays for gzip. The Rust text starts with the headline, which the gold body lacks; the table
shows both the full text and the text without its headline.

Usage (from the workspace root):
    cargo build --release -p sitrep-ingest --example extract_html
    python3 bench/extraction/eval.py [--gold DIR] [--bin PATH] [--no-trafilatura] [--worst N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

DEFAULT_GOLD = os.environ.get(
    "SITREP_EXTRACTION_GOLD", "/work/shared/gold/article-extraction-benchmark"
)
ROOT = Path(__file__).resolve().parents[2]
DEFAULT_BIN = ROOT / "target" / "release" / "examples" / "extract_html"
TOKEN = re.compile(r"\w+", re.UNICODE)


def tokens(text: str | None) -> Counter:
    return Counter(TOKEN.findall((text or "").lower()))


def prf(pred: Counter, gold: Counter) -> tuple[int, int, int]:
    """(overlap, predicted, gold) token counts."""
    overlap = sum((pred & gold).values())
    return overlap, sum(pred.values()), sum(gold.values())


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(preds: dict[str, str], gold: dict[str, Counter]) -> dict:
    tot = [0, 0, 0]
    per_page = {}
    for sha, g in gold.items():
        o, np_, ng = prf(tokens(preds.get(sha, "")), g)
        tot[0] += o
        tot[1] += np_
        tot[2] += ng
        p = o / np_ if np_ else (1.0 if ng == 0 else 0.0)
        r = o / ng if ng else 1.0
        per_page[sha] = (p, r, f1(p, r))
    micro_p = tot[0] / tot[1] if tot[1] else 0.0
    micro_r = tot[0] / tot[2] if tot[2] else 0.0
    n = max(len(per_page), 1)
    macro_p = sum(v[0] for v in per_page.values()) / n
    macro_r = sum(v[1] for v in per_page.values()) / n
    macro_f = sum(v[2] for v in per_page.values()) / n
    return {
        "micro": (micro_p, micro_r, f1(micro_p, micro_r)),
        "macro": (macro_p, macro_r, macro_f),
        "pages": per_page,
    }


def run_rust(binary: Path, files: dict[str, Path]) -> tuple[dict[str, str], dict[str, str], float]:
    """Returns (full text, text without headline, CPU seconds) from the Rust example binary."""
    order = list(files)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run(
        [str(binary), *[str(files[s]) for s in order]],
        capture_output=True,
        text=True,
        check=True,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    by_file = {str(files[s]): s for s in order}
    full, body = {}, {}
    for line in proc.stdout.splitlines():
        rec = json.loads(line)
        sha = by_file.get(rec["file"])
        if sha is None:
            continue
        text = rec.get("text") or ""
        title = rec.get("title")
        full[sha] = text
        if title and text.startswith(title):
            body[sha] = text[len(title):].lstrip("\n")
        else:
            body[sha] = text
    sys.stderr.write("rust: " + proc.stderr.strip() + "\n")
    return full, body, cpu


def run_trafilatura(pages: dict[str, str], **options) -> tuple[dict[str, str], float]:
    import trafilatura  # imported here so that --no-trafilatura works without it

    out = {}
    start = time.process_time()
    for sha, html in pages.items():
        out[sha] = trafilatura.extract(html, **options) or ""
    return out, time.process_time() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", default=DEFAULT_GOLD)
    ap.add_argument("--bin", default=str(DEFAULT_BIN))
    ap.add_argument("--no-trafilatura", action="store_true")
    ap.add_argument("--worst", type=int, default=0, help="list the N worst pages of the Rust extractor")
    args = ap.parse_args()

    gold_dir = Path(args.gold)
    truth_path = gold_dir / "ground-truth.json"
    if not truth_path.is_file() or not (gold_dir / "html").is_dir():
        print(f"skipped: gold folder {gold_dir} is absent (needs ground-truth.json and html/)")
        return 0
    binary = Path(args.bin)
    if not binary.is_file():
        print(
            f"error: {binary} not found; build it with "
            "`cargo build --release -p sitrep-ingest --example extract_html`",
            file=sys.stderr,
        )
        return 2

    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    pages: dict[str, str] = {}
    for sha in sorted(truth):
        path = gold_dir / "html" / f"{sha}.html.gz"
        if path.is_file():
            pages[sha] = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
    gold = {sha: tokens(truth[sha].get("articleBody")) for sha in pages}
    print(f"{len(pages)} pages with gold text")

    rows = []
    with tempfile.TemporaryDirectory(prefix="sitrep-extraction-") as tmp:
        files = {}
        for sha, html in pages.items():
            p = Path(tmp) / f"{sha}.html"
            p.write_text(html, encoding="utf-8")
            files[sha] = p
        full, body, cpu = run_rust(binary, files)
    rows.append(("sitrep (text)", score(full, gold), cpu))
    rows.append(("sitrep (text w/o headline)", score(body, gold), cpu))

    if not args.no_trafilatura:
        try:
            t_out, t_cpu = run_trafilatura(pages)
            rows.append(("trafilatura (defaults)", score(t_out, gold), t_cpu))
            t_out2, t_cpu2 = run_trafilatura(pages, include_comments=False)
            rows.append(("trafilatura (no comments)", score(t_out2, gold), t_cpu2))
        except ImportError:
            print("trafilatura is not installed (pip install trafilatura lxml_html_clean); skipped")

    n = len(pages)
    head = f"{'extractor':<28} {'micro P':>8} {'micro R':>8} {'micro F1':>9} {'macro P':>8} {'macro R':>8} {'macro F1':>9} {'pages/CPU-s':>12}"
    print(head)
    print("-" * len(head))
    for name, s, cpu in rows:
        mp, mr, mf = s["micro"]
        ap_, ar, af = s["macro"]
        speed = n / cpu if cpu > 0 else float("inf")
        print(f"{name:<28} {mp:8.3f} {mr:8.3f} {mf:9.3f} {ap_:8.3f} {ar:8.3f} {af:9.3f} {speed:12.0f}")

    if args.worst:
        print(f"\nworst {args.worst} pages (sitrep, text w/o headline):")
        per = rows[1][1]["pages"]
        for sha, (p, r, f) in sorted(per.items(), key=lambda kv: kv[1][2])[: args.worst]:
            print(f"  F1 {f:.3f} P {p:.3f} R {r:.3f}  {sha[:12]}  {truth[sha].get('url', '')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
