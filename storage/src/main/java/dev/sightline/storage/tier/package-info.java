/**
 * Storage tiers and retention: where data of a signal lives as it ages ({@link Tier}), for how long
 * ({@link Retention}, {@link RetentionPolicy}), and what a backend with tiers offers callers
 * ({@link Tiers}): which tiers a query read, the archive and its restores, deletion on request.
 */
@NullMarked
package dev.sightline.storage.tier;

import org.jspecify.annotations.NullMarked;
