"""Dates as LinkedIn exports write them, across generations and locales.

``05 May 2023``, ``5 Sept 2023``, ``23-Apr-23``, ``1/8/18, 6:14 PM``,
``2024-10-26 11:43:11 UTC``, ``2019-11-06T02:08:20``, ``2024/03/15 10:00:00
UTC``, ``Mar 2020`` and a bare ``2020`` all parse, and so do the formats
Excel writes in German and Nordic locales: ``5. Mai 2023``, ``5 maj 2023``,
``05.05.2023``; anything else is None.
"""

from __future__ import annotations

import re
from datetime import date

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "jan january janv januar januari jän jänner ene enero gen",
        "feb february fev fevr février févr februar februari febrero",
        "mar march mars mär märz maerz mrz marzo",
        "apr april avr avril abr abril",
        "may mai maj mayo mag",
        "jun june juin juni junio giu",
        "jul july juil juillet juli julio lug",
        "aug august augusti aout août ago agosto",
        "sep sept september septembre set septiembre",
        "oct october okt oktober octobre octubre ott",
        "nov november novembre noviembre",
        "dec december dez dezember des desember déc décembre dic diciembre",
    ],
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number

_YMD = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_MDY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\b")
_DMY_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})\b")  # always day first
_DMONY = re.compile(r"^(\d{1,2})\.?[ -]([^\W\d_]+)\.?,?[ -](\d{2}|\d{4})\b")
_MONDY = re.compile(r"^([^\W\d_]+)\.? (\d{1,2}),? (\d{4})\b")
_MONY = re.compile(r"^([^\W\d_]+)\.?[ -](\d{4})$")
_Y = re.compile(r"^(\d{4})$")


def parse_date(text: str | None) -> date | None:
    """Parse a date in any of the export formats; None when it is not a date.

    >>> parse_date("05 May 2023")
    datetime.date(2023, 5, 5)
    >>> parse_date("1/8/18, 6:14 PM")
    datetime.date(2018, 1, 8)
    >>> parse_date("23-Apr-23")
    datetime.date(2023, 4, 23)
    >>> parse_date("2024-10-26 11:43:11 UTC")
    datetime.date(2024, 10, 26)
    >>> parse_date("5. Mai 2023"), parse_date("5 maj 2023"), parse_date("05.05.2023")
    (datetime.date(2023, 5, 5), datetime.date(2023, 5, 5), datetime.date(2023, 5, 5))
    """
    parsed = _parse(text.strip()) if text else None
    if parsed is None:
        return None
    year, month, day = parsed
    try:
        return date(year, month, day)
    except ValueError:
        return None


def partial_date(text: str | None) -> str | None:
    """A date kept at the precision it was written: ``2020``, ``2020-03`` or ``2020-03-05``.

    >>> partial_date("Mar 2020"), partial_date("2019"), partial_date("nonsense")
    ('2020-03', '2019', None)
    """
    if not text:
        return None
    text = text.strip()
    if _Y.match(text):
        year = int(text)
        return f"{year:04d}" if 1900 <= year <= 2200 else None
    match = _MONY.match(text)
    if match:
        month = _MONTHS.get(match.group(1).casefold())
        return f"{int(match.group(2)):04d}-{month:02d}" if month else None
    day = parse_date(text)
    return day.isoformat() if day else None


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


def _parse(text: str) -> tuple[int, int, int] | None:
    if len(text) >= 10 and text[4] == "-" and text[7] == "-" and text[:4].isdecimal():
        # The common case (messages since 2019), without a regex. isdecimal, not
        # isdigit: int() rejects superscripts like '²', which isdigit accepts.
        month, day = text[5:7], text[8:10]
        if month.isdecimal() and day.isdecimal():
            return int(text[:4]), int(month), int(day)
    match = _YMD.match(text)
    if match:
        return int(match.group(1)), int(match.group(2)), int(match.group(3))
    match = _MDY.match(text)
    if match:
        first, second = int(match.group(1)), int(match.group(2))
        if first > 12 >= second:  # a day-first locale
            first, second = second, first
        return _year(match.group(3)), first, second
    match = _DMY_DOTTED.match(text)
    if match:
        return _year(match.group(3)), int(match.group(2)), int(match.group(1))
    match = _DMONY.match(text)
    if match:
        number = _MONTHS.get(match.group(2).casefold())
        return (_year(match.group(3)), number, int(match.group(1))) if number else None
    match = _MONDY.match(text)
    if match:
        number = _MONTHS.get(match.group(1).casefold())
        return (int(match.group(3)), number, int(match.group(2))) if number else None
    match = _MONY.match(text)
    if match:
        number = _MONTHS.get(match.group(1).casefold())
        return (int(match.group(2)), number, 1) if number else None
    match = _Y.match(text)
    if match:
        return int(match.group(1)), 1, 1
    return None
