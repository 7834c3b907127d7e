"""Entry point: `python build.py [build|check|serve|new|import|links] ...` (see README)."""

from chronicle.cli import run_and_exit

if __name__ == "__main__":
    run_and_exit()
