"""The upload allow-list: names, sizes and content, for every allowed and refused kind."""

import hashlib

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from common.uploads import (
    ALLOWED_KINDS,
    MAX_NAME_LENGTH,
    check_upload,
    clean_upload_name,
    download_content_type,
)
from tests.portfolio.upload_examples import (
    GOOD_FILES,
    JPEG_HEAD,
    PDF,
    PNG_1X1,
    RawUpload,
    upload,
)


def refusal(name: str, content: bytes) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        check_upload(upload(name, content))
    return caught.value


# --- Allowed kinds ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(GOOD_FILES))
def test_check_upload_accepts_each_allowed_kind(name):
    content = GOOD_FILES[name]
    checked = check_upload(upload(name, content, content_type="text/html"))
    extension = name.rsplit(".", 1)[1]
    assert checked.original_name == name
    assert checked.extension == ALLOWED_KINDS[extension].extension
    assert checked.size == len(content)
    assert checked.sha256 == hashlib.sha256(content).hexdigest()
    # The type the browser claimed (text/html here) is never used.
    assert checked.content_type == ALLOWED_KINDS[extension].content_type


def test_allowed_kinds_cover_the_product_list():
    assert set(ALLOWED_KINDS) == {
        "pdf", "md", "txt", "csv", "json", "jsonl", "yaml", "yml", "ipynb", "png", "jpg", "jpeg"
    }  # fmt: skip


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("Q3.report.md", b"# Q3\n"),
        ("v1.2.final.pdf", PDF),
        ("REPORT.PDF", PDF),
        ("items.csv", b"single column\nvalue one\nvalue two\n"),
        ("bom.json", b'\xef\xbb\xbf{"a": 1}'),
        ("many.yaml", b"a: 1\n---\nb: 2\n"),
        ("payloads.md", b"# XSS payloads we tried\n\n`<script>alert(1)</script>` was escaped.\n"),
        ("payloads.jsonl", b'{"attack": "<svg onload=alert(1)>"}\n'),
        ("windows.txt", b"line one\r\nline two\r\n"),
    ],
)
def test_check_upload_accepts_harmless_variants(name, content):
    assert check_upload(upload(name, content)).size == len(content)


# --- Names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("..\\..\\Windows\\system32\\notes.md", "notes.md"),
        ("/home/alice/report.pdf", "report.pdf"),
        ("C:\\Users\\alice\\report.pdf", "report.pdf"),
        ("new\r\nline.md", "newline.md"),
        ("trailing.pdf. ", "trailing.pdf"),
        ('quo"te<s>.md', "quo_te_s_.md"),
    ],
)
def test_clean_upload_name_keeps_only_a_safe_base_name(name, kept):
    assert clean_upload_name(name)[0] == kept


def test_clean_upload_name_shortens_long_names_keeping_the_extension():
    name, _kind = clean_upload_name("a" * 400 + ".pdf")
    assert len(name) <= MAX_NAME_LENGTH
    assert name.endswith(".pdf")


@pytest.mark.parametrize(
    "name", ["drawing.svg", "page.html", "page.htm", "archive.zip", "tool.exe", "image.gif"]
)
def test_check_upload_refuses_extensions_not_on_the_list(name):
    error = refusal(name, b"anything")
    assert error.code == "extension"
    assert "not accepted" in error.messages[0]


@pytest.mark.parametrize("name", ["", "noextension", ".pdf", "...", "..", "report."])
def test_check_upload_refuses_names_without_name_and_extension(name):
    with pytest.raises(ValidationError) as caught:
        check_upload(RawUpload(name, PDF))
    assert caught.value.code in {"name", "extension"}


@pytest.mark.parametrize(
    "name",
    ["x.php.pdf", "shell.PHP.md", "notes.txt.pdf", "page.html.md", "run.sh.txt", "a.exe.png"],
)
def test_check_upload_refuses_double_extensions(name):
    content = GOOD_FILES.get("report.pdf") if name.endswith(".pdf") else b"# hi\n"
    if name.endswith(".png"):
        content = PNG_1X1
    error = refusal(name, content)
    assert error.code == "double_extension"
    assert "two extensions" in error.messages[0]


@pytest.mark.parametrize("name", ["report.pdf.exe", "evil.exe.", "photo.jpg.php"])
def test_check_upload_refuses_programs_hiding_behind_an_allowed_extension_first(name):
    assert refusal(name, PDF).code == "extension"


