"""Tests for helpers.stance: the cue lexicon, negation and intensity, holders (quotes,
embedded speakers), targets, pejorative naming, the stance table, VADER beside it, and the
seed article.

Sentences are written for these tests in many phrasings (wire copy, Israeli and US official
statements, Iranian state media, militia statements; passive voice; spellings Kata'ib/Kataeb,
Hizbullah). Tests that must not depend on how quotations are attributed build the document
context by hand (``hand_ctx``); the others go through ``helpers.actors.context_for_text``.
"""

from __future__ import annotations

import re
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import stance
from helpers.clean import normalize, paragraph_index, sentence_spans
from helpers.document import DocContext, Mention, Quote
from helpers.lexicon import phrase_pattern, read_lexicon, split_values
from helpers.pipeline import TABLE_COLUMNS
from helpers.stance import (
    document_evidence,
    evidence,
    explain,
    score_document,
    sentence_stance,
    stance_matrix,
)

ROOT = Path(__file__).resolve().parents[1]
SEED_FILE = ROOT / "seeds" / "iraqi_militia_threats_2024-07-01.txt"
FIXTURE_CORPUS = ROOT / "tests" / "fixtures" / "corpus"

SEED_DOC = SEED_FILE.stem
HOSTILE_CATEGORIES = {"threat", "violence", "pejorative_naming", "delegitimising", "blame",
                      "deterrence"}
FRIENDLY_CATEGORIES = {"de-escalation", "conciliation", "support"}


# --------------------------------------------------------------------------- helpers
HAND_ALIASES = {
    "Hezbollah": "hezbollah", "Iran": "iran", "Tehran": "iran", "Israel": "israel",
    "Washington": "united_states", "American": "united_states", "IRNA": "irna",
    "Qatar": "qatar", "Lebanon": "lebanon", "Kataib Hezbollah": "kataib_hezbollah",
    "Iraqi Resistance Coordination Council": "ircc",
}
HAND_PEJORATIVE = {"Zionist regime": "israel", "Zionist entity": "israel"}


def hand_ctx(text: str, quotes=(), speakers=None) -> DocContext:
    """A DocContext built by hand: mentions from HAND_ALIASES, quotations given as
    (quoted words, speaker, kind). The sentence holding a speech quote takes its speaker,
    as helpers.actors.find_quotes does."""
    text = normalize(text)
    spans = sentence_spans(text)
    ctx = DocContext("hand", text, spans)
    ctx.paragraphs = paragraph_index(text, spans)
    table = {k: (v, False) for k, v in HAND_ALIASES.items()}
    table.update({k: (v, True) for k, v in HAND_PEJORATIVE.items()})
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(
        re.escape(k) for k in sorted(table, key=len, reverse=True)) + r")(?!\w)")
    mentions = []
    for m in pattern.finditer(text):
        actor, pej = table[m.group(0)]
        mentions.append(Mention(m.start(), m.end(), actor, m.group(0), ctx.sentence_of(m.start()),
                                pej, "pejorative" if pej else "alias"))
    ctx.set_mentions(mentions)
    qs = []
    for words, speaker, kind in quotes:
        a = text.index(words)
        qs.append(Quote(a, a + len(words), ctx.sentence_of(a), speaker, "", kind))
        if kind == "speech":
            ctx.speakers[ctx.sentence_of(a)] = speaker
    ctx.quotes = qs
    for i, sp in (speakers or {}).items():
        ctx.speakers[i] = sp
    return ctx


def pairs(ctx_or_text, speaker: str = "author") -> dict:
    """(holder, target) -> score for a hand-built context or a text."""
    if isinstance(ctx_or_text, DocContext):
        rows = score_document(ctx_or_text)[2]
        return {(r[1], r[2]): r[3] for r in rows}
    df = sentence_stance(ctx_or_text, speaker=speaker)
    return {(r.holder, r.target): r.score for r in df.itertuples()}


def sentence_score(text: str, speaker: str = "author"):
    from helpers.actors import context_for_text
    ctx = context_for_text(text)
    if speaker != "author":
        ctx.speakers = [speaker] * len(ctx.spans)
    return document_evidence(ctx)[0][0]


# --------------------------------------------------------------------------- the lexicon
def test_lexicon_opens_with_documentation_of_every_column():
    head = []
    with open(ROOT / "helpers" / "lexicons" / "stance_cues.csv", encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("#"):
                break
            head.append(line)
    doc = "".join(head)
    assert len(head) >= 10
    for column in ["cues", "weight", "category", "aim", "notes"]:
        assert re.search(rf"#\s+{column}\s+-", doc), column
    assert "How rows were chosen" in doc and "Weight scale" in doc


def test_lexicon_values_are_valid_and_signed_by_category():
    df = read_lexicon("stance_cues")
    assert list(df.columns) == ["cues", "weight", "category", "aim", "notes"]
    for r in df.itertuples():
        w = float(r.weight)
        assert -1.0 <= w <= 1.0, r.cues
        assert r.aim in {"object", "subject", "either"}, r.cues
        assert r.category in HOSTILE_CATEGORIES | FRIENDLY_CATEGORIES, r.cues
        if r.category in HOSTILE_CATEGORIES:
            assert w < 0, r.cues
        elif w != 0.0:  # 0.0 = a look-alike listed so the longer match wins ("thanks to")
            assert w > 0, r.cues


def test_every_cue_form_is_in_exactly_one_row():
    seen: dict[str, int] = {}
    for k, r in enumerate(read_lexicon("stance_cues").itertuples()):
        for form in split_values(r.cues):
            key = stance._key(form)  # "air strike" and "airstrike" share a key: same row is fine
            assert seen.get(key, k) == k, f"{form!r} is in two rows"
            seen[key] = k


def test_weight_scale_follows_the_theory():
    df = read_lexicon("stance_cues")
    df["w"] = df["weight"].astype(float)
    mean_abs = df.groupby("category")["w"].apply(lambda s: s.abs().mean())
    assert mean_abs["threat"] > mean_abs["blame"] > mean_abs["deterrence"]
    assert mean_abs["threat"] > mean_abs["delegitimising"] > mean_abs["deterrence"]
    assert mean_abs["support"] >= mean_abs["conciliation"]


@pytest.mark.parametrize("form", [
    "threatened", "warned", "vowed to strike", "legitimate targets", "pay a price", "attacked",
    "struck", "killed", "destroyed", "massacre", "crimes", "aggression", "occupation",
    "usurping", "criminal", "terrorist", "illegitimate", "puppet", "regime", "mercenaries",
    "accused", "blamed", "responsible for", "condemned", "denounced", "deter", "pressure",
    "warned against", "reduce tensions", "calm", "restraint", "ceasefire", "truce",
    "de-escalate", "halt attacks", "dialogue", "talks", "negotiate", "cooperation",
    "partnership", "welcomed", "praised", "thanked", "support", "backed", "stand with",
    "solidarity with", "ally of", "defend",
])
def test_lexicon_covers_the_brief(form):
    pattern, lookup = stance._cue_index()
    m = pattern.fullmatch(form)
    assert m is not None and stance._key(m.group(0)) in lookup


# --------------------------------------------------------------------------- the trie regex
def _all_forms():
    return [f for c in read_lexicon("stance_cues")["cues"] for f in split_values(c)]


def test_trie_pattern_matches_exactly_what_phrase_pattern_matches_on_real_text():
    forms = _all_forms()
    slow, fast = phrase_pattern(forms), stance.trie_pattern(forms)
    texts = [SEED_FILE.read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in sorted(FIXTURE_CORPUS.glob("*.txt"))]
    texts += list(pd.read_csv(ROOT / "tests" / "fixtures" / "stance_labelled.csv", comment="#").text)
    for t in texts:
        t = normalize(t)
        assert [m.span() for m in slow.finditer(t)] == [m.span() for m in fast.finditer(t)]


_WORDS = ["attack", "attacks", "on", "the", "Israel", "pay", "a", "heavy", "price", "de",
          "escalate", "cease", "fire", "thanks", "to", "stand", "with", "Kata'ib", "war",
          "against", "not", "in", "coffins", "all-out", "-", ",", "'", "deescalation"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=12),
       st.lists(st.sampled_from([" ", "  ", "-", "", "\n"]), min_size=12, max_size=12))
