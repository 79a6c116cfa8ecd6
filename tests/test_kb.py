"""Building, versioning, atomic swapping and read-only use of the knowledge base (small build)."""

from __future__ import annotations

import itertools
import json
import os
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace

import numpy as np
import pytest

from knowledge.builds import build_lock
from knowledge.esco import EscoSourceError
from knowledge.kb import (
    BUILD_FORMAT,
    BuildInProgress,
    KnowledgeBase,
    KnowledgeBaseError,
    build,
    current_build,
    ensure,
)
from knowledge.vectors import ADD_BATCH, add_batches
from tests.test_cli import NESTORBOT, REPO


def test_remembered_vectors_are_the_models_own(embedder):
    """The session's embedder remembers vectors across builds (support/remembering_embedder):
    a text gets the vector the model gives it alone, whatever batch it was first embedded in."""
    texts = ["baker", "plate glass installer", "a much longer text about welding pipes", "baker"]
    first = embedder.embed(texts)
    for text, vector in zip(texts, first, strict=True):
        assert np.allclose(embedder.model.embed([text])[0], vector, atol=1e-5)
    assert np.array_equal(first[0], first[3]) and embedder.embed([]).shape == (0, embedder.dim)


def test_a_text_met_twice_in_a_build_is_embedded_once(embedder):
    """The build embeds a text once, in any case when the model is uncased (its tokenizer lowers
    every text, so both spellings get the same vector)."""
    from tqdm import tqdm

    from knowledge.vector_build import _embed_once

    class Counting:
        model_id, dim, uncased = embedder.model_id, embedder.dim, True

        def __init__(self):
            self.seen: list[str] = []

        def embed(self, texts):
            self.seen += texts
            return embedder.model.embed(texts)

    counting, memo, quiet = Counting(), {}, tqdm(disable=True)
    texts = ["Plate Glass INSTALLER", "baker", "plate glass installer", "baker"]
    vectors = _embed_once(counting, texts, memo, bar=quiet)
    assert counting.seen == ["Plate Glass INSTALLER", "baker"]
    alone = embedder.model.embed(["plate glass installer", "baker"])
    assert np.allclose(vectors[[2, 3]], alone, atol=1e-5)
    assert np.allclose(vectors[0], vectors[2]) and np.array_equal(vectors[1], vectors[3])
    _embed_once(counting, ["BAKER", "cook"], memo, bar=quiet)
    assert counting.seen[2:] == ["cook"]  # remembered across the build's collections
    counting.uncased = False
    _embed_once(counting, ["BAKER"], memo, bar=quiet)
    assert counting.seen[3:] == ["BAKER"]  # a cased model embeds each spelling


def test_vectors_are_added_in_even_batches_that_each_make_chroma_write_its_graph():
    assert add_batches(0) == [] and add_batches(99) == [(0, 99)]
    assert add_batches(1001) == [(0, 500), (500, 1001)]
    batches = add_batches(33_164)
    assert batches[0][0] == 0 and batches[-1][1] == 33_164
    assert all(a[1] == b[0] for a, b in itertools.pairwise(batches))
    assert 500 <= min(e - s for s, e in batches) <= max(e - s for s, e in batches) <= ADD_BATCH


def test_build_writes_a_versioned_validated_build(small_config, embedder):
    result = build(small_config, embedder, progress=False)
    kb = KnowledgeBase.open(small_config, embedder)
    status = kb.status()
    assert status["build_id"] == result.build_id
    assert status["esco_version"] == "1.1.1"
    assert status["embedding_model"] == embedder.model_id
    assert len(status["build_hash"]) == 64
    counts = status["counts"]
    assert counts["occupations"] == len(kb.occupations) > 100
    assert counts["labels"] == kb.vectors.count("labels") > counts["occupations"]
    assert kb.vectors.count("descriptions") == counts["occupations"]
    for kind in ("labels", "descriptions", "titles"):  # each add writes the graph (vectors.py)
        hnsw = kb.vectors.collection(kind).configuration_json["hnsw"]
        smallest = min((e - s for s, e in add_batches(kb.vectors.count(kind))), default=0)
        assert hnsw["sync_threshold"] <= max(smallest, 100)  # (under 100: searched exactly)
    assert status["size_bytes"] > 0
    assert any("missing from the export" in line for line in kb.manifest["load_report"])
    # every label kind is indexed, not only preferred labels
    kinds = {r.kind for r in kb.labels}
    assert {"preferred", "alternative"} <= kinds


def test_same_input_gives_same_build_hash(small_config, embedder):
    first = build(small_config, embedder, progress=False)
    second = build(small_config, embedder, progress=False)
    assert first.manifest["build_hash"] == second.manifest["build_hash"]
    assert first.build_id != second.build_id
    assert current_build(small_config).name == second.build_id


