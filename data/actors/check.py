#!/usr/bin/env python3
"""Validate the hand-curated actor and lexicon tables (standard library only).

Usage: python3 data/actors/check.py        (exit status 1 if anything is wrong)

Checks: header and column count of every row, no stray whitespace around fields,
Wikidata ids (^Q[0-9]+$), dates (YYYY or YYYY-MM-DD) and start <= end, no overlapping
terms for the same (country, role) among the exclusive roles, country codes known to
data/gazetteer/countries.tsv (alpha3) or a PLOVER pseudo-code or an igos.tsv id,
sectors and roles from closed lists, unique ids, and prints row counts.
"""
import csv
import datetime
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.dirname(HERE)
LEX = os.path.join(DATA, "lexicon")
COUNTRIES = os.path.join(DATA, "gazetteer", "countries.tsv")

QID = re.compile(r"^Q[0-9]+$")
PSEUDO = {"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"}
SECTORS = {"AGR", "BUS", "COP", "CRM", "CVL", "EDU", "ELI", "GOV", "IGO", "JRN", "JUD", "LAB", "LEG",
           "MED", "MIL", "NGO", "OPP", "PRE", "PRM", "PTY", "REB", "REF", "REL", "SOC", "SPY", "UAF", "UNK",
           # CAMEO: ETH ethnic (clan, tribal, communal militias), IMG international militarised group
           "ETH", "IMG"}
ROLES = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister",
         "interior_minister", "secretary_general", "spokesperson", "governor", "military_chief", "other"}
EXCLUSIVE = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister",
             "secretary_general"}
LANGS = {"fr", "en", "*"}
ACLED_INTER = {"", "1", "2", "3", "4", "5", "6", "7", "8"}

errors = []


def err(path, line, msg):
    errors.append(f"{os.path.relpath(path, DATA)}:{line}: {msg}")


