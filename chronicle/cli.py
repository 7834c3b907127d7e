"""argv -> command; exit codes: 0 success, 1 content errors, 2 usage errors, 3 internal errors."""

from __future__ import annotations

import argparse
import difflib
import itertools
import os
import re
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from chronicle import __version__
from chronicle.build.parallel import default_jobs
from chronicle.commands.closed_output import reader_may_leave
from chronicle.model.dates import DateError
from chronicle.model.diagnostics import inert, one_line
from chronicle.model.event_dates import DateFormError, parse_event_date
from chronicle.source.base_url import base_url_problem, holds_user_placeholder, not_as_browsers_write_it
from chronicle.source.site_roots import root_problem, site_above
from chronicle.source.url_hosts import has_unsafe_url_characters
from chronicle.source.validate import _LANGUAGE
from chronicle.source.value_hints import QUOTED_FORMS, date_hint

COMMANDS = ("build", "check", "serve", "new", "import", "init", "links")
BUG_REPORT = "https://github.com/chronicle-timeline/chronicle/issues"


def _base_url(text: str) -> str:
    """`--base-url` (build, init): checked as `base_url` in content/site.yaml is."""
    problem = base_url_problem(text)
    if problem is not None:
        what, hint = problem
        raise argparse.ArgumentTypeError(what + (f"; {hint}" if hint else ""))
    tidied = None if holds_user_placeholder(text) else not_as_browsers_write_it(text)
    if tidied is not None:
        print(inert(one_line(f"warning: --base-url {tidied[0]}; {tidied[1]}")), file=sys.stderr)
    return text if text.endswith("/") else text + "/"


NAME_MAX = 255
"""The longest file or folder name, in bytes, that common file systems take (ext4, APFS, NTFS)."""


def _path(text: str) -> str:
    """A file or folder argument the system can take: every name at most NAME_MAX bytes, and
    nothing in the way of it (a file where a folder should be, a loop of links, a folder that
    may not be read). It may be missing: the command says whether that is right."""
    if not text or "\0" in text:
        raise argparse.ArgumentTypeError("holds a NUL character" if text else "empty")
    for name in text.split(os.sep):
        size = len(os.fsencode(name))
        if size > NAME_MAX:
            shown = one_line(name if len(name) <= 24 else name[:24] + "…")
            raise argparse.ArgumentTypeError(
                f"the name '{shown}' is too long ({size} bytes; at most {NAME_MAX})"
            )
    try:
        os.lstat(text)
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise argparse.ArgumentTypeError(f"{one_line(text)}: {exc.strerror or exc}") from None
    return text


def _port(text: str) -> int:
    if not re.fullmatch(r"[0-9]{1,5}", text) or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"'{one_line(text)}' is not a port number from 0 to 65535")
    return int(text)


def _host(text: str) -> str:
    if not text or has_unsafe_url_characters(text):
        raise argparse.ArgumentTypeError(f"'{one_line(text)}' is not a host name or IP address")
    return text


def _jobs(text: str) -> int:
    if not re.fullmatch(r"[0-9]{1,9}", text) or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a positive whole number")
    return int(text)


def _language(text: str) -> str:
    if not _LANGUAGE.fullmatch(text):
        raise argparse.ArgumentTypeError(f"{text!r} is not a language tag such as en or pt-BR")
    return text


def _seconds(text: str) -> float:
    """A number of seconds above 0, at most an hour (nan and inf refused)."""
    seconds = _number(text)
    if seconds is None or not 0 < seconds <= 3600:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds above 0 (at most 3600)")
    return seconds


def _pause(text: str) -> float:
    """A number of seconds from 0 to a minute."""
    seconds = _number(text)
    if seconds is None or not 0 <= seconds <= 60:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds from 0 to 60")
    return seconds


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _date(text: str) -> str:
    """`--date` (new): a date of the event file's forms, or what it likely means."""
    try:
        return parse_event_date(text).edtf
    except DateError as exc:
        hint = date_hint(text, "~?%") or (QUOTED_FORMS if isinstance(exc, DateFormError) else None)
        raise argparse.ArgumentTypeError(str(exc) + (f"; {hint}" if hint else "")) from None