def test_failed_validation_leaves_the_working_build_in_place(small_config, embedder):
    good = build(small_config, embedder, progress=False)

    def refuse(_kb):
        raise KnowledgeBaseError("refused by test")

    with pytest.raises(KnowledgeBaseError, match="refused by test"):
        build(small_config, embedder, progress=False, validate=refuse)
    assert current_build(small_config).name == good.build_id
    builds = sorted(p.name for p in (small_config.root / "builds").iterdir())
    assert builds == [good.build_id], "the refused build's folder is removed"
    assert KnowledgeBase.open(small_config, embedder).build_id == good.build_id


def test_corrupt_source_leaves_the_working_build_in_place(small_config, embedder, tmp_path):
    good = build(small_config, embedder, progress=False)
    broken = tmp_path / "broken"
    broken.mkdir()
    for path in small_config.esco_source.iterdir():
        (broken / path.name).write_bytes(path.read_bytes())
    text = (broken / "occupations_en.csv").read_text("utf-8")
    (broken / "occupations_en.csv").write_text(text[: len(text) // 2] + '\n"unterminated', "utf-8")
    (broken / "skills_en.csv").unlink()
    with pytest.raises(EscoSourceError, match=r"skills_en\.csv"):
        build(replace(small_config, esco_source=broken), embedder, progress=False)
    assert current_build(small_config).name == good.build_id


def test_interrupted_build_is_ignored_and_cleaned(small_config, embedder):
    good = build(small_config, embedder, progress=False)
    leftover = small_config.root / "builds" / "20990101T000000-deadbeef00"
    (leftover / "chroma").mkdir(parents=True)
    (leftover / "store.sqlite").write_bytes(b"half written")
    assert current_build(small_config).name == good.build_id
    newer = build(small_config, embedder, progress=False)
    assert not leftover.exists()
    assert current_build(small_config).name == newer.build_id


def test_old_builds_are_pruned(small_config, embedder):
    ids = [build(small_config, embedder, progress=False).build_id for _ in range(3)]
    remaining = {p.name for p in (small_config.root / "builds").iterdir()}
    assert remaining == set(ids[-2:])  # (ids made in one second do not sort by build order)


def test_ensure_builds_on_first_use_then_reuses(small_config, embedder):
    assert current_build(small_config) is None
    kb = ensure(small_config, embedder, progress=False)
    again = ensure(small_config, embedder, progress=False)
    assert kb.build_id == again.build_id


def test_store_is_opened_read_only(small_config, embedder):
    kb = ensure(small_config, embedder, progress=False)
    with pytest.raises(sqlite3.OperationalError):
        kb.store._con.execute("DELETE FROM occupations")


def test_missing_kb_gives_a_clear_error(small_config, embedder):
    with pytest.raises(KnowledgeBaseError, match="nestorbot kb build"):
        KnowledgeBase.open(small_config, embedder)


def test_swap_is_a_symlink_rename(small_config, embedder):
    build(small_config, embedder, progress=False)
    assert os.path.islink(small_config.current)
    manifest = json.loads((current_build(small_config) / "manifest.json").read_text())
    assert manifest["counts"]["non_job_examples"] > 100


def test_build_hash_changes_when_an_input_changes(small_config, embedder, tmp_path):
    """Same inputs, same hash (above); one changed byte of the export, a different hash."""
    import shutil

    from knowledge.kb import _hash_inputs

    copy = tmp_path / "esco"
    shutil.copytree(small_config.esco_source, copy)
    before = _hash_inputs(replace(small_config, esco_source=copy), embedder.model_id)
    occupations = copy / "occupations_en.csv"
    occupations.write_text(occupations.read_text("utf-8") + "\n", "utf-8")
    after = _hash_inputs(replace(small_config, esco_source=copy), embedder.model_id)
    assert before != after
    assert _hash_inputs(small_config, embedder.model_id) != _hash_inputs(
        small_config, "another-model"
    )


def test_a_build_of_another_embedding_model_is_refused(small_config, embedder):
    build(small_config, embedder, progress=False)
    path = current_build(small_config)
    manifest = json.loads((path / "manifest.json").read_text("utf-8"))
    manifest["embedding_model"] = "some-other-model"
    with pytest.raises(KnowledgeBaseError, match="built with some-other-model"):
        KnowledgeBase.open_build(path, small_config, embedder, manifest=manifest)


def test_a_server_mode_build_without_a_url_is_refused(small_config, embedder):
    build(small_config, embedder, progress=False)
    path = current_build(small_config)
    manifest = json.loads((path / "manifest.json").read_text("utf-8"))
    manifest["chroma"] = {"mode": "server", "url": "http://127.0.0.1:1"}
    with pytest.raises(KnowledgeBaseError, match="set NESTOR_CHROMA_URL"):
        KnowledgeBase.open_build(path, replace(small_config, chroma_url=None), embedder, manifest)


def test_missing_lexical_indexes_are_rebuilt_in_memory(small_config, embedder):
    build(small_config, embedder, progress=False)
    path = current_build(small_config)
    with_file = KnowledgeBase.open(small_config, embedder)
    (path / "lexical.pkl").unlink()
    without = KnowledgeBase.open(small_config, embedder)
    query = "bakery"
    assert list(without.label_bm25.scores(query)) == list(with_file.label_bm25.scores(query))
    assert without.lexicon.is_head("baker") == with_file.lexicon.is_head("baker")
    skill_words = "knead dough"
    assert list(without.skill_bm25.scores(skill_words)) == list(
        with_file.skill_bm25.scores(skill_words)
    )


def test_each_occupation_has_the_words_of_its_skills_to_match_work_said(small_config, embedder):
    """A description of work ("I check tickets and make the announcements") is matched with
    the words of each occupation's skills, essential and optional, alternative labels too."""
    build(small_config, embedder, progress=False)
    kb = KnowledgeBase.open(small_config, embedder)
    documents = kb.store.skill_documents()
    assert len(documents) == len(kb.occupations)
    by_occupation = {o.uri: i for i, o in enumerate(kb.occupations)}
    rows = kb.store._rows(
        "SELECT r.occupation_uri, s.label FROM relations r JOIN skills s ON s.uri = r.skill_uri"
        " WHERE s.skill_type = 'skill/competence' LIMIT 20"
    )
    for occupation, label in rows:
        i = by_occupation[occupation]
        assert set(label.casefold().split()) <= set(documents[i].split())
        # its own skill's words put it among the best matches
        scores = kb.skill_bm25.scores(label)
        assert scores[i] > 0 and scores[i] >= sorted(scores)[-10]


def test_the_description_vectors_read_at_start_are_chromas_own(small_config, embedder):
    """The copy a start reads (descriptions.npy) holds what Chroma stores, in occupation order,
    and each is the embedding of its occupation's label and description."""
    build(small_config, embedder, progress=False)
    kb = KnowledgeBase.open(small_config, embedder)
    assert np.array_equal(kb.description_vectors, kb.vectors.all_vectors("descriptions"))
    first = kb.occupations[0]
    expected = embedder.embed([f"{first.label}. {kb.store.description(first.uri)}"])[0]
    assert float(kb.description_vectors[0] @ expected) > 0.99
    assert kb.description_vectors.shape == (len(kb.occupations), embedder.dim)


def test_the_first_start_after_an_upgrade_builds_anew(small_config, embedder):
    """``ensure`` treats a build of an older format like no build: it makes one this
    version reads, and leaves the old one to pruning."""
    old = build(small_config, embedder, progress=False)
    manifest_file = old.path / "manifest.json"
    manifest = json.loads(manifest_file.read_text("utf-8"))
    manifest_file.write_text(json.dumps({**manifest, "build_format": "9"}), "utf-8")
    kb = ensure(small_config, embedder)
    assert kb.path != old.path and kb.manifest["build_format"] == BUILD_FORMAT


def test_the_build_writes_the_verbs_and_two_word_starts_of_skills(small_config, embedder):
    """The work verbs are written by the build (computing them took a fifth of a second of
    every start): the first word of each skill, and the first two words of each of its
    labels; knowledge, which names no work done, adds none."""
    build(small_config, embedder, progress=False)
    kb = KnowledgeBase.open(small_config, embedder)
    verbs = kb.store.work_verbs()
    rows = kb.store._rows("SELECT label, alt_labels, skill_type FROM skills")
    said = knowledge_only = 0
    for label, alternatives, kind in rows:
        first_two = " ".join(label.casefold().split()[:2])
        if kind == "skill/competence":
            assert label.casefold().split()[0] in verbs
            assert first_two in verbs or len(label.split()) < 2
            for other in json.loads(alternatives):
                if len(other.split()) >= 2:
                    assert " ".join(other.casefold().split()[:2]) in verbs
            said += 1
        elif len(label.split()) >= 2 and first_two not in verbs:
            knowledge_only += 1
    assert said > 10 and knowledge_only > 0


def test_a_build_of_an_older_format_or_without_its_vectors_is_refused_with_what_to_do(
    small_config, embedder
):
    """A format-9 build has no descriptions.npy and no work_verbs table: it is refused with
    the command that makes a new one, not a missing-file error; so is a build its vector
    store does not hold (it would otherwise answer, worse, with words only)."""
    build(small_config, embedder, progress=False)
    kb = KnowledgeBase.open(small_config, embedder)
    titles = list(kb.store._rows("SELECT occupation_idx FROM titles ORDER BY id"))
    assert kb.title_occ.tolist() == [r[0] for r in titles]  # (the small export has none)
    manifest = json.loads((kb.path / "manifest.json").read_text("utf-8"))
    with pytest.raises(KnowledgeBaseError, match=r"older version.*nestorbot kb build"):
        KnowledgeBase.open_build(kb.path, small_config, embedder, {**manifest, "build_format": "9"})
    counts = {**manifest["counts"], "occupations": manifest["counts"]["occupations"] + 1}
    with pytest.raises(KnowledgeBaseError, match="does not hold build"):
        KnowledgeBase.open_build(kb.path, small_config, embedder, {**manifest, "counts": counts})


# -- one build at a time, across processes -------------------------------------------------------

HOLD_LOCK = """
import sys, time
from pathlib import Path
from knowledge.kb import KBConfig
from knowledge.builds import build_lock
config = KBConfig(esco_source=Path(sys.argv[1]), data_dir=Path(sys.argv[2]))
with build_lock(config):
    print("locked", flush=True)
    time.sleep(600)
"""


def test_a_second_build_is_refused_at_once_with_the_holders_pid(small_config, embedder):
    """Another process is building (it holds the lock): a build here is refused before it
    reads or writes anything, naming that process; once the holder dies (even by SIGKILL,
    which runs no clean-up), the next build goes ahead."""
    paths = [str(small_config.esco_source), str(small_config.data_dir)]
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, *paths],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(BuildInProgress) as refused:
            build(small_config, embedder, progress=False)
        assert refused.value.pid == holder.pid
        assert str(refused.value) == f"another build is running (pid {holder.pid})"
        assert not (small_config.root / "builds").exists()  # nothing was started
    finally:
        holder.kill()
        holder.wait(30)
    result = build(small_config, embedder, progress=False)
    assert current_build(small_config) == result.path


def test_ensure_waits_for_a_build_another_process_is_making(small_config, embedder):
    """Two bot processes started together on an empty folder: the second waits for the first
    one's build rather than fail on the lock; when the holder goes without finishing, the
    waiting process builds it itself."""
    from knowledge.kb import ensure

    paths = [str(small_config.esco_source), str(small_config.data_dir)]
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, *paths], stdout=subprocess.PIPE, text=True, cwd=REPO
    )
    refusals = []
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(BuildInProgress):  # no time to wait: refused, as before
            ensure(small_config, embedder, wait=0, progress=False)

        def waited(seconds: float) -> None:
            refusals.append(seconds)
            if len(refusals) == 3:
                holder.kill()  # the other build dies unfinished while we wait
            time.sleep(0.01)

        kb = ensure(small_config, embedder, wait=600, sleep=waited, progress=False)
    finally:
        holder.kill()
        holder.wait(30)
    assert len(refusals) >= 3  # it waited while the lock was held
    assert kb.path == current_build(small_config)


