package dev.sightline.bench;

import com.google.protobuf.CodedOutputStream;
import io.airlift.compress.snappy.SnappyCompressor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/** Encodes a remote-write 1.0 {@code prometheus.WriteRequest} and compresses it with snappy. */
final class RemoteWriteEncoder {
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 20);
  private final CodedOutputStream out = CodedOutputStream.newInstance(buffer, 1 << 16);

  /** Adds a series: labels as alternating names and values (sorted by name), then its samples. */
  void series(String[] labels, long[] timestampsMs, double[] values, int from, int to) {
    try {
      int size = 0;
      for (int i = 0; i < labels.length; i += 2) {
        int label = label(labels[i], labels[i + 1]);
        size += CodedOutputStream.computeTagSize(1) + CodedOutputStream.computeUInt32SizeNoTag(label) + label;
      }
      for (int i = from; i < to; i++) {
        int sample = sample(timestampsMs[i], values[i]);
        size += CodedOutputStream.computeTagSize(2) + CodedOutputStream.computeUInt32SizeNoTag(sample) + sample;
      }
      out.writeTag(1, 2);
      out.writeUInt32NoTag(size);
      for (int i = 0; i < labels.length; i += 2) {
        out.writeTag(1, 2);
        out.writeUInt32NoTag(label(labels[i], labels[i + 1]));
        out.writeString(1, labels[i]);
        out.writeString(2, labels[i + 1]);
      }
      for (int i = from; i < to; i++) {
        out.writeTag(2, 2);
        out.writeUInt32NoTag(sample(timestampsMs[i], values[i]));
        out.writeDouble(1, values[i]);
        out.writeInt64(2, timestampsMs[i]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int label(String name, String value) {
    return CodedOutputStream.computeStringSize(1, name) + CodedOutputStream.computeStringSize(2, value);
  }

  private static int sample(long ts, double value) {
    return CodedOutputStream.computeDoubleSize(1, value) + CodedOutputStream.computeInt64Size(2, ts);
  }

  /** The snappy-compressed request; resets the encoder. */
  byte[] finish() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] raw = buffer.toByteArray();
    buffer.reset();
    SnappyCompressor snappy = new SnappyCompressor();
    byte[] compressed = new byte[snappy.maxCompressedLength(raw.length)];
    int n = snappy.compress(raw, 0, raw.length, compressed, 0, compressed.length);
    return Arrays.copyOf(compressed, n);
  }
}
