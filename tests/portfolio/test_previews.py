"""In-page previews of uploaded files: one per kind, capped, escaped, and never an error."""

import base64
import hashlib
import json
import uuid
from dataclasses import replace

import pytest
import yaml
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.template.loader import render_to_string
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from common.caching import KEPT_MAX_BYTES
from common.uploads import ALLOWED_KINDS
from portfolio.models import StoredFile
from portfolio.previews import (
    CODE,
    CSV_MAX_CELL,
    IMAGE,
    IMAGE_MAX_BYTES,
    NONE,
    NOTEBOOK,
    TABLE,
    TEXT,
    TEXT_MAX_BYTES,
    NotebookCell,
    Preview,
    file_preview,
    kept_file_preview,
)
from tests.portfolio.upload_examples import GOOD_FILES, JPEG_HEAD, PDF, PNG_1X1, stored_file

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("owned")</script>'
ESCAPED_SCRIPT = "&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;"


def raw_stored_file(owner, name: str, content: bytes) -> StoredFile:
    """A file put in the storage as it is, skipping the upload checks, like one stored under
    older rules or damaged since."""
    kind = ALLOWED_KINDS.get(name.rpartition(".")[2].lower())
    storage_name = storages["default"].save(f"raw/{uuid.uuid4().hex}", ContentFile(content))
    return StoredFile.objects.create(
        owner=owner,
        storage_name=storage_name,
        original_name=name,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        content_type=kind.content_type if kind else "application/octet-stream",
    )


def render(preview: Preview) -> str:
    return render_to_string("portfolio/_file_preview.html", {"preview": preview, "under": 2})


# --- Text and Markdown ----------------------------------------------------------------------


def test_file_preview_markdown_is_its_text(alice):
    stored = stored_file(alice, "notes.md")

    preview = file_preview(stored)

    assert preview == Preview(
        file=stored,
        kind=TEXT,
        label="Markdown",
        text=GOOD_FILES["notes.md"].decode(),
        language="markdown",
    )


def test_file_preview_plain_text_keeps_unicode(alice):
    preview = file_preview(stored_file(alice, "notes.txt"))
    assert (preview.kind, preview.label, preview.text) == (
        TEXT,
        "plain text",
        "Plain notes, in UTF-8: café, naïve, 東京.\n",
    )


def test_file_preview_drops_a_byte_order_mark(alice):
    preview = file_preview(stored_file(alice, "notes.txt", b"\xef\xbb\xbfHello"))
    assert preview.text == "Hello"


@pytest.mark.parametrize("name", ["attacks.txt", "attacks.md"])
def test_file_preview_text_with_markup_is_escaped_in_the_page(alice, name):
    content = (
        "Prompt injections we tried:\n"
        f"1. {SCRIPT}\n"
        "2. <img src=x onerror=alert(1)> and [click](javascript:alert(1))\n"
        "3. </code></pre><iframe src=//evil.example>\n"
    )
    stored = stored_file(alice, name, content.encode())

    preview = file_preview(stored)
    html = render(preview)

    assert preview.text == content
    # Markdown is rendered (its sanitiser leaves quotes in text as they are), plain text kept.
    assert ESCAPED_SCRIPT.replace("&quot;", '"' if name.endswith(".md") else "&quot;") in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;/code&gt;&lt;/pre&gt;&lt;iframe" in html
    assert ("<ol>" in html) is name.endswith(".md")
    for raw in ("<script", "<img", "<iframe"):
        assert raw not in html


def test_file_preview_long_text_is_truncated(alice):
    content = ("A line of notes about the benchmark.\n" * 3000).encode()
    stored = stored_file(alice, "notes.txt", content)

    preview = file_preview(stored)

    assert preview.truncated is True
    assert preview.text == content[:TEXT_MAX_BYTES].decode()
    assert preview.note == "Showing the first 64.0\xa0KB."
    assert "Showing the first 64.0\xa0KB." in render(preview)


def test_file_preview_truncation_never_splits_a_character(alice):
    # "東" is three bytes; put one across the cut.
    content = ("a" * (TEXT_MAX_BYTES - 1) + "東京" * 10).encode()
    preview = file_preview(stored_file(alice, "notes.md", content))
    assert preview.truncated is True
    assert preview.text == "a" * (TEXT_MAX_BYTES - 1)
    assert "\ufffd" not in preview.text


def test_file_preview_text_exactly_at_the_cap_is_whole(alice):
    content = b"x" * TEXT_MAX_BYTES
    preview = file_preview(stored_file(alice, "notes.txt", content))
    assert (preview.truncated, len(preview.text), preview.note) == (False, TEXT_MAX_BYTES, "")


