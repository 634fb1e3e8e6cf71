"""Importing LinkedIn exports: every format generation, pooling, re-imports, bad input."""

from __future__ import annotations

import json
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest

from intropath.errors import ImportFileError
from intropath.graphfile import load_document, save_document
from intropath.importers import import_linkedin
from intropath.manual import set_person, set_tie
from intropath.model import ContactPolicy, EvidenceKind, GraphDocument, Tie

FIXTURES = Path(__file__).parent / "fixtures" / "linkedin"
AS_OF = date(2025, 1, 1)


def load(name: str, document: GraphDocument | None = None, owner: str | None = None):
    return import_linkedin(FIXTURES / name, document, owner=owner, as_of=AS_OF)


def tie(document: GraphDocument, a: str, b: str) -> Tie:
    return next(t for t in document.ties if {t.a, t.b} == {a, b})


def evidence(document: GraphDocument, a: str, b: str, kind: EvidenceKind):
    return [e for e in tie(document, a, b).evidence if e.kind is kind]


def people(document: GraphDocument):
    return {p.id: p for p in document.people}


def test_current_export_reads_every_file():
    document, report = load("alex_2024")
    assert document.me == "alex-morgan"
    assert report.counts["connections"] == 9
    assert report.skipped == [
        f"{FIXTURES}/alex_2024/Connections.csv:13: a connection with no usable name",
        f"{FIXTURES}/alex_2024/messages.csv:13: unreadable date 'yesterday-ish'",
    ]
    assert report.skipped_count == 2
    assert (
        f"{FIXTURES}/alex_2024/Connections.csv:15: unreadable date 'not a date'; kept without it"
        in report.notes
    )
    found = people(document)
    assert found["alex-morgan"].profile_url == "https://www.linkedin.com/in/alex-morgan"
    assert [(p.company, p.current, p.start, p.end) for p in found["alex-morgan"].positions] == [
        ("Acme", True, "2020-03", None),
        ("Initech", False, "2016", "2020-02"),
    ]
    assert found["kim-novak"].name == "Kim Novak" and found["kim-novak"].recruiter
    assert found["lee-park"].profile_url == "https://www.linkedin.com/in/lee-park"
    assert found["pia-globex"].positions == []
    assert found["pia-globex"].headline == "Freelance Illustrator (Self-employed)"
    assert found["zoe-o-brien"].name == "Zoë O'Brien, PhD"
    assert [g.name for g in document.groups] == ["Rhode Island School of Design"]


def test_messages_are_counted_by_direction_and_thread():
    document, report = load("alex_2024")
    [dana] = evidence(document, "alex-morgan", "dana-reyes", EvidenceKind.MESSAGES)
    assert (dana.count, dana.sent, dana.received) == (5, 3, 2)  # 4 direct + 1 group thread
    assert (dana.since, dana.until) == ("2024-06-15", "2024-11-03")
    [lee] = evidence(document, "alex-morgan", "lee-park", EvidenceKind.MESSAGES)
    assert (lee.count, lee.sent, lee.received) == (1, 1, 0)
    assert evidence(document, "alex-morgan", "kim-novak", EvidenceKind.MESSAGES) == []  # a draft
    assert report.counts["sponsored or spam messages skipped"] == 1
    assert report.counts["messages with people outside your connections"] == 1


def test_message_content_is_never_stored(tmp_path):
    document, _ = load("alex_2024")
    save_document(document, tmp_path / "g.json")
    text = (tmp_path / "g.json").read_text()
    for secret in ("Config", "coffee", "Tuesday", "Premium", "talk on hiring", "Careful, kind"):
        assert secret not in text


def test_evidence_from_every_file():
    document, _ = load("alex_2024")
    kinds = {e.kind for e in tie(document, "alex-morgan", "sam-chen").evidence}
    assert kinds == {
        EvidenceKind.CONNECTED,
        EvidenceKind.COLLEAGUES,
        EvidenceKind.MESSAGES,
        EvidenceKind.ENDORSEMENT,
        EvidenceKind.RECOMMENDATION,
    }
    [endorsed] = evidence(document, "alex-morgan", "sam-chen", EvidenceKind.ENDORSEMENT)
    assert (endorsed.count, endorsed.direction) == (2, "received")
    assert endorsed.detail == "they endorsed you for Figma, User Research"
    assert (
        evidence(document, "alex-morgan", "pia-globex", EvidenceKind.ENDORSEMENT) == []
    )  # rejected
    [given] = evidence(document, "alex-morgan", "dana-reyes", EvidenceKind.RECOMMENDATION)
    assert given.direction == "given"
    [invite] = evidence(document, "alex-morgan", "kim-novak", EvidenceKind.INVITATION)
    assert invite.detail == "you invited them with a personal note"
    # Alex left Initech before Wei's time there is known to start, and Omar works at
    # the school Alex went to: neither says anything about the two of them
    assert {e.kind for e in tie(document, "alex-morgan", "wei-kim").evidence} == {
        EvidenceKind.CONNECTED
    }
    assert EvidenceKind.SHARED_SCHOOL not in {
        e.kind for e in tie(document, "alex-morgan", "omar-haddad").evidence
    }
    assert all(e.source == "linkedin:alex-morgan" for t in document.ties for e in t.evidence)
    strong, weak = (
        tie(document, "alex-morgan", "sam-chen"),
        tie(document, "alex-morgan", "ona-okafor"),
    )
    assert strong.trust > weak.trust and strong.familiarity > weak.familiarity


