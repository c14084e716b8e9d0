"""Coverage: every line's report, section warnings, and files of a folder that state nothing career-like."""

from __future__ import annotations

from pathlib import Path

import pytest

from careergraph.cli import main
from seed import Document, LineCategory, extract, extract_seed
from seed.coverage import coverage_report, extract_seed_report, section_warnings
from seed.errors import UnrecognizedGuide

SHAPES = Path(__file__).parents[1] / "fixtures" / "shapes"
NOVEL = "It was a dark and stormy night.\nThe baker baked.\n"


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    (tmp_path / "chef.md").write_text((SHAPES / "chef-career-guide.md").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "novel.txt").write_text(NOVEL, encoding="utf-8")
    return tmp_path


def test_extract_seed_report_names_a_file_with_nothing_career_like(mixed_folder: Path) -> None:
    seed = extract_seed_report(mixed_folder)
    assert [e.document.name for e in seed.extractions] == ["chef.md"]
    (problem,) = seed.unrecognized
    assert problem.name == "novel.txt" and problem.reason.startswith("nothing career-like found")
    assert seed.lines() == [f"no records from {problem}"]


def test_extract_seed_report_raises_for_such_a_file_when_strict(mixed_folder: Path) -> None:
    with pytest.raises(UnrecognizedGuide, match=r"^novel\.txt: no career-guide section found"):
        extract_seed_report(mixed_folder, strict=True)
    with pytest.raises(UnrecognizedGuide):
        extract_seed(mixed_folder, strict=True)


def test_extract_seed_keeps_the_other_files_facts(mixed_folder: Path) -> None:
    (chef,) = extract_seed(mixed_folder)
    assert any(e.name == "Sous Chef" for e in chef.entities)


def test_inspect_names_the_file_and_strict_makes_it_an_error(mixed_folder: Path, capsys) -> None:
    assert main(["inspect", "--seed", str(mixed_folder), "--summary"]) == 0
    assert "no records from novel.txt: nothing career-like found" in capsys.readouterr().out
    assert main(["inspect", "--seed", str(mixed_folder), "--strict"]) == 3
    assert "novel.txt: no career-guide section found" in capsys.readouterr().err


def test_build_strict_fails_on_such_a_file(mixed_folder: Path, tmp_path: Path, capsys) -> None:
    snapshot = tmp_path / "graph.json"
    assert main(["build", "--seed", str(mixed_folder), "-o", str(snapshot)]) == 0
    assert main(["build", "--seed", str(mixed_folder), "--strict", "-o", str(snapshot)]) == 3
    assert "novel.txt" in capsys.readouterr().err


def test_section_warnings_name_sections_that_promise_more_than_they_give() -> None:
    text = "# Baker\n\n## Levels\n\nWe have levels.\n\n## Specialties\n\n## Junior Baker\n\n- Kneads.\n"
    assert section_warnings(extract(Document("b.md", text))) == (
        "b.md:3: section 'Levels' looks like levels but yielded none",
        "b.md:7: section 'Specialties' looks like specializations but yielded none",
    )


@pytest.mark.parametrize("name", sorted(p.name for p in SHAPES.iterdir()))
def test_section_warnings_are_quiet_on_sections_that_yield(name: str) -> None:
    document = Document(name, (SHAPES / name).read_text(encoding="utf-8"))
    assert section_warnings(extract(document)) == ()


def test_coverage_reports_a_table_row_with_what_its_cells_produced() -> None:
    text = (SHAPES / "qa-engineer-levels.md").read_text(encoding="utf-8")
    coverage = {r.line: r for r in extract(Document("qa.md", text)).coverage}
    header, rule, row = coverage[5], coverage[6], coverage[7]
    assert header.category is LineCategory.CELL and "LEVEL L1 QA Engineer" in header.produced
    assert rule.category is LineCategory.NOISE and rule.reason == "markup or page boilerplate"
    assert "HAS_RESPONSIBILITY L3 QA Engineer -> Designs the test strategy for a product area" in row.produced


def test_coverage_gives_the_reason_a_line_produced_nothing() -> None:
    text = (SHAPES / "backend-engineer-ladder.md").read_text(encoding="utf-8")
    coverage = extract(Document("b.md", text)).coverage
    reasons = {r.line: r.reason for r in coverage if not r.produced}
    assert reasons[1] == "front matter" and reasons[5] == "blank line"
    assert reasons[6] == "title"
    assert reasons[max(reasons)] == "page footer"  # after "Share this page"


def test_coverage_report_prints_warnings_and_problems() -> None:
    text = "# Baker\n\n## Career Path\n\nBakers knead.\n\n## Junior Baker\n\n- Kneads.\n"
    report = coverage_report([extract(Document("b.md", text))], verbose=False, problems=["no records from x.txt"])
    assert "warning: b.md:3: section 'Career Path' looks like a ladder but yielded none" in report
    assert "no records from x.txt" in report
