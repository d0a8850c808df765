"""A journey and its catalog as flat tables (sheets): the one shape shared by the app's
editable tables, the xlsx workbook and the CSV files of ``ple export --format sheets``."""
