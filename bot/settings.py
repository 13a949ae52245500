"""Every environment variable the project reads, declared once, typed, with its default.

Why one module: a setting parsed in two places drifts (``RETENTION_DAYS`` once let Telegram's
/start promise 30 days while the store purged at 7.5). Code asks ``settings.NAME.get()`` at the
moment it needs the value (tests and subprocesses set the environment late), and a test checks
that every setting here is documented in the README and that no other module reads
``os.environ`` for configuration.

An invalid value is never silently replaced by a different number: ``get()`` raises
``SettingError`` naming the variable, so a deployment fails loudly at start-up instead of
behaving differently from what its operator wrote.
"""

from __future__ import annotations

import os
import secrets as _secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, Generic, List, Optional, TypeVar

ROOT = Path(__file__).resolve().parents[1]
VAR = ROOT / "var"
SECRETS_DIR = VAR / "secrets"

T = TypeVar("T")
FALSE_WORDS = {"0", "false", "no", "off"}
TRUE_WORDS = {"1", "true", "yes", "on"}


class SettingError(ValueError):
    """An environment variable holds a value the project cannot use."""


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One environment variable: its name, how to read it, its default and what it is for."""

    name: str
    parse: Callable[[str], T]
    default: Optional[T]
    doc: str
    secret: bool = False

    def raw(self) -> Optional[str]:
        value = os.environ.get(self.name)
        if value is None or value.strip() == "":
            return None
        return value.strip()

    def get(self) -> Optional[T]:
        value = self.raw()
        if value is None:
            return self.default
        try:
            return self.parse(value)
        except (TypeError, ValueError) as error:
            shown = "(hidden)" if self.secret else repr(value)
            raise SettingError(f"{self.name}={shown} is not valid: {error}") from None

    def is_set(self) -> bool:
        return self.raw() is not None


def _flag(value: str) -> bool:
    lowered = value.lower()
    if lowered in TRUE_WORDS:
        return True
    if lowered in FALSE_WORDS:
        return False
    raise ValueError("use 1/0, true/false, yes/no or on/off")


def _positive_float(value: str) -> float:
    number = float(value)
    if not number > 0:
        raise ValueError("must be a number above 0")
    return number


def _port(value: str) -> int:
    number = int(value)
    if not 0 < number < 65536:
        raise ValueError("must be a port number (1-65535)")
    return number


def _csv(value: str) -> List[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _at_least(value: str, minimum: int) -> int:
    number = int(value)
    if number < minimum:
        raise ValueError(f"must be a whole number of at least {minimum}")
    return number


def _text(value: str) -> str:
    return value


def _token(value: str) -> str:
    if len(value) < 16:
        raise ValueError("must be at least 16 characters")
    return value


REGISTRY: Dict[str, Setting] = {}


def _declare(
    name: str, parse: Callable[[str], Any], default: Any, doc: str, secret: bool = False
) -> Setting:
    setting = Setting(name, parse, default, doc, secret)
    REGISTRY[name] = setting
    return setting


# --- servers started by `make run` -------------------------------------------------------
RASA_PORT = _declare("RASA_PORT", _port, 5005, "port of the Rasa server")
ACTIONS_PORT = _declare("ACTIONS_PORT", _port, 5055, "port of the action server")
WIDGET_PORT = _declare("WIDGET_PORT", _port, 8080, "port of the widget's demo page")
REVIEW_PORT = _declare("REVIEW_PORT", _port, 8081, "port of the counsellor review app")
REVIEW_HOST = _declare("REVIEW_HOST", _text, "127.0.0.1", "address the review app listens on")
RASA_INTERFACE = _declare(
    "RASA_INTERFACE",
    _text,
    "127.0.0.1",
    "address the Rasa server listens on (put a TLS proxy in front; 0.0.0.0 only behind one)",
)
RASA_ENABLE_API = _declare(
    "RASA_ENABLE_API",
    _flag,
    False,
    "turn on Rasa's HTTP API (reads and changes conversations); needs RASA_API_TOKEN or "
    "RASA_JWT_SECRET",
)
RASA_API_TOKEN = _declare(
    "RASA_API_TOKEN",
    _token,
    None,
    "token for Rasa's HTTP API (`?token=`), 16+ characters",
    secret=True,
)
RASA_JWT_SECRET = _declare(
    "RASA_JWT_SECRET", _token, None, "JWT secret for Rasa's HTTP API, 16+ characters", secret=True
)
RASA_CORS_ORIGINS = _declare(
    "RASA_CORS_ORIGINS",
    _csv,
    None,
    "comma-separated origins allowed to call the Rasa server from a browser (default: the "
    "widget's demo page)",
)
ACTION_SERVER_TOKEN = _declare(
    "ACTION_SERVER_TOKEN",
    _token,
    None,
    "shared secret between Rasa and the action server (default: made once in var/secrets/)",
    secret=True,
)
REST_CHANNEL_TOKEN = _declare(
    "REST_CHANNEL_TOKEN",
    _text,
    None,
    "when set, the REST channel answers only requests with `Authorization: Bearer <token>`",
    secret=True,
)
REST_CHANNEL_REQUIRE_TOKEN = _declare(
    "REST_CHANNEL_REQUIRE_TOKEN",
    _text,
    None,
    "1/true: production mode, the REST channel answers 403 unless REST_CHANNEL_TOKEN is set",
)
WEBCHAT_SECRET = _declare(
    "WEBCHAT_SECRET",
    _text,
    None,
    "server secret for the widget's session resume tokens",
    secret=True,
)
WEBCHAT_SECRET_FILE = _declare(
    "WEBCHAT_SECRET_FILE",
    _text,
    None,
    "file holding that secret (default `var/secrets/webchat.key`, made on first use)",
)

# --- production shape (deploy/, README "Production deployment") ----------------------------
REDIS_URL = _declare(
    "REDIS_URL",
    _text,
    None,
    "Redis for the conversation lock and Telegram's recent update ids across replicas "
    "(redis://:password@host:6379/0); unset: both stay in this process",
    secret=True,
)
ACTION_ENDPOINT_URL = _declare(
    "ACTION_ENDPOINT_URL",
    _text,
    None,
    "deploy/endpoints.yml: where replicas reach the action servers (nginx's internal port)",
)

# --- NLU and crisis ----------------------------------------------------------------------
SPACY_PIPELINE_PATH = _declare(
    "SPACY_PIPELINE_PATH",
    Path,
    VAR / "spacy" / "en_supportive",
    "where the blank spaCy pipeline is built and loaded from",
)
CRISIS_LEARNED_TIER = _declare(
    "CRISIS_LEARNED_TIER",
    _text,
    None,
    "0/off switches the learned crisis tier off (the lexicon alone decides); default on",
)
CRISIS_REGION = _declare(
    "CRISIS_REGION",
    lambda v: v.upper(),
    None,
    "region whose crisis lines are listed first (US, GB, IE, AU, CA, NZ, ES, MX)",
)

# --- privacy -----------------------------------------------------------------------------
RETENTION_DAYS = _declare(
    "RETENTION_DAYS", _positive_float, 30.0, "days raw conversations are kept before the purge"
)
RETENTION_PURGE_INTERVAL = _declare(
    "RETENTION_PURGE_INTERVAL",
    _positive_float,
    24 * 3600.0,
    "seconds between two retention purges run by the tracker store",
)
TRACKER_DB_URL = _declare(
    "TRACKER_DB_URL",
    _text,
    f"sqlite:///{VAR / 'tracker.db'}",
    "SQLAlchemy URL of the raw tracker store (`bot purge`; the tracker store of "
    "deploy/endpoints.yml)",
)
REVIEW_DB_URL = _declare(
    "REVIEW_DB_URL",
    _text,
    f"sqlite:///{VAR / 'review.db'}",
    "SQLAlchemy URL of the anonymised review store",
)
TRACKER_DB_POOL_SIZE = _declare(
    "TRACKER_DB_POOL_SIZE",
    lambda v: _at_least(v, 1),
    5,
    "PostgreSQL connections each Rasa replica keeps open to the tracker database",
)
TRACKER_DB_MAX_OVERFLOW = _declare(
    "TRACKER_DB_MAX_OVERFLOW",
    lambda v: _at_least(v, 0),
    5,
    "extra tracker connections a replica may open at a peak (replicas x (pool + overflow) "
    "must stay under PostgreSQL's max_connections, 100 by default)",
)
REVIEW_SPOOL_PATH = _declare(
    "REVIEW_SPOOL_PATH",
    Path,
    VAR / "review-spool.jsonl",
    "file where anonymised rows wait while the review store is down",
)
REVIEW_STOP_INTENTS = _declare(
    "REVIEW_STOP_INTENTS",
    _csv,
    ["stop", "stop_exercise"],
    "intents that count as stopping an exercise in the review record",
)
PSEUDONYM_KEY = _declare(
    "PSEUDONYM_KEY", _text, None, "secret key for conversation pseudonyms", secret=True
)
PSEUDONYM_KEY_FILE = _declare(
    "PSEUDONYM_KEY_FILE",
    Path,
    SECRETS_DIR / "pseudonym.key",
    "file holding the pseudonym key (made on first use)",
)
ANONYMISER_NER = _declare(
    "ANONYMISER_NER", _flag, True, "use a spaCy NER model in the anonymiser when one is installed"
)
ANONYMISER_NER_MODEL = _declare(
    "ANONYMISER_NER_MODEL", _text, "en_core_web_sm", "the spaCy NER package the anonymiser tries"
)


# --- event queue to the review worker (production; bot/privacy/queue_broker.py) ----------
def _amqp_url(value: str) -> str:
    if not value.startswith(("amqp://", "amqps://")):
        raise ValueError("must be an AMQP URL: amqp://user:password@host:port/vhost")
    return value


RABBITMQ_URL = _declare(
    "RABBITMQ_URL",
    _amqp_url,
    None,
    "RabbitMQ of the production event queue (`amqp://user:password@host:5672/vhost`), for "
    "QueueEventBroker and `bot review-worker`; `make run` needs none",
    secret=True,
)
REVIEW_QUEUE = _declare(
    "REVIEW_QUEUE",
    _text,
    "rasa_events",
    "RabbitMQ queue of conversation events for `bot review-worker` (dead letters: `<name>.dead`)",
)
EVENT_OUTBOX_PATH = _declare(
    "EVENT_OUTBOX_PATH",
    Path,
    VAR / "event-outbox.sqlite3",
    "SQLite file where each event waits until RabbitMQ confirms it (raw events, like the tracker)",
)
EVENT_OUTBOX_MAX_EVENTS = _declare(
    "EVENT_OUTBOX_MAX_EVENTS",
    lambda v: max(1, int(v)),
    100_000,
    "events the outbox keeps while RabbitMQ is away; beyond that new events are dropped "
    '(never a "delete my data")',
)


# --- counsellor review app ---------------------------------------------------------------
REVIEW_SECRET_KEY = _declare(
    "REVIEW_SECRET_KEY",
    _text,
    None,
    "the review app's session secret (default: var/secrets/)",
    secret=True,
)
REVIEW_SECRETS_DIR = _declare(
    "REVIEW_SECRETS_DIR", Path, SECRETS_DIR, "folder for the review app's generated secret"
)
REVIEW_COOKIE_SECURE = _declare(
    "REVIEW_COOKIE_SECURE", _flag, True, "send the review app's cookie only over HTTPS"
)
REVIEW_TRUST_PROXY = _declare(
    "REVIEW_TRUST_PROXY", _flag, False, "trust X-Forwarded-* headers from one TLS proxy"
)
REVIEW_SESSION_IDLE_MINUTES = _declare(
    "REVIEW_SESSION_IDLE_MINUTES",
    lambda v: max(1, int(v)),
    30,
    "sign a counsellor out after this many minutes without a request",
)
REVIEW_ADMIN_FRESH_MINUTES = _declare(
    "REVIEW_ADMIN_FRESH_MINUTES",
    lambda v: max(1, int(v)),
    10,
    "admin pages need a password sign-in at most this many minutes ago",
)
REVIEW_PASSWORD = _declare(
    "REVIEW_PASSWORD",
    _text,
    None,
    "password for `bot counsellor add/passwd` in scripts (instead of the prompt)",
    secret=True,
)

# --- Telegram ----------------------------------------------------------------------------
TELEGRAM_TOKEN = _declare(
    "TELEGRAM_TOKEN",
    _text,
    None,
    "the bot token from @BotFather (channel off without it)",
    secret=True,
)
TELEGRAM_BOT_NAME = _declare("TELEGRAM_BOT_NAME", _text, None, "the bot's username, without @")
TELEGRAM_WEBHOOK_URL = _declare(
    "TELEGRAM_WEBHOOK_URL", _text, None, "public HTTPS address of /webhooks/telegram/webhook"
)
TELEGRAM_WEBHOOK_SECRET = _declare(
    "TELEGRAM_WEBHOOK_SECRET",
    _text,
    None,
    "secret Telegram sends with every update (16-256 of A-Z a-z 0-9 _ -)",
    secret=True,
)
TELEGRAM_API_URL = _declare(
    "TELEGRAM_API_URL", _text, None, "a self-hosted Bot API server instead of api.telegram.org"
)
TELEGRAM_MAX_UPDATE_BYTES = _declare(
    "TELEGRAM_MAX_UPDATE_BYTES",
    _text,
    None,
    "largest webhook body accepted (default 65536; below 1024 turns the channel off)",
)
TELEGRAM_MAX_PENDING_UPDATES = _declare(
    "TELEGRAM_MAX_PENDING_UPDATES",
    _text,
    None,
    "updates accepted but not yet handled before the webhook answers 503 (default 1000)",
)
TELEGRAM_REGISTER_WEBHOOK = _declare(
    "TELEGRAM_REGISTER_WEBHOOK",
    _flag,
    True,
    "whether this replica registers the webhook with Telegram (on in exactly one replica)",
)
TELEGRAM_OUTBOX_PATH = _declare(
    "TELEGRAM_OUTBOX_PATH",
    _text,
    None,
    "SQLite file of replies not yet delivered (default `var/telegram_outbox.sqlite3`)",
)


def stored_secret(setting: Setting, file_name: str, directory: Optional[Path] = None) -> str:
    """The setting's value, or a random secret made once and kept (mode 0600) in var/secrets/.

    Secrets never live in git: the folder is ignored, and an operator who prefers the
    environment sets the variable instead.
    """
    value = setting.get()
    return str(value) if value else secret_file(file_name, directory)


def secret_file(file_name: str, directory: Optional[Path] = None) -> str:
    """The secret kept in ``directory/file_name``, made (random, mode 0600) on first use."""
    folder = directory or SECRETS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    try:
        os.chmod(folder, 0o700)
    except OSError:  # pragma: no cover - a read-only mount an admin set up
        pass
    path = folder / file_name
    if path.exists():
        stored = path.read_text(encoding="utf-8").strip()
        if len(stored) >= 32:
            return stored
    value = _secrets.token_hex(32)  # 256 bits, 64 characters
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(value + "\n")
    return value


# -- README table (written by `make generate`, bot/generate.py) -------------------------------
README = ROOT / "README.md"
TABLE_BEGIN = "<!-- settings table: generated from bot/settings.py by `make generate` -->"
TABLE_END = "<!-- end of settings table -->"


def _default_text(setting: Setting) -> str:
    default = setting.default
    if default is None:
        return "unset"
    if isinstance(default, Path):
        try:
            return f"`{default.relative_to(ROOT)}`"
        except ValueError:
            return f"`{default}`"
    if isinstance(default, list):
        return "`" + ",".join(default) + "`"
    if isinstance(default, bool):
        return "on" if default else "off"
    text = str(default).replace(str(ROOT) + "/", "")
    return f"`{text}`"


def markdown_table() -> str:
    rows = ["| variable | default | what it is for |", "|---|---|---|"]
    for setting in REGISTRY.values():
        secret = " (secret)" if setting.secret else ""
        rows.append(f"| `{setting.name}` | {_default_text(setting)} | {setting.doc}{secret} |")
    return "\n".join(rows)


def generated_files(read: Callable[[Path], str]) -> Dict[Path, str]:
    """README.md with the settings table between its two marker lines."""
    text = read(README)
    if TABLE_BEGIN not in text or TABLE_END not in text:
        raise ValueError(f"README.md lacks the settings table markers ({TABLE_BEGIN!r})")
    head, rest = text.split(TABLE_BEGIN, 1)
    _, tail = rest.split(TABLE_END, 1)
    return {README: f"{head}{TABLE_BEGIN}\n{markdown_table()}\n{TABLE_END}{tail}"}
