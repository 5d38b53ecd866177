/**
 * Server configuration: defaults, a YAML file, {@code SIGHTLINE_*} environment variables and
 * {@code --key=value} flags, merged in that order and validated before anything starts.
 */
@NullMarked
package dev.sightline.server.config;

import org.jspecify.annotations.NullMarked;
