"""Benchmark: import a synthetic 2 GB mbox of 100,000 messages.

    .venv/bin/python benchmarks/bench_mail.py [--messages N] [--size-mb MB] [--keep]

The mbox is generated under /tmp (Gmail-like headers with Received and DKIM
lines, RFC 2047 names, replies with In-Reply-To and References, mailing-list
and noreply mail, base64 attachments making up most of the bytes). The timed
part is the whole import: reading, counting, merging, scoring and saving the
graph atomically, each run in its own process so that its peak memory (the
process's peak resident set size) is its own.

The baseline is the same import with the reader swapped for the standard
library's ``mailbox.mbox``, reading each message's headers only (``get_file``,
lines up to the blank line); both must give the same counts, or the
benchmark fails. The target is under 60 s with flat memory.
"""

from __future__ import annotations

import argparse
import base64
import json
import mailbox
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from email.header import Header
from pathlib import Path

OWNER = "alex.morgan@example.com"
FIRST = ["Dana", "Sam", "Jürgen", "Kim", "Priya", "Wei", "Ola", "Sofía", "Noor", "Tom", "Ana"]
LAST = ["Reyes", "Novak", "Müller", "Chen", "Okafor", "Berg", "Silva", "Kowalski", "Haddad"]


def _people(rng: random.Random, count: int) -> list[tuple[str, str]]:
    people = []
    for i in range(count):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        shown = name if name.isascii() else Header(name, "utf-8").encode()
        people.append((f'"{shown}" <p{i}.{name.split()[1].lower()}@corp{i % 97}.example>', name))
    return people


