package dev.sightline.server.promql;

import com.google.protobuf.CodedOutputStream;
import io.airlift.compress.snappy.SnappyCompressor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A Prometheus remote-write 1.0 client: {@code prometheus.WriteRequest} encoded by hand with
 * {@link CodedOutputStream}, snappy block compression, the three headers Prometheus sends.
 * Sends the samples in time slices, oldest first, as a Prometheus agent would.
 */
final class RemoteWriteClient {
  private static final int MAX_ATTEMPTS = 20;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String url;

  RemoteWriteClient(String url) {
    this.url = url;
  }

  /** Sends every sample of {@code series} in slices of {@code sliceMillis}; throws naming the slice if one is refused. */
  void send(List<TestSeries> series, long from, long to, long sliceMillis) {
    for (long sliceStart = from; sliceStart <= to; sliceStart += sliceMillis) {
      byte[] body = encode(series, sliceStart, sliceStart + sliceMillis);
      post(body, sliceStart);
    }
  }

  static byte[] encode(List<TestSeries> series, long fromInclusive, long toExclusive) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CodedOutputStream request = CodedOutputStream.newInstance(bytes);
      for (TestSeries s : series) {
        int first = s.firstAtOrAfter(fromInclusive);
        int last = s.firstAtOrAfter(toExclusive);
        if (first < last) {
          request.writeByteArray(1, timeSeries(s, first, last));
        }
      }
      request.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] timeSeries(TestSeries s, int first, int last) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    for (Map.Entry<String, String> label : s.labels().entrySet()) {
      out.writeByteArray(1, message(o -> {
        o.writeString(1, label.getKey());
        o.writeString(2, label.getValue());
      }));
    }
    for (int i = first; i < last; i++) {
      double value = s.values()[i];
      long timestamp = s.timestamps()[i];
      out.writeByteArray(2, message(o -> {
        o.writeDouble(1, value);
        o.writeInt64(2, timestamp);
      }));
    }
    out.flush();
    return bytes.toByteArray();
  }

  private interface Fields {
    void write(CodedOutputStream out) throws IOException;
  }

  private static byte[] message(Fields fields) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    fields.write(out);
    out.flush();
    return bytes.toByteArray();
  }

  static byte[] snappy(byte[] raw) {
    SnappyCompressor compressor = new SnappyCompressor();
    byte[] out = new byte[compressor.maxCompressedLength(raw.length)];
    int n = compressor.compress(raw, 0, raw.length, out, 0, out.length);
    return Arrays.copyOf(out, n);
  }

  private void post(byte[] protobuf, long sliceStart) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-protobuf").header("Content-Encoding", "snappy")
        .header("X-Prometheus-Remote-Write-Version", "0.1.0").header("User-Agent", "sightline-promql-differential-test")
        .POST(HttpRequest.BodyPublishers.ofByteArray(snappy(protobuf))).build();
    List<String> refusals = new ArrayList<>();
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      HttpResponse<String> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new UncheckedIOException("remote write to " + url + " failed for the slice at " + sliceStart, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      int status = response.statusCode();
      if (status / 100 == 2) {
        return;
      }
      refusals.add(status + " " + response.body().strip());
      if (status != 429 && status != 503) {
        break;
      }
      // Backpressure: wait as asked (bounded), then resend the same slice.
      long seconds = response.headers().firstValueAsLong("Retry-After").orElse(1);
      sleep(Math.min(5, Math.max(1, seconds)) * 1000);
    }
    throw new AssertionError("remote write to " + url + " refused the slice starting at " + sliceStart + ": " + refusals);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
