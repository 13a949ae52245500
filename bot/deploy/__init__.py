"""The production shape's own pieces: the Redis conversation lock, the nginx configuration
renderer, and ``python -m bot.deploy`` (``make deploy``) that starts the whole shape locally.

The configuration a real deployment uses lives in ``deploy/`` at the root (README,
"Production deployment"); this package holds only code.
"""
