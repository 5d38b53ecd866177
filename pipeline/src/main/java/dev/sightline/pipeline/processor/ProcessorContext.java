package dev.sightline.pipeline.processor;

import dev.sightline.pipeline.SelfMetrics;
import java.nio.file.Path;
import java.time.Clock;

/** What processors may need from the server: where data lives, the time, and self-metrics. */
public record ProcessorContext(Path dataDir, Clock clock, SelfMetrics metrics) {}
