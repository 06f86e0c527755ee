-- break-glass: who asked and why travel with the pending OTP and the session token, and the
-- attempt counters behind the limits. Requester (at most 200 characters) and reason (at most
-- 1,000) are not secrets; the application checks them before they reach these columns.

-- Rows written before this migration get a placeholder instead of being dropped, so that an
-- upgrade ends no session.
ALTER TABLE break_glass_otp
    ADD COLUMN requester varchar(200)  NOT NULL DEFAULT '(unknown)',
    ADD COLUMN reason    varchar(1000) NOT NULL DEFAULT '(requested before break-glass recorded reasons)';
ALTER TABLE break_glass_otp ALTER COLUMN requester DROP DEFAULT, ALTER COLUMN reason DROP DEFAULT;

-- previous_*: whose live token the last issue replaced, written by the same upsert that
-- reads it, so that the replacement is reported atomically.
ALTER TABLE break_glass_session_token
    ADD COLUMN requester          varchar(200)  NOT NULL DEFAULT '(unknown)',
    ADD COLUMN reason             varchar(1000) NOT NULL DEFAULT '(opened before break-glass recorded reasons)',
    ADD COLUMN previous_requester varchar(200),
    ADD COLUMN previous_reason    varchar(1000);
ALTER TABLE break_glass_session_token ALTER COLUMN requester DROP DEFAULT, ALTER COLUMN reason DROP DEFAULT;

-- One row per counter, keyed by a SHA-256 of the counter's name (which may hold a requester),
-- so that no name can break the key. expires_at is when the window or lockout ends; the
-- sweeper deletes rows past it.
CREATE TABLE break_glass_attempt_counter (
    counter_key varchar(64) PRIMARY KEY,
    attempts    integer     NOT NULL,
    expires_at  timestamptz NOT NULL
);
CREATE INDEX break_glass_attempt_counter_expires_at ON break_glass_attempt_counter (expires_at);