def program_name(argv0: str) -> str:
    """How the user ran the tool, for usage and error lines: `build.py`, `chronicle`, or
    `python -m chronicle`."""
    name = os.path.basename(argv0)
    if name == "__main__.py":
        return "python -m chronicle"
    return name if name in ("build.py", "chronicle") else "chronicle"


def make_parser(prog: str = "build.py") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog, description="Build a sourced event timeline into a static site."
    )
    parser.add_argument(
        "--debug", action="store_true", help="show the Python traceback of an internal error (any position)"
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    build = commands.add_parser("build", help="validate and build the site (the default)")
    build.add_argument("--root", type=_path, help="the site folder (default: .)")
    build.add_argument("--out", type=_path, help="output folder (default: ROOT/site)")
    build.add_argument("--base-url", type=_base_url, help="where the site is published (overrides site.yaml)")
    build.add_argument(
        "--jobs",
        type=_jobs,
        default=default_jobs(),
        help="worker processes (default: one per CPU); the output does not depend on it",
    )
    build.add_argument(
        "--no-cache", action="store_true", help="ignore and do not write ROOT/.chronicle-cache/"
    )

    check = commands.add_parser("check", help="validate only; write nothing")
    check.add_argument("--root", type=_path, help="the site folder (default: .)")
    check.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="text for people, github for pull-request annotations",
    )

    serve = commands.add_parser("serve", help="preview the site, rebuilding on save")
    serve.add_argument("--root", type=_path, help="the site folder (default: .)")
    serve.add_argument("--host", type=_host, default="127.0.0.1", help="listen address (default: 127.0.0.1)")
    serve.add_argument("--port", type=_port, default=8000, help="0 for any free port (default: 8000)")

    new = commands.add_parser("new", help="scaffold an event file")
    new.add_argument("title", help="the event's title; the file name is derived from it")
    new.add_argument(
        "--date",
        required=True,
        type=_date,
        help="YYYY, YYYY-MM or YYYY-MM-DD; or an EDTF form: 2025-06~, [2025-12-01..2025-12-26]",
    )
    new.add_argument("--root", type=_path, help="the site folder (default: .)")

    imports = commands.add_parser(
        "import", help="turn a TimelineJS spreadsheet (CSV export) into event files"
    )
    imports.add_argument(
        "file", type=_path, help="the CSV exported from the TimelineJS Google Sheets template"
    )
    imports.add_argument("--root", type=_path, help="the site folder (default: .)")

    _add_init(commands)
    _add_links(commands)
    return parser


