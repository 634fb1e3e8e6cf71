"""Mail archives become email evidence: formats, header quirks, filters, merging, privacy."""

from __future__ import annotations

import io
import mailbox
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intropath.errors import ConfigError, ImportFileError
from intropath.importers import import_mail, mail_read
from intropath.importers.mail import MailTally
from intropath.importers.mail_read import RawMessage, split_mbox
from intropath.importers.report import ImportReport
from intropath.model import EvidenceKind, GraphDocument, Person
from mailfiles import (
    OWNER,
    gmail_ids,
    message,
    takeout_tgz,
    takeout_zip,
    write_maildir,
    write_mbox,
)

TODAY = date(2025, 1, 1)
DANA = '"Dana Reyes" <dana@acme.example>'
ME = f"Alex Morgan <{OWNER}>"


def email_of(document: GraphDocument, person: str):
    """The email evidence on the owner's tie with ``person``, or None."""
    for tie in document.ties:
        if person in (tie.a, tie.b):
            for item in tie.evidence:
                if item.kind is EvidenceKind.EMAIL:
                    return item
    return None


def by_email(document: GraphDocument, address: str) -> Person | None:
    return next((p for p in document.people if p.email == address), None)


def conversation() -> list[str]:
    """Alex writes to Dana twice, Dana replies once in the first thread; a second thread."""
    return [
        message(ME, DANA, mid="a1@example.com", date="Tue, 02 Jan 2024 10:00:00 +0000"),
        message(DANA, ME, mid="d1@acme.example", reply_to="a1@example.com",
                date="Wed, 03 Jan 2024 09:00:00 +0100"),
        message(ME, DANA, mid="a2@example.com", date="Fri, 01 Mar 2024 10:00:00 +0000"),
    ]  # fmt: skip


def test_counts_sent_received_threads_and_dates(tmp_path):
    path = write_mbox(tmp_path / "mail.mbox", *conversation())
    document, report = import_mail(path, owner=[OWNER], as_of=TODAY)
    dana = by_email(document, "dana@acme.example")
    assert dana is not None and dana.name == "Dana Reyes"
    item = email_of(document, dana.id)
    assert (item.sent, item.received, item.threads, item.count) == (2, 1, 1, 3)
    assert (item.since, item.until) == ("2024-01-02", "2024-03-01")
    assert item.source == f"mail:{report.owner}"
    assert report.counts["sent"] == 2 and report.counts["received"] == 1
    me = next(p for p in document.people if p.id == document.me)
    assert me.name == "Alex Morgan" and me.email == OWNER


def test_gmail_thread_ids_join_replies_without_references(tmp_path):
    first = gmail_ids(message(ME, DANA, mid="a1@x"), "111")
    reply = gmail_ids(message(DANA, ME, mid="d1@x"), "111")
    other = gmail_ids(message(DANA, ME, mid="d2@x"), "222")
    path = write_mbox(tmp_path / "mail.mbox", first, reply, other)
    document, _ = import_mail(path, owner=[OWNER], as_of=TODAY)
    assert email_of(document, by_email(document, "dana@acme.example").id).threads == 1


def test_header_quirks(tmp_path):
    messages = [
        # RFC 2047 names (B and Q encodings), several addresses, folded Cc, Bcc
        message(ME, "=?UTF-8?B?SsO8cmdlbiBNw7xsbGVy?= <jurgen@example.de>, "
                "=?iso-8859-1?Q?S=F8ren_Berg?= <soren@example.dk>",
                cc="Kim Novak <KIM@Example.ORG>,\n\tPriya Shah <priya@example.in>",
                bcc="Wei Chen <wei@example.cn>", mid="q1@x",
                date="Mon, 01 Jan 2024 23:30:00 -0800"),  # 2024-01-02 in UTC
        # replies: no Date at all, a raw UTF-8 name, a group with no addresses
        message("Jürgen Müller <jurgen@example.de>", f"{OWNER}, undisclosed-recipients:;",
                date=None, mid="q2@x"),
        message("soren@example.dk (Søren Berg)", ME, mid="q3@x",
                date="2 Jan 2024 01:00 +1400"),  # 2024-01-01 in UTC
        message("Kim Novak <kim@example.org>", ME, mid="q4@x", date="not a date"),
        message('"Chen, Wei" <wei@example.cn>', ME, mid="q5@x"),
    ]  # fmt: skip
    path = write_mbox(tmp_path / "mail.mbox", *messages)
    document, report = import_mail(path, owner=[OWNER], as_of=TODAY)
    names = {p.email: p.name for p in document.people}
    assert names["jurgen@example.de"] == "Jürgen Müller"
    assert names["soren@example.dk"] == "Søren Berg"
    assert names["kim@example.org"] == "Kim Novak"
    assert names["wei@example.cn"] in {"Wei Chen", "Chen, Wei"}  # quoted, with a comma
    assert "priya@example.in" not in names  # written to, never answered: one-way
    jurgen = email_of(document, by_email(document, "jurgen@example.de").id)
    assert (jurgen.sent, jurgen.received, jurgen.since, jurgen.until) == (1, 1, "2024-01-02", None)
    soren = email_of(document, by_email(document, "soren@example.dk").id)
    assert (soren.since, soren.until) == ("2024-01-01", "2024-01-02")
    kim = email_of(document, by_email(document, "kim@example.org").id)
    assert (kim.sent, kim.received, kim.since) == (1, 1, "2024-01-02")  # the bad date is ignored
    assert report.counts["one-way correspondents left out"] == 1
    assert report.skipped_count == 0


