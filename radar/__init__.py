"""Crisis radar: dominant questions and sentiment swings for webcare teams.

The application package: settings, store, ingest, enrichment, the radar loop,
playbooks, snapshots, reports and the ``radar`` command line. Heavy libraries
(BERTopic, sentence-transformers, Dash) are imported lazily.
"""

__version__ = "0.1.0"