def test_trie_pattern_equals_phrase_pattern_on_generated_text(words, seps):
    text = "".join(w + s for w, s in zip(words, seps))
    forms = _all_forms()
    slow, fast = phrase_pattern(forms), stance.trie_pattern(forms)
    assert [m.span() for m in slow.finditer(text)] == [m.span() for m in fast.finditer(text)]


# --------------------------------------------------------------------------- weights
@pytest.mark.parametrize("text", [
    "Iran doesn't want Hezbollah, its most important proxy, defeated.",
    "Iran does not want Hezbollah defeated.",
    "Tehran has never wanted Hezbollah destroyed.",
    "Iran never wanted Hezbollah crushed.",
])
def test_negated_wish_for_defeat_is_support_not_hostility(text):
    got = pairs(text)
    assert got.get(("iran", "hezbollah"), 0) > 0
    assert all(score >= 0 for (h, t), score in got.items() if t == "hezbollah")


def test_the_same_wish_without_negation_is_hostile():
    assert pairs("Israel wants Hezbollah defeated.")[("israel", "hezbollah")] < 0


@pytest.mark.parametrize("negated, plain", [
    ("Qatar did not condemn Hezbollah.", "Qatar condemned Hezbollah."),
    ("Qatar refused to condemn Hezbollah.", "Qatar condemned Hezbollah."),
    ("Tehran has never threatened Washington.", "Tehran has threatened Washington."),
    ("Hezbollah won't attack Israel.", "Hezbollah will attack Israel."),
])
def test_negation_flips_and_dampens(negated, plain):
    pos, neg = pairs(negated), pairs(plain)
    (pair, value), = neg.items()
    assert value < 0
    assert 0 < pos[pair] < abs(value)


@pytest.mark.parametrize("text, pair", [
    ("The IRGC said it will not hesitate to attack US forces.", ("irgc", "united_states")),
    ("Kataib Hezbollah said it wouldn't hesitate to strike US forces in Iraq.",
     ("kataib_hezbollah", "united_states")),
    ("Hezbollah did not rule out strikes on Israel.", ("hezbollah", "israel")),
    ("Nasrallah said Hezbollah would not hesitate to target the Zionist entity.",
     ("hezbollah", "israel")),
])
def test_not_hesitate_and_not_rule_out_threaten_rather_than_deny(text, pair):
    # a negator before "hesitate"/"rule out" affirms the act: the stance stays hostile
    assert pairs(text)[pair] < 0


def test_negation_factor_and_window_are_named_constants():
    assert stance.NEGATION_FACTOR < 0 and abs(stance.NEGATION_FACTOR) < 1
    assert stance.modify_weight(-0.5, ["did", "not"]) == pytest.approx(-0.5 * stance.NEGATION_FACTOR)
    # a negator further back than NEGATION_WINDOW words does not reach the cue
    far = ["not"] + ["x"] * stance.NEGATION_WINDOW
    assert stance.modify_weight(-0.5, far) == -0.5
    assert stance.modify_weight(-0.5, ["not", "only"]) == -0.5


@pytest.mark.parametrize("template", [
    "Qatar {} condemned Hezbollah.",
    "The spokesman said Qatar {} condemned Hezbollah.",
    "Lebanon {} denounced Israel.",
])
def test_intensifiers_and_deintensifiers_scale_the_weight(template):
    def only(word):
        (value,) = pairs(template.format(word)).values()
        return value

    plain, strong, fierce, soft = only(""), only("strongly"), only("fiercely"), only("somewhat")
    assert strong == pytest.approx(plain * stance.INTENSIFIER_FACTOR)
    assert fierce == strong
    assert soft == pytest.approx(plain * stance.DEINTENSIFIER_FACTOR)
    assert strong < plain < soft < 0


def test_intensified_threat_is_capped_at_minus_one():
    assert stance.modify_weight(-0.8, ["very", "severely"]) == -1.0
    got = pairs("Tehran said Israel will very severely pay a heavy price.")
    assert got[("iran", "israel")] == -1.0


# --------------------------------------------------------------------------- pejorative naming
@pytest.mark.parametrize("text, holder", [
    ('"The Zionist regime is collapsing," IRNA said.', "irna"),
    ("IRNA said the Zionist regime is collapsing.", "irna"),
    ("Hezbollah said on Tuesday that the Zionist entity bombed the south again.", "hezbollah"),
    ('"The Great Satan has no place in our region," Press TV said.', "press_tv"),
])
def test_pejorative_name_is_hostility_from_its_user(text, holder):
    got = pairs(text)
    target = "united_states" if "Satan" in text else "israel"
    assert got[(holder, target)] <= stance.PEJORATIVE_WEIGHT
    assert ("author", target) not in got


