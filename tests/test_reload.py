"""Reloading the knowledge base while questions keep being answered (small real build)."""

from __future__ import annotations

import threading
import time
from dataclasses import replace

import pytest

from bot.app import Assistant
from bot.settings import Settings
from knowledge.esco import EscoSourceError


@pytest.fixture()
def small_assistant(tmp_path, subset_dir):
    settings = Settings(esco_source=subset_dir, data_dir=tmp_path / "data", titles_file="")
    return Assistant(settings, progress=False)


def test_reload_swaps_in_a_new_build_without_interrupting_answers(small_assistant):
    old_id = small_assistant.kb.build_id
    answers: list[str] = []
    errors: list[BaseException] = []
    stop = threading.Event()

    def ask_forever() -> None:
        while not stop.is_set():
            try:
                serving = small_assistant.kb.build_id  # the build this answer comes from
                result = small_assistant.resolve("will AI replace bakers?")
                answers.append((serving, result.candidates[0].label))
            except BaseException as exc:  # any failure during the swap is a test failure
                errors.append(exc)
                return

    worker = threading.Thread(target=ask_forever)
    worker.start()
    try:
        new_kb = small_assistant.reload()
        deadline = time.monotonic() + 60
        while not any(b == new_kb.build_id for b, _ in answers) and time.monotonic() < deadline:
            time.sleep(0.01)  # until the new build has answered too
    finally:
        stop.set()
        worker.join(timeout=60)
    assert errors == []
    # answers kept coming from the old build while the new one was built, then from the new
    assert {b for b, _ in answers} == {old_id, new_kb.build_id}
    assert {label for _, label in answers} == {"baker"}
    assert new_kb.build_id != old_id
    assert small_assistant.kb.build_id == new_kb.build_id


def test_failed_reload_keeps_the_working_knowledge_base(small_assistant, tmp_path):
    old_id = small_assistant.kb.build_id
    broken = tmp_path / "broken"
    broken.mkdir()
    small_assistant.config = replace(small_assistant.config, esco_source=broken)
    with pytest.raises(EscoSourceError):
        small_assistant.reload()
    assert small_assistant.kb.build_id == old_id
    assert small_assistant.resolve("baker").candidates[0].label == "baker"
