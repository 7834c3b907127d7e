"""Entry point: `python build.py [build|check|serve|new] ...` (see README)."""

import sys

from chronicle.cli import main

if __name__ == "__main__":
    sys.exit(main())