def test_file_preview_text_that_is_not_utf8_has_no_preview(alice):
    stored = raw_stored_file(alice, "notes.txt", b"caf\xe9 au lait")
    preview = file_preview(stored)
    assert (preview.kind, preview.reason) == (NONE, "This file is not readable as UTF-8 text.")


def test_file_preview_text_with_nul_bytes_has_no_preview(alice):
    preview = file_preview(raw_stored_file(alice, "notes.md", b"abc\x00def"))
    assert preview.kind == NONE


# --- CSV ----------------------------------------------------------------------------------


def test_file_preview_csv_is_a_table_with_a_header(alice):
    stored = stored_file(alice, "items.csv")

    preview = file_preview(stored)

    assert (preview.kind, preview.label, preview.truncated) == (TABLE, "CSV", False)
    assert preview.header == ("prompt", "reference", "difficulty")
    assert preview.rows == (("What is 2+2?", "4", "easy"), ("Cite IFRS 16", "lease", "hard"))
    html = render(preview)
    assert '<th scope="col">prompt</th>' in html
    assert "<td>Cite IFRS 16</td>" in html
    assert "items.csv — CSV, first 2 rows under the header</caption>" in html


def test_file_preview_csv_shows_the_first_twenty_rows(alice):
    content = "n,square\n" + "".join(f"{n},{n * n}\n" for n in range(1, 31))
    preview = file_preview(stored_file(alice, "items.csv", content.encode()))
    assert len(preview.rows) == 20
    assert preview.rows[-1] == ("20", "400")
    assert preview.truncated is True
    assert preview.note == "Showing the first 20 rows."


def test_file_preview_csv_ragged_rows_are_padded(alice):
    content = b"a,b\n1,2,3\n4\n\n5,6\n"
    preview = file_preview(raw_stored_file(alice, "items.csv", content))
    assert preview.header == ("a", "b", "")
    assert preview.rows == (("1", "2", "3"), ("4", "", ""), ("5", "6", ""))


def test_file_preview_csv_caps_columns_and_cells(alice):
    header = ",".join(f"c{i}" for i in range(25))
    row = ",".join(["x" * 500] + ["y"] * 24)
    preview = file_preview(stored_file(alice, "items.csv", f"{header}\n{row}\n".encode()))
    assert len(preview.header) == 20
    assert preview.more_columns == 5
    assert preview.rows[0][0] == "x" * (CSV_MAX_CELL - 1) + "…"
    assert preview.note == "Showing the first 20 of 25 columns."


def test_file_preview_csv_with_semicolons(alice):
    preview = file_preview(stored_file(alice, "items.csv", b"name;score\nAda;5\nBo;3\n"))
    assert preview.header == ("name", "score")
    assert preview.rows == (("Ada", "5"), ("Bo", "3"))


def test_file_preview_csv_cells_are_escaped(alice):
    content = f'prompt,answer\n"{SCRIPT.replace(chr(34), chr(34) * 2)}",refuse\n'.encode()
    html = render(file_preview(stored_file(alice, "attacks.csv", content)))
    assert ESCAPED_SCRIPT in html
    assert "<script" not in html


def test_file_preview_big_csv_drops_the_row_cut_at_the_limit(alice):
    row = "a fairly long cell of text,another fairly long cell\n"
    content = ("first,second\n" + row * 3000).encode()
    preview = file_preview(stored_file(alice, "items.csv", content))
    assert preview.kind == TABLE
    assert len(preview.rows) == 20
    assert preview.truncated is True


def test_file_preview_csv_without_rows_is_text(alice):
    preview = file_preview(raw_stored_file(alice, "items.csv", b"\n \n"))
    assert (preview.kind, preview.note) == (TEXT, "This CSV cannot be read as a table.")


# --- JSON, JSON Lines, YAML, notebooks ----------------------------------------------------------


def test_file_preview_json_is_pretty_printed(alice):
    preview = file_preview(stored_file(alice, "items.json"))
    assert (preview.kind, preview.label, preview.language) == (CODE, "JSON", "json")
    assert preview.text == json.dumps(
        {"items": [{"prompt": "2+2", "answer": 4}]}, indent=2, ensure_ascii=False
    )
    assert "JSON, formatted</figcaption>" in render(preview)


def test_file_preview_json_with_markup_is_escaped(alice):
    stored = stored_file(alice, "items.json", json.dumps({"prompt": SCRIPT}).encode())
    html = render(file_preview(stored))
    assert "&quot;prompt&quot;: &quot;&lt;script&gt;" in html
    assert "<script" not in html


