"""Markdown link references are bounded: a reference used thousands of times may not repeat a
long address into every link (red team 22, T7)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from chronicle.source.documents import markdown_to_text
from chronicle.source.markdown_references import MAX_REFERENCE_EXPANSION, reference_expansion
from tests.unit_helpers import EVENT_YAML, reported, run_build, write_site

REPO = Path(__file__).resolve().parent.parent
LONG = "/" + "x" * 20_000
REPEATED = "[b][a] " * 1_000 + f"\n\n[a]: {LONG}\n"


def _summary(markdown: str) -> str:
    block = textwrap.indent(markdown, "  ")
    return EVENT_YAML.replace(
        "summary: Officials agree to share river data every week.\n", f"summary: |\n{block}"
    )


def test_a_summary_reference_repeating_a_long_address_is_an_error_at_its_definition(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"content/events/first-event.yaml": _summary(REPEATED)})
    problems = [p for p in reported(root) if p[1].startswith("error")]
    assert len(problems) == 1
    where, message, hint = problems[0]
    assert where == "content/events/first-event.yaml:6:3"  # `[a]: ...`, below `summary: |`
    assert "[a] is used 1,000 times" in message and "address of 20,001 characters" in message
    assert hint == "write the address once per link, or shorten it"


def test_check_refuses_the_summary_without_rendering_it(tmp_path: Path) -> None:
    uses = "[b][a] " * 70_000 + f"\n\n[a]: /{'x' * 400_000}\n"  # ~28 GB were it rendered
    root = write_site(tmp_path, {"content/events/first-event.yaml": _summary(uses)})
    result = run_build("check", "--root", str(root))
    assert result.returncode == 1, result.stderr
    assert "is used 70,000 times" in result.stdout + result.stderr


def test_references_within_the_bound_render_as_before(tmp_path: Path) -> None:
    ordinary = "[one][a], [two][a] and [a].\n\n[a]: https://example.org/report\n"
    root = write_site(tmp_path, {"content/events/first-event.yaml": _summary(ordinary)})
    assert reported(root) == []


def test_a_free_page_whose_reference_repeats_a_long_address_is_an_error_at_its_definition(
    tmp_path: Path,
) -> None:
    page = "---\ntitle: About\n---\nIntro.\n\n" + REPEATED
    root = write_site(tmp_path, {"content/pages/about.md": page})
    problems = [p for p in reported(root) if p[1].startswith("error")]
    assert [(where, "is used 1,000 times" in message) for where, message, _ in problems] == [
        ("content/pages/about.md:8:1", True)
    ]


def test_the_bound_counts_uses_in_any_spelling_of_the_label() -> None:
    source = "> [b][ A\n> a ]\n\n- [a a][]\n- [A  A]\n\n[a a]: /xx\n"
    expansion = reference_expansion(source)
    assert expansion is not None and (expansion.uses, expansion.total) == (3, 9)


def test_the_bound_allows_the_texts_own_length_and_a_fixed_budget_beyond() -> None:
    address = "/" + "x" * 99
    under = "[a] " * (MAX_REFERENCE_EXPANSION // 100) + f"\n\n[a]: {address}\n"
    expansion = reference_expansion(under)
    assert expansion is not None and expansion.total <= len(under) + MAX_REFERENCE_EXPANSION


def test_a_seed_documents_references_keep_their_words_and_leave_out_their_addresses() -> None:
    text = markdown_to_text("Read [the report][a] and [a].\n\n[a]: /report\n")
    assert text == "Read the report and a.\n"


def test_a_seed_document_using_a_long_reference_thousands_of_times_reads_in_little_memory() -> None:
    # Rendered with its addresses, this document would be 2 GB of HTML; the limit is 1 GB.
    script = (
        "import resource; resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30));"
        "from chronicle.source.documents import markdown_to_text;"
        "text = markdown_to_text('[b][a] ' * 50_000 + '\\n\\n[a]: /' + 'x' * 40_000 + '\\n');"
        "print(len(text))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=REPO
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == str(len("b " * 50_000))


def test_a_link_to_no_page_repeated_is_one_warning_with_its_target_shortened(tmp_path: Path) -> None:
    repeated = "[b][a] " * 200 + f"\n\n[a]: /nowhere-{'x' * 300}\n"
    root = write_site(tmp_path, {"content/events/first-event.yaml": _summary(repeated)})
    result = run_build("check", "--root", str(root))
    output = result.stdout + result.stderr
    assert output.count("leads to no page") == 1, output[-2000:]
    assert "x" * 300 not in output and "'/nowhere-xxx" in output
