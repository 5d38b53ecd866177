package dev.sightline.pipeline.processor;

import dev.sightline.pipeline.LossAccounting;
import dev.sightline.pipeline.SelfMetrics;
import java.nio.file.Path;
import java.time.Clock;

/** What processors may need from the server: where data lives, the time, self-metrics, loss accounting. */
public record ProcessorContext(Path dataDir, Clock clock, SelfMetrics metrics, LossAccounting loss) {}
