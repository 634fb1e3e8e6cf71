"""Benchmark: import a synthetic LinkedIn export of 30,000 connections and 100,000 messages.

    .venv/bin/python benchmarks/bench_import.py [--connections N] [--messages N] [--zip]

The export is generated into a temporary folder (current-generation formats:
a Connections.csv with its preamble, a 2024 messages.csv with HTML bodies and
group threads, invitations, endorsements, positions). The timed part is the
whole import: reading, merging, scoring and saving the graph atomically.
Prints the time and the peak memory (the process's peak resident set size,
which includes the interpreter and the generator).
The target is under 10 s.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import sys
import tempfile
import time
import zipfile
from datetime import date, timedelta
from pathlib import Path

from intropath.graphfile import load_document, save_document
from intropath.importers import import_linkedin
from intropath.synthetic import FIRST_NAMES, LAST_NAMES

COMPANIES = ["Acme", "Globex", "Initech", "The Muse", "Northwind", "Self-employed", "Umbrella"]
OWNER = "https://www.linkedin.com/in/owner-person"


def generate(folder: Path, connections: int, messages: int, seed: int = 7) -> None:
    """Write a synthetic export into ``folder``."""
    rng = random.Random(seed)
    start = date(2012, 1, 1)
    people = []
    with open(folder / "Connections.csv", "w", encoding="utf-8", newline="") as out:
        out.write('Notes:\n"When exporting your connection data, you may notice ..."\n\n')
        out.write("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n")
        for i in range(connections):
            first, last = rng.choice(FIRST_NAMES), f"{rng.choice(LAST_NAMES)}{i}"
            url = f"https://www.linkedin.com/in/{first.lower()}-{i}"
            day = start + timedelta(days=rng.randrange(4500))
            company = rng.choice(COMPANIES)
            out.write(f'{first},"{last}",{url},,{company},Engineer,{day:%d %b %Y}\n')
            people.append((f"{first} {last}", url))
    with open(folder / "messages.csv", "w", encoding="utf-8", newline="") as out:
        out.write(
            "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
            "DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS,IS MESSAGE DRAFT\n"
        )
        active = people[: max(1, connections // 5)]
        for i in range(messages):
            name, url = rng.choice(active)
            when = f"{start + timedelta(days=rng.randrange(4700)):%Y-%m-%d} 10:{i % 60:02d}:00 UTC"
            body = '"<p>Hi,</p>\n<p>message number ' + str(i) + ', thanks!</p>"'
            if rng.random() < 0.5:
                row = ["c", "", "Owner Person", OWNER, name, url]
            else:
                row = ["c", "", name, url, "Owner Person", OWNER]
            out.write(",".join(f'"{c}"' for c in row) + f",{when},,{body},INBOX,,No\n")
    with open(folder / "Invitations.csv", "w", encoding="utf-8", newline="") as out:
        out.write("From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n")
        for name, url in people[: connections // 10]:
            out.write(f'Owner Person,{name},"1/8/18, 6:14 PM",Hello!,OUTGOING,{OWNER},{url}\n')
    with open(folder / "Positions.csv", "w", encoding="utf-8", newline="") as out:
        out.write("Company Name,Title,Description,Location,Started On,Finished On\n")
        out.write("Acme,Engineer,,Berlin,Mar 2020,\nGlobex,Intern,,Paris,2016,Feb 2020\n")
    with open(folder / "Profile.csv", "w", encoding="utf-8", newline="") as out:
        out.write("First Name,Last Name,Headline\nOwner,Person,Engineer\n")


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1e6 if sys.platform == "darwin" else peak / 1e3  # bytes on macOS, KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=30_000)
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--zip", action="store_true", help="Import the export zipped.")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="intropath-bench-"))
    try:
        export = work / "export"
        export.mkdir()
        generate(export, args.connections, args.messages)
        source: Path = export
        if args.zip:
            source = work / "export.zip"
            with zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as archive:
                for file in export.iterdir():
                    archive.write(file, f"Basic_LinkedInDataExport/{file.name}")
        size = sum(f.stat().st_size for f in export.iterdir()) / 1e6
        target = work / "graph.json"
        began = time.perf_counter()
        document, report = import_linkedin(source, as_of=date(2025, 1, 1))
        save_document(document, target)
        elapsed = time.perf_counter() - began
        peak = _peak_rss_mb()
        check = load_document(target)
        print(
            f"import of {args.connections:,} connections and {args.messages:,} messages "
            f"({size:.1f} MB{', zipped' if args.zip else ''}): {elapsed:.2f} s, "
            f"peak memory (process RSS) {peak:.0f} MB"
        )
        print(f"  {report.summary()}")
        print(
            f"  graph: {len(check.people):,} people, {len(check.ties):,} ties "
            f"({target.stat().st_size / 1e6:.1f} MB); target < 10 s: "
            f"{'ok' if elapsed < 10 else 'MISSED'}"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
