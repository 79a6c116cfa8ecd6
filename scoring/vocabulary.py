"""The scoring vocabulary: what each factor and band is called and means, in one place.

Every renderer (CLI, Discord, both writers) takes these words from here, so a band reads the
same wherever it is shown.
"""

from __future__ import annotations

FACTOR_NAMES = {
    "skill_vulnerability": "Skill vulnerability",
    "task_automation": "Task automation",
    "ai_complementarity": "AI complementarity",
}
FACTOR_MEANINGS = {
    "skill_vulnerability": "how much of the skill content current AI (LLMs and related tools) "
    "can perform",
    "task_automation": "how routine and codifiable the work is, in the Frey-Osborne sense",
    "ai_complementarity": "how likely AI is to augment the work rather than replace it "
    "(responsibility, judgement, people, physical presence)",
}

# One sentence per band (thresholds in scoring.model.BANDS, justified in docs/methodology.md).
BAND_MEANINGS = {
    "low": "Little of this work is exposed to generative AI or automation today; "
    "expect AI to change details of the job rather than the job.",
    "moderate": "Some tasks are exposed, but most of the work stays with people; "
    "expect AI to take over parts of the job, not the job.",
    "high": "Many core tasks are exposed and little shields them; "
    "expect the job to change substantially as AI is adopted.",
    "very high": "Most core tasks are ones generative AI or automation can already do; "
    "this work is among the most likely to be reshaped.",
}

# What makes a shown skill exposed (SkillDriver.exposed_to).
EXPOSED_TO = ("generative AI", "automation", "both", "neither")

HOW_WE_SCORE = (
    "We score each ESCO skill for exposure to generative AI, to automation and for how much AI "
    "complements it, and average them over the occupation's essential (double weight) and "
    "optional skills. The AI Disruption Score weighs generative-AI exposure three to one "
    "against automation exposure, and complementarity shields up to about half of that exposure; "
    "see /methodology for how each factor was checked against published research."
)

DISRUPTION_MEANING = (
    "Exposure shielded by complementarity: three parts generative-AI exposure to one part "
    "automation exposure (each as a percentile of ESCO occupations), of which AI "
    "complementarity takes away up to half. Little exposure means a low score, however little "
    "AI complements the work."
)
MOVES_MEANING = (
    "Safer moves share at least two of this job's essential skills and score at least 10 "
    "points lower; each lists the skills to learn. Moves that need a higher ISCO skill level "
    "are marked 'with further study'."
)
NO_SAFER_MOVES = "None found: no occupation 10 points lower shares enough of its essential skills."
