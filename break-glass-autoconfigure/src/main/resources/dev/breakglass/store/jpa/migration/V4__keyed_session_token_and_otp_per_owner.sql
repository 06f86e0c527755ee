-- break-glass: session tokens are kept as HMAC-SHA-256 under a key derived from
-- break-glass.secret, so that write access to this table cannot mint a token. A row of
-- before holds an unkeyed SHA-256 that can never match again: it goes, and a session open
-- across the upgrade is opened again (sessions live an hour by default).
DELETE FROM break_glass_session_token;

-- One pending OTP per owner: the signed-in principal who asked for it, or '' for the one
-- shared OTP of a flow without sign-in. An OTP pending across the upgrade is the shared one's.
ALTER TABLE break_glass_otp ADD COLUMN owner varchar(200) NOT NULL DEFAULT '';
ALTER TABLE break_glass_otp DROP CONSTRAINT break_glass_otp_pkey;
ALTER TABLE break_glass_otp DROP COLUMN id;
ALTER TABLE break_glass_otp ALTER COLUMN owner DROP DEFAULT;
ALTER TABLE break_glass_otp ADD PRIMARY KEY (owner);
