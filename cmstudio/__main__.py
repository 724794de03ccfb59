"""`python -m cmstudio` is the same as the `cmstudio` command."""

from cmstudio.cli import main

raise SystemExit(main())
