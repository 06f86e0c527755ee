-- break-glass: reuse detection for authorization codes. A redeemed code keeps its row as a
-- tombstone until its expiry (the sweeper then deletes it with the expired codes): keeping it
-- in the same row lets one UPDATE both redeem the code and, for a racer that waited on the
-- row lock, read the first redeemer's committed tombstone. redemptions tells the one
-- statement that redeemed the code (1) from the ones that found it redeemed (2, the cap).
ALTER TABLE break_glass_authorization_code
    ADD COLUMN redeemed_at timestamptz,
    ADD COLUMN redemptions smallint NOT NULL DEFAULT 0,
    ADD CONSTRAINT break_glass_authorization_code_redeemed
        CHECK ((redemptions = 0) = (redeemed_at IS NULL) AND redemptions BETWEEN 0 AND 2);
