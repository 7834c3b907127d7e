"""chronicle: a sourced event timeline, from YAML records citing verified quotes to a static site."""

__version__ = "0.1.0"
