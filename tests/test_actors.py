"""Mentions, quotes, speakers, coreference and roles: short texts of our own and the seed."""

import pytest

from helpers.actors import (
    actor_info,
    ancestors,
    bloc_of,
    context_for_text,
    find_roles,
    mentions_in_text,
)

DESIGN_IDS = ["iran", "israel", "united_states", "iraq", "lebanon", "jordan", "syria", "yemen", "saudi_arabia", "qatar", "egypt", "uk", "idf", "irgc", "centcom", "hezbollah", "hamas", "houthis", "iraqi_militias", "ircc", "kataib_hezbollah", "asaib_ahl_al_haq", "harakat_al_nujaba", "kataib_sayyid_al_shuhada", "pmf", "islamic_state", "irna", "press_tv", "tasnim", "mehr", "al_mayadeen", "al_manar", "qais_khazali", "netanyahu", "gallant", "nasrallah", "biden", "lloyd_austin", "pat_ryder", "khamenei", "abu_hussein_al_hamidawi", "al_sudani", "abu_alaa_al_walai"]


def actors_of(text):
    return [a for a in mentions_in_text(text)["actor"] if a]


def test_every_canonical_id_of_the_design_is_in_the_lexicon():
    info = actor_info()
    assert not [i for i in DESIGN_IDS if i not in info]
    assert all(info[i]["parent"] in info for i in info if info[i]["parent"])


@pytest.mark.parametrize("actor,parent", [
    ("idf", "israel"), ("irgc", "iran"), ("centcom", "united_states"), ("irna", "iran"),
    ("press_tv", "iran"), ("al_mayadeen", "hezbollah"), ("al_manar", "hezbollah"),
    ("qais_khazali", "asaib_ahl_al_haq"), ("nasrallah", "hezbollah"), ("al_sudani", "iraq"),
    ("abu_alaa_al_walai", "kataib_sayyid_al_shuhada"), ("kataib_hezbollah", "iraqi_militias"),
])
def test_parents_follow_the_design(actor, parent):
    assert actor_info()[actor]["parent"] == parent


def test_khazali_rolls_up_to_his_group_and_the_militias():
    assert ancestors("qais_khazali")[:3] == ["qais_khazali", "asaib_ahl_al_haq", "iraqi_militias"]
    assert bloc_of("qais_khazali") == "iraqi_militias"


@pytest.mark.parametrize("text,expected", [
    ("Kataib Hezbollah fired.", ["kataib_hezbollah"]),
    ("Kata'ib Hezbollah fired.", ["kataib_hezbollah"]),
    ("Kata\u2019ib Hizballah fired.", ["kataib_hezbollah"]),
    ("Kataeb Hezbollah fired.", ["kataib_hezbollah"]),
    ("Hizbullah and Hizballah and Hezbollah.", ["hezbollah"] * 3),
    ("Asa'ib Ahl al-Haq and Asaib Ahl al Haq.", ["asaib_ahl_al_haq"] * 2),
    ("Nujaba fighters and Harakat al-Nujaba.", ["harakat_al_nujaba"] * 2),
    ("Hashd al-Shaabi units", ["pmf"]),
    ("the Popular Mobilization Forces", ["pmf"]),
    ("Ansar Allah and Ansarallah and the Houthis", ["houthis"] * 3),
    ("the Islamic Resistance in Iraq claimed it", ["iraqi_militias"]),
    ("Tehran and Washington traded threats while Baghdad watched.", ["iran", "united_states", "iraq"]),
    ("The IDF and the IRGC and CENTCOM.", ["idf", "irgc", "centcom"]),
    ("KH and AAH joined the PMF and the IRCC.", ["kataib_hezbollah", "asaib_ahl_al_haq", "pmf", "ircc"]),
    ("The U.S. and the US responded.", ["united_states", "united_states"]),
    ("Iranian, Israeli and American officials.", ["iran", "israel", "united_states"]),
    ("IRNA and Press TV and Tasnim and Al-Mayadeen and Al-Manar.",
     ["irna", "press_tv", "tasnim", "al_mayadeen", "al_manar"]),
])
def test_alias_families(text, expected):
    assert actors_of(text) == expected


def test_longest_match_wins_kataib_hezbollah_is_not_hezbollah():
    df = mentions_in_text("Kataib Hezbollah said Hezbollah would fight.")
    assert df["actor"].tolist() == ["kataib_hezbollah", "hezbollah"]
    assert df["surface"].tolist() == ["Kataib Hezbollah", "Hezbollah"]


def test_pronoun_us_is_never_the_united_states():
    assert actors_of("They will not intimidate us. Let us see what US forces do.") == ["united_states"]
    assert actors_of("us us US") == ["united_states"]


def test_possessives_and_hyphenated_compounds():
    df = mentions_in_text("Iran's proxies fuel Israel-Hezbollah tensions and US-Iran talks.")
    assert df["actor"].tolist() == ["iran", "israel", "hezbollah", "united_states", "iran"]
    assert df["surface"].tolist()[0] == "Iran"


