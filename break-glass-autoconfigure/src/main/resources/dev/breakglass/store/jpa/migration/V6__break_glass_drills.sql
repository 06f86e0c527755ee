-- break-glass: a drill runs the whole flow and its session grants only the drill authority, so
-- the flag travels with the pending OTP and with the session token (and with whose live token an
-- issue replaced). Rows of before are not drills; a node of before writes none.
ALTER TABLE break_glass_otp ADD COLUMN drill boolean NOT NULL DEFAULT false;
ALTER TABLE break_glass_session_token
    ADD COLUMN drill          boolean NOT NULL DEFAULT false,
    ADD COLUMN previous_drill boolean;
