"""Resolve a question to one ESCO occupation, a short list to pick from, or "no job here".

Signals, each scored for every occupation, z-normalised per question and summed with weights:

* dense labels: cosine of the job words to every label (Chroma), pooled per occupation with a
  soft maximum (an occupation with several close labels beats one with a single lucky one),
  plus a small bonus for the preferred label;
* dense descriptions: cosine to "label. description";
* lexical: stemmed BM25 over labels (max per occupation) and over label + description;
* title memory: cosine to real vacancy titles tagged with an occupation, switched off when the
  question already matches an ESCO label closely (clean titles do not need it, noisy ones do).

A non-job gate compares the message with examples of messages that name no job. The
confidence is a logistic function of the fused margin and the best label similarity, fitted on
held-out vacancy titles (``bench/calibrate.py``). Everything is deterministic: same build, same
parameters, same answer.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

import numpy as np

from knowledge.embeddings import Embedder
from knowledge.fusion import OwnerMax, soft_max_pool, zscore
from knowledge.job_gate import why_no_job
from knowledge.kb import KnowledgeBase
from knowledge.mention_lift import lift, open_choice, settles
from knowledge.mentions import LabelMentions, Mention
from knowledge.menu import candidates, distinct_jobs, with_named
from knowledge.ranks import RankedLabels
from knowledge.resolution import Candidate, OccupationRef, Resolution
from knowledge.resolver_params import ResolverParams
from knowledge.sectors import Sectors
from knowledge.short_forms import spell_out_work_idioms
from knowledge.text import PEOPLE_WORDS, STILL_WORTH_IT, Query, career_talk, parse_question
from knowledge.usual_sense import UsualSenses
from knowledge.vectors import Hits, VectorStoreError
from knowledge.wordforms import singular, words
from knowledge.work_names import work_phrase

RESOLVER_VERSION = "1.12.27"
_MENU_SPARE = 10  # more candidates, to refill a menu once near-duplicates go (knowledge/menu.py)
_POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="nestor-search")
log = logging.getLogger(__name__)


@dataclass
class _Signals:
    """Per-question intermediate values, kept for diagnostics and calibration."""

    fused: np.ndarray
    as_fitted: np.ndarray  # the fused signal the confidence was fitted on (calibration.json)
    best_label_similarity: float
    non_job_similarity: float
    best_title_similarity: float = 0.0
    degraded: bool = False  # the vector store was unreachable: descriptions and words only


class Resolver:
    def __init__(self, kb: KnowledgeBase, embedder: Embedder, params: ResolverParams | None = None):
        self.kb = kb
        self.embedder = embedder
        self.params = params or ResolverParams.calibrated()
        self._n = len(kb.occupations)
        self._label_max = OwnerMax(kb.label_occ, self._n)
        # How common each occupation is: its vacancy titles (JobBERT validation split) as a
        # z-scored log count, so a generic word leans to the usual job. No titles, no prior.
        counts = np.bincount(kb.title_occ, minlength=self._n) if len(kb.title_occ) else None
        self._prior = zscore(np.log1p(counts.astype(np.float64))) if counts is not None else None
        by_label = {o.label: i for i, o in enumerate(kb.occupations)}
        self._mentions = LabelMentions.with_chosen(kb.labels, by_label)
        self._work_verbs = kb.store.work_verbs()
        self._common_verbs = kb.store.common_work_verbs(self.params.common_verb_occupations)
        self._usual = UsualSenses([o.label for o in kb.occupations], counts)
        self._sectors = Sectors(by_label)
        self._ranks = RankedLabels([o.label for o in kb.occupations])
        # Preferred labels (folded) -> their occupations, for the exact-name rule. Alternative
        # labels are left out: many are generic ("lab technician") and stay a choice.
        self._exact: dict[str, set[int]] = {}
        for row in kb.labels:
            if row.kind == "preferred":
                self._exact.setdefault(" ".join(row.text.casefold().split()), set()).add(
                    row.occupation_idx
                )

    def parse(self, text: str) -> Query:
        lex = self.kb.lexicon
        query = parse_question(text, lex.known, lex.is_head, self._work_verbs.__contains__)
        keep = self._mentions.alias_words | PEOPLE_WORDS
        # (what the work is done to is taken as written: "I make lattes" is no lathe)
        worked_on = {form for w in words(query.activity_text)[1:] for form in (w, singular(w))}
        # (nor is someone's thing: "my monstera's leaves" is no jewellery mounter's)
        keep |= worked_on | set(_OWNER.findall(query.clean.casefold()))
        said = [  # (a name run together is split: "careworker" is a care worker, no caseworker)
            w if w in keep
            else (not lex.known(w) and self._mentions.run_together(w)) or lex.correct(w)
            for w in query.job_text.split()
        ]  # fmt: skip
        corrected = " ".join(self._mentions.joined(said))  # "hair dresser": hairdresser
        return query if corrected == query.job_text else replace(query, job_text=corrected)

    def _names_exactly(self, job_text: str) -> set[int] | None:
        """Occupations with ``job_text`` as a label, also with its last word made singular."""
        said = job_text.casefold().split()
        if not said:
            return None
        return self._exact.get(" ".join(said)) or self._exact.get(
            " ".join([*said[:-1], singular(said[-1])])
        )

    def resolve(self, text: str, top_k: int = 5) -> Resolution:
        return self.resolve_batch([text], top_k)[0]

    def resolve_batch(self, texts: Sequence[str], top_k: int = 5) -> list[Resolution]:
        """Resolve many questions with one embedding call and one Chroma query per collection."""
        queries = [self.parse(t) for t in texts]
        signals = self.signals(queries)
        return [self._decide(q, s, top_k) for q, s in zip(queries, signals, strict=True)]

    def signals(self, queries: Sequence[Query]) -> list[_Signals | None]:
        p, kb = self.params, self.kb
        active = [i for i, q in enumerate(queries) if q.job_text]
        out: list[_Signals | None] = [None] * len(queries)
        if not active:
            return out

        # The non-job gate compares the message as written; a title that parsing left as it
        # was is embedded once, as its job words. MiniLM is uncased, so each distinct
        # lower-cased text is embedded once.
        def message(q: Query) -> str:
            plain = not (q.interrogative or q.job_frame or q.activity)
            as_said = plain and q.job_text == " ".join(singular(w) for w in words(q.clean))
            return q.job_text if as_said else q.clean  # ("test test" is no "tester")

        n = len(active)
        texts = [self._search_text(queries[i]) for i in active]
        texts += [message(queries[i]) for i in active]
        texts += [queries[i].activity_text or queries[i].job_text for i in active]
        distinct = {t.lower(): None for t in texts}
        position = {t: n for n, t in enumerate(distinct)}
        vectors = self.embedder.embed(list(distinct))[[position[t.lower()] for t in texts]]
        job_vecs, msg_vecs, work_vecs = vectors[:n], vectors[n : 2 * n], vectors[2 * n :]
        # The two Chroma searches run side by side (its Rust core releases the GIL).
        label_future = _POOL.submit(kb.vectors.query, "labels", job_vecs, p.label_k)
        title_future = None
        if p.w_titles and len(kb.title_occ):
            where = {"fold": {"$ne": p.title_fold}} if p.title_fold is not None else None
            title_future = _POOL.submit(
                kb.vectors.query, "titles", job_vecs, 2 * p.title_k, where=where
            )
        desc_sims = job_vecs @ kb.description_vectors.T
        # What needs no Chroma hits is computed while the searches run.
        in_memory = [
            self._in_memory_signals(queries[i], desc_sims[row], work_vecs[row])
            for row, i in enumerate(active)
        ]
        degraded = False
        try:
            label_hits = label_future.result()
            title_hits = title_future.result() if title_future is not None else []
        except VectorStoreError as exc:
            # Chroma down (server mode) or broken: keep answering from what is in memory
            # (description vectors, lexical indexes), more cautiously; it comes back by itself.
            log.warning("vector store unavailable, resolving without it: %s", exc)
            degraded, label_hits, title_hits = True, None, []
        non_job = msg_vecs @ kb.non_job_vectors.T if len(kb.non_job_vectors) else None
        for row, i in enumerate(active):
            out[i] = self._row_signals(
                queries[i],
                label_hits[row] if label_hits is not None else None,
                title_hits[row] if title_hits else None,
                desc_sims[row],
                in_memory[row],
                float(non_job[row].max()) if non_job is not None else 0.0,
                degraded,
            )
        return out

    def _search_text(self, query: Query) -> str:
        """What the embeddings compare with labels, titles and descriptions: the job words,
        led by the work said as a job title says it ("I fix bikes in a little shop" ->
        "bike fixer fix bike little shop"): labels are agent nouns, not sentences."""
        phrase = work_phrase(query.activity_text, self.kb.lexicon.is_head)
        return f"{phrase} {query.job_text}" if phrase else query.job_text

    def _row_signals(
        self,
        query: Query,
        hits: Hits | None,
        th: Hits | None,
        desc_row: np.ndarray,
        in_memory: np.ndarray,
        non_job: float,
        degraded: bool,
    ) -> _Signals:
        """One question's fused signal from its label and title hits and the signals read in
        memory (``_in_memory_signals``)."""
        p, kb = self.params, self.kb
        job_text = query.job_text
        if hits is not None:
            sim = hits.similarity + p.preferred_bonus * kb.label_preferred[hits.ids]
            dense = soft_max_pool(sim, kb.label_occ[hits.ids], self._n, p.pool_temperature)
            best_label = float(hits.similarity.max()) if len(hits.similarity) else 0.0
        else:  # an exact ESCO name, else the closest description, stands in
            dense = np.zeros(self._n, dtype=np.float64)
            best_label = 1.0 if self._names_exactly(job_text) else float(desc_row.max())
        fused = p.w_label * zscore(dense) + in_memory
        if query.activity and p.w_unsaid_rank:  # "I cut hair": no hairdresser assistant
            unsaid = self._ranks.unsaid(words(query.clean))
            fused[unsaid] -= p.w_unsaid_rank * max(float(fused.max()), 0.0)
            served = self._served_jobs(query.clean)  # "I file court papers for lawyers"
            fused[served] -= p.w_unsaid_rank * max(float(fused.max()), 0.0)
        best_title = 0.0
        as_fitted = fused
        if th is not None and len(th.ids):
            # The nearest of twice as many: an approximate search's farthest hits differ from
            # one process to the next (docs/resolution.md, step 28).
            nearest = np.lexsort((th.ids, -th.similarity))[: p.title_k]
            th = Hits(th.ids[nearest], th.similarity[nearest])
            best_title = float(th.similarity.max())
            span = max(p.titles_off_above - p.titles_on_below, 1e-6)
            on = float(np.clip((p.titles_off_above - best_label) / span, 0.0, 1.0))
            near = th.similarity >= p.title_min_similarity  # (far ones: noise, and unstable)
            if on > 0 and near.any():
                occ = kb.title_occ[th.ids[near]]
                memory = soft_max_pool(th.similarity[near], occ, self._n, p.pool_temperature)
                memory = zscore(np.maximum(memory, 0.0))
                # the confidence was fitted with the sentences' weight (calibration.json)
                as_fitted = fused + p.w_titles * on * memory
                w = p.w_titles_title_shaped if query.title_shaped else p.w_titles
                fused = fused + w * on * memory
        return _Signals(
            fused=fused,
            as_fitted=as_fitted,
            best_label_similarity=best_label,
            non_job_similarity=non_job,
            best_title_similarity=best_title,
            degraded=degraded,
        )

    def _in_memory_signals(self, query: Query, sims: np.ndarray, work: np.ndarray) -> np.ndarray:
        """The part of a question's fused signal read in memory: ``sims`` to descriptions, BM25
        over labels and descriptions, the prior, and the skills close to the ``work`` said."""
        p, kb = self.params, self.kb
        job_text = query.job_text
        # Only the closest descriptions carry signal; the long tail is flattened to the
        # k-th value so it does not move the z-normalisation.
        desc = sims.astype(np.float64)
        kth = np.partition(desc, -p.description_k)[-p.description_k]
        desc = np.maximum(desc, kth)
        bm25 = self._label_max(kb.label_bm25.scores(job_text))
        bm25_desc = kb.description_bm25.scores(job_text).astype(np.float64)
        fused = (
            (p.w_description_work if query.activity_text else p.w_description) * zscore(desc)
            + p.w_bm25_label * zscore(bm25)
            + p.w_bm25_description * zscore(bm25_desc)
        )
        if self._prior is not None and p.w_prior:
            fused = fused + p.w_prior * self._prior
        skills = self._skill_scores(query, work)
        if skills is not None:
            fused = fused + p.w_skills * zscore(skills, p.skill_min_sd)
        said = kb.lexicon.tokens(query.activity_text) if query.activity_text else []
        if len(said) >= p.skill_words_min and kb.skill_bm25 is not None and p.w_bm25_skills:
            fused = fused + p.w_bm25_skills * zscore(kb.skill_bm25.scores_tokens(said))
        return fused

    def _served_jobs(self, message: str) -> list[int]:
        """The occupations named by the people the work said is done for ("for lawyers"),
        whose skills share its words, but who are not who does it."""
        served = _FOR_THEM.findall(message.casefold())
        return [i for noun in served for i in self._exact.get(singular(noun), ())]

    def _skill_scores(self, query: Query, work_vector: np.ndarray) -> np.ndarray | None:
        """For a message that describes work ("I stock shelves at night"), how well each
        occupation's essential skills match the work said ("stock shelves")."""
        if not (self.params.w_skills and query.activity_text and self.kb.skills is not None):
            return None
        return self.kb.skills.scores(work_vector)

    def confidence(self, fused: np.ndarray, best_label: float, top: int) -> float:
        """How likely the answer ``top`` is right, read from the signal the coefficients were
        fitted on: its score and its lead over the best other (negative when that signal
        ranks another occupation first)."""
        others = np.delete(fused, top)
        second = float(others.max()) if len(others) else 0.0
        features = np.array([1.0, float(fused[top]), float(fused[top]) - second, best_label])
        coef = np.asarray(self.params.confidence_coef, dtype=np.float64)
        return float(1.0 / (1.0 + np.exp(-float(features @ coef))))

    def _field_worker(self, form: str) -> Mention | None:
        """A worker's name made from a field that is a label word for word ("beekeeper")."""
        found = self._mentions.find(form)
        return found if found is not None and found.text == form else None

    def _mention(self, query: Query) -> Mention | None:
        # A field asked about ("is nursing a safe career?") names its job noun in its usual
        # sense, unless the message names a job itself or describes the work ("building
        # sites"); a title ("Marketing Coordinator") is left to the label signals.
        weighed = career_talk(query.clean) or STILL_WORTH_IT.search(query.clean) is not None
        asked = bool(query.job_frame or weighed) and not query.activity
        sector = self._sectors.named(query, asked, self.kb.lexicon.is_head)  # "in construction"
        if sector is not None:
            return sector
        lexicon = self.kb.lexicon
        said = self._mentions.in_query(  # (in a job's words: "I work on reception at a vet")
            replace(query, clean=spell_out_work_idioms(query.clean)),
            lexicon.correct,
            lexicon.is_head,
            self._common_verbs.__contains__,
        )
        if said is not None and query.activity and _served(query.clean, said.text):
            said = None  # the people the work is for ("I do hair and makeup for actors")
        field = self._usual.of_field(query.clean, self._field_worker) if asked else None
        if field is not None and (said is None or (not said.preferred and said.text == field.text)):
            # with ESCO's own owners of the bare word ("dentistry": dentist, of dental practitioner)
            named = self._mentions.find(field.text, self.kb.lexicon.correct)
            return replace(self._usual.with_mention(field.text, named), field=True)
        return self._usual.with_mention(query.job_text, said, query)

    def _decide(self, query: Query, sig: _Signals | None, top_k: int) -> Resolution:
        p, kb = self.params, self.kb
        if sig is None:
            return Resolution(query.clean, "not_found", 0.0, None, [], "", "no job words")
        mention = self._mention(query) if p.w_mention else None
        why_not = why_no_job(query, sig, mention, p, kb.lexicon)
        if why_not:
            return Resolution(query.clean, "not_found", 0.0, None, [], query.job_text, why_not)
        fused = lift(sig.fused, mention, self._prior, p)
        # Stable order: score descending, then occupation index (ties are broken the same way).
        listed = max(top_k, p.max_candidates)
        ranked = np.lexsort((np.arange(self._n), -fused))[: listed + _MENU_SPARE]
        order = ranked[:listed]
        candidates = self._candidates(order, fused)[:top_k]
        confidence = round(
            self.confidence(sig.as_fitted, sig.best_label_similarity, int(order[0])), 4
        )
        best = kb.occupations[order[0]]
        if sig.degraded or open_choice(mention):  # (only an exact name may settle it)
            confidence = min(confidence, p.resolve_at - 0.01)
        # Naming exactly one occupation by its ESCO preferred label settles it, whatever the
        # neighbours look like ("industrial production managers" vs "manufacturing manager").
        if self._names_exactly(query.job_text) == {int(order[0])} or settles(
            mention, int(order[0])
        ):
            confidence = max(confidence, p.resolve_at)
        if confidence >= p.resolve_at:
            ref = OccupationRef(best.uri, best.label, best.isco_group)
            return Resolution(query.clean, "resolved", confidence, ref, candidates, query.job_text)
        menu = self._menu(query, mention, ranked, fused, min(top_k, p.max_candidates))
        return Resolution(
            query.clean,
            "ambiguous",
            confidence,
            None,
            self._candidates(np.asarray(menu), fused),
            query.job_text,
            "several occupations fit",
        )

    def _menu(
        self, query: Query, mention: Mention | None, ranked: np.ndarray, fused: np.ndarray, n: int
    ) -> list[int]:
        """The distinct jobs to choose from: of a bare word, only the jobs it names
        ("teacher": teachers); and the few jobs a message names by a name of their own, always
        ("croupier" is only an alternative label of gaming dealer, whatever "on a cruise
        ship" pulls up)."""
        if mention is not None and mention.bare and len(mention.occupations) > 1:
            ranked = ranked[np.isin(ranked, list(mention.occupations))]
        label_of = self.kb.occupations
        menu = distinct_jobs(ranked, lambda i: label_of[i].label, n, query.job_text.split())
        if mention is None or not 0 < len(mention.occupations) <= n:
            return menu
        if self._usual.own_name(mention):
            return with_named(menu, mention.occupations, n, lambda i: (-fused[i], i))
        return menu

    def _candidates(self, order: np.ndarray, fused: np.ndarray) -> list[Candidate]:
        return candidates(order, fused, self.params.candidate_temperature, self.kb.occupations)


_OWNER = re.compile(r"\b(\w+)'s\s+[a-z]")  # a word said as the owner of a thing

# The people the work said is done for: "for lawyers", "for the actors", "for our regulars".
_FOR_THEM = re.compile(r"\bfor\s+(?:the\s+|our\s+|my\s+|their\s+|some\s+)?(?:\w+\s+)?(\w+s)\b")


def _served(message: str, name: str) -> bool:
    """The job word is said only of the people the work said is done for ("make-up for
    actors on film sets"), never as what the worker is ("as a nurse")."""
    head = name.split()[-1]
    lowered = message.casefold()
    as_one = re.search(rf"\b(?:a|an|as)\s+(?:\w+\s+)?{re.escape(head)}\b", lowered)
    return f"{head}s" in _FOR_THEM.findall(lowered) and as_one is None
