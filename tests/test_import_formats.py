"""Encodings, separators, twins, name forms and broken rows, as real exports and address books
write them (issue 9, points 5 and 7-11). Fixtures: tests/fixtures/formats (make_fixtures.py)."""

from __future__ import annotations

import codecs
import json
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from intropath.importers import import_google_contacts, import_linkedin, import_vcard
from intropath.importers.csvutil import MAX_CELL, decode, read_table
from intropath.importers.dates import parse_date
from intropath.importers.report import ImportReport
from intropath.importers.text import (
    CREDENTIALS,
    GENERATIONS,
    TITLES,
    clean_name,
    group_key,
    name_key,
    slugify,
)
from intropath.model import EvidenceKind, GraphDocument

FORMATS = Path(__file__).parent / "fixtures" / "formats"
BOOKS = FORMATS / "addressbooks"
AS_OF = date(2025, 1, 1)


def people(document: GraphDocument):
    return {p.id: p for p in document.people}


def evidence(document: GraphDocument, a: str, b: str, kind: EvidenceKind):
    tie = next(t for t in document.ties if {t.a, t.b} == {a, b})
    return [e for e in tie.evidence if e.kind is kind]


# -- 5. UTF-16, tabs and twins ------------------------------------------------------------


def test_twins_read_the_readable_longer_one_and_say_which():
    document, report = import_linkedin(FORMATS / "twins_2022", owner="Alex Morgan", as_of=AS_OF)
    assert report.counts["endorsements"] == 30
    twin = FORMATS / "twins_2022" / "Endorsement Received Info.csv"
    assert report.formats[str(twin)] == "UTF-16, tab-separated"
    assert report.notes == [
        f"{twin}: read this file; its twin 'Endorsement_Received_Info.csv' was not "
        "(a copy with fewer lines)"
    ]
    [kofi] = evidence(document, "alex-morgan", "kofi-berg", EvidenceKind.ENDORSEMENT)
    assert kofi.count == 10


def test_utf16_tab_file_alone_and_an_unreadable_twin(tmp_path):
    export = tmp_path / "x"
    shutil.copytree(FORMATS / "twins_2022", export)
    (export / "Endorsement_Received_Info.csv").unlink()
    _, report = import_linkedin(export, owner="Alex Morgan", as_of=AS_OF)
    assert report.counts["endorsements"] == 30 and report.notes == []

    (export / "Endorsement_Received_Info.csv").write_bytes(b"\x00\xff garbage\n")
    _, report = import_linkedin(export, owner="Alex Morgan", as_of=AS_OF)
    assert report.counts["endorsements"] == 30
    assert report.notes[0].endswith("was not (it has no readable header)")


def test_twins_in_a_zip(tmp_path):
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for file in sorted((FORMATS / "twins_2022").iterdir()):
            out.write(file, f"Basic_LinkedInDataExport/{file.name}")
    _, report = import_linkedin(archive, owner="Alex Morgan", as_of=AS_OF)
    assert report.counts["endorsements"] == 30
    assert "Basic_LinkedInDataExport/Endorsement Received Info.csv: read this" in report.notes[0]


# -- 7. 'Last, First' and credentials ----------------------------------------------------------


def test_last_first_names_never_merge_different_first_names():
    document, _ = import_vcard(BOOKS / "reyes_sam.vcf", owner="Alex Morgan", as_of=AS_OF)
    document, report = import_google_contacts(
        BOOKS / "google_legacy_last_first.csv", document, as_of=AS_OF
    )
    found = people(document)
    assert {"sam-reyes", "dana-reyes"} <= set(found)
    assert found["dana-reyes"].name == "Reyes, Dana"
    # 'Reyes, Sam, PhD' at Acme is the 'Reyes, Sam' of the vCard
    assert report.counts["people merged"] == 1 and report.counts["new people"] == 1
    assert "google:alex-morgan" in found["sam-reyes"].sources


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Reyes, Dana", "Dana Reyes"),
        ("Reyes, Dana, PhD", "Dana Reyes"),
        ("Dana Reyes, MBA/CPA", "Dana Reyes"),
        ("Dr. Dana Reyes, M.D.", "Dana Reyes"),
        ("van der Berg, Anna", "Anna van der Berg"),
    ],
)
def test_same_person_written_differently(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Reyes, Dana", "Reyes, Sam"),
        ("Rahman, Md", "Rahman, Sam"),  # 'Md' is a given name, 'MD' a credential
        ("Dana Reyes, Jr.", "Dana Reyes, Sr."),
        ("Reyes (Dana)", "Reyes (Sam)"),
    ],
)
def test_different_people_keep_different_keys(a, b):
    assert name_key(a) != name_key(b)


