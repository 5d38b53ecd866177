/**
 * The compressed byte form of a chunk of samples of one series ({@link ChunkCodec}): timestamps
 * as deltas of deltas, values as decimal mantissas or Gorilla XOR, compressed with zstd.
 */
@NullMarked
package dev.sightline.storage.duckdb.chunk;

import org.jspecify.annotations.NullMarked;
