"""Counsellor review web app over the anonymised review store (never the tracker store)."""


def create_app(config=None):
    """Build the Flask app (imported lazily so the CLI does not load Flask twice)."""
    from bot.review.app import create_app as _create

    return _create(config)
