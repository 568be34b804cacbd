"""Settings (env prefix KLASTER_), loaded by a function, never at import."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import Field, SecretStr, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

BUNDLED_MODEL = "multilingual-e5-small"
MODEL_CACHE = Path.home() / ".cache" / "klaster" / "models"


# Settings whose values are checked at construction: (lowest, highest, unit in the message).
_RANGES = {"chunk_size": (200, 2000, " characters"), "top_k": (1, 20, ""),
           "llm_passages": (1, 20, ""), "llm_timeout": (0.1, 3600, " seconds")}


class Settings(BaseSettings):
    """Everything that can be configured; every path can point at a temporary folder."""

    model_config = SettingsConfigDict(env_prefix="KLASTER_", env_file=".env", extra="ignore")

    index: Path = Field(Path("index"), description="Folder of the persisted index")
    corpus: Path = Field(Path("corpus"), description="Folder ingested on first run")
    chroma_url: str | None = Field(None, description="Chroma server URL; unset = on disk")
    embedding_model: str = Field(BUNDLED_MODEL, description="Bundled e5, or any ST model/path")
    model_cache: Path = Field(
        MODEL_CACHE,
        description="Where the bundled model is converted to sentence-transformers form",
    )
    chunk_size: int = 900
    chunk_max: int = 1100
    top_k: int = 10
    candidates: int = 30
    llm: Literal["extractive", "openai"] = Field(
        "extractive", description="Answer backend: 'extractive' quotes (no LLM); 'openai' asks "
                                  "an OpenAI-compatible chat server")
    llm_base_url: str | None = Field(None, description="e.g. http://127.0.0.1:11434/v1 (Ollama)")
    llm_model: str | None = Field(None, description="model name the server knows")
    llm_api_key: SecretStr | None = Field(None, description="never logged or shown")
    llm_timeout: float = Field(60, description="seconds a model call may take before the "
                                                "extractive answer is shown instead")
    llm_max_tokens: int = Field(400, description="longest generated answer, in tokens")
    llm_passages: int = Field(4, description="passages given to the model")
    host: str = "127.0.0.1"
    port: int = 7860
    admin_user: str | None = None
    admin_password: SecretStr | None = None
    max_upload_mb: int = 20
    max_file_mb: float = Field(50, description="Largest file ingest reads; larger are refused")
    read_seconds: float = Field(60, description="Time to read one file, plus read_seconds_per_mb")
    read_seconds_per_mb: float = 10
    max_question_chars: int = Field(1000, description="Longest question the chat accepts")
    max_comment_chars: int = Field(2000, description="Longest feedback comment")
    queue_concurrency: int = Field(4, description="Questions answered at once by the web app")
    login_attempts: int = Field(5, description="Failed admin logins before a client waits")
    login_lockout_seconds: float = Field(300, description="How long that client waits")
    login_delay_seconds: float = Field(1.0, description="Each failed login waits this long")

    @field_validator(*_RANGES)
    @classmethod
    def _in_range(cls, value: float, info: ValidationInfo) -> float:
        low, high, unit = _RANGES[info.field_name or ""]
        if not low <= value <= high:
            raise ValueError(f"{info.field_name} must be between {low} and {high}{unit}")
        return value


def load_settings(**overrides: object) -> Settings:
    """Defaults < .env / KLASTER_* environment < explicit overrides (CLI flags).

    Args:
        overrides: values that win over everything else; ``None`` values are ignored.

    Returns:
        The settings.
    """
    given: dict[str, Any] = {k: v for k, v in overrides.items() if v is not None}
    return Settings(**given)


def offline_environment() -> None:
    """No model hub downloads and no telemetry, unless the user has said otherwise; call it
    before torch is imported.

    It also makes idle OpenMP threads sleep instead of spin: on a CPU shared with other work,
    spinning threads made one query embedding take 0.7-1 s instead of 35 ms (2 cores, measured).
    """
    import os

    for name, value in {
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "HF_HUB_DISABLE_TELEMETRY": "1",
        "ANONYMIZED_TELEMETRY": "False",
        "GRADIO_ANALYTICS_ENABLED": "False",
        "TOKENIZERS_PARALLELISM": "false",
        "OMP_WAIT_POLICY": "PASSIVE",
    }.items():
        os.environ.setdefault(name, value)
