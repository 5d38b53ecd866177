package dev.sightline.storage;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Metric family metadata, as the Prometheus API's {@code /api/v1/metadata} reports it. */
public interface MetricMetadataReader {

  /**
   * Metadata by family name, sorted; only {@code metric} when given; at most {@code limit}
   * families.
   */
  Map<String, List<MetricMetadata>> metadata(String tenant, @Nullable String metric, int limit);
}