def test_pejorative_name_in_the_authors_own_words_is_the_authors():
    ctx = hand_ctx("The Zionist regime has lost its way.")
    assert pairs(ctx) == {("author", "israel"): stance.PEJORATIVE_WEIGHT}


def test_pejorative_name_in_scare_quotes_is_not_the_authors():
    ctx = hand_ctx('Militia statements call Israel the "Zionist entity" as a rule.',
                   quotes=[("Zionist entity", "", "scare")])
    assert ("author", "israel") not in pairs(ctx)


def test_a_neutral_name_carries_no_stance():
    from helpers.actors import context_for_text
    ctx = context_for_text("Israel's cabinet met on Sunday to review the situation in the north.")
    scores, _vader, rows = score_document(ctx)
    assert scores == [None] and rows == []


# --------------------------------------------------------------------------- holders
def test_holder_inside_and_outside_a_quote():
    text = ('Israel was condemned for the strike, and IRNA wrote: '
            '"The Zionist regime will pay a heavy price."')
    ctx = hand_ctx(text, quotes=[("The Zionist regime will pay a heavy price.", "irna", "speech")])
    got = pairs(ctx)
    assert got[("irna", "israel")] <= -0.8          # the cue inside the quote is IRNA's
    assert got[("author", "israel")] < 0            # "was condemned": the author's own words
    ev = explain_ctx(ctx)
    inside = ev[ev.cue == "pay a heavy price"]
    assert set(inside.holder) == {"irna"}
    outside = ev[ev.cue == "condemned"]
    assert set(outside.holder) == {"author"}


def explain_ctx(ctx) -> pd.DataFrame:
    _s, items = document_evidence(ctx)
    return pd.DataFrame([(e.holder, e.target, e.weight, e.cue) for e in items],
                        columns=["holder", "target", "weight", "cue"])


def test_embedded_speaker_inside_a_quote_holds_the_stance_too():
    words = ("The Iraqi Resistance Coordination Council has announced that all American "
             "interests in the region will be targeted")
    ctx = hand_ctx(f'"{words}," IRNA said.', quotes=[(words, "irna", "speech")])
    got = pairs(ctx)
    assert got[("irna", "united_states")] < 0
    assert got[("ircc", "united_states")] < 0


@pytest.mark.parametrize("text, holder, target", [
    ("Kataib Hezbollah announced that American bases will be targeted.", "kataib_hezbollah", "united_states"),
    ("Al-Mayadeen reported that Kata'ib Hezbollah threatened to strike American bases.", "kataib_hezbollah", "united_states"),
    ("Tehran declared that the Zionist entity would pay dearly.", "iran", "israel"),
    ("Qais Khazali, the head of Asaib Ahl al-Haq, warned that Washington would pay a price.", "qais_khazali", "united_states"),
    ("The Houthis vowed to strike Israel again.", "houthis", "israel"),
])
def test_subject_of_a_speech_or_threat_verb_is_a_holder(text, holder, target):
    got = pairs(text)
    assert got[(holder, target)] < 0
    assert ("author", target) not in got  # the article reports it; the author holds nothing


def test_reported_speech_keeps_the_outer_speaker_as_well():
    got = pairs("Al-Mayadeen reported that Kataib Hezbollah threatened to strike American bases.")
    assert got[("al_mayadeen", "united_states")] < 0


def test_holder_is_never_its_own_target():
    got = pairs("Israel said Israel would defend itself against any attack.")
    assert ("israel", "israel") not in got
    got = pairs("The Pentagon denounced the attack and said American forces will respond.")
    assert all(h != t for h, t in got)
    assert not any(h in {"united_states", "us_dod"} and t in {"united_states", "us_dod"} for h, t in got)


# --------------------------------------------------------------------------- targets
def test_target_is_the_aimed_at_actor_not_every_actor_in_the_sentence():
    got = pairs("Iran praised Qatar for its mediation between Israel and Hamas.")
    assert got[("iran", "qatar")] > 0
    assert ("iran", "israel") not in got and ("iran", "hamas") not in got


def test_target_of_a_threat_is_not_the_place_it_happens_in():
    got = pairs("Kataib Hezbollah threatened American forces in Iraq.")
    assert got[("kataib_hezbollah", "united_states")] < 0
    assert ("kataib_hezbollah", "iraq") not in got


def test_backed_by_makes_the_backer_the_holder():
    got = pairs("Kataib Hezbollah, backed by Iran, threatened Washington.")
    assert got[("iran", "kataib_hezbollah")] > 0
    assert got[("kataib_hezbollah", "united_states")] < 0
    assert ("iran", "united_states") not in got


@pytest.mark.parametrize("text, target", [
    ("Hezbollah called the Israeli army a gang of child killers.", "idf"),
    ("Hizbullah's leader condemned Israel's crimes in the south.", "israel"),
    ("The statement said American forces are legitimate targets.", "united_states"),
    ("Israel was accused of committing massacres.", "israel"),
])
def test_subject_aimed_cues_find_the_actor_they_describe(text, target):
    got = pairs(text)
    assert any(t == target and score < 0 for (h, t), score in got.items())


def test_coordinated_targets_are_all_targets():
    got = pairs("Kataib Hezbollah threatened Israel and the United States.")
    assert got[("kataib_hezbollah", "israel")] < 0
    assert got[("kataib_hezbollah", "united_states")] < 0


def test_hypothetical_act_in_an_if_clause_is_not_stance_but_the_name_still_is():
    ctx = hand_ctx('"Our fighters are ready if the Zionist regime attacks Lebanon," IRNA said.',
                   quotes=[("Our fighters are ready if the Zionist regime attacks Lebanon,", "irna", "speech")])
    got = pairs(ctx)
    assert ("israel", "lebanon") not in got and ("irna", "lebanon") not in got
    assert got[("irna", "israel")] == stance.PEJORATIVE_WEIGHT


def test_passive_attack_with_no_named_attacker_gives_no_row():
    got = pairs("American forces were attacked near the border on Sunday.")
    assert got == {}
    assert pairs("American forces were attacked by Kataeb Hezbollah.")[("kataib_hezbollah", "united_states")] < 0


