"""Generate JSON-lines ticket exports for the report benchmarks (fixed seed, cxcore's own format).

Each line is what ``Ticket.model_dump_json()`` writes: a customer message at creation, an agent
reply that opens the ticket, for most tickets a solve, for a few a reopen and a second reply.

    python benchmarks/_tickets.py 100000 /tmp/tickets.jsonl
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

CHANNELS = ("email", "email", "email", "live_chat", "phone", "web_form", "social")
PRIORITIES = ("normal", "normal", "normal", "low", "high", "urgent")
TAGS = ("vip", "returns", "shipping", "billing", "damaged")
START = datetime(2026, 1, 5, 8, tzinfo=UTC)


def _message(ticket: str, number: int, role: str, channel: str, at: datetime) -> dict[str, object]:
    return {
        "at": at.isoformat(),
        "actor": None,
        "kind": "message",
        "message": {
            "id": f"{ticket}-{number}",
            "author_role": role,
            "author_id": None,
            "public": True,
            "channel": channel,
            "body": "Hello, where is my parcel?" if role == "customer" else "On its way!",
            "at": at.isoformat(),
            "in_reply_to": None,
        },
    }


def _status(status: str, at: datetime) -> dict[str, object]:
    return {"at": at.isoformat(), "actor": None, "kind": "status", "status": status}


def ticket_lines(count: int, seed: int = 7) -> Iterator[str]:
    """``count`` JSON lines, one ticket each, created over the year from 2026-01-05."""
    rng = random.Random(seed)
    span = 360 * 86_400
    for number in range(count):
        ticket = f"T-{number}"
        created = START + timedelta(seconds=number * span // max(count, 1))
        channel = rng.choice(CHANNELS)
        events = [_message(ticket, 1, "customer", channel, created)]
        roll = rng.random()
        if roll < 0.93:
            reply = created + timedelta(seconds=int(rng.expovariate(1 / 5400)) + 30)
            events.append(_status("open", reply))
            events.append(_message(ticket, 2, "agent", channel, reply))
            if roll < 0.85:
                solved = reply + timedelta(seconds=int(rng.expovariate(1 / 7200)) + 60)
                events.append(_status("solved", solved))
                if roll < 0.05:
                    again = solved + timedelta(hours=rng.randint(1, 30))
                    events.append(_message(ticket, 3, "customer", channel, again))
                    events.append(_status("open", again))
                    answer = again + timedelta(seconds=int(rng.expovariate(1 / 3600)) + 30)
                    events.append(_message(ticket, 4, "agent", channel, answer))
                    events.append(_status("solved", answer + timedelta(minutes=5)))
            elif roll < 0.89:
                events.append(_status("pending", reply))
        yield json.dumps(
            {
                "id": ticket,
                "customer": {
                    "id": f"C-{rng.randrange(count // 3 + 1)}",
                    "name": "",
                    "email": None,
                    "locale": "pl",
                    "timezone": "UTC",
                    "segment": None,
                },
                "channel": channel,
                "subject": "Order question",
                "priority": rng.choice(PRIORITIES),
                "tags": rng.sample(TAGS, rng.randint(0, 2)),
                "locale": None,
                "order_id": None,
                "created_at": created.isoformat(),
                "events": events,
            },
            separators=(",", ":"),
        )


def write(path: Path, count: int, seed: int = 7) -> Path:
    """Write ``count`` tickets to ``path`` and return it."""
    with path.open("w", encoding="utf-8") as out:
        for line in ticket_lines(count, seed):
            out.write(line + "\n")
    return path


if __name__ == "__main__":
    write(Path(sys.argv[2]), int(sys.argv[1]))
