"""Headless administration command line: ``python -m upw_ttg <command>``."""

from upw_ttg.cli.main import main

raise SystemExit(main())
