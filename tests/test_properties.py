"""Properties of the scoring and the planner that must hold on any network."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from intropath import plan
from intropath.model import GraphDocument
from intropath.scoring import HopKind, Weights, hop_factor
from intropath.stores.memory import MemoryStore
from strategies import networks, strength, weight


def _scores(
    document: GraphDocument, max_hops: int, weights: Weights
) -> dict[tuple[str, ...], float]:
    result = plan(
        MemoryStore(document),
        "Muse",
        top=10_000,
        max_hops=max_hops,
        trust_weight=weights.trust,
        familiarity_weight=weights.familiarity,
    )
    return {tuple(p.people): p.score for p in result.paths}


@settings(max_examples=200, deadline=None)
@given(
    document=networks(),
    data=st.data(),
    max_hops=st.integers(1, 4),
    wt=weight,
    wf=weight,
)
def test_raising_a_tie_never_lowers_any_path_but_a_new_detour(
    document: GraphDocument, data: st.DataObject, max_hops: int, wt: float, wf: float
) -> None:
    if not document.ties:
        return
    weights = Weights(wt, wf)
    before = _scores(document, max_hops, weights)
    index = data.draw(st.integers(0, len(document.ties) - 1))
    tie = document.ties[index]
    which = data.draw(st.sampled_from(["trust", "familiarity"]))
    raised = data.draw(st.floats(min_value=getattr(tie, which), max_value=1.0))
    stronger = document.model_copy(deep=True)
    setattr(stronger.ties[index], which, raised)
    after = _scores(stronger, max_hops, weights)
    me = document.me
    raised_contact = {tie.a, tie.b} - {me} if which == "trust" and me in (tie.a, tie.b) else set()
    for path, score in before.items():
        if after.get(path, 0.0) >= score:
            continue
        # The one way a path may go: it passes through the contact whom I now trust more,
        # and asking them directly has become as good (a detour, reported as such).
        assert raised_contact & set(path[2:-1]), (path, which, raised)


@settings(max_examples=150, deadline=None)
@given(document=networks(), max_hops=st.integers(1, 4))
def test_scores_lie_in_zero_one(document: GraphDocument, max_hops: int) -> None:
    for score in _scores(document, max_hops, Weights()).values():
        assert 0.0 < score <= 1.0


@settings(max_examples=100, deadline=None)
@given(document=networks(), max_hops=st.integers(1, 4))
def test_same_input_same_output(document: GraphDocument, max_hops: int) -> None:
    first = plan(MemoryStore(document), "Muse", max_hops=max_hops, top=20)
    shuffled = document.model_copy(deep=True)
    shuffled.people.reverse()
    shuffled.ties.reverse()
    for tie in shuffled.ties:
        tie.a, tie.b = tie.b, tie.a
    second = plan(MemoryStore(shuffled), "Muse", max_hops=max_hops, top=20)
    assert first.model_dump() == second.model_dump()


@given(t=strength, f=strength, wt=weight, wf=weight)
def test_hop_factors_follow_the_brief(t: float, f: float, wt: float, wf: float) -> None:
    w = Weights(wt, wf)
    assert hop_factor(HopKind.DIRECT, t, f, w) == t**wt
    assert hop_factor(HopKind.FIRST, t, f, w) == t**wt
    assert hop_factor(HopKind.MIDDLE, t, f, w) == t**wt * f**wf
    assert hop_factor(HopKind.LAST, t, f, w) == f**wf
    for kind in HopKind:
        assert 0.0 <= hop_factor(kind, t, f, w) <= 1.0
