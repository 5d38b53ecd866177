/**
 * The query cache over the storage readers: traces by id and trace search results, cache-aside in
 * an in-process L1 (Caffeine) and an optional shared L2 (Redis behind a circuit breaker), dropped
 * when spans of a cached trace are stored and cleared for a tenant on deletion. See the "Cache"
 * section of docs/scaling.md.
 */
@NullMarked
package dev.sightline.server.cache;

import org.jspecify.annotations.NullMarked;
