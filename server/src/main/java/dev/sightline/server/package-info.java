/**
 * The all-in-one server: {@link SightlineServer} wires the ingest log, the storage pipeline, the
 * embedded store, the OTLP receivers and the query API; {@link Main} is the command line.
 */
@NullMarked
package dev.sightline.server;

import org.jspecify.annotations.NullMarked;