@pytest.mark.parametrize(
    "content",
    [b'{"items": [1, 2,', b"\xff\xfe{}", b"[" * 100_000 + b"]" * 100_000, b"1" * 5000],
    ids=["broken", "not utf-8", "too deep", "too many digits"],
)
def test_file_preview_broken_json_falls_back_to_text(alice, content):
    preview = file_preview(raw_stored_file(alice, "items.json", content))
    assert preview.kind in (TEXT, NONE)
    if preview.kind == TEXT:
        assert preview.note.startswith("This cannot be read as JSON, so it is shown as text.")
    render(preview)


def test_file_preview_json_lines_are_records(alice):
    preview = file_preview(stored_file(alice, "items.jsonl"))
    assert preview.kind == CODE
    assert preview.text == (
        '{\n  "prompt": "2+2",\n  "answer": 4\n}\n\n{\n  "prompt": "3+3",\n  "answer": 6\n}'
    )


def test_file_preview_json_lines_with_a_broken_line_are_text(alice):
    content = b'{"a": 1}\n{"b": \n'
    preview = file_preview(raw_stored_file(alice, "items.jsonl", content))
    assert (preview.kind, preview.text) == (TEXT, content.decode())
    assert preview.note == "This cannot be read as JSON Lines, so it is shown as text."


def test_file_preview_many_json_lines_are_cut_short(alice):
    content = "".join(json.dumps({"n": n, "text": "x" * 100}) + "\n" for n in range(2000))
    preview = file_preview(stored_file(alice, "items.jsonl", content.encode()))
    assert preview.truncated is True
    assert len(preview.text) == TEXT_MAX_BYTES
    assert preview.note == "The formatted text is cut short here."


def test_file_preview_big_json_is_shown_as_text(alice):
    # Over the formatting limit, the start is shown as it is.
    big = json.dumps({"rows": ["x" * 1000] * 6000}).encode()  # about 6 MB
    preview = file_preview(stored_file(alice, "items.json", big))
    assert preview.kind == TEXT
    assert preview.truncated is True
    assert preview.note.startswith("Too large to format (over 5.0\xa0MB)")


def test_file_preview_yaml_is_pretty_printed(alice):
    content = b"# for reviewers\nrubric: {objective: Judge, scale: [{score: 5, criteria: [ok]}]}\n"
    preview = file_preview(stored_file(alice, "rubric.yaml", content))
    assert (preview.kind, preview.language) == (CODE, "yaml")
    assert yaml.safe_load(preview.text) == yaml.safe_load(content)
    assert preview.text.startswith("rubric:\n  objective: Judge\n  scale:\n")
    assert preview.note.startswith("Comments are not shown")


def test_file_preview_yaml_with_several_documents(alice):
    preview = file_preview(stored_file(alice, "rubric.yml", b"a: 1\n---\nb: 2\n"))
    assert list(yaml.safe_load_all(preview.text)) == [{"a": 1}, {"b": 2}]


def test_file_preview_yaml_never_builds_python_objects(alice):
    content = b"run: !!python/object/apply:os.system ['touch /tmp/previewed']\n"
    preview = file_preview(raw_stored_file(alice, "rubric.yaml", content))
    assert (preview.kind, preview.text) == (TEXT, content.decode())
    assert preview.note == "This cannot be read as YAML, so it is shown as text."


def test_file_preview_yaml_with_aliases_is_shown_as_written(alice):
    content = b"a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n"
    preview = file_preview(stored_file(alice, "rubric.yaml", content))
    assert (preview.kind, preview.text) == (TEXT, content.decode())


