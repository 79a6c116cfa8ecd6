"""What grammatical and practical kind each ESCO skill concept is.

ESCO mixes three kinds of concept under "skills", and a careful sentence treats them
differently: a *skill* is a verb phrase ("manage budgets"), *knowledge* is a noun ("criminal
law"), and a *tool* is a named software product or programming language ("ABBYY
FineReader", "LINQ"). A tool is never offered as something that keeps its value: products
come and go, which is the opposite of resilience.

The rule reads ESCO's own metadata only: the concept's type, the first words of its
description ("The computer program ...", "The computer language ..."), and, under the ICT
field of education (ISCED-F 06), a label that carries a proper name.
"""

from __future__ import annotations

import re
from collections import defaultdict

from knowledge.esco import EscoData

SKILL, KNOWLEDGE, TOOL = "skill", "knowledge", "tool"

_TOOL_DESCRIPTIONS = (
    "the computer program",
    "the computer language",
    "the computer programming language",
)
_ICT_FIELD = "http://data.europa.eu/esco/isced-f/06"
_CAPITAL = re.compile(r"[A-Z]")


def _proper_name(label: str) -> bool:
    """A capital after the first letter ("Microsoft Visio", "iOS", "C++") or one capitalised
    word ("Perl"); "Agile development" is a sentence-case common noun."""
    text = label.replace("ICT", "")
    return _CAPITAL.search(text[1:]) is not None or (" " not in text and text[:1].isupper())


Ancestors = dict[str, frozenset[str]]


def skill_ancestors(esco: EscoData) -> Ancestors:
    """Skill URI -> every group above it in ESCO's hierarchy (``broaderRelationsSkillPillar``,
    followed to the top; cycles are safe). The one walk of the hierarchy that skill kinds,
    skill groups and the scoring fit all read."""
    parents: dict[str, list[str]] = defaultdict(list)
    for edge in esco.skill_broader:
        parents[edge.concept_uri].append(edge.broader_uri)
    out: Ancestors = {}
    for uri in esco.skills:
        seen: set[str] = set()
        stack = list(parents.get(uri, ()))
        while stack:
            node = stack.pop()
            if node not in seen:
                seen.add(node)
                stack.extend(parents.get(node, ()))
        out[uri] = frozenset(seen)
    return out


def skill_kinds(esco: EscoData, ancestors: Ancestors | None = None) -> dict[str, str]:
    """Skill URI -> SKILL, KNOWLEDGE or TOOL, for every skill of the export."""
    ancestors = ancestors if ancestors is not None else skill_ancestors(esco)

    def under_ict(uri: str) -> bool:
        return any(a.startswith(_ICT_FIELD) for a in ancestors[uri])

    kinds: dict[str, str] = {}
    for uri, skill in esco.skills.items():
        if skill.skill_type != "knowledge":
            kinds[uri] = SKILL
            continue
        described = skill.description.strip().lower().startswith(_TOOL_DESCRIPTIONS)
        named = "(computer programming)" in skill.label or (
            under_ict(uri) and _proper_name(skill.label)
        )
        kinds[uri] = TOOL if described or named else KNOWLEDGE
    return kinds


_SKILL_AREA = re.compile(r"^S\d+\.\d+$")  # "S2.2 documenting and recording information"
_FIELD = re.compile(r"^\d{3}$")  # ISCED-F narrow field, "061 information and communication"


def skill_groups(esco: EscoData, ancestors: Ancestors | None = None) -> dict[str, str]:
    """Skill URI -> the ESCO group that says what kind of work it is: the skills-pillar area
    ("S2.2"), else for knowledge its ISCED-F narrow field ("061"), else its top group ("S2",
    "06", "T1"), else "". The answer's table of AI tools is keyed by these codes."""
    ancestors = ancestors if ancestors is not None else skill_ancestors(esco)
    codes = esco.skill_group_codes
    out: dict[str, str] = {}
    for uri in esco.skills:
        found = sorted(codes[a] for a in ancestors[uri] if a in codes)
        best = [c for c in found if _SKILL_AREA.match(c) or _FIELD.match(c)]
        out[uri] = (best or found or [""])[0]
    return out
