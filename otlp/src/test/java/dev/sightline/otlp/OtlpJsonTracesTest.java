package dev.sightline.otlp;

import static dev.sightline.otlp.Protos.array;
import static dev.sightline.otlp.Protos.integer;
import static dev.sightline.otlp.Protos.kv;
import static dev.sightline.otlp.Protos.kvlist;
import static dev.sightline.otlp.Protos.str;
import static dev.sightline.otlp.Protos.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import org.junit.jupiter.api.Test;

class OtlpJsonTracesTest {
  static final String TRACES = """
      {
        "resourceSpans": [{
          "resource": {"attributes": [
            {"key": "service.name", "value": {"stringValue": "json-shop"}},
            {"key": "host.cores", "value": {"intValue": 8}}]},
          "scopeSpans": [{
            "scope": {"name": "curl-test", "version": "1.0"},
            "spans": [{
              "traceId": "5B8EFFF798038103D269B633813FC60C",
              "spanId": "EEE19B7EC3C1B174",
              "parentSpanId": "",
              "name": "GET /produkte/ünïcødé 🚀",
              "kind": 2,
              "startTimeUnixNano": "1767225600000000000",
              "endTimeUnixNano": 1767225600250000000,
              "attributes": [
                {"key": "http.status_code", "value": {"intValue": "200"}},
                {"key": "big.int", "value": {"intValue": 9007199254740993}},
                {"key": "ratio", "value": {"doubleValue": 0.25}},
                {"key": "cached", "value": {"boolValue": true}},
                {"key": "greeting", "value": {"stringValue": "ünïcødé 🚀 \\"quoted\\" \\u00e9"}},
                {"key": "raw", "value": {"bytesValue": "AAEC/w=="}},
                {"key": "tags", "value": {"arrayValue": {"values": [
                  {"stringValue": "a"}, {"intValue": "2"}, {"arrayValue": {"values": [{"boolValue": true}]}}]}}},
                {"key": "user", "value": {"kvlistValue": {"values": [
                  {"key": "id", "value": {"intValue": 7}},
                  {"key": "address", "value": {"kvlistValue": {"values": [
                    {"key": "city", "value": {"stringValue": "Zürich"}}]}}}]}}}
              ],
              "events": [{"timeUnixNano": "1767225600100000000", "name": "cache miss",
                "attributes": [{"key": "cache.key", "value": {"stringValue": "k1"}}]}],
              "links": [{"trace_id": "0AF7651916CD43DD8448EB211C80319C", "span_id": "b7ad6b7169203331",
                "traceState": "k=v", "flags": 257, "droppedAttributesCount": 1}],
              "status": {"code": 2, "message": "upstream failed"},
              "flags": 769,
              "somethingNew": {"nested": [1, 2, {"traceId": "not hex, but unknown, so ignored"}]}
            }, {
              "trace_id": "5b8efff798038103d269b633813fc60c",
              "span_id": "00F067AA0BA902B7",
              "parent_span_id": "EEE19B7EC3C1B174",
              "name": "SELECT",
              "kind": "SPAN_KIND_CLIENT",
              "start_time_unix_nano": 1767225600010000000,
              "end_time_unix_nano": "1767225600020000000",
              "dropped_attributes_count": 3,
              "status": {"code": "STATUS_CODE_OK"}
            }]
          }],
          "schemaUrl": "https://opentelemetry.io/schemas/1.30.0"
        }]
      }
      """;

