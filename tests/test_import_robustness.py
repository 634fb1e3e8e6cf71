"""Mutated and truncated exports never crash the importer: only IntropathError escapes."""

from __future__ import annotations

import contextlib
import io
import shutil
import zipfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intropath.errors import IntropathError
from intropath.importers import import_google_contacts, import_linkedin, import_vcard

FIXTURES = Path(__file__).parent / "fixtures" / "linkedin"
EXPORT = FIXTURES / "alex_2024"
FILES = sorted(p.name for p in EXPORT.iterdir())
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """Truncate, cut out, overwrite or insert bytes."""
    choice = draw(st.integers(0, 3))
    size = len(data)
    i = draw(st.integers(0, size))
    if choice == 0:
        return data[:i]
    j = draw(st.integers(i, min(size, i + 200)))
    noise = draw(
        st.binary(max_size=40)
        | st.sampled_from([b'"', b",", b"\r\n", b"\x00", b"\xef\xbb\xbf", b'"""', b"\n,,,\n"])
    )
    if choice == 1:
        return data[:i] + data[j:]
    if choice == 2:
        return data[:i] + noise + data[j:]
    return data[:i] + noise + data[i:]


def _survives(run) -> None:
    with contextlib.suppress(IntropathError):
        run()


@SETTINGS
@given(st.data())
def test_mutated_csv_files(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("export")
    shutil.copytree(EXPORT, folder, dirs_exist_ok=True)
    for name in data.draw(st.lists(st.sampled_from(FILES), min_size=1, max_size=3, unique=True)):
        path = folder / name
        path.write_bytes(data.draw(mutated(path.read_bytes())))
    _survives(lambda: import_linkedin(folder, as_of=date(2025, 1, 1)))


def _zipped() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for file in EXPORT.iterdir():
            out.write(file, f"Basic_LinkedInDataExport/{file.name}")
    return buffer.getvalue()


ZIPPED = _zipped()


@SETTINGS
@given(st.data())
def test_mutated_and_truncated_zips(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("zip") / "export.zip"
    path.write_bytes(data.draw(mutated(ZIPPED)))
    _survives(lambda: import_linkedin(path, as_of=date(2025, 1, 1)))


@SETTINGS
@given(st.data())
def test_mutated_address_books(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("books")
    for name, importer in (
        ("contacts.vcf", import_vcard),
        ("google_contacts.csv", import_google_contacts),
    ):
        path = folder / name
        path.write_bytes(data.draw(mutated((FIXTURES / "addressbooks" / name).read_bytes())))
        _survives(lambda p=path, i=importer: i(p))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(max_size=30), min_size=7, max_size=7), st.text(max_size=200))
def test_arbitrary_connection_rows(cells, junk):
    from intropath.importers.csvutil import read_table
    from intropath.importers.linkedin_read import Export, _connections
    from intropath.importers.report import ImportReport

    row = ",".join('"' + c.replace('"', '""') + '"' for c in cells)
    text = f"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n{row}\n{junk}"
    report = ImportReport("x")
    export = Export()
    _connections(
        read_table(text, "x", ["firstname", "lastname", "connectedon"], report), export, report
    )
    assert len(export.connections) + report.skipped_count <= 3 + junk.count("\n") + junk.count("\r")
