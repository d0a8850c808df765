"""Downloads from the app: one file, or a zip when a format writes several."""

from __future__ import annotations

import io
import zipfile

from ple.export.bundle import download_name, journey_download
from ple.io import load_workspace


def test_a_one_file_format_downloads_as_that_file(small):
    workspace = load_workspace(small).workspace
    download = journey_download(workspace, "retirement", "mermaid")
    assert download.file_name == download_name("retirement", "mermaid") == "retirement.mmd"
    assert download.data.startswith(b"flowchart LR")
    assert download.media_type == "text/vnd.mermaid"


def test_several_files_come_as_a_zip_named_before_rendering(small):
    workspace = load_workspace(small).workspace
    download = journey_download(workspace, "retirement", "csv")
    assert download.file_name == download_name("retirement", "csv") == "retirement-csv.zip"
    names = zipfile.ZipFile(io.BytesIO(download.data)).namelist()
    assert names == ["retirement.csv", "retirement.transitions.csv", "retirement.findings.csv"]