@pytest.mark.parametrize("name", ["Zionist regime", "Zionist entity", "usurping entity",
                                  "occupation entity"])
def test_pejorative_names_resolve_to_israel_and_are_flagged(name):
    df = mentions_in_text(f"The {name} attacked Lebanon.")
    row = df[df.actor == "israel"].iloc[0]
    assert bool(row["pejorative"]) and row["surface"].lower() == name.lower()


@pytest.mark.parametrize("name", ["Great Satan", "American enemy"])
def test_pejorative_names_for_the_united_states(name):
    df = mentions_in_text(f"They vowed to fight the {name}.")
    assert df.iloc[-1]["actor"] == "united_states" and bool(df.iloc[-1]["pejorative"])


def test_offsets_slice_the_cleaned_text():
    ctx = context_for_text("Kata\u2019ib Hezbollah warned the \u201cZionist regime\u201d and the U.S. Army.")
    for m in ctx.mentions:
        assert ctx.text[m.start:m.end] == m.surface


def test_ambiguous_name_is_resolved_by_context_or_left_unresolved():
    ctx = context_for_text("Hezbollah fired rockets. The resistance vowed more.")
    res = [m for m in ctx.mentions if m.surface.lower() == "resistance" or m.surface.lower().endswith("resistance")]
    assert res and res[0].actor == "hezbollah" and res[0].via == "context"
    ctx = context_for_text("The resistance vowed more.")
    res = [m for m in ctx.mentions if "resistance" in m.surface.lower()]
    assert res and res[0].actor == ""


def test_coreference_takes_the_actor_just_named():
    ctx = context_for_text("Kataib Hezbollah claimed the attack. The group said it would continue.")
    coref = [m for m in ctx.mentions if m.via == "coref"]
    assert [(m.actor, m.surface) for m in coref] == [("kataib_hezbollah", "group")]
    ctx = context_for_text("Kataib Hezbollah struck. Nujaba struck too. The group was silent.")
    assert [m.actor for m in ctx.mentions if m.via == "coref"] == ["harakat_al_nujaba"]
    ctx = context_for_text("Kataib Hezbollah and Nujaba struck. The group was silent.")
    assert not [m for m in ctx.mentions if m.via == "coref"]
    ctx = context_for_text("Kataib Hezbollah fired drones. Later the militias stopped.")
    assert [m.actor for m in ctx.mentions if m.via == "coref"] == ["iraqi_militias"]


# --------------------------------------------------------------------- quotes
@pytest.mark.parametrize("text,speaker", [
    ('"We will strike back," IRNA said.', "irna"),
    ('\u201cWe will strike back,\u201d said Hezbollah.', "hezbollah"),
    ("IRNA said: \u201cAll options are open.\u201d", "irna"),
    ('Kataib Hezbollah said in a statement: "The occupation will end."', "kataib_hezbollah"),
    ('According to Tasnim, "the resistance is ready for every scenario."', "tasnim"),
    ("\u2018We are ready for war,\u2019 a Hezbollah spokesman said.", "hezbollah"),
    ('"Washington [US] bears full responsibility," the IRCC said.', "ircc"),
    ('"We will respond,\u201d the Israeli army said.', "idf"),
])
def test_quote_forms_and_speakers(text, speaker):
    ctx = context_for_text(text)
    speech = [q for q in ctx.quotes if q.kind == "speech"]
    assert len(speech) == 1 and speech[0].speaker == speaker
    assert ctx.speakers[0] == speaker


def test_citing_records_the_cited_source():
    ctx = context_for_text('"The attack was a success," IRNA said, citing Al-Mayadeen.')
    q = [q for q in ctx.quotes if q.kind == "speech"][0]
    assert (q.speaker, q.cited) == ("irna", "al_mayadeen")
    ctx = context_for_text("Press TV, citing Al-Manar, said the drones hit Haifa.")
    assert (ctx.speakers[0], ctx.cited[0]) == ("press_tv", "al_manar")


def test_quoted_as_saying():
    ctx = context_for_text('"The pipeline is a trap," IRNA quoted the IRCC as saying.')
    q = [q for q in ctx.quotes if q.kind == "speech"][0]
    assert (q.speaker, q.cited) == ("irna", "ircc")


def test_scare_quotes_are_not_speech():
    ctx = context_for_text('The threat targets US \u201cinterests\u201d in Iraq.')
    assert [(q.kind, ctx.text[q.start:q.end]) for q in ctx.quotes] == [("scare", "interests")]
    assert ctx.speakers == ["author"]


