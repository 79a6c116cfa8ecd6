"""The ESCO loader on the real export, on a v1.2.x-layout copy, and on broken files."""

from __future__ import annotations

import gzip
import shutil

import pytest

from knowledge.esco import EscoSourceError, load_esco
from support.esco_subset import write_subset


def test_real_export_counts_and_quirks(esco_dir):
    data = load_esco(esco_dir)
    assert data.version == "1.1.1"
    assert len(data.occupations) == 3007
    assert len(data.skills) == 13896
    # 123,855 rows, of which 67 point to an occupation missing from the export.
    assert len(data.relations) == 123855 - 67
    assert data.report.quirks["relations to an occupation missing from the export"] == 67
    assert {r.relation_type for r in data.relations} == {"essential", "optional"}
    assert len(data.isco_groups) == 619


def test_occupation_records_are_complete(esco_dir):
    data = load_esco(esco_dir)
    welder = next(o for o in data.occupations.values() if o.label == "welder")
    assert welder.isco_group == "7212"
    assert welder.code.startswith("7212")
    assert welder.description
    assert welder.all_labels[0] == "welder"
    assert len(welder.all_labels) == len({x.casefold() for x in welder.all_labels})
    hidden = sum(len(o.hidden_labels) for o in data.occupations.values())
    assert hidden > 0
    skill = next(iter(data.skills.values()))
    assert skill.skill_type in {"skill/competence", "knowledge", ""}
    assert data.skill_broader, "skill hierarchy edges are loaded"


def test_v12_layout_reads_the_same(tmp_path):
    v11 = load_esco(write_subset(tmp_path / "v11", 40, layout="1.1"))
    v12 = load_esco(write_subset(tmp_path / "v12", 40, layout="1.2"))
    assert v11.occupations == v12.occupations
    assert v11.relations == v12.relations
    assert v12.report.quirks["relations to an occupation missing from the export"] == 1


def test_short_rows_are_counted_not_fatal(tmp_path):
    data = load_esco(write_subset(tmp_path / "e", 10))
    assert any("short rows" in q for q in data.report.quirks)


def test_gzipped_and_plain_files_both_load(tmp_path):
    plain = write_subset(tmp_path / "plain", 20)
    gz = tmp_path / "gz"
    gz.mkdir()
    for path in plain.iterdir():
        with path.open("rb") as src, gzip.open(gz / f"{path.name}.gz", "wb") as dst:
            shutil.copyfileobj(src, dst)
    assert load_esco(plain).occupations == load_esco(gz).occupations


def test_missing_source_names_the_folder_and_how_to_fix(tmp_path):
    with pytest.raises(EscoSourceError) as err:
        load_esco(tmp_path / "nowhere")
    assert "nowhere" in str(err.value) and "NESTOR_ESCO_SOURCE" in str(err.value)


def test_missing_required_file_is_named(tmp_path):
    src = write_subset(tmp_path / "e", 10)
    (src / "skills_en.csv").unlink()
    with pytest.raises(EscoSourceError, match=r"skills_en\.csv"):
        load_esco(src)


def test_corrupt_gzip_is_named(tmp_path):
    src = write_subset(tmp_path / "e", 10)
    (src / "occupations_en.csv").unlink()
    (src / "occupations_en.csv.gz").write_bytes(b"\x1f\x8bnot really gzip")
    with pytest.raises(EscoSourceError, match=r"occupations_en\.csv\.gz"):
        load_esco(src)


def test_wrong_columns_are_named(tmp_path):
    src = write_subset(tmp_path / "e", 10)
    (src / "skills_en.csv").write_text("a,b,c\n1,2,3\n", "utf-8")
    with pytest.raises(EscoSourceError, match=r"skills_en.csv.*conceptUri"):
        load_esco(src)
