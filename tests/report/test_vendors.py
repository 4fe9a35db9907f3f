"""Freshdesk, HubSpot and Gorgias exports, each laid out as the vendor documents it.

Sources for the layouts and codes:
- Freshdesk API v2, "Tickets" (https://developers.freshdesk.com/api/#tickets): ticket list
  with ``include=stats``; status 2 Open, 3 Pending, 4 Resolved, 5 Closed; priority 1 Low,
  2 Medium, 3 High, 4 Urgent; source 1 Email, 2 Portal, 3 Phone, 7 Chat, 9 Feedback Widget,
  10 Outbound Email.
- HubSpot CRM tickets API v3 (https://developers.hubspot.com/docs/api/crm/tickets) and the
  default ticket properties (https://knowledge.hubspot.com/properties/hubspots-default-ticket-properties):
  ``{"results": [{"id", "properties": {...}, "createdAt", "updatedAt", "archived"}], "paging"}``;
  ``createdate``, ``closed_date``, ``first_agent_reply_date``, ``hs_pipeline_stage``,
  ``hs_ticket_priority``, ``source_type``, ``hubspot_owner_id``.
- Gorgias, "The Ticket object" (https://developers.gorgias.com/reference/tickets):
  ``{"data": [...], "meta": {...}}``; ``status``, ``channel``, ``customer``, ``assignee_user``,
  ``assignee_team``, ``tags`` (objects with ``name``), ``messages`` with ``from_agent``,
  ``created_datetime``, ``closed_datetime``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from cxcore.cli import main
from cxcore.errors import InvalidInputError
from cxcore.report import Export, RowProblem, read_export
from cxcore.tickets import Channel, Priority, TicketStatus

FIXTURES = Path(__file__).parent / "fixtures"


def test_freshdesk_export() -> None:
    rows = list(Export(FIXTURES / "freshdesk.json"))
    first, second, third, fourth = (row.item for row in rows)
    assert first.id == "1001" and first.channel is Channel.EMAIL  # type: ignore[union-attr]
    assert first.priority is Priority.HIGH and first.status is TicketStatus.SOLVED  # type: ignore[union-attr]
    assert first.tags == frozenset({"damaged", "needs review"})  # type: ignore[union-attr]
    assert first.messages[0].at == datetime(2026, 11, 23, 9, 40, tzinfo=UTC)  # type: ignore[union-attr]
    assert rows[0].fields == {"brand": "3", "group": "12", "agent": "77"}
    assert second.channel is Channel.LIVE_CHAT and second.status is TicketStatus.OPEN  # type: ignore[union-attr]
    assert isinstance(third, RowProblem) and "before creation" in third.message
    assert isinstance(fourth, RowProblem) and "unknown Freshdesk status 9" in fourth.message


def test_hubspot_export() -> None:
    read = read_export(FIXTURES / "hubspot.json")
    closed, waiting = read.tickets
    assert closed.id == "512" and closed.status is TicketStatus.CLOSED
    assert closed.priority is Priority.HIGH and closed.channel is Channel.EMAIL
    assert waiting.status is TicketStatus.PENDING and waiting.channel is Channel.LIVE_CHAT
    assert waiting.priority is Priority.LOW
    (problem,) = read.problems
    assert problem.line == 3 and "unknown HubSpot source 'CARRIER_PIGEON'" in problem.message


def test_gorgias_export() -> None:
    rows = list(Export(FIXTURES / "gorgias.json"))
    closed, open_ = rows[0].item, rows[1].item
    assert closed.status is TicketStatus.SOLVED and closed.channel is Channel.LIVE_CHAT  # type: ignore[union-attr]
    assert closed.tags == frozenset({"returns", "vip customer"})  # type: ignore[union-attr]
    assert closed.messages[0].at == datetime(2026, 11, 23, 9, 3, tzinfo=UTC)  # type: ignore[union-attr]
    assert rows[0].fields == {"group": "Returns", "agent": "agent@shop.example"}
    assert open_.status is TicketStatus.OPEN and open_.customer.id == "302"  # type: ignore[union-attr]
    assert isinstance(rows[2].item, RowProblem)
    assert "unknown Gorgias status 'snoozed'" in rows[2].item.message


@pytest.mark.parametrize("vendor", ["freshdesk", "hubspot", "gorgias"])
def test_cli_reports_vendor_exports_by_agent(
    vendor: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = FIXTURES / f"{vendor}.json"
    assert main(["report", str(path), "--by", "agent", "--source", vendor]) == 0
    out = capsys.readouterr().out
    assert "By agent" in out and "refused" in out.splitlines()[0]


def test_an_unknown_json_document_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"rows": []}', encoding="utf-8")
    with pytest.raises(InvalidInputError, match=r"no known export.*--source"):
        read_export(path)
