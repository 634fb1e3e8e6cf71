"""Merging imported people and ties into a network, one source at a time.

Identities merge by LinkedIn profile URL, then email, then a careful match of
name and company: the names must agree (ignoring credentials, accents, case
and emoji) and so must a company, and exactly one person may qualify. Two
different profile URLs are never merged. A near miss (same name, another
company) or an ambiguous match creates a new person and is reported, so two
people are never merged silently.

Every piece of evidence records its source (``linkedin:alex``, ``vcard:alex``);
re-importing a source first drops that source's old evidence, so a newer
export replaces an older one while manual data (source ``manual``) and other
owners' evidence stay. Ties an import touched get their numbers recomputed by
the strength model; all others are left exactly as they were.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..companies import CompanyIndex
from ..errors import ImportFileError
from ..model import Company, Evidence, GraphDocument, Group, Person, Position, Tie
from ..strength import DEFAULT_PARAMS, StrengthParams, score
from .report import ImportReport
from .text import clean_name, employer_key, group_key, is_employer, name_key, slugify
from .urls import profile_key

Pair = tuple[str, str]

RECRUITER_WORDS = ("recruit", "talent acquisition", "talent partner", "sourcer")


@dataclass
class Record:
    """A person as one source describes them."""

    name: str
    url: str | None = None
    email: str | None = None
    company: str | None = None
    title: str | None = None
    headline: str | None = None
    where: str = ""


def pair(a: str, b: str) -> Pair:
    return (a, b) if a <= b else (b, a)


class Merger:
    """Builds a network from an existing document plus one source's records.

    The merger takes ownership of ``document`` (it is changed in place); call
    :meth:`finish` for the result.
    """

    def __init__(self, document: GraphDocument | None, report: ImportReport) -> None:
        document = document or GraphDocument()
        self.source = ""
        self.report = report
        self.me = document.me
        self.companies = document.companies
        self.people: dict[str, Person] = {p.id: p for p in document.people}
        self.groups: dict[str, Group] = {g.id: g for g in document.groups}
        self._ties: dict[Pair, Tie] = {pair(t.a, t.b): t for t in document.ties}
        self._evidence: dict[Pair, list[Evidence]] = {}
        self._by_url: dict[str, str] = {}
        self._by_email: dict[str, str] = {}
        self._by_name: dict[str, list[str]] = {}
        for person in self.people.values():
            self._index(person)
        self._seen: set[str] = set()
        self._owners = {
            p.id for p in self.people.values() if any(s.endswith(f":{p.id}") for s in p.sources)
        }

    def set_source(self, source: str) -> None:
        """Name the source being merged (e.g. ``linkedin:alex``) and drop its old evidence.

        Call it once, after :meth:`owner` and before adding other people and ties.
        """
        self.source = source
        for key, tie in self._ties.items():
            if any(e.source == source for e in tie.evidence):
                self._evidence[key] = [e for e in tie.evidence if e.source != source]
        for pid in self._seen:
            if source not in self.people[pid].sources:
                self.people[pid].sources.append(source)

    # -- people ---------------------------------------------------------------

    def _index(self, person: Person) -> None:
        url = profile_key(person.profile_url)
        if url:
            self._by_url.setdefault(url, person.id)
        if person.email:
            self._by_email.setdefault(person.email.casefold(), person.id)
        self._by_name.setdefault(name_key(person.name), []).append(person.id)

    def match(self, record: Record) -> str | None:
        """The id of the person ``record`` describes, if one can be told for sure."""
        url = profile_key(record.url)
        if url and url in self._by_url:
            return self._by_url[url]
        if record.email:
            found = self._by_email.get(record.email.casefold())
            if found is not None:
                if self._compatible(self.people[found], url):
                    return found
                self.report.note(
                    f"{record.where}: {record.name!r} shares an email with {found!r} but has "
                    "another profile URL; not merged"
                )
        key = name_key(record.name)
        candidates = [
            pid
            for pid in self._by_name.get(key, [])
            if pid not in self._seen and self._compatible(self.people[pid], url)
        ]
        if not candidates:
            return None
        company = employer_key(record.company) if record.company else ""
        same_company = [
            pid
            for pid in candidates
            if company and company in {employer_key(p.company) for p in self.people[pid].positions}
        ]
        if len(same_company) == 1:
            return same_company[0]
        if len(same_company) > 1:
            self.report.note(
                f"{record.where}: {record.name!r} at {record.company} matches several people "
                f"({', '.join(same_company)}); not merged"
            )
            return None
        same_source = [
            pid for pid in candidates if self.source and self.source in self.people[pid].sources
        ]
        if len(same_source) == 1:
            return same_source[0]
        at = f" at {record.company}" if record.company else ""
        self.report.note(
            f"{record.where}: {record.name!r}{at} may be the same person as "
            f"{', '.join(repr(c) for c in candidates)}; not merged (a profile URL or email "
            "would settle it)"
        )
        return None

    @staticmethod
    def _compatible(person: Person, url: str | None) -> bool:
        """False when both have a profile URL and the URLs differ: never merge those."""
        theirs = profile_key(person.profile_url)
        return not (url and theirs and theirs != url)

    def person(self, record: Record) -> str:
        """Merge ``record`` into the person it describes, or add a new person; the id."""
        found = self.match(record)
        if found is None:
            found = self._create(record)
            self.report.counts["new people"] += 1
        else:
            self._update(self.people[found], record)
            self.report.counts["people merged"] += 1
        self._seen.add(found)
        return found

    def owner(self, record: Record, kind: str, explicit: str | None = None) -> str:
        """The owner of a source of ``kind`` (e.g. ``linkedin``); becomes ``me`` if unset.

        ``explicit`` names an existing person. Otherwise the person who owned an
        earlier import of the same kind under this name is reused, then the
        usual matching applies.
        """
        if not (explicit or record.name.strip()):
            raise ImportFileError(
                self.report.source or record.where or "import",
                "the owner's name is blank; give --owner a name, a person id or a profile URL",
            )
        owner = self.find_owner(record, kind, explicit) or self._create(record)
        self._owners.add(owner)
        self._update(self.people[owner], record)
        self._seen.add(owner)
        if self.me is None:
            self.me = owner
        return owner

    def find_owner(self, record: Record, kind: str, explicit: str | None = None) -> str | None:
        """The existing person :meth:`owner` would choose, or None for a new one."""
        if explicit is not None and explicit in self.people:
            return explicit
        key = name_key(record.name)
        before = [
            pid for pid in self._by_name.get(key, []) if f"{kind}:{pid}" in self.people[pid].sources
        ]
        if len(before) == 1 and self._compatible(self.people[before[0]], profile_key(record.url)):
            return before[0]
        return self.match(record)

    def set_positions(self, person_id: str, positions: list[Position]) -> None:
        """Replace a person's positions (their own export is authoritative)."""
        self.people[person_id].positions = positions

    def _create(self, record: Record) -> str:
        base = slugify(record.name)
        pid, n = base, 1
        while pid in self.people:
            n += 1
            pid = f"{base}-{n}"
        title = (record.title or "").casefold()
        person = Person(
            id=pid,
            name=clean_name(record.name) or record.name.strip(),
            profile_url=profile_key(record.url),
            email=record.email or None,
            headline=record.headline or None,
            recruiter=any(word in title for word in RECRUITER_WORDS),
            sources=[self.source] if self.source else [],
        )
        self.people[pid] = person
        self._apply_company(person, record)
        self._index(person)
        return pid

    def _update(self, person: Person, record: Record) -> None:
        url = profile_key(record.url)
        if url and not person.profile_url:
            person.profile_url = url
            self._by_url.setdefault(url, person.id)
        if record.email and not person.email:
            person.email = record.email
            self._by_email.setdefault(record.email.casefold(), person.id)
        if record.headline and not person.headline:
            person.headline = record.headline
        if self.source and self.source not in person.sources:
            person.sources.append(self.source)
        self._apply_company(person, record)

    def _apply_company(self, person: Person, record: Record) -> None:
        company = (record.company or "").strip()
        if not company or not is_employer(company):
            if company and not person.headline:
                person.headline = f"{record.title} ({company})" if record.title else company
            return
        key = employer_key(company)
        for position in person.current_positions:
            if employer_key(position.company) == key:
                if record.title:
                    position.title = record.title
                return
        if person.id not in self._owners:
            for position in person.current_positions:
                position.current = False  # they moved on
        person.positions.insert(0, Position(company=company, title=record.title or None))

    def join_group(self, name: str, kind: str, member: str) -> str:
        """Add ``member`` to the group called ``name`` (created if new); the group id."""
        key = group_key(name)
        found = next((g for g in self.groups.values() if group_key(g.name) == key), None)
        if found is None:
            gid = f"{kind}-{slugify(name, person=False)}"
            found = Group(id=gid, name=name, kind="school" if kind == "school" else "group")
            self.groups[gid] = found
        if member not in found.members:
            found.members.append(member)
        return found.id

    # -- ties -----------------------------------------------------------------

    def add(self, a: str, b: str, evidence: Evidence) -> None:
        """Add evidence (stamped with this source) to the tie between ``a`` and ``b``."""
        if a == b:
            return
        key = pair(a, b)
        if key not in self._evidence:
            old = self._ties.get(key)
            self._evidence[key] = list(old.evidence) if old else []
        evidence.source = self.source
        self._evidence[key].append(evidence)

    def finish(
        self, params: StrengthParams = DEFAULT_PARAMS, as_of: date | None = None
    ) -> GraphDocument:
        """The merged network; ties this source touched are rescored from their evidence."""
        ties = [tie for key, tie in self._ties.items() if key not in self._evidence]
        for key, evidence in self._evidence.items():
            if not evidence:  # an old tie whose only evidence came from this source
                self.report.counts["ties removed"] += 1
                continue
            strength = score(evidence, params, as_of)
            ties.append(
                Tie(
                    a=key[0],
                    b=key[1],
                    trust=strength.trust,
                    familiarity=strength.familiarity,
                    evidence=evidence,
                )
            )
        index = CompanyIndex.build(self.companies)
        for person in self.people.values():
            for position in person.positions:
                if index.key_of(position.company) is None:
                    index.add(Company(name=position.company))
        return GraphDocument(
            me=self.me,
            people=list(self.people.values()),
            companies=list(index.companies.values()),
            groups=list(self.groups.values()),
            ties=ties,
        )
