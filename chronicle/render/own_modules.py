"""The modules of a site's own templates: one per import, never one shared by the build."""

from __future__ import annotations

from typing import Any

import jinja2


class OwnModuleTemplate(jinja2.Template):
    """A template of a site's own theme: each import makes its module anew. Jinja keeps one
    module per template for the environment's life, and a module keeps what its top level
    sets (a `namespace()` its macros count in, a `cycler()`): shared by every render of the
    build, a page's output would hang on which pages rendered before it, in which worker,
    never the same in a cached rebuild as in a cold build (nor in two cold builds)."""

    def _get_default_module(self, ctx: jinja2.runtime.Context | None = None) -> Any:
        if ctx is not None:  # as Jinja's own: the importing template's globals the module lacks
            keys = ctx.globals_keys - self.globals.keys()
            if keys:
                return self.make_module({key: ctx.parent[key] for key in keys})
        return self.make_module()
