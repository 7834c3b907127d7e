"""`python -m chronicle` is the same command line as build.py."""

import sys

from chronicle.cli import main

sys.exit(main())
