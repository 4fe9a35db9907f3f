"""A small shop support backend built on cxcore: FastAPI, SQLAlchemy 2 and SQLite.

Run it from the ``examples`` directory (needs ``pip install -e '.[examples,holidays]'``)::

    uvicorn fastapi_shop.app:create_app --factory --reload

The library holds the support logic; this package only stores values, reads the clock and
speaks HTTP. See ``README.md`` next to this file for the endpoints.
"""
