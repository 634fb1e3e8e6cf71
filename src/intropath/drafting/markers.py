"""What the checks look for, in each language.

Each language states the out, the follow-up promise and the evidence in its
own words; these patterns recognise those words (case does not matter).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .models import Lang


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


@dataclass(frozen=True)
class Markers:
    fine: re.Pattern[str]  # "either is completely fine"
    once: re.Pattern[str]  # "I will follow up at most once"
    last: re.Pattern[str]  # "this is my last message"
    doubt_know: re.Pattern[str]  # "you may not know X well"
    doubt_comfort: re.Pattern[str]  # "or may not feel comfortable"
    evidence: dict[str, re.Pattern[str]]  # how a kind of evidence is put into words


MARKERS: dict[Lang, Markers] = {
    Lang.EN: Markers(
        fine=_re(r"\b(completely|totally|perfectly) fine\b|\bno problem\b|\bno worries\b"),
        once=_re(r"\bat most once\b|\bonce at most\b|\bonly once\b"),
        last=_re(r"\blast (note|message)\b|\bwon't (write|follow up) again\b"),
        doubt_know=_re(r"\bknow\b.*\bwell\b"),
        doubt_comfort=_re(r"\bcomfortable\b"),
        evidence={
            "worked_together": _re(r"\bworked together\b"),
            "studied_together": _re(r"\bstudied together\b"),
            "met": _re(r"\bmet\b"),
            "introduction": _re(r"\bearlier introduction\b"),
            "shared_employer": _re(r"\bboth worked\b"),
            "colleagues": _re(r"\bare both at\b|\boverlapped at\b"),
            "shared_school": _re(r"\bboth studied\b"),
            "recommendation": _re(r"\bthrough a recommendation\b"),
            "endorsement": _re(r"\bthrough endorsements\b"),
            "messages": _re(r"\bexchanged messages\b"),
            "email": _re(r"\bby e-?mail\b"),
            "meetings": _re(r"\bmeetings together\b"),
        },
    ),
    Lang.DE: Markers(
        fine=_re(r"\b(völlig|vollkommen|ganz) in Ordnung\b|\bkein Problem\b"),
        once=_re(r"\bhöchstens (noch )?einmal\b|\bnur (noch )?ein einziges Mal\b"),
        last=_re(r"\bletzte Nachricht\b|\bnicht (noch einmal|erneut|wieder) melden\b"),
        doubt_know=_re(r"\bkenn(en|st)\b.*\bgut\b"),
        doubt_comfort=_re(r"angenehm|unwohl"),
        evidence={
            "worked_together": _re(r"\bzusammengearbeitet\b"),
            "studied_together": _re(r"\bzusammen studiert\b"),
            "met": _re(r"\bkennengelernt\b"),
            "introduction": _re(r"\bfrüheren Vermittlung\b"),
            "shared_employer": _re(r"\bwaren beide bei\b"),
            "colleagues": _re(r"\bsind beide bei\b|\bwaren gleichzeitig bei\b"),
            "shared_school": _re(r"\bderselben Hochschule\b"),
            "recommendation": _re(r"\büber eine Empfehlung\b"),
            "endorsement": _re(r"\büber Kenntnisbestätigungen\b"),
            "messages": _re(r"\bNachrichten ausgetauscht\b"),
            "email": _re(r"\bper E-?Mail\b"),
            "meetings": _re(r"\bzusammen in Besprechungen\b"),
        },
    ),
    Lang.SV: Markers(
        fine=_re(r"\bhelt (okej|ok|i sin ordning)\b|\binga problem\b"),
        once=_re(r"\bhögst en gång\b|\bbara en gång\b"),
        last=_re(r"\bsista (meddelande|påminnelse)\b|\binte (att )?höra av mig igen\b"),
        doubt_know=_re(r"\bkänner\b.*\bväl\b"),
        doubt_comfort=_re(r"\bbekväm"),
        evidence={
            "worked_together": _re(r"\bjobbade tillsammans\b"),
            "studied_together": _re(r"\bstuderade tillsammans\b"),
            "met": _re(r"\bträffades\b"),
            "introduction": _re(r"\btidigare introduktion\b"),
            "shared_employer": _re(r"\bbåda jobbat\b"),
            "shared_school": _re(r"\bbåda studerat\b"),
            "colleagues": _re(r"\bär båda på\b|\bsamtidigt\b"),
            "recommendation": _re(r"\bgenom en rekommendation\b"),
            "endorsement": _re(r"\bbekräftade kompetenser\b"),
            "messages": _re(r"\bskrivit till varandra\b"),
            "email": _re(r"\bmejlat\b"),
            "meetings": _re(r"\bmöten tillsammans\b"),
        },
    ),
}

BOILERPLATE = tuple(
    _re(p)
    for p in (
        r"add you to my (professional )?network",
        r"join my (professional )?network",
        r"I came across your profile",
        r"I hope this (e-?mail|message) finds you well",
        r"to whom it may concern",
        r"dear sir or madam",
        r"(zu )?meinem (beruflichen )?Netzwerk hinzufügen",
        r"in mein (berufliches )?Netzwerk aufnehmen",
        r"sehr geehrte Damen und Herren",
        r"bin auf Ihr Profil gestoßen",
        r"lägga till dig i mitt (professionella )?nätverk",
        r"jag hittade din profil",
        r"till berörda",
    )
)
"""Generic phrases that make a request impersonal, in any of the languages."""

PLACEHOLDER = _re(
    r"\{\{|\}\}|\{%|%\}|\{#|#\}|\[[^\]\n]{0,40}\]|<[A-Za-z_ ]{1,30}>|\$\{?[A-Za-z_]\w*\}?"
    r"|__\w+__|\b(TODO|TBD|XXX|FIXME|None|null|undefined|NaN)\b"
)
"""Leftovers of a template: Jinja tags, [Name], <name>, $name, None, TODO..."""
