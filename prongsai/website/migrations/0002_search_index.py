"""The full-text index of ``SearchDocument.words``: an FTS5 table on SQLite, a GIN index over
``array_to_tsvector(string_to_array(words, ' '))`` on PostgreSQL (see website/search.py)."""

from django.db import migrations


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS website_search_fts USING fts5(words, tokenize='ascii')"
        )
    elif vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS website_search_words_gin ON website_searchdocument"
            " USING gin (array_to_tsvector(string_to_array(words, ' ')))"
        )


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS website_search_fts")
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS website_search_words_gin")


class Migration(migrations.Migration):
    dependencies = [("website", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
