#!/usr/bin/env python3
"""Validate the event-coding lexicons: data/lexicon/<lang>/triggers.tsv and cues.tsv.

Standard library only. Usage:

    python3 data/lexicon/check_triggers.py [LEXICON_DIR]

LEXICON_DIR defaults to the directory of this script. Every sub-directory holding a
triggers.tsv or cues.tsv is checked. Errors make the exit status 1; the summary (rows per
event type, frame, count and cue kind) is printed either way. See TRIGGERS.md for the format.
"""

import os
import re
import sys
import unicodedata
from collections import Counter

TRIGGER_HEADER = ["pattern", "event_type", "mode", "frame", "count"]
CUE_HEADER = ["cue", "kind"]

# PLOVER event types and the modes each one allows (PLOVER manual / ontologies.md).
MODES = {
    "AGREE": set(),
    "CONSULT": {"visit", "third-party", "multilateral", "phone"},
    "SUPPORT": set(),
    "CONCEDE": set(),
    "COOPERATE": set(),
    "AID": set(),
    "RETREAT": {"withdraw", "release", "disarm", "ceasefire", "access", "resign"},
    "REQUEST": {"assist", "change", "yield", "meet"},
    "ACCUSE": {"disapprove", "investigate", "allege"},
    "REJECT": {"assist", "change", "yield", "meet"},
    "THREATEN": {"restrict", "arrest", "relations", "expel", "territory", "violence"},
    "PROTEST": {"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"},
    "SANCTION": {"convict", "expel", "withdraw", "discontinue"},
    "MOBILIZE": {"troops", "weapons", "police", "militia"},
    "COERCE": {
        "seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport",
        "withhold", "misinformation", "cyber",
    },
    "ASSAULT": {
        "abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive",
        "firearms", "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons",
        "crowd-control", "unconventional",
    },
}
FRAMES = ["svo", "passive", "noun", "with", "joint", "request", "obligation", "victim", "armed"]
# Which event types a count may hang on.
COUNTS = {
    "killed": {"ASSAULT"},
    "injured": {"ASSAULT"},
    "abducted": {"ASSAULT"},
    "arrested": {"COERCE"},
    "displaced": {"ASSAULT", "COERCE"},
}
CUE_KINDS = [
    "negation", "hypothetical", "future", "reported", "speech", "victim_noun",
    "figure_displaced", "figure_refugees", "figure_population", "figure_killed_total",
    "clause_break", "agent", "with", "against", "pronoun_we", "ally",
    "deliberation", "since_then", "subset", "additive", "coordinator", "condition", "passive_aux", "preposition", "support_verb",
]
# Grammar cues a language may not need: English has no agent genitive ("de" in French), French
# no patient genitive; both have collectives and definite articles, but a pack may leave them out.
OPTIONAL_CUE_KINDS = ["definite", "indefinite", "reported_future", "patient_of", "agent_of", "collective", "between"]
# A key: lowercase ASCII letters and digits; a hyphen may join parts of one text token
# ("cessez-le-feu", "a-t-il"), since the tokenizer keeps hyphenated words whole.
KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Report:
    def __init__(self):
        self.errors = 0
        self.warnings = 0

    def error(self, where, msg):
        self.errors += 1
        print(f"ERROR {where}: {msg}")

    def warn(self, where, msg):
        self.warnings += 1
        print(f"warning {where}: {msg}")


def key_problem(tok):
    """Why `tok` is not a normalised key, or None."""
    if tok != tok.strip() or not tok:
        return "empty or padded token"
    if any(c in tok for c in "'’‘`´"):
        return "apostrophe (write the elided word as its own token: l armee, s est)"
    decomposed = unicodedata.normalize("NFD", tok)
    if any(unicodedata.combining(c) for c in decomposed):
        return "accent (keys are written without accents)"
    if tok != tok.lower():
        return "uppercase"
    if not KEY.match(tok):
        return "characters outside [a-z0-9] and inner hyphens"
    return None


def read_rows(path, header, rep):
    rows = []
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines:
        rep.error(path, "empty file (a header line is required)")
        return rows
    if lines[0].split("\t") != header:
        rep.error(f"{path}:1", f"header must be {'<TAB>'.join(header)}")
    for n, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        if "\r" in line:
            rep.error(f"{path}:{n}", "carriage return")
        cols = line.split("\t")
        if len(cols) != len(header):
            rep.error(f"{path}:{n}", f"{len(cols)} columns, expected {len(header)}")
            continue
        rows.append((n, cols))
    return rows