# --- Content must match the extension ------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", PNG_1X1),
        ("report.pdf", b"just text pretending"),
        ("chart.png", PDF),
        ("chart.png", JPEG_HEAD),
        ("photo.jpg", b"GIF89a\x01\x00\x01\x00"),
        ("photo.jpeg", PNG_1X1),
    ],
)
def test_check_upload_refuses_binary_files_with_the_wrong_magic(name, content):
    error = refusal(name, content)
    assert error.code == "content_mismatch"
    assert "is not a" in error.messages[0]


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("items.json", b'{"items": [1, 2,]}', "not valid JSON"),
        ("items.jsonl", b'{"a": 1}\nnot json\n', "line 2"),
        ("items.jsonl", b"\n\n", "no records"),
        ("analysis.ipynb", b'{"cells": "nope"}', "not a Jupyter notebook"),
        ("analysis.ipynb", b"[1, 2]", "not a Jupyter notebook"),
        ("rubric.yaml", b"key: [unclosed\n", "not valid YAML"),
        ("rubric.yml", b"a: b: c\n", "not valid YAML"),
        ("items.csv", b"a,b,c\n1,2\n", "line 2 has 2 columns"),
        ("items.csv", b'a,b\n"unterminated,2\n', "not valid CSV"),
        ("items.csv", b"\n \n", "no rows"),
        ("notes.txt", PNG_1X1, "not UTF-8 text"),
        ("notes.md", b"\xff\xfe\x00h\x00i", "not UTF-8 text"),
        ("notes.md", b"text\x00with a NUL", "binary data"),
    ],
)
def test_check_upload_refuses_text_that_does_not_parse(name, content, words):
    error = refusal(name, content)
    assert words in error.messages[0]


def test_check_upload_refuses_yaml_python_tags():
    error = refusal("rubric.yaml", b"run: !!python/object/apply:os.system ['echo pwned']\n")
    assert error.code == "yaml_python_tag"
    assert "Python-specific" in error.messages[0]


def test_check_upload_refuses_unknown_yaml_tags():
    assert "tag we do not accept" in refusal("rubric.yaml", b"a: !custom thing\n").messages[0]


@pytest.mark.parametrize(("name", "opener"), [("deep.json", b"["), ("deep.yaml", b"[")])
def test_check_upload_refuses_absurd_nesting_cleanly(name, opener):
    error = refusal(name, opener * 200_000)
    assert error.code == "content_mismatch"


def test_check_upload_refuses_an_empty_file():
    assert refusal("notes.txt", b"").code == "empty"


# --- Programs, HTML and SVG under any name -------------------------------------------------

ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56
MACH_O = b"\xcf\xfa\xed\xfe\x07\x00\x00\x01" + b"\x00" * 56
PE = b"MZ\x90\x00" + b"\x00" * 56 + (64).to_bytes(4, "little") + b"PE\x00\x00" + b"\x00" * 64
DOS_STUB = b"MZ" + b"\x00" * 62 + b"This program cannot be run in DOS mode.\r\n"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", ELF),
        ("notes.txt", ELF),
        ("chart.png", MACH_O),
        ("photo.jpg", PE),
        ("notes.md", DOS_STUB),
        ("notes.txt", b"#!/bin/sh\nrm -rf ~\n"),
        ("run.md", b"\xef\xbb\xbf#!/usr/bin/env python\nprint('hi')\n"),
        ("items.csv", b"#!/usr/bin/perl\n"),
    ],
)
def test_check_upload_refuses_programs(name, content):
    error = refusal(name, content)
    assert error.code == "executable"
    assert "programs are not accepted" in error.messages[0]


def test_check_upload_accepts_text_that_merely_starts_with_mz():
    assert check_upload(upload("notes.txt", b"MZ Wallace handbag inventory\n")).size > 0


@pytest.mark.parametrize(
    ("name", "content", "what"),
    [
        ("notes.md", b"<!DOCTYPE html><html><body>hi</body></html>", "HTML page"),
        ("notes.txt", b"  \n\t<html lang=en>", "HTML page"),
        ("notes.txt", b"<script>alert(document.cookie)</script>", "HTML page"),
        ("notes.md", b'<p align="center">Hello</p>', "HTML page"),
        ("notes.md", b"<!-- hidden --> text", "HTML page"),
        ("items.csv", b"<table><tr><td>1</td></tr></table>", "HTML page"),
        ("notes.txt", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "SVG"),
        ("rubric.yaml", b'<?xml version="1.0"?><svg/>', "SVG"),
        ("notes.md", b"\xef\xbb\xbf<SVG>", "SVG"),
    ],
)
def test_check_upload_refuses_html_and_svg_under_allowed_extensions(name, content, what):
    error = refusal(name, content)
    assert error.code == "markup"
    assert what in error.messages[0]


