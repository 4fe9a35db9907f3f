"""``python -m cxcore`` runs the ``cxcore`` command."""

from cxcore.cli import main

raise SystemExit(main())