def test_a_reported_attack_is_held_by_the_attacker_not_the_reporter():
    got = pairs("Kata'ib Hezbollah launched drones at Israel on Monday, Al-Mayadeen reported.")
    assert got[("kataib_hezbollah", "israel")] < 0
    assert ("al_mayadeen", "israel") not in got and ("author", "israel") not in got


# --------------------------------------------------------------------------- rows and scores
def test_no_row_without_evidence_and_none_sentence_score():
    text = ("The delegation met officials in Beirut. Washington condemned the attacks. "
            "The minister arrived in Baghdad for a two-day visit.")
    from helpers.actors import context_for_text
    ctx = context_for_text(text)
    scores, vader, rows = score_document(ctx)
    assert scores[0] is None and scores[2] is None
    assert scores[1] < 0                 # a cue with no named target still scores the sentence
    assert rows == []                    # ... but gives no holder -> target row
    assert len(vader) == 3 and all(isinstance(v, float) for v in vader)


def test_rows_have_the_table_columns_and_evidence_ids():
    ctx = hand_ctx("Iran praised Qatar. The weather was fine. Iran thanked Qatar again.")
    scores, _v, rows = score_document(ctx)
    assert scores[1] is None
    df = pd.DataFrame(rows, columns=TABLE_COLUMNS["stance"])
    (row,) = df.itertuples()
    assert (row.holder, row.target, row.n_evidence, row.evidence_sent_ids) == ("iran", "qatar", 2, "0|2")
    assert row.score == pytest.approx((0.6 + 0.5) / 2)


def test_pair_score_is_the_mean_of_clipped_sentence_sums():
    ctx = hand_ctx("Iran strongly condemned Qatar and threatened Qatar. Iran praised Qatar.")
    rows = score_document(ctx)[2]
    assert rows[0][3] == pytest.approx((-1.0 + 0.6) / 2)


def test_deterministic_and_sorted():
    from helpers.actors import context_for_text
    text = SEED_FILE.read_text(encoding="utf-8").split(" ", 2)[2]
    a = score_document(context_for_text(text, doc_id="x"))
    b = score_document(context_for_text(text, doc_id="x"))
    assert a == b
    keys = [(r[1], r[2]) for r in a[2]]
    assert keys == sorted(keys) and len(keys) == len(set(keys))


def test_only_sentences_with_cues_or_pejorative_names_are_examined(monkeypatch):
    made = []
    real = stance._Sentence

    class Counting(real):
        __slots__ = ()

        def __init__(self, ctx, i, *args, **kwargs):
            made.append(i)
            super().__init__(ctx, i, *args, **kwargs)

    monkeypatch.setattr(stance, "_Sentence", Counting)
    text = " ".join(["The minister arrived in Baghdad on Monday."] * 50
                    + ["Hezbollah threatened Israel."])
    from helpers.actors import context_for_text
    scores, _ev = document_evidence(context_for_text(text))
    assert made == [50]
    assert scores[:50] == [None] * 50 and scores[50] < 0


