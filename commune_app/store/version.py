"""The schema version this program writes (``PRAGMA user_version``), known without sqlite-utils.

It is the number of migrations in ``commune_app.store.schema``: a file stamped with it needs no
migration, so opening it imports nothing heavy. tests/core/test_store.py keeps the two equal;
append a migration, raise this number.
"""

SCHEMA_VERSION = 7
