"""``python -m ple`` runs the ``ple`` command."""

from ple.cli.main import cli

cli(prog_name="ple")
