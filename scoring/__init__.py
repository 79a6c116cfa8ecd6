"""Scoring: the three-factor AI disruption model over ESCO skills.

``model`` (factors, the disruption score, bands), ``drivers`` (the skills shown), ``moves``
(safer moves), ``card`` (a whole score card), ``vocabulary`` (what factors and bands are
called and mean) are pure functions and values; ``storage`` is the edge that reads the fitted
skill values and keeps the cards with a knowledge-base build; ``validation`` checks the model
against published measures. See docs/methodology.md.
"""
