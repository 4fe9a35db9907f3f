"""A damaged-parcel complaint from first message to closure, answered in Polish and English.

The complaint is a fold over its events: each step is an event with the next sequence number,
checked against the workflow (listen, apologise, resolve, inform, verify, closed). Every
customer-facing event names its canned response, rendered here for a Polish and an English
customer from the built-in library.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from cxcore import Customer, Money
from cxcore.complaints import Compensation, Complaint, ComplaintReceived
from cxcore.complaints import events as ev
from cxcore.responses import builtin_catalog

catalog = builtin_catalog()
t0 = datetime(2026, 5, 4, 9, 0, tzinfo=ZoneInfo("Europe/Warsaw"))
refund = Compensation.partial_refund(Money.of("25.00", "PLN"))
anna = Customer(id="C-1", name="Anna Nowak", locale="pl", timezone="Europe/Warsaw")

steps: list[tuple[type, dict[str, object]]] = [
    (ev.Acknowledged, {}),
    (ev.AccountCaptured, {"account": "Box crushed, mug chipped", "desired_outcome": refund}),
    (ev.Apologised, {}),
    (ev.RemedyOffered, {"remedies": (refund,)}),
    (ev.RemedyAccepted, {"remedies": (refund,)}),
    (ev.RemedyCarriedOut, {"remedy": refund, "reference": "RF-2291"}),
    (ev.VerificationRequested, {}),
    (ev.VerificationRecorded, {"satisfied": True, "score": 5}),
    (ev.ComplaintClosed, {}),
]

complaint = Complaint.start(
    ComplaintReceived(sequence=1, at=t0, actor="chatbot", complaint_id="CMP-7", customer=anna,
                      channel="live_chat", reason="damaged_in_transit")
)  # fmt: skip
values = {"customer_name": "", "complaint_id": complaint.id, "reason": complaint.reason.value,
          "remedy": refund.kind.value, "amount": refund.amount, "reference": "RF-2291"}  # fmt: skip
for number, (kind, fields) in enumerate(steps, start=2):
    event = kind(sequence=number, at=t0 + timedelta(hours=number), actor="agent-7", **fields)
    complaint = complaint.apply(event)
    print(f"{event.sequence:2} {event.kind:22} -> {complaint.stage.value}")
    key = type(event).response_key
    if key is None:
        continue
    values["reply_by"] = complaint.next_update_due()  # default rhythm: 24 h after the last contact
    declared = catalog.get(key).variables
    for locale in ("pl", "en"):
        wanted = {k: v for k, v in values.items() if k in declared and v is not None}
        text = catalog.render(key, locale=locale, channel="live_chat", values=wanted).text
        print(f"     {locale}: {text}")

assert Complaint.replay(complaint.events) == complaint
print(f"\nclosed as {complaint.closure}; {complaint.version} events replay to the same state")
