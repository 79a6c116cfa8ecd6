"""The deterministic writer (2.0): a complete answer from the card alone, with rules.

Always available: used when no LLM is configured, with ``--no-llm``, and whenever an LLM
draft fails. Every sentence is chosen by rules on the card, so the same card always gives the
same text. What makes it read well:

* skills by their grammar (``prompts/phrases.py``): "help with managing budgets", "knowledge of
  criminal law"; occupations in the plural with their article ("Translators face ...");
* whole numbers in the prose ("41/100", "higher than about 31% of"), exact values only in
  "The numbers";
* which kind of AI touches which part of the work, from the declared tool table
  (``prompts/ai_tools.py``), and what that means now versus later;
* takeaways a person can act on, and one sentence on what the score is not.
"""

from __future__ import annotations

from prompts.ai_tools import ToolKind, tool_for
from prompts.context import CardContext
from prompts.numbers import fmt, share_phrase
from prompts.phrases import (
    article,
    capitalise,
    gerund,
    is_verb_phrase,
    join,
    plural,
    skill_phrase,
)
from prompts.sections import Sections
from scoring.drivers import SkillDriver
from scoring.moves import Move

SCORE_IS_NOT = (
    "The score measures how exposed today's tasks are to current AI and automation; it is "
    "not a forecast that the job will disappear, or of when."
)
NO_SKILLS = "ESCO lists too few skills for this occupation to say which parts AI touches."
NO_MOVE = (
    "No occupation that scores clearly lower shares enough of this job's essential skills to "
    "suggest a move."
)
DESCRIPTION_CHARS = 320


def write(ctx: CardContext) -> Sections:
    card = ctx.card
    people = capitalise(plural(ctx.label))
    summary = (
        f"{people} face **{card.band}** AI disruption risk: **{fmt(card.disruption, 0)}/100**, "
        f"{share_phrase(card.percentile)} ESCO occupations. {card.band_meaning}"
    ).strip()
    return Sections(
        summary=summary,
        what_it_does=_what_it_does(ctx),
        how_ai_changes=" ".join(_changes(ctx)),
        takeaways="\n".join(f"- {t}" for t in _takeaways(ctx) if t),
    )


def _what_it_does(ctx: CardContext) -> str:
    occ = ctx.card.occupation
    group = f"ISCO-08 group {occ.isco_group}" + (f", {ctx.isco_label}" if ctx.isco_label else "")
    short = ctx.short_description(2, DESCRIPTION_CHARS)
    if not short:
        return f"ESCO gives no description of this occupation. It belongs to {group}."
    return f"{short} It belongs to {group}."


def _phrases(drivers: list[SkillDriver]) -> list[str]:
    return [skill_phrase(d.label, d.kind) for d in drivers]


def _by_family(drivers: list[SkillDriver]) -> dict[str, list[tuple[SkillDriver, ToolKind]]]:
    out: dict[str, list[tuple[SkillDriver, ToolKind]]] = {"generative AI": [], "automation": []}
    for d in drivers:
        tool = tool_for(d.group)
        if tool is not None:
            out[tool.family].append((d, tool))
    return out


def _tools(pairs: list[tuple[SkillDriver, ToolKind]]) -> str:
    return join(list(dict.fromkeys(t.name for _, t in pairs)))


