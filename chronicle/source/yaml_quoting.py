"""A value written back as YAML in a hint, for the editor to paste."""

from __future__ import annotations


def quoted_for_yaml(value: str) -> str:
    """`value` (of one line) as a YAML value in quotes, to paste from a hint: whole, never
    shortened, in double quotes unless it holds one."""
    if '"' not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"
