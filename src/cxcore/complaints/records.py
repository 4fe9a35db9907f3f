"""What a complaint records along the way: remedies carried out, verification answers, stages.

These are the small values a [`Complaint`][cxcore.Complaint] keeps in its derived fields
(``carried_out``, ``verifications``, ``stage_history``); ``cxcore.complaints.complaint``
re-exports them.

Examples:
    >>> from datetime import datetime, timezone
    >>> StageChange(at=datetime(2026, 5, 4, tzinfo=timezone.utc), stage="apologise").stage.value
    'apologise'
"""

from __future__ import annotations

from cxcore._model import CxModel
from cxcore._time import AwareDatetime
from cxcore.complaints.values import Compensation, Stage

__all__ = ["RecordedRemedy", "StageChange", "VerificationResult"]


class RecordedRemedy(CxModel):
    """A remedy that was carried out, when, and the shop's reference (refund id, tracking).

    Examples:
        >>> from datetime import datetime, timezone
        >>> RecordedRemedy(remedy=Compensation(kind="gift"), reference="GIFT-9",
        ...                at=datetime(2026, 5, 5, tzinfo=timezone.utc)).reference
        'GIFT-9'
    """

    remedy: Compensation
    at: AwareDatetime
    reference: str = ""


class VerificationResult(CxModel):
    """The customer's answer to "are you satisfied?".

    Examples:
        >>> from datetime import datetime, timezone
        >>> VerificationResult(at=datetime(2026, 5, 9, tzinfo=timezone.utc), satisfied=True).score
    """

    at: AwareDatetime
    satisfied: bool
    score: int | None = None
    note: str = ""


class StageChange(CxModel):
    """The complaint entered ``stage`` at ``at``.

    Examples:
        >>> from datetime import datetime, timezone
        >>> StageChange(at=datetime(2026, 5, 4, tzinfo=timezone.utc), stage="listen").stage
        <Stage.LISTEN: 'listen'>
    """

    at: AwareDatetime
    stage: Stage
