"""typer's rich help, without importing renderers intropath's help never uses.

``typer.rich_utils`` imports rich's Markdown (and with it markdown-it) and
rich's Traceback (and with it pygments) at the top, but uses Markdown only in
``rich_markup_mode="markdown"`` and Traceback only for pretty exceptions;
intropath uses neither, and the two cost about a fifth of ``intropath --help``.
While typer imports that module, the two names are stand-ins that import the
real class when called, so the help looks exactly the same, and anything that
does use them still works. Nothing else ever sees the stand-ins.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from collections.abc import Sequence
from importlib.abc import Loader, MetaPathFinder
from importlib.machinery import ModuleSpec
from typing import Any

TARGET = "typer.rich_utils"


class _Markdown:
    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        return importlib.import_module("rich.markdown").Markdown(*args, **kwargs)


class _Traceback:
    @staticmethod
    def from_exception(*args: Any, **kwargs: Any) -> Any:
        return importlib.import_module("rich.traceback").Traceback.from_exception(*args, **kwargs)


_STAND_INS = {"rich.markdown": ("Markdown", _Markdown), "rich.traceback": ("Traceback", _Traceback)}


class _Lean(Loader):
    def __init__(self, real: Loader) -> None:
        self.real = real

    def create_module(self, spec: ModuleSpec) -> types.ModuleType | None:
        return self.real.create_module(spec)

    def exec_module(self, module: types.ModuleType) -> None:
        missing = [name for name in _STAND_INS if name not in sys.modules]
        for name in missing:
            attribute, stand_in = _STAND_INS[name]
            stub = types.ModuleType(name)
            setattr(stub, attribute, stand_in)
            sys.modules[name] = stub
        try:
            self.real.exec_module(module)
        except ImportError:  # a typer that imports more from them: the plain way
            for name in missing:
                del sys.modules[name]
            missing = []
            self.real.exec_module(module)
        finally:
            for name in missing:
                sys.modules.pop(name, None)


class _Finder(MetaPathFinder):
    searching = False

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: types.ModuleType | None = None,
    ) -> ModuleSpec | None:
        if fullname != TARGET or self.searching:
            return None
        self.searching = True  # the finders after this one find the file
        try:
            spec = importlib.util.find_spec(fullname)
        finally:
            self.searching = False
        if spec is None or spec.loader is None:
            return spec
        spec.loader = _Lean(spec.loader)
        return spec


def install() -> None:
    """Make the next import of typer's rich help lean (no effect once it is imported)."""
    if TARGET not in sys.modules and not any(isinstance(f, _Finder) for f in sys.meta_path):
        sys.meta_path.insert(0, _Finder())
