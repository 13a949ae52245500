"""Every generated file is what `make generate` would write (bot/generate.py)."""

from bot import generate


def test_no_generated_file_is_stale():
    stale = generate.stale_files()
    assert not stale, f"run `make generate`: {[str(p) for p in stale]}"


def test_every_generator_owns_files_and_restores_a_hand_edit():
    files = generate.build()
    assert {p.name for p in files} >= {
        "domain.yml",
        "crisis-resources.json",
        "test_exercises.yml",
        "test_crisis_in_exercises.yml",
    }
    from actions import domain_spec

    real = domain_spec.DOMAIN_FILE.read_text(encoding="utf-8")
    form = next(iter(domain_spec.forms()))
    broken = real.replace(
        f"  {form}:\n    required_slots:\n", f"  {form}:\n    required_slots: []\n    old:\n", 1
    )
    assert broken != real
    restored = domain_spec.generated_files(lambda path: broken)[domain_spec.DOMAIN_FILE]
    assert "required_slots: []" not in restored
