"""Codecs and folds: what they refuse, and folding with and without a state."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from pydantic import BaseModel, TypeAdapter

from cxcore.complaints import Acknowledged, Complaint
from cxcore.errors import InvalidInputError
from cxcore.store import COMPLAINT_EVENTS, COMPLAINT_FOLD, EventCodec, Fold
from tests.complaints.strategies import received


class Untagged(BaseModel):
    at: datetime
    kind: int = 3


def test_the_event_type_is_the_tag() -> None:
    event = Acknowledged(sequence=2, at=datetime(2026, 5, 4, tzinfo=UTC), actor="a")
    assert COMPLAINT_EVENTS.event_type(event) == "acknowledged"


def test_an_event_without_a_string_tag_cannot_be_stored() -> None:
    codec: EventCodec[Any] = EventCodec("thing", TypeAdapter(Untagged))
    with pytest.raises(InvalidInputError, match="thing events need a string 'kind' field"):
        codec.event_type(Untagged(at=datetime(2026, 5, 4, tzinfo=UTC)))


@pytest.mark.parametrize("name", ["", "x" * 101])
def test_fold_names_are_bounded(name: str) -> None:
    with pytest.raises(InvalidInputError, match="a fold name is 1 to 100 characters"):
        Fold(name, COMPLAINT_FOLD.state, Complaint.replay, Complaint.apply)


def test_stream_types_are_bounded() -> None:
    with pytest.raises(InvalidInputError, match="a stream type is 1 to 64 characters"):
        EventCodec("x" * 65, COMPLAINT_EVENTS.adapter)


def test_folding_nothing_gives_nothing_and_a_state_moves_on() -> None:
    first = received()
    assert COMPLAINT_FOLD.fold(None, []) is None
    started = COMPLAINT_FOLD.fold(None, [first])
    assert started == Complaint.replay([first])
    assert COMPLAINT_FOLD.fold(started, []) is started


def test_a_state_round_trips_through_its_document() -> None:
    complaint = Complaint.replay([received()])
    document = COMPLAINT_FOLD.dump(complaint)
    assert COMPLAINT_FOLD.load(document, where="here") == complaint
