package dev.sightline.storage.clickhouse;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Encodes metric points as rows of {@code points}: labels (resource then point attributes, point
 * attributes win, sorted by name), a fingerprint of the series (labels, metric shell and origin),
 * the time and value in columns, the point itself as protobuf without its time.
 */
final class PointRows {
  private final String writer;
  private final RowBinaryOutput rows = new RowBinaryOutput();

  PointRows(String writer) {
    this.writer = writer;
  }

  void append(String tenant, long seq, List<ResourceMetrics> data) {
    for (ResourceMetrics rm : data) {
      for (ScopeMetrics sm : rm.getScopeMetricsList()) {
        ByteString origin = Origins.encode(rm.getResource(), rm.getSchemaUrl(), sm.getScope(), sm.getSchemaUrl());
        for (Metric metric : sm.getMetricsList()) {
          List<? extends Message> points = PointShapes.points(metric);
          if (points.isEmpty()) {
            continue;
          }
          ByteString shell = PointShapes.shell(metric).toByteString();
          for (Message point : points) {
            row(tenant, seq, metric.getName(), labels(rm.getResource().getAttributesList(),
                PointShapes.attributes(point)), shell, origin, point);
          }
        }
      }
    }
  }

  private static TreeMap<String, String> labels(List<KeyValue> resource, List<KeyValue> own) {
    TreeMap<String, String> labels = new TreeMap<>();
    resource.forEach(kv -> labels.put(kv.getKey(), AttributeColumns.text(kv)));
    own.forEach(kv -> labels.put(kv.getKey(), AttributeColumns.text(kv)));
    return labels;
  }

  private void row(String tenant, long seq, String name, TreeMap<String, String> labels,
      ByteString shell, ByteString origin, Message point) {
    long time = PointShapes.time(point);
    List<String> keys = new ArrayList<>(labels.keySet());
    List<String> values = new ArrayList<>(labels.values());
    rows.day(time);
    rows.string(tenant);
    rows.int64(seq);
    rows.string(writer);
    rows.string(name);
    rows.int64(fingerprint(name, keys, values, shell, origin));
    rows.strings(keys);
    rows.strings(values);
    rows.int64(time);
    rows.float64(PointShapes.value(point));
    rows.bytes(shell);
    rows.bytes(PointShapes.stored(point));
    rows.bytes(origin);
    rows.endRow();
  }

  /** The series: the same labels under the same metric description and origin. */
  private static long fingerprint(String name, List<String> keys, List<String> values,
      ByteString shell, ByteString origin) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(name.getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < keys.size(); i++) {
        digest.update((byte) 0);
        digest.update(keys.get(i).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 1);
        digest.update(values.get(i).getBytes(StandardCharsets.UTF_8));
      }
      digest.update((byte) 2);
      digest.update(shell.toByteArray());
      digest.update(origin.toByteArray());
      return ByteBuffer.wrap(digest.digest()).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  int rows() {
    return rows.rows();
  }

  void flush(ClickHouseHttp http) {
    if (rows.rows() > 0) {
      http.insert("points", Schema.POINT_COLUMNS, rows.toByteArray());
      rows.reset();
    }
  }

  void clear() {
    rows.reset();
  }
}