def test_lists_bulk_automated_drafts_spam_and_duplicates_are_left_out_and_counted(tmp_path):
    dup = message(DANA, ME, mid="same@x")
    messages = [
        message(DANA, "team@lists.example", extra=("List-Id: Team <team.lists.example>",)),
        message("Shop <news@shop.example>", ME, extra=("Precedence: bulk",)),
        message("Deals <deals@shop.example>", ME,
                extra=("List-Unsubscribe: <mailto:u@shop.example>",)),
        message("GitHub <noreply@github.com>", ME),
        message("Jira <jira@corp.example>", ME, extra=("Auto-Submitted: auto-generated",)),
        message("MAILER-DAEMON@mx.example", ME),
        message(ME, DANA).replace("Inbox,Opened", "Drafts"),
        message(DANA, ME).replace("Inbox,Opened", "Spam"),
        dup,
        dup,
        message(ME, DANA),
        message(ME, ME),
    ]  # fmt: skip
    path = write_mbox(tmp_path / "mail.mbox", *messages)
    document, report = import_mail(path, owner=[OWNER], as_of=TODAY)
    counts = report.counts
    assert counts["mailing-list messages left out"] == 1
    assert counts["bulk messages left out"] == 2
    assert counts["automated messages left out"] == 3
    assert counts["drafts and spam left out"] == 2
    assert counts["duplicates left out"] == 1
    assert counts["messages to yourself left out"] == 1
    assert (counts["sent"], counts["received"]) == (1, 1)
    assert {p.email for p in document.people} == {OWNER, "dana@acme.example"}


def test_nothing_but_counts_dates_and_people_is_stored(tmp_path):
    messages = [
        message(ME, DANA, subject="SECRET-SUBJECT", body="SECRET-BODY\nattachment QVRUQUNI\n"),
        message(DANA, ME, subject="Re: SECRET-SUBJECT",
                extra=("Content-Disposition: attachment; filename=SECRET-FILE.pdf",)),
    ]  # fmt: skip
    document, _ = import_mail(write_mbox(tmp_path / "m.mbox", *messages), owner=[OWNER])
    text = document.model_dump_json()
    assert "SECRET" not in text and "QVRUQUNI" not in text
    assert "dana@acme.example" in text


def test_every_format(tmp_path):
    texts = conversation()
    gmail = write_mbox(tmp_path / "gmail.mbox", *texts)
    thunderbird = tmp_path / "Thunderbird" / "Mail" / "Local Folders"
    write_mbox(thunderbird / "Inbox", *(t for t in texts if t.count(DANA) and "From: " + DANA in t))
    thunderbird_texts = [message(ME, DANA, mid=f"t{i}@x", thunderbird=True) for i in range(2)]
    write_mbox(thunderbird / "Sent", *thunderbird_texts)
    (thunderbird / "Sent.msf").write_text("// <!-- <mdb:mork:z v=1.4/> -->")
    maildir = write_maildir(tmp_path / "Maildir", *texts)
    zipped = takeout_zip(tmp_path / "takeout-20250101T000000Z-001.zip", *texts)
    tgz = takeout_tgz(tmp_path / "takeout-20250101T000000Z-001.tgz", *texts)
    expected = {"sent": 2, "received": 1}
    for path in (gmail, maildir, zipped, tgz):
        document, report = import_mail(path, owner=[OWNER], as_of=TODAY)
        assert {k: report.counts[k] for k in expected} == expected, path
        assert email_of(document, by_email(document, "dana@acme.example").id).threads == 1
    write_mbox(thunderbird / "Junk", message("Prize <win@lottery.example>", ME))
    write_maildir(tmp_path / "Maildir" / ".Drafts", message(ME, DANA, mid="draft@x"))
    document, report = import_mail(thunderbird.parent, owner=[OWNER], as_of=TODAY)
    assert (report.counts["sent"], report.counts["received"]) == (2, 1)
    assert report.counts["files in spam and draft folders left out"] == 1
    _, report = import_mail(maildir, owner=[OWNER], as_of=TODAY)
    assert (report.counts["sent"], report.counts["received"]) == (2, 1)
    assert report.notes_count == 0  # the .msf index is not mail and is passed over quietly


