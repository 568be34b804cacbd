"""Klaster: a bilingual assistant on industrial-cluster policy, answering with citations."""

__version__ = "0.1.0"
