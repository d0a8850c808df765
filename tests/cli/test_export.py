"""``ple export`` writes whole files where it is told, and refuses bad requests clearly."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from ple.cli.main import cli


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_one_journey_to_a_named_file(small, tmp_path):
    target = tmp_path / "brief" / "retire.mmd"
    result = run("export", str(small), "--journey", "retirement", "--format", "mermaid",
                 "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [str(target)]
    assert target.read_text(encoding="utf-8").startswith("flowchart LR")


def test_tables_write_three_files_beside_the_name(small, tmp_path):
    result = run("export", str(small), "--journey", "retirement", "--format", "csv",
                 "-o", str(tmp_path / "retire.csv"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "retire.csv", "retire.findings.csv", "retire.transitions.csv"]


def test_a_two_part_extension_keeps_the_name_given(small, tmp_path):
    """`text-html` writes `<journey>.text.html` in a folder, but `-o retire.html` is
    retire.html, not retire.html.text.html."""
    for fmt, name in (("text-html", "retire.html"), ("journey-json", "retire.json"),
                      ("text-html", "page.text.html")):
        result = run("export", str(small), "--journey", "retirement", "--format", fmt,
                     "-o", str(tmp_path / name))
        assert result.exit_code == 0, result.output
        assert result.stdout.splitlines() == [str(tmp_path / name)]
    result = run("export", str(small), "--all", "--format", "text-html", "-o",
                 str(tmp_path / "all"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "all").iterdir()) == [
        "retirement-future.text.html", "retirement.text.html"]


def test_all_journeys_into_a_folder(small, tmp_path):
    result = run("export", str(small), "--all", "--format", "drawio", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "retirement-future.drawio", "retirement.drawio"]


def test_no_temporary_files_are_left_behind(small, tmp_path):
    run("export", str(small), "--all", "--format", "json", "-o", str(tmp_path))
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_unknown_format_or_journey_is_a_usage_error(small, tmp_path):
    wrong_format = run("export", str(small), "--journey", "retirement", "--format", "mermade",
                       "-o", str(tmp_path / "x"))
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
