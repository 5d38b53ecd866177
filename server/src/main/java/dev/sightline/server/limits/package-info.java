/** Rate limits per principal (key, token or certificate) and per tenant, as a decorator on every listener. */
@NullMarked
package dev.sightline.server.limits;

import org.jspecify.annotations.NullMarked;
