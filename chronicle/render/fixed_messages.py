"""The theme's fixed messages, translated once when a template is compiled.

`{{ _("Timeline") }}` and a `{% trans %}` block without placeholders say the same thing on
every page of a build: the default theme's templates are compiled with each such call
replaced by its translation, which the pages then print as they are (a page calls the
gettext function about 40 times otherwise). Only for a site without templates of its own
(render.theme.DefaultThemeEnvironment): a site's template may give `_` another meaning,
which the default templates it extends or includes would then use.
"""

from __future__ import annotations

from collections.abc import Callable

from jinja2 import nodes
from jinja2.visitor import NodeTransformer

GETTEXT_NAMES = frozenset({"_", "gettext"})


class _FixedMessages(NodeTransformer):
    def __init__(self, translate: Callable[[str], str]) -> None:
        self.translate = translate

    def visit_Call(self, node: nodes.Call) -> nodes.Node:
        fixed = _fixed_message(node)
        if fixed is not None:
            try:
                # As the gettext function says it: its `%%` read as `%` (a message that wants
                # a placeholder filled is left to fail where the page renders).
                said = self.translate(fixed) % {}
            except (KeyError, TypeError, ValueError):
                return self.generic_visit(node)
            return nodes.MarkSafeIfAutoescape(nodes.Const(said), lineno=node.lineno)
        return self.generic_visit(node)


def _fixed_message(node: nodes.Call) -> str | None:
    """The message of `_("...")` or `gettext("...")` with nothing else passed, else None."""
    called, arguments = node.node, node.args
    if not (isinstance(called, nodes.Name) and called.name in GETTEXT_NAMES and called.ctx == "load"):
        return None
    if node.kwargs or node.dyn_args or node.dyn_kwargs or len(arguments) != 1:
        return None
    message = arguments[0]
    return message.value if isinstance(message, nodes.Const) and isinstance(message.value, str) else None


def translate_fixed_messages(tree: nodes.Template, translate: Callable[[str], str]) -> nodes.Template:
    """`tree` with every fixed message replaced by `translate(message)`."""
    result = _FixedMessages(translate).visit(tree)
    assert isinstance(result, nodes.Template)
    return result
