-- Local demo only (docker-compose.yml): one PostgreSQL server, one role per user of it.
-- Runs once, when the data volume is created (docker-entrypoint-initdb.d).
-- Temporal's schema tool creates its own databases (temporal, temporal_visibility), hence CREATEDB.
CREATE ROLE temporal WITH LOGIN CREATEDB PASSWORD 'temporal';
CREATE ROLE timely WITH LOGIN PASSWORD 'timely';
CREATE DATABASE timely OWNER timely;
