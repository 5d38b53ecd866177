package dev.sightline.storage;

import com.google.protobuf.Message;
import dev.sightline.storage.tier.SignalType;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Export of a time range of a signal from every tier, as OTLP requests
 * ({@code ExportTraceServiceRequest}, {@code ExportLogsServiceRequest},
 * {@code ExportMetricsServiceRequest}) or as one self-contained Parquet file (each row with its
 * resource and scope), and the reading back of such a file for import. Backends with
 * {@link Capability#EXPORT} provide one. Metrics are the OTLP points; Prometheus samples leave
 * through remote read.
 */
public interface DataExporter {

  /** The tenant's items in the range as OTLP requests of at most {@code batchSize} items; returns the items. */
  long export(String tenant, SignalType signal, TimeRange range, int batchSize, Consumer<Message> batch);

  /** The same items as one Parquet file; returns the rows written. */
  long exportParquet(String tenant, SignalType signal, TimeRange range, Path file);

  /**
   * Reads a file written by {@link #exportParquet} as OTLP requests; fails with
   * {@link IllegalArgumentException} naming what is wrong when the file is not such an export.
   */
  long readParquet(SignalType signal, Path file, int batchSize, Consumer<Message> batch);
}
