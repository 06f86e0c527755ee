-- The jpa backend's cycle: the INSERT commits asynchronously (set_config in the same
-- round trip and implicit transaction), the DELETE ... RETURNING synchronously, after a
-- lock timeout set the same way.
\set k random(1, 1000000000)
SELECT set_config('synchronous_commit', 'off', true) \; INSERT INTO bg_pgbench VALUES ('k' || :k || ':' || :client_id, 'x', now());
SELECT set_config('lock_timeout', '1000ms', true) \; DELETE FROM bg_pgbench WHERE k = 'k' || :k || ':' || :client_id RETURNING v;
