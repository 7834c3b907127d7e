"""`strings:` replacements are text: markup the English message does not have is an error at
the value, and whatever a replacement holds reaches the pages escaped, but for the message's
own tags (red team F3)."""

from __future__ import annotations

from pathlib import Path

import pytest
from unit_helpers import reported, run_build, write_site

from chronicle.render.theme import default_theme_dir, make_environment
from chronicle.source.language import make_wording

SITE = "content/site.yaml"
AFTER = 'After <a href="%(href)s">%(title)s</a> (%(date)s)'


def site_yaml(strings: str) -> dict[str, str | None]:
    return {SITE: "title: T\nbase_url: https://example.org/\nstrings:\n" + strings}


def test_a_replacement_with_a_tag_its_message_lacks_is_an_error_at_the_value(tmp_path: Path) -> None:
    root = write_site(tmp_path, site_yaml('  "Timeline": "<meta http-equiv=refresh>TL"\n'))
    assert reported(root) == [
        (
            f"{SITE}:4:15",
            "error: a replacement is text, but for its message's own tags: "
            "'<meta http-equiv=refresh>' is markup the message does not have",
            "write the characters themselves, without tags or &...; references",
        )
    ]


def test_a_replacement_with_a_character_reference_is_an_error_at_the_value(tmp_path: Path) -> None:
    root = write_site(tmp_path, site_yaml('  "Timeline": "Time&nbsp;line"\n'))
    assert [(where, message) for where, message, _hint in reported(root)] == [
        (
            f"{SITE}:4:15",
            "error: a replacement is text, but for its message's own tags: "
            "'&nbsp;' is markup the message does not have",
        )
    ]


def test_a_replacement_may_not_change_a_link_of_its_message(tmp_path: Path) -> None:
    root = write_site(
        tmp_path, site_yaml(f"  {AFTER!r}: 'Après <a href=\"https://x.example/\">%(title)s</a>'\n")
    )
    assert reported(root) == [
        (
            f"{SITE}:4:56",
            "error: a replacement is text, but for its message's own tags: "
            "'<a href=\"https://x.example/\">' is markup the message does not have",
            'it may keep the message\'s own markup: <a href="%(href)s">, </a>',
        )
    ]


def test_a_replacement_must_close_the_tags_it_opens(tmp_path: Path) -> None:
    root = write_site(tmp_path, site_yaml(f"  {AFTER!r}: 'Après <a href=\"%(href)s\">%(title)s'\n"))
    assert [message for _where, message, _hint in reported(root)] == [
        "error: a replacement is text, but for its message's own tags: <a> is not closed"
    ]


def test_a_replacement_may_keep_the_tags_of_its_message_and_use_lone_angle_brackets(tmp_path: Path) -> None:
    root = write_site(
        tmp_path,
        site_yaml(
            f"  {AFTER!r}: 'Après <a href=\"%(href)s\">%(title)s</a> (%(date)s)'\n"
            '  "Timeline": "Q&A, a < b > c"\n'
        ),
    )
    assert reported(root) == []


def test_a_replacement_reaches_every_page_as_text(tmp_path: Path) -> None:
    root = write_site(tmp_path, site_yaml('  "Timeline": "Q&A <3 \\"x\\" \'y\'"\n'))
    result = run_build("build", "--root", str(root))
    assert result.returncode == 0, result.stderr
    shown = "Q&amp;A &lt;3 &#34;x&#34; &#39;y&#39;"
    for page in ("index.html", "404.html", "events/first-event/index.html"):
        text = (root / "site" / page).read_text(encoding="utf-8")
        assert shown in text and "Q&A" not in text, page


@pytest.mark.parametrize(
    "template",
    ['{{ _("Timeline") }}', '{{ _("Timeline", x=1) }}', "{% trans %}Timeline{% endtrans %}"],
    ids=["fixed-message", "with-values", "trans-block"],
)
@pytest.mark.parametrize("own_theme", [False, True], ids=["default-theme", "own-theme"])
def test_the_theme_escapes_a_replacement_whatever_it_holds(
    tmp_path: Path, template: str, own_theme: bool
) -> None:
    wording = make_wording("en", "en", {"Timeline": ("<script>alert(1)</script>",)})
    dirs = (tmp_path, default_theme_dir()) if own_theme else (default_theme_dir(),)
    env = make_environment(dirs, {}, wording=wording)
    assert env.from_string(template).render() == "&lt;script&gt;alert(1)&lt;/script&gt;"


def test_the_theme_keeps_only_the_tags_of_the_message_a_replacement_holds() -> None:
    wording = make_wording("en", "en", {AFTER: ('<b>Après</b> <a href="%(href)s">%(title)s</a>',)})
    env = make_environment((default_theme_dir(),), {}, wording=wording)
    said = env.from_string("{{ _(message, href='/e/', title='<T>', date='') }}").render(message=AFTER)
    assert said == '&lt;b&gt;Après&lt;/b&gt; <a href="/e/">&lt;T&gt;</a>'


def test_the_theme_escapes_a_replacement_of_a_message_said_by_count() -> None:
    wording = make_wording("en", "en", {"%(num)s source": ("<i>%(num)s</i> doc", "<i>%(num)s</i> docs")})
    env = make_environment((default_theme_dir(),), {}, wording=wording)
    said = env.from_string('{{ ngettext("%(num)s source", "%(num)s sources", 2) }}').render()
    assert said == "&lt;i&gt;2&lt;/i&gt; docs"


def test_the_catalogs_own_markup_is_kept() -> None:
    wording = make_wording("fr", "fr")
    env = make_environment((default_theme_dir(),), {}, wording=wording)
    said = env.from_string("{{ _(message, href='/e/', title='T', date='') }}").render(message=AFTER)
    assert '<a href="/e/">T</a>' in said


def test_a_replacement_repeating_a_placeholder_more_than_its_message_is_an_error_at_the_value(
    tmp_path: Path,
) -> None:
    repeated = "%(title)s" * 5
    root = write_site(tmp_path, site_yaml(f'  {AFTER!r}: "{repeated}"\n'))
    assert [
        (where, message.endswith("uses %(title)s 5 times, more than its message (1)"))
        for where, message, _ in reported(root)
    ] == [(f"{SITE}:4:56", True)]


def test_check_refuses_a_replacement_repeating_a_placeholder(tmp_path: Path) -> None:
    root = write_site(tmp_path, site_yaml(f'  {AFTER!r}: "%(title)s, %(title)s (%(date)s)"\n'))
    result = run_build("check", "--root", str(root))
    assert result.returncode == 1
    assert "uses %(title)s 2 times" in result.stdout + result.stderr


def test_a_replacement_may_use_a_placeholder_as_often_as_its_message(tmp_path: Path) -> None:
    root = write_site(
        tmp_path, site_yaml(f'  {AFTER!r}: "Après <a href=\\"%(href)s\\">%(title)s</a> (%(date)s)"\n')
    )
    assert reported(root) == []
