-- The raw cycle: an INSERT and a DELETE ... RETURNING, each committed synchronously.
\set k random(1, 1000000000)
INSERT INTO bg_pgbench VALUES ('k' || :k || ':' || :client_id, 'x', now());
DELETE FROM bg_pgbench WHERE k = 'k' || :k || ':' || :client_id RETURNING v;
