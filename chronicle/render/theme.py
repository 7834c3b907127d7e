"""The theme: its folders (the site's own templates/ over the default), and the sandboxed Jinja2
environment that renders it.

Site templates are content a contributor may change in a pull request, so they run in
Jinja's sandbox (no reaching into Python internals) and are read under the same rules as
every content file: a template that is a link leading outside the site folder is refused.
"""

from __future__ import annotations

import datetime
import traceback
from collections.abc import Callable, Collection, Sized
from functools import partial
from pathlib import Path
from typing import Any, NoReturn

import jinja2
import jinja2.sandbox
from jinja2.exceptions import SecurityError
from markupsafe import Markup, soft_str

from chronicle.model.date_wording import shown_date
from chronicle.model.dates import PartialDate
from chronicle.model.diagnostics import one_line
from chronicle.model.wording import ENGLISH, Wording, one_stop
from chronicle.render.fixed_messages import translate_fixed_messages
from chronicle.render.memory_addresses import (
    ShownConcat,
    address_problem,
    refuse_addresses,
    shown_value,
    text_filters_checked,
)
from chronicle.render.own_modules import OwnModuleTemplate
from chronicle.render.quote_marks import within_quotes
from chronicle.render.sandbox_budget import counted_range, render_budget, take_steps, with_steps
from chronicle.render.sandbox_limits import (
    MAX_BUILT,
    bound_theme,
    bounded_modulo,
    bounded_plus,
    bounded_power,
    bounded_times,
    bounded_widths,
    method_size,
)

PACKAGE_DIR = Path(__file__).resolve().parent.parent
MAX_TEMPLATE_BYTES = 1_000_000


class ThemeFileError(jinja2.TemplateError):
    """A theme file that may not be read: a link leading outside its folder, or too large."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.problem = message

    def __reduce__(self) -> tuple[type, tuple[Path, str]]:  # raised in a worker, shown by the parent
        return (ThemeFileError, (self.path, self.problem))


def default_theme_dir() -> Path:
    """The repository's templates/: inside the package when installed, beside it when editable."""
    installed = PACKAGE_DIR / "templates"
    return installed if installed.is_dir() else PACKAGE_DIR.parent / "templates"


def theme_dirs(root: Path) -> tuple[Path, ...]:
    """The site's own templates/ first (it may override only some files), then the default."""
    own = root / "templates"
    default = default_theme_dir()
    if (own.exists() or own.is_symlink()) and not inside(root, own):
        raise ThemeFileError(own, "templates/ is a link to a place outside the site folder")
    if own.is_symlink() and _into_hidden_folder(root, own):
        # As for every content file: .git/config may hold a CI token, and none of it is a theme.
        raise ThemeFileError(own, "templates/ is a link into a hidden folder of the site (such as .git)")
    if own.is_dir() and own.resolve() != default.resolve():
        return (own, default)
    return (default,)


def _into_hidden_folder(root: Path, path: Path) -> bool:
    """Whether `path`, inside `root` once every link is followed, is in a dot-folder of it."""
    return any(part.startswith(".") for part in path.resolve().relative_to(root.resolve()).parts)


def inside(folder: Path, path: Path) -> bool:
    """True when `path`, every link followed, stays inside `folder`."""
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, RuntimeError, OSError):  # outside, or a loop of links
        return False
    return True


class ThemeRenderError(jinja2.TemplateError):
    """A theme template that failed while rendering (a division by zero, a bad argument ...):
    located, as far as the traceback tells, at the template line that raised it."""

    def __init__(self, path: str, line: int, problem: str) -> None:
        super().__init__(problem)
        self.path = path
        self.line = line
        self.problem = problem

    def __reduce__(self) -> tuple[type, tuple[str, int, str]]:  # raised in a worker, shown by the parent
        return (ThemeRenderError, (self.path, self.line, self.problem))