def test_quote_spanning_sentences_keeps_its_speaker():
    ctx = context_for_text('"We warned them. We will not warn again," Hezbollah said. Israel replied.')
    speech = [q for q in ctx.quotes if q.kind == "speech"]
    assert len(speech) == 1 and ctx.speakers == ["hezbollah", "hezbollah", "israel"][:2] + [ctx.speakers[2]]
    assert ctx.speakers[2] == "author"


def test_odd_number_of_quote_marks_does_not_crash():
    ctx = context_for_text('IRNA said: "The resistance will respond. Nothing more.')
    assert [q.speaker for q in ctx.quotes if q.kind == "speech"] == ["irna"]


def test_reported_speech_without_quotes():
    ctx = context_for_text("Qais Khazali, the head of Asaib Ahl al-Haq, warned that Washington would pay.")
    assert ctx.speakers == ["qais_khazali"]
    ctx = context_for_text("Iran is pushing the militias to threaten the US.")
    assert ctx.speakers == ["author"]
    ctx = context_for_text("The militias have not attacked, and US officials say they want calm.")
    assert ctx.speakers == ["author"]


# --------------------------------------------------------------------- roles
@pytest.mark.parametrize("text,patron,proxy", [
    ("Iraqi militias backed by Iran fired drones.", "iran", "iraqi_militias"),
    ("The Iranian-backed Kataib Hezbollah claimed it.", "iran", "kataib_hezbollah"),
    ("Iran-backed Hizbullah fired rockets.", "iran", "hezbollah"),
    ("Hezbollah, which is funded by Tehran, fired rockets.", "iran", "hezbollah"),
    ("Iran funds Hezbollah.", "iran", "hezbollah"),
    ("Kataib Hezbollah is a proxy of Iran.", "iran", "kataib_hezbollah"),
    ("Iran's proxy Hezbollah fired.", "iran", "hezbollah"),
    ("Iranian proxies such as the Houthis attacked ships.", "iran", "houthis"),
    ("Iran doesn't want Hezbollah, its key proxy, defeated.", "iran", "hezbollah"),
    ("Harakat al-Nujaba, a militia affiliated with the IRGC, fired.", "irgc", "harakat_al_nujaba"),
])
def test_patron_proxy_rules(text, patron, proxy):
    roles = {(r[2], r[3], r[4]) for r in find_roles(context_for_text(text))}
    assert (patron, "patron", proxy) in roles and (proxy, "proxy", patron) in roles


def test_backed_by_is_not_read_backwards():
    roles = {(r[2], r[3], r[4]) for r in find_roles(context_for_text("Iraqi militias backed by Iran fired."))}
    assert ("iraqi_militias", "patron", "iran") not in roles


def test_mediator_rules():
    roles = {(r[2], r[3], r[4]) for r in find_roles(context_for_text("Baghdad urged restraint on all sides."))}
    assert ("iraq", "mediator", "") in roles
    roles = {(r[2], r[3], r[4]) for r in find_roles(context_for_text("Qatar pressed Israel not to escalate."))}
    assert ("qatar", "mediator", "israel") in roles


# --------------------------------------------------------------------- the seed
def test_seed_actors_and_patron_proxy(seed_analysis):
    m = seed_analysis.mentions
    named = set(m["actor"]) - {""}
    for actor in ["iran", "israel", "united_states", "iraq", "jordan", "lebanon", "idf", "hezbollah",
                  "hamas", "iraqi_militias", "ircc", "kataib_hezbollah", "asaib_ahl_al_haq",
                  "qais_khazali", "irna", "al_mayadeen"]:
        assert actor in named, actor
    roles = seed_analysis.roles
    pairs = set(zip(roles.actor, roles.role, roles.counterpart))
    assert ("iran", "patron", "iraqi_militias") in pairs and ("iran", "patron", "hezbollah") in pairs


def test_seed_quotes_and_speakers(seed_analysis):
    q = seed_analysis.quotes
    speech = q[q.kind == "speech"]
    ircc_statement = speech[speech.quote.str.contains("Iraqi Resistance Coordination Council")]
    pipeline = speech[speech.quote.str.contains("pipeline")]
    assert ircc_statement.speaker.tolist() == ["irna"] and pipeline.speaker.tolist() == ["irna"]
    assert (q[q.quote == "interests"].kind == "scare").all()
    s = seed_analysis.sentences
    eilat = s[s.text.str.contains("Umm al-Rashrash with drones")].iloc[0]
    assert (eilat.speaker, eilat.cited) == ("irna", "al_mayadeen")
    assert s[s.text.str.startswith("Iran's true")].speaker.tolist() == ["author"]


def test_seed_pejorative_and_pronoun(seed_analysis):
    m = seed_analysis.mentions
    zionist = m[m.surface.str.lower().str.startswith("zionist")]
    assert len(zionist) >= 3 and (zionist.actor == "israel").all() and zionist.pejorative.all()
    assert not (m.surface == "us").any()
    kh = m[m.actor == "qais_khazali"]
    assert (kh.bloc == "iraqi_militias").all()
