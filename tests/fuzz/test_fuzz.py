"""Fuzzing the readers: mutated copies of the hostile shapes in ``corpus/`` never make
the loader, the parsers or the workbook reader raise; they answer with problems.

Each target starts from the committed seed corpus (every shape that once crashed or
hung ``ple``, and a few ordinary files), mutates it (bytes inserted, deleted, repeated,
YAML and XML fragments spliced in) and checks the reader's promise. The number of
examples is bounded so each target takes a few seconds (``PLE_FUZZ_EXAMPLES`` raises
it); a failing example is shrunk by hypothesis and printed, ready to become a seed.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ple.errors import Problem
from ple.importers.xlsx import read_workbook_bytes
from ple.io import load_workspace
from ple.io.parse import ParseFailure, parse_fast, parse_located
from tests.conftest import CATALOG

CORPUS = Path(__file__).parent / "corpus"
TEXT_SEEDS = {
    p.name: p.read_bytes() for p in sorted(CORPUS.iterdir()) if p.suffix in (".yaml", ".json")
}
WORKBOOK_SEEDS = {p.name: p.read_bytes() for p in sorted(CORPUS.glob("*.xlsx"))}
LARGEST = 200_000
"""Mutated inputs are cut to this many bytes, so one example stays quick."""

YAML_PIECES = [
    b"- ",
    b"? ",
    b": ",
    b"[",
    b"]",
    b"{",
    b"}",
    b",",
    b"&a ",
    b"*a",
    b"!!str ",
    b"!x ",
    b"\n",
    b"  ",
    b"\t",
    b"#",
    b"'",
    b'"',
    b"---\n",
    b"...\n",
    b"|\n",
    b">-\n",
    b"%YAML 1.2\n",
    b"<<: *a\n",
    b"9" * 25,
    b"0x" + b"f" * 20,
    b"1e999",
    b".inf",
    b"\x00",
    b"\xff",
    b"\xef\xbb\xbf",
    b"\r\n",
    b"\\u0000",
    b"\xe2\x80\xae",
]
XML_PIECES = [
    b'<row r="1048576"/>',
    b'<row r="7"><c r="A7" t="s"><v>0</v></c></row>',
    b'<c r="XFD3" t="inlineStr"><is><t>x</t></is></c>',
    b'<dimension ref="A1:XFD9"/>',
    b"<v>" + b"9" * 60 + b"</v>",
    b'<c r="B2" t="b"><v>1</v></c>',
    b"<",
    b">",
    b"&",
    b"</sheetData>",
    b"<sheetData>",
    b'<c r="A1" t="e"><v>#N/A</v></c>',
]


@st.composite
def mutated(draw: st.DrawFn, seed: bytes, pieces: list[bytes]) -> bytes:
    data = bytearray(seed)
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(data)))
        how = draw(st.sampled_from(["insert", "delete", "replace", "repeat"]))
        if how == "insert":
            data[at:at] = draw(st.sampled_from(pieces) | st.binary(max_size=6))
        elif how == "delete":
            del data[at : at + draw(st.integers(1, 24))]
        elif how == "replace":
            data[at : at + 1] = draw(st.binary(min_size=1, max_size=1))
        else:
            piece = bytes(data[at : at + draw(st.integers(1, 40))])
            data[at:at] = piece * draw(st.integers(1, 60))
    return bytes(data[:LARGEST])


@st.composite
def text_inputs(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(TEXT_SEEDS)))
    return name, draw(mutated(TEXT_SEEDS[name], YAML_PIECES))


EXAMPLES = int(os.environ.get("PLE_FUZZ_EXAMPLES", "120"))
"""Examples per target: a few seconds in the suite; set PLE_FUZZ_EXAMPLES=5000 to fuzz
for longer by hand."""

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)


@FUZZ
@given(text_inputs())
def test_the_parsers_only_ever_say_parse_failure(case):
    name, data = case
    suffix = Path(name).suffix
    text = data.decode("utf-8", errors="replace")
    for parse in (parse_fast, parse_located):
        try:
            parse(text, suffix)
        except ParseFailure as failure:
            assert failure.message


@FUZZ
@given(text_inputs())
def test_the_loader_answers_every_file_with_problems_never_an_exception(tmp_path, case):
    name, data = case
    folder = tmp_path / "ws"
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    (folder / "catalog.yaml").write_text(CATALOG, encoding="utf-8")
    (folder / f"fuzzed{Path(name).suffix}").write_bytes(data)
    fast = load_workspace(folder, use_cache=False)
    located = load_workspace(folder, use_cache=False, located=True)
    assert fast.ok == located.ok  # the fast parser judges both paths
    for problem in fast.problems:
        assert isinstance(problem, Problem) and str(problem)
    assert fast.ok or fast.errors


@st.composite
def workbooks(draw: st.DrawFn) -> bytes:
    """A seed workbook with one of its parts mutated."""
    seed = WORKBOOK_SEEDS[draw(st.sampled_from(sorted(WORKBOOK_SEEDS)))]
    source = zipfile.ZipFile(io.BytesIO(seed))
    names = source.namelist()
    chosen = draw(st.sampled_from([n for n in names if n.startswith("xl/")]))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for part in names:
            content = source.read(part)
            if part == chosen:
                content = draw(mutated(content, XML_PIECES))
            target.writestr(part, content)
    return buffer.getvalue()


@FUZZ
@pytest.mark.filterwarnings("ignore::UserWarning")  # openpyxl warns about damaged parts
@given(workbooks())
def test_the_workbook_reader_answers_with_problems_never_an_exception(book):
    read = read_workbook_bytes(book, "fuzzed.xlsx")
    for problem in read.problems:
        assert isinstance(problem, Problem) and str(problem)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_named_xlsx_are_a_message(data):
    read = read_workbook_bytes(data, "noise.xlsx")
    assert read.problems
