/** The JSON query API under {@code /api/v1}: traces, logs, services, metric names and series. */
@NullMarked
package dev.sightline.server.api;

import org.jspecify.annotations.NullMarked;
