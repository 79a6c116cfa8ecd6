"""The LLM prompt: versioned templates in ``prompts/templates/`` filled from the card only.

The prompt version is the template files' hash, so any edit to them changes the version and,
with it, the answer cache key. The filled prompt is kept within ``TOKEN_BUDGET`` tokens
(counted offline with tiktoken) by shortening the description and the lists, never the
factor values.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from prompts.ai_tools import TOOL_TABLE_VERSION, tool_for
from prompts.context import FACTOR_MEANINGS, CardContext
from prompts.numbers import fmt
from prompts.tokens import count_tokens
from scoring.drivers import SkillDriver

if TYPE_CHECKING:  # (LangChain is imported when a prompt is made: not on a start without LLM)
    from langchain_core.messages import BaseMessage

TOKEN_BUDGET = 1_200
TEMPLATES = ("explain.system.txt", "explain.user.txt", "explain.retry.txt")


@cache
def template(name: str) -> str:
    return resources.files("prompts").joinpath("templates", name).read_text("utf-8")


@cache
def prompt_version() -> str:
    digest = hashlib.sha256()
    for name in TEMPLATES:
        digest.update(template(name).encode())
    digest.update(f"tools-{TOOL_TABLE_VERSION}".encode())  # the tool table is in the prompt
    return f"explain-1.{digest.hexdigest()[:8]}"


@dataclass(frozen=True)
class Prompt:
    messages: list[BaseMessage]
    tokens: int

    @property
    def system(self) -> str:
        return str(self.messages[0].content)


def _fill(ctx: CardContext, description: str, n_skills: int, n_related: int) -> str:
    card = ctx.card
    occ = card.occupation
    parts = card.disruption_parts

    def skills(items: list[SkillDriver], with_tools: bool) -> str:
        shown = []
        for d in items[:n_skills]:
            tool = tool_for(d.group) if with_tools else None
            how = f"; {tool.family}: {tool.name}" if tool else ""
            shown.append(f"{d.label} ({fmt(d.value)}{how})")
        return "; ".join(shown) or "none"

    related = "; ".join(
        f"{r.label} ({fmt(r.disruption)}/100"
        + (", with further study" if r.further_study else "")
        + (f"; to learn: {', '.join(r.skills_to_learn)}" if r.skills_to_learn else "")
        + ")"
        for r in card.related_safer[:n_related]
    )
    return template("explain.user.txt").format(
        label=occ.label,
        isco=f"{occ.isco_group} {ctx.isco_label or ''}".strip(),
        description=description or "(none)",
        disruption=fmt(card.disruption),
        band=card.band,
        band_meaning=card.band_meaning,
        percentile=fmt(card.percentile),
        genai=fmt(parts.genai) if parts else "?",
        automation=fmt(parts.automation) if parts else "?",
        shield=fmt(parts.complementarity_shield) if parts else "?",
        skill_vulnerability=fmt(card.skill_vulnerability),
        task_automation=fmt(card.task_automation),
        ai_complementarity=fmt(card.ai_complementarity),
        sv_meaning=FACTOR_MEANINGS["skill_vulnerability"],
        ta_meaning=FACTOR_MEANINGS["task_automation"],
        ac_meaning=FACTOR_MEANINGS["ai_complementarity"],
        vulnerable=skills(card.vulnerable_skills, True),
        resilient=skills(card.resilient_skills, False),
        related=related or "none found",
    )


def build_prompt(ctx: CardContext, budget: int = TOKEN_BUDGET) -> Prompt:
    """System + user messages for one card, shortened step by step until within ``budget``."""
    system = template("explain.system.txt")
    base = count_tokens(system)
    steps = [
        (ctx.description, 5, 3),
        (ctx.short_description(3, 700), 5, 3),
        (ctx.short_description(2, 400), 3, 3),
        (ctx.short_description(1, 200), 3, 2),
        (ctx.short_description(1, 120), 3, 1),
    ]
    from langchain_core.messages import HumanMessage, SystemMessage

    for description, n_skills, n_related in steps:
        user = _fill(ctx, description, n_skills, n_related)
        tokens = base + count_tokens(user)
        if tokens <= budget:
            return Prompt([SystemMessage(system), HumanMessage(user)], tokens)
    raise ValueError(f"the card for {ctx.label!r} does not fit in {budget} tokens")


def retry_messages(prompt: Prompt, draft: str, reasons: list[str]) -> list[BaseMessage]:
    """The same prompt, the rejected draft, and why it was rejected."""
    from langchain_core.messages import AIMessage, HumanMessage

    text = template("explain.retry.txt").format(reasons="\n".join(f"- {r}" for r in reasons))
    return [*prompt.messages, AIMessage(draft), HumanMessage(text)]
