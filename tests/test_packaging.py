"""The package as users get it: the wheel's contents, its metadata, tested bounds, PyPI links."""

from __future__ import annotations

import re
import tomllib
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest
from hatchling.builders.wheel import WheelBuilder
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("dist")
    built = list(WheelBuilder(str(ROOT)).build(directory=str(out), versions=["standard"]))
    return zipfile.ZipFile(built[0])


def test_wheel_holds_the_package_its_data_and_py_typed(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    assert "intropath/py.typed" in names
    assert "intropath/__main__.py" in names
    assert "intropath/sample_graphs/sample.json" in names
    assert "intropath/cypher/search.cypher" in names
    assert "intropath/drafting/templates/en/request.j2" in names


def test_wheel_leaves_out_the_sample_generator_and_the_tests(wheel: zipfile.ZipFile) -> None:
    names = wheel.namelist()
    assert not [n for n in names if n.endswith("make_sample.py")]
    assert not [n for n in names if n.startswith(("tests/", "benchmarks/", "intropath/tests"))]


def test_wheel_metadata_has_urls_and_extras(wheel: zipfile.ZipFile) -> None:
    meta_name = next(n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
    meta = Parser().parsestr(wheel.read(meta_name).decode("utf-8"))
    urls = dict(u.split(", ", 1) for u in meta.get_all("Project-URL") or [])
    assert {"Homepage", "Documentation", "Repository", "Issues"} <= set(urls)
    requires = meta.get_all("Requires-Dist") or []
    assert "networkx>=3.4" in requires
    dev = [r for r in requires if r.endswith("extra == 'dev'")]
    test = [r for r in requires if r.endswith("extra == 'test'")]
    assert any(r.startswith("ruff") for r in dev) and any(r.startswith("mypy") for r in dev)
    assert not any(r.startswith(("ruff", "mypy")) for r in test)


def _lower_bounds() -> dict[str, str]:
    project = PYPROJECT["project"]
    extras = project["optional-dependencies"]
    specs = [*project["dependencies"], *extras["neo4j"], *extras["pandas"]]
    bounds = {}
    for spec in specs:
        name, low = re.fullmatch(r"([A-Za-z0-9_.-]+)>=([0-9.]+)", spec).groups()  # type: ignore[union-attr]
        bounds[name.lower()] = low
    return bounds


def test_ci_tests_every_lower_bound() -> None:
    pins = {}
    for line in (ROOT / ".ci" / "lowest.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            pins[name.lower()] = version
    bounds = _lower_bounds()
    assert set(pins) == set(bounds)
    for name, low in bounds.items():
        assert Version(pins[name]) == Version(low), name  # 'rich>=13' is tested as 13.0.0


def test_readme_links_work_on_pypi() -> None:
    repository = PYPROJECT["project"]["urls"]["Repository"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)]+)\)", readme)
    assert links
    for link in links:
        assert link.startswith("https://"), f"relative link {link!r} breaks on PyPI"
        if link.startswith(f"{repository}/blob/main/"):
            target = ROOT / link.removeprefix(f"{repository}/blob/main/")
            assert target.exists(), f"{link} points at nothing in the repository"