def generate(path: Path, messages: int, size_mb: float, seed: int = 7) -> int:
    """Write the mbox; its size in bytes."""
    rng = random.Random(seed)
    people = _people(rng, max(10, messages // 30))
    block = base64.encodebytes(rng.randbytes(3 << 20))  # 76-character lines, none "From "
    mean_body = max(200, int(size_mb * 1e6 / messages) - 1000)  # headers take about 1 kB
    start = datetime(2015, 1, 1, tzinfo=UTC)
    sent_ids: list[str] = []
    with open(path, "wb") as out:
        for i in range(messages):
            when = start + timedelta(minutes=i * 50 + rng.randrange(40))
            who, _ = rng.choice(people[: len(people) // 2] if rng.random() < 0.8 else people)
            kind = rng.random()
            headers = [
                f"From {i}@xxx {when:%a %b %d %H:%M:%S %z %Y}",
                "X-GM-THRID: " + str(10**15 + i),
                "X-Gmail-Labels: Inbox,Opened",
                f"Received: from mail{i % 9}.example by mx.example with ESMTPS id x{i};\r",
                f"        {when:%a, %d %b %Y %H:%M:%S %z}",
                "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=s1;",
                "        bh=" + "A" * 44 + "; b=" + "B" * 300,
                f"Message-ID: <m{i}@example.com>",
                f"Date: {when:%a, %d %b %Y %H:%M:%S %z}",
                "Subject: =?UTF-8?Q?Quarterly_=C3=BCpdate?=",
                "MIME-Version: 1.0",
                'Content-Type: multipart/mixed; boundary="b1"',
            ]
            if kind < 0.45:
                headers += [f"From: Alex Morgan <{OWNER}>", f"To: {who}"]
                if rng.random() < 0.3:
                    headers.append(f"Cc: {rng.choice(people)[0]},\r\n {rng.choice(people)[0]}")
                sent_ids.append(f"<m{i}@example.com>")
            elif kind < 0.85:
                headers += [f"From: {who}", f"To: Alex Morgan <{OWNER}>"]
                if sent_ids and rng.random() < 0.6:
                    parent = rng.choice(sent_ids[-200:])
                    headers += [f"In-Reply-To: {parent}", f"References: {parent}"]
            elif kind < 0.93:
                headers += [f"From: {who}", "To: team@lists.example", "List-Id: <team.lists>"]
            else:
                headers += ["From: Shop <noreply@shop.example>", f"To: {OWNER}"]
            body = block[: int(rng.expovariate(1 / mean_body)) % len(block)]
            out.write("\n".join(headers).encode() + b"\n\n--b1\n" + body + b"\n--b1--\n\n")
    return path.stat().st_size


def _stdlib_messages(path: Path, report: object) -> Iterator[object]:
    """The baseline reader: ``mailbox.mbox``, each message's header lines only."""
    from intropath.importers.mail_read import RawMessage

    box = mailbox.mbox(path, create=False)
    for number, key in enumerate(box.iterkeys(), 1):
        lines = []
        with box.get_file(key) as message:
            for line in message:
                if line in (b"\n", b"\r\n"):
                    break
                lines.append(line)
        yield RawMessage(str(path), f"message {number}", b"".join(lines))


def _run(mode: str, mbox: Path, graph: Path) -> None:
    """One timed import in this process; prints a JSON line."""
    from intropath.graphfile import save_document
    from intropath.importers import import_mail, mail

    if mode == "stdlib":
        mail.iter_messages = _stdlib_messages  # type: ignore[assignment]
    began = time.perf_counter()
    document, report = import_mail(mbox, owner=[OWNER], as_of=date(2025, 1, 1))
    save_document(document, graph)
    seconds = time.perf_counter() - began
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak_mb = peak / 1e6 if sys.platform == "darwin" else peak / 1e3
    evidence = sorted(
        (t.a, t.b, e.sent, e.received, e.threads) for t in document.ties for e in t.evidence
    )
    print(
        json.dumps(
            {
                "seconds": seconds,
                "peak_mb": peak_mb,
                "counts": dict(report.counts),
                "skipped": report.skipped_count,
                "evidence": evidence,
                "ties": len(document.ties),
            }
        )
    )


def _child(mode: str, mbox: Path, graph: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, __file__, "--run", mode, str(mbox), str(graph)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise SystemExit(f"{mode} run failed:\n{done.stderr}")
    result: dict[str, object] = json.loads(done.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--size-mb", type=float, default=2000.0)
    parser.add_argument("--keep", action="store_true", help="Keep the mbox in /tmp.")
    parser.add_argument("--no-baseline", action="store_true", help="Skip the stdlib run.")
    parser.add_argument("--run", nargs=3, metavar=("MODE", "MBOX", "GRAPH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        _run(args.run[0], Path(args.run[1]), Path(args.run[2]))
        return
    work = Path(tempfile.mkdtemp(prefix="intropath-bench-mail-", dir="/tmp"))
    mbox = work / "All mail Including Spam and Trash.mbox"
    try:
        began = time.perf_counter()
        size = generate(mbox, args.messages, args.size_mb)
        print(
            f"generated {mbox} ({size / 1e9:.2f} GB, {args.messages:,} messages) "
            f"in {time.perf_counter() - began:.0f} s"
        )
        ours = _child("intropath", mbox, work / "graph.json")
        print(
            f"intropath import mail: {ours['seconds']:.1f} s, "
            f"peak memory (process RSS) {ours['peak_mb']:.0f} MB; "
            f"target < 60 s: {'ok' if float(str(ours['seconds'])) < 60 else 'MISSED'}"
        )
        print(f"  counts: {ours['counts']}, skipped {ours['skipped']}, ties {ours['ties']}")
        if args.no_baseline:
            return
        base = _child("stdlib", mbox, work / "graph-stdlib.json")
        same = all(ours[k] == base[k] for k in ("counts", "skipped", "evidence"))
        print(
            f"baseline (stdlib mailbox.mbox, headers only, same counting): "
            f"{base['seconds']:.1f} s, peak memory {base['peak_mb']:.0f} MB"
        )
        ratio = float(str(base["seconds"])) / float(str(ours["seconds"]))
        print(f"speed-up against the baseline: {ratio:.1f}x; same counts and evidence: {same}")
        if not same:
            raise SystemExit("the baseline and intropath disagree")
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            for file in work.iterdir():
                file.unlink()
            os.rmdir(work)


if __name__ == "__main__":
    main()
