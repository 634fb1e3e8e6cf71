"""Reading Google Contacts CSV exports (both generations) and Outlook CSV.

Google's current export has ``First Name,Middle Name,Last Name,...,
Organization Name,Organization Title,E-mail 1 - Value,Website 1 - Value``;
the legacy one ``Name,Given Name,...,Organization 1 - Name,...``; Outlook
``First Name,Last Name,E-mail Address,Company,Job Title,Web Page``. Several
values in one cell are separated by `` ::: ``.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from ..errors import ImportFileError
from ..model import GraphDocument
from ..strength import DEFAULT_PARAMS, StrengthParams
from .addressbook import merge_contacts
from .csvutil import Row, Table, read_file, read_table
from .merge import Record
from .report import ImportReport
from .urls import profile_key

HEADERS = (["firstname", "lastname"], ["name", "givenname"], ["givenname", "familyname"])


def import_google_contacts(
    path: str | os.PathLike[str],
    document: GraphDocument | None = None,
    *,
    owner: str | None = None,
    params: StrengthParams = DEFAULT_PARAMS,
    as_of: date | None = None,
) -> tuple[GraphDocument, ImportReport]:
    """Merge a Google Contacts (or Outlook) CSV into ``document`` (changed in place).

    Raises
    ------
    ImportFileError
        When the file cannot be read or has no contacts header.
    """
    path = Path(path)
    report = ImportReport(source=str(path))
    table = _table(read_file(path, report), str(path), report)
    records: list[Record] = []
    for row in table.rows:
        record = _record(row, table)
        if record is None:
            report.skip(table.where, row.line, "a contact with no name")
        else:
            records.append(record)
    merged = merge_contacts(
        records, document, "google", report, owner=owner, params=params, as_of=as_of
    )
    return merged, report


def _table(text: str, where: str, report: ImportReport) -> Table:
    for required in HEADERS:
        try:
            return read_table(text, where, required, report)
        except ImportFileError:
            continue
    raise ImportFileError(where, "not a Google or Outlook contacts CSV (no name columns found)")


def _values(row: Row, table: Table, prefix: str, suffix: str) -> list[str]:
    values: list[str] = []
    for column in table.columns:
        if column.startswith(prefix) and column.endswith(suffix):
            values += [v.strip() for v in row.get(column).split(":::") if v.strip()]
    return values


def _record(row: Row, table: Table) -> Record | None:
    name = row.get("name") or " ".join(
        part
        for part in (
            row.get("firstname", "givenname"),
            row.get("middlename", "additionalname"),
            row.get("lastname", "familyname"),
        )
        if part
    )
    if not name.strip():
        return None
    emails = _values(row, table, "email", "value") or _values(row, table, "email", "address")
    sites = [*_values(row, table, "website", "value"), row.get("webpage")]
    url = next((key for key in map(profile_key, sites) if key), None)
    return Record(
        name=name,
        url=url,
        email=emails[0] if emails else None,
        company=row.get("organizationname", "organization1name", "company") or None,
        title=row.get("organizationtitle", "organization1title", "jobtitle") or None,
        where=f"{table.where}:{row.line}",
    )
