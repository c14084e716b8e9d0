"""Reading seeds: a guide file or a folder of guides in, documents out; bad input named."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from seed import DEFAULT_SEED, extract_seed, read_document, read_seed
from seed.errors import (
    BinaryDocument,
    EmptyDocument,
    EmptySeed,
    InvalidDocument,
    SeedError,
    SeedNotFound,
    UnrecognizedGuide,
)
from seed.reader import decode_document, read_seed_report

GUIDE = b"Definition of a Baker\nA Baker bakes bread.\n"


def test_read_document_names_the_document_after_the_file() -> None:
    document = read_document(DEFAULT_SEED)
    assert document.name == "technical-product-manager.txt"


def test_read_document_keeps_the_bytes_unchanged() -> None:
    document = read_document(DEFAULT_SEED)
    data = DEFAULT_SEED.read_bytes()
    assert document.text.encode("utf-8") == data
    assert document.sha256 == hashlib.sha256(data).hexdigest()


def test_read_seed_reads_a_single_guide() -> None:
    assert [d.name for d in read_seed(DEFAULT_SEED)] == ["technical-product-manager.txt"]


def test_read_seed_defaults_to_the_bundled_guide() -> None:
    assert read_seed() == read_seed(DEFAULT_SEED)


def test_read_seed_reads_a_folder_in_name_order(guides_dir: Path) -> None:
    names = [document.name for document in read_seed(guides_dir)]
    assert names == ["data-analyst.txt", "data-scientist.txt", "ux-designer.txt"]


def test_read_seed_skips_files_that_are_not_guides(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_bytes(GUIDE)
    (tmp_path / "a.txt").write_bytes(GUIDE)
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "folder.txt").mkdir()
    assert [document.name for document in read_seed(tmp_path)] == ["a.txt", "b.txt"]


def test_extract_seed_extracts_every_guide_of_a_folder(guides_dir: Path) -> None:
    roles = [extraction.entities[0].name for extraction in extract_seed(guides_dir)]
    assert roles == ["Data Analyst", "Data Scientist", "UX Designer"]


def test_seed_errors_share_one_base() -> None:
    assert issubclass(SeedNotFound, SeedError) and issubclass(EmptySeed, SeedError)
    for error in (EmptyDocument, BinaryDocument, UnrecognizedGuide):
        assert issubclass(error, InvalidDocument) and issubclass(error, SeedError)


@pytest.mark.parametrize(
    ("name", "data", "error", "message"),
    [
        pytest.param("empty.txt", b"", EmptyDocument, r"^empty\.txt: the guide is empty$", id="empty"),
        pytest.param("blank.txt", b" \n\t\r\n\n", EmptyDocument, r"^blank\.txt: the guide is empty$", id="blank"),
        pytest.param(
            "nul.txt", b"Definition of a Baker\nA \x00 Baker\n", BinaryDocument,
            r"^nul\.txt:2: not a UTF-8 text file \(NUL byte\)$", id="nul-byte",
        ),
        pytest.param(
            "latin1.txt", b"Definition of a Baker\n\nCaf\xe9 work\n", BinaryDocument,
            r"^latin1\.txt:3: not a UTF-8 text file \(invalid UTF-8 at byte 26\)$", id="invalid-utf8",
        ),
        pytest.param(
            "png.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", BinaryDocument,
            r"^png\.txt:3: not a UTF-8 text file \(NUL byte\)$", id="binary",
        ),
    ],
)
def test_read_document_rejects_unusable_files(
    tmp_path: Path, name: str, data: bytes, error: type[InvalidDocument], message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(error, match=message) as raised:
        read_document(path)
    assert raised.value.document == name


@pytest.mark.parametrize(
    ("data", "line"),
    [
        pytest.param(b"\x00", 1, id="first-line"),
        pytest.param(b"a\nb\nc\x00", 3, id="third-line"),
        pytest.param(b"a\n\xff", 2, id="bad-byte"),
    ],
)
def test_decode_document_names_the_line_of_the_bad_byte(data: bytes, line: int) -> None:
    with pytest.raises(BinaryDocument, match=rf"^g\.txt:{line}: ") as raised:
        decode_document("g.txt", data)
    assert raised.value.line == line


def test_read_document_rejects_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "missing.txt"
    with pytest.raises(SeedNotFound, match=r"cannot read seed '.*missing\.txt': no such file or folder$") as raised:
        read_document(path)
    assert raised.value.path == str(path)


def test_read_seed_rejects_a_missing_path(tmp_path: Path) -> None:
    with pytest.raises(SeedNotFound, match=r"cannot read seed '.*nowhere': no such file or folder$"):
        read_seed(tmp_path / "nowhere")


def test_read_document_rejects_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "guides.txt"
    folder.mkdir()
    with pytest.raises(SeedNotFound, match=r"cannot read seed '.*guides\.txt': [Ii]s a directory$"):
        read_document(folder)


def test_read_seed_rejects_a_folder_without_guides(tmp_path: Path) -> None:
    (tmp_path / "README.pdf").write_text("Definition of a Baker\n", encoding="utf-8")
    with pytest.raises(EmptySeed, match=r"seed folder '.*' holds no guide \(\*\.txt, \*\.md, .*\*\.htm\)$") as raised:
        read_seed(tmp_path)
    assert raised.value.path == str(tmp_path)


def test_read_seed_raises_the_first_error_when_no_guide_of_a_folder_loads(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.md").write_bytes(b"\x00")
    with pytest.raises(EmptyDocument, match=r"^a\.txt: the guide is empty$"):
        read_seed(tmp_path)


def test_read_seed_names_the_bad_guide_of_a_folder_when_strict(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(GUIDE)
    (tmp_path / "b.txt").write_bytes(b"")
    with pytest.raises(EmptyDocument, match=r"^b\.txt: the guide is empty$"):
        read_seed(tmp_path, strict=True)


def test_extract_seed_rejects_a_guide_with_no_sections(tmp_path: Path) -> None:
    path = tmp_path / "novel.txt"
    path.write_text("It was a dark and stormy night.\nThe baker baked.\n", encoding="utf-8")
    with pytest.raises(UnrecognizedGuide, match=r"^novel\.txt: no career-guide section found") as raised:
        extract_seed(path)
    assert raised.value.document == "novel.txt" and raised.value.line is None


# -- folders of many formats -------------------------------------------------------------


def test_read_seed_loads_every_supported_format_of_a_folder(tmp_path: Path) -> None:
    for name in ("e.txt", "d.md", "c.markdown", "b.html", "a.HTM"):
        (tmp_path / name).write_bytes(GUIDE)
    assert [d.name for d in read_seed(tmp_path)] == ["a.HTM", "b.html", "c.markdown", "d.md", "e.txt"]


def test_read_seed_reads_subfolders_in_path_order_and_names_documents_by_relative_path(tmp_path: Path) -> None:
    (tmp_path / "kitchen").mkdir()
    (tmp_path / "kitchen" / "chef.md").write_bytes(GUIDE)
    (tmp_path / "a.txt").write_bytes(GUIDE)
    (tmp_path / "z.txt").write_bytes(GUIDE)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD.txt").write_bytes(GUIDE)
    (tmp_path / ".hidden.md").write_bytes(GUIDE)
    assert [d.name for d in read_seed(tmp_path)] == ["a.txt", "kitchen/chef.md", "z.txt"]


def test_read_seed_report_keeps_the_good_guides_and_names_the_bad_ones(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(GUIDE)
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.md").write_bytes(b"Caf\xe9\n")
    (tmp_path / "d.md").write_bytes(GUIDE)
    (tmp_path / "photo.png").write_bytes(b"\x89PNG")
    report = read_seed_report(tmp_path)
    assert [d.name for d in report.documents] == ["a.txt", "d.md"]
    assert [(p.name, p.reason) for p in report.errors] == [
        ("b.txt", "the guide is empty"),
        ("c.md", "not a UTF-8 text file (invalid UTF-8 at byte 3)"),
    ]
    assert isinstance(report.errors[0].error, EmptyDocument)
    assert [str(p) for p in report.skipped] == ["photo.png: unsupported file type (.png)"]
    assert report.lines() == [
        "skipped photo.png: unsupported file type (.png)",
        "unreadable b.txt: the guide is empty",
        "unreadable c.md: not a UTF-8 text file (invalid UTF-8 at byte 3)",
    ]


def test_read_seed_report_of_a_single_file_has_nothing_skipped() -> None:
    report = read_seed_report(DEFAULT_SEED)
    assert [d.name for d in report.documents] == [DEFAULT_SEED.name] and not report.skipped and not report.errors


@pytest.mark.parametrize(
    ("data", "text"),
    [
        pytest.param(b'<meta charset="iso-8859-1"><p>Caf\xe9</p>', '<meta charset="iso-8859-1"><p>Café</p>',
                     id="declared-charset"),
        pytest.param(b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><p>\x93x\x94</p>',
                     '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><p>“x”</p>',
                     id="http-equiv"),
        pytest.param(b"<p>Caf\xe9 \x96 bar</p>", "<p>Café – bar</p>", id="cp1252-fallback"),
        pytest.param(b'<meta charset="latin-1"><p>Caf\xc3\xa9</p>', '<meta charset="latin-1"><p>Café</p>',
                     id="utf8-first"),
        pytest.param(b'<meta charset="no-such-codec"><p>Caf\xe9</p>', '<meta charset="no-such-codec"><p>Café</p>',
                     id="unknown-charset"),
    ],
)
def test_decode_document_reads_html_in_its_declared_charset(data: bytes, text: str) -> None:
    assert decode_document("page.html", data).text == text


def test_decode_document_keeps_other_formats_strictly_utf8() -> None:
    with pytest.raises(BinaryDocument, match=r"invalid UTF-8"):
        decode_document("page.md", b"Caf\xe9")


def test_decode_document_drops_a_byte_order_mark() -> None:
    assert decode_document("g.md", b"\xef\xbb\xbf# Baker\n").text == "# Baker\n"


def test_read_seed_report_logs_what_it_did_not_load(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "a.txt").write_bytes(GUIDE)
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.pdf").write_bytes(b"%PDF")
    with caplog.at_level("INFO", logger="careergraph.seed"):
        read_seed_report(tmp_path)
    assert [(r.levelname, r.getMessage().split(": ", 1)[1]) for r in caplog.records] == [
        ("INFO", "skipped c.pdf: unsupported file type (.pdf)"),
        ("WARNING", "could not read b.txt: the guide is empty"),
    ]