def test_zip_as_downloaded_matches_folder(tmp_path):
    archive = tmp_path / "Basic_LinkedInDataExport_01-01-2025.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for file in (FIXTURES / "alex_2024").iterdir():
            out.write(file, f"Basic_LinkedInDataExport/{file.name}")
    from_zip, report = import_linkedin(archive, as_of=AS_OF)
    from_folder, _ = load("alex_2024")
    assert from_zip == from_folder
    assert report.skipped[0].startswith(f"{archive}:Basic_LinkedInDataExport/Connections.csv:13:")


def test_legacy_export_without_urls():
    document, report = load("legacy_2018", owner="Jordan Lee")
    assert document.me == "jordan-lee"
    assert report.skipped_count == 0
    [dana] = evidence(document, "jordan-lee", "dana-reyes", EvidenceKind.MESSAGES)
    assert (dana.sent, dana.received, dana.since) == (1, 1, "2018-10-16")
    [connected] = evidence(document, "jordan-lee", "dana-reyes", EvidenceKind.CONNECTED)
    assert connected.since == "2018-01-08"
    assert evidence(document, "jordan-lee", "max-muller", EvidenceKind.INVITATION)[0].detail
    assert people(document)["dana-reyes"].email == "dana@example.com"


def test_capitalised_messages_and_loose_file_names():
    document, report = load("caps_2019")
    assert document.me == "priya-nair"
    [kofi] = evidence(document, "priya-nair", "kofi-berg", EvidenceKind.MESSAGES)
    assert (kofi.sent, kofi.received, kofi.until) == (1, 1, "2019-11-07")  # the spam is skipped
    assert evidence(document, "priya-nair", "kofi-berg", EvidenceKind.ENDORSEMENT)
    assert report.counts["sponsored or spam messages skipped"] == 1


def test_conversation_generation_infers_the_owner_from_sender_urls():
    document, _ = load("gen3_2021")
    assert people(document)["noah-berg"].profile_url == "https://www.linkedin.com/in/noahberg"
    [yuki] = evidence(document, "noah-berg", "yuki-ito", EvidenceKind.MESSAGES)
    assert (yuki.sent, yuki.received) == (2, 1)
    [ines] = evidence(document, "noah-berg", "ines-silva", EvidenceKind.MESSAGES)
    assert (ines.sent, ines.received) == (0, 1)


def test_resaved_connections_without_preamble_and_odd_dates():
    document, _ = load("resaved")
    assert document.me == "me"
    since = {e.since for t in document.ties for e in t.evidence}
    assert since == {"2023-04-23", "2022-09-07"}


def test_a_connections_file_alone():
    document, report = import_linkedin(FIXTURES / "resaved" / "Connections.csv", as_of=AS_OF)
    assert report.counts["connections"] == 2 and len(document.ties) == 2


def test_round_trip(tmp_path):
    document, _ = load("alex_2024")
    document, _ = load("sam_2024", document, owner="Sam Chen")
    for name in ("g.json", "g.graphml"):
        save_document(document, tmp_path / name)
        again = load_document(tmp_path / name)
        assert again.model_dump(exclude={"ties"}) == document.model_dump(exclude={"ties"})
        assert _ties(again) == _ties(document)  # GraphML may write an undirected tie b-a


def _ties(document: GraphDocument) -> dict[frozenset[str], tuple[float, float, list[object]]]:
    return {
        frozenset((t.a, t.b)): (t.trust, t.familiarity, [e.model_dump() for e in t.evidence])
        for t in document.ties
    }


def test_reimport_is_idempotent():
    once, _ = load("alex_2024")
    first = once.model_dump_json()
    twice, report = load("alex_2024", GraphDocument.model_validate_json(first))
    assert twice.model_dump_json() == first
    assert report.counts["new people"] == 0 and report.counts["people merged"] == 9


def test_reimport_keeps_manual_data():
    document, _ = load("alex_2024")
    set_tie(document, "Dana Reyes", trust=0.95, note="we built the design system", as_of=AS_OF)
    set_person(document, "kim-novak", policy="no_strangers")
    set_person(document, "pia-globex", hiring_manager=True)
    document, _ = load("alex_2024", document)
    dana = tie(document, "alex-morgan", "dana-reyes")
    assert dana.trust == 0.95
    assert [e.detail for e in dana.evidence if e.source == "manual"] == [
        "we built the design system"
    ]
    assert sum(e.kind is EvidenceKind.MESSAGES for e in dana.evidence) == 1
    assert people(document)["kim-novak"].contact_policy is ContactPolicy.NO_STRANGERS
    assert people(document)["pia-globex"].hiring_manager


