"""Dates, profile URLs and names as exports write them."""

from __future__ import annotations

from datetime import date

import pytest

from intropath.importers.csvutil import column_key, file_key
from intropath.importers.dates import parse_date, partial_date
from intropath.importers.text import clean_name, employer_key, is_employer, name_key, slugify
from intropath.importers.urls import profile_key, split_urls


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("05 May 2023", date(2023, 5, 5)),
        ("5 Sept 2023", date(2023, 9, 5)),
        ("23-Apr-23", date(2023, 4, 23)),
        ("1/8/18, 6:14 PM", date(2018, 1, 8)),
        ("10/16/18, 8:36 AM", date(2018, 10, 16)),
        ("03/15/24, 3:04 PM", date(2024, 3, 15)),
        ("2024-10-26 11:43:11 UTC", date(2024, 10, 26)),
        ("2019-11-06T02:08:20", date(2019, 11, 6)),
        ("2024/03/15 10:00:00 UTC", date(2024, 3, 15)),
        ("12 Okt 2021", date(2021, 10, 12)),
        ("Mar 2020", date(2020, 3, 1)),
        ("2020", date(2020, 1, 1)),
        ("", None),
        ("yesterday", None),
        ("31 Feb 2023", None),
        ("13/13/13", None),
        ("²⁰²⁴-01-01 10:00:00 UTC", None),
        ("2024-¹²-01", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_partial_date_keeps_precision():
    assert [partial_date(t) for t in ("Mar 2020", "2016", "05 May 2023", "", "soon")] == [
        "2020-03",
        "2016",
        "2023-05-05",
        None,
        None,
    ]


@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com/in/Dana-Reyes/",
        "https://linkedin.com/in/dana-reyes",
        "www.linkedin.com/in/dana-reyes",
        "http://uk.linkedin.com/in/dana-reyes?trk=profile",
        " https://www.linkedin.com/in/dana%2Dreyes ",
    ],
)
def test_one_profile_url_normaliser(url):
    assert profile_key(url) == "https://www.linkedin.com/in/dana-reyes"


def test_not_profile_urls():
    assert [profile_key(u) for u in ("", None, "https://example.com/in/x", "linkedin.com/in/")] == [
        None,
        None,
        None,
        None,
    ]
    assert split_urls("https://linkedin.com/in/a, www.linkedin.com/in/b") == [
        "https://www.linkedin.com/in/a",
        "https://www.linkedin.com/in/b",
    ]


def test_names():
    styled = "\U0001d403\U0001d41a\U0001d427\U0001d41a Reyes \U0001f680"
    assert clean_name(styled) == "Dana Reyes"
    assert (
        name_key(styled) == name_key("Dana Reyes, MBA") == name_key("DÁNA  reyes") == "dana reyes"
    )
    assert name_key("Sam Chen, PhD, PMP") == "sam chen"
    assert slugify("Zoë O'Brien") == "zoe-o-brien"
    assert slugify("\U0001f680") == "person"


def test_employers():
    assert not is_employer("Self-employed") and not is_employer("Confidential")
    assert not is_employer("Freelancer") and is_employer("Acme")
    assert employer_key("Accenture in India") == employer_key("Accenture") == "accenture"


def test_loose_file_and_column_names():
    assert file_key("Endorsement_Received_Info.csv") == file_key("endorsement received info.CSV")
    assert file_key("a/b/Messages.csv") == file_key("messages.csv")
    assert column_key("CONVERSATION ID") == column_key("conversation_id") == "conversationid"


def test_import_summary_counts_one_in_the_singular() -> None:
    from intropath.importers.report import ImportReport

    report = ImportReport(source="export.zip")
    report.counts["messages with people outside your connections"] = 1
    report.counts["new people"] = 1
    report.counts["people merged"] = 2
    report.counts["sent"] = 1
    report.counts["cancelled events left out"] = 1
    assert report.summary() == (
        "1 message with people outside your connections, 1 new person, 2 people merged, "
        "1 sent, 1 cancelled event left out"
    )
