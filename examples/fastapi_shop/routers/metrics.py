"""The desk's numbers, computed by cxcore's metric functions over the stored tickets and
complaints (a real shop would run the same accumulators over an export or a warehouse)."""

from __future__ import annotations

from collections import Counter
from zoneinfo import ZoneInfo

from fastapi import APIRouter

from cxcore.metrics import channel_mix, sla_attainment, timing_summary, top_reasons
from cxcore.sla import evaluate

from ..deps import ClockDep, ComplaintStoreDep, ServicesDep, TicketStoreDep
from ..schemas import MetricsOut

router = APIRouter(prefix="/metrics", tags=["metrics"])


@router.get("")
def read_metrics(
    tickets: TicketStoreDep,
    complaints: ComplaintStoreDep,
    services: ServicesDep,
    clock: ClockDep,
) -> MetricsOut:
    """Volumes, business-time reply and resolution times, SLA attainment per metric, and
    complaints by reason and stage, as of now."""
    at = clock.now().astimezone(ZoneInfo(services.calendar.timezone))
    all_tickets = tickets.all()
    reports = [evaluate(t, services.policy, services.calendar, at) for t in all_tickets]
    replayed = [complaints.load(complaint_id) for complaint_id in complaints.ids()]
    return MetricsOut(
        at=at,
        tickets=len(all_tickets),
        channel_mix=channel_mix(all_tickets),
        timing=timing_summary(all_tickets, services.calendar),
        sla=sla_attainment(reports, group_by=["metric"]),
        complaints=len(replayed),
        complaint_reasons=top_reasons(c.reason.value for c in replayed),
        complaint_stages=dict(Counter(c.stage.value for c in replayed)),
    )