def read(path, header):
    rows = []
    with open(path, encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines:
        err(path, 0, "empty file")
        return rows
    got = lines[0].split("\t")
    if got != header:
        err(path, 1, f"header {got} != {header}")
    for n, line in enumerate(lines[1:], start=2):
        if "\r" in line:
            err(path, n, "carriage return")
        cols = line.split("\t")
        if len(cols) != len(header):
            err(path, n, f"{len(cols)} columns, expected {len(header)}")
            continue
        for c in cols:
            if c != c.strip():
                err(path, n, f"stray whitespace in {c!r}")
            if "||" in c or c.startswith("|") or c.endswith("|"):
                err(path, n, f"empty list item in {c!r}")
        rows.append((n, dict(zip(header, cols))))
    return rows


def load_alpha3():
    codes = set()
    with open(COUNTRIES, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            codes.add(r["alpha3"])
    return codes


def check_qid(path, n, q):
    if q and not QID.match(q):
        err(path, n, f"bad Wikidata id {q!r}")


def parse_date(s, end):
    """Return (lowest, highest) possible day for 'YYYY' or 'YYYY-MM-DD'; None if empty."""
    if s == "":
        return None
    if re.fullmatch(r"[0-9]{4}", s):
        y = int(s)
        return datetime.date(y, 1, 1), datetime.date(y, 12, 31)
    d = datetime.date.fromisoformat(s) if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", s) else None
    if d is None:
        raise ValueError(s)
    return d, d


def main():
    alpha3 = load_alpha3()
    counts = {}

    # igos.tsv
    p = os.path.join(HERE, "igos.tsv")
    igos = read(p, ["id", "name_en", "name_fr", "country_code", "sector", "wikidata", "acronyms",
                    "aliases_en", "aliases_fr"])
    igo_ids = set()
    for n, r in igos:
        if r["id"] in igo_ids:
            err(p, n, f"duplicate id {r['id']}")
        igo_ids.add(r["id"])
        if r["country_code"] not in PSEUDO:
            err(p, n, f"country_code {r['country_code']!r} not a PLOVER pseudo-code")
        if r["sector"] not in SECTORS:
            err(p, n, f"sector {r['sector']!r}")
        if not r["name_en"] or not r["name_fr"]:
            err(p, n, "missing name")
        check_qid(p, n, r["wikidata"])
    counts["actors/igos.tsv"] = len(igos)
    known = alpha3 | PSEUDO | igo_ids

    # armed_groups.tsv
    p = os.path.join(HERE, "armed_groups.tsv")
    rows = read(p, ["id", "name", "country", "sector", "pseudo_country", "acled_inter", "wikidata", "aliases"])
    ids = set()
    for n, r in rows:
        if r["id"] in ids:
            err(p, n, f"duplicate id {r['id']}")
        ids.add(r["id"])
        if r["country"] and r["country"] not in alpha3:
            err(p, n, f"country {r['country']!r} not an ISO alpha-3 code")
        if not r["country"] and not r["pseudo_country"]:
            err(p, n, "neither country nor pseudo_country")
        if r["pseudo_country"] not in {"", "ISM", "IMG"}:
            err(p, n, f"pseudo_country {r['pseudo_country']!r}")
        if r["sector"] not in SECTORS:
            err(p, n, f"sector {r['sector']!r}")
        if r["acled_inter"] not in ACLED_INTER:
            err(p, n, f"acled_inter {r['acled_inter']!r}")
        check_qid(p, n, r["wikidata"])
    counts["actors/armed_groups.tsv"] = len(rows)

    # office_holders.tsv
    p = os.path.join(HERE, "office_holders.tsv")
    rows = read(p, ["wikidata", "name", "aliases", "country", "role", "role_label_en", "role_label_fr",
                    "start", "end", "sector"])
    terms = {}
    for n, r in rows:
        check_qid(p, n, r["wikidata"])
        if r["country"] not in known:
            err(p, n, f"country {r['country']!r} unknown")
        if r["role"] not in ROLES:
            err(p, n, f"role {r['role']!r}")
        if r["sector"] not in {"GOV", "MIL", "IGO"}:
            err(p, n, f"sector {r['sector']!r}")
        if not r["name"] or not r["role_label_en"] or not r["role_label_fr"]:
            err(p, n, "missing name or role label")
        try:
            s = parse_date(r["start"], False)
            e = parse_date(r["end"], True)
        except ValueError as ex:
            err(p, n, f"bad date {ex}")
            continue
        if s is None:
            err(p, n, "missing start")
            continue
        if e is not None and s[0] > e[1]:
            err(p, n, f"start {r['start']} after end {r['end']}")
        if r["role"] in EXCLUSIVE:
            terms.setdefault((r["country"], r["role"]), []).append((n, r["name"], s, e))
    for (c, role), lst in terms.items():
        for i in range(len(lst)):
            for j in range(i + 1, len(lst)):
                a, b = lst[i], lst[j]
                big = datetime.date(9999, 12, 31)
                a_end = a[3][0] if a[3] else big
                b_end = b[3][0] if b[3] else big
                # overlap only when certain: latest possible start < earliest possible end
                if a[2][1] < b_end and b[2][1] < a_end:
                    err(p, b[0], f"term overlaps line {a[0]} ({a[1]}) for ({c}, {role}): {b[1]}")
    counts["actors/office_holders.tsv"] = len(rows)

    # metonyms.tsv
    p = os.path.join(HERE, "metonyms.tsv")
    rows = read(p, ["surface", "lang", "country", "sector", "actor_name_en", "wikidata"])
    seen = set()
    for n, r in rows:
        key = (r["surface"], r["lang"])
        if key in seen:
            err(p, n, f"duplicate surface {key}")
        seen.add(key)
        if r["lang"] not in LANGS:
            err(p, n, f"lang {r['lang']!r}")
        if r["country"] not in known:
            err(p, n, f"country {r['country']!r} unknown")
        if r["sector"] not in SECTORS:
            err(p, n, f"sector {r['sector']!r}")
        check_qid(p, n, r["wikidata"])
    counts["actors/metonyms.tsv"] = len(rows)

    # organizations.tsv
    p = os.path.join(HERE, "organizations.tsv")
    rows = read(p, ["id", "name_en", "name_fr", "country", "sector", "wikidata", "aliases"])
    ids = set()
    for n, r in rows:
        if r["id"] in ids:
            err(p, n, f"duplicate id {r['id']}")
        ids.add(r["id"])
        if r["country"] not in known:
            err(p, n, f"country {r['country']!r} unknown")
        if r["sector"] not in SECTORS:
            err(p, n, f"sector {r['sector']!r}")
        check_qid(p, n, r["wikidata"])
    counts["actors/organizations.tsv"] = len(rows)

    # lexicons
    for lang in ("fr", "en"):
        p = os.path.join(LEX, lang, "sectors.tsv")
        rows = read(p, ["form", "lemma", "sector", "kind", "number"])
        seen = set()
        for n, r in rows:
            key = (r["form"], r["sector"], r["number"])
            if key in seen:
                err(p, n, f"duplicate {key}")
            seen.add(key)
            if r["sector"] not in SECTORS:
                err(p, n, f"sector {r['sector']!r}")
            if r["number"] not in {"sg", "pl"}:
                err(p, n, f"number {r['number']!r}")
            if not r["form"] or not r["lemma"] or not r["kind"]:
                err(p, n, "empty form, lemma or kind")
        counts[f"lexicon/{lang}/sectors.tsv"] = len(rows)

        p = os.path.join(LEX, lang, "roles.tsv")
        rows = read(p, ["phrase", "role", "sector", "org", "country"])
        seen = set()
        for n, r in rows:
            if r["phrase"] in seen:
                err(p, n, f"duplicate phrase {r['phrase']!r}")
            seen.add(r["phrase"])
            if r["role"] not in ROLES:
                err(p, n, f"role {r['role']!r}")
            if r["sector"] not in SECTORS:
                err(p, n, f"sector {r['sector']!r}")
            if r["org"] and r["org"] not in igo_ids:
                err(p, n, f"org {r['org']!r} not an igos.tsv id")
            if r["country"] and r["country"] not in alpha3:
                err(p, n, f"country {r['country']!r} not an ISO alpha-3 code")
        counts[f"lexicon/{lang}/roles.tsv"] = len(rows)

    for k, v in counts.items():
        print(f"{v:6d}  {k}")
    if errors:
        print(f"\n{len(errors)} error(s):", file=sys.stderr)
        for e in errors:
            print("  " + e, file=sys.stderr)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
