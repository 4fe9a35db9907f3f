"""The store's tables: names, the UTC datetime column, creating them next to a host's own."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import Column, Engine, Integer, MetaData, Table, inspect

from cxcore.store import ComplaintStore, EventTables, UtcDateTime


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="naive datetime 2026-05-04T09:00:00 cannot be stored"):
        UtcDateTime().process_bind_param(datetime(2026, 5, 4, 9), None)
    assert UtcDateTime().process_bind_param(None, None) is None
    assert UtcDateTime().process_result_value(None, None) is None


def test_tables_live_in_the_hosts_metadata(engine: Engine) -> None:
    metadata = MetaData()
    Table("orders", metadata, Column("id", Integer, primary_key=True))
    tables = EventTables.define(metadata, prefix="shop_")
    metadata.create_all(engine)
    try:
        names = set(inspect(engine).get_table_names())
        assert {"orders", "shop_events", "shop_snapshots"} <= names
        store = ComplaintStore(engine, tables=tables)
        store.create_tables()  # already there: nothing happens
        assert store.ids() == []
        unique = inspect(engine).get_unique_constraints("shop_events")
        assert [c["column_names"] for c in unique] == [["stream_type", "stream_id", "sequence"]]
    finally:
        metadata.drop_all(engine)


def test_create_leaves_other_tables_alone(engine: Engine) -> None:
    metadata = MetaData()
    Table("unrelated", metadata, Column("id", Integer, primary_key=True))
    tables = EventTables.define(metadata)
    tables.create(engine)
    try:
        assert "unrelated" not in inspect(engine).get_table_names()
    finally:
        metadata.drop_all(engine)
