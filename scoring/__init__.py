"""Scoring: the three-factor AI disruption model over ESCO skills (pure functions).

Not built yet: see the Scoring issue.
"""
