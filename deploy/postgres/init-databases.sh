#!/bin/sh
# Two databases, two roles: the bot's raw conversations ("tracker", role "bot") and the
# anonymised review store ("review", role "review"). Neither role may even connect to the
# other's database, so "counsellors never see raw text" is a database permission.
#
# Runs once against a fresh cluster as its superuser: by the postgres image at first start
# (compose.yaml mounts this folder as /docker-entrypoint-initdb.d), by the tests
# (tests/support/services.py) and by hand on a server (README, "Production deployment"):
#   PGHOST=... PGUSER=postgres TRACKER_DB_PASSWORD=... REVIEW_DB_PASSWORD=... sh init-databases.sh
# Passwords come from the environment only; nothing secret is in git.
set -eu
: "${TRACKER_DB_PASSWORD:?set TRACKER_DB_PASSWORD (the bot role's password)}"
: "${REVIEW_DB_PASSWORD:?set REVIEW_DB_PASSWORD (the review role's password)}"

psql -v ON_ERROR_STOP=1 --no-psqlrc \
  --username "${PGUSER:-${POSTGRES_USER:-postgres}}" --dbname "${PGDATABASE:-postgres}" \
  -v tracker_password="$TRACKER_DB_PASSWORD" -v review_password="$REVIEW_DB_PASSWORD" <<'SQL'
CREATE ROLE bot LOGIN PASSWORD :'tracker_password';
CREATE ROLE review LOGIN PASSWORD :'review_password';
CREATE DATABASE tracker OWNER bot;
CREATE DATABASE review OWNER review;
-- By default every role may connect to every database: take that away.
REVOKE ALL ON DATABASE tracker FROM PUBLIC;
REVOKE ALL ON DATABASE review FROM PUBLIC;
REVOKE ALL ON DATABASE postgres FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE tracker TO bot;
GRANT CONNECT, TEMPORARY ON DATABASE review TO review;
SQL
