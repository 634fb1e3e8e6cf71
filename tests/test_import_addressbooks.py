"""vCard and Google Contacts merge into the same people."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from intropath.errors import ImportFileError
from intropath.importers import import_google_contacts, import_linkedin, import_vcard
from intropath.model import EvidenceKind

FIXTURES = Path(__file__).parent / "fixtures" / "linkedin"
BOOKS = FIXTURES / "addressbooks"
AS_OF = date(2025, 1, 1)


def base():
    document, _ = import_linkedin(FIXTURES / "alex_2024", as_of=AS_OF)
    return document


def test_vcard_merges_by_profile_url_and_adds_new_people():
    document, report = import_vcard(BOOKS / "contacts.vcf", base(), as_of=AS_OF)
    people = {p.id: p for p in document.people}
    assert report.owner == "alex-morgan"
    assert people["dana-reyes"].email == "dana.personal@example.org"  # grouped item1.URL
    assert "vcard:alex-morgan" in people["dana-reyes"].sources
    assert people["chloe-dubois"].profile_url == "https://www.linkedin.com/in/chloe-dubois"
    assert people["chloe-dubois"].title == "Head of Product"
    assert people["noah-silva"].profile_url == "https://www.linkedin.com/in/noahsilva"  # x-user
    assert people["max-muller"].name == "Max Müller"  # vCard 2.1 quoted-printable N
    assert report.skipped == [f"{BOOKS / 'contacts.vcf'}:26: a card with no name"]
    dana = next(t for t in document.ties if {t.a, t.b} == {"alex-morgan", "dana-reyes"})
    assert {e.source for e in dana.evidence} == {"linkedin:alex-morgan", "vcard:alex-morgan"}
    assert len(document.people) == 13


def test_google_contacts_merge_by_email_and_url():
    document, report = import_google_contacts(BOOKS / "google_contacts.csv", base(), as_of=AS_OF)
    people = {p.id: p for p in document.people}
    assert "google:alex-morgan" in people["sam-chen"].sources  # by email
    assert people["yuki-ito"].email == "yuki@globex.example"
    assert people["lena-larsen"].title == "Buyer"
    assert report.counts["contacts"] == 3 and report.skipped_count == 0


def test_legacy_google_header():
    document, _report = import_google_contacts(BOOKS / "google_contacts_legacy.csv")
    assert [p.name for p in document.people] == ["Me", "Lena Larsen"]
    assert document.people[1].email == "lena@northwind.example"
    assert document.ties[0].evidence[0].kind is EvidenceKind.CONNECTED


def test_not_an_address_book(tmp_path):
    path = tmp_path / "x.vcf"
    path.write_text("hello")
    with pytest.raises(ImportFileError, match=r"x\.vcf: not a vCard file"):
        import_vcard(path)
    with pytest.raises(ImportFileError, match=r"x\.vcf: not a Google or Outlook contacts CSV"):
        import_google_contacts(path)