# -- 8. Windows-1252 and Latin-1 --------------------------------------------------------


def test_cp1252_outlook_csv():
    document, report = import_google_contacts(BOOKS / "outlook_cp1252.csv", as_of=AS_OF)
    names = {p.name for p in document.people}
    assert {"Jürgen Müller", "Søren Ødegård", "Renée Côté"} <= names
    assert report.formats == {str(BOOKS / "outlook_cp1252.csv"): "Windows-1252"}
    assert people(document)["jurgen-muller"].title == "Einkäufer"


def test_latin1_vcard_with_charset_beside_utf8_cards():
    document, report = import_vcard(BOOKS / "outlook_latin1.vcf", as_of=AS_OF)
    names = {p.name for p in document.people}
    assert {"Jürgen Müller", "Renée Côté", "Søren Ødegård"} <= names
    assert report.formats == {str(BOOKS / "outlook_latin1.vcf"): "ISO-8859-1 and UTF-8"}


# -- 9. transliteration -----------------------------------------------------------------------


def test_non_latin_names_get_readable_ids_and_match_their_transliteration():
    document, report = import_linkedin(FORMATS / "intl_2023", owner="Alex Morgan", as_of=AS_OF)
    ids = set(people(document))
    assert {
        "soren-odegard",
        "ivan-petrov",
        "wang-wei",
        "li-na",
        "gim-minjun",
        "eleni-papadopoulou",
        "mia-torres",
        "renee-cote",
    } <= ids
    assert not any(i.startswith("person") for i in ids)
    document, report = import_google_contacts(
        BOOKS / "google_semicolon_cp1252.csv", document, as_of=AS_OF
    )
    assert "google:alex-morgan" in people(document)["soren-odegard"].sources  # 'Soren Odegard'
    assert report.counts["people merged"] == 1


def test_school_names_are_not_read_as_last_first():
    assert group_key("University of California, Berkeley") == "university of california berkeley"
    assert slugify("Université de Genève", person=False) == "universite-de-geneve"


def test_chinese_characters_are_not_matched_by_romanisation():
    # 王 and 汪 are both 'Wang': different people, one romanisation
    assert name_key("王伟") != name_key("汪伟") and slugify("汪伟") == slugify("王伟") == "wang-wei"
    assert name_key("Søren") == name_key("Soren") and name_key("Иван") == name_key("Ivan")


# -- 10. semicolons and German and Swedish dates ---------------------------------------------


@pytest.mark.parametrize(
    ("folder", "expected"),
    [
        (
            "resaved_de",
            {
                "juergen": ("Jürgen Müller", "2023-05-05"),
                "anke": ("Anke Weiß", "2023-05-05"),
                "lars": ("Lars Brandt", "2021-03-12"),
            },
        ),
        (
            "resaved_sv",
            {"asa": ("Åsa Lindqvist", "2023-05-05"), "orjan": ("Örjan Ek", "2022-10-03")},
        ),
    ],
)
def test_excel_resaved_in_german_and_swedish(folder, expected):
    document, report = import_linkedin(FORMATS / folder, owner="Alex Morgan", as_of=AS_OF)
    assert report.skipped == [] and report.notes == []
    found = {
        p.profile_url.rsplit("/", 1)[1].split("-")[0]: p for p in document.people if p.profile_url
    }
    for slug, (name, since) in expected.items():
        assert found[slug].name == name
        [connected] = evidence(document, "alex-morgan", found[slug].id, EvidenceKind.CONNECTED)
        assert connected.since == since
    how = report.formats[str(FORMATS / folder / "Connections.csv")]
    assert how == (
        "Windows-1252, semicolon-separated" if folder == "resaved_de" else "semicolon-separated"
    )
    if folder == "resaved_de":
        assert found["lars"].positions[0].company == "Initech; Berlin"


# -- 11. hidden members, emoji leftovers, huge cells, unterminated quotes ---------------------


def test_hidden_members_are_counted_once():
    _, report = import_linkedin(FORMATS / "intl_2023", owner="Alex Morgan", as_of=AS_OF)
    assert report.skipped == []
    assert report.counts["connections"] == 8
    assert report.counts["hidden connections (no name in the export)"] == 43
    assert report.notes == [
        f"{FORMATS / 'intl_2023' / 'Connections.csv'}: 43 connections with no name: members "
        "who hide their details from data exports; not imported"
    ]


