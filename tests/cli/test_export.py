"""``ple export`` writes whole files where it is told, and refuses bad requests clearly."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from ple.cli.main import cli


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_one_journey_to_a_named_file(small, tmp_path):
    target = tmp_path / "brief" / "retire.mmd"
    result = run(
        "export", str(small), "--journey", "retirement", "--format", "mermaid", "-o", str(target)
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [str(target)]
    assert target.read_text(encoding="utf-8").startswith("flowchart LR")


def test_tables_write_three_files_beside_the_name(small, tmp_path):
    result = run(
        "export",
        str(small),
        "--journey",
        "retirement",
        "--format",
        "csv",
        "-o",
        str(tmp_path / "retire.csv"),
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "retire.csv",
        "retire.findings.csv",
        "retire.transitions.csv",
    ]


def test_a_two_part_extension_keeps_the_name_given(small, tmp_path):
    """`text-html` writes `<journey>.text.html` in a folder, but `-o retire.html` is
    retire.html, not retire.html.text.html."""
    for fmt, name in (
        ("text-html", "retire.html"),
        ("journey-json", "retire.json"),
        ("text-html", "page.text.html"),
    ):
        result = run(
            "export",
            str(small),
            "--journey",
            "retirement",
            "--format",
            fmt,
            "-o",
            str(tmp_path / name),
        )
        assert result.exit_code == 0, result.output
        assert result.stdout.splitlines() == [str(tmp_path / name)]
    result = run(
        "export", str(small), "--all", "--format", "text-html", "-o", str(tmp_path / "all")
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "all").iterdir()) == [
        "retirement-future.text.html",
        "retirement.text.html",
    ]


def test_all_journeys_into_a_folder(small, tmp_path):
    result = run("export", str(small), "--all", "--format", "drawio", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "retirement-future.drawio",
        "retirement.drawio",
    ]


def test_no_temporary_files_are_left_behind(small, tmp_path):
    run("export", str(small), "--all", "--format", "json", "-o", str(tmp_path))
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_unknown_format_or_journey_is_a_usage_error(small, tmp_path):
    wrong_format = run(
        "export",
        str(small),
        "--journey",
        "retirement",
        "--format",
        "mermade",
        "-o",
        str(tmp_path / "x"),
    )
    assert wrong_format.exit_code == 2
    assert "did you mean 'mermaid'" in wrong_format.stderr
    wrong_journey = run("export", str(small), "--journey", "retirment", "-o", str(tmp_path))
    assert wrong_journey.exit_code == 2
    assert list(Path(tmp_path).iterdir()) == []


def test_journey_or_all_is_required(small):
    assert run("export", str(small)).exit_code == 2
    assert run("export", str(small), "--all", "--journey", "retirement").exit_code == 2


def test_list_formats():
    listed = run("export", "--list").stdout
    for name in ("html", "mermaid", "drawio", "graphml", "json", "csv", "md"):
        assert f"\n{name} " in listed


def test_a_trailing_slash_means_a_folder_that_is_made(small, tmp_path):
    folder = tmp_path / "newdir"
    result = run(
        "export", str(small), "--journey", "retirement", "--format", "drawio", "-o", f"{folder}/"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [str(folder / "retirement.drawio")]
    assert [p.name for p in tmp_path.iterdir()] == ["newdir"]
    assert "<mxfile" in (folder / "retirement.drawio").read_text(encoding="utf-8")


def test_an_existing_file_is_overwritten_only_with_force(small, tmp_path):
    target = tmp_path / "retire.mmd"
    target.write_text("my notes", encoding="utf-8")
    refused = run(
        "export", str(small), "--journey", "retirement", "--format", "mermaid", "-o", str(target)
    )
    assert refused.exit_code == 1
    assert f"{target} exists; use --force to overwrite it (nothing written)" in refused.stderr
    assert refused.stdout == ""
    assert target.read_text(encoding="utf-8") == "my notes"
    forced = run(
        "export",
        str(small),
        "--journey",
        "retirement",
        "--format",
        "mermaid",
        "-o",
        str(target),
        "--force",
    )
    assert forced.exit_code == 0, forced.output
    assert target.read_text(encoding="utf-8").startswith("flowchart LR")


def test_a_second_export_of_all_journeys_writes_nothing_without_force(small, tmp_path):
    assert (
        run("export", str(small), "--all", "--format", "json", "-o", str(tmp_path)).exit_code == 0
    )
    (tmp_path / "retirement.json").write_text("edited", encoding="utf-8")
    (tmp_path / "retirement-future.json").unlink()
    again = run("export", str(small), "--all", "--format", "json", "-o", str(tmp_path))
    assert again.exit_code == 1
    assert "use --force to overwrite it (nothing written)" in again.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["retirement.json"]
    assert (tmp_path / "retirement.json").read_text(encoding="utf-8") == "edited"
    assert (
        run(
            "export", str(small), "--all", "--format", "json", "-o", str(tmp_path), "--force"
        ).exit_code
        == 0
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "retirement-future.json",
        "retirement.json",
    ]


def test_files_made_before_the_one_in_the_way_are_taken_back(small, tmp_path):
    """Journeys are exported in id order: retirement's file is made (and put aside) before
    retirement-future's turns out to exist; then neither is written, and nothing is left."""
    (tmp_path / "retirement-future.json").write_text("keep", encoding="utf-8")
    result = run("export", str(small), "--all", "--format", "json", "-o", str(tmp_path))
    assert result.exit_code == 1
    assert f"{tmp_path / 'retirement-future.json'} exists; use --force" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["retirement-future.json"]
