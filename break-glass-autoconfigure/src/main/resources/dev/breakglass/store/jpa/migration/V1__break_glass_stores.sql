-- break-glass: the tables of the jpa backend. Secrets are stored only as hashes:
-- SHA-256 for session and one-time tokens, HMAC-SHA-256 under break-glass.secret for the OTP.

-- At most one active session token: the primary key can only ever be TRUE.
CREATE TABLE break_glass_session_token (
    id         boolean     PRIMARY KEY DEFAULT TRUE CHECK (id),
    token_hash varchar(64) NOT NULL,
    issued_at  timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
);

-- At most one pending OTP.
CREATE TABLE break_glass_otp (
    id         boolean     PRIMARY KEY DEFAULT TRUE CHECK (id),
    code_hash  varchar(64) NOT NULL,
    expires_at timestamptz NOT NULL
);

-- take is a primary-key DELETE; the expires_at index keeps the sweeper's batches cheap.
CREATE TABLE break_glass_authorization_code (
    code_hash  varchar(128) PRIMARY KEY,
    data       text         NOT NULL,
    expires_at timestamptz  NOT NULL
);
CREATE INDEX break_glass_authorization_code_expires_at ON break_glass_authorization_code (expires_at);

CREATE TABLE break_glass_metadata_cache (
    url        varchar(2048) PRIMARY KEY,
    metadata   jsonb         NOT NULL,
    expires_at timestamptz   NOT NULL
);
CREATE INDEX break_glass_metadata_cache_expires_at ON break_glass_metadata_cache (expires_at);

CREATE TABLE break_glass_one_time_token (
    token_hash varchar(64)  PRIMARY KEY,
    kind       varchar(32)  NOT NULL,
    subject    varchar(255) NOT NULL,
    expires_at timestamptz  NOT NULL
);
CREATE INDEX break_glass_one_time_token_expires_at ON break_glass_one_time_token (expires_at);
