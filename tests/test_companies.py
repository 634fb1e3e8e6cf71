"""Company names: normalisation and lookup."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intropath.companies import CompanyIndex, company_key
from intropath.errors import AmbiguousCompany, UnknownCompany
from intropath.model import Company

INDEX = CompanyIndex.build(
    [
        Company(name="The Muse", aliases=["Muse", "Daily Muse"]),
        Company(name="Northwind Traders"),
        Company(name="Northwind Health"),
        Company(name="Spotify AB"),
        Company(name="Acme, Inc."),
        Company(name="Société Générale"),
    ]
)


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("Muse", "The Muse"),
        ("the muse", "The Muse"),
        ("THE MUSE, LLC", "The Muse"),
        ("Daily Muse Inc.", "The Muse"),
        ("daily-muse", "The Muse"),
        ("spotify", "Spotify AB"),
        ("Spotify GmbH", "Spotify AB"),
        ("ACME inc", "Acme, Inc."),
        ("acme corporation", "Acme, Inc."),
        ("societe generale", "Société Générale"),
        ("Northwind Health Ltd", "Northwind Health"),
        ("northwind trad", "Northwind Traders"),
    ],
)
def test_resolves_messy_names(query: str, name: str) -> None:
    assert INDEX.companies[INDEX.resolve(query)].name == name


def test_ambiguous_lists_candidates() -> None:
    with pytest.raises(AmbiguousCompany) as caught:
        INDEX.resolve("Northwind")
    assert caught.value.candidates == ["Northwind Health", "Northwind Traders"]


def test_shared_alias_is_ambiguous() -> None:
    index = CompanyIndex.build(
        [
            Company(name="Meta Platforms", aliases=["Meta"]),
            Company(name="Meta Studios", aliases=["Meta"]),
        ]
    )
    with pytest.raises(AmbiguousCompany):
        index.resolve("meta")


def test_unknown_suggests_close_names() -> None:
    with pytest.raises(UnknownCompany) as caught:
        INDEX.resolve("Spotfy")
    assert caught.value.suggestions == ["Spotify AB"]
    with pytest.raises(UnknownCompany) as nothing:
        INDEX.resolve("Zzyzx Quantum")
    assert nothing.value.suggestions == []


def test_legal_suffix_alone_is_kept() -> None:
    assert company_key("The") == "the"
    assert company_key("AB") == "ab"


@given(st.text(max_size=40))
def test_key_is_idempotent_and_never_raises(name: str) -> None:
    key = company_key(name)
    assert company_key(key) == key


@given(
    st.sampled_from(["Muse", "The Muse", "Daily Muse"]),
    st.sampled_from(["", " Inc", ", Inc.", " LLC", " Ltd", " GmbH", " AB"]),
    st.sampled_from([str.lower, str.upper, str.title, lambda s: s]),
)
def test_variants_resolve_to_the_same_company(base: str, suffix: str, case: object) -> None:
    assert callable(case)
    assert INDEX.resolve(case(base + suffix)) == "muse"
