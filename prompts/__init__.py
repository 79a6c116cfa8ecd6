"""Prompts: templates, the LLM writer, the grounding check and the deterministic writer.

Not built yet: see the Grounded answers issue.
"""