def test_newer_export_replaces_the_older_one(tmp_path):
    newer = tmp_path / "export"
    shutil.copytree(FIXTURES / "alex_2024", newer)
    rows = (newer / "Connections.csv").read_text(encoding="utf-8-sig").splitlines()
    kept = [r for r in rows if not r.startswith("Wei,")]
    kept = [r.replace("The Muse,Product Manager", "Globex,Head of Product") for r in kept]
    (newer / "Connections.csv").write_text("\n".join(kept) + "\n", encoding="utf-8")
    document, _ = load("alex_2024")
    set_tie(document, "wei-kim", familiarity=0.7, as_of=AS_OF)
    document, report = import_linkedin(newer, document, as_of=AS_OF)
    dana = people(document)["dana-reyes"]
    assert [(p.company, p.current) for p in dana.positions] == [
        ("Globex", True),
        ("The Muse", False),
    ]
    wei = tie(document, "alex-morgan", "wei-kim")  # no longer in the export, but rated by hand
    assert [e.source for e in wei.evidence] == ["manual"] and wei.familiarity == 0.7
    assert report.counts["ties removed"] == 0


def test_pooled_networks_merge_identities_and_keep_provenance():
    document, _ = load("alex_2024")
    document, report = load("sam_2024", document, owner="Sam Chen")
    found = people(document)
    assert report.owner == "sam-chen" and document.me == "alex-morgan"
    assert found["sam-chen"].sources == ["linkedin:alex-morgan", "linkedin:sam-chen"]
    assert "linkedin:sam-chen" in found["kim-novak"].sources  # name and company agree
    assert "ona-okafor-2" in found  # same name, another company, no URL: not merged ...
    assert any(
        "'Ona Okafor' at Globex may be the same person as 'ona-okafor'" in n for n in report.notes
    )  # ... and reported
    assert found["priya-patel"].sources == ["linkedin:sam-chen"]
    pooled = tie(document, "alex-morgan", "sam-chen")
    assert {e.source for e in pooled.evidence} == {"linkedin:alex-morgan", "linkedin:sam-chen"}
    assert {e.source for e in tie(document, "sam-chen", "dana-reyes").evidence} == {
        "linkedin:sam-chen"
    }


def test_pooling_in_either_order_gives_the_same_people():
    a, _ = load("alex_2024")
    a, _ = load("sam_2024", a, owner="Sam Chen")
    b, _ = load("sam_2024")
    b, _ = load("alex_2024", b, owner="https://www.linkedin.com/in/alex-morgan")
    assert {p.profile_url for p in a.people} == {p.profile_url for p in b.people}
    assert len(a.people) == len(b.people) and len(a.ties) == len(b.ties)


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("missing.zip", "{p}: no such file or folder"),
        (
            "not_linkedin",
            "{p}: no Connections.csv: is this a LinkedIn data export? (found people.csv)",
        ),
    ],
)
def test_bad_paths(path, message):
    with pytest.raises(ImportFileError) as info:
        import_linkedin(FIXTURES / path)
    assert str(info.value) == message.format(p=FIXTURES / path)


def test_unreadable_zip(tmp_path):
    bad = tmp_path / "export.zip"
    bad.write_bytes(b"PK\x03\x04 this is not really a zip")
    with pytest.raises(ImportFileError, match=r"export\.zip: not a readable zip file"):
        import_linkedin(bad)


def test_connections_without_a_header(tmp_path):
    (tmp_path / "Connections.csv").write_text("Notes:\nnothing here\n")
    with pytest.raises(ImportFileError) as info:
        import_linkedin(tmp_path)
    assert str(info.value) == (
        f"{tmp_path}/Connections.csv: no header with the columns connectedon, firstname, "
        "lastname was found"
    )


def test_a_broken_optional_file_is_noted_not_fatal(tmp_path):
    shutil.copytree(FIXTURES / "resaved", tmp_path / "x")
    (tmp_path / "x" / "messages.csv").write_text("garbage\n")
    document, report = import_linkedin(tmp_path / "x", as_of=AS_OF)
    assert len(document.ties) == 2
    assert report.notes == [
        f"{tmp_path}/x/messages.csv: no header with the columns date, from, to was found; "
        "file not read",
        "the export does not name its owner (no Profile.csv, messages or invitations), "
        "so they are called 'Me': pass --owner 'Your Name'",
    ]


def test_json_report_is_plain_data():
    _, report = load("alex_2024")
    json.dumps(dict(report.counts))