def test_check_upload_accepts_text_that_starts_with_a_tag_like_word():
    # "<bold>" is not a tag a browser sniffs, and "<a" must be followed by a tag end.
    assert check_upload(upload("notes.txt", b"<abstract> of the paper\n")).size > 0


# --- Size --------------------------------------------------------------------------------------


def test_check_upload_allows_exactly_the_cap(settings):
    settings.UPLOAD_MAX_BYTES = 100
    assert check_upload(upload("notes.txt", b"a" * 100)).size == 100


def test_check_upload_refuses_one_byte_over_the_cap(settings):
    settings.UPLOAD_MAX_BYTES = 100
    error = refusal("notes.txt", b"a" * 101)
    assert error.code == "too_large"
    assert "larger than 100\xa0bytes" in error.messages[0]


class EndlessUpload:
    """A file that never ends; counts how much was read from it."""

    name = "endless.txt"

    def __init__(self):
        self.read_bytes = 0

    def seek(self, position):
        pass

    def chunks(self, chunk_size=64 * 1024):
        while True:
            self.read_bytes += chunk_size
            yield b"a" * chunk_size


def test_check_upload_stops_reading_as_soon_as_the_cap_is_passed(settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    endless = EndlessUpload()
    with pytest.raises(ValidationError) as caught:
        check_upload(endless)
    assert caught.value.code == "too_large"
    assert endless.read_bytes <= settings.UPLOAD_MAX_BYTES + 64 * 1024


def test_download_content_type_never_passes_markup():
    assert download_content_type("application/pdf") == "application/pdf"
    assert download_content_type("text/html") == "application/octet-stream"
    assert download_content_type("image/svg+xml") == "application/octet-stream"


# --- Fuzz ------------------------------------------------------------------------------------

_names = st.one_of(
    st.text(max_size=80),
    st.builds(
        lambda stem, ext: f"{stem}.{ext}",
        st.text(max_size=30),
        st.sampled_from([*ALLOWED_KINDS, "PDF", "Md", "exe", "svg", "php.pdf", ""]),
    ),
)
_magic = st.sampled_from(
    [
        b"",
        b"%PDF-",
        b"\x89PNG\r\n\x1a\n",
        b"\xff\xd8\xff",
        b"MZ",
        b"#!",
        b"<svg",
        b"{",
        b"[",
        b"\xef\xbb\xbf",
    ]
)
_contents = st.one_of(
    st.binary(max_size=2048),
    st.builds(lambda head, body: head + body, _magic, st.binary(max_size=512)),
    st.text(max_size=512).map(lambda text: text.encode("utf-8")),
)


@hypothesis_settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=_names, content=_contents)
def test_check_upload_fuzz_never_fails_with_anything_but_a_validation_error(name, content):
    try:
        checked = check_upload(RawUpload(name, content))
    except ValidationError as error:
        assert error.messages and all(message.strip() for message in error.messages)
    else:
        assert checked.size == len(content) > 0
        assert checked.extension in {kind.extension for kind in ALLOWED_KINDS.values()}


def test_check_upload_accepts_the_tags_safe_load_knows():
    content = b"a: !!str 1\nb: !!set {x, y}\nc: !!binary aGVsbG8=\nd: ! plain\n<<: {e: 1}\n"
    assert check_upload(upload("tags.yaml", content)).size == len(content)


def test_check_upload_does_not_expand_yaml_aliases():
    lines = [b'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 12):
        refs = ", ".join([f"*{'a' if level == 1 else f'l{level - 1}'}"] * 9)
        lines.append(f"l{level}: &l{level} [{refs}]".encode())
    content = b"\n".join(lines) + b"\n"
    # Nine to the eleventh "lol"s if expanded; reading it must stay instant.
    assert check_upload(upload("bomb.yaml", content)).size == len(content)


def test_check_upload_refuses_json_numbers_too_long_to_convert():
    error = refusal("big.json", b"1" * 5000)
    assert error.code == "content_mismatch"
