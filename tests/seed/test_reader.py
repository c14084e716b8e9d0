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
from seed.reader import decode_document

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
    (tmp_path / "notes.md").write_bytes(b"\x00 not a guide")
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
    (tmp_path / "README.md").write_text("Definition of a Baker\n", encoding="utf-8")
    with pytest.raises(EmptySeed, match=r"seed folder '.*' holds no guide \(\*\.txt\)$") as raised:
        read_seed(tmp_path)
    assert raised.value.path == str(tmp_path)


def test_read_seed_names_the_bad_guide_of_a_folder(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(GUIDE)
    (tmp_path / "b.txt").write_bytes(b"")
    with pytest.raises(EmptyDocument, match=r"^b\.txt: the guide is empty$"):
        read_seed(tmp_path)


def test_extract_seed_rejects_a_guide_with_no_sections(tmp_path: Path) -> None:
    path = tmp_path / "novel.txt"
    path.write_text("It was a dark and stormy night.\nThe baker baked.\n", encoding="utf-8")
    with pytest.raises(UnrecognizedGuide, match=r"^novel\.txt: no career-guide section found") as raised:
        extract_seed(path)
    assert raised.value.document == "novel.txt" and raised.value.line is None
