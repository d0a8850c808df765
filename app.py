"""Entry script of ``make run`` / ``streamlit run app.py -- PATH``: the PLE journey-mapping app.

The workspace comes from ``PLE_WORKSPACE``, else the first argument after ``--``,
else the bundled ``data/``; the sidebar can switch it. Pages live in ``ple/ui/app_pages``.
"""

from ple.ui.navigation import run_app

run_app()
