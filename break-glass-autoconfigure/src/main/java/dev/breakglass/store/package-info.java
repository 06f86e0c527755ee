/**
 * The five stores of short-lived, single-use secrets, their value types and the decisions
 * every backend shares: secret formats, hashing and input limits.
 */
@NullMarked
package dev.breakglass.store;

import org.jspecify.annotations.NullMarked;