def check_triggers(path, rep, against_cues):
    rows = read_rows(path, TRIGGER_HEADER, rep)
    seen = {}
    by_type, by_frame, by_count = Counter(), Counter(), Counter()
    for n, (pattern, etype, mode, frame, count) in rows:
        where = f"{path}:{n}"
        if pattern != " ".join(pattern.split()):
            rep.error(where, f"irregular spacing in pattern {pattern!r}")
        toks = pattern.split()
        if not toks:
            rep.error(where, "empty pattern")
            continue
        if toks[0] == "*" or toks[-1] == "*":
            rep.error(where, f"pattern {pattern!r} starts or ends with a gap")
        for a, b in zip(toks, toks[1:]):
            if a == "*" and b == "*":
                rep.error(where, f"pattern {pattern!r} has two gaps in a row")
        for t in toks:
            if t == "*":
                continue
            why = key_problem(t)
            if why:
                rep.error(where, f"token {t!r}: {why}")
        if pattern in seen:
            rep.error(where, f"pattern {pattern!r} already on line {seen[pattern]}")
        else:
            seen[pattern] = n
        if etype not in MODES:
            rep.error(where, f"unknown event type {etype!r}")
        elif mode and mode not in MODES[etype]:
            rep.error(where, f"mode {mode!r} is not a mode of {etype}")
        if frame not in FRAMES:
            rep.error(where, f"unknown frame {frame!r}")
        if count:
            if count not in COUNTS:
                rep.error(where, f"unknown count {count!r}")
            elif etype not in COUNTS[count]:
                rep.error(where, f"count {count!r} on {etype}")
        # A noun trigger looks for its target after the pattern: a pattern that swallows the
        # target's preposition ("attaque contre") hides it from the coder.
        if frame == "noun" and toks[-1] in against_cues:
            rep.warn(where, f"noun pattern {pattern!r} ends with an 'against' cue")
        by_type[etype] += 1
        by_frame[frame] += 1
        by_count[count or "-"] += 1
    return len(rows), by_type, by_frame, by_count


def check_cues(path, rep):
    rows = read_rows(path, CUE_HEADER, rep)
    seen = {}
    kinds = Counter()
    for n, (cue, kind) in rows:
        where = f"{path}:{n}"
        if cue != " ".join(cue.split()) or not cue:
            rep.error(where, f"irregular spacing in cue {cue!r}")
        for t in cue.split():
            why = key_problem(t)
            if why:
                rep.error(where, f"token {t!r}: {why}")
        if kind not in CUE_KINDS and kind not in OPTIONAL_CUE_KINDS:
            rep.error(where, f"unknown kind {kind!r}")
        if (cue, kind) in seen:
            rep.error(where, f"cue {cue!r} ({kind}) already on line {seen[(cue, kind)]}")
        else:
            seen[(cue, kind)] = n
        kinds[kind] += 1
    for k in CUE_KINDS:
        if kinds[k] == 0:
            rep.error(path, f"no cue of kind {k!r}")
    against = {c for (c, k) in seen if k == "against" and " " not in c}
    return len(rows), kinds, against


def table(title, counter, order=None):
    keys = order if order else sorted(counter)
    cells = [f"{k} {counter[k]}" for k in keys if counter[k]]
    print(f"  {title}: " + ", ".join(cells))


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    rep = Report()
    langs = sorted(
        d for d in os.listdir(root)
        if os.path.isdir(os.path.join(root, d))
        and any(os.path.exists(os.path.join(root, d, f)) for f in ("triggers.tsv", "cues.tsv"))
    )
    if not langs:
        rep.error(root, "no language directory with triggers.tsv or cues.tsv")
    summary = []
    for lang in langs:
        tpath = os.path.join(root, lang, "triggers.tsv")
        cpath = os.path.join(root, lang, "cues.tsv")
        against = set()
        ncues = 0
        kinds = Counter()
        if os.path.exists(cpath):
            ncues, kinds, against = check_cues(cpath, rep)
        else:
            rep.error(cpath, "missing")
        if os.path.exists(tpath):
            res = check_triggers(tpath, rep, against)
        else:
            rep.error(tpath, "missing")
            res = (0, Counter(), Counter(), Counter())
        summary.append((lang, res, ncues, kinds))
    for lang, (nt, by_type, by_frame, by_count), ncues, kinds in summary:
        print(f"{lang}: {nt} triggers, {ncues} cues")
        table("event types", by_type, list(MODES))
        table("frames", by_frame, FRAMES)
        table("counts", by_count, list(COUNTS) + ["-"])
        table("cue kinds", kinds, CUE_KINDS + OPTIONAL_CUE_KINDS)
    print(f"{rep.errors} errors, {rep.warnings} warnings")
    return 1 if rep.errors else 0


if __name__ == "__main__":
    sys.exit(main())