def test_several_archives_in_one_import_count_each_message_once(tmp_path):
    texts = conversation()
    one = write_mbox(tmp_path / "inbox.mbox", *texts[:2])
    two = write_mbox(tmp_path / "all.mbox", *texts)
    document, report = import_mail([one, two], owner=[OWNER], as_of=TODAY)
    assert report.counts["duplicates left out"] == 2
    assert email_of(document, by_email(document, "dana@acme.example").id).count == 3


def test_merges_by_email_then_name_and_adds_only_two_way_correspondents(tmp_path):
    existing = GraphDocument(
        me="alex",
        people=[
            Person(id="alex", name="Alex Morgan", email=OWNER, sources=["linkedin:alex"]),
            Person(id="dana", name="Dana R.", email="Dana@Acme.example"),
            Person(id="sam", name="Sam Chen", company="Globex"),
            Person(id="kim", name="Kim Novak", email="kim@old.example"),
        ],
    )
    messages = [
        *conversation(),
        message("Sam Chen <sam@globex.example>", ME),  # one way, name only: careful rules
        message("Kim Novak <kim@new.example>", ME),  # one way; same name, other address
        message("Priya Shah <priya@example.in>", ME),  # one way, unknown: left out
        message(ME, "Ola Berg <ola@example.no>"),  # one way, unknown: left out
    ]
    path = write_mbox(tmp_path / "mail.mbox", *messages)
    document, report = import_mail(path, existing, as_of=TODAY)  # owner from the graph's me
    ids = {p.id for p in document.people}
    assert report.owner == "alex"
    assert email_of(document, "dana").sent == 2  # merged by email, case ignored
    assert ids == {"alex", "dana", "sam", "kim"}
    assert email_of(document, "sam") is None  # a name alone, no company: not merged
    assert any("'Sam Chen'" in note and "not merged" in note for note in report.notes)
    assert report.counts["one-way correspondents left out"] == 4
    assert report.counts["new people"] == 0


def test_one_way_mail_with_someone_already_known_is_evidence(tmp_path):
    existing = GraphDocument(
        me="alex",
        people=[Person(id="alex", name="Alex", email=OWNER), Person(id="kim", name="Kim Novak",
                                                                     email="kim@example.org")],
    )  # fmt: skip
    path = write_mbox(tmp_path / "m.mbox", message("Kim Novak <kim@example.org>", ME))
    document, _ = import_mail(path, existing, as_of=TODAY)
    item = email_of(document, "kim")
    assert (item.sent, item.received, item.threads) == (0, 1, 0)


def test_reimport_replaces_the_mail_evidence(tmp_path):
    texts = conversation()
    document, _ = import_mail(write_mbox(tmp_path / "a.mbox", *texts), owner=[OWNER])
    document, _ = import_mail(write_mbox(tmp_path / "b.mbox", *texts[:2]), document)
    dana = by_email(document, "dana@acme.example")
    items = [e for t in document.ties for e in t.evidence if dana.id in (t.a, t.b)]
    assert [(e.sent, e.received) for e in items] == [(1, 1)]


def test_the_owner_must_be_known(tmp_path):
    path = write_mbox(tmp_path / "m.mbox", *conversation())
    with pytest.raises(ConfigError, match=r"--owner YOU@EXAMPLE\.COM"):
        import_mail(path)
    with pytest.raises(ConfigError, match="--owner: expected an email address, got 'Alex'"):
        import_mail(path, owner=["Alex"])


def test_malformed_messages_are_skipped_with_their_position(tmp_path, monkeypatch):
    monkeypatch.setattr(mail_read, "MAX_HEADER", 4096)
    huge = message(DANA, ME, extra=("X-Junk: " + "x" * 10_000,))
    no_sender = "From x@xxx Tue Jan 02 10:00:00 2024\nTo: alex@example.com\n\nhello\n"
    binary = "From x@xxx Tue Jan 02 10:00:00 2024\n\x00\x01\xff\xfe garbage\n\n"
    texts = [*conversation(), no_sender, huge, binary]
    path = write_mbox(tmp_path / "m.mbox", *texts)
    _, report = import_mail(path, owner=[OWNER], as_of=TODAY)
    assert report.skipped_count == 3
    offsets = [sum(len(t.encode()) for t in texts[:i]) for i in range(3, 6)]
    assert report.skipped == [
        f"{path}: message 4 at byte {offsets[0]}: no sender address (From)",
        f"{path}: message 5 at byte {offsets[1]}: header longer than 1 MiB",
        f"{path}: message 6 at byte {offsets[2]}: no sender address (From)",
    ]
    assert report.counts["sent"] == 2


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.txt", b"Dear diary", "not mail: expected an mbox file, a Maildir or Takeout"),
        ("broken.zip", b"PK\x03\x04 not really", "cannot read: "),
        ("missing.mbox", None, "no such file or folder"),
    ],
)
def test_files_that_are_not_mail_are_errors_naming_the_file(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ImportFileError) as info:
        import_mail(path, owner=[OWNER])
    assert str(info.value).startswith(f"{path}: {message}")


