/**
 * The jpa backend: every store in PostgreSQL, with native SQL only, so that every node on
 * the database shares every store and every single-use guarantee. PostgreSQL's clock
 * decides expiry.
 * <p>
 * The transaction rule, kept in one place
 * ({@link dev.breakglass.store.jpa.JpaStatements}):
 * <ul>
 * <li>A consuming operation ({@code take}, {@code consume}, {@code verify},
 * {@code revoke}, {@code clear}) always runs alone, on a connection and transaction of
 * its own from the application's {@code DataSource}, committed before it returns,
 * whatever the caller's transaction, propagation or read-only flag and whatever the
 * pool's auto-commit setting: a caller's rollback never brings a secret back. It waits at
 * most one second for a row another transaction has locked, possibly the caller's own,
 * and then fails with {@link dev.breakglass.store.StoreUnavailableException} instead of
 * hanging.</li>
 * <li>A write ({@code issue}, {@code put}, {@code generate}) or read joins the caller's
 * active, read-write Spring transaction on the JPA {@code EntityManager}, so it commits
 * with the caller's work and a rollback withdraws it (which only ever fails closed).
 * Without one it runs alone and commits, like a consume.</li>
 * <li>A new secret written alone whose loss can only fail closed (a code {@code put}, a
 * one-time token {@code issue}, a metadata {@code put}) and each sweep batch commit
 * without waiting for the write-ahead log to reach disk
 * ({@code break-glass.jpa.async-issue} for the former); replacements ({@code generate},
 * the session token's {@code issue}) and consumes always wait.</li>
 * </ul>
 * Every operation is one statement: one round trip with auto-commit on, two (the
 * statement, then {@code COMMIT}) when it runs alone with auto-commit off.
 */
@NullMarked
package dev.breakglass.store.jpa;

import org.jspecify.annotations.NullMarked;