LOCATED_ALREADY = (jinja2.TemplateSyntaxError, jinja2.TemplateNotFound, ThemeFileError, ThemeRenderError)
"""Template errors that name their file and line themselves; any other error a render raises
(an undefined attribute called, a division by zero, the sandbox refusing) goes through
`theme_render_error`."""


def render_template(template: jinja2.Template, variables: dict[str, Any]) -> str:
    """`template.render(variables)`, leaving no reference cycle (see `rendered_pieces`)."""
    return "".join(rendered_pieces(template, variables))


def rendered_pieces(template: jinja2.Template, variables: dict[str, Any]) -> list[str]:
    """The pieces `template.generate(variables)` gives, leaving no reference cycle: a macro
    the template defines holds the render's context, which holds the macro and every
    variable handed over. The collector is off during a build (build.heap), so each such
    render would stay in memory until a full collection."""
    context = template.new_context(variables)
    try:
        with render_budget():  # a site's own theme draws from it (render.sandbox_budget)
            pieces = list(template.root_render_func(context))
        if isinstance(template.environment, ThemeEnvironment):
            _refuse_addresses(template, pieces)
        return pieces
    except LOCATED_ALREADY:
        raise
    except Exception:
        template.environment.handle_exception()  # raises it at the template's line, as render does
    finally:
        context.vars.clear()
        context.exported_vars.clear()


def _refuse_addresses(template: jinja2.Template, pieces: list[str]) -> None:
    """A page a site's own theme made that shows a memory address (render.memory_addresses)."""
    found = address_problem(pieces)
    if found is not None:
        raise ThemeRenderError(
            template.filename or template.name or "",
            1,
            f"TypeError: the page shows {one_line(found)[:120]}, a memory address that differs at "
            "every build: a function or an object was turned into text (by a filter such as "
            "|upper or |join); show a value's fields, or call the function",
        )


def theme_render_error(error: Exception, template: str) -> ThemeRenderError:
    """The error a template raised, at the innermost template line of its traceback."""
    frames = [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if frame.filename.endswith((".html", ".xml"))
    ]
    where = frames[-1] if frames else None
    path = where.filename if where else template
    return ThemeRenderError(path, (where.lineno or 1) if where else 1, f"{type(error).__name__}: {error}")


class ThemeLoader(jinja2.FileSystemLoader):
    """Reads templates only from inside their theme folder, links resolved, size bounded."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        for folder in map(Path, self.searchpath):
            path = folder / template
            if not (path.exists() or path.is_symlink()):
                continue
            if not inside(folder, path) or not path.is_file():
                raise ThemeFileError(
                    path, "a theme file must be a file inside its theme folder, not a link out of it"
                )
            if path.stat().st_size > MAX_TEMPLATE_BYTES:
                raise ThemeFileError(path, f"the template is larger than {MAX_TEMPLATE_BYTES:,} bytes")
            return super().get_source(environment, template)
        raise jinja2.TemplateNotFound(template)


class ThemeEnvironment(jinja2.sandbox.ImmutableSandboxedEnvironment):
    """The sandbox, for a site with templates of its own. The views a render is handed come
    wrapped in the build's read-tracking proxies (`safe_types`, a set the build adds a proxy
    class to per view type), which expose only the views' own fields and methods and refuse
    every name starting with "_": their attributes skip the sandbox's per-access checks."""

    safe_types: Collection[type] = ()
    template_class = OwnModuleTemplate
    code_generator_class = ShownConcat  # `a ~ b` shows each operand as `{{ }}` would
    # A theme's `*`, `**`, `%` and `+` go through call_binop, bounded (render.sandbox_limits).
    intercepted_binops = frozenset(("*", "**", "%", "+"))
    take_steps = staticmethod(take_steps)  # called by each loop round and macro (with_steps)

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.globals["range"] = counted_range

    def _parse(self, source: str, name: str | None, filename: str | None) -> jinja2.nodes.Template:
        return with_steps(super()._parse(source, name, filename))

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        bounded = {"*": bounded_times, "**": bounded_power, "%": bounded_modulo, "+": bounded_plus}
        found = bounded.get(operator)
        if operator == "%" and isinstance(left, str):
            refuse_addresses("%", [right])
        return found(left, right) if found else super().call_binop(context, operator, left, right)

    def call(__self, __context: jinja2.runtime.Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """Every call a theme makes: a text's method that would build more than MAX_BUILT
        items (`"x".ljust(10**9)`, `sep.join(items)`) is refused before it runs."""
        if getattr(__obj, "__name__", "") == "join" and args and not isinstance(args[0], (Sized, str)):
            args = (list(args[0]), *args[1:])  # a generator, read once: listed to be sized
        if isinstance(getattr(__obj, "__self__", None), str):  # "{}".format(x), ", ".join(xs)
            refuse_addresses(f"{getattr(__obj, '__name__', 'a text method')}()", [*args, *kwargs.values()])
        if method_size(__obj, args, kwargs) > MAX_BUILT:
            raise SecurityError(
                f"{getattr(__obj, '__name__', 'call')}: a theme may build at most {MAX_BUILT:,} items at once"
            )
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        bounded_widths(getattr(value, "__self__", None))  # "{:>999999999}".format(x)
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        formats = wrapped

        def checked(*args: Any, **kwargs: Any) -> str:
            refuse_addresses("format()", [*args, *kwargs.values()])
            return formats(*args, **kwargs)

        return checked

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) in self.safe_types:
            if attribute.startswith("_"):
                return self.unsafe_undefined(obj, attribute)
            try:
                return getattr(obj, attribute)
            except AttributeError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