# --------------------------------------------------------------------------- VADER
def test_vader_is_not_loaded_at_import_and_made_once():
    code = ("import sys, helpers.stance as s; "
            "assert s._ANALYZER is None; assert 'vaderSentiment.vaderSentiment' not in sys.modules; "
            "a = s._vader(); assert s._vader() is a; print('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         check=False)
    assert out.stdout.strip() == "ok", out.stderr


def test_vader_shortcut_gives_exactly_vaders_compound():
    analyzer = stance._vader()
    texts = list(pd.read_csv(ROOT / "tests" / "fixtures" / "stance_labelled.csv", comment="#").text)
    for p in [SEED_FILE, *sorted(FIXTURE_CORPUS.glob("*.txt"))]:
        t = normalize(p.read_text(encoding="utf-8"))
        texts += [t[a:b] for a, b in sentence_spans(t)]
    texts += ["No.", ":) fine", "It is :( sad", "Not bad at all!!!", "kind of ok", "café ☺"]
    assert len(texts) > 200
    for t in texts:
        assert stance.vader_compound(t) == analyzer.polarity_scores(t)["compound"], t


def test_domain_score_beats_vader_on_the_labelled_fixture():
    """Measured on tests/fixtures/stance_labelled.csv (81 sentences written for tests, 27 per
    label). The lexicon author read this file, so the domain figure is optimistic; the test
    guards against regressions, not for a claim of accuracy."""
    from helpers.model import read_labelled
    df = read_labelled(ROOT / "tests" / "fixtures" / "stance_labelled.csv")
    dom = [stance.label(sentence_score(t, sp)) for t, sp in zip(df.text, df.speaker)]
    vad = [stance.label(stance.vader_compound(t), 0.05) for t in df.text]
    acc_dom = sum(a == b for a, b in zip(dom, df.label)) / len(df)
    acc_vad = sum(a == b for a, b in zip(vad, df.label)) / len(df)
    assert acc_dom >= 0.85
    assert acc_dom > acc_vad


def test_compare_with_vader_puts_the_largest_disagreements_first(seed_analysis):
    out = stance.compare_with_vader(seed_analysis.sentences, n=5)
    assert len(out) == 5
    assert list(out.gap) == sorted(out.gap, reverse=True)
    assert {"stance", "vader", "gap", "sign_disagree", "text"} <= set(out.columns)


# --------------------------------------------------------------------------- notebook helpers
def test_sentence_stance_columns_and_cues():
    df = sentence_stance("Qatar welcomed the ceasefire and praised Lebanon.")
    assert list(df.columns) == ["holder", "target", "score", "cues"]
    row = df.set_index(["holder", "target"]).loc[("qatar", "lebanon")]
    assert row.score > 0 and "praised" in row.cues
    assert sentence_stance("The minister arrived in Baghdad.").empty


def test_explain_lists_evidence_with_offsets():
    ev = explain("Hezbollah threatened Israel.")
    assert list(ev.columns) == ["sent_id", "holder", "target", "weight", "cue", "category", "start", "end"]
    assert ev.iloc[0].cue == "threatened" and ev.iloc[0].category == "threat"


def test_stance_matrix_pivot():
    df = pd.DataFrame({"doc_id": ["a", "b", "a"], "holder": ["irna", "irna", "author"],
                       "target": ["israel", "israel", "iran"], "score": [-0.5, -1.0, 0.5],
                       "n_evidence": [1, 3, 1], "evidence_sent_ids": ["1", "2|3|4", "5"]})
    m = stance_matrix(df)
    assert m.loc["irna", "israel"] == pytest.approx(-0.75)
    assert pd.isna(m.loc["irna", "iran"])
    assert stance_matrix(df, weighted=True).loc["irna", "israel"] == pytest.approx(-0.875)
    assert stance_matrix(df.iloc[0:0]).empty


# --------------------------------------------------------------------------- the seed
def _seed_rows(seed_analysis):
    s = seed_analysis.stance
    return {(r.holder, r.target): r for r in s[s.doc_id == SEED_DOC].itertuples()}


def test_seed_irna_is_hostile_to_israel_with_evidence(seed_analysis):
    row = _seed_rows(seed_analysis)[("irna", "israel")]
    assert row.score < -0.3
    assert row.n_evidence >= 3 and len(row.evidence_sent_ids.split("|")) == row.n_evidence


def test_seed_council_threat_relayed_by_irna(seed_analysis):
    rows = _seed_rows(seed_analysis)
    assert rows[("ircc", "united_states")].score < -0.3  # the threshold for hostile
    assert rows[("ircc", "united_states")].n_evidence >= 1
    assert rows[("irna", "united_states")].score < 0
    assert rows[("ircc", "israel")].score < 0


def test_seed_authors_voice_is_kept_apart_from_the_sources(seed_analysis):
    sents = seed_analysis.sentences.set_index(["doc_id", "sent_id"])
    quoted = {i for i, sp in sents.loc[SEED_DOC, "speaker"].items() if sp != "author"}
    for (holder, target), row in _seed_rows(seed_analysis).items():
        if holder == "author":
            ids = {int(x) for x in row.evidence_sent_ids.split("|")}
            assert not ids & quoted, (target, ids)
    # IRNA's pejorative names never become the author's
    assert ("author", "israel") not in _seed_rows(seed_analysis)


def test_seed_iran_does_not_want_hezbollah_defeated_is_not_hostility(seed_analysis):
    sents = seed_analysis.sentences
    sid = int(sents[sents.text.str.contains("want Hezbollah", regex=False)].sent_id.iloc[0])
    for holder in ("author", "iran"):
        row = _seed_rows(seed_analysis).get((holder, "hezbollah"))
        if row is not None and str(sid) in row.evidence_sent_ids.split("|"):
            assert row.score > 0
    ev = explain(sents[sents.sent_id == sid].text.iloc[0])
    assert not ((ev.target == "hezbollah") & (ev.weight < 0)).any()
    assert ((ev.holder == "iran") & (ev.target == "hezbollah") & (ev.weight > 0)).any()


def test_seed_sentence_columns(seed_analysis):
    s = seed_analysis.sentences
    assert s.stance.isna().any() and s.stance.notna().any()
    assert s.stance.dropna().between(-1, 1).all() and s.vader.between(-1, 1).all()


def test_seed_evidence_drilldown(seed_analysis):
    ev = evidence(seed_analysis, "irna", "israel")
    assert list(ev.columns) == ["doc_id", "sent_id", "speaker", "text", "score", "vader", "pair_score"]
    assert len(ev) == _seed_rows(seed_analysis)[("irna", "israel")].n_evidence
    assert ev.text.str.contains("Zionist").all() or ev.text.str.contains("Rashrash").any()
    assert evidence(seed_analysis, "qatar", "israel").empty


def test_seed_pairs_against_the_hand_annotation(seed_analysis):
    """tests/annotations/seed_stance.csv lists what a careful reader sees. Measured:
    precision of the signed pairs at least 0.8 and recall at least 0.6."""
    gold = read_lexicon(ROOT / "tests" / "annotations" / "seed_stance.csv")
    want = {(r.holder, r.target): int(r.sign) for r in gold.itertuples()}
    got = {k: (1 if r.score > 0 else -1) for k, r in _seed_rows(seed_analysis).items() if r.score != 0}
    right = [k for k, sign in got.items() if want.get(k) == sign]
    assert not [k for k, sign in got.items() if k in want and want[k] != sign]
    assert len(right) / len(got) >= 0.8
    assert len(right) / len(want) >= 0.6


# --------------------------------------------------------------------------- voices and figures
def test_voice_labels_roll_reported_voices_up_to_blocs():
    s = pd.DataFrame({"speaker": ["author", "press_tv", "kataib_hezbollah", "idf", "unknown", ""]})
    assert stance.voice_labels(s).tolist() == [
        "author", "press_tv", "kataib_hezbollah", "idf", "unknown", "author"]
    assert stance.voice_labels(s, "bloc").tolist() == [
        "author", "iran", "iraqi_militias", "israel", "unknown", "author"]
    with pytest.raises(ValueError):
        stance.voice_labels(s, "outlet")


def test_scores_by_voice_counts_and_means(seed_analysis):
    table = stance.scores_by_voice(seed_analysis.sentences, "bloc")
    sents = seed_analysis.sentences
    assert table.n_sentences.sum() == len(sents)
    assert table.n_scored.sum() == sents.stance.notna().sum()
    assert (table.hostile + table.conciliatory <= table.n_scored).all()
    by = table.set_index("voice")
    assert table.voice.iloc[0] == "author"  # the largest voice first
    # IRNA's sentences (bloc iran) relay threats: on average clearly hostile
    assert by.loc["iran", "mean_stance"] < -0.5
    assert by.loc["iran", "hostile"] == by.loc["iran", "n_scored"]
    # the author's scored sentences, by hand
    author = sents[sents.speaker == "author"].stance.dropna()
    assert by.loc["author", "mean_stance"] == pytest.approx(author.mean(), abs=1e-4)
    assert by.loc["author", "hostile"] == int((author < -stance.NEUTRAL_BAND).sum())


def test_plot_stance_matrix_draws_the_matrix_values():
    import matplotlib.pyplot as plt
    df = pd.DataFrame({"holder": ["irna", "irna", "author"], "target": ["israel", "united_states", "iran"],
                       "score": [-0.45, -0.6, 0.5], "n_evidence": [4, 1, 2]})
    matrix = stance_matrix(df)
    fig = stance.plot_stance_matrix(matrix, df)
    ax = fig.axes[0]
    drawn = ax.images[0].get_array()
    assert drawn.shape == matrix.shape
    assert drawn.mask.sum() == matrix.isna().sum().sum()  # no evidence: left empty, not 0
    assert drawn[list(matrix.index).index("irna"), list(matrix.columns).index("israel")] == -0.45
    texts = sorted(t.get_text() for t in ax.texts)
    assert texts == ["+0.50\nn=2", "-0.45\nn=4", "-0.60\nn=1"]
    norm = ax.images[0].norm
    assert (norm.vmin, norm.vcenter, norm.vmax) == (-1.0, 0.0, 1.0)  # centred at 0
    assert [t.get_text() for t in ax.get_yticklabels()] == list(matrix.index)
    plt.close(fig)
    empty = stance.plot_stance_matrix(pd.DataFrame())
    assert "no stance evidence" in [t.get_text() for t in empty.axes[0].texts]
    plt.close(empty)


def test_plot_domain_vs_vader_points_and_labels(seed_analysis):
    import matplotlib.pyplot as plt
    sents = seed_analysis.sentences
    fig = stance.plot_domain_vs_vader(sents, n_labels=4)
    ax = fig.axes[0]
    n_points = sum(len(c.get_offsets()) for c in ax.collections)
    assert n_points == len(sents)  # every sentence is one point
    hollow = ax.collections[0].get_offsets()
    assert len(hollow) == sents.stance.isna().sum() and (hollow[:, 1] == 0).all()
    labels = [t.get_text() for t in ax.texts if t.get_text()[:1].isdigit()]
    assert sorted(int(k) for lab in labels for k in lab.split(", ")) == [0, 1, 2, 3]
    top = stance.compare_with_vader(sents, n=1).iloc[0]
    label0 = next(t for t in ax.texts if "0" in t.get_text().split(", "))
    assert label0.xy[0] == pytest.approx(top.vader, abs=0.01)
    r = sents.stance.corr(sents.vader)
    assert f"r = {r:+.2f}" in ax.get_title()
    plt.close(fig)


def test_plot_scores_by_voice_rows_follow_the_table(fixture_analysis):
    import matplotlib.pyplot as plt
    sents = fixture_analysis.sentences
    table = stance.scores_by_voice(sents, "bloc")
    fig = stance.plot_scores_by_voice(sents, "bloc")
    left, right = fig.axes[:2]
    ticks = [t.get_text() for t in left.get_yticklabels()]
    assert ticks[-1].startswith(f"{table.voice.iloc[0]} (")  # largest voice at the top
    assert len(ticks) == len(table)
    assert len(left.collections[-1].get_offsets()) == sents.stance.notna().sum()
    assert len(right.collections[-1].get_offsets()) == sents.vader.notna().sum()
    plt.close(fig)


# --------------------------------------------------------------------------- fast scans
# document_evidence scans an ASCII document in lower case with case-sensitive regexes, once
# per document, and slices the scans per sentence. These tests hold the fast path to the plain
# one (IGNORECASE regexes run on each sentence alone), which is what the rules were written on.
ODD_TEXTS = [
    ("If Iran attacks, Washington will respond; but THAT's not all (as-is) - and, although "
     "they warned, Hezbollah said that the attack on US forces was a1 crime_as well."),
    ("According to IRNA, the Zionist regime will pay a heavy price. De-escalate now, unless "
     "Kata'ib Hezbollah vowed to strike Umm al-Rashrash  -  while Tehran called on Qatar."),
    "attack on Israel, said IRNA.WARNED Iran:threatened to strike(Hezbollah)condemned",
    "Won't go unanswered , but the militias ,  though weakened ,\n- said nothing - - ok.",
    "IRNA said2 that Iran attacked_ Israel, if3 Hezbollah threatened to strike.",
]


def _fixture_texts() -> list[str]:
    texts = [SEED_FILE.read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in sorted(FIXTURE_CORPUS.glob("*.txt"))]
    return [normalize(t) for t in texts] + ODD_TEXTS


def test_fast_scans_find_what_the_ignorecase_regexes_find():
    slow = stance._scan_patterns(False)
    fast = stance._scan_patterns(True)
    leads = stance._lead_patterns()
    assert all(lead is not None for lead in leads)
    checked = 0
    for text in _fixture_texts():
        if not text.isascii():
            continue
        low = text.lower()
        for plain, quick, lead in zip(slow[:3], fast[:3], leads[:3]):  # cue, place, verb
            want = [(m.start(), m.end(), m.group().lower()) for m in plain.finditer(text)]
            assert stance._word_matches(quick, lead, low) == want
        want = [(m.start(), m.end(), stance._bound_kind(m.group()))
                for m in stance._BOUNDARY.finditer(text)]
        assert stance._boundaries(low, True) == want == stance._boundaries(text, False)
        doc = stance._DocScan(DocContext("d", text, [(0, len(text))]), low, True)
        words = [(m.start(), m.end(), m.group().lower()) for m in stance._WORD.finditer(text)]
        assert list(zip(doc.wstarts, doc.wends, doc.words)) == words
        checked += 1
    assert checked >= 20


def _sentence_alone(ctx: DocContext, i: int) -> dict:
    """What _Sentence holds for sentence i, computed as before the document-level scans:
    IGNORECASE regexes run on the sentence alone."""
    text, (lo, hi) = ctx.text, ctx.spans[i]
    verb_re = stance._verb_index()[0]
    bounds = [(m.start(), m.end(), stance._bound_kind(m.group(0)))
              for m in stance._BOUNDARY.finditer(text, lo, hi)]
    for q in ctx.quotes:
        if q.kind == "speech" and q.start < hi and lo < q.end:
            bounds += [(q.start - 1, q.start, "quote"), (q.end, q.end + 1, "stop")]
    found = [(m.start(), m.end(), m.group(0).lower()) for m in stance._WORD.finditer(text, lo, hi)]
    return {
        "bounds": sorted(bounds),
        "verbs": [(m.start(), m.end(), m.group(0).lower()) for m in verb_re.finditer(text, lo, hi)],
        "wstarts": [w[0] for w in found], "wends": [w[1] for w in found],
        "words": [w[2] for w in found],
        "cuts": [m.start() for m in stance._CUT.finditer(text, lo, hi)],
        "quotes": [q for q in ctx.quotes if q.kind == "speech" and q.start < hi and lo < q.end],
    }


def _odd_span_contexts() -> list[DocContext]:
    """Contexts whose sentence edges cut through words and phrases ("at|tack on", "said|
    that"), abut without a space, or end before a letter: there the document-level scans
    would differ from a sentence's own scan, and _Sentence must scan the sentence alone."""
    out = []
    for text in ODD_TEXTS:
        n = len(text)
        ends = [text.find(w) + len(w) for w in ("said", "attacked", "if") if w in text]
        for cuts in ([2, 9, 40], [n // 3, n // 2], [7, 8, 60, 61], [text.find("said") + 2], ends):
            edges = [0] + sorted({c for c in cuts if 0 < c < n}) + [n]
            spans = [(a, b) for a, b in pairwise(edges) if a < b]
            out.append(DocContext("odd", text, spans))
    return out


def test_sentence_slices_equal_a_scan_of_the_sentence_alone():
    from helpers.actors import context_for_text
    ctxs = [context_for_text(t) for t in _fixture_texts()] + _odd_span_contexts()
    fields = ["bounds", "verbs", "wstarts", "wends", "words", "cuts", "quotes"]
    alone = 0
    for ctx in ctxs:
        fast = ctx.text.isascii()
        doc = stance._DocScan(ctx, ctx.text.lower() if fast else ctx.text, fast)
        for i in range(len(ctx.spans)):
            s = stance._Sentence(ctx, i, doc)
            assert {f: list(getattr(s, f)) for f in fields} == _sentence_alone(ctx, i), (ctx.text, i)
            lo, hi = ctx.spans[i]
            alone += stance._clean_slice(doc.wstarts, doc.wends, lo, hi) is None
    assert alone >= 5  # the odd spans did take the scan-alone path


def test_fast_path_and_plain_path_give_the_same_scores_and_rows(monkeypatch):
    from helpers.actors import context_for_text
    ctxs = [context_for_text(t) for t in _fixture_texts()] + _odd_span_contexts()

    def run():
        return [score_document(ctx, baseline=False) for ctx in ctxs]

    fast = run()
    assert any(rows for _s, _v, rows in fast)
    monkeypatch.setattr(stance, "_FAST_SCANS", False)
    assert run() == fast
    monkeypatch.setattr(stance, "_clean_slice", lambda *args: None)  # every sentence alone
    assert run() == fast
    monkeypatch.setattr(stance, "_FAST_SCANS", True)
    assert run() == fast


def test_clip_equals_the_plain_formula_for_every_kind_of_value():
    values = [0, 0.0, -0.0, 1, -1, 0.33333333, -0.33333333, 1.7, -2.5, 0.12345, 0.12355,
              -0.65, 0.25, float("nan"), float("inf"), -float("inf")]
    for x in values * 2:  # twice: the second time from the rounding cache
        got, want = stance._clip(x), round(max(-1.0, min(1.0, x)), 4)
        assert repr(got) == repr(want), x


# --------------------------------------------------------------------------- gated scans
def _doc_words(low: str):
    """Words and offsets of a lower-cased ASCII text, as ``_DocScan`` splits them."""
    doc = stance._DocScan(DocContext("d", low, [(0, len(low))]), low, True)
    return doc.words, doc.wstarts, doc.wends


def _lead_scans(low: str) -> list:
    """The four fast scans done by the lead regexes (the reference of ``_gated_matches``)."""
    fulls = (*stance._scan_patterns(True)[:3], stance._CLAUSE_FAST)
    return [stance._word_matches(full, lead, low)
            for full, lead in zip(fulls, stance._lead_patterns())]


def test_gated_matches_equal_the_lead_regex_scans_on_real_text():
    checked = 0
    for text in _fixture_texts():
        if text.isascii():
            low = text.lower()
            assert stance._gated_matches(low, *_doc_words(low)) == _lead_scans(low)
            checked += 1
    assert checked >= 20


_GATE_PIECES = [
    "in a coffin", "in", "a", "coffins", "in body bags", "will", "would", "not", "regret",
    "drone", "drone attacks", "de-escalate", "deescalate", "de escalate", "Kata'ib",
    "kataib", "al-Asad", "Ain al-Asad", "Umm al-Rashrash", "At-Tanf", "U.S.", "said",
    "according to", "that", "as-is", "if", "Iranian-backed", "backed", "self-defense",
    "war crimes", "war", "all-out war", "Gaza Strip", "Gaza", "Iraqi Kurdistan", "threatened",
    "vowed to strike", "called", "x2", "2nd", "attack", "the",
]
_GATE_SEPS = [" ", "  ", "-", "'", "", "\n", ", ", " - ", "2", "_", "(", ") ", ": ", "; "]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_GATE_PIECES), min_size=1, max_size=14),
       st.lists(st.sampled_from(_GATE_SEPS), min_size=14, max_size=14),
       st.booleans())
