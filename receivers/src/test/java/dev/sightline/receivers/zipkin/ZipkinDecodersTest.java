package dev.sightline.receivers.zipkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ZipkinDecodersTest {

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void jsonV2NamesBadSpansAndKeepsGoodOnes() throws Exception {
    DecodedSpans d = JsonV2Decoder.decode(utf8("""
        [{"traceId":"1","id":"2","timestamp":5,"kind":"SERVER","tags":{"n":"1"},"localEndpoint":{"serviceName":"A"}},
         {"traceId":"1","id":"2","timestamp":5,"kind":"SIDEWAYS"},
         {"traceId":"123456789012345678901234567890123","id":"2","timestamp":5},
         7]"""));
    assertThat(d.spans()).singleElement().satisfies(s -> {
      assertThat(s.kind()).isEqualTo(ZipkinSpan.Kind.SERVER);
      assertThat(s.localEndpoint().serviceName()).isEqualTo("a");
      assertThat(s.tags()).containsEntry("n", "1");
    });
    assertThat(d.problems()).containsExactly(
        "span[1]: kind 'SIDEWAYS' is not one of CLIENT, SERVER, PRODUCER, CONSUMER",
        "span[2]: traceId '123456789012345678901234567890123' is not 16 or 32 hex digits",
        "span[3]: a span is an object; got number");
    assertThatThrownBy(() -> JsonV2Decoder.decode(utf8("{}"))).hasMessageContaining("array of spans; got object");
  }

  @Test
  void jsonV1SplitsClientAndServerSidesAndReadsAddresses() throws Exception {
    DecodedSpans d = JsonV1Decoder.decode(utf8("""
        [{"traceId":"a","id":"b","name":"rpc","timestamp":100,"duration":50,
          "annotations":[{"timestamp":100,"value":"cs","endpoint":{"serviceName":"client"}},
                         {"timestamp":110,"value":"sr","endpoint":{"serviceName":"server"}},
                         {"timestamp":140,"value":"ss","endpoint":{"serviceName":"server"}},
                         {"timestamp":150,"value":"cr","endpoint":{"serviceName":"client"}}],
          "binaryAnnotations":[{"key":"sa","value":true,"endpoint":{"serviceName":"server","ipv4":"10.1.1.1"}},
                               {"key":"ca","value":true,"endpoint":{"serviceName":"client"}},
                               {"key":"http.status_code","value":200}]},
         {"traceId":"a","id":"c","name":"local"}]"""));
    assertThat(d.spans()).hasSize(2);
    ZipkinSpan client = d.spans().get(0);
    assertThat(client.kind()).isEqualTo(ZipkinSpan.Kind.CLIENT);
    assertThat(client.localEndpoint().serviceName()).isEqualTo("client");
    assertThat(client.remoteEndpoint().ipv4()).isEqualTo("10.1.1.1");
    assertThat(client.timestampMicros()).isEqualTo(100);
    assertThat(client.durationMicros()).isEqualTo(50);
    assertThat(client.tags()).containsEntry("http.status_code", "200");
    ZipkinSpan server = d.spans().get(1);
    assertThat(server.kind()).isEqualTo(ZipkinSpan.Kind.SERVER);
    assertThat(server.shared()).isTrue();
    assertThat(server.localEndpoint().serviceName()).isEqualTo("server");
    assertThat(server.timestampMicros()).isEqualTo(110);
    assertThat(server.durationMicros()).isEqualTo(30);
    assertThat(d.problems()).containsExactly("span[1]: timestamp is missing and no cs, sr, ms or mr annotation gives one");
  }

  @Test
  void proto3DecodesFieldsAndNamesBadSpans() throws Exception {
    byte[] good = message(out -> {
      out.writeBytes(1, ByteString.fromHex("463ac35c9f6413ad"));
      out.writeBytes(3, ByteString.fromHex("00000000000000a1"));
      out.writeEnum(4, 3);
      out.writeString(5, "send");
      out.writeFixed64(6, 1_000);
      out.writeUInt64(7, 20);
      out.writeBytes(8, ByteString.copyFrom(message(e -> {
        e.writeString(1, "Queue");
        e.writeBytes(3, ByteString.fromHex("20010db8000000000000000000000001"));
        e.writeInt32(4, 5672);
      })));
      out.writeBytes(10, ByteString.copyFrom(message(a -> {
        a.writeFixed64(1, 1_005);
        a.writeString(2, "sent");
      })));
      out.writeBytes(11, ByteString.copyFrom(message(t -> {
        t.writeString(1, "k");
        t.writeString(2, "v");
      })));
      out.writeBool(12, true);
    });
    byte[] bad = message(out -> out.writeBytes(1, ByteString.fromHex("463a")));
    byte[] list = message(out -> {
      out.writeBytes(1, ByteString.copyFrom(good));
      out.writeBytes(1, ByteString.copyFrom(bad));
    });
    DecodedSpans d = Proto3Decoder.decode(list);
    assertThat(d.spans()).singleElement().satisfies(s -> {
      assertThat(s.kind()).isEqualTo(ZipkinSpan.Kind.PRODUCER);
      assertThat(s.traceId().size()).isEqualTo(16);
      assertThat(s.localEndpoint().serviceName()).isEqualTo("queue");
      assertThat(s.localEndpoint().ipv6()).isEqualTo("2001:db8::1");
      assertThat(s.localEndpoint().port()).isEqualTo(5672);
      assertThat(s.annotations()).singleElement().satisfies(a -> assertThat(a.value()).isEqualTo("sent"));
      assertThat(s.tags()).containsEntry("k", "v");
      assertThat(s.durationMicros()).isEqualTo(20);
    });
    assertThat(d.problems()).containsExactly("span[1]: id is missing");
    assertThat(Proto3Decoder.ipv6(new byte[16])).isEqualTo("::");
    assertThatThrownBy(() -> Proto3Decoder.decode(new byte[] {10, 50, 1})).hasMessageContaining("zipkin.proto3.ListOfSpans");
  }

  interface Writer {
    void write(CodedOutputStream out) throws IOException;
  }

  private static byte[] message(Writer w) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    w.write(out);
    out.flush();
    return bytes.toByteArray();
  }
}
