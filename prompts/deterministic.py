"""The deterministic writer: a complete answer from the card alone, with templates.

Always available: used when no LLM is configured, with ``--no-llm``, and whenever an LLM
draft fails (timeout, error, malformed, or the grounding check twice). Every sentence is
chosen by rules on the card's numbers, so the same card always gives the same text.
"""

from __future__ import annotations

from prompts.card_view import skill_line
from prompts.context import CardContext
from prompts.numbers import fmt
from prompts.sections import Sections

BAND_SUMMARY = {
    "low": "AI is unlikely to take over much of this work; expect it to change a few tasks.",
    "moderate": "AI will change parts of this work, but most of it still needs a person.",
    "high": "A large share of this work's skills is exposed to AI; expect the job to change.",
    "very high": "Much of this work's skill content is exposed to AI; the job is likely to "
    "change substantially.",
}
BAND_TAKEAWAY = {
    "low": "The risk of AI replacing this job is low: most of its skills are hard for current AI.",
    "moderate": "The risk is moderate: AI is more likely to reshape some tasks than to remove "
    "the job.",
    "high": "The risk is high: the exposed tasks may shrink, so the exposed skills are the ones "
    "to pair with AI tools rather than compete with them.",
    "very high": "The risk is very high: plan for the job to change, and invest in the skills "
    "that AI cannot easily do.",
}
EXPOSED_TO = {
    "generative AI": "exposed to generative AI",
    "automation": "exposed to automation",
    "both": "exposed to both generative AI and automation",
    "neither": "exposed mostly through the occupation's other tasks",
}


def write(ctx: CardContext) -> Sections:
    card = ctx.card
    label = ctx.label
    vulnerable, resilient, related = ctx.vulnerable(), ctx.resilient(), ctx.related()

    summary = (
        f"People working as **{label}** face **{card.band}** AI disruption risk, with a score "
        f"of **{fmt(card.disruption)}/100**, higher than {fmt(card.percentile)}% of ESCO "
        f"occupations. {BAND_SUMMARY.get(card.band, '')}"
    )

    what = ctx.short_description() or f"ESCO describes no tasks for {label}."

    changes = []
    if vulnerable:
        kinds = {d.exposed_to for d in vulnerable}
        kind = EXPOSED_TO[kinds.pop()] if len(kinds) == 1 else "exposed to AI in different ways"
        changes.append(
            "The most exposed skills are "
            + _join([skill_line(d) for d in vulnerable])
            + f", {kind}: this is where AI tools already help or take over."
        )
    if resilient:
        changes.append(
            "The least exposed are "
            + _join([skill_line(d) for d in resilient])
            + ", which rely on judgement, people or hands-on work."
        )
    ac = card.ai_complementarity
    if ac >= 60:
        changes.append(
            f"AI complementarity is {fmt(ac)}/100: the work carries responsibility and contact "
            "with people, so AI is more likely to augment it than to replace it."
        )
    elif ac <= 40:
        changes.append(
            f"AI complementarity is only {fmt(ac)}/100: little in the work shields the exposed "
            "skills from being done by AI."
        )
    else:
        changes.append(
            f"AI complementarity is {fmt(ac)}/100: AI may augment some of the work and "
            "substitute for other parts."
        )

    takeaways = [BAND_TAKEAWAY.get(card.band, "")]
    if resilient:
        takeaways.append(
            "The skills that keep their value include " + _join([d.label for d in resilient]) + "."
        )
    if vulnerable:
        takeaways.append(
            "Expect AI tools to help with " + _join([d.label for d in vulnerable[:2]]) + "."
        )
    if related:
        best = related[0]
        takeaways.append(
            f"A move with less exposure: {best.label} ({fmt(best.disruption)}/100) shares "
            f"skills such as {_join(best.shared_skills[:2])}."
        )
    return Sections(
        summary=summary,
        what_it_does=what,
        how_ai_changes=" ".join(changes),
        takeaways="\n".join(f"- {t}" for t in takeaways if t),
    )


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
