"""Helpers the browser tests share: reading the state of an open page."""

from __future__ import annotations

from typing import Any


def visible_event_ids(page: Any) -> list[str]:
    """Ids of the timeline's events a reader can see."""
    ids: list[str] = page.eval_on_selector_all(
        "#timeline article.event", "els => els.filter(e => e.offsetParent !== null).map(e => e.id)"
    )
    return ids


def focused(page: Any) -> str:
    """The focused element as tag#id (or tag.class, or its text)."""
    description: str = page.evaluate(
        """() => {
          const e = document.activeElement;
          if (!e) return "";
          return e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className ? "." + e.className : "");
        }"""
    )
    return description


def tab_to(page: Any, selector: str, limit: int = 80) -> int:
    """Press Tab until the element matching `selector` has focus; the number of presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement === document.querySelector(s)", selector):
            return presses
    raise AssertionError(f"{selector} never got focus in {limit} presses of Tab (last: {focused(page)})")


def words_of(page: Any, slug: str, attribute: str) -> list[str]:
    """The space-separated values of an event card's data attribute ("data-tags" ...)."""
    value: str = page.locator(f'article[id="{slug}"]').get_attribute(attribute) or ""
    return value.split()
