"""``python -m bot.review [--host H] [--port P] [--insecure-cookie]``: serve the review app."""

from bot.review.serve import main

raise SystemExit(main())
