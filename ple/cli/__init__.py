"""The `ple` command line: thin commands over the library."""
