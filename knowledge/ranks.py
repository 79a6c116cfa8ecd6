"""Ranks a description of work does not say: "I cut and colour hair in a salon" is a
hairdresser, not a hairdresser assistant; "I mend roads" a road worker, not a road
construction supervisor.

People who describe the work they do are, as a rule, the ones who do it; a supervisor, a
manager or an assistant of that work says so ("I manage a team of ..."). So for a message
that describes work, occupations whose preferred label carries a rank word the message does
not say are put a little lower (the weight is ``ResolverParams.w_unsaid_rank``, chosen on
the tune half and on fresh questions written for the check).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from knowledge.wordforms import label_words

RANKS = frozenset(
    "head chief senior supervisor manager coordinator superintendent director deputy leader "
    "foreman forewoman assistant apprentice trainee".split()
)
# The rank a verb of the message says ("I manage a team of ...", "I supervise the night shift").
_SAID_BY_VERB = {
    "manag": "manager",
    "supervis": "supervisor",
    "coordinat": "coordinator",
    "direct": "director",
    "lead": "leader",
    "led": "leader",
    "assist": "assistant",
}


class RankedLabels:
    def __init__(self, labels: Sequence[str]):
        """``labels``: each occupation's preferred label, by occupation index."""
        self._ranks = [label_words(label) & RANKS for label in labels]

    def unsaid(self, said: Iterable[str]) -> np.ndarray:
        """The occupations whose label has a rank word that is not among ``said``."""
        words = set(said)
        words |= {rank for w in said for stem, rank in _SAID_BY_VERB.items() if w.startswith(stem)}
        return np.fromiter(
            (i for i, ranks in enumerate(self._ranks) if ranks - words), dtype=np.int64
        )
