"""All configuration, read once at the edge from ``NESTOR_*`` environment variables (or .env).

Core packages never read settings themselves: the CLI and the bot build them from this and
pass plain arguments in.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent
IdList = Annotated[list[int], NoDecode]  # parsed by Settings._id_list: "1,2" or "[1, 2]"


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

    # Discord (``nestorbot bot``). The token comes from the environment or a file, never logs.
    discord_token: SecretStr | None = None
    discord_token_file: Path | None = None
    discord_api_base: str = "https://discord.com/api/v10"  # a REST proxy, or a fake in tests
    discord_gateway_url: str = "wss://gateway.discord.gg/"  # a gateway proxy, or a fake
    discord_admin_user_ids: IdList = Field(default_factory=list)
    discord_admin_role_ids: IdList = Field(default_factory=list)
    discord_chat: bool = True  # answer mentions, DMs and the chat channels
    discord_chat_channel_ids: IdList = Field(default_factory=list)
    # the privileged message content intent, so servers may pick chat channels (/settings)
    discord_message_content: bool = False
    # each server's own settings (/settings), SQLite; by default under NESTOR_DATA_DIR
    discord_guild_settings: Path | None = None
    discord_dev_guild_id: int | None = None  # sync slash commands to this guild only (instant)
    discord_shard_count: int | None = None
    discord_shard_ids: IdList = Field(default_factory=list)  # empty: every shard
    discord_concurrency: int = Field(4, ge=1, le=64)  # questions answered at once
    # one person may ask ``discord_user_burst`` questions in any ``discord_user_cooldown`` s
    discord_user_burst: int = Field(3, ge=1, le=100)
    discord_user_cooldown: float = Field(60.0, ge=0)
    discord_lookup_burst: int = Field(20, ge=1, le=1000)  # /score, /compare ... per minute
    discord_queue_limit: int = Field(32, ge=0, le=10_000)  # answers waiting for a worker
    discord_choice_timeout: float = Field(120.0, gt=0)  # how long a "which job?" menu waits
    discord_reload_cooldown: float = Field(300.0, ge=0)  # seconds between two /kb reloads
    discord_drain_seconds: float = Field(15.0, ge=0)  # shutdown waits this long for answers
    # how often a bot process looks whether ``current`` was moved by another process or by
    # ``kb build`` (several processes on one data folder follow one reload); 0: never
    discord_kb_follow_seconds: float = Field(2.0, ge=0)

    log_level: str = "WARNING"

    @field_validator(
        "titles_file",
        "chroma_url",
        "esco_version",
        "llm_base_url",
        "answer_cache",
        "discord_dev_guild_id",
        "discord_shard_count",
        "discord_guild_settings",
        mode="before",
    )
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator(
        "discord_admin_user_ids",
        "discord_admin_role_ids",
        "discord_chat_channel_ids",
        "discord_shard_ids",
        mode="before",
    )
    @classmethod
    def _id_list(cls, value: object) -> object:
        """IDs as JSON (``[1, 2]``) or, more simply, comma separated (``1,2``)."""
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                return json.loads(text)
            return [int(v) for v in text.replace(" ", "").split(",") if v]
        return value

    def guild_settings_path(self) -> Path:
        return self.discord_guild_settings or self.data_dir / "guild_settings.sqlite"

    def discord_secret(self) -> str | None:
        """The bot token from the environment or a file (never from the repo)."""
        return _secret(self.discord_token, self.discord_token_file)

    def llm_key(self) -> SecretStr | None:
        """The LLM API key from the environment or a file (never from the repo)."""
        key = _secret(self.llm_api_key, self.llm_api_key_file)
        return SecretStr(key) if key else None

    def answer_cache_path(self) -> Path | None:
        if "answer_cache" in self.model_fields_set and self.answer_cache is None:
            return None
        return self.answer_cache or self.data_dir / "answers.sqlite"

    def embedding_key(self) -> str | None:
        """The embeddings API key from the environment or a file (never from the repo)."""
        return _secret(self.embedding_api_key, self.embedding_api_key_file)


def _secret(value: SecretStr | None, file: Path | None) -> str | None:
    """A secret given directly (environment) wins over one read from a file; blank is none."""
    if value is not None:
        return value.get_secret_value().strip() or None
    if file is not None:
        return file.read_text("utf-8").strip() or None
    return None
