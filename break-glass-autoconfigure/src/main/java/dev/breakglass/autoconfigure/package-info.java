/**
 * Auto-configuration of break-glass: one class per backend, each publishing the stores
 * its backend serves, and
 * {@link dev.breakglass.autoconfigure.BreakGlassAutoConfiguration} for the service and
 * for stores no backend could serve.
 */
@NullMarked
package dev.breakglass.autoconfigure;

import org.jspecify.annotations.NullMarked;
