"""Validation: how the model agrees with published measures, and whether its cards pass a
careful read.

``anchors`` loads the published occupation-level measures (``../shared/anchors``) and brings
them to ISCO-08 unit groups through ``crosswalks`` (files read by ``sources``); ``stats``
holds the agreement statistics; ``checks`` the validation table and the face-validity checks.
The Assistant's ``validation`` method is the one way in for the CLI and Discord.
"""

from scoring.validation.anchors import ilo_gradients, load_anchors
from scoring.validation.checks import (
    Check,
    card_checks,
    consensus_groups,
    face_validity,
    validation_rows,
    validation_table,
)
from scoring.validation.sources import Anchor
from scoring.validation.stats import centred_rho, spearman, unit_group_rho, within_major_rho

__all__ = [
    "Anchor",
    "Check",
    "card_checks",
    "centred_rho",
    "consensus_groups",
    "face_validity",
    "ilo_gradients",
    "load_anchors",
    "spearman",
    "unit_group_rho",
    "validation_rows",
    "validation_table",
    "within_major_rho",
]
