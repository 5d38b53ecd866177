/**
 * The server's side of the metadata store: opening it and keeping this node's replicas current
 * ({@link MetadataSetup}), the one-time import of an older data directory's files
 * ({@link FileImport}), what the configuration contributes ({@link ConfigSync}), roles read from
 * the store ({@link StoredRoles}), and the HTTP answers to a store that is down or a change that
 * came second ({@link MetadataErrors}).
 */
@NullMarked
package dev.sightline.server.metadata;

import org.jspecify.annotations.NullMarked;
