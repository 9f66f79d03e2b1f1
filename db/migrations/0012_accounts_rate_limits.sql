-- Abuse limits (OTP issuance, staff sign-in) live here rather than in process memory, so they
-- hold across API replicas. The layout is the one rate-limiter-flexible's Postgres store expects
-- (it is pointed here with tableCreated: true, so this migration, not the library, owns it):
-- key = '<limiter prefix>:<subject>', points consumed, expire = epoch milliseconds (null = never).
CREATE TABLE accounts.rate_limits (
  key varchar(255) PRIMARY KEY,
  points integer NOT NULL DEFAULT 0,
  expire bigint
);
-- The store deletes rows that expired an hour ago every five minutes; this keeps that cheap.
CREATE INDEX rate_limits_expire_idx ON accounts.rate_limits (expire);