def test_emoji_leaves_no_variation_selector():
    document, _ = import_linkedin(FORMATS / "intl_2023", owner="Alex Morgan", as_of=AS_OF)
    assert people(document)["mia-torres"].name == "Mia Torres"
    assert clean_name("\u2764\ufe0f Mia") == clean_name("\U0001f44b\U0001f3fd Mia") == "Mia"
    assert clean_name("Zoe\u0301") == "Zoé"  # a combining accent on a letter stays


def test_unterminated_quote_is_a_row_error_and_reading_goes_on():
    document, report = import_linkedin(FORMATS / "broken_2024", owner="Alex Morgan", as_of=AS_OF)
    where = FORMATS / "broken_2024" / "messages.csv"
    assert report.skipped == [
        f"{where}:4: a quote that is never closed; read on from the next line"
    ]
    [sam] = evidence(document, "alex-morgan", "sam-chen", EvidenceKind.MESSAGES)
    assert (sam.sent, sam.received) == (0, 1)
    [lee] = evidence(document, "alex-morgan", "lee-park", EvidenceKind.MESSAGES)
    assert (lee.sent, lee.received) == (1, 1)


HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


@pytest.mark.parametrize("quoted", [False, True])
def test_a_huge_cell_is_a_row_error_with_its_line(tmp_path, quoted):
    huge = "x" * (MAX_CELL + 10)
    cell = f'"{huge}\n{huge}"' if quoted else huge
    text = HEADER + f"Dana,Reyes,,,Acme,PM,05 May 2023\nSam,Chen,,,{cell},PM,05 May 2023\n"
    text += "Lee,Park,,,Acme,PM,05 May 2023\n"
    (tmp_path / "Connections.csv").write_text(text)
    document, report = import_linkedin(tmp_path, owner="Alex Morgan", as_of=AS_OF)
    assert report.skipped == [
        f"{tmp_path / 'Connections.csv'}:3: a cell longer than {MAX_CELL:,} characters"
    ]
    assert {p.name for p in document.people} == {"Alex Morgan", "Dana Reyes", "Lee Park"}


def test_unterminated_quote_in_the_last_line_without_newline():
    report = ImportReport("x")
    table = read_table(HEADER + 'Dana,Reyes,,,Acme,PM,05 May 2023\nSam,"Chen', "x", ["url"], report)
    assert [row.line for row in table.rows] == [2]
    assert report.skipped == ["x:3: a quote that is never closed; read on from the next line"]


# -- decoding ---------------------------------------------------------------------------------


def test_decode_by_bom_then_utf8_then_cp1252():
    assert decode(codecs.BOM_UTF16_BE + "Åsa".encode("utf-16-be")) == ("Åsa", "UTF-16")
    assert decode("Åsa Ek".encode("utf-16-le")) == ("Åsa Ek", "UTF-16")  # no BOM
    assert decode(codecs.BOM_UTF8 + "Åsa".encode()) == ("Åsa", "UTF-8")
    assert decode("Åsa".encode()) == ("Åsa", "UTF-8")
    assert decode("Åsa \u2013 \u201cEk\u201d".encode("cp1252")) == (
        "Åsa \u2013 \u201cEk\u201d",
        "Windows-1252",
    )
    assert decode(b"A\x81") == ("A\ufffd", "Windows-1252")  # a byte cp1252 leaves undefined


