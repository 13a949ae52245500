"""The crisis evaluations' sealed-set report: rates by category only, never a message, with
hard-negative categories a new sealed set names counted as everyday."""

from __future__ import annotations

from eval import crisis_bot
from eval.crisis import by_category, declared_everyday, everyday_categories

ROWS = [
    ("warning_signs", "SECRET-ONE i gave my bike away"),
    ("warning_signs", "SECRET-TWO nobody home friday"),
    ("stalking", "SECRET-THREE he waits outside"),
    ("idioms_everyday", "SECRET-FOUR drowning in laundry"),
    ("hyperbole", "SECRET-FIVE i will end my brother"),
]


def test_extra_everyday_categories_count_as_false_alarms_not_misses():
    assert "idioms_everyday" not in everyday_categories()
    assert {"idioms_everyday", "hyperbole"} <= everyday_categories([" idioms_everyday", ""])
    flag_all = {"all": lambda text: True}
    plain = by_category(ROWS, flag_all)["all"]
    named = by_category(ROWS, flag_all, ["idioms_everyday"])["all"]
    assert plain["FALSE ALARMS"] == 1.0 and plain["RECALL"] == 1.0
    assert named["FALSE ALARMS"] == 1.0 and named["RECALL"] == 1.0
    # with the name, 2 of the 5 are everyday; without it, only the hyperbole is
    only_first = {"first": lambda text: "ONE" in text}
    assert by_category(ROWS, only_first, ["idioms_everyday"])["first"]["RECALL"] == 1 / 3


def test_sealed_report_prints_rates_by_category_and_no_message(capsys):
    hits = [True, False, True, True, False]
    crisis_bot.category_report("sealed", ROWS, hits, everyday_categories(["idioms_everyday"]))
    out = capsys.readouterr().out
    assert "SECRET" not in out
    assert "recall 0.667 (2/3)" in out and "false alarms 0.500 (1/2)" in out
    assert "warning_signs" in out and "0.500  (1/2)" in out
    assert "idioms_everyday" in out.split("everyday (false alarms)")[1]


def test_sampling_every_nth_keeps_every_category():
    rows = [("a", str(i)) for i in range(5)] + [("b", "x")]
    sample = crisis_bot.every_nth_by_category(rows, 2)
    assert sample == [("a", "0"), ("a", "2"), ("a", "4"), ("b", "x")]


def test_sealed_runs_keep_rasas_per_message_debug_logs_quiet(capsys, caplog):
    """Rasa's processor logs every parsed text at debug level (structlog prints to stdout
    until configured): a sealed run must not print them."""
    import structlog

    crisis_bot.quiet_rasa_logs()
    structlog.get_logger().debug("processor.message.parse", parse_data_text="SECRET-SIX")
    structlog.get_logger().warning("still.shown")
    out = capsys.readouterr()
    assert "SECRET" not in out.out + out.err + caplog.text
    assert "still.shown" in caplog.text  # warnings still go through logging


def test_a_sets_header_declares_its_own_everyday_categories(tmp_path):
    """The writers' own hard negatives count as everyday in `make eval` without --everyday; their
    own crisis categories, lines that only look like headers and the messages do not."""
    sealed = tmp_path / "crisis.tsv"
    sealed.write_text(
        "# SEALED evaluation set: category\tmessage\n"
        "# new9a_everyday_knitting: EVERYDAY - wool talk with risk words\n"
        "# new9a_crisis_on_a_ledge: CRISIS - on a ledge now\n"
        "#new9b_everyday_cakes:EVERYDAY - baking\n"
        "new9a_crisis_on_a_ledge\tim on the roof\n"
        "# new9c_everyday_late: EVERYDAY - a comment after the first message is not a header\n",
        encoding="utf-8",
    )
    assert declared_everyday(sealed) == {"new9a_everyday_knitting", "new9b_everyday_cakes"}
    assert declared_everyday(tmp_path / "missing.tsv") == frozenset()
    everyday = everyday_categories(declared_in=[sealed])
    assert "new9a_everyday_knitting" in everyday and "hyperbole" in everyday
    assert "new9a_crisis_on_a_ledge" not in everyday
