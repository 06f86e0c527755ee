-- break-glass: the audit trail, one row per step of the flow, each chained to the one before
-- it by previous_hash. hash is an HMAC-SHA-256 under a key derived from break-glass.secret of
-- every other column, so a row edited, deleted, inserted or moved breaks the chain where it
-- is, and no row can be forged without the key. Appends never update or delete a row.
-- details holds the step's details as length-prefixed text (dev.breakglass.store.AuditChain).
CREATE TABLE break_glass_audit (
    sequence      bigint        PRIMARY KEY,
    recorded_at   bigint        NOT NULL,
    type          varchar(100)  NOT NULL,
    principal     varchar(200),
    requester     varchar(200),
    reason        varchar(1000),
    details       text          NOT NULL,
    previous_hash char(64)      NOT NULL,
    hash          char(64)      NOT NULL
);