def test_the_cli_says_how_files_were_read(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from intropath.cli import app

    monkeypatch.setenv("INTROPATH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("INTROPATH_CONFIG_DIR", str(tmp_path / "config"))
    book = BOOKS / "outlook_cp1252.csv"
    args = ["import", "google", str(book), "--into", str(tmp_path / "g.json")]
    result = CliRunner().invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["formats"] == {str(book): "Windows-1252"}
    result = CliRunner().invoke(app, args)
    assert f"read {book} as Windows-1252" in result.output


# -- properties ---------------------------------------------------------------------------------

LATIN1_LETTERS = "".join(chr(c) for c in range(0xC0, 0x100) if chr(c).isalpha())
"""Letters whose Windows-1252 bytes (0xC0-0xFF) can never form valid UTF-8 with ASCII around."""


def _given_name(letters: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.text(letters, min_size=2, max_size=9).map(str.title)


given_names = _given_name(
    st.characters(categories=["Lu", "Ll"], exclude_characters="\u0130\u0131")
    | st.sampled_from("abcdefghijklmnopqrstuvwxyz")
)
FORMS = [
    "{f} {l}",
    "{l}, {f}",
    "{f} {l}, PhD",
    "{l}, {f}, MBA",
    "Dr. {f} {l}",
    "{f} {l}, MBA/CPA",
    "\u2764\ufe0f {f} {l}",
]


def _not_a_title(name: str) -> bool:
    word = name.rstrip(".").casefold()
    return word not in CREDENTIALS | TITLES | GENERATIONS and name.upper() != name


@settings(max_examples=300, deadline=None)
@given(
    given_names,
    given_names,
    _given_name(st.sampled_from("abcdefghijklmnopqrstuvwxyzøåäöüéñ")),
    st.sampled_from(FORMS),
    st.sampled_from(FORMS),
)
def test_name_key_never_merges_different_first_names(first, other, last, form, other_form):
    assume(_not_a_title(first) and _not_a_title(other))
    assume(name_key(first) and name_key(other) and name_key(first) != name_key(other))
    one, two = form.format(f=first, l=last), other_form.format(f=first, l=last)
    assert name_key(one) == name_key(two) == name_key(f"{first} {last}")
    assert name_key(one) != name_key(other_form.format(f=other, l=last))


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1))
def test_decode_round_trips_utf8_and_utf16(text):
    assert decode(text.encode("utf-8")) == (text, "UTF-8")
    assert decode(codecs.BOM_UTF8 + text.encode("utf-8")) == (text, "UTF-8")
    assert decode(codecs.BOM_UTF16_LE + text.encode("utf-16-le")) == (text, "UTF-16")
    assert decode(codecs.BOM_UTF16_BE + text.encode("utf-16-be")) == (text, "UTF-16")


@settings(max_examples=200, deadline=None)
@given(
    st.text(st.sampled_from(" ,;\t\r\nabcxyzABCXYZ019'-.\"") | st.sampled_from(LATIN1_LETTERS)),
    st.sampled_from(LATIN1_LETTERS),
)
def test_decode_round_trips_cp1252_and_bomless_utf16(text, letter):
    text = f"{text}{letter}"  # at least one letter beyond ASCII
    # "þÿ" and "ÿþ" are the bytes of a UTF-16 BOM: text after them that is
    # UTF-16 too cannot be told from it (the examples below are the rest)
    assume(not text.startswith(("þÿ", "ÿþ")))
    assert decode(text.encode("cp1252")) == (text, "Windows-1252")
    if len(text) >= 2:
        assert decode(text.encode("utf-16-le")) == (text, "UTF-16")


def test_bytes_like_a_utf16_bom_before_text_that_is_not_utf16_are_windows_1252() -> None:
    assert decode("þÿÀ".encode("cp1252")) == ("þÿÀ", "Windows-1252")  # odd: no UTF-16
    assert decode("ÿþAÜ".encode("cp1252")) == ("ÿþAÜ", "Windows-1252")  # a lone surrogate
    # a UTF-16 file cut short, or with a bad unit, is still UTF-16
    cut = codecs.BOM_UTF16_LE + "Jürgen,Berg\r\n".encode("utf-16-le")
    assert decode(cut[:-1]) == ("Jürgen,Berg\r\ufffd", "UTF-16")
    assert decode(cut + b"\x00\xdc") == ("Jürgen,Berg\r\n\ufffd", "UTF-16")


GERMAN = "Januar Februar März April Mai Juni Juli August September Oktober November Dezember"
SWEDISH = "januari februari mars april maj juni juli augusti september oktober november december"
SHORT_DE = "Jan. Feb. Mär. Apr. Mai Jun. Jul. Aug. Sep. Okt. Nov. Dez."
SHORT_SV = "jan. feb. mars apr. maj juni juli aug. sep. okt. nov. dec."


@settings(max_examples=200, deadline=None)
@given(st.dates(date(1970, 1, 1), date(2069, 12, 31)), st.integers(0, 6))
def test_dates_in_german_and_swedish_formats(day, form):
    month = day.month - 1
    text = [
        f"{day.day}. {GERMAN.split()[month]} {day.year}",
        f"{day.day}. {SHORT_DE.split()[month]} {day.year}",
        f"{day.day} {SWEDISH.split()[month]} {day.year}",
        f"{day.day} {SHORT_SV.split()[month]} {day.year} 14:03",
        f"{day:%d.%m.%Y}",
        f"{day.day}.{day.month}.{day:%y}",
        f"{day:%d.%m.%Y} 09:15",
    ][form]
    assert parse_date(text) == day
