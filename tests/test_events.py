"""Events: CAMEO-coded actions with source, target, modality and date (helpers.events).

Short sentences written for these tests in the phrasing of wire services, Israeli, Arab and
Iranian-state outlets, the seed article, and a hand-labelled set
(tests/fixtures/event_sentences.csv) on which precision and recall are measured.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import events as events_module
from helpers.actors import context_for_text
from helpers.events import cue_lexicon, find_events, split_clauses
from helpers.lexicon import read_lexicon, split_values
from helpers.pipeline import TABLE_COLUMNS

COLS = {c: k for k, c in enumerate(TABLE_COLUMNS["events"])}
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "event_sentences.csv"
DOC_DATE = "2024-07-01"  # a Monday

# Goldstein values of the codes that /work/shared/reference/cameo_codes.csv lists (taken from
# GDELT's CAMEO.goldsteinscale.txt): the lexicon must carry exactly these.
REFERENCE_GOLDSTEIN = {
    "01": 0.0, "02": 3.0, "03": 4.0, "04": 1.0, "05": 3.5, "06": 6.0, "07": 7.0, "08": 5.0,
    "09": -2.0, "10": -5.0, "11": -2.0, "12": -4.0, "13": -6.0, "14": -6.5, "15": -7.2,
    "16": -4.0, "17": -7.0, "18": -9.0, "19": -10.0, "20": -10.0, "036": 4.0, "043": 2.8,
    "051": 3.4, "087": 9.0, "0871": 9.0, "0872": 9.0, "0873": 9.0, "0874": 10.0, "111": -2.0,
    "112": -2.0, "122": -4.0, "130": -4.4, "131": -5.8, "138": -7.0, "1381": -7.0, "1382": -7.0,
    "1383": -7.0, "1384": -7.0, "1385": -7.0, "139": -7.0, "172": -5.0, "180": -9.0,
    "183": -10.0, "190": -10.0, "193": -10.0, "195": -10.0,
}


def events(text: str, date: str = DOC_DATE) -> list[dict]:
    ctx = context_for_text(text, date=date)
    return [dict(zip(TABLE_COLUMNS["events"], row)) for row in find_events(ctx)]


def roots(text: str, date: str = DOC_DATE) -> list[tuple[str, str]]:
    return [(e["cameo_root"], e["modality"]) for e in events(text, date)]


def one(text: str, root: str, date: str = DOC_DATE) -> dict:
    found = [e for e in events(text, date) if e["cameo_root"] == root]
    assert len(found) == 1, (text, found)
    return found[0]


# --------------------------------------------------------------------------- the lexicon
def test_lexicon_columns_and_comment_header():
    df = read_lexicon("event_cues")
    assert {"cues", "cameo_code", "cameo_root", "quad_class", "goldstein", "category",
            "notes"} <= set(df.columns)
    with open(Path(__file__).resolve().parents[1] / "helpers" / "lexicons" / "event_cues.csv",
              encoding="utf-8") as fh:
        head = [next(fh) for _ in range(5)]
    assert all(line.startswith("#") for line in head)


def test_lexicon_codes_roots_quads_and_goldstein_agree_with_the_reference():
    df = read_lexicon("event_cues")
    quad_of_root = {f"{r:02d}": 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4
                    for r in range(1, 21)}
    for row in df.to_dict("records"):
        code, root = row["cameo_code"], row["cameo_root"]
        assert code.startswith(root) and len(root) == 2, row
        assert int(row["quad_class"]) == quad_of_root[root], row
        value = float(row["goldstein"])
        if code in REFERENCE_GOLDSTEIN:
            assert value == REFERENCE_GOLDSTEIN[code], row
        else:  # the nearest ancestor in the reference file, said so in the notes
            ancestors = [code[:n] for n in range(len(code) - 1, 1, -1) if code[:n] in REFERENCE_GOLDSTEIN]
            assert value == REFERENCE_GOLDSTEIN[ancestors[0]], row
            assert "not in the reference file" in row["notes"].lower(), row


def test_no_cue_form_is_in_two_rows():
    df = read_lexicon("event_cues")
    seen = {}
    for k, row in enumerate(df.to_dict("records")):
        for form in split_values(row["cues"]):
            key = "".join(ch for ch in form.lower() if ch.isalnum())
            assert seen.setdefault(key, k) == k, form
    cue_lexicon()  # loads without ValueError


@pytest.mark.parametrize("text, root", [
    ("Kataib Hezbollah threatened Israel.", "13"),
    ("Hezbollah warned Israel that it would strike Haifa.", "13"),
    ("The Houthis vowed to attack ships bound for Israel.", "13"),
    ("American interests in Iraq will be targeted.", "13"),
    ("The IRGC said US bases are legitimate targets.", "13"),
    ("Israel attacked Hezbollah positions.", "19"),
    ("US jets struck Kataib Hezbollah facilities.", "19"),
    ("A drone attack hit the base.", "19"),
    ("Iraqi factions fired rockets at Ain al-Asad.", "19"),
    ("The Houthis launched missiles at Eilat.", "19"),
    ("Israeli artillery shelled southern Lebanon.", "19"),
    ("A car bomb exploded in Baghdad.", "18"),
    ("Israel killed a Hamas commander.", "19"),
    ("Gunmen ambushed an Israeli patrol.", "19"),
    ("The militias reduced attacks on US forces.", "08"),
    ("Kataib Hezbollah suspended its attacks on US troops.", "08"),
    ("Hezbollah halted attacks on northern Israel.", "08"),
    ("Iran moved to ease tensions with Saudi Arabia.", "08"),
    ("Israel and Hamas agreed to a truce.", "08"),
    ("Qatar announced a ceasefire in Gaza.", "08"),
    ("Washington tried to de-escalate the crisis.", "08"),
    ("Baghdad asked everyone to show restraint.", "08"),
    ("Israel hopes to deter Hezbollah.", "17"),
    ("The US pressured Israel over Rafah.", "17"),
    ("Iraq demanded the withdrawal of US forces.", "10"),
    ("Baghdad called on Washington to leave.", "10"),
    ("Egypt urged Israel to stop.", "10"),
    ("Israel accused Iran of arming Hezbollah.", "11"),
    ("Jordan condemned the strike.", "11"),
    ("Washington blamed Iran-backed militias.", "11"),
    ("Tehran denounced the killing.", "11"),
    ("Hamas rejected the proposal.", "12"),
    ("Hezbollah mobilised its fighters.", "15"),
    ("The US deployed a carrier to the region.", "15"),
    ("Israel reinforced its northern border.", "15"),
    ("Iran staged a show of force in the Gulf.", "15"),
    ("The IRGC held military drills near the Strait of Hormuz.", "15"),
    ("Iraq and Iran cooperated on border security.", "06"),
    ("Iraq and Iran agreed to cooperate on border security.", "03"),
    ("Iran praised the Houthis.", "05"),
    ("Iran backs Hezbollah politically.", "05"),
    ("Iran funds Hezbollah.", "07"),
    ("Tehran is arming the Houthis.", "07"),
    ("Iran continued to supply weapons to Hezbollah.", "07"),
    ("Al-Sudani met the US ambassador.", "04"),
    ("Iran and Saudi Arabia held talks in Baghdad.", "04"),
    ("The US imposed sanctions on Kataib Hezbollah.", "16"),
])
def test_each_cue_family_is_found_with_its_root(text, root):
    assert root in [r for r, _m in roots(text)], (text, events(text))


# --------------------------------------------------------------------------- modality
@pytest.mark.parametrize("text", [
    "Hezbollah attacked an Israeli army post.",
    "Kataib Hezbollah fired rockets at Ain al-Asad on Monday.",
    "The Houthis have launched drones at Eilat since the spring.",
    "US forces struck Kataib Hezbollah facilities in al-Qaim.",
])
def test_asserted(text):
    assert ("19", "asserted") in roots(text)


@pytest.mark.parametrize("text", [
    "Hezbollah will attack Israeli bases.",
    "The Houthis plan to strike ships in the Red Sea.",
    "Kataib Hezbollah is going to resume attacks on US forces.",
    "Israel vowed to strike Hezbollah.",
    "Iran threatened to attack Israel.",
    "The militias would launch drones at US bases, the statement said.",
])
def test_future_acts_are_not_asserted(text):
    found = roots(text)
    assert ("19", "future") in found and ("19", "asserted") not in found, found


@pytest.mark.parametrize("text", [
    "If Israel attacks Lebanon, Hezbollah will respond.",
    "Hezbollah could strike Haifa.",
    "Iran might attack Israel directly.",
    "The militias may attack US forces again.",
    "Should Israel invade Lebanon, the resistance will answer.",
    "Were the US to strike Iran, oil prices would rise.",
    "In the event that Israel attacks Lebanon, Iraqi factions will mobilise.",
    "Washington wants to avoid a strike on Iran.",
    "Qatar urged Israel not to attack Rafah.",
])
def test_hypothetical(text):
    found = roots(text)
    assert ("19", "hypothetical") in found and ("19", "asserted") not in found, found


@pytest.mark.parametrize("text", [
    "The militias did not attack US forces on Monday.",
    "The militias have not attacked US forces since February.",
    "No attacks were reported in Iraq last week.",
    "Kataib Hezbollah has never attacked Jordan.",
    "Hezbollah has not carried out any attacks since the truce.",
    "Tehran denied carrying out the attack.",
    "Israel didn't strike Iranian territory.",
])
def test_negated(text):
    found = roots(text)
    assert ("19", "negated") in found and ("19", "asserted") not in found, found


def test_denial_is_a_statement_and_the_denied_act_takes_the_denier():
    found = events("Tehran denied carrying out the attack.")
    deny = [e for e in found if e["cameo_code"] == "016"]
    act = [e for e in found if e["cameo_root"] == "19"]
    assert deny and deny[0]["source_actor"] == "iran"
    assert act[0]["modality"] == "negated" and act[0]["source_actor"] == "iran"


def test_a_threat_is_asserted_even_when_conditional_and_its_act_is_not():
    found = events("If Israel attacks Lebanon, Hezbollah will strike Haifa.")
    threat = [e for e in found if e["cameo_root"] == "13"]
    assert threat and threat[0]["modality"] == "asserted"
    assert threat[0]["source_actor"] == "hezbollah" and threat[0]["target_actor"] == "israel"
    assert threat[0]["cameo_code"] == "138" and threat[0]["goldstein"] == -7.0
    assert not [e for e in found if e["cameo_root"] == "19" and e["modality"] == "asserted"]


def test_a_threat_of_attack_is_coded_threaten_with_military_force():
    threat = one("Iran threatened to attack Israel.", "13")
    assert threat["cameo_code"] == "138"
    plain = one("Kataib Hezbollah threatened the United States.", "13")
    assert plain["cameo_code"] == "130" and plain["goldstein"] == -4.4


def test_negated_and_hypothetical_events_keep_their_codes():
    neg = one("The militias did not attack US forces.", "19")
    assert (neg["cameo_code"], neg["quad_class"], neg["goldstein"]) == ("190", 4, -10.0)


# --------------------------------------------------------------------------- one event per action
def test_one_event_per_action_in_a_clause():
    found = events("A drone attack on the base killed three US soldiers.")
    assert [e["cameo_root"] for e in found] == ["19"]
    assert found[0]["cameo_code"] == "1952"  # the drone sharpens the code
    found = events("Kataib Hezbollah attacked the base with drones.")
    assert [(e["cameo_code"], e["source_actor"]) for e in found] == [("1952", "kataib_hezbollah")]


def test_two_clauses_two_actions():
    found = events("Hezbollah fired rockets at Israel; Israel struck Hezbollah positions.")
    assert [(e["source_actor"], e["target_actor"]) for e in found if e["cameo_root"] == "19"] == [
        ("hezbollah", "israel"), ("israel", "hezbollah")]


def test_the_object_of_a_reduction_is_not_an_attack():
    found = roots("The militias reduced attacks after a drone attack killed three US soldiers.")
    assert sorted(found) == [("08", "asserted"), ("19", "asserted")]


def test_back_references_and_weapon_nouns_make_no_new_event():
    assert roots("Those attacks were coordinated.") == []
    assert roots("The drone was not intercepted, officials said.") == []
    assert roots("The attack was condemned.") == [("11", "asserted")]


# --------------------------------------------------------------------------- actors
def test_passive_with_and_without_a_named_attacker():
    e = one("The base was struck by Kataib Hezbollah drones on Sunday.", "19")
    assert e["source_actor"] == "kataib_hezbollah"
    e = one("US forces were attacked near the Syrian border.", "19")
    assert (e["source_actor"], e["target_actor"]) == ("", "united_states")
    e = one("Two rockets launched at the base were shot down.", "19")
    assert e["source_actor"] == ""
    e = one("Eilat was hit by a drone launched from Yemen.", "19")
    assert (e["source_actor"], e["target_actor"]) == ("", "israel")


@pytest.mark.parametrize("text, source", [
    ("Iranian-backed militias fired rockets at US forces.", None),
    ("The Iran-backed Kataib Hezbollah attacked a US base.", "kataib_hezbollah"),
    ("Iraqi militias backed by Iran attacked US forces.", "iraqi_militias"),
    ("Hezbollah, which is backed by Iran, fired rockets at Israel.", "hezbollah"),
])
def test_the_backer_is_not_the_attacker(text, source):
    found = events(text)
    attack = next(e for e in found if e["cameo_root"] == "19")
    assert attack["source_actor"] != "iran"
    if source:
        assert attack["source_actor"] == source
    assert not [e for e in found if e["cameo_root"] == "05"]  # "backed" is a relation, no event


@pytest.mark.parametrize("text", [
    "Kataib Hezbollah said it would target US interests.",
    "The resistance vowed to strike American interests in the region.",
    "The militias launched a drone at US forces in Syria.",
    "Hezbollah threatened US bases.",
])
def test_us_interests_forces_bases_are_the_united_states(text):
    assert "united_states" in [e["target_actor"] for e in events(text)], events(text)


@pytest.mark.parametrize("text", [
    "The Houthis carried out a drone attack on Eilat.",
    "The Islamic Resistance in Iraq attacked a vital target in Umm al-Rashrash with drones.",
    "Kata'ib Hizballah launched two drones at Eilat.",
])
def test_a_place_gives_its_territory(text):
    assert [e["target_actor"] for e in events(text) if e["cameo_root"] == "19"] == ["israel"]


def test_first_person_statement_takes_the_speaker():
    e = one('"We will target American bases," Kataib Hezbollah said.', "13")
    assert (e["source_actor"], e["target_actor"]) == ("kataib_hezbollah", "united_states")


def test_claim_is_attached_to_the_claimed_act():
    found = events("Kataib Hezbollah claimed responsibility for a drone attack on US forces.")
    assert [(e["cameo_root"], e["source_actor"], e["target_actor"]) for e in found] == [
        ("19", "kataib_hezbollah", "united_states")]
    found = events("The Islamic Resistance in Iraq claimed responsibility.")
    assert [(e["cameo_code"], e["source_actor"]) for e in found] == [("015", "iraqi_militias")]


def test_noun_cue_takes_its_owner_not_the_clause_subject():
    found = events("Jordan condemned the drone attack that killed three American soldiers.")
    attack = next(e for e in found if e["cameo_root"] == "19")
    assert attack["source_actor"] == "" and attack["target_actor"] == "united_states"
    e = one("Those attacks followed the Hamas attack on Israel.", "19")
    assert (e["source_actor"], e["target_actor"]) == ("hamas", "israel")


# --------------------------------------------------------------------------- dates
@pytest.mark.parametrize("text, date, expected", [
    ("Since October 7 the militias have carried out more than 100 attacks on US forces.",
     DOC_DATE, ("2023-10-07/2024-07-01", "range")),
    ("Kataib Hezbollah attacked a US base in January.", DOC_DATE, ("2024-01", "month")),
    ("Kataib Hezbollah attacked a US base on Monday.", DOC_DATE, ("2024-07-01", "day")),
    ("Kataib Hezbollah attacked a US base last week.", DOC_DATE, ("2024-06-24", "week")),
    ("Iran chose to reduce tensions between February and June.", DOC_DATE, ("2024-02/2024-06", "range")),
    ("Hezbollah fired rockets at Israel yesterday.", DOC_DATE, ("2024-06-30", "day")),
    ("A drone struck Tower 22 on January 28.", DOC_DATE, ("2024-01-28", "day")),
    ("Israel struck Beirut on December 28.", "2024-01-02", ("2023-12-28", "day")),
    ("Israel struck Beirut on Thursday.", "2024-03-01", ("2024-02-29", "day")),
    ("Israel struck Beirut on Sunday.", "2024-01-02", ("2023-12-31", "day")),
])
def test_dates(text, date, expected):
    found = [e for e in events(text, date) if e["cameo_root"] in {"19", "08"}]
    assert (found[0]["date"], found[0]["date_precision"]) == expected, found


def test_no_date_expression_means_unknown_not_the_publication_date():
    e = one("Kataib Hezbollah attacked a US base.", "19")
    assert (e["date"], e["date_precision"]) == ("", "unknown")


def test_a_date_belongs_to_the_clause_that_holds_it():
    found = events("The militias reduced attacks after a drone attack in Jordan in January "
                   "killed three US service members.")
    by_root = {e["cameo_root"]: e for e in found}
    assert (by_root["19"]["date"], by_root["19"]["date_precision"]) == ("2024-01", "month")
    assert (by_root["08"]["date"], by_root["08"]["date_precision"]) == ("", "unknown")
    e = one("On Monday, the militias attacked a US base.", "19")  # the date's clause has no act
    assert e["date"] == "2024-07-01"


# --------------------------------------------------------------------------- rows
def test_rows_have_the_table_columns_offsets_and_sentence():
    ctx = context_for_text("Calm held. Kataib Hezbollah fired rockets at US forces in Syria.",
                           date=DOC_DATE)
    rows = find_events(ctx)
    attack = next(r for r in rows if r[COLS["cameo_root"]] == "19")
    assert len(attack) == len(TABLE_COLUMNS["events"])
    assert ctx.text[attack[COLS["start"]]:attack[COLS["end"]]] == attack[COLS["cue"]]
    assert attack[COLS["text"]] == ctx.sentence_text(attack[COLS["sent_id"]])
    assert isinstance(attack[COLS["quad_class"]], int) and isinstance(attack[COLS["goldstein"]], float)
    assert find_events(context_for_text("The weather was fine.", date=DOC_DATE)) == []


def test_split_clauses_keeps_offsets():
    text = "If Israel attacks Lebanon, Hezbollah will strike; the US will not."
    clauses = split_clauses(text, 0, len(text))
    assert [op for _a, _b, op in clauses] == ["if", "", ""]
    assert all(text[a:b].strip() == text[a:b] for a, b, _op in clauses)


# --------------------------------------------------------------------------- the seed
@pytest.fixture(scope="module")
def seed_events(seed_analysis):
    return seed_analysis.events


def _row(ev, words: str):
    hit = ev[ev["text"].str.contains(words, regex=False)]
    assert len(hit), words
    return hit


def test_seed_attacks(seed_events):
    ev = seed_events
    since = _row(ev, "more than 100 attacks")
    since = since[since.cameo_root == "19"].iloc[0]
    assert (since.modality, since.date, since.date_precision) == (
        "asserted", "2023-10-07/2024-07-01", "range")
    assert since.source_actor in {"iraqi_militias", ""}  # never Iran: "Iranian-backed"
    hamas = _row(ev, "Hamas attack on Israel")
    hamas = hamas[hamas.cue == "attack"].iloc[0]
    assert (hamas.cameo_root, hamas.source_actor, hamas.target_actor) == ("19", "hamas", "israel")
    jordan = _row(ev, "drone attack in Jordan")
    jordan = jordan[jordan.cameo_root == "19"].iloc[0]
    assert (jordan.target_actor, jordan.date, jordan.date_precision) == (
        "united_states", "2024-01", "month")
    week = _row(ev, "This week's drone attacks on Israel")
    week = week[week.cue == "drone attacks"].iloc[0]
    assert (week.cameo_root, week.target_actor, week.modality) == ("19", "israel", "asserted")
    eilat = _row(ev, "Umm al-Rashrash with drones on Monday")
    eilat = eilat[eilat.cameo_root == "19"].iloc[0]
    assert (eilat.source_actor, eilat.target_actor, eilat.date, eilat.date_precision) == (
        "iraqi_militias", "israel", "2024-07-01", "day")


def test_seed_deescalations(seed_events):
    ev = seed_events
    reduced = _row(ev, "The militias reduced attacks")
    assert "08" in set(reduced.cameo_root)
    iran = _row(ev, "reduce tensions between February and June")
    iran = iran[iran.cameo_root == "08"].iloc[0]
    assert (iran.source_actor, iran.date, iran.date_precision) == ("iran", "2024-02/2024-06", "range")


def test_seed_threats(seed_events):
    ev = seed_events
    ircc = _row(ev, "will be targeted")
    ircc = ircc[ircc.cameo_root == "13"].iloc[0]
    assert (ircc.source_actor, ircc.target_actor, ircc.modality, ircc.cameo_code) == (
        "ircc", "united_states", "asserted", "138")
    lebanon = _row(ev, "will be targeted")
    lebanon = lebanon[lebanon.cameo_root == "19"].iloc[0]  # "if the Zionist regime attacks Lebanon"
    assert (lebanon.source_actor, lebanon.target_actor, lebanon.modality) == (
        "israel", "lebanon", "hypothetical")
    khazali = _row(ev, "Qais Khazali")
    khazali = khazali[khazali.cameo_root == "13"].iloc[0]
    assert (khazali.source_actor, khazali.target_actor) == ("qais_khazali", "united_states")


def test_seed_no_asserted_attack_from_a_negation(seed_events):
    ev = seed_events
    since_feb = _row(ev, "have not attacked US forces since February")
    attacks = since_feb[since_feb.cameo_root == "19"]
    assert len(attacks) and set(attacks.modality) == {"negated"}
    assert attacks.iloc[0].date == "2024-02-01/2024-07-01"


def test_seed_no_asserted_attack_from_a_threat_or_condition(seed_events):
    ev = seed_events
    for words in ["will be targeted if", "in order to see if", "if the threat of the Zionist regime"]:
        rows = _row(ev, words)
        assert not len(rows[(rows.cameo_root.isin(["18", "19", "20"])) & (rows.modality == "asserted")]), words


# --------------------------------------------------------------------------- precision/recall
# Floors under the figures measured when these tests were written (see the report in the
# docstring of test_precision_recall_on_hand_labelled_sentences); a rule change that loses
# more than a few sentences fails here.
EVENT_PRECISION_FLOOR = 0.85
EVENT_RECALL_FLOOR = 0.75
ACTOR_ACCURACY_FLOOR = 0.75


def score_events(df):
    """``helpers.validate.score_labelled_sentences`` for events, with the names the tests use:
    matches per sentence on (root, modality); source and target agreement at bloc level."""
    from helpers.validate import score_labelled_sentences
    s = score_labelled_sentences(df, "events")
    return {"tp": s["tp"], "fp": s["fp"], "fn": s["fn"], "precision": s["precision"],
            "recall": s["recall"], "source_accuracy": s["source_agrees"],
            "target_accuracy": s["target_agrees"]}


def test_precision_recall_on_hand_labelled_sentences():
    """Measured: 65 sentences, 86 labelled events; precision 0.96, recall 0.85; among matched
    events the source agrees 0.92 and the target 0.89 (bloc level). These final figures are
    optimistic: the rules were revised after seeing errors on these sentences. Honest
    figures are the first runs: sentences 1-45, labelled before any run, P 0.92 R 0.82;
    sentences 46-65, written and labelled after that revision, first run P 0.91 R 0.81."""
    df = read_lexicon(FIXTURE)
    assert len(df) >= 40
    scores = score_events(df)
    print("events on hand-labelled sentences:", scores)
    assert scores["precision"] >= EVENT_PRECISION_FLOOR, scores
    assert scores["recall"] >= EVENT_RECALL_FLOOR, scores
    assert scores["source_accuracy"] >= ACTOR_ACCURACY_FLOOR, scores
    assert scores["target_accuracy"] >= ACTOR_ACCURACY_FLOOR, scores


def test_fixture_is_labelled_in_the_documented_format():
    df = read_lexicon(FIXTURE)
    for row in df.to_dict("records"):
        dt.date.fromisoformat(row["doc_date"])
        for item in filter(None, row["events"].split(";")):
            root, modality, _s, _t = item.split(":")
            assert len(root) == 2 and modality in {"asserted", "future", "hypothetical", "negated"}


# --------------------------------------------------------------------------- words that are no act
@pytest.mark.parametrize("text", [
    "Rocket fire from Iraq broke weeks of calm.",          # a state, not a de-escalation
    "No attacks on bases hosting US troops were reported.",  # "hosting" is no visit
    "The brothers in the Popular Mobilization honoured the truce.",  # part of a name
])
def test_words_that_report_no_act_of_their_own(text):
    codes = [e["cameo_code"] for e in events(text)]
    assert "087" not in codes and "043" not in codes and "154" not in codes, codes


def test_casualties_and_the_when_clause_are_one_attack():
    found = events("Three US service members were wounded when a one-way attack drone struck "
                   "Erbil Air Base.")
    attacks = [e for e in found if e["cameo_root"] == "19"]
    assert len(attacks) == 1 and attacks[0]["target_actor"] == "united_states", found


def test_relative_clause_actors_are_not_the_subject():
    e = one('"The American enemy, which arms the Zionists, will pay the price first," the council '
            "said.", "13")
    assert e["target_actor"] == "united_states"


def test_held_and_launched_by():
    e = one("Israeli jets struck the Houthi-held port of Hodeidah on Saturday.", "19")
    assert e["target_actor"] == "yemen"
    e = one("A drone launched by the Houthis hit Tel Aviv.", "19")
    assert (e["source_actor"], e["target_actor"]) == ("houthis", "israel")


# --------------------------------------------------------------------------- fast scans = plain regexes
# The faster scans (phrase_scanner, _boundaries, the attribution look-up) must find exactly what
# the plain regexes find, on any text: news prose, spacing, quotes, dashes, capitals, non-ASCII.
_PIECES = ["Hezbollah", " attacked ", "drone attack", "Drone  Attack", "de-escalate", "de escalate",
           "counter-attack", "Kata'ib", " if ", " If ", ", and ", ", But ", ", should ", " Were ",
           " in response to ", " even if ", " as soon as ", "; ", ": ", " - ", "-", "'", '"', "(",
           ", he said.", ", according to IRNA", ' ," IRNA reported', " told AFP.", "\n", "\t",
           " US forces", "é", "İ", "K", "ſ", "strikes", "threatened", "\xa0", ".", "-backed",
           " backed militias", " Led", " LED forces", " - aligned groups", "ſponsored"]
_TEXTS = st.lists(st.sampled_from(_PIECES), max_size=25).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXTS, st.data())
def test_fast_scans_find_what_the_plain_regexes_find(text, data):
    pos = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(pos, len(text)))
    _rows, _lookup, pattern, _by_code = cue_lexicon()
    assert events_module.scan_spans(pattern, events_module.cue_scanner(), text, pos, end) == \
        [m.span() for m in pattern.finditer(text, pos, end)]
    assert events_module.speech_spans(text, pos, end) == \
        [m.span() for m in events_module._speech_pattern().finditer(text, pos, end)]
    assert events_module._boundaries(text, pos, end) == \
        [m.span() for m in events_module._BOUNDARY.finditer(text, pos, end)]
    assert events_module._modifier_after(text, pos, end) == \
        bool(events_module._MODIFIER_AFTER.match(text, pos, end))
    comma = text.rfind(",", pos, end)
    searched = events_module._ATTRIBUTION.search(text, pos, end)
    if comma < 0:
        assert searched is None
    elif searched is not None:  # only the last comma can start one, and it needs a verb
        assert searched.start() == comma
        assert not text[comma:end].isascii() or any(
            w in text[comma:end].lower() for w in events_module._ATTRIBUTION_WORDS)


def test_fast_scanner_on_a_corpus_document():
    text = (Path(__file__).resolve().parents[1] / "seeds" /
            "iraqi_militia_threats_2024-07-01.txt").read_text(encoding="utf-8")
    _rows, _lookup, pattern, _by_code = cue_lexicon()
    found = events_module.scan_spans(pattern, events_module.cue_scanner(), text)
    assert found and found == [m.span() for m in pattern.finditer(text)]


# The place scan and the document-wide word split must give what they replace.
_PLACE_PIECES = ["Umm al-Rashrash", "umm al rashrash", "UMM AL-RASHRASH", "Erbil", "erbil",
                 "Ain al-Asad", "Ain al Asad", "Abu-Kamal", "Abukamal", "Tel Aviv", "Yafa",
                 "Gaza", "Gazan", "Bab el-Mandeb", " in ", " near ", "-", "'", "’", ". ", ", ",
                 "İ", "ſ", "K", "é", "Haifa's", "xHaifa", "Haifa2", "\n", "the port of Hodeidah"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PLACE_PIECES), max_size=20).map("".join))
def test_sentence_places_finds_what_find_places_finds(text):
    from helpers.actors import find_places
    assert events_module.sentence_places(text) == find_places(text)


def test_sentence_places_on_the_corpus_documents():
    from helpers.actors import find_places
    texts = [p.read_text(encoding="utf-8") for p in
             sorted((Path(__file__).resolve().parent / "fixtures" / "corpus").glob("*.txt"))]
    found = [events_module.sentence_places(t) for t in texts]
    assert any(found) and found == [find_places(t) for t in texts]


_WORD_PIECES = ["Iran", "'s", " drones", "-backed", " hit", "Erbil", ".", " ", "\n", "é", "-",
                "'", "2024", "_", "!"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORD_PIECES), max_size=30).map("".join), st.data())
def test_document_words_give_each_sentence_its_own_split(text, data):
    # sentences that touch, overlap a word or leave gaps: each gets what its own split gives
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=6)))
    spans = [(a, b) for a, b in zip([0] + cuts, cuts + [len(text)]) if a < b]
    doc = events_module._DocumentWords(text)
    for a, b in spans:
        assert doc.sentence(a, b) == events_module.split_words(text, a, b)


@pytest.mark.parametrize("text, source, target, code", [
    ("The IDF eliminated a senior Hezbollah terrorist in southern Lebanon.", "idf", "hezbollah", "190"),
    ("Israeli forces neutralised a Hezbollah cell near the border.", "idf", "hezbollah", "190"),
    ("US troops neutralized a Kataib Hezbollah cell near Baghdad.", "united_states",
     "kataib_hezbollah", "190"),
    ("American warplanes pounded positions of the Popular Mobilization Forces in Qaim.",
     "united_states", "pmf", "190"),
    ("The Houthis hijacked a cargo ship in the Red Sea.", "houthis", "", "181"),
])
def test_military_usage_for_killing_and_hijacking_is_coded(text, source, target, code):
    found = [e for e in events(text) if e["cameo_code"] == code]
    assert len(found) == 1 and found[0]["modality"] == "asserted"
    assert found[0]["source_actor"] == source
    if target:
        assert found[0]["target_actor"] == target


@pytest.mark.parametrize("text, modality", [
    ("The IRGC said it will not hesitate to attack US forces.", "future"),
    ("Hezbollah won't hesitate to strike Haifa, Nasrallah said.", "future"),
    ("Kataib Hezbollah would not hesitate to strike American bases, its spokesman said.", "future"),
    ("Hezbollah did not rule out strikes on Israel.", "hypothetical"),
    ("The militias did not hesitate to attack the base.", "asserted"),
    ("The militias have not attacked US forces since February.", "negated"),
])
def test_not_hesitate_and_not_rule_out_are_no_denials(text, modality):
    assert one(text, "19")["modality"] == modality


@pytest.mark.parametrize("text, code, date", [
    ("Hezbollah will strike Haifa on Thursday, Nasrallah said.", "138", "2024-07-04"),
    ("Kataib Hezbollah said it would resume attacks on Friday.", "190", "2024-07-05"),
    ("Hezbollah struck Haifa on Thursday.", "190", "2024-06-27"),
    ("The IRCC warned on Sunday that American interests will be legitimate targets.", "138", "2024-06-30"),
    ("On Thursday, Hezbollah said it would strike Haifa.", "138", "2024-06-27"),
])
def test_a_bare_weekday_after_a_future_act_is_the_next_such_day(text, code, date):
    # document of Monday 1 July 2024: reported acts look back, threatened acts look ahead
    found = [e for e in events(text, "2024-07-01") if e["cameo_code"] == code]
    assert [e["date"] for e in found] == [date]


@pytest.mark.parametrize("text, source, target", [
    ("US forces in Iraq and Syria have been attacked at least 170 times since October.", "", "united_states"),
    ("American troops in Iraq, Syria and Jordan were attacked again on Sunday.", "", "united_states"),
    ("The Islamic Resistance in Iraq, an umbrella for groups including Kataib Hezbollah and "
     "Harakat al-Nujaba, said it had attacked a target in Eilat.", "iraqi_militias", "israel"),
])
def test_places_coordinated_after_a_preposition_are_not_the_subject(text, source, target):
    e = one(text, "19")
    assert (e["source_actor"], e["target_actor"]) == (source, target)


@pytest.mark.parametrize("text, target", [
    ("The US embassy in Baghdad came under rocket fire overnight.", "united_states"),
    ("Israeli positions in the Galilee came under drone attack on Friday.", "israel"),
])
def test_came_under_a_weapon_fire_takes_the_subject_as_target(text, target):
    e = one(text, "19")
    assert (e["source_actor"], e["target_actor"], e["modality"]) == ("", target, "asserted")


@pytest.mark.parametrize("text, source, target", [
    ("Israel is within range of our missiles, the IRGC commander said.", "irgc", "israel"),
    ("Tel Aviv and Haifa are within range of our missiles, Hezbollah said.", "hezbollah", "israel"),
])
def test_within_range_of_our_missiles_is_a_threat(text, source, target):
    e = one(text, "13")
    assert (e["source_actor"], e["target_actor"], e["cameo_code"]) == (source, target, "138")


def test_within_range_of_a_hospital_is_nothing():
    assert events("The village is within range of the new hospital.") == []


@pytest.mark.parametrize("text, source, target, code", [
    ("Israel's crimes will not go unpunished, Hezbollah warned in a statement.", "hezbollah", "israel", "130"),
    ("The Zionist aggression on Beirut won't go unpunished, Kataib Hezbollah said.",
     "kataib_hezbollah", "israel", "130"),
    ("Tehran said the American crime would not go unanswered.", "iran", "united_states", "130"),
    ("The assassination of our commander will not go unanswered, the IRGC said.", "irgc", "", "130"),
    ("Gallant said Israel would return Lebanon to the Stone Age if Hezbollah escalated.",
     "gallant", "lebanon", "138"),
    ("\"We will send Lebanon back to the Stone Age,\" the Israeli defence minister said.",
     "israel", "lebanon", "138"),
    ("US officials warned that Israel could bomb Lebanon into the Stone Age.", "united_states",
     "lebanon", "138"),
])
def test_implicit_threats_of_retaliation(text, source, target, code):
    found = [e for e in events(text) if e["cameo_code"] == code]
    assert len(found) == 1 and found[0]["modality"] == "asserted", found
    assert (found[0]["source_actor"], found[0]["target_actor"]) == (source, target)


@pytest.mark.parametrize("text", [
    "The Stone Age tools were found near Baalbek.",
    "The museum's exhibition on the Stone Age drew crowds in Tehran.",
])
def test_the_stone_age_alone_is_no_threat(text):
    assert not [e for e in events(text) if e["cameo_root"] == "13"]


# --------------------------------------------------------------------------- held-out lessons
@pytest.mark.parametrize("text, source, target", [
    ("The Pentagon said militias fired rockets at a base in Syria.", "", "syria"),
    ("Iraqi officials said gunmen attacked the convoy near Basra.", "", ""),
    ("CENTCOM said drones struck the Tower 22 outpost in Jordan.", "", "jordan"),
    ("Kataib Hezbollah said it attacked a US base in Syria.", "kataib_hezbollah", "united_states"),
    ("Kataib Hezbollah said its fighters attacked a US base in Syria.", "kataib_hezbollah", "united_states"),
    ("Iran denied carrying out the attack on the tanker.", "iran", ""),
])
def test_the_reporter_is_not_the_doer_of_a_reported_clause(text, source, target):
    found = [e for e in events(text) if e["cameo_root"] == "19"]
    assert len(found) == 1, found
    assert found[0]["source_actor"] == source
    if target:
        assert found[0]["target_actor"] == target


@pytest.mark.parametrize("text, target", [
    ("Hezbollah said Israeli jets bombed its positions near Nabatieh.", "hezbollah"),
    ("Israel struck its positions in southern Lebanon overnight, Hezbollah said.", "hezbollah"),
    ("The US military said drones targeted its troops at a base in Iraq.", "united_states"),
    ("The IDF said Hezbollah fired rockets at its forces in the Golan Heights.", "idf"),
    ("Iran said the attack on its consulate in Damascus was a crime.", "iran"),
    ("The Houthis said American warships attacked their boats off Hodeidah.", "houthis"),
])
def test_its_and_their_after_an_act_name_the_owner(text, target):
    found = [e for e in events(text) if e["cameo_root"] == "19"]
    assert found and found[0]["target_actor"] == target, found


def test_its_does_not_refer_to_a_plural_group():
    # "its" is Iran's, not the forces' or the militias' named nearer to it
    e = one("Iran said US forces and Iraqi militias attacked its consulate in Basra.", "19")
    assert e["target_actor"] == "iran"


@pytest.mark.parametrize("text", [
    "A drone strike on a car carrying Kataib Hezbollah members killed two people near Baghdad.",
    "An Israeli strike on a vehicle transporting Hezbollah fighters killed three in Tyre.",
])
def test_an_actor_after_a_participle_is_no_subject(text):
    assert all(e["source_actor"] not in {"kataib_hezbollah", "hezbollah"} for e in events(text))


@pytest.mark.parametrize("text, source, target, code", [
    ("Houthi forces said they had shot down an American MQ-9 drone over Marib.", "houthis",
     "united_states", "19"),
    ("Iran downed a US surveillance drone over the Gulf in 2019.", "iran", "united_states", "19"),
    ("The IRGC Navy seized a foreign tanker in the Strait of Hormuz.", "irgc", "", "171"),
    ("Iraq's parliament opened an investigation into the strike on Jurf al-Sakhar.", "iraq", "", "090"),
    ("Iran's foreign minister phoned his Saudi counterpart to discuss the crisis.", "iran",
     "saudi_arabia", "040"),
    ("Tehran reserves the right to respond to the Israeli aggression, the ministry said.", "iran",
     "", "130"),
    ("Israel will act against Hezbollah if the rocket fire continues, Katz said.", "israel",
     "hezbollah", "130"),
])
def test_more_act_phrasings_are_coded(text, source, target, code):
    found = [e for e in events(text) if e["cameo_code" if len(code) > 2 else "cameo_root"] == code]
    assert len(found) == 1, events(text)
    assert found[0]["source_actor"] == source
    if target:
        assert found[0]["target_actor"] == target


@pytest.mark.parametrize("text", [
    "Iron Dome shot down two rockets fired from Lebanon, the army said.",
    "Air defences downed three projectiles over the Galilee.",
    "The ministry seized the opportunity to call for talks.",
    "Police seized phones and laptops from the suspects.",
    "Israel's deterrence rests on its air force.",
])
def test_interceptions_and_other_seizures_are_no_acts(text):
    found = events(text)
    assert not [e for e in found if e["cameo_code"] in {"171", "190", "170"}], found


@pytest.mark.parametrize("text, code", [
    ("Israeli jets bombed Hezbollah positions near Tyre.", "195"),
    ("The United States bombed Houthi radar sites overnight.", "195"),
    ("Militants bombed a market in Kirkuk on Friday.", "183"),
])
def test_bombing_by_a_state_is_aerial_force(text, code):
    assert [e["cameo_code"] for e in events(text) if e["cameo_root"] in {"18", "19"}] == [code]


@pytest.mark.parametrize("text, root, modality", [
    ("Asked whether the militias would strike again, the spokesman declined to comment.", "13",
     "hypothetical"),
    ("Hezbollah will pay a heavy price for every attack on our towns, Katz said.", "19", "hypothetical"),
    ("Israel will resume strikes across Lebanon unless Hezbollah withdraws.", "19", "future"),
])
def test_whether_and_every_are_no_particular_act(text, root, modality):
    found = [e for e in events(text) if e["cameo_root"] == root]
    assert found and found[0]["modality"] == modality, found


def test_across_a_country_is_its_territory():
    e = one("Israel will resume strikes across Lebanon unless Hezbollah withdraws.", "19")
    assert e["target_actor"] == "lebanon"


HELD_OUT = Path(__file__).resolve().parent / "fixtures" / "event_sentences_heldout.csv"


def test_precision_recall_on_the_held_out_sentences():
    """tests/fixtures/event_sentences_heldout.csv: 100 sentences (141 events) written and
    labelled blind on 2026-11-25. First run P 0.77 R 0.63 (source 0.90, target 0.79); after
    the fixes it led to (each tested above on other sentences) P 0.84 R 0.72 (source 0.89,
    target 0.81). Many remaining misses are conventions the rules do not follow (a threatened
    act as its own future event next to the threat; "aggression" as an act) or implicit acts."""
    scores = score_events(read_lexicon(HELD_OUT))
    print("events on held-out sentences:", scores)
    assert scores["precision"] >= 0.8 and scores["recall"] >= 0.68, scores
    assert scores["source_accuracy"] >= 0.8 and scores["target_accuracy"] >= 0.75, scores


@pytest.mark.parametrize("text, source", [
    ("The commander of the IRGC Aerospace Force said the enemy's bases would be struck.", "irgc"),
    ("A spokesman for Kataib Hezbollah warned that US bases would be targeted.", "kataib_hezbollah"),
    ("Qais Khazali, the head of Asaib Ahl al-Haq, warned that US forces would be targeted.",
     "qais_khazali"),
])
def test_a_role_noun_speaks_for_its_organisation(text, source):
    threats = [e for e in events(text) if e["cameo_root"] == "13"]
    assert threats and threats[0]["source_actor"] == source, events(text)


def test_the_object_of_pushing_does_the_infinitive():
    e = one("Iran is pushing Kataib Hezbollah to attack US forces in Iraq.", "19")
    assert e["source_actor"] == "kataib_hezbollah"


@pytest.mark.parametrize("text, target", [
    ("US jets struck a training facility in Syria used by the IRGC.", "irgc"),
    ("Israel bombed a depot near Beirut run by Hezbollah.", "hezbollah"),
])
def test_what_an_actor_uses_is_that_actors(text, target):
    found = [e for e in events(text) if e["cameo_root"] == "19"]
    assert found and found[0]["target_actor"] == target, found


@pytest.mark.parametrize("text, root, modality", [
    ("Hezbollah will keep fighting until a ceasefire is reached in Gaza.", "08", "hypothetical"),
    ("Nujaba said its attacks would go on until the withdrawal of US forces from Iraq.", "08",
     "hypothetical"),
    ("The operations will stop only when the Israeli strikes on Gaza stop, the group said.", "19",
     "hypothetical"),
    ("No group has claimed responsibility for the drone strike.", "01", "negated"),
    ("Nobody claimed responsibility for the rocket attack on the embassy.", "01", "negated"),
])
def test_until_only_when_and_no_one(text, root, modality):
    found = [e for e in events(text) if e["cameo_root"] == root]
    assert found and found[0]["modality"] == modality, events(text)


@pytest.mark.parametrize("text, root, source", [
    ("Thousands rallied in Baghdad against the American presence.", "14", ""),
    ("Protesters in Tehran burned US flags outside the former embassy.", "14", ""),
    ("The Hamas onslaught on southern Israel killed hundreds.", "19", "hamas"),
    ("Israel launched a ground offensive in southern Lebanon.", "19", "israel"),
    ("We will not hesitate to take further measures, Austin said.", "13", ""),
])
def test_protest_onslaught_offensive_and_veiled_threats(text, root, source):
    found = [e for e in events(text) if e["cameo_root"] == root]
    assert found, events(text)
    if source:
        assert found[0]["source_actor"] == source


@pytest.mark.parametrize("text", [
    "Iraq hosts about 2,500 US troops.",
    "If attacks by Iran's proxies continue, Washington will respond.",
])
def test_standing_facts_and_proxies_owner(text):
    found = events(text)
    assert not [e for e in found if e["cameo_code"] == "043"]
    assert not [e for e in found if e["cameo_root"] == "19" and e["source_actor"] == "iran"], found


@pytest.mark.parametrize("text, source", [
    ("Yemen's Houthi rebels fired a missile at a tanker in the Gulf of Aden.", "houthis"),
    ("Lebanon's Hezbollah fired rockets at Metula.", "hezbollah"),
])
def test_a_country_owning_a_group_is_not_the_doer(text, source):
    found = [e for e in events(text) if e["cameo_root"] == "19"]
    assert found and found[0]["source_actor"] == source, found


@pytest.mark.parametrize("text, absent, present", [
    ("The Houthi attacks threaten global shipping, CENTCOM said.", "13", "19"),
    ("Attacks on shipping threaten the world economy.", "13", "19"),
    ("A missile slammed into the ship on Tuesday, the company said.", "11", "19"),
    ("Israel carried out a limited strike on Isfahan.", "08", "19"),
    ("Netanyahu toured the northern border on Monday.", "04", ""),
])
def test_words_in_another_sense(text, absent, present):
    found_roots = [e["cameo_root"] for e in events(text)]
    assert absent not in found_roots, found_roots
    if present:
        assert present in found_roots


@pytest.mark.parametrize("text, absent", [
    ("Kataib Hezbollah attacked the base in support of the people of Gaza.", "05"),
    ("Protesters rallied in solidarity with Lebanon.", "05"),
    ("Iraq is still fighting the threat posed by ISIS.", "13"),
])
def test_purposes_and_dangers_are_no_acts(text, absent):
    assert absent not in [e["cameo_root"] for e in events(text)], events(text)


@pytest.mark.parametrize("text, source, target", [
    ("IDF fighter jets struck a Hezbollah rocket launcher in southern Lebanon.", "idf", "hezbollah"),
    ("CENTCOM said its forces destroyed two Houthi anti-ship missiles.", "centcom", "houthis"),
])
def test_a_weapon_that_is_hit_is_not_fired(text, source, target):
    found = [e for e in events(text) if e["cameo_root"] == "19"]
    assert len(found) == 1 and (found[0]["source_actor"], found[0]["target_actor"]) == (source, target)