# -- the streaming splitter against the standard library ------------------------

line = st.one_of(
    st.sampled_from(["From me", "From: x@y.z", ">From quoted", "", "\r", "Subject: hi", "x"]),
    st.text(st.characters(codec="utf-8", exclude_characters="\r\n"), max_size=30),
)
mail_text = st.lists(
    st.tuples(st.booleans(), st.lists(line, max_size=8)), min_size=0, max_size=8
).map(
    lambda parts: "".join(
        ("From sender Tue Jan 02 10:00:00 2024\n" if start else "") + "\n".join(lines) + "\n"
        for start, lines in parts
    )
)


@settings(max_examples=300, deadline=None)
@given(mail_text, st.sampled_from([7, 64, 1 << 22]))
def test_split_mbox_finds_the_messages_and_headers_the_stdlib_finds(tmp_path_factory, text, chunk):
    path = tmp_path_factory.mktemp("mbox") / "m.mbox"
    path.write_bytes(text.encode())
    box = mailbox.mbox(path, create=False)
    expected = []
    for key in box.iterkeys():
        with box.get_file(key) as raw:
            lines = []
            for row in raw:
                if row in (b"\n", b"\r\n"):
                    break
                lines.append(row)
        expected.append(b"".join(lines))
    old = mail_read.CHUNK
    mail_read.CHUNK = chunk  # tiny blocks cut separators and headers in two
    try:
        found = [header for _, header in split_mbox(io.BytesIO(text.encode()))]
    finally:
        mail_read.CHUNK = old
    assert found == expected


# -- adding interaction never lowers a tie, end to end ---------------------------

mail_event = st.tuples(
    st.booleans(),  # the owner wrote it
    st.integers(0, 3),  # in reply to which earlier message (0: a new thread)
    st.integers(0, 800),  # days after 2022-01-01
)


def tie_numbers(messages: list[tuple[bool, int, int]], folder: Path) -> tuple[float, float]:
    texts = []
    for i, (mine, reply, day) in enumerate(messages):
        sender, to = (ME, DANA) if mine else (DANA, ME)
        when = date.fromordinal(date(2022, 1, 1).toordinal() + day)
        texts.append(
            message(sender, to, mid=f"m{i}@x", date=f"{when:%d %b %Y} 10:00:00 +0000",
                    reply_to=f"m{i - reply}@x" if reply and i >= reply else None)
        )  # fmt: skip
    document, _ = import_mail(write_mbox(folder / "m.mbox", *texts), owner=[OWNER], as_of=TODAY)
    tie = next((t for t in document.ties), None)
    return (tie.trust, tie.familiarity) if tie else (0.0, 0.0)


@settings(max_examples=60, deadline=None)
@given(st.lists(mail_event, max_size=12), mail_event)
def test_another_message_never_lowers_the_tie(tmp_path_factory, messages, extra):
    folder = tmp_path_factory.mktemp("mail")
    before = tie_numbers(messages, folder)
    after = tie_numbers([*messages, extra], folder)
    assert after[0] >= before[0] and after[1] >= before[1]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["From", "To", "Cc", "Bcc", "Date", "Message-ID", "References",
                             "In-Reply-To", "X-GM-THRID", "X-Gmail-Labels", "Precedence",
                             "Auto-Submitted", " ", "\t", "Subject"]),
            st.text(max_size=40) | st.sampled_from(["=?utf-8?b?@@@?=", "=?x-unknown?q?a?=",
                                                    "a@b.c", "<a@b.c>", "\"x\" <y@z.w>",
                                                    "Mon, 99 Feb 2024 25:61:00 +9999",
                                                    "=?utf-8?q?=FF=FE?= <q@r.st>"]),
        ),
        max_size=10,
    ),
    st.booleans(),
)  # fmt: skip
def test_hostile_headers_are_counted_or_skipped_never_raised(fields, mine):
    lines = [f"{name}: {value}" for name, value in fields]
    if mine:
        lines.insert(0, f"From: {OWNER}")
    header = "\n".join(lines).encode("utf-8", "surrogatepass") + b"\n"
    report = ImportReport(source="fuzz")
    tally = MailTally(frozenset({OWNER}), report, TODAY)
    tally.add(RawMessage("fuzz.mbox", "message 1 at byte 0", header))
    tally.count_threads()
    for who in tally.people.values():
        who.evidence()
        who.name("x@y.z")
    assert report.counts["messages read"] + report.skipped_count == 1