def _add_init(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    init = commands.add_parser(
        "init", help="make a new site folder, with an example event, that builds at once"
    )
    init.add_argument(
        "folder", type=_path, help="the new site folder: made when missing, refused unless empty"
    )
    init.add_argument(
        "--title", help="the site's title (default: a placeholder to change in content/site.yaml)"
    )
    init.add_argument(
        "--base-url",
        type=_base_url,
        help="where the site will be published (default: https://example.github.io/FOLDER/)",
    )
    init.add_argument(
        "--language", type=_language, default="en", help="the site's language tag (default: en)"
    )


def _add_links(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    links = commands.add_parser("links", help="check every external URL the site cites (uses the network)")
    links.add_argument("--root", type=_path, help="the site folder (default: .)")
    links.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="text for people, github for workflow annotations",
    )
    links.add_argument(
        "--concurrency", type=_jobs, default=8, help="requests in flight at once, over all hosts (default: 8)"
    )
    links.add_argument(
        "--timeout", type=_seconds, default=10.0, help="seconds one request may take (default: 10)"
    )
    links.add_argument(
        "--delay",
        type=_pause,
        default=1.0,
        help="seconds between two requests to one host, which get one at a time (default: 1)",
    )
    links.add_argument(
        "--allow-private",
        action="store_true",
        help="also ask loopback and private addresses (for a site served on your own machine)",
    )


_VALUED_OPTIONS = frozenset(
    {"--root", "--out", "--base-url", "--jobs", "--format", "--host", "--port", "--date", "--title"}
    | {"--language", "--concurrency", "--timeout", "--delay"}
)


def _command_after_options(arguments: list[str]) -> str | None:
    """A command written after options rather than first (not an option's value)."""
    if not arguments or arguments[0] in COMMANDS or not arguments[0].startswith("-"):
        return None
    for before, word in itertools.pairwise(arguments):
        if word in COMMANDS and before not in _VALUED_OPTIONS:
            return word
    return None


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in arguments
    arguments = [word for word in arguments if word != "--debug"]
    parser = make_parser(program_name(sys.argv[0]))
    if arguments and not arguments[0].startswith("-") and arguments[0] not in COMMANDS:
        parser.error(_unknown_command(arguments[0]))
    misplaced = _command_after_options(arguments)
    if misplaced is not None:  # `chronicle --root . check`
        rest = " ".join(word for word in arguments if word != misplaced)
        parser.error(f"options go after the command: {program_name(sys.argv[0])} {misplaced} {rest}")
    if not arguments or (arguments[0] not in COMMANDS and arguments[0] not in ("-h", "--help", "--version")):
        arguments.insert(0, "build")  # `python build.py [--root ...]` means build
    args = parser.parse_args(arguments)
    problem = _root_problem(args)
    if problem is not None:
        parser.error(problem)
    try:
        return _dispatch(args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # an engine bug, not bad content: ask for a report
        print(
            f"internal error: {type(exc).__name__}: {one_line(str(exc))}. This is a bug in the timeline "
            f"builder, not in your content; please report it at {BUG_REPORT}"
            + ("" if debug else " (run with --debug for the traceback)"),
            file=sys.stderr,
        )
        if debug:
            traceback.print_exc()
        return 3


WRITES_INTO_A_SITE = ("new", "import")


def _root_problem(args: argparse.Namespace) -> str | None:
    """Why the site folder cannot be used; a command given no `--root` runs in "." and is
    told so in those terms (the person typed no `--root .`)."""
    if not hasattr(args, "root"):
        return None
    given = args.root is not None
    args.root = args.root if given else "."
    problem = root_problem(args.root, given=given, writes=args.command in WRITES_INTO_A_SITE)
    above = site_above(Path(args.root)) if problem is not None and not given else None
    if above is None:
        return problem
    # Run inside a site's folders (content/events/): the site is the one holding them, as git
    # finds its repository from any folder of its work tree.
    args.root = str(above)
    print(inert(one_line(f"note: using the site folder {above}, which holds this folder")), file=sys.stderr)
    return None


def _unknown_command(word: str) -> str:
    close = difflib.get_close_matches(word, COMMANDS, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else f" (commands: {', '.join(COMMANDS)})"
    return f"unknown command '{word}'{hint}"


def run_and_exit() -> None:
    """The command-line entry point: main(), then exit at once.

    Output is flushed and files are closed by then; skipping the interpreter's teardown
    (freeing every object of the model one by one) saves a noticeable part of a rebuild.
    Under a profiler or a tracer (cProfile, coverage) it exits as usual, so that they can
    write what they recorded.
    """
    sys.stdout, sys.stderr = reader_may_leave(sys.stdout), reader_may_leave(sys.stderr)
    code = main()
    if sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(code)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "check":
        from chronicle.commands import check

        return check.run(args)
    if args.command == "new":
        from chronicle.commands import new

        return new.run(args)
    if args.command == "import":
        from chronicle.commands import import_timelinejs

        return import_timelinejs.run(args)
    if args.command == "init":
        from chronicle.commands import init

        return init.run(args)
    if args.command == "links":
        from chronicle.commands import links

        return links.run(args)
    if args.command == "serve":
        from chronicle.commands import serve

        return serve.run(args)
    from chronicle.commands import build

    return build.run(args)