class DefaultThemeEnvironment(jinja2.Environment):
    """For a site without templates of its own: every template is the engine's, so nothing
    needs the sandbox's checks at each call and attribute (about a tenth of a page's render),
    and the fixed messages are translated when a template is compiled (render.fixed_messages;
    a site's own template could give `_` another meaning, even to the templates it extends)."""

    safe_types: Collection[type] = ()
    translate: Callable[[str], str] = ENGLISH.gettext

    def _parse(self, source: str, name: str | None, filename: str | None) -> jinja2.nodes.Template:
        return translate_fixed_messages(super()._parse(source, name, filename), self.translate)


def make_environment(
    dirs: tuple[Path, ...],
    card_functions: dict[str, object],
    safe_types: Collection[type] = (),
    compiled: Path | None = None,
    wording: Wording = ENGLISH,
) -> jinja2.Environment:
    """The theme's environment; `card_functions` are `card` and `cards`. Compiled templates
    are kept in `compiled`, a folder of the user's own (never one a site folder holds: they
    are code), keyed by each template's name and source. The templates speak `wording`."""
    default_only = tuple(path.resolve() for path in dirs) == (default_theme_dir().resolve(),)
    kind = DefaultThemeEnvironment if default_only else ThemeEnvironment
    env = kind(
        loader=ThemeLoader([str(path) for path in dirs]),
        # Sandboxed templates compile to other code (each call checked): kept apart.
        bytecode_cache=_bytecode_cache(compiled / kind.__name__ if compiled else None),
        finalize=shown_value if kind is ThemeEnvironment else None,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # one environment per build: no need to stat templates per page
        extensions=["jinja2.ext.i18n"],
    )
    env.safe_types = safe_types
    if isinstance(env, ThemeEnvironment):
        bound_theme(env)
        text_filters_checked(env.filters)
        env.filters["string"] = lambda value: soft_str(shown_value(value))
    for name, where in (("random", env.filters), ("lipsum", env.globals)):
        where[name] = partial(_drawn_at_random, name)
    if isinstance(env, DefaultThemeEnvironment):
        env.translate = wording.markup  # the templates' fixed messages, as HTML
    env.policies["ext.i18n.trimmed"] = True  # a {% trans %} block's lines are one message
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "default": _json_form}
    install_wording(env, wording)
    env.filters["within_quotes"] = within_quotes
    env.globals.update(card_functions)
    from chronicle.render import embeds, structured_data  # the theme's builders and helpers

    structured_data.register(env)
    embeds.register(env)
    return env


