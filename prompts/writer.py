"""Card in, Answer out: the LLM draft, the grounding check, one retry, the deterministic
fallback, and the cache. The only place that decides which writer an answer comes from.
"""

from __future__ import annotations

import logging
import re
from dataclasses import asdict, dataclass, field, replace
from typing import TYPE_CHECKING

from prompts import deterministic
from prompts.cache import AnswerCache, cache_key
from prompts.context import CardContext
from prompts.grounding import Grounding, GroundingChecker, Limits
from prompts.llm_contract import DraftStopped, LLMUnavailable, StopCheck
from prompts.sections import HEADINGS, Sections, compose
from prompts.template import build_prompt, prompt_version, retry_messages, template

if TYPE_CHECKING:  # (the transport loads LangChain's OpenAI client: only when configured)
    from prompts.llm import LLMClient

log = logging.getLogger(__name__)

DETERMINISTIC = "deterministic"
ANSWER_LIMITS = Limits(min_chars=200, max_chars=6_000)
# The prose before wrapping; our own writer reaches at most 3,054 characters.
DRAFT_LIMITS = Limits(min_chars=200, max_chars=3_400)
NO_LIMITS = Limits(min_chars=0, max_chars=10**9)
# The most characters of summary, "What does it do" and "How AI..." before the next heading.
SECTION_MAX_CHARS = (400, 700, 1_600)  # our own writer: at most 296, 431, 1,380
CHECK_EVERY = 60  # characters of new text between checks of a streaming draft
_HEADING = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]*)?(?:\*\*|__)?[ \t]*("
    + "|".join(re.escape(h) for h in HEADINGS)
    + r")[ \t]*[:?]?[ \t]*(?:\*\*|__)?[ \t]*:?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


class MalformedDraft(ValueError):
    pass


@dataclass(frozen=True)
class Answer:
    markdown: str
    writer: str  # "llm" or "deterministic"
    reason: str  # why this writer produced it
    grounding: Grounding
    prompt_version: str
    llm_model: str | None = None
    attempts: list[dict] = field(default_factory=list)  # each LLM draft's fate
    cache_hit: bool = False
    headline: str = ""  # the parts of ``markdown``, for renderers that lay them out apart
    prose: str = ""

    def to_json(self) -> dict:
        out = asdict(self)
        out["grounding"] = self.grounding.to_json()
        return out

    @classmethod
    def from_json(cls, data: dict) -> Answer:
        if not data.get("headline"):
            raise ValueError("cached by an older version: no answer parts")
        return cls(**{**data, "grounding": Grounding(**data["grounding"])})


def parse_draft(text: str) -> Sections:
    """The LLM's Markdown split into our sections; MalformedDraft if any is missing."""
    found = list(_HEADING.finditer(text))
    names = [m.group(1).lower() for m in found]
    missing = [h for h in HEADINGS if h.lower() not in names]
    if missing:
        raise MalformedDraft("missing section(s): " + ", ".join(missing))
    if names != [h.lower() for h in HEADINGS]:
        raise MalformedDraft("sections out of order or repeated")
    bodies = [
        text[m.end() : (found[i + 1].start() if i + 1 < len(found) else len(text))]
        for i, m in enumerate(found)
    ]
    if any(not b.strip() for b in bodies):
        raise MalformedDraft("an empty section")
    return Sections(text[: found[0].start()].strip(), *(b.strip() for b in bodies))


class AnswerWriter:
    def __init__(
        self,
        checker: GroundingChecker,
        llm: LLMClient | None = None,
        cache: AnswerCache | None = None,
        scope: str = "",
    ):
        self.checker, self.llm, self.cache, self.scope = checker, llm, cache, scope

    def write(self, ctx: CardContext, *, use_llm: bool = True) -> Answer:
        llm = self.llm if use_llm else None
        model = llm.model if llm else DETERMINISTIC
        key = cache_key(ctx.uri, ctx.card.model_version, prompt_version(), model, self.scope)
        if self.cache is not None and (hit := self.cache.get(key)) is not None:
            cached = self._from_cache(hit, ctx)
            if cached is not None:
                return cached

        if llm is None:
            why = "no LLM configured" if self.llm is None else "LLM not requested (--no-llm)"
            answer = self._deterministic(ctx, why, [])
        else:
            answer = self._with_llm(ctx, llm)
        # Cache answers that will not change on a retry: not fallbacks from a failing LLM.
        if self.cache is not None and (answer.writer == "llm" or llm is None):
            self.cache.put(key, ctx.uri, answer.to_json(), self.scope)
        return answer

    def _from_cache(self, hit: dict, ctx: CardContext) -> Answer | None:
        """A cached answer, checked again on the way out: the cache is a file anyone with
        access to the data folder can edit, and the checker may have changed since it was
        written. An answer that no longer passes is written again, never served."""
        try:
            answer = Answer.from_json({**hit, "cache_hit": True})
        except (TypeError, KeyError, ValueError):
            log.warning("unreadable cached answer for %s: writing it again", ctx.uri)
            return None
        grounding = self.checker.check(answer.markdown, ctx, limits=ANSWER_LIMITS)
        # Discord lays out the headline and the prose apart: they are checked as well.
        parts = self.checker.check(answer.headline + "\n" + answer.prose, ctx, limits=NO_LIMITS)
        problems = grounding.unsupported + parts.unsupported
        if problems:
            log.warning(
                "cached answer for %s fails the check now (%s): writing it again",
                ctx.uri,
                "; ".join(problems)[:300],
            )
            return None
        return replace(answer, grounding=grounding)

    def _with_llm(self, ctx: CardContext, llm: LLMClient) -> Answer:
        attempts: list[dict] = []
        try:
            prompt = build_prompt(ctx)
        except Exception as exc:  # over budget, or the tokenizer files unavailable
            log.error("cannot build the prompt for %s: %s", ctx.uri, exc)
            return self._deterministic(ctx, f"prompt not built: {exc}", attempts, llm.model)
        messages = prompt.messages
        for attempt in (1, 2):
            try:
                draft = llm.complete(messages, self._stop_check(ctx))
            except DraftStopped as exc:
                problems = [exc.reason]
                attempts.append({"attempt": attempt, "outcome": "stopped", "unsupported": problems})
                messages = retry_messages(prompt, exc.partial, problems)
                continue
            except LLMUnavailable as exc:
                attempts.append({"attempt": attempt, "outcome": "unavailable", "why": str(exc)})
                return self._deterministic(ctx, f"LLM unavailable: {exc}", attempts, llm.model)
            try:
                sections = parse_draft(draft)
                problems = self.checker.check(
                    sections.prose(), ctx, _instructions(), DRAFT_LIMITS
                ).unsupported
            except MalformedDraft as exc:
                problems = [f"malformed: {exc}"]
            if not problems:
                attempts.append({"attempt": attempt, "outcome": "accepted"})
                composed = compose(ctx, sections)
                markdown = composed.markdown
                grounding = self.checker.check(markdown, ctx, limits=ANSWER_LIMITS)
                if grounding.unsupported:  # cannot happen unless the wrapper is wrong
                    log.error("composed LLM answer failed its check: %s", grounding.unsupported)
                    break
                return Answer(
                    markdown,
                    "llm",
                    "LLM draft passed the grounding check"
                    + (" on the retry" if attempt == 2 else ""),
                    grounding,
                    prompt_version(),
                    llm.model,
                    attempts,
                    headline=composed.headline,
                    prose=composed.prose,
                )
            attempts.append({"attempt": attempt, "outcome": "rejected", "unsupported": problems})
            messages = retry_messages(prompt, draft, problems)
        return self._deterministic(
            ctx, "LLM drafts failed the grounding check twice", attempts, llm.model
        )

    def _stop_check(self, ctx: CardContext) -> StopCheck:
        """Reject a streaming draft as soon as it fails, instead of waiting for all of it:
        a bad model then costs a fraction of a generation, not two whole ones."""
        checked_upto = 0

        def check(text: str) -> str | None:
            nonlocal checked_upto
            if len(text) > DRAFT_LIMITS.max_chars:
                return f"too long: over {DRAFT_LIMITS.max_chars} characters"
            if len(text) - checked_upto < CHECK_EVERY and not text.endswith("\n"):
                return None
            checked_upto = len(text)
            if reason := _structure_problem(text):
                return reason
            settled = text[: max(text.rfind(" "), text.rfind("\n"))]  # not the word in progress
            problems = self.checker.check(settled, ctx, _instructions(), NO_LIMITS).unsupported
            return "; ".join(problems) or None

        return check

    def _deterministic(
        self, ctx: CardContext, why: str, attempts: list[dict], model: str | None = None
    ) -> Answer:
        composed = compose(ctx, deterministic.write(ctx))
        markdown = composed.markdown
        grounding = self.checker.check(markdown, ctx, limits=ANSWER_LIMITS)
        if grounding.unsupported:
            log.error(
                "deterministic answer for %s failed its check: %s", ctx.uri, grounding.unsupported
            )
        return Answer(
            markdown,
            DETERMINISTIC,
            why,
            grounding,
            prompt_version(),
            model,
            attempts,
            headline=composed.headline,
            prose=composed.prose,
        )


def _structure_problem(text: str) -> str | None:
    """A streaming draft that has gone on too long without its next section heading."""
    found = list(_HEADING.finditer(text))
    if len(found) >= len(HEADINGS):
        return None
    start = found[-1].end() if found else 0
    if len(text) - start > SECTION_MAX_CHARS[len(found)]:
        return f"malformed: no '{HEADINGS[len(found)]}' section where it belongs"
    return None


def _instructions() -> str:
    return template("explain.system.txt") + "\n" + template("explain.retry.txt")
