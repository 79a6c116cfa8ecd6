"""The Discord adapter: the only package that imports discord. It parses, defers, renders and
checks permissions; every answer comes from the Assistant (run off the event loop)."""
