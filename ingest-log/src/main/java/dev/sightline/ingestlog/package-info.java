/**
 * The durable ingest log: receivers append, acknowledge once an append is durable, and the
 * pipeline reads from its checkpoint. {@link IngestLog} is the interface; {@link SegmentLog}
 * keeps fsync'd, checksummed segment files in a directory, with entries encrypted at rest when its
 * configuration has a cipher.
 */
@NullMarked
package dev.sightline.ingestlog;

import org.jspecify.annotations.NullMarked;
