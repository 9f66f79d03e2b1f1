#!/bin/sh
# Local demo only: creates and upgrades Temporal's two PostgreSQL databases (default store and
# SQL visibility) with the admin-tools image's temporal-sql-tool. Idempotent: safe on every start.
set -eu
: "${POSTGRES_SEEDS:=postgres}" "${DB_PORT:=5432}" "${POSTGRES_USER:=temporal}"
export SQL_PASSWORD="${POSTGRES_PWD}"
schema_dir=/etc/temporal/schema/postgresql/v12
tool() { temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$DB_PORT" -u "$POSTGRES_USER" "$@"; }

until nc -z "$POSTGRES_SEEDS" "$DB_PORT"; do echo "waiting for PostgreSQL..."; sleep 1; done

for db in temporal temporal_visibility; do
  case "$db" in temporal) dir=temporal ;; *) dir=visibility ;; esac
  tool --db "$db" create || true            # exists already on a restart
  tool --db "$db" setup-schema -v 0.0 || true # no-op once versioned
  tool --db "$db" update-schema -d "$schema_dir/$dir/versioned"
done
echo "Temporal schema is up to date"
