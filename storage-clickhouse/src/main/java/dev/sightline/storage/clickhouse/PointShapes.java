package dev.sightline.storage.clickhouse;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.sightline.storage.StorageException;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import java.util.List;

/**
 * Splits a metric into its shell (name, description, unit, metadata, type with temporality and
 * monotonicity, no points) and its points, and puts them back. Every OTLP point type has
 * {@code attributes} and {@code time_unix_nano}, and every data type a {@code data_points} list,
 * so one reflective path serves all five.
 */
final class PointShapes {
  private static final FieldDescriptor TIME = NumberDataPoint.getDescriptor().findFieldByName("time_unix_nano");

  private PointShapes() {}

  /** The metric without its points. */
  static Metric shell(Metric metric) {
    FieldDescriptor data = dataField(metric.getDataCase());
    Message holder = (Message) metric.getField(data);
    return metric.toBuilder().setField(data, holder.toBuilder()
        .clearField(pointsField(holder)).build()).build();
  }

  @SuppressWarnings("unchecked")
  static List<? extends Message> points(Metric metric) {
    if (metric.getDataCase() == Metric.DataCase.DATA_NOT_SET) {
      return List.of();
    }
    Message holder = (Message) metric.getField(dataField(metric.getDataCase()));
    return (List<? extends Message>) holder.getField(pointsField(holder));
  }

  @SuppressWarnings("unchecked")
  static List<KeyValue> attributes(Message point) {
    return (List<KeyValue>) point.getField(point.getDescriptorForType().findFieldByName("attributes"));
  }

  static long time(Message point) {
    return (Long) point.getField(point.getDescriptorForType().findFieldByName("time_unix_nano"));
  }

  /** The point as stored: without its time, which has a column. */
  static ByteString stored(Message point) {
    return point.toBuilder().clearField(point.getDescriptorForType().findFieldByName(TIME.getName()))
        .build().toByteString();
  }

  /** The value column: a number point's value, or the sum of a histogram or summary. */
  static double value(Message point) {
    if (point instanceof NumberDataPoint n) {
      return n.hasAsInt() ? n.getAsInt() : n.getAsDouble();
    }
    FieldDescriptor sum = point.getDescriptorForType().findFieldByName("sum");
    return sum == null ? 0 : (Double) point.getField(sum);
  }

  /** Adds a stored point, its time put back, to a metric made from a shell. */
  static void add(Metric.Builder metric, ByteString stored, long time) {
    FieldDescriptor data = dataField(metric.getDataCase());
    Message.Builder holder = metric.getFieldBuilder(data);
    FieldDescriptor points = pointsField(holder.getDefaultInstanceForType());
    Message.Builder point = holder.newBuilderForField(points);
    try {
      point.mergeFrom(stored);
    } catch (InvalidProtocolBufferException e) {
      throw new StorageException("a stored metric point is corrupt: " + e.getMessage(), e);
    }
    point.setField(point.getDescriptorForType().findFieldByName(TIME.getName()), time);
    holder.addRepeatedField(points, point.build());
  }

  private static FieldDescriptor dataField(Metric.DataCase data) {
    return Metric.getDescriptor().findFieldByNumber(data.getNumber());
  }

  private static FieldDescriptor pointsField(Message holder) {
    return holder.getDescriptorForType().findFieldByName("data_points");
  }
}
