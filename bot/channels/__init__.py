"""Our input channels. Importing any of them (Rasa does, from credentials.yml) also keeps
message text out of every log line of the Rasa server process (bot/log_redaction.py)."""

from bot.log_redaction import install as _install_log_redaction

_install_log_redaction()
