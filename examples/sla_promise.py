"""When will we reply? An SLA promise over a Polish long weekend, in six languages.

A ticket arrives on Thursday 30 April 2026 at 15:30 in Warsaw. The desk works 08:00-16:00 on
weekdays; 1 May (Friday) and 3 May (Sunday) are public holidays. A 4-business-hour first-reply
target therefore runs 30 minutes on Thursday and 3.5 hours on Monday 4 May.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from cxcore import Channel, Customer, Ticket
from cxcore.sla import BusinessCalendar, SlaPolicy, evaluate, expected_reply_by, promise_text

WARSAW = ZoneInfo("Europe/Warsaw")
calendar = BusinessCalendar(
    timezone="Europe/Warsaw",
    hours={day: [("08:00", "16:00")] for day in ("mon", "tue", "wed", "thu", "fri")},
    holidays=[date(2026, 5, 1), date(2026, 5, 3)],
)
policy = SlaPolicy.from_dict(
    {"name": "Standard", "rules": [{"name": "default", "targets": {"first_reply": "4h"}}]}
)
arrived = datetime(2026, 4, 30, 15, 30, tzinfo=WARSAW)

customers = [
    Customer(id="C-1", name="Anna", locale="pl", timezone="Europe/Warsaw"),
    Customer(id="C-2", name="Emma", locale="en-GB", timezone="Europe/London"),
    Customer(id="C-3", name="Jānis", locale="lv", timezone="Europe/Riga"),
    Customer(id="C-4", name="Ayşe", locale="tr", timezone="Europe/Istanbul"),
    Customer(id="C-5", name="Aino", locale="fi", timezone="Europe/Helsinki"),
    Customer(id="C-6", name="Somchai", locale="th", timezone="Asia/Bangkok"),
]

for customer in customers:
    ticket = Ticket(
        id=f"T-{customer.id}", customer=customer, channel=Channel.EMAIL, created_at=arrived
    )
    assert expected_reply_by(ticket, policy, calendar, arrived) == datetime(
        2026, 5, 4, 11, 30, tzinfo=WARSAW
    )
    print(f"{customer.locale:6} {promise_text(ticket, policy, calendar, arrived)}")

later = arrived + timedelta(days=4)  # Monday 15:30, nobody answered
first = evaluate(ticket, policy, calendar, later).current("first_reply")
assert first is not None
print(f"\ndue {first.due_at:%A %d %B %H:%M}; at {later:%A %H:%M} the clock is {first.state}")
print(f"business time used: {first.elapsed}, over by {first.breached_by}")
