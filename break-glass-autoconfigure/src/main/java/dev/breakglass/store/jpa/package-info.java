/**
 * The jpa backend: every store in PostgreSQL through the application's JPA
 * {@code EntityManager}, with native SQL only, so that every node on the database shares
 * every store and every single-use guarantee. PostgreSQL's clock decides expiry.
 */
@NullMarked
package dev.breakglass.store.jpa;

import org.jspecify.annotations.NullMarked;
