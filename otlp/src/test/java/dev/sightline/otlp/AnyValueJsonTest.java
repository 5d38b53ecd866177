package dev.sightline.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnyValueJsonTest {
  private static KeyValue kv(String key, AnyValue.Builder value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  private static final List<KeyValue> ALL = List.of(
      kv("s", AnyValue.newBuilder().setStringValue("a \"q\" \\ \n\t\u0001 ünï 🚀")),
      kv("i", AnyValue.newBuilder().setIntValue(Long.MIN_VALUE)),
      kv("d", AnyValue.newBuilder().setDoubleValue(2.0)),
      kv("tiny", AnyValue.newBuilder().setDoubleValue(1e-300)),
      kv("nan", AnyValue.newBuilder().setDoubleValue(Double.NEGATIVE_INFINITY)),
      kv("b", AnyValue.newBuilder().setBoolValue(true)),
      kv("bytes", AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(new byte[] {-1, 0, 1}))),
      kv("arr", AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
          .addValues(AnyValue.newBuilder().setIntValue(1)).addValues(AnyValue.getDefaultInstance()))),
      kv("kv", AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
          .addValues(kv("dup", AnyValue.newBuilder().setIntValue(1)))
          .addValues(kv("dup", AnyValue.newBuilder().setIntValue(2))))),
      kv("", AnyValue.newBuilder()));

  @Test
  void roundTripsEveryKindExactly() {
    String json = AnyValueJson.attributes(ALL);
    assertThat(AnyValueJson.parseAttributes(json)).isEqualTo(ALL);
    assertThat(AnyValueJson.parseValue(AnyValueJson.value(ALL.get(8).getValue()))).isEqualTo(ALL.get(8).getValue());
  }

  @Test
  void theFastWriterAndTheStreamingWriterAgree() throws Exception {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      AnyValueJson.writeKeyValues(g, ALL);
    }
    assertThat(AnyValueJson.parseAttributes(out.toString())).isEqualTo(AnyValueJson.parseAttributes(AnyValueJson.attributes(ALL)));
    assertThat(AnyValueJson.attributes(List.of(kv("n", AnyValue.newBuilder().setIntValue(200)))))
        .isEqualTo("{\"n\":200}");
  }
}
