"""A supervised stance model for analysts who label their own sentences.

The rule-based stance table (``stance``) reads lexicons; this module is the other road: an
analyst hand-labels a few hundred sentences (hostile / neutral / conciliatory, or any labels
they choose), trains a small text classifier on them, reads its cross-validated scores, and
only then lets it label the rest of the corpus.

Workflow:

1. ``labelling_sheet(sentences)`` draws a reproducible sample of the ``sentences`` table into
   the columns of ``helpers/templates/stance_labels_template.csv`` with an empty ``label``.
   Save it, fill in ``label`` by hand (the template's comment lines define the labels).
2. ``read_labelled(path)`` reads the filled sheet: ``#`` comment lines skipped, labels
   stripped and lower-cased, rows without a label dropped (their count is kept in
   ``df.attrs["n_unlabelled"]``).
3. ``train_stance_model(df)`` fits the model and cross-validates it:

   a. Features: TF-IDF over word 1- and 2-grams (sublinear tf, ``min_df=1``). English stop
      words are *kept*: "not", "no", "we", "our", "they" carry stance.
      Tokens are those of ``helpers.keyness`` (letters, internal hyphens/apostrophes kept).
   b. Classifier: logistic regression with ``class_weight="balanced"`` (a rare label is
      not drowned by a common one) and a fixed ``random_state``.
   c. Calibration: scikit-learn's ``CalibratedClassifierCV`` (sigmoid / Platt scaling) so
      that ``p_<label>`` columns are usable as probabilities. Folds:
      ``min(cv, smallest class count)`` (at least 2) stratified, shuffled, seeded.
   d. Report: ``cross_val_predict`` of the *uncalibrated* pipeline over the same folds, then
      ``classification_report`` (per-label precision, recall, f1, support; accuracy, macro
      and weighted averages) and a confusion matrix. These are the figures to quote.
   e. ``top_terms`` reads the coefficients of the uncalibrated pipeline fitted on all rows.

4. ``model.predict(texts)`` labels new sentences with calibrated probabilities.

What it can't see: anything not in the words (who speaks, irony, the target of the
stance when a sentence names several actors); the folds are random sentences, so if the
labelled sheet holds near-duplicate sentences (wire copy repeated by several outlets) the
cross-validated figures are optimistic. ``labelling_sheet`` drops exact duplicates for that
reason. No lexicon is read.

>>> df = pd.DataFrame({
...     "text": ["We will strike them", "They will pay", "Talks were held",
...              "The meeting ended", "We welcome the truce", "We urge calm"],
...     "label": ["hostile", "hostile", "neutral", "neutral", "conciliatory", "conciliatory"]})
>>> m = train_stance_model(df)
>>> m.labels, m.cv_folds, m.n_train
(['conciliatory', 'hostile', 'neutral'], 2, 6)
>>> m.predict(["We will strike"]).columns.tolist()
['text', 'label', 'p_conciliatory', 'p_hostile', 'p_neutral']
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import classification_report, confusion_matrix
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import Pipeline

from helpers.keyness import TOKEN_PATTERN, normalise_text

#: The analyst's sheet format (``helpers/templates/stance_labels_template.csv``).
TEMPLATE_PATH = Path(__file__).resolve().parent / "templates" / "stance_labels_template.csv"
SHEET_COLUMNS = ["doc_id", "sent_id", "speaker", "target", "text", "label", "notes"]
#: The columns a labelled sheet must have; the others are kept for tracing but not used.
REQUIRED_COLUMNS = ["text", "label"]
#: Labels the template suggests; any strings work.
SUGGESTED_LABELS = ["hostile", "neutral", "conciliatory"]

#: Unigrams and bigrams: "will pay", "not accept", "welcome the" carry what single words miss.
NGRAM_RANGE = (1, 2)
#: lbfgs on a few thousand sparse features converges in well under 1000 iterations; the
#: ceiling only stops a pathological sheet from warning instead of finishing.
MAX_ITER = 5000
#: Each label needs at least this many rows: stratified folds put one in training and one
#: in the held-out fold.
MIN_PER_CLASS = 2
#: scikit-learn's default fold count; reduced automatically for small sheets.
DEFAULT_CV = 5
#: Sigmoid (Platt) calibration: isotonic needs far more rows per label than a hand-labelled
#: sheet has.
CALIBRATION = "sigmoid"


def _base_pipeline(random_state: int) -> Pipeline:
    """TF-IDF (1-2 grams, sublinear tf, stop words kept) + balanced logistic regression."""
    return Pipeline([
        ("tfidf", TfidfVectorizer(
            preprocessor=normalise_text,
            token_pattern=TOKEN_PATTERN,
            ngram_range=NGRAM_RANGE,
            sublinear_tf=True,
            min_df=1,
            stop_words=None,
        )),
        ("clf", LogisticRegression(
            class_weight="balanced", max_iter=MAX_ITER, random_state=random_state,
        )),
    ])


def _texts(texts) -> list[str]:
    """A list of strings from a str, list or Series; missing values become ``""``."""
    if isinstance(texts, str):
        texts = [texts]
    return ["" if t is None or (not isinstance(t, str) and pd.isna(t)) else str(t)
            for t in list(texts)]


@dataclass
class StanceModel:
    """A trained stance model and its cross-validated evaluation.

    ``pipeline`` is the calibrated estimator used by ``predict``; ``base_pipeline`` the
    uncalibrated TF-IDF + logistic regression fitted on all rows (for ``top_terms``);
    ``report`` is ``classification_report`` as a DataFrame (index: each label, then
    ``accuracy``, ``macro avg``, ``weighted avg``; columns precision, recall, f1, support;
    the accuracy row carries accuracy in ``f1`` as scikit-learn prints it); ``confusion``
    has true labels as rows and predicted labels as columns.
    """

    pipeline: CalibratedClassifierCV
    labels: list[str]
    report: pd.DataFrame
    confusion: pd.DataFrame
    n_train: int
    base_pipeline: Pipeline | None = None
    cv_folds: int = DEFAULT_CV

    def predict(self, texts) -> pd.DataFrame:
        """Label texts: columns text, label, then ``p_<label>`` per label (rows sum to 1).

        ``label`` is the most probable label (the first in sorted order on an exact tie).
        """
        items = _texts(texts)
        cols = ["text", "label"] + [f"p_{lab}" for lab in self.labels]
        if not items:
            return pd.DataFrame({c: pd.Series(dtype=object if c in ("text", "label") else float)
                                 for c in cols})
        proba = self.pipeline.predict_proba(items)
        order = [list(self.pipeline.classes_).index(lab) for lab in self.labels]
        proba = proba[:, order]
        proba = proba / proba.sum(axis=1, keepdims=True)
        out = pd.DataFrame(proba, columns=cols[2:])
        out.insert(0, "label", [self.labels[i] for i in proba.argmax(axis=1)])
        out.insert(0, "text", items)
        return out

    def top_terms(self, n: int = 10) -> pd.DataFrame:
        """The ``n`` terms with the largest logistic-regression weight for each label.

        Columns label, term, weight, rank; labels in sorted order, weight descending, ties
        alphabetical. With two labels scikit-learn keeps one coefficient row (for the second
        label); the first label's weights are its negation.
        """
        if self.base_pipeline is None:
            raise ValueError("this StanceModel has no base_pipeline to read coefficients from")
        vec = self.base_pipeline.named_steps["tfidf"]
        clf = self.base_pipeline.named_steps["clf"]
        terms = vec.get_feature_names_out().astype(str)
        coef = clf.coef_
        classes = [str(c) for c in clf.classes_]
        if coef.shape[0] == 1:  # binary: one row, positive → classes[1]
            coef = np.vstack([-coef[0], coef[0]])
        rows = []
        for lab in self.labels:
            w = coef[classes.index(lab)]
            best = np.lexsort((terms, -w))[:n]  # weight descending, then term A→Z
            for rank, j in enumerate(best, start=1):
                rows.append((lab, terms[j], round(float(w[j]), 6), rank))
        return pd.DataFrame(rows, columns=["label", "term", "weight", "rank"])


def _check_training_frame(labelled: pd.DataFrame, text_col: str, label_col: str) -> pd.DataFrame:
    missing = [c for c in (text_col, label_col) if c not in labelled.columns]
    if missing:
        raise ValueError(
            f"labelled table lacks column(s) {missing}; it has {list(map(str, labelled.columns))}")
    df = pd.DataFrame({
        "text": labelled[text_col].astype(object).where(labelled[text_col].notna(), ""),
        "label": labelled[label_col].astype(object).where(labelled[label_col].notna(), ""),
    })
    df["text"] = df["text"].astype(str)
    df["label"] = df["label"].astype(str).str.strip()
    df = df[(df["label"] != "") & (df["text"].str.strip() != "")].reset_index(drop=True)
    counts = df["label"].value_counts()
    if len(counts) < 2:
        found = f"only {counts.index[0]!r}" if len(counts) else "no labelled rows"
        raise ValueError(
            f"need at least two different labels to train a stance model; found {found}")
    few = sorted(lab for lab, k in counts.items() if k < MIN_PER_CLASS)
    if few:
        detail = ", ".join(f"{lab!r} ({counts[lab]})" for lab in few)
        raise ValueError(
            f"every label needs at least {MIN_PER_CLASS} labelled examples for "
            f"cross-validation; too few for {detail}")
    return df


def _report_frame(y_true, y_pred, labels: list[str]) -> pd.DataFrame:
    """``classification_report`` as a DataFrame with columns precision, recall, f1, support."""
    rep = classification_report(y_true, y_pred, labels=labels, output_dict=True, zero_division=0)
    rows = {}
    for key in [*labels, "macro avg", "weighted avg"]:
        r = rep[key]
        rows[key] = [r["precision"], r["recall"], r["f1-score"], int(r["support"])]
    rows["accuracy"] = [np.nan, np.nan, rep["accuracy"], len(y_true)]
    order = [*labels, "accuracy", "macro avg", "weighted avg"]
    out = pd.DataFrame.from_dict(
        rows, orient="index", columns=["precision", "recall", "f1", "support"])
    out = out.loc[order]
    out.index.name = "label"
    out["support"] = out["support"].astype(int)
    return out


def train_stance_model(
    labelled: pd.DataFrame,
    text_col: str = "text",
    label_col: str = "label",
    cv: int = DEFAULT_CV,
    random_state: int = 0,
) -> StanceModel:
    """Train and cross-validate a stance classifier on hand-labelled sentences.

    Rows with an empty text or label are ignored. Raises ``ValueError`` when a column is
    missing, when there is only one label, or when a label has fewer than two examples.
    ``cv`` is reduced to the smallest label's count (never below 2). Deterministic for a
    given ``random_state``.
    """
    if int(cv) < 2:
        raise ValueError(f"cv must be at least 2 folds, got {cv}")
    df = _check_training_frame(labelled, text_col, label_col)
    texts, y = df["text"].tolist(), df["label"].to_numpy()
    labels = sorted(set(y))
    folds = max(MIN_PER_CLASS, min(int(cv), int(df["label"].value_counts().min())))
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=random_state)

    y_pred = cross_val_predict(_base_pipeline(random_state), texts, y, cv=splitter)
    report = _report_frame(y, y_pred, labels)
    confusion = pd.DataFrame(
        confusion_matrix(y, y_pred, labels=labels),
        index=pd.Index(labels, name="true"),
        columns=pd.Index(labels, name="predicted"),
    )

    calibrated = CalibratedClassifierCV(
        estimator=_base_pipeline(random_state), method=CALIBRATION, cv=splitter,
    ).fit(texts, y)
    base = _base_pipeline(random_state).fit(texts, y)
    return StanceModel(
        pipeline=calibrated, labels=labels, report=report, confusion=confusion,
        n_train=len(df), base_pipeline=base, cv_folds=folds,
    )


def read_labelled(
    path: str | Path, text_col: str = "text", label_col: str = "label",
) -> pd.DataFrame:
    """Read an analyst's labelled sheet (the template's format).

    Lines starting with ``#`` are comments. Every cell is read as a string (missing → ``""``);
    labels are stripped and lower-cased so "Hostile " and "hostile" are one label. Rows with
    an empty label are dropped; their number is in ``df.attrs["n_unlabelled"]``. Raises
    ``ValueError`` naming the columns the file has when ``text`` or ``label`` is missing.
    """
    path = Path(path)
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        raise ValueError(f"{path}: no header row (only comments or blank lines)")
    df = pd.read_csv(io.StringIO("".join(lines)), dtype=str, keep_default_na=False,
                     quoting=csv.QUOTE_MINIMAL, skipinitialspace=False)
    df.columns = [str(c).strip() for c in df.columns]
    missing = [c for c in (text_col, label_col) if c not in df.columns]
    if missing:
        raise ValueError(
            f"{path}: missing required column(s) {missing}; the file has columns "
            f"{list(df.columns)} (expected {SHEET_COLUMNS})")
    df[label_col] = df[label_col].str.strip().str.lower()
    unlabelled = df[label_col] == ""
    out = df[~unlabelled].reset_index(drop=True)
    out.attrs["n_unlabelled"] = int(unlabelled.sum())
    return out


def labelling_sheet(sentences: pd.DataFrame, n: int = 200, random_state: int = 0) -> pd.DataFrame:
    """A reproducible sample of a ``sentences`` table, ready for hand labelling.

    Empty sentences and exact duplicate texts (after whitespace and case folding) are dropped
    before sampling, so no sentence is labelled twice and cross-validation is not flattered
    by copies. Up to ``n`` rows are drawn with ``random_state``, then sorted by doc_id and
    sent_id so an analyst reads them in context. Columns are the template's (doc_id, sent_id,
    speaker, target, text, label, notes) with target, label and notes empty; a missing
    doc_id, sent_id or speaker column is left empty.

    >>> s = pd.DataFrame({"doc_id": ["d"] * 3, "sent_id": [0, 1, 2],
    ...                   "text": ["A.", "B.", "a."], "speaker": ["author"] * 3})
    >>> labelling_sheet(s, n=5)[["sent_id", "text", "label"]].values.tolist()
    [[0, 'A.', ''], [1, 'B.', '']]
    """
    if "text" not in sentences.columns:
        raise ValueError(
            f"sentences table lacks a 'text' column; it has {list(map(str, sentences.columns))}")
    df = sentences.copy()
    df = df[df["text"].notna() & (df["text"].astype(str).str.strip() != "")]
    key = df["text"].astype(str).str.split().str.join(" ").str.lower()
    df = df[~key.duplicated()]
    k = min(int(n), len(df))
    sample = df.sample(n=k, random_state=random_state) if k else df.iloc[0:0]
    sort_cols = [c for c in ("doc_id", "sent_id") if c in sample.columns]
    if sort_cols:
        sample = sample.sort_values(sort_cols, kind="mergesort")
    out = pd.DataFrame(index=range(len(sample)))
    for col in SHEET_COLUMNS:
        if col in ("doc_id", "sent_id", "speaker", "text") and col in sample.columns:
            out[col] = sample[col].to_numpy()
        else:
            out[col] = ""
    return out
