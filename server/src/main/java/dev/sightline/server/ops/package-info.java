/** Operational endpoints: {@code /health}, {@code /ready} and {@code /metrics}. */
@NullMarked
package dev.sightline.server.ops;

import org.jspecify.annotations.NullMarked;
