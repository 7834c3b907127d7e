"""`python -m chronicle` is the same command line as build.py."""

from chronicle.cli import run_and_exit

run_and_exit()