def _changes(ctx: CardContext) -> list[str]:
    """Which parts generative AI touches, which automation, which stay with people, and
    what that means in the next few years and later."""
    card = ctx.card
    exposed, kept = ctx.vulnerable(4), ctx.resilient(3)
    if not exposed and not kept:
        return [NO_SKILLS]
    families = _by_family(exposed)
    genai, auto = families["generative AI"], families["automation"]
    untooled = [d for d in exposed if tool_for(d.group) is None]
    out = []
    if genai:
        out.append(
            f"Generative AI already reaches {join(_phrases([d for d, _ in genai]))}; for this "
            f"work, {_tools(genai)} can produce a first version that a person then checks."
        )
    if auto:
        out.append(
            f"Automation reaches {join(_phrases([d for d, _ in auto]))}, and the tools that "
            f"do it are {_tools(auto)}."
        )
    if untooled:
        out.append(
            f"The card also counts {join(_phrases(untooled))} among the most exposed parts "
            f"of the work of {plural(ctx.label)}."
        )
    if kept:
        out.append(
            f"{capitalise(join(_phrases(kept)))} stay with people: they rely on judgement, "
            "presence or hands-on work that current AI does not provide."
        )
    out += _horizon(ctx, genai, auto)
    ac = fmt(card.ai_complementarity, 0)
    if card.ai_complementarity >= 60:
        out.append(
            f"With AI complementarity at {ac}/100, AI is more likely to work alongside "
            f"{plural(ctx.label)} than to replace them."
        )
    elif card.ai_complementarity <= 40:
        out.append(
            f"With AI complementarity at only {ac}/100, little in the work of "
            f"{plural(ctx.label)} shields the exposed tasks."
        )
    else:
        out.append(
            f"AI complementarity of {ac}/100 means AI may support some of the work of "
            f"{plural(ctx.label)} and substitute for other parts."
        )
    return out


def _horizon(ctx: CardContext, genai: list, auto: list) -> list[str]:
    """The next few years (tools in wide use now) versus later (tools that need new
    machines, investment or regulation)."""
    now = _activities_first([(d, t) for d, t in genai + auto if t.horizon == "now"])
    later = _activities_first([(d, t) for d, t in genai + auto if t.horizon == "later"])
    kept = sorted(ctx.resilient(3), key=lambda d: d.kind != "skill")[:1]
    out = []
    if now:
        d, tool = now[0]
        moved = f", and time moves to {_work(kept[0])}" if kept else ""
        out.append(
            f"In the next few years, expect {_work(d)} to be done with {tool.name} "
            f"as a matter of course{moved}."
        )
    if later:
        d, tool = later[0]
        out.append(
            f"Further out, {tool.name} could take over more of {skill_phrase(d.label, d.kind)}; "
            "that needs new equipment and investment, so it tends to come later and unevenly."
        )
    return out


def _activity(d: SkillDriver) -> bool:
    return d.kind == "skill" and is_verb_phrase(d.label)


def _work(d: SkillDriver) -> str:
    """A skill as something done ("managing budgets"), a knowledge item as work that needs it."""
    return gerund(d.label) if _activity(d) else f"work that needs {skill_phrase(d.label, d.kind)}"


def _activities_first(pairs: list[tuple[SkillDriver, ToolKind]]) -> list:
    return sorted(pairs, key=lambda p: not _activity(p[0]))


def _takeaways(ctx: CardContext) -> list[str]:
    exposed, kept, moves = ctx.vulnerable(2), ctx.resilient(3), ctx.related(3)
    out = [_move_takeaway(moves)]
    if exposed:
        tools = [t.name for d in exposed if (t := tool_for(d.group)) is not None]
        learn = (
            f", and learn the tools that do it: {join(list(dict.fromkeys(tools)))}" if tools else ""
        )
        skills = [d for d in exposed if d.kind == "skill"] or exposed
        out.append(f"Let AI take the first pass at {join(_phrases(skills))}{learn}.")
    if kept:
        out.append(f"Put your time into {join(_phrases(kept))}: these keep their value.")
    out.append(SCORE_IS_NOT)
    return out


def _move_takeaway(moves: list[Move]) -> str:
    if not moves:
        return NO_MOVE
    best = next((m for m in moves if not m.further_study), moves[0])
    study = ", with further study" if best.further_study else ""
    shared = (
        f" builds on what you already do ({join(best.shared_skills[:2])})"
        if best.shared_skills
        else ""
    )
    learn = f"; the skills to learn: {join(best.skills_to_learn)}" if best.skills_to_learn else ""
    return (
        f"A move with less exposure: {article(best.label)} {best.label} role "
        f"({fmt(best.disruption, 0)}/100{study}){shared}{learn}."
    )
