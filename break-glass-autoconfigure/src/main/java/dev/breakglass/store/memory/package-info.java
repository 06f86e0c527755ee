/**
 * The memory backend: every store in this JVM, thread-safe and atomic, for a single node.
 */
@NullMarked
package dev.breakglass.store.memory;

import org.jspecify.annotations.NullMarked;
