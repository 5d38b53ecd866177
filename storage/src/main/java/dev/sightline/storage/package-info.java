/**
 * The storage SPI: a {@link Storage} has a {@link StorageWriter} that takes batches from the
 * ingest log together with their position, and readers per signal ({@link TraceReader},
 * {@link LogRecordReader}, {@link MetricReader}). Backends declare their {@link Capability}s and
 * prove themselves against the conformance kit in {@code storage-tests}.
 */
@NullMarked
package dev.sightline.storage;

import org.jspecify.annotations.NullMarked;
