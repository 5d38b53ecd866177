package dev.sightline.receivers.jaeger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Thrift binary batches written byte by byte: unknown fields skipped, bad spans named, broken bodies refused. */
class JaegerThriftDecoderTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final DataOutputStream out = new DataOutputStream(bytes);

  private void field(int type, int id) throws IOException {
    out.writeByte(type);
    out.writeShort(id);
  }

  private void string(int id, String s) throws IOException {
    field(ThriftReader.STRING, id);
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private void i64(int id, long v) throws IOException {
    field(ThriftReader.I64, id);
    out.writeLong(v);
  }

  private void span(long spanId, long parent, String name, long startMicros) throws IOException {
    i64(1, 0x1234);
    i64(2, 0);
    i64(3, spanId);
    i64(4, parent);
    string(5, name);
    field(ThriftReader.I32, 7);
    out.writeInt(1);
    i64(8, startMicros);
    i64(9, 250);
    field(ThriftReader.LIST, 10);
    out.writeByte(ThriftReader.STRUCT);
    out.writeInt(1);
    string(1, "span.kind");
    field(ThriftReader.I32, 2);
    out.writeInt(0);
    string(3, "producer");
    out.writeByte(ThriftReader.STOP);
    out.writeByte(ThriftReader.STOP);
  }

  @Test
  void skipsUnknownFieldsAndReportsBadSpansByIndex() throws Exception {
    field(ThriftReader.STRUCT, 1);
    string(1, "billing");
    out.writeByte(ThriftReader.STOP);
    field(ThriftReader.LIST, 2);
    out.writeByte(ThriftReader.STRUCT);
    out.writeInt(2);
    span(7, 3, "publish invoice", 1_700_000_000_000_000L);
    span(0, 0, "no id", 1_700_000_000_000_000L);
    i64(3, 42); // seqNo
    field(ThriftReader.STRUCT, 4); // ClientStats, and a map a newer client might add
    field(ThriftReader.MAP, 9);
    out.writeByte(ThriftReader.STRING);
    out.writeByte(ThriftReader.I32);
    out.writeInt(1);
    out.writeInt(1);
    out.write('k');
    out.writeInt(5);
    out.writeByte(ThriftReader.STOP);
    out.writeByte(ThriftReader.STOP);

    DecodedBatch batch = JaegerThriftDecoder.decode(bytes.toByteArray());
    assertThat(batch.problems()).containsExactly("span[1]: spanId is zero");
    ExportTraceServiceRequest request = JaegerToOtlp.convert(batch.spans());
    assertThat(request.getResourceSpans(0).getResource().getAttributes(0).getValue().getStringValue()).isEqualTo("billing");
    Span s = request.getResourceSpans(0).getScopeSpans(0).getSpans(0);
    assertThat(s.getName()).isEqualTo("publish invoice");
    assertThat(s.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_PRODUCER);
    assertThat(s.getStartTimeUnixNano()).isEqualTo(1_700_000_000_000_000_000L);
    assertThat(s.getEndTimeUnixNano() - s.getStartTimeUnixNano()).isEqualTo(250_000);
    assertThat(s.getParentSpanId().toByteArray()).containsExactly(0, 0, 0, 0, 0, 0, 0, 3);
    assertThat(s.getTraceId().toByteArray()).hasSize(16);
    assertThat(s.getAttributesList()).isEmpty();
  }

  @Test
  void refusesHostileLengthsAndMissingProcess() throws Exception {
    field(ThriftReader.LIST, 2);
    out.writeByte(ThriftReader.STRUCT);
    out.writeInt(Integer.MAX_VALUE);
    assertThatThrownBy(() -> JaegerThriftDecoder.decode(bytes.toByteArray()))
        .hasMessageContaining("Batch.spans")
        .hasMessageContaining("2147483647 elements");
    assertThatThrownBy(() -> JaegerThriftDecoder.decode(new byte[] {ThriftReader.STOP}))
        .hasMessageContaining("has no process");
    assertThatThrownBy(() -> JaegerThriftDecoder.decode(new byte[] {99, 0, 1}))
        .hasMessageContaining("unknown Thrift type 99");
  }
}
