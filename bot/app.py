"""The Assistant: wires settings to the knowledge base and the resolver, with no Discord in it.

Heavy things (the embedding model, the opened knowledge base) are built once per process.
A reload builds or opens a new knowledge base and swaps one reference, so callers that hold
the old one finish with it.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass

from bot.settings import Settings
from knowledge.embeddings import Embedder, LocalMiniLM, OpenAICompatibleEmbedder
from knowledge.kb import (
    PROBE_QUESTION,
    KBConfig,
    KnowledgeBase,
    KnowledgeBaseError,
    build,
    ensure,
)
from knowledge.resolver import Resolution, Resolver, ResolverParams
from scoring.storage import Scores


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
    from scoring.storage import skill_values, write_scores

    return {
        "validate": lambda kb: probe(kb, embedder),
        "enrich": write_scores,
        "enrich_version": f"scoring-{skill_values()[0]}",
    }


@dataclass(frozen=True)
class _Loaded:
    """What one build serves; swapped as a whole on reload."""

    resolver: Resolver
    scores: Scores


@dataclass(frozen=True)
class ScoredAnswer:
    resolution: Resolution
    card: dict | None  # the score card of the resolved (or best candidate) occupation


class Assistant:
    def __init__(self, settings: Settings, *, progress: bool = True):
        self.settings = settings
        self.embedder = make_embedder(settings)
        self.config = kb_config(settings)
        self._lock = threading.Lock()
        kb = ensure(self.config, self.embedder, progress=progress, **build_options(self.embedder))
        self._loaded = self._load(kb, ResolverParams.calibrated())

    def _load(self, kb: KnowledgeBase, params: ResolverParams) -> _Loaded:
        try:
            scores = Scores(kb.path)
        except FileNotFoundError as exc:
            raise KnowledgeBaseError(
                f"{kb.path} has no score cards (built by an older version): run `nestorbot kb "
                "build`"
            ) from exc
        return _Loaded(Resolver(kb, self.embedder, params), scores)

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

    def score(self, text: str) -> ScoredAnswer:
        """Resolve, then read the score card of the occupation (or of the best candidate)."""
        loaded = self._loaded
        resolution = loaded.resolver.resolve(text)
        if resolution.occupation is not None:
            uri = resolution.occupation.uri
        elif resolution.candidates:
            uri = resolution.candidates[0].uri
        else:
            return ScoredAnswer(resolution, None)
        return ScoredAnswer(resolution, loaded.scores.card(uri))

    def reload(self, *, rebuild: bool = True, progress: bool = False) -> KnowledgeBase:
        """Build (or reopen) the knowledge base and swap it in; on failure nothing changes."""
        with self._lock:
            if rebuild:
                build(self.config, self.embedder, progress=progress, **build_options(self.embedder))
            kb = KnowledgeBase.open(self.config, self.embedder)
            self._loaded = self._load(kb, self._loaded.resolver.params)
            return kb
