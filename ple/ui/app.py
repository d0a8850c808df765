"""Entry script of ``ple app`` (inside the package, so installed copies can run it)."""

from ple.ui.navigation import run_app

run_app()
