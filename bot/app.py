"""The Assistant: wires settings to the knowledge base and the resolver, with no Discord in it.

Heavy things (the embedding model, the opened knowledge base) are built once per process.
A reload builds or opens a new knowledge base and swaps one reference, so callers that hold
the old one finish with it.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bot.loading import collector_paused
from bot.memo import LRU
from bot.settings import Settings
from bot.wording import NOT_FOUND_ANSWER, ambiguous_prefix
from knowledge.builds import build_ids, current_build
from knowledge.embeddings import Embedder, LocalMiniLM, OpenAICompatibleEmbedder
from knowledge.kb import (
    PROBE_QUESTION,
    KBConfig,
    KnowledgeBase,
    KnowledgeBaseError,
    build,
    ensure,
)
from knowledge.message_kinds import two_jobs
from knowledge.resolution import Resolution
from knowledge.resolver import Resolver, ResolverParams
from knowledge.suggest import LabelSuggester, Suggestion
from prompts.cache import AnswerCache
from prompts.comparison import comparison_markdown
from prompts.context import CardContext
from prompts.grounding import Grounding, GroundingChecker
from prompts.llm_contract import LLMConfig
from prompts.wording import fixed_wording
from prompts.writer import Answer, AnswerWriter
from scoring.card import ScoreCard, ScoreRow
from scoring.storage import Scores

if TYPE_CHECKING:  # (LangChain's OpenAI client loads only when an endpoint is configured)
    from prompts.llm import LLMClient

log = logging.getLogger(__name__)
RECENT_QUESTIONS = 4096


class ConfigurationError(RuntimeError):
    """Settings that cannot work; the message says which and how to fix it."""


def make_embedder(settings: Settings) -> Embedder:
    if settings.embedding_backend == "openai":
        if not settings.embedding_base_url:
            raise ConfigurationError(
                "NESTOR_EMBEDDING_BACKEND=openai needs NESTOR_EMBEDDING_BASE_URL"
            )
        return OpenAICompatibleEmbedder(
            settings.embedding_base_url, settings.embedding_model, settings.embedding_key()
        )
    return LocalMiniLM()


def make_llm(settings: Settings) -> LLMClient | None:
    """The LLM client when an endpoint is configured; None means the deterministic writer."""
    if not settings.llm_base_url:
        return None
    try:  # a second of start-up, for the LLM writer only
        from prompts.llm import LLMClient
    except ImportError as exc:
        raise ConfigurationError(
            f"NESTOR_LLM_BASE_URL is set but the LLM client cannot load ({exc.name}): run "
            "`make setup`, or unset NESTOR_LLM_BASE_URL for the deterministic writer"
        ) from exc

    try:
        key = settings.llm_key()
    except OSError as exc:
        raise ConfigurationError(
            f"cannot read NESTOR_LLM_API_KEY_FILE {settings.llm_api_key_file}: {exc.strerror}"
        ) from exc
    return LLMClient(
        LLMConfig(
            base_url=settings.llm_base_url,
            model=settings.llm_model,
            api_key=key,
            timeout=settings.llm_timeout,
            retries=settings.llm_retries,
            concurrency=settings.llm_concurrency,
            breaker_failures=settings.llm_breaker_failures,
            breaker_cooldown=settings.llm_breaker_cooldown,
            max_tokens=settings.llm_max_tokens,
        )
    )


def open_cache(path: Path | None) -> AnswerCache | None:
    """The answer cache, or None (with a warning) when its disk cannot take it."""
    if path is None:
        return None
    try:
        return AnswerCache(path)
    except (sqlite3.Error, OSError) as exc:
        log.warning("answer cache %s unusable, answering without it: %s", path, exc)
        return None


def kb_config(settings: Settings) -> KBConfig:
    return KBConfig(
        esco_source=settings.esco_source,
        data_dir=settings.data_dir,
        esco_version=settings.esco_version,
        titles_file=settings.titles_file,
        chroma_url=settings.chroma_url,
    )


def probe(kb: KnowledgeBase, embedder: Embedder) -> None:
    """Refuse a build whose resolver cannot find an obvious occupation."""
    result = Resolver(kb, embedder).resolve(PROBE_QUESTION)
    if not result.candidates or PROBE_QUESTION not in result.candidates[0].label.lower():
        raise KnowledgeBaseError(f"build invalid: the probe {PROBE_QUESTION!r} did not resolve")


def build_options(embedder: Embedder) -> dict:
    """How every build is made: validated by the probe, enriched with the score cards."""
    from scoring.storage import CARD_FORMAT, skill_values_digest, write_scores

    return {
        "validate": lambda kb: probe(kb, embedder),
        "enrich": write_scores,
        "enrich_version": f"scoring-{skill_values_digest()}-card{CARD_FORMAT}",
    }


@dataclass(frozen=True)
class _Loaded:
    """What one build serves; swapped as a whole on reload."""

    resolver: Resolver
    scores: Scores
    writer: AnswerWriter
    suggester: LabelSuggester
    table: list[ScoreRow]  # every occupation's scores, for rankings and the chart
    recent: LRU[Resolution] = field(default_factory=lambda: LRU(RECENT_QUESTIONS))
    suggested: LRU[list[Suggestion]] = field(default_factory=lambda: LRU(RECENT_QUESTIONS))


@dataclass(frozen=True)
class ScoredAnswer:
    resolution: Resolution
    card: ScoreCard | None  # the score card of the resolved (or best candidate) occupation


@dataclass(frozen=True)
class AskResult:
    """One question's whole answer: what it resolved to, the card, and the written answer."""

    resolution: Resolution
    card: ScoreCard | None
    answer: Answer | None  # None when no occupation was found
    markdown: str

    @property
    def status(self) -> str:
        return self.resolution.status

    def to_json(self) -> dict:
        res = self.resolution
        answer = self.answer
        out = {
            "question": res.question,
            "status": res.status,
            "occupation": asdict(self.card.occupation) if self.card else None,
            "scores": self.card.to_json() if self.card else None,
            "answer_markdown": self.markdown,
            "writer": answer.writer if answer else "deterministic",
            "writer_reason": answer.reason if answer else "no occupation found",
            "grounding": (answer.grounding if answer else Grounding(True, [])).to_json(),
            "cache_hit": answer.cache_hit if answer else False,
            "prompt_version": answer.prompt_version if answer else None,
            "llm": {"model": answer.llm_model, "attempts": answer.attempts} if answer else None,
        }
        if res.status == "ambiguous":
            out["candidates"] = [
                {"uri": c.uri, "label": c.label, "score": c.score} for c in res.candidates
            ]
        return out