def test_gated_matches_equal_the_lead_regex_scans_on_generated_text(pieces, seps, upper):
    text = "".join(p + s for p, s in zip(pieces, seps))
    low = (text.upper() if upper else text).lower()
    assert stance._gated_matches(low, *_doc_words(low)) == _lead_scans(low)
    want = [(m.start(), m.end(), stance._bound_kind(m.group()))
            for m in stance._BOUNDARY.finditer(text)]
    assert stance._boundaries(low, True) == want == stance._boundaries(text, False)


def test_gated_matches_fall_back_to_the_regexes_without_a_run_index(monkeypatch):
    low = normalize(SEED_FILE.read_text(encoding="utf-8")).lower()
    want = stance._gated_matches(low, *_doc_words(low))
    monkeypatch.setattr(stance, "_run_index", lambda: None)
    assert stance._gated_matches(low, *_doc_words(low)) == want == _lead_scans(low)


def test_run_index_holds_every_first_run_of_every_phrase():
    index = stance._run_index()
    assert index is not None and "" not in index
    for k, phrases in enumerate(stance._scan_phrases()):
        for phrase in phrases:
            for run in stance._first_runs(phrase):
                assert k in dict(index[run]), (phrase, run)
    # single words that begin no longer phrase are matched without the regex
    assert dict(index["said"])[2] is stance._ALONE
    assert dict(index["that"])[3] is stance._ALONE
    # a run that begins longer phrases only is tried when the next word can go on with one
    assert "coffins" in dict(index["in"])[0]


