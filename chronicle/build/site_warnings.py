"""Warnings about the site as a whole, which no one file's validation can give: actors and
places no event lists, articles no event cites. `check` and `build` give them; `load_site`
does not (its diagnostics are each file's own)."""

from __future__ import annotations

import dataclasses

from chronicle.build.load import LoadResult
from chronicle.build.uncited_articles import uncited_articles
from chronicle.build.unlisted_entities import unlisted_entities
from chronicle.model.diagnostics import Diagnostic
from chronicle.model.records import Site


def site_warnings(site: Site) -> tuple[Diagnostic, ...]:
    return (*unlisted_entities(site), *uncited_articles(site))


def with_site_warnings(result: LoadResult) -> LoadResult:
    """`result` with the `site_warnings`, in order (as it is when it has errors)."""
    if result.site is None:
        return result
    found = (*result.diagnostics, *site_warnings(result.site))
    return dataclasses.replace(result, diagnostics=tuple(sorted(found, key=lambda item: item.sort_key)))
