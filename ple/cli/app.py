"""``ple app``: the Streamlit app, for one person (local) or for a team (server mode).

The command only turns its options into the settings the app reads (environment
variables, Streamlit flags) and checks at start what would make a server unsafe or
useless: sign-in switched on while the ``[auth]`` secrets cannot work is refused here,
with the reasons, rather than found out by the first visitor.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ple.cli.common import Source, backend_options, store_errors


@click.command()
@click.argument("path", required=False, type=click.Path(path_type=str))
@click.option("--port", type=int, default=8501, show_default=True)
@click.option(
    "--address",
    default="localhost",
    show_default=True,
    help="Address to listen on; 0.0.0.0 shares the app on the network.",
)
@click.option(
    "--root",
    "roots",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=str),
    help="Server mode: the app opens workspaces inside this folder only "
    "(repeat for several). See docs/deployment.md.",
)
@click.option(
    "--allow-host",
    "hosts",
    multiple=True,
    metavar="NAME",
    help="A host name the app answers to besides localhost (repeat for several).",
)
@click.option(
    "--sign-in",
    "sign_in",
    is_flag=True,
    help="Server mode: visitors sign in with the OpenID Connect provider of the "
    "[auth] secrets, and only editors can save.",
)
@click.option(
    "--editor",
    "editors",
    multiple=True,
    metavar="EMAIL",
    help="With --sign-in: who may save, an e-mail address or @domain (repeat for "
    "several); default: editors in the [server] secrets.",
)
@click.option(
    "--secrets",
    "secrets_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Streamlit secrets file to use, instead of .streamlit/secrets.toml "
    "here and in your home folder.",
)
@backend_options
def app(
    path: str | None,
    port: int,
    address: str,
    roots: tuple[str, ...],
    hosts: tuple[str, ...],
    sign_in: bool,
    editors: tuple[str, ...],
    secrets_file: Path | None,
    backend: str,
    uri: str | None,
    database: str | None,
) -> None:
    """Open the app on a workspace (default: the bundled data/ or $PLE_WORKSPACE), or on
    the workspace synced to a database (--backend neo4j|falkordb)."""
    from streamlit.web import cli as streamlit_cli

    from ple.access import (
        EDITORS_VARIABLE,
        HOSTS_VARIABLE,
        ROOTS_VARIABLE,
        SIGN_IN_VARIABLE,
    )

    if roots:
        os.environ[ROOTS_VARIABLE] = os.pathsep.join(str(Path(r).resolve()) for r in roots)
    if hosts:
        os.environ[HOSTS_VARIABLE] = ",".join(hosts)
    if sign_in:
        os.environ[SIGN_IN_VARIABLE] = "1"
    if editors:
        os.environ[EDITORS_VARIABLE] = ",".join(editors)
    check_server_settings(secrets_file, editors)
    source = Source(path, backend=backend, uri=uri, database=database)
    if source.from_database:
        # Checked here so that a wrong address or password is one sentence on the
        # terminal, not a page in a browser; the app reads the same settings again.
        from ple.store import connected, content_version

        config = source.store_config()
        with store_errors(), connected(config) as connection:
            content_version(connection)
        os.environ["PLE_BACKEND"] = backend
        names = {
            "neo4j": ("NEO4J_URI", "NEO4J_DATABASE"),
            "falkordb": ("FALKORDB_URL", "FALKORDB_GRAPH"),
        }[backend]
        for name, value in zip(names, (uri, database), strict=True):
            if value is not None:
                os.environ[name] = value
    else:
        if uri is not None or database is not None:
            raise click.UsageError("--uri and --database go with --backend neo4j or falkordb")
        os.environ["PLE_BACKEND"] = "networkx"
    if path is not None:
        os.environ["PLE_WORKSPACE"] = str(Path(path).resolve())
    entry = Path(__file__).resolve().parents[1] / "ui" / "app.py"
    sys.argv = [
        "streamlit",
        "run",
        str(entry),
        "--server.port",
        str(port),
        "--server.address",
        address,
        "--browser.gatherUsageStats",
        "false",
        "--client.toolbarMode",
        "minimal",
    ]
    if secrets_file is not None:
        sys.argv += ["--secrets.files", str(secrets_file.resolve())]
    sys.exit(streamlit_cli.main())


def check_server_settings(secrets_file: Path | None, editors: tuple[str, ...]) -> None:
    """Refuse to start (exit 2) a server that asks for sign-in it cannot do; warn about a
    server that lets every visitor save."""
    from ple.access import from_settings, read_secrets, secrets_files
    from ple.signin import auth_problems

    files = secrets_files(secrets_file)
    try:
        secrets = read_secrets(files)
    except ValueError as error:
        raise click.UsageError(f"the secrets cannot be read: {error}") from None
    access = from_settings(os.environ, secrets)
    if editors and not access.sign_in:
        raise click.UsageError("--editor goes with --sign-in")
    if access.sign_in and not access.server_mode:
        raise click.UsageError(
            "sign-in is for server mode: give --root (or roots in the [server] secrets) too"
        )
    if access.sign_in:
        problems = auth_problems(secrets)
        if problems:
            looked = " or ".join(str(f) for f in files)
            raise click.UsageError(
                f"sign-in is switched on, but it is not set up in the secrets ({looked}): "
                + "; ".join(problems)
                + ". See docs/deployment.md#sign-in-and-roles."
            )
        if not access.roles.editors and not access.roles.editor_groups:
            click.echo(
                "ple app: nobody is an editor (no --editor, and no editors or "
                "editor_groups in [server]): everyone who signs in can only view.",
                err=True,
            )
    elif access.server_mode:
        click.echo(
            "ple app: server mode without sign-in: everyone who reaches the app can "
            "save. Add --sign-in (docs/deployment.md#sign-in-and-roles).",
            err=True,
        )
