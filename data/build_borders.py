#!/usr/bin/env python3
"""Write data/gazetteer/borders.tsv: each country's land neighbours, from world-countries.

Standard library only, plus `npm pack` for the registry package. Usage:

    python3 data/build_borders.py                      # runs `npm pack world-countries@5.1.0`
    python3 data/build_borders.py --world-countries world-countries-5.1.0.tgz

Why: geocoding rejects a place whose country nothing in the story supports when the story
names other countries ("a story about Afghanistan does not happen in Greece"). A country's
forces act across its borders far more often than anywhere else ("Israeli warplanes bombed
Gaza", "Turkish troops entered Idlib"), so the resolver lets a neighbour of a country the story
names vouch for a notable place. Source: world-countries (mledoze/countries), ODbL-1.0, the
same package and version as the country table (see data/SOURCES.md). Kosovo's `UNK` is written
as `XKX`, the code the gazetteer uses.
"""

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

VERSION = "5.1.0"
OUT = Path(__file__).resolve().parent / "gazetteer" / "borders.tsv"
RENAME = {"UNK": "XKX"}


def load(arg):
    def from_tgz(path):
        with tarfile.open(path) as t:
            member = t.extractfile("package/countries.json")
            meta = json.load(t.extractfile("package/package.json"))
            return json.load(member), meta["version"]

    if arg:
        return from_tgz(Path(arg))
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["npm", "pack", f"world-countries@{VERSION}", "--silent"],
            cwd=tmp,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        return from_tgz(Path(tmp) / f"world-countries-{VERSION}.tgz")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--world-countries", help="world-countries .tgz")
    args = ap.parse_args()
    countries, version = load(args.world_countries)
    if version != VERSION:
        sys.exit(f"world-countries: pinned {VERSION}, got {version}")
    rows = []
    for c in countries:
        code = RENAME.get(c["cca3"], c["cca3"])
        borders = sorted(RENAME.get(b, b) for b in c.get("borders") or [])
        if borders:
            rows.append((code, "|".join(borders)))
    rows.sort()
    with OUT.open("w", encoding="utf-8") as f:
        f.write(f"# land borders, world-countries {VERSION} (ODbL-1.0); written by build_borders.py\n")
        f.write("alpha3\tborders\n")
        for code, b in rows:
            f.write(f"{code}\t{b}\n")
    print(f"{OUT}: {len(rows)} countries")


if __name__ == "__main__":
    main()
