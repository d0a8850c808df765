"""Reading workspaces from files: parsing, validation, references, caching."""

from ple.io.loader import LoadResult, find_files, load_workspace

__all__ = ["LoadResult", "find_files", "load_workspace"]