  @Test
  void decodesEveryKindOfValueToTheExactProtobuf() {
    Span server = Span.newBuilder()
        .setTraceId(bytes(0x5b, 0x8e, 0xff, 0xf7, 0x98, 0x03, 0x81, 0x03, 0xd2, 0x69, 0xb6, 0x33, 0x81, 0x3f, 0xc6, 0x0c))
        .setSpanId(bytes(0xee, 0xe1, 0x9b, 0x7e, 0xc3, 0xc1, 0xb1, 0x74))
        .setName("GET /produkte/ünïcødé 🚀")
        .setKind(Span.SpanKind.SPAN_KIND_SERVER)
        .setStartTimeUnixNano(1767225600000000000L)
        .setEndTimeUnixNano(1767225600250000000L)
        .addAttributes(kv("http.status_code", integer(200)))
        .addAttributes(kv("big.int", integer(9007199254740993L)))
        .addAttributes(kv("ratio", AnyValue.newBuilder().setDoubleValue(0.25).build()))
        .addAttributes(kv("cached", AnyValue.newBuilder().setBoolValue(true).build()))
        .addAttributes(kv("greeting", "ünïcødé 🚀 \"quoted\" é"))
        .addAttributes(kv("raw", AnyValue.newBuilder().setBytesValue(bytes(0x00, 0x01, 0x02, 0xff)).build()))
        .addAttributes(kv("tags", array(str("a"), integer(2), array(AnyValue.newBuilder().setBoolValue(true).build()))))
        .addAttributes(kv("user", kvlist(kv("id", integer(7)), kv("address", kvlist(kv("city", "Zürich"))))))
        .addEvents(Span.Event.newBuilder().setTimeUnixNano(1767225600100000000L).setName("cache miss")
            .addAttributes(kv("cache.key", "k1")))
        .addLinks(Span.Link.newBuilder()
            .setTraceId(bytes(0x0a, 0xf7, 0x65, 0x19, 0x16, 0xcd, 0x43, 0xdd, 0x84, 0x48, 0xeb, 0x21, 0x1c, 0x80, 0x31, 0x9c))
            .setSpanId(bytes(0xb7, 0xad, 0x6b, 0x71, 0x69, 0x20, 0x33, 0x31))
            .setTraceState("k=v").setFlags(257).setDroppedAttributesCount(1))
        .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("upstream failed"))
        .setFlags(769)
        .build();
    Span client = Span.newBuilder()
        .setTraceId(server.getTraceId())
        .setSpanId(bytes(0x00, 0xf0, 0x67, 0xaa, 0x0b, 0xa9, 0x02, 0xb7))
        .setParentSpanId(server.getSpanId())
        .setName("SELECT")
        .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
        .setStartTimeUnixNano(1767225600010000000L)
        .setEndTimeUnixNano(1767225600020000000L)
        .setDroppedAttributesCount(3)
        .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK))
        .build();
    ExportTraceServiceRequest expected = ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder()
            .setResource(Resource.newBuilder()
                .addAttributes(kv("service.name", "json-shop"))
                .addAttributes(kv("host.cores", integer(8))))
            .addScopeSpans(ScopeSpans.newBuilder()
                .setScope(InstrumentationScope.newBuilder().setName("curl-test").setVersion("1.0"))
                .addSpans(server)
                .addSpans(client))
            .setSchemaUrl("https://opentelemetry.io/schemas/1.30.0"))
        .build();

    assertThat(OtlpJson.traces(utf8(TRACES))).isEqualTo(expected);
  }

  @Test
  void printedRequestsUseLowercaseHexIdsAndDecodeBackToTheSameMessage() {
    ExportTraceServiceRequest request = OtlpJson.traces(utf8(TRACES));
    String json = OtlpJson.print(request);
    assertThat(json)
        .contains("\"traceId\":\"5b8efff798038103d269b633813fc60c\"")
        .contains("\"parentSpanId\":\"eee19b7ec3c1b174\"")
        .contains("\"spanId\":\"b7ad6b7169203331\"")
        .contains("\"kind\":2")
        .contains("\"bytesValue\":\"AAEC/w==\"");
    assertThat(OtlpJson.traces(utf8(json))).isEqualTo(request);
  }

  @Test
  void numbersKeepTheirExactValue() {
    String json = """
        {"resourceSpans": [{"scopeSpans": [{"spans": [{"startTimeUnixNano": 1.7672256000000001e18,
          "endTimeUnixNano": 17672256000000000.01e2,
          "attributes": [{"key": "z", "value": {"doubleValue": -0.0}},
                         {"key": "tiny", "value": {"doubleValue": 5e-324}},
                         {"key": "max", "value": {"intValue": -9223372036854775808}}]}]}]}]}
        """;
    Span span = OtlpJson.traces(utf8(json)).getResourceSpans(0).getScopeSpans(0).getSpans(0);
    assertThat(span.getStartTimeUnixNano()).isEqualTo(1767225600000000100L);
    assertThat(span.getEndTimeUnixNano()).isEqualTo(1767225600000000001L);
    // the protobuf JSON parser itself reads -0.0 as 0.0
    assertThat(span.getAttributes(0).getValue().getDoubleValue()).isZero();
    assertThat(span.getAttributes(1).getValue().getDoubleValue()).isEqualTo(Double.MIN_VALUE);
    assertThat(span.getAttributes(2).getValue().getIntValue()).isEqualTo(Long.MIN_VALUE);
  }

  static ByteString bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return ByteString.copyFrom(out);
  }
}
