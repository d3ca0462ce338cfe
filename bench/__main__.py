"""Entry point: `python -m bench [--quick] [--events 100000,1000000] [--runs 3] [--duration 10]`."""

from bench.cli import main

raise SystemExit(main())
