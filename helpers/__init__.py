"""Escalation rhetoric: tables of actors, quotes, events, triggers and stance from news text.

The one entry point is :func:`analyze`; see ``../shared/DESIGN.md`` for the tables.
"""

from .corpus import CorpusError, load_corpus
from .pipeline import TABLES, Analysis, analyze, write_tables

__all__ = ["TABLES", "Analysis", "CorpusError", "analyze", "load_corpus", "write_tables"]
__version__ = "0.1.0"
