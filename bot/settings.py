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

    log_level: str = "WARNING"

    @field_validator("titles_file", "chroma_url", "esco_version", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        return None if value == "" else value

    def embedding_key(self) -> str | None:
        """The embeddings API key from the environment or a file (never from the repo)."""
        if self.embedding_api_key is not None:
            return self.embedding_api_key.get_secret_value()
        if self.embedding_api_key_file is not None:
            return self.embedding_api_key_file.read_text("utf-8").strip()
        return None
