package dev.sightline.receivers.fluent;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessagePack;
import org.msgpack.value.MapValue;

/** A Fluent Bit Kubernetes record and a plain one mapped to OTLP: body, severity, trace link, resource, attributes. */
class FluentRecordToLogTest {
  private static final String TRACE = "4BF92F3577B34DA6A3CE929D0E0E4736";

  @Test
  void fluentBitKubernetesRecord() throws Exception {
    MapValue record = map(p -> {
      p.packMapHeader(6);
      p.packString("log").packString("GET /health 200");
      p.packString("stream").packString("stdout");
      p.packString("level").packString("ERROR");
      p.packString("trace_id").packString(TRACE).packString("span_id").packString("00f067aa0ba902b7");
      p.packString("kubernetes").packMapHeader(4)
          .packString("pod_name").packString("web-7d9").packString("namespace_name").packString("shop")
          .packString("container_name").packString("web").packString("labels").packMapHeader(1)
          .packString("app").packString("web");
    });
    RecordToLog.Mapped m = RecordToLog.convert("kube.var.log", new ForwardMessage.Event(42, record), 7);
    LogRecord r = m.record();
    assertThat(r.getBody().getStringValue()).isEqualTo("GET /health 200");
    assertThat(r.getTimeUnixNano()).isEqualTo(42);
    assertThat(r.getObservedTimeUnixNano()).isEqualTo(7);
    assertThat(r.getSeverityNumber()).isEqualTo(SeverityNumber.SEVERITY_NUMBER_ERROR);
    assertThat(r.getSeverityText()).isEqualTo("ERROR");
    assertThat(r.getTraceId().toByteArray()).hasSize(16);
    assertThat(r.getSpanId().toByteArray()).hasSize(8);
    assertThat(m.resource()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "k8s.container.name", "web", "k8s.namespace.name", "shop", "k8s.pod.name", "web-7d9", "service.name", "web"));
    assertThat(attributes(r)).containsOnlyKeys("stream", "kubernetes.labels.app", "fluent.tag");
    assertThat(attributes(r).get("fluent.tag").getStringValue()).isEqualTo("kube.var.log");
  }

  @Test
  void recordWithoutMessageKeepsItAsJsonAndTakesServiceFromTheTag() throws Exception {
    MapValue record = map(p -> {
      p.packMapHeader(5);
      p.packString("status").packInt(503);
      p.packString("ratio").packDouble(0.5);
      p.packString("ok").packBoolean(false);
      p.packString("trace_id").packString("not-hex");
      p.packString("tags").packArrayHeader(2).packString("a").packInt(1);
    });
    RecordToLog.Mapped m = RecordToLog.convert("nginx.access", new ForwardMessage.Event(1, record), 1);
    assertThat(m.resource()).containsExactlyEntriesOf(Map.of("service.name", "nginx"));
    assertThat(m.record().getBody().getStringValue()).startsWith("{\"status\":503");
    assertThat(m.record().getTraceId().isEmpty()).isTrue();
    Map<String, AnyValue> a = attributes(m.record());
    assertThat(a.get("status").getIntValue()).isEqualTo(503);
    assertThat(a.get("ratio").getDoubleValue()).isEqualTo(0.5);
    assertThat(a.get("ok").getBoolValue()).isFalse();
    assertThat(a.get("trace_id").getStringValue()).isEqualTo("not-hex");
    assertThat(a.get("tags").getArrayValue().getValuesCount()).isEqualTo(2);
  }

  @Test
  void serviceFromTheRecord() throws Exception {
    MapValue record = map(p -> p.packMapHeader(2).packString("service").packMapHeader(1).packString("name").packString("checkout")
        .packString("msg").packString("paid"));
    RecordToLog.Mapped m = RecordToLog.convert("app", new ForwardMessage.Event(1, record), 1);
    assertThat(m.resource()).containsEntry("service.name", "checkout");
    assertThat(m.record().getBody().getStringValue()).isEqualTo("paid");
  }

  private static MapValue map(FluentForwardDecoderTest.Writer w) throws Exception {
    return MessagePack.newDefaultUnpacker(FluentForwardDecoderTest.pack(w)).unpackValue().asMapValue();
  }

  private static Map<String, AnyValue> attributes(LogRecord r) {
    return r.getAttributesList().stream().collect(Collectors.toMap(KeyValue::getKey, KeyValue::getValue));
  }
}