def test_file_preview_notebook_is_a_list_of_cells(alice):
    notebook = {
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": ["# Pilot\n", "Ten items."]},
            {
                "cell_type": "code",
                "execution_count": 3,
                "metadata": {},
                "outputs": [{"output_type": "stream", "text": ["secret output"]}],
                "source": f"print('{SCRIPT}')",
            },
            {"cell_type": "raw", "metadata": {}, "source": []},
        ],
        "metadata": {"kernelspec": {"language": "python", "name": "python3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    stored = stored_file(alice, "analysis.ipynb", json.dumps(notebook).encode())

    preview = file_preview(stored)

    assert (preview.kind, preview.label, preview.language) == (
        NOTEBOOK,
        "Jupyter notebook",
        "python",
    )
    assert preview.cells == (
        NotebookCell(1, "markdown", "# Pilot\nTen items.", None),
        NotebookCell(2, "code", f"print('{SCRIPT}')", 3),
        NotebookCell(3, "raw", "", None),
    )
    assert preview.note == "Cell outputs are not shown."
    html = render(preview)
    assert "Cell 2: code, run 3" in html
    assert "(python), 3 cells shown" in html
    assert ESCAPED_SCRIPT in html
    assert "<script" not in html
    assert "secret output" not in html


def test_file_preview_notebook_caps_cells(alice):
    notebook = {
        "cells": [{"cell_type": "code", "source": f"x = {n}"} for n in range(80)],
        "nbformat": 4,
    }
    preview = file_preview(stored_file(alice, "analysis.ipynb", json.dumps(notebook).encode()))
    assert len(preview.cells) == 50
    assert preview.truncated is True
    assert preview.note == "Cell outputs are not shown. Showing the first 50 of 80 cells."


def test_file_preview_notebook_with_odd_cells_does_not_fail(alice):
    notebook = {"cells": [None, {"cell_type": 5, "source": [1, "a"], "execution_count": True}]}
    preview = file_preview(raw_stored_file(alice, "analysis.ipynb", json.dumps(notebook).encode()))
    assert preview.cells == (
        NotebookCell(1, "unknown", "", None),
        NotebookCell(2, "unknown", "a", None),
    )


def test_file_preview_ipynb_that_is_not_a_notebook_is_formatted_json(alice):
    preview = file_preview(raw_stored_file(alice, "analysis.ipynb", b'{"nbformat": 4}'))
    assert (preview.kind, preview.text) == (CODE, '{\n  "nbformat": 4\n}')


# --- Images, PDF and the rest -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "mime"),
    [("chart.png", PNG_1X1, "image/png"), ("photo.jpeg", JPEG_HEAD, "image/jpeg")],
)
def test_file_preview_small_image_is_embedded(alice, name, content, mime):
    preview = file_preview(stored_file(alice, name, content))

    assert preview.kind == IMAGE
    prefix = f"data:{mime};base64,"
    assert preview.data_uri.startswith(prefix)
    assert base64.b64decode(preview.data_uri.removeprefix(prefix)) == content
    html = render(preview)
    assert f'<img src="{prefix}' in html
    assert f'alt="The uploaded image {name}"' in html
    assert f'<figcaption class="figure-caption">{name} — ' in html


def test_file_preview_big_image_is_not_embedded(alice):
    content = PNG_1X1 + b"\x00" * IMAGE_MAX_BYTES
    stored = stored_file(alice, "chart.png", content)

    preview = file_preview(stored)

    assert (preview.kind, preview.data_uri) == (NONE, "")
    assert preview.reason == "This image is too large to preview here (over 2.0\xa0MB)."
    html = render(preview)
    assert "too large to preview" in html
    assert f'<a href="/files/{stored.pk}/">Download chart.png</a>' in html
    assert "data:image" not in html


def test_file_preview_image_at_the_cap_is_embedded(alice):
    content = PNG_1X1 + b"\x00" * (IMAGE_MAX_BYTES - len(PNG_1X1))
    assert file_preview(stored_file(alice, "chart.png", content)).kind == IMAGE


def test_file_preview_image_that_is_not_an_image_is_not_embedded(alice):
    preview = file_preview(raw_stored_file(alice, "chart.png", b"GIF89a..."))
    assert (preview.kind, preview.reason) == (NONE, "This file is not a readable PNG image.")


def test_file_preview_pdf_says_download_with_the_size(alice):
    stored = stored_file(alice, "report.pdf", PDF)

    preview = file_preview(stored)

    assert preview == Preview(
        file=stored, kind=NONE, label="PDF", reason="PDF documents are not previewed here."
    )
    html = render(preview)
    assert "PDF documents are not previewed here. Download it to open it." in html
    link = f'<a href="{stored.get_absolute_url()}">Download report.pdf</a>'
    assert f"{link} (PDF, {len(PDF)}\xa0bytes)" in html


def test_file_preview_unknown_kind_says_download(alice):
    stored = raw_stored_file(alice, "archive.zip", b"PK\x03\x04")
    preview = file_preview(stored)
    assert (preview.kind, preview.label) == (NONE, "file")
    assert "This kind of file is not previewed." in render(preview)


def test_file_preview_uses_the_content_type_when_the_name_has_no_extension(alice):
    stored = raw_stored_file(alice, "README", b"# Notes")
    stored.content_type = "text/markdown; charset=utf-8"
    assert file_preview(stored).kind == TEXT


def test_file_preview_of_missing_bytes_says_so(alice, caplog):
    stored = stored_file(alice, "notes.md")
    storages["default"].delete(stored.storage_name)

    preview = file_preview(stored)

    assert (preview.kind, preview.reason) == (NONE, "The file could not be read just now.")
    assert str(stored.pk) in caplog.text


def test_file_preview_reads_through_the_configured_storage(alice, settings):
    # Nothing on disk: the preview must go through STORAGES["default"], not a path.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    stored = stored_file(alice, "items.csv")
    assert file_preview(stored).header == ("prompt", "reference", "difficulty")


# --- Kept previews ----------------------------------------------------------------------------


def test_kept_file_preview_is_computed_once_per_sha256(alice, bob):
    first = stored_file(alice, "items.csv")
    same_bytes = stored_file(bob, "items.csv")
    computed = file_preview(same_bytes)
    assert kept_file_preview(first) == replace(computed, file=first)
    # Both files' bytes gone: the second is previewed from what reading the first one kept.
    storages["default"].delete(first.storage_name)
    storages["default"].delete(same_bytes.storage_name)

    preview = kept_file_preview(same_bytes)

    assert preview == computed
    assert (preview.kind, preview.file) == (TABLE, same_bytes)


def test_kept_file_preview_is_per_kind_of_file(alice):
    markdown = stored_file(alice, "notes.md", b"# Same bytes\n")
    text = stored_file(alice, "notes.txt", b"# Same bytes\n")
    assert kept_file_preview(markdown).language == "markdown"
    assert kept_file_preview(text).language == ""


def test_kept_file_preview_of_missing_bytes_is_tried_again(alice):
    stored = stored_file(alice, "notes.md", b"# Back again\n")
    moved = storages["default"].open(stored.storage_name).read()
    storages["default"].delete(stored.storage_name)
    assert kept_file_preview(stored).reason == "The file could not be read just now."
    storages["default"].save(stored.storage_name, ContentFile(moved))
    assert kept_file_preview(stored).text == "# Back again\n"


def test_kept_file_preview_over_the_size_cap_is_not_kept(alice):
    content = PNG_1X1 + b"\0" * KEPT_MAX_BYTES
    stored = stored_file(alice, "chart.png", content)
    assert kept_file_preview(stored).kind == IMAGE
    storages["default"].delete(stored.storage_name)
    assert kept_file_preview(stored).reason == "The file could not be read just now."


def test_file_preview_makes_no_database_queries(alice, django_assert_num_queries):
    stored = stored_file(alice, "items.csv")
    with django_assert_num_queries(0):
        render(file_preview(stored))


@pytest.mark.parametrize("name", sorted(GOOD_FILES))
def test_file_preview_every_allowed_kind_renders_with_a_download_link(alice, name):
    stored = stored_file(alice, name)
    html = render(file_preview(stored))
    assert f'<a href="/files/{stored.pk}/">Download {name}</a>' in html


# --- Properties ---------------------------------------------------------------------------


@hypothesis_settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    extension=st.sampled_from(sorted(ALLOWED_KINDS)),
    content=st.one_of(
        st.binary(max_size=600),
        st.text(max_size=300).map(str.encode),
        st.sampled_from(list(GOOD_FILES.values())).flatmap(
            lambda good: st.integers(0, len(good)).map(lambda cut: good[:cut])
        ),
    ),
)
def test_file_preview_property_random_bytes_never_raise(extension, content):
    name = f"upload.{extension}"
    storage_name = storages["default"].save(f"raw/{uuid.uuid4().hex}", ContentFile(content))
    stored = StoredFile(
        storage_name=storage_name,
        original_name=name,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        content_type=ALLOWED_KINDS[extension].content_type,
    )

    preview = file_preview(stored)
    html = render(preview)

    assert preview.kind in (TEXT, CODE, TABLE, NOTEBOOK, IMAGE, NONE)
    assert f"Download {name}</a>" in html
    assert "<script" not in html


@pytest.mark.django_db
def test_file_text_reads_text_files_only(alice):
    from portfolio.previews import file_text

    text_file = raw_stored_file(alice, "notes.md", b"# Notes\n\nplain words\n")
    assert file_text(text_file) == "# Notes\n\nplain words\n"
    assert file_text(text_file, limit=7) == "# Notes"
    assert file_text(raw_stored_file(alice, "paper.pdf", PDF)) is None
    assert file_text(raw_stored_file(alice, "image.png", PNG_1X1)) is None
    assert file_text(raw_stored_file(alice, "data.csv", b"\xff\xfe\x00bad")) is None