def _json_form(value: object) -> Any:
    """What `|tojson` writes of a value JSON has no form for: a value the build hands a render
    wrapped (a tuple of tags read from an event) gives its own `__json__`."""
    form = getattr(type(value), "__json__", None)
    if form is None:
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")
    return form(value)


def _drawn_at_random(name: str, *args: object, **kwargs: object) -> NoReturn:
    """Jinja's `|random` and `lipsum()`: a page must come out the same at every build (and a
    cached rebuild would keep the last build's draw), so a theme may not draw at random."""
    raise jinja2.TemplateRuntimeError(
        f"{name}: a page must be the same at every build of the same content, so a theme may not "
        "draw at random; pick by position instead (loop.index, |first, a slice)"
    )


def install_wording(env: jinja2.Environment, wording: Wording) -> None:
    """`_`, `gettext` and `ngettext` (Jinja's new-style: placeholders filled by name, values
    escaped; `ngettext` writes `%(num)s` as a number of the locale), `{% trans %}`;
    `message` and `plural_forms` (for a script's messages, placeholders left in); and the
    filters `number`, `long_date`, `partial_date` and `what_changed`."""
    env.install_gettext_callables(wording.gettext, wording.ngettext, newstyle=True)  # type: ignore[attr-defined]

    said: dict[str, Markup] = {}  # a message without placeholders, said once per build

    @jinja2.pass_context
    def gettext(context: jinja2.runtime.Context, message: str, **variables: Any) -> str:
        if not variables and context.eval_ctx.autoescape:
            found = said.get(message)
            if found is None:
                found = said[message] = Markup(wording.markup(message)) % {}
            return found
        if context.eval_ctx.autoescape:
            return Markup(one_stop(wording.markup(message), variables)) % variables
        return one_stop(wording.gettext(message), variables) % variables

    @jinja2.pass_context
    def ngettext(
        context: jinja2.runtime.Context, singular: str, plural: str, num: int, **variables: Any
    ) -> str:
        variables.setdefault("num", wording.number(num))
        if context.eval_ctx.autoescape:
            return Markup(one_stop(wording.nmarkup(singular, plural, num), variables)) % variables
        return one_stop(wording.ngettext(singular, plural, num), variables) % variables

    env.globals.update(_=gettext, gettext=gettext, ngettext=ngettext)
    env.globals["message"] = wording.gettext  # a message as translated, placeholders left for a script
    env.globals["plural_forms"] = partial(plural_forms, wording)
    env.filters["number"] = wording.number
    env.filters["long_date"] = partial(long_date, wording)
    env.filters["partial_date"] = partial(shown_date, wording=wording)
    env.filters["what_changed"] = lambda change: change.changed_words(wording)  # a correction's fields


def _bytecode_cache(folder: Path | None) -> jinja2.BytecodeCache | None:
    if folder is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None  # builds fine, only compiling every template again
    return jinja2.FileSystemBytecodeCache(str(folder))


def long_date(wording: Wording, day: datetime.date) -> str:
    """ "4 June 2025": the display form of a full date."""
    return shown_date(PartialDate(day.year, day.month, day.day), wording)


def plural_forms(wording: Wording, singular: str, plural: str) -> dict[str, str]:
    """A message said by count, in each plural category of the locale (CLDR's "one", "few",
    "many", "other" ...): what a script picks from with `Intl.PluralRules` for a count it
    makes itself. `%(num)s` stays in each, for the script to fill."""
    rule = wording.babel_locale.plural_form
    forms: dict[str, str] = {}
    for sample in (*range(0, 200), 1000, 1001, 10**6):
        category = rule(sample)
        if category not in forms:
            forms[category] = wording.ngettext(singular, plural, sample)
    return dict(sorted(forms.items()))
