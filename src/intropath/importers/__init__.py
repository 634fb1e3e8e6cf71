"""Importers: LinkedIn exports and address books into one network.

Each importer reads a file into plain records, then merges them into a
network with :class:`~intropath.importers.merge.Merger` (identity matching,
provenance, rescoring by :mod:`intropath.strength`). Nothing is written here;
:func:`intropath.graphfile.save_document` writes the result atomically.
"""

from __future__ import annotations

from .calendar import import_calendar
from .google_contacts import import_google_contacts
from .linkedin import import_linkedin
from .mail import import_mail
from .report import ImportReport
from .vcard import import_vcard

__all__ = [
    "ImportReport",
    "import_calendar",
    "import_google_contacts",
    "import_linkedin",
    "import_mail",
    "import_vcard",
]
