"""The search index: words (folding, splitting), terms (an event's words and facets), postings, shards."""
