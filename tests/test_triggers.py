"""Escalation triggers: conditional threats, retaliations and ultimatums (helpers.triggers).

Sentences written for these tests in the phrasing of Iranian state media, the Iraqi factions,
Hezbollah, the Houthis, Israeli and US officials; the seed article; and the hand-labelled
set tests/fixtures/event_sentences.csv (trigger column) for precision and recall.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import events as events_module
from helpers import triggers as triggers_module
from helpers.actors import context_for_text
from helpers.lexicon import read_lexicon, split_values
from helpers.pipeline import TABLE_COLUMNS
from helpers.triggers import find_triggers, trigger_lexicon

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "event_sentences.csv"
COLS = {c: k for k, c in enumerate(TABLE_COLUMNS["triggers"])}


def triggers(text: str, date: str = "2024-07-01") -> list[dict]:
    ctx = context_for_text(text, date=date)
    return [dict(zip(TABLE_COLUMNS["triggers"], row)) for row in find_triggers(ctx)]


def kinds(text: str) -> list[str]:
    return [t["kind"] for t in triggers(text)]


# --------------------------------------------------------------------------- lexicon
def test_lexicon_has_a_comment_header_and_no_form_in_two_rows():
    df = read_lexicon("trigger_cues")
    assert {"cues", "role", "notes"} <= set(df.columns)
    assert set(df["role"]) == {"condition", "not_condition", "retaliation", "ultimatum", "consequence",
                                "any_act"}
    seen = {}
    for k, row in enumerate(df.to_dict("records")):
        for form in split_values(row["cues"]):
            key = "".join(ch for ch in form.lower() if ch.isalnum())
            assert seen.setdefault(key, k) == k, form
    with open(Path(__file__).resolve().parents[1] / "helpers" / "lexicons" / "trigger_cues.csv",
              encoding="utf-8") as fh:
        assert fh.readline().startswith("#")
    assert trigger_lexicon()[0]["seeif"] == "not_condition"


# --------------------------------------------------------------------------- conditional threats
@pytest.mark.parametrize("text, threatener, target, condition", [
    # condition first
    ("Should Israel launch a war on Lebanon, Hezbollah will strike Haifa.",
     "hezbollah", "israel", "Should Israel launch a war on Lebanon"),
    ("Were the US to strike Iran, the IRGC would target American bases across the region.",
     "irgc", "united_states", "Were the US to strike Iran"),
    ("In the event that Israel invades Lebanon, Iraqi factions will join the war.",
     "iraqi_militias", "israel", "In the event that Israel invades Lebanon"),
    ("Unless US forces leave Iraq, Kataib Hezbollah will resume its attacks on them.",
     "kataib_hezbollah", "united_states", "Unless US forces leave Iraq"),
    ('"If the Zionist enemy attacks Lebanon, we will open the gates of hell," Nasrallah said.',
     "nasrallah", "israel", "If the Zionist enemy attacks Lebanon"),
    ("Once Israel attacks Rafah, the Houthis will target ships in the Red Sea.",
     "houthis", "israel", "Once Israel attacks Rafah"),
    (("As soon as the Americans hit our positions, our response will be decisive, Kataib "
     "Hezbollah said."), "kataib_hezbollah", "united_states", "As soon as the Americans hit our positions"),
    # consequence first
    ("Israel will strike Beirut if Hezbollah fires at Haifa, Gallant warned.",
     "israel", "lebanon", "if Hezbollah fires at Haifa"),
    ("US bases will not be safe if Washington keeps backing the Zionist regime, Tasnim reported.",
     "tasnim", "united_states", "if Washington keeps backing the Zionist regime"),
    (("The IRGC warned that any aggression against Iran would be met with a crushing response "
     "if Israel miscalculates."), "irgc", "israel", "if Israel miscalculates"),
    ("The Houthis said they would escalate if the aggression on Gaza continued.",
     "houthis", "", "if the aggression on Gaza continued"),
    (("Kataib Hezbollah said American interests would be targeted in the event that Washington "
     "backed an Israeli offensive."), "kataib_hezbollah", "united_states",
     "in the event that Washington backed an Israeli offensive"),
    # the condition is a quotation fragment
    (('The Iraqi factions vowed to increase the "scope and quality" of their attacks "if the threat '
     'against Lebanon turns into reality."'), "iraqi_militias", "", ("if the threat against Lebanon "
     "turns into reality")),
    # inversion in mid-sentence; "operations" as the harm; a reporting frame with a long tail
    ("Iraqi factions threatened to attack US interests should Israel launch a war on Lebanon.",
     "iraqi_militias", "united_states", "should Israel launch a war on Lebanon"),
    ("A PMF commander said the groups would resume operations if the talks stalled.",
     "pmf", "", "if the talks stalled"),
    (('Kataeb Hezbollah said in a statement last week that US forces "will be treated as enemies" '
     "unless the United States stops backing Israel."), "kataib_hezbollah", "united_states",
     "unless the United States stops backing Israel"),
    # US and Israeli phrasing
    (("Biden warned that the US would respond forcefully if Iran-backed militias attack "
     "American troops again."), "biden", None, "if Iran-backed militias attack American troops again"),
])
def test_conditional_threats(text, threatener, target, condition):
    found = [t for t in triggers(text) if t["kind"] == "conditional_threat"]
    assert len(found) == 1, (text, found)
    t = found[0]
    assert t["threatener"] == threatener, t
    if target is not None:
        assert t["target"] == target, t
    assert t["condition"] == condition, t
    assert t["consequence"] and t["condition"] not in t["consequence"]


@pytest.mark.parametrize("text", [
    "Analysts asked if Hezbollah would strike back.",
    "It is unclear whether Iran will attack Israel.",
    "Even if talks fail, Iraq will keep its embassy open.",
    "If confirmed, the strike would be the deepest yet.",
    "The militia looked as if it was preparing to withdraw.",
    "If things stay calm, the ministry will reopen the airport.",
    "If the talks succeed, the US will lift some sanctions.",
    "Reporters wanted to know if the Pentagon would respond.",
    "Once again, the envoy visited Beirut.",
    "At the moment, Israel is not planning to strike Iran.",
    "If you ask officials in Baghdad, the militias are under control.",
    "He asked whether US forces would be attacked if they stayed.",
    "If Israel stops its attacks, Hezbollah will stop firing.",
    ("Iran is pushing the militias in order to see if the US will pressure Israel not to hit "
    "Hezbollah."),
    "If things persist like this, Iran will be able to claim that its proxies tied Israel down.",
    "Iran could retaliate directly if Israel kills more of its commanders, analysts said.",
    "The ministry said in response to questions that the embassy would stay open.",
    "The US should leave Iraq, the cleric said.",
    "Hezbollah should be careful, analysts said, and Israel should not attack Lebanon.",
    "The attacks were the most serious to hit the base in years.",
    "If anything, the threats have become more frequent.",
    "Hezbollah will not attack if Israel withdraws from Lebanon.",
])
def test_non_threat_conditionals(text):
    assert "conditional_threat" not in kinds(text), triggers(text)


# --------------------------------------------------------------------------- retaliation
@pytest.mark.parametrize("text, threatener, target, condition", [
    ("Hezbollah fired rockets at Kiryat Shmona in retaliation for the killing of its commander.",
     "hezbollah", "israel", "the killing of its commander"),
    ("In response to the Israeli strike, Hezbollah launched drones at Haifa.",
     "hezbollah", "israel", "the Israeli strike"),
    ("The US struck Kataib Hezbollah facilities to avenge the three soldiers killed in Jordan.",
     "united_states", "kataib_hezbollah", "the three soldiers killed in Jordan"),
    ("Kataib Hezbollah attacked a US base in Syria as revenge for the assassination of its leader.",
     "kataib_hezbollah", "united_states", "the assassination of its leader"),
    ("Israel bombed Hodeidah port in reprisal for the Houthi drone attack on Tel Aviv.",
     "israel", "yemen", "the Houthi drone attack on Tel Aviv"),
])
def test_retaliation(text, threatener, target, condition):
    found = [t for t in triggers(text) if t["kind"] == "retaliation"]
    assert len(found) == 1, (text, triggers(text))
    t = found[0]
    assert (t["threatener"], t["target"], t["condition"]) == (threatener, target, condition)


def test_retaliation_needs_a_harmful_act():
    assert triggers("The ministry responded in response to questions from reporters.") == []
    assert "retaliation" not in kinds("Iran's response to the proposal was positive.")


# --------------------------------------------------------------------------- ultimatum
@pytest.mark.parametrize("text, threatener, target", [
    ("Israel gave Hamas until Sunday to release the hostages or face a ground invasion.",
     "israel", "hamas"),
    ("The US must withdraw its forces within 48 hours or face attacks, Kataib Hezbollah said.",
     "kataib_hezbollah", "united_states"),
    ("Unless US forces leave Iraq by the end of the year, Harakat al-Nujaba will resume attacks.",
     "harakat_al_nujaba", "united_states"),
    ("Kataib Hezbollah gave Washington a deadline to withdraw its troops from Iraq.",
     "kataib_hezbollah", "united_states"),
    ("Hamas has until Friday to accept the deal, Netanyahu said.", "netanyahu", "hamas"),
])
def test_ultimatum(text, threatener, target):
    found = triggers(text)
    assert [t["kind"] for t in found] == ["ultimatum"], found
    assert (found[0]["threatener"], found[0]["target"]) == (threatener, target)
    assert found[0]["condition"]


def test_ultimatum_with_otherwise():
    found = triggers("The council gave Washington until the end of the month to restrain Israel, "
                     "warning that the resistance would otherwise act.")
    assert [(t["kind"], t["target"]) for t in found] == [("ultimatum", "united_states")]


@pytest.mark.parametrize("text", [
    "The ministry must publish the figures by the end of the year.",
    "The deadline for applications is Friday.",
    "The talks lasted until Friday.",
    "Within two hours the convoy reached Baghdad.",
])
def test_deadlines_that_are_no_ultimatum(text):
    assert triggers(text) == []


# --------------------------------------------------------------------------- rows
def test_rows_have_the_table_columns_and_offsets():
    ctx = context_for_text("Quiet day. Hezbollah will strike Haifa if Israel invades Lebanon.")
    rows = find_triggers(ctx)
    assert len(rows) == 1 and len(rows[0]) == len(TABLE_COLUMNS["triggers"])
    r = rows[0]
    assert ctx.text[r[COLS["start"]]:r[COLS["end"]]] == r[COLS["cue"]] == "if"
    assert r[COLS["text"]] == ctx.sentence_text(r[COLS["sent_id"]]) and r[COLS["sent_id"]] == 1


def test_sentences_without_cues_give_nothing():
    assert triggers("Iran and Iraq signed a trade deal. The weather was fine.") == []


# --------------------------------------------------------------------------- the seed
@pytest.fixture(scope="module")
def seed_triggers(seed_analysis):
    return seed_analysis.triggers


def test_seed_conditional_threats(seed_triggers):
    tr = seed_triggers[seed_triggers.kind == "conditional_threat"]
    ircc = tr[tr.text.str.contains("will be targeted", regex=False)]
    assert len(ircc) == 1
    ircc = ircc.iloc[0]
    assert (ircc.threatener, ircc.target) == ("ircc", "united_states")
    assert ircc.condition == "if the Zionist regime attacks Lebanon"
    assert "American interests" in ircc.consequence and "will be targeted" in ircc.consequence
    scope = tr[tr.text.str.contains("scope and quality", regex=False)]
    assert len(scope) == 1
    scope = scope.iloc[0]
    assert (scope.threatener, scope.target) == ("iraqi_militias", "israel")
    assert scope.condition == "if the threat of the Zionist regime against Lebanon turns into reality"
    assert "scope and quality" in scope.consequence


def test_seed_non_threat_conditionals(seed_triggers):
    for words in ["in order to see if the US will pressure Israel", "If things persist like this"]:
        assert not len(seed_triggers[seed_triggers.text.str.contains(words, regex=False)]), words


def test_seed_eilat_drone_attack_is_a_retaliation(seed_triggers):
    ret = seed_triggers[seed_triggers.kind == "retaliation"]
    assert len(ret) == 1
    ret = ret.iloc[0]
    assert (ret.threatener, ret.target, ret.condition) == (
        "iraqi_militias", "israel", "the massacres in Gaza")
    assert "Umm al-Rashrash" in ret.consequence and ret.cue == "in response to"


# --------------------------------------------------------------------------- precision/recall
TRIGGER_PRECISION_FLOOR = 0.8
TRIGGER_RECALL_FLOOR = 0.7


def score_triggers(df) -> dict:
    """``helpers.validate.score_labelled_sentences`` for triggers: matched per sentence on kind;
    threatener and target agreement counted at bloc level."""
    from helpers.validate import score_labelled_sentences
    s = score_labelled_sentences(df, "triggers")
    return {"tp": s["tp"], "fp": s["fp"], "fn": s["fn"], "precision": s["precision"],
            "recall": s["recall"], "threatener": round(s["source_agrees"] * s["tp"]),
            "target": round(s["target_agrees"] * s["tp"])}


def test_precision_recall_on_hand_labelled_sentences():
    """Measured: 65 sentences, 11 labelled triggers (54 sentences have none, many of them a
    non-threatening "if"); kinds matched per sentence: precision 0.90, recall 0.82;
    threatener 8/9 and target 8/9 right among matches. Optimistic (rules revised after
    seeing these sentences); first runs: sentences 1-45, labelled before any run, P 0.83
    R 0.71; sentences 46-65, written after that revision, P 0.67 R 0.50 (only 4 triggers)."""
    s = score_triggers(read_lexicon(FIXTURE))
    print("triggers on hand-labelled sentences:", s)
    assert s["precision"] >= TRIGGER_PRECISION_FLOOR and s["recall"] >= TRIGGER_RECALL_FLOOR, s
    assert s["threatener"] >= 0.75 * s["tp"] and s["target"] >= 0.75 * s["tp"], s


@pytest.mark.parametrize("text", [
    "American interests will be targeted, the council said.",
    "Washington will pay a price, IRNA reported on Sunday",
    "Hezbollah will strike Haifa",
    '"We will respond," Quoted by Al-Mayadeen',
    "Nasrallah said é will respond, he SAID.",
])
def test_trailing_attribution_shortcut_matches_the_regex(text):
    assert triggers_module._strip_attribution(text) == \
        triggers_module._TRAILING_ATTRIBUTION.sub("", text)


_DEADLINE_PIECES = ["within", " within the next 48 hours", "WITHIN two days", " has until ",
                    "gave Iran until",
                    " by the end of", " no later than", "deadline", "ULTIMATUMS", " end", "later",
                    " untill", "wITHin", "é", "ſ", "K", " 3 ", " days", ",", ".", " the  end\nof"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_DEADLINE_PIECES), max_size=12).map("".join), st.data())
def test_deadline_gate_finds_what_the_regex_finds(text, data):
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    found = triggers_module._deadline(text, a, b)
    want = triggers_module._DEADLINE.search(text, a, b)
    assert (found and found.span()) == (want and want.span())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=' \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u2028\u3000\u200bab.,"\'-!?;:',
               max_size=20))
def test_clean_joins_white_space_as_the_regex_did(text):
    want = triggers_module._SPACES.sub(" ", text.strip(triggers_module._STRIP)).strip(
        triggers_module._STRIP)
    assert triggers_module._clean(text) == want


@pytest.mark.parametrize("text, threatener, target", [
    ("Washington must withdraw its forces from Iraq or face the consequences, Nujaba's spokesman said.",
     "harakat_al_nujaba", "united_states"),
    ("US forces must leave Iraq or face the wrath of the resistance, Kataib Hezbollah said.",
     "kataib_hezbollah", "united_states"),
    ("Israel has to stop its aggression on Gaza, otherwise the front will expand, Hezbollah warned.",
     "hezbollah", "israel"),
])
def test_a_demand_with_a_harmful_alternative_is_an_ultimatum_without_a_deadline(text, threatener, target):
    (t,) = triggers(text)
    assert (t["kind"], t["threatener"], t["target"]) == ("ultimatum", threatener, target)


@pytest.mark.parametrize("text", [
    "Students must register or else lose their place.",  # no actor, no harm
    "Iraq must pass the budget or risk a delay in salaries, the finance minister said.",
])
def test_a_demand_with_a_harmless_alternative_is_no_ultimatum(text):
    assert kinds(text) == []


@pytest.mark.parametrize("text, threatener, target", [
    ("Any attack on Iran will be met with a crushing response, the IRGC warned.", "irgc", ""),
    ("Any Israeli aggression against Lebanon would trigger a regional war, the Iranian foreign "
     "minister warned.", "iran", "israel"),
    ("Any American attack on the resistance will be answered with force, Nujaba said.",
     "harakat_al_nujaba", "united_states"),
    ("Unless US forces leave Iraq, the attacks will continue, Kataib Hezbollah said.",
     "kataib_hezbollah", "united_states"),
])
def test_threats_stated_as_a_rule_or_as_continued_attacks(text, threatener, target):
    (t,) = triggers(text)
    assert (t["kind"], t["threatener"], t["target"]) == ("conditional_threat", threatener, target)


@pytest.mark.parametrize("text", [
    "Any attempt to reach a deal will be met with skepticism by investors.",
    "Iran does not want any escalation, the ministry said.",
    "Every day the militias fire rockets at the base.",
])
def test_any_without_a_threat_is_no_trigger(text):
    assert kinds(text) == []


@pytest.mark.parametrize("text, threatener, target", [
    ("If Hezbollah does not withdraw beyond the Litani, Israel will act to push it back, Gallant said.",
     "israel", "hezbollah"),
    ("A U.S. defense official said Washington would act again if the terror groups kept attacking "
     "American forces.", "united_states", ""),
])
def test_will_act_is_a_threatened_consequence(text, threatener, target):
    (t,) = triggers(text)
    assert (t["kind"], t["threatener"], t["target"]) == ("conditional_threat", threatener, target)


def test_a_conditional_with_no_party_is_no_threat():
    assert kinds("If the talks fail, the ministry will act to protect consumers.") == []


@pytest.mark.parametrize("text, consequence", [
    ("The resistance said both operations came in response to the massacres in Gaza.", "both operations"),
    ('"These were self-defense strikes, and they were a response to attacks on our people," '
     "the Pentagon said.", "These were self-defense strikes"),
])
def test_a_retaliations_act_does_not_end_in_a_dangling_verb(text, consequence):
    (t,) = triggers(text)
    assert t["kind"] == "retaliation" and t["consequence"] == consequence


def test_precision_recall_on_the_held_out_sentences():
    """tests/fixtures/event_sentences_heldout.csv: 100 sentences written and labelled blind,
    27 triggers (17 conditional threats, 5 retaliations, 5 ultimatums) and 11 hard negatives.
    First run: P 0.87 R 0.74, threatener 19/20 and target 15/20 right among matches."""
    s = score_triggers(read_lexicon(Path(__file__).resolve().parent / "fixtures"
                                    / "event_sentences_heldout.csv"))
    print("triggers on held-out sentences:", s)
    assert s["precision"] >= 0.8 and s["recall"] >= 0.7, s
    assert s["threatener"] >= 0.85 * s["tp"] and s["target"] >= 0.7 * s["tp"], s


@pytest.mark.parametrize("text", [
    "Were Israel to strike Iran, Hezbollah would almost certainly open a second front, analysts said.",
    "If the talks collapse, the militias are likely to resume attacks on US bases, the report said.",
    "Should Washington strike Iran, the Houthis would probably target shipping, ISW assessed.",
    "The Houthis said their naval operations would stop once the war on Gaza ends.",
    "If a ceasefire holds, Kataib Hezbollah will halt its operations, the group said.",
])
def test_forecasts_and_conditional_promises_are_no_threats(text):
    assert "conditional_threat" not in kinds(text)


def test_a_firm_conditional_threat_is_still_one():
    assert kinds("If Israel strikes Iran, Hezbollah will strike Haifa, Qassem warned.") == [
        "conditional_threat"]


@pytest.mark.parametrize("text, threatener, target, condition", [
    ("Hezbollah fired rockets at Kiryat Shmona. In response, IDF jets struck Hezbollah launchers.",
     "idf", "hezbollah", "Hezbollah fired rockets at Kiryat Shmona"),
    ("Militias attacked Ain al-Asad. In retaliation, US aircraft struck Kataib Hezbollah sites.",
     "united_states", "kataib_hezbollah", "Militias attacked Ain al-Asad"),
])
def test_in_response_answers_the_sentence_before(text, threatener, target, condition):
    rows = [t for t in triggers(text) if t["kind"] == "retaliation"]
    assert len(rows) == 1, rows
    assert (rows[0]["threatener"], rows[0]["target"], rows[0]["condition"]) == (threatener, target, condition)


def test_in_response_without_a_harmful_act_is_no_retaliation():
    assert kinds("The militias attacked the base. In response, the ministry issued a statement.") == []


@pytest.mark.parametrize("text, threatener, target", [
    ("Gallant warned Hezbollah that it would pay a heavy price for every rocket attack on the north.",
     "gallant", "hezbollah"),
    ("The IRGC said it would retaliate against any Israeli attack on Iranian soil.", "irgc", "israel"),
    ("Khazali said the factions will respond to any aggression against Iraq.", "qais_khazali", ""),
])
def test_a_threat_stated_before_the_acts_it_answers(text, threatener, target):
    rows = [t for t in triggers(text) if t["kind"] == "conditional_threat"]
    assert len(rows) == 1, triggers(text)
    assert (rows[0]["threatener"], rows[0]["target"]) == (threatener, target)


@pytest.mark.parametrize("text", [
    "Students must register for any course before Friday.",
    "Iran condemned every attack on its diplomats.",
    "The ministry will respond to any question from reporters.",
])
def test_any_or_every_without_a_threatened_harm_is_no_trigger(text):
    assert kinds(text) == []


@pytest.mark.parametrize("text, threatener, target", [
    ("Any new American-British aggression will not go unanswered, the Houthis' spokesman said.",
     "houthis", "united_states"),
    ("Any mistake by the Zionist regime would not go unpunished, the IRGC warned.", "irgc", "israel"),
    ("Our operations will continue as long as the aggression on Gaza continues, Kataib Hezbollah said.",
     "kataib_hezbollah", ""),
])
def test_unanswered_and_as_long_as(text, threatener, target):
    rows = [t for t in triggers(text) if t["kind"] == "conditional_threat"]
    assert len(rows) == 1, triggers(text)
    assert (rows[0]["threatener"], rows[0]["target"]) == (threatener, target)


def test_as_long_as_a_truce_holds_is_no_threat():
    assert kinds("As long as the truce holds, the factions will abide by it.") == []


def test_bringing_the_war_to_a_city_is_a_threatened_consequence():
    rows = triggers("If Hezbollah does not stop, Israel will bring the war to Beirut, Katz said.")
    assert [r["kind"] for r in rows] == ["conditional_threat"]
    assert rows[0]["consequence"].startswith("Israel will bring the war to Beirut")


@pytest.mark.parametrize("text", [
    "If Israel attacks Lebanon, our operations will not stop, Qassem said.",
    "If the aggression continues, Hezbollah will never halt its attacks on Israel, the group warned.",
])
def test_a_negated_stop_is_no_promise(text):
    assert kinds(text) == ["conditional_threat"]