def test_score_document_rows_are_the_rows_of_all_the_evidence():
    from helpers.actors import context_for_text
    ctxs = [context_for_text(t) for t in _fixture_texts()] + _odd_span_contexts()
    for ctx in ctxs:
        scores, evidence = document_evidence(ctx)
        targeted_scores, targeted = document_evidence(ctx, untargeted=False)
        assert targeted_scores == scores
        assert targeted == [e for e in evidence if e.target]
        assert score_document(ctx, baseline=False)[2] == [
            (ctx.doc_id, *row) for row in stance._pair_rows(evidence)]


@pytest.mark.parametrize("text, holder, target", [
    ("The Iranian foreign ministry strongly condemned the American aggression against Iraq.",
     "iran", "united_states"),
    ("Iran denounced the Israeli regime's terrorist act in Damascus.", "iran", "israel"),
    ("Hezbollah condemned the crimes of the Zionist occupiers in Gaza.", "hezbollah", "israel"),
])
def test_a_condemner_holds_the_hostile_labels_of_what_it_condemns(text, holder, target):
    from helpers.actors import context_for_text
    got = pairs(context_for_text(text))
    assert got[(holder, target)] < 0
    assert not [p for p in got if p[0] == "author"]  # the reporter holds none of it


def test_a_condemned_threat_stays_its_own_agents():
    from helpers.actors import context_for_text
    got = pairs(context_for_text("Iran condemned US threats against Iraq."))
    assert got.get(("iran", "united_states"), 0) < 0
    assert ("iran", "iraq") not in got


