/**
 * Saved dashboards of the web UI: PromQL panels with a shared time range and template variables,
 * kept per tenant in the data directory and served at {@code /api/v1/dashboards}.
 */
@NullMarked
package dev.sightline.server.dashboards;

import org.jspecify.annotations.NullMarked;
