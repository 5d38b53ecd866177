/**
 * Components with start and shutdown, self-metrics with loss accounting, and the
 * {@link StoragePipeline} that moves ingest-log entries into storage. Processors join here.
 */
@NullMarked
package dev.sightline.pipeline;

import org.jspecify.annotations.NullMarked;
