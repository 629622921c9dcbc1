"""Importing historical records from an agency's files (CSV or XLSX): a saved profile maps the
file's columns and values onto Defuse's, rows are grouped into incidents by a key, and nothing is
written unless every row passes. See docs/importing.md."""
