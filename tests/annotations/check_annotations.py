"""Check the gold annotation files against the cleaned seed text.

Run: ``.venv/bin/python tests/annotations/check_annotations.py`` from the project root.
It imports only the loader and the cleaner (helpers.corpus, helpers.clean), never the
pipeline steps being measured. Checks:

1. every offset slices the cleaned text to its surface (mentions, quotes, places);
2. every span lies inside the sentence its sent_id names;
3. actor ids are canonical (shared/DESIGN.md) and closed vocabularies hold
   (roles, kinds, modalities, precisions, CAMEO roots "01".."20");
4. seed_speakers.csv has exactly one row per sentence;
5. verbatim fields (trigger condition/consequence, non-trigger text) occur in their sentence.

Exits 1 and prints each problem if any check fails.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from helpers.clean import normalize, sentence_spans
from helpers.corpus import load_corpus

DOC = "iraqi_militia_threats_2024-07-01"
# The fixed ids of shared/DESIGN.md ("Canonical actor ids").
CANONICAL = set(["iran", "israel", "united_states", "iraq", "lebanon", "jordan", "syria", "yemen", "saudi_arabia", "qatar", "egypt", "uk", "idf", "irgc", "centcom", "hezbollah", "hamas", "houthis", "iraqi_militias", "ircc", "kataib_hezbollah", "asaib_ahl_al_haq", "harakat_al_nujaba", "kataib_sayyid_al_shuhada", "pmf", "islamic_state", "irna", "press_tv", "tasnim", "mehr", "al_mayadeen", "al_manar", "qais_khazali", "netanyahu", "gallant", "nasrallah", "biden", "lloyd_austin", "pat_ryder", "khamenei", "abu_hussein_al_hamidawi", "al_sudani", "abu_alaa_al_walai"])
ROLES = {"patron", "proxy", "threatener", "target", "attacker", "speaker", "mediator"}
MODALITIES = {"asserted", "future", "hypothetical", "negated"}
PRECISIONS = {"day", "week", "month", "range", "unknown"}
TRIGGER_KINDS = {"conditional_threat", "retaliation", "ultimatum"}


def read(name: str) -> pd.DataFrame:
    """Read one annotation CSV as strings (comment lines start with '#')."""
    return pd.read_csv(HERE / name, comment="#", dtype=str, keep_default_na=False,
                       encoding="utf-8")


def main() -> int:
    docs, _ = load_corpus(ROOT / "seeds")
    text = normalize(docs.loc[docs.doc_id == DOC, "text"].iloc[0])
    spans = sentence_spans(text)
    problems: list[str] = []

    def span_ok(table, sid, start, end, surface):
        a, b = spans[int(sid)]
        if text[int(start):int(end)] != surface:
            problems.append(f"{table}: S{sid} [{start}:{end}] is "
                            f"{text[int(start):int(end)]!r}, not {surface!r}")
        if not (a <= int(start) and int(end) <= b):
            problems.append(f"{table}: S{sid} span {start}-{end} outside sentence {a}-{b}")

    def actor_ok(table, value, allow_empty=True, extra=()):
        if value == "" and allow_empty:
            return
        if value not in CANONICAL and value not in extra:
            problems.append(f"{table}: unknown actor id {value!r}")

    men = read("seed_mentions.csv")
    for r in men.itertuples():
        span_ok("mentions", r.sent_id, r.start, r.end, r.surface)
        actor_ok("mentions", r.actor, allow_empty=False)
        if r.pejorative not in {"0", "1"}:
            problems.append(f"mentions: pejorative {r.pejorative!r}")
    qu = read("seed_quotes.csv")
    for r in qu.itertuples():
        span_ok("quotes", r.sent_id, r.start, r.end, r.quote)
        actor_ok("quotes", r.speaker, allow_empty=False, extra={"author"})
        actor_ok("quotes", r.cited)
        if r.kind not in {"speech", "scare"}:
            problems.append(f"quotes: kind {r.kind!r}")
    pl = read("seed_places.csv")
    for r in pl.itertuples():
        span_ok("places", r.sent_id, r.start, r.end, r.place)
        actor_ok("places", r.actor)
    sp = read("seed_speakers.csv")
    if sorted(sp.sent_id.astype(int)) != list(range(len(spans))):
        problems.append("speakers: not exactly one row per sentence")
    for r in sp.itertuples():
        actor_ok("speakers", r.speaker, allow_empty=False, extra={"author"})
        actor_ok("speakers", r.cited)
    ro = read("seed_roles.csv")
    for r in ro.itertuples():
        actor_ok("roles", r.actor, allow_empty=False)
        actor_ok("roles", r.counterpart)
        if r.role not in ROLES:
            problems.append(f"roles: role {r.role!r}")
    tr = read("seed_triggers.csv")
    for r in tr.itertuples():
        a, b = spans[int(r.sent_id)]
        for field in (r.condition, r.consequence):
            if field not in text[a:b]:
                problems.append(f"triggers: S{r.sent_id} {field!r} not in sentence")
        if r.kind not in TRIGGER_KINDS:
            problems.append(f"triggers: kind {r.kind!r}")
        actor_ok("triggers", r.threatener, allow_empty=False)
        actor_ok("triggers", r.target, allow_empty=False)
    nt = read("seed_non_triggers.csv")
    for r in nt.itertuples():
        a, b = spans[int(r.sent_id)]
        if r.text not in text[a:b]:
            problems.append(f"non_triggers: S{r.sent_id} {r.text!r} not in sentence")
    ev = read("seed_events.csv")
    for r in ev.itertuples():
        actor_ok("events", r.source_actor)
        actor_ok("events", r.target_actor)
        if not (len(r.cameo_root) == 2 and 1 <= int(r.cameo_root) <= 20
                and r.cameo_code.startswith(r.cameo_root)):
            problems.append(f"events: S{r.sent_id} cameo {r.cameo_root}/{r.cameo_code}")
        if r.modality not in MODALITIES or r.date_precision not in PRECISIONS:
            problems.append(f"events: S{r.sent_id} {r.modality}/{r.date_precision}")
        if (r.date == "") != (r.date_precision == "unknown"):
            problems.append(f"events: S{r.sent_id} date {r.date!r} vs {r.date_precision}")
        if r.date_precision == "range" and "/" not in r.date:
            problems.append(f"events: S{r.sent_id} range without '/': {r.date!r}")
    st = read("seed_stance.csv")
    for r in st.itertuples():
        actor_ok("stance", r.holder, allow_empty=False)
        actor_ok("stance", r.target, allow_empty=False)
        if r.sign not in {"-1", "1"}:
            problems.append(f"stance: sign {r.sign!r}")
        if any(not (0 <= int(s) < len(spans)) for s in r.evidence_sent_ids.split("|")):
            problems.append(f"stance: bad evidence ids {r.evidence_sent_ids!r}")
    for table in (men, qu, pl, sp, ro, tr, nt, ev):
        if any(not (0 <= int(s) < len(spans)) for s in table.sent_id):
            problems.append("a sent_id is out of range")

    counts = {n: len(t) for n, t in [("mentions", men), ("quotes", qu), ("places", pl),
              ("speakers", sp), ("roles", ro), ("triggers", tr), ("non_triggers", nt),
              ("events", ev), ("stance", st)]}
    print(counts)
    for p in problems:
        print("PROBLEM:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
