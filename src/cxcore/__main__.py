"""``python -m cxcore`` runs the ``cxcore`` command."""

from cxcore.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