def test_the_cli_refuses_a_concurrent_build_in_one_line(small_config, cli_env):
    env = dict(
        cli_env,
        NESTOR_ESCO_SOURCE=str(small_config.esco_source),
        NESTOR_DATA_DIR=str(small_config.data_dir),
        NESTOR_TITLES_FILE="",
    )
    with build_lock(small_config):
        proc = subprocess.run(
            [*NESTORBOT, "kb", "build"], env=env, capture_output=True, text=True, timeout=120
        )
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.strip() == (
        f"nestorbot: error: another build is running (pid {os.getpid()})"
    )
    assert not (small_config.root / "builds").exists()


def test_two_builds_in_the_same_second_get_different_ids(small_config, embedder, monkeypatch):
    """The clock stands still (as for two builds started in the same second): the ids and
    folders still differ, by their random tail."""
    import datetime as real

    import knowledge.kb as kb_module

    class Frozen(real.datetime):
        @classmethod
        def now(cls, tz=None):
            return cls(2026, 12, 6, 12, 0, 0, tzinfo=tz)

    monkeypatch.setattr(kb_module, "datetime", Frozen)
    first = build(small_config, embedder, progress=False)
    second = build(small_config, embedder, progress=False)
    assert first.build_id[:15] == second.build_id[:15] == "20261206T120000"
    assert first.build_id != second.build_id
    assert first.manifest["build_hash"] == second.manifest["build_hash"]  # same inputs
