/** Serving the web UI that the {@code ui} module builds into its jar. */
@NullMarked
package dev.sightline.server.ui;

import org.jspecify.annotations.NullMarked;