@pytest.mark.parametrize("text, holder, target", [
    ("The United States reaffirmed its ironclad commitment to Israel's security.", "united_states", "israel"),
    ("Iran reaffirmed its commitment to the resistance in Lebanon.", "iran", "hezbollah"),
    ("Washington reiterated its support for Israel.", "united_states", "israel"),
])
def test_reaffirmed_commitment_is_support_held_by_the_subject(text, holder, target):
    from helpers.actors import context_for_text
    got = pairs(context_for_text(text))
    assert got[(holder, target)] > 0 and not [p for p in got if p[0] == "author"]


@pytest.mark.parametrize("text", ["Washington remains committed to de-escalation in the region.",
                                  "The militias committed a massacre in the village."])
def test_committed_alone_is_no_support(text):
    from helpers.actors import context_for_text
    assert not [v for v in pairs(context_for_text(text)).values() if v > 0]


# --------------------------------------------------------------------------- held-out lessons
@pytest.mark.parametrize("text", [
    "An Israeli airstrike hit a house in the town of Bint Jbeil on Friday, the agency said.",
    "A US drone strike destroyed a car carrying two Kataib Hezbollah members near Baghdad airport.",
    "Hezbollah fighters fired rockets at an army post and killed two soldiers, the IDF said.",
    "Three rockets struck near the Ain al-Asad base, wounding a contractor, officials said.",
])
def test_a_flat_report_of_violence_is_neutral_however_many_violent_words(text):
    assert stance.label(sentence_score(text)) == "neutral"


def test_a_reported_act_still_adds_to_a_hostile_sentence():
    name_only = sentence_score("The Zionist regime sent troops to Gaza.")
    name_and_act = sentence_score("The Zionist regime bombed a house in Gaza.")
    assert name_only < 0 and name_and_act < name_only


@pytest.mark.parametrize("text", [
    "Iran-backed militias launched the drones, the Pentagon said.",
    "The Saudi-brokered deal was signed in Beijing.",
    "US-supported forces entered the town.",
])
def test_a_relation_glued_by_a_hyphen_is_no_praise(text):
    score = sentence_score(text)
    assert score is None or score <= 0


@pytest.mark.parametrize("text, speaker, target", [
    ("Kataib Hezbollah said it did not rule out striking American bases.", "kataib_hezbollah",
     "united_states"),
    ("The IRGC didn't rule out attacking Israeli ships in the Gulf.", "irgc", "israel"),
])
def test_not_ruling_out_an_attack_is_a_threat(text, speaker, target):
    ev = explain(text)
    assert stance.label(sentence_score(text)) == "hostile"
    assert set(ev[ev.target == target].category) == {"threat"}


@pytest.mark.parametrize("text, label", [
    ("Tasnim said Washington was a partner in the aggression on Lebanon.", "hostile"),
    ("The ministry called Britain a full partner in the war on Yemen.", "hostile"),
    ("Israel will hold Hezbollah accountable for any harm to civilians, the army said.", "hostile"),
    ("The Houthis vowed to hunt down the American spies.", "hostile"),
    ("The Quds Force is masquerading as a charity in Iraq, the Treasury said.", "hostile"),
    ("The envoy urged both sides to respect the cessation of hostilities.", "conciliatory"),
    ("Tehran said it was not seeking further escalation with Washington.", "conciliatory"),
    ("The factions said they stand behind the Iraqi government.", "conciliatory"),
    ("Enemy forces will be dealt with at a time and place of our choosing, the IRGC said.", "hostile"),
])
def test_blame_support_and_calm_in_more_phrasings(text, label):
    assert stance.label(sentence_score(text)) == label


def test_domain_score_on_the_held_out_set():
    """tests/fixtures/stance_heldout.csv: 90 sentences (30 per label) written and labelled
    blind on 2026-11-25 by a writer who had not read the stance rules or lexicons. First run,
    before any change made after reading its errors: accuracy 0.789 (hostile P 0.81 R 0.73,
    conciliatory P 0.92 R 0.80, neutral P 0.68 R 0.83); VADER 0.600. Then the general errors
    it showed were fixed (reported violence counted once and inside the neutral band, hyphen-
    glued "Iran-backed" no praise, "did not rule out" a threat, more blame and calm phrases,
    each tested above on other sentences): 0.944. The second figure is optimistic; the first is
    the honest estimate for text nobody here has seen."""
    from helpers.model import read_labelled
    df = read_labelled(ROOT / "tests" / "fixtures" / "stance_heldout.csv")
    assert len(df) == 90
    scores = stance.label_agreement(stance.score_labelled(df))
    print(scores.to_string())
    assert scores.loc["domain", "accuracy"] >= 0.85
    assert scores.loc["domain", "accuracy"] > scores.loc["vader", "accuracy"] + 0.15
    for lab in stance.LABELS:  # no label bought at the cost of another
        assert scores.loc["domain", f"{lab}_recall"] >= 0.8, scores
