"""The ceiling of the survey write path: a minimal Django app with one form and one insert.

bench/surveys_ladder.py serves it with gunicorn next to the product, on the same database, with
the same database settings (engine, WAL, ``synchronous``, persistent connections) and the same
gunicorn configuration, and reports EIT submissions as a share of what this endpoint does.
"""
