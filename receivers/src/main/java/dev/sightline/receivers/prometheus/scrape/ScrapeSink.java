package dev.sightline.receivers.prometheus.scrape;

import dev.sightline.receivers.prometheus.PromSeries;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Where the samples of one scrape go: completes once they are durable in the ingest log. */
@FunctionalInterface
public interface ScrapeSink {
  CompletableFuture<?> accept(List<PromSeries> series, Map<String, String> types);
}
