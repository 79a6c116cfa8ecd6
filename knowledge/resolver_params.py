"""The resolver's weights, sizes and thresholds, each with where it was chosen.

Defaults are the values the benchmarks chose (docs/resolution.md); the confidence
coefficients and thresholds fitted on JobBERT validation titles come from
``data/calibration.json`` (``ResolverParams.calibrated``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class ResolverParams:
    label_k: int = 100
    description_k: int = 100
    title_k: int = 30
    pool_temperature: float = 0.05
    preferred_bonus: float = 0.02
    w_label: float = 1.0
    w_description: float = 0.6
    # a description of work ("I fix bikes") is compared with what occupations do: chosen on
    # bench/data/questions_tune.tsv (docs/resolution.md, step 18; 1.5 -> 3.0 in step 27, on
    # the descriptions of the tune half and of three fresh sets, tune data since)
    w_description_work: float = 3.0
    w_bm25_label: float = 0.3
    w_bm25_description: float = 0.1
    w_titles: float = 1.0
    # A message shaped like a title (no sentence, no question) leans on vacancy titles more:
    # chosen on JobBERT *validation* titles, fold 1 with the memory of fold 0
    # (docs/resolution.md, step 26). Sentences keep the weight above.
    w_titles_title_shaped: float = 2.0
    # essential skills close to the work said (skill_index.py): 0.5 -> 1.25 with resolver
    # 1.10, on the descriptions of the tune half and of four fresh sets (tune data since)
    w_skills: float = 1.25
    # the words of the work said among the words of each occupation's skills (BM25): chosen
    # on the descriptions of the tune half and the fresh sets (docs/resolution.md, step 31)
    w_bm25_skills: float = 3.0
    skill_words_min: int = 3
    # the skill signal's spread is taken as at least this (about the 25th percentile of the
    # tune half's descriptions): one skill barely over the floor is weak evidence, not a z of 50
    skill_min_sd: float = 0.01
    # a verb that begins an essential skill of this many occupations names no job by its agent
    # noun ("write": 323 -> no writer; "weld": 2 -> welder); on the tune half and the fresh
    # sets, tune data (docs/resolution.md, step 31; 100 and 150 answered alike)
    common_verb_occupations: int = 150
    w_unsaid_rank: float = 0.2  # share of the top score a rank the work said lacks costs
    w_prior: float = 0.0  # how common the occupation is (vacancy titles per occupation)
    # a label said word for word in the message (knowledge/mentions.py)
    w_mention: float = 0.5  # its preferred label: ahead of the best other by this
    w_mention_alternative: float = 1.5  # one of its alternative labels
    w_mention_prior: float = 1.0  # among several occupations a label names: the common one
    titles_off_above: float = 0.95  # label cosine at which the title memory is fully off
    titles_on_below: float = 0.70  # and below which it is fully on
    # vacancy titles further than this say nothing, and the approximate search's farthest
    # hits differed from one process to the next (docs/resolution.md, step 28; tune half -1)
    title_min_similarity: float = 0.3
    # non-job gate
    min_label_similarity: float = 0.40
    non_job_margin: float = 0.05
    title_like_similarity: float = 0.85  # above this a message needs no other job evidence
    plain_title_similarity: float = 0.60  # enough for a message that is not a question
    known_title_similarity: float = 0.80  # so is being this close to a real vacancy title
    # confidence (logistic over [1, top z, margin z, best label cosine]); see calibration.json
    confidence_coef: tuple[float, ...] = (-6.0, 0.25, 1.2, 5.0)
    resolve_at: float = 0.4  # chosen on bench/data/questions_tune.tsv (docs/resolution.md)
    candidate_temperature: float = 1.0  # softmax over fused scores for candidate scores
    max_candidates: int = 5
    # tuning only: hold one half of the title memory out (None uses all of it)
    title_fold: int | None = None

    @classmethod
    def calibrated(cls, **overrides) -> ResolverParams:
        """Defaults with the fitted confidence coefficients and thresholds, if present."""
        path = resources.files("knowledge").joinpath("data/calibration.json")
        values: dict = {}
        if path.is_file():
            values = json.loads(path.read_text("utf-8")).get("params", {})
        values = {k: tuple(v) if isinstance(v, list) else v for k, v in values.items()}
        return cls(**{**values, **overrides})
