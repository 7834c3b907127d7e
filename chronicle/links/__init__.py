"""`links`: the external URLs the site cites, checked with an HTTP client (urls -> fetch -> verdict)."""
