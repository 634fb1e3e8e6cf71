"""Company names: normalisation and lookup."""

from __future__ import annotations

import pytest
from cleanco.clean import get_unique_terms as cleanco_terms
from hypothesis import given
from hypothesis import strategies as st

from intropath.companies import _NOT_LEGAL_FORMS, CompanyIndex, _words, company_key
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


NAMED_FORMS = [
    "GmbH & Co. KG",
    "Pte. Ltd.",
    "Sp. z o.o.",
    "Kft.",
    "LTDA",
    "S.A. de C.V.",
    "Co., Ltd.",
]


@pytest.mark.parametrize("form", NAMED_FORMS)
def test_legal_forms_from_many_countries_are_recognised(form: str) -> None:
    assert company_key(f"Brightwave Labs {form}") == "brightwave labs"
    assert INDEX.resolve(f"Spotify {form}") == company_key("Spotify AB")


def test_ordinary_words_are_not_legal_forms() -> None:
    assert company_key("Muse UK") == "muse uk"
    assert company_key("Bank of America") == "bank of america"


# Every legal form as written in the wild: cleanco's terms and the ones named above.
_FORMS = sorted(
    {t.strip() for t in cleanco_terms() if " ".join(_words(t)) not in _NOT_LEGAL_FORMS}
    | set(NAMED_FORMS)
)
_FORM_WORDS = {w for form in _FORMS for w in company_key(f"x {form}").split()} | {
    w for form in _FORMS for w in _words(form)
}
_BASE_WORD = st.from_regex(r"[A-Za-zÀ-ÖØ-öø-ÿ]{2,10}", fullmatch=True).filter(
    lambda w: _words(w)[0] not in _FORM_WORDS | {"the"}
)


def test_the_forms_sampled_are_most_of_cleanco() -> None:
    # Guards the property below against sampling from a list that lost its terms.
    assert len(_FORMS) > 250


@given(
    st.booleans(),
    st.lists(_BASE_WORD, min_size=1, max_size=3),
    st.lists(st.sampled_from(_FORMS), max_size=1),
    st.sampled_from(_FORMS),
    st.sampled_from([" ", ", ", " - "]),
    st.sampled_from([str.lower, str.upper, str.title, lambda s: s]),
)
def test_key_is_stable_under_adding_a_legal_form(
    the: bool, words: list[str], own_form: list[str], form: str, sep: str, case: object
) -> None:
    assert callable(case)
    base = " ".join([*(["The"] if the else []), *words, *own_form])
    assert company_key(case(f"{base}{sep}{form}")) == company_key(base)
    assert company_key(base) == company_key(" ".join(words))
