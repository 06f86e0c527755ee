/**
 * The redis backend: every store in Redis, shared by all nodes on one server or cluster.
 * Consuming operations are single Lua scripts on a single key, expiry is Redis's own, and
 * a Redis failure fails the call, never answers as if a secret were valid.
 */
@NullMarked
package dev.breakglass.store.redis;

import org.jspecify.annotations.NullMarked;
