"""All configuration, read once at the edge from ``NESTOR_*`` environment variables (or .env).

Core packages never read settings themselves: the CLI and the bot build them from this and
pass plain arguments in.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent


def _default_shared(*parts: str) -> Path:
    """``../shared/...`` next to the working directory, else next to the repository."""
    for base in (Path.cwd().parent, REPO_ROOT.parent):
        candidate = base.joinpath("shared", *parts)
        if candidate.exists():
            return candidate
    return REPO_ROOT.parent.joinpath("shared", *parts)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="NESTOR_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    esco_source: Path = Field(default_factory=lambda: _default_shared("esco"))
    esco_version: str | None = None
    data_dir: Path = REPO_ROOT / "data"
    # Real vacancy titles used as extra labels (JobBERT validation split); "" switches it off.
    titles_file: Path | None = Field(
        default_factory=lambda: _default_shared("benchmarks", "jobtitles", "jobbert", "titles.csv")
    )
    chroma_url: str | None = None

    embedding_backend: Literal["local", "openai"] = "local"
    embedding_base_url: str | None = None
    embedding_model: str = "text-embedding-3-small"
    embedding_api_key: SecretStr | None = None
    embedding_api_key_file: Path | None = None

    # The LLM writer: any OpenAI-compatible endpoint. Unset base URL = deterministic writer.
    llm_base_url: str | None = None
    llm_model: str = "gpt-4o-mini"
    llm_api_key: SecretStr | None = None
    llm_api_key_file: Path | None = None
    llm_timeout: float = Field(20.0, gt=0, le=300)
    llm_retries: int = Field(2, ge=0, le=5)
    llm_concurrency: int = Field(4, ge=1, le=64)
    llm_breaker_failures: int = Field(3, ge=1)
    llm_breaker_cooldown: float = Field(60.0, ge=0)
    llm_max_tokens: int = Field(400, ge=64, le=4096)
    # Answers are cached here (SQLite); "" switches the cache off.
    answer_cache: Path | None = None

    log_level: str = "WARNING"

    @field_validator(
        "titles_file", "chroma_url", "esco_version", "llm_base_url", "answer_cache", mode="before"
    )
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        return None if value == "" else value

    def llm_key(self) -> SecretStr | None:
        """The LLM API key from the environment or a file (never from the repo)."""
        if self.llm_api_key is not None:
            return self.llm_api_key
        if self.llm_api_key_file is not None:
            return SecretStr(self.llm_api_key_file.read_text("utf-8").strip())
        return None

    def answer_cache_path(self) -> Path | None:
        if "answer_cache" in self.model_fields_set and self.answer_cache is None:
            return None
        return self.answer_cache or self.data_dir / "answers.sqlite"

    def embedding_key(self) -> str | None:
        """The embeddings API key from the environment or a file (never from the repo)."""
        if self.embedding_api_key is not None:
            return self.embedding_api_key.get_secret_value()
        if self.embedding_api_key_file is not None:
            return self.embedding_api_key_file.read_text("utf-8").strip()
        return None
