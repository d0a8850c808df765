"""Importers of real public data: Benefit Finder, the Federal Program Inventory, A-11 CX scores.

Each importer reads a source and returns model objects plus problems (warnings for
real-data quirks); writing files is left to the caller.
"""
