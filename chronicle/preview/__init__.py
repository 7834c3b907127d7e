"""The preview server behind `serve`: last good build, live reload, error overlay."""
