"""The preview server's first build, made by a child process (see `serve._first_build`)."""

from __future__ import annotations

import os
import signal

from chronicle.build.cache import cache_folder_refusal
from chronicle.build.session import BuildOptions, BuildSession


def builds_apart(options: BuildOptions) -> bool:
    """Whether a child can make the first build for this process to read from the cache."""
    return hasattr(os, "fork") and options.use_cache and cache_folder_refusal(options.root) is None


def build_in_child(options: BuildOptions) -> None:
    """Builds in a child process, silently: this process builds again from the cache and
    tells. Should the child fail (a content error, an unwritable cache), that build makes
    what it could not, and reports the errors."""
    child = os.fork()
    if child == 0:  # pragma: no cover - the child's coverage is not collected
        status = 1
        try:
            quiet = os.open(os.devnull, os.O_WRONLY)
            os.dup2(quiet, 1)  # its workers' output too
            os.dup2(quiet, 2)
            outcome = BuildSession(options).run()
            status = 0 if outcome.site is not None and outcome.report is not None else 1
        finally:
            os._exit(status)  # never the parent's clean-up (it removes the served folder)
    try:
        os.waitpid(child, 0)
    except BaseException:  # Ctrl-C or SIGTERM while it builds: it stops too
        os.kill(child, signal.SIGTERM)
        os.waitpid(child, 0)
        raise