@dataclass(frozen=True)
class Comparison:
    """Two jobs asked about in one message ("nurse vs paramedic"), each resolved and scored."""

    question: str
    first: ScoreCard
    second: ScoreCard
    markdown: str

    def to_json(self) -> dict:
        return {
            "question": self.question,
            "status": "comparison",
            "occupations": [asdict(c.occupation) for c in (self.first, self.second)],
            "scores": [c.to_json() for c in (self.first, self.second)],
            "answer_markdown": self.markdown,
            "writer": "deterministic",
        }


class Assistant:
    def __init__(self, settings: Settings, *, progress: bool = True):
        self.settings = settings
        self.embedder = make_embedder(settings)
        self.config = kb_config(settings)
        self._lock = threading.Lock()
        self.llm = make_llm(settings)
        self.cache = open_cache(settings.answer_cache_path())
        kb = ensure(self.config, self.embedder, progress=progress, **build_options(self.embedder))
        self._loaded = self._load(kb, ResolverParams.calibrated())

    @collector_paused()  # (the build's tables: millions of long-lived objects, no garbage)
    def _load(self, kb: KnowledgeBase, params: ResolverParams) -> _Loaded:
        try:
            scores = Scores(kb.path)
        except FileNotFoundError as exc:
            raise KnowledgeBaseError(
                f"{kb.path} has no score cards (built by an older version): run `nestorbot kb "
                "build`"
            ) from exc
        checker = GroundingChecker(kb.store.catalog(), fixed_text=fixed_wording())
        writer = AnswerWriter(checker, self.llm, self.cache, scope=kb.build_id)
        occupations = kb.occupations
        suggester = LabelSuggester(
            (row.text, occupations[row.occupation_idx].label, occupations[row.occupation_idx].uri)
            for row in kb.labels
        )
        return _Loaded(
            Resolver(kb, self.embedder, params), scores, writer, suggester, scores.table()
        )

    @property
    def kb(self) -> KnowledgeBase:
        return self._loaded.resolver.kb

    @property
    def scores(self) -> Scores:
        return self._loaded.scores

    def resolve(self, text: str, top_k: int = 5) -> Resolution:
        return self._loaded.resolver.resolve(text, top_k)

    def resolve_batch(self, texts: Sequence[str], top_k: int = 5) -> list[Resolution]:
        return self._loaded.resolver.resolve_batch(texts, top_k)

    def _resolve_remembered(self, loaded: _Loaded, text: str) -> Resolution:
        """Resolution is deterministic within a build, so repeated questions (people ask the
        same few jobs) are answered from a small LRU that goes with the build on reload."""
        return loaded.recent.get_or_compute(text, lambda: loaded.resolver.resolve(text))

    def score(self, text: str) -> ScoredAnswer:
        """Resolve, then read the score card of the occupation (or of the best candidate)."""
        return self._score(self._loaded, text)

    def _score(self, loaded: _Loaded, text: str) -> ScoredAnswer:
        resolution = self._resolve_remembered(loaded, text)
        if resolution.occupation is not None:
            uri = resolution.occupation.uri
        elif resolution.candidates:
            uri = resolution.candidates[0].uri
        else:
            return ScoredAnswer(resolution, None)
        return ScoredAnswer(resolution, loaded.scores.card(uri))

    def context(self, card: ScoreCard, loaded: _Loaded | None = None) -> CardContext:
        """The card with the text a writer may use: ESCO description and ISCO group name."""
        store = (loaded or self._loaded).resolver.kb.store
        occ = card.occupation
        return CardContext(card, store.description(occ.uri), store.isco_label(occ.isco_group))

    def answer_for(self, uri: str, *, use_llm: bool = True) -> tuple[ScoreCard, Answer] | None:
        """The card and written answer of one occupation (by ESCO URI), or None if unknown."""
        loaded = self._loaded  # one build for the whole answer, even if a reload lands
        card = loaded.scores.card(uri)
        if card is None:
            return None
        return card, loaded.writer.write(self.context(card, loaded), use_llm=use_llm)

    def ask(self, text: str, *, use_llm: bool = True, write_if_ambiguous: bool = True) -> AskResult:
        """Resolve -> score card -> written answer. Only the resolver ever sees ``text``.

        ``write_if_ambiguous=False`` (chat, where a menu lets the person pick) skips writing
        an answer for a best guess that would be thrown away."""
        loaded = self._loaded  # one build for the whole answer, even if a reload lands
        scored = self._score(loaded, text)
        res = scored.resolution
        if scored.card is None:
            return AskResult(res, None, None, NOT_FOUND_ANSWER)
        if res.status == "ambiguous" and not write_if_ambiguous:
            return AskResult(res, scored.card, None, "")
        answer = loaded.writer.write(self.context(scored.card, loaded), use_llm=use_llm)
        markdown = answer.markdown
        if res.status == "ambiguous":
            markdown = ambiguous_prefix([c.label for c in res.candidates]) + markdown
        return AskResult(res, scored.card, answer, markdown)

    def compare(self, text: str) -> Comparison | None:
        """A message about two jobs at once ("my wife is a paralegal and I'm a welder, who's
        safer?"), both resolved and scored; None when it does not name two jobs that resolve
        to two different occupations (then it is an ordinary question)."""
        pair = two_jobs(text)
        if pair is None:
            return None
        first = self._score(self._loaded, pair[0]).card
        return None if first is None else self.compare_with(first, pair[1], question=text)

    def compare_with(
        self, card: ScoreCard, text: str, *, question: str | None = None
    ) -> Comparison | None:
        """The occupation in context against the job ``text`` names ("compare with welders"),
        or None when it names none (or the same one)."""
        other = self._score(self._loaded, text).card
        if other is None or other.uri == card.uri:
            return None
        return Comparison(question or text, card, other, comparison_markdown(card, other))

    def suggest(self, text: str, limit: int = 25) -> list[Suggestion]:
        """Occupations whose labels match what someone is typing (autocomplete). Everyone
        types the same first letters, so answers are kept in a small LRU per build."""
        loaded = self._loaded
        key = (" ".join(text.casefold().split())[:100], limit)
        return loaded.suggested.get_or_compute(key, lambda: loaded.suggester.suggest(text, limit))

    def card(self, uri: str) -> ScoreCard | None:
        return self._loaded.scores.card(uri)

    def table(self) -> list[ScoreRow]:
        return self._loaded.table

    def validation(self, anchors_dir: Path) -> str:
        """The agreement and face-validity tables of the serving build (one place for the
        CLI and Discord). Raises FileNotFoundError if ``anchors_dir`` is not a folder."""
        from scoring.validation import ilo_gradients, load_anchors, validation_table

        if not anchors_dir.is_dir():
            raise FileNotFoundError(anchors_dir)
        loaded = self._loaded
        return validation_table(
            loaded.table,
            load_anchors(anchors_dir),
            loaded.scores.all_cards(),
            ilo_gradients(anchors_dir),
        )

    def top(self, most: bool, n: int, isco_prefix: str = "") -> list[ScoreRow]:
        """The ``n`` most (or least) disrupted occupations, optionally within an ISCO group."""
        rows = [r for r in self._loaded.table if r.isco_group.startswith(isco_prefix)]
        rows.sort(key=lambda r: (-r.disruption if most else r.disruption, r.label))
        return rows[:n]

    def reload(self, *, rebuild: bool = True, progress: bool = False) -> KnowledgeBase:
        """Build (or reopen) the knowledge base and swap it in; on failure nothing changes."""
        with self._lock:
            if rebuild:
                build(self.config, self.embedder, progress=progress, **build_options(self.embedder))
            kb = KnowledgeBase.open(self.config, self.embedder)
            self._loaded = self._load(kb, self._loaded.resolver.params)
            if self.cache is not None:
                # Rows of builds still on disk may be another process's live answers.
                self.cache.clear(keep=build_ids(self.config))
            return kb

    def follow_current(self) -> str | None:
        """Serve the build ``current`` points to, if another process (or ``kb build``) moved
        it: how several bot processes on one data folder all follow one reload. Returns the
        new build id, or None when nothing changed; a build that fails to open leaves the
        working one in place (and raises, for the caller to log)."""
        target = current_build(self.config)
        if target is None or target.resolve() == self.kb.path.resolve():
            return None
        return self.reload(rebuild=False).build_id
