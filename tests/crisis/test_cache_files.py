"""The crisis caches are written aside and renamed: a reader sees the old file or the new one,
and a write that fails leaves the old file and no temporary file behind."""

from __future__ import annotations

import pytest

from bot.crisis.cache_files import write_text_aside


def test_the_file_is_written_whole_into_a_new_folder(tmp_path):
    target = tmp_path / "new" / "cache.tsv"
    write_text_aside(target, lambda out: out.write("a\tb\n"))
    assert target.read_text(encoding="utf-8") == "a\tb\n"
    assert [p.name for p in target.parent.iterdir()] == ["cache.tsv"]


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "cache.json"
    target.write_text("old", encoding="utf-8")

    def half_then_fail(out):
        out.write("half of the new")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        write_text_aside(target, half_then_fail)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["cache.json"]
