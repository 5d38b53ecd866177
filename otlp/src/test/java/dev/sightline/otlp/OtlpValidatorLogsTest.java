package dev.sightline.otlp;

import static dev.sightline.otlp.OtlpValidatorTracesTest.LIMITS;
import static dev.sightline.otlp.OtlpValidatorTracesTest.SPAN;
import static dev.sightline.otlp.OtlpValidatorTracesTest.TRACE;
import static dev.sightline.otlp.OtlpValidatorTracesTest.ZERO_SPAN;
import static dev.sightline.otlp.OtlpValidatorTracesTest.ZERO_TRACE;
import static dev.sightline.otlp.Protos.array;
import static dev.sightline.otlp.Protos.kv;
import static dev.sightline.otlp.Protos.kvlist;
import static dev.sightline.otlp.Protos.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import org.junit.jupiter.api.Test;

class OtlpValidatorLogsTest {
  private final OtlpValidator validator = new OtlpValidator(LIMITS);

  static LogRecord.Builder log(String body) {
    return LogRecord.newBuilder().setTimeUnixNano(1_000).setBody(str(body));
  }

  static ExportLogsServiceRequest request(LogRecord.Builder... records) {
    ScopeLogs.Builder scope = ScopeLogs.newBuilder();
    for (LogRecord.Builder record : records) {
      scope.addLogRecords(record);
    }
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(scope)).build();
  }

  @Test
  void keepsTheGoodRecordsAndNamesEachBadOne() {
    ExportLogsServiceRequest request = request(
        log("no ids"),
        log("ids").setTraceId(TRACE).setSpanId(SPAN),
        log("no time").setTimeUnixNano(0),
        log("zero trace").setTraceId(ZERO_TRACE),
        log("short trace").setTraceId(ByteString.copyFrom(new byte[8])),
        log("zero span").setTraceId(TRACE).setSpanId(ZERO_SPAN),
        log("crowded").addAttributes(kv("a", "1")).addAttributes(kv("b", "2"))
            .addAttributes(kv("c", "3")).addAttributes(kv("d", "4")),
        log("nested").addAttributes(kv("user", kvlist(kv("name", "ninechars")))),
        log("a body of 25 characters!!"),
        log("").setBody(array(str("fine"), str("too long!"))));

    Validated<ExportLogsServiceRequest> v = validator.logs(request);

    assertThat(v.accepted()).isEqualTo(request(log("no ids"), log("ids").setTraceId(TRACE).setSpanId(SPAN),
        log("no time").setTimeUnixNano(0)));
    assertThat(v.received()).isEqualTo(10);
    assertThat(v.rejected()).isEqualTo(7);
    String p = "resourceLogs[0].scopeLogs[0].logRecords";
    assertThat(v.errors()).containsExactly(
        p + "[3]: traceId is all zeros",
        p + "[4]: traceId must be empty or 16 bytes (32 hex digits), got 8",
        p + "[5]: spanId is all zeros",
        p + "[6]: 4 attributes, more than the limit of 3",
        p + "[7]: attribute \"user\" holds a string of 9 characters, more than the limit of 8",
        p + "[8]: body holds a string of 25 characters, more than the limit of 8",
        p + "[9]: body holds a string of 9 characters, more than the limit of 8");
  }

  @Test
  void aResourceOverTheLimitsRejectsItsRecordsAndIsDropped() {
    ExportLogsServiceRequest request = ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(ResourceLogs.newBuilder()
            .setResource(Resource.newBuilder().addAttributes(kv("a", "1")).addAttributes(kv("b", "2"))
                .addAttributes(kv("c", "3")).addAttributes(kv("d", "4")))
            .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(log("x"))))
        .addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(ScopeLogs.newBuilder().addLogRecords(log("y"))))
        .build();

    Validated<ExportLogsServiceRequest> v = validator.logs(request);

    assertThat(v.accepted()).isEqualTo(request(log("y")));
    assertThat(v.errors()).containsExactly(
        "resourceLogs[0].scopeLogs[0].logRecords[0]: resource: 4 attributes, more than the limit of 3");
    assertThat(v.summary()).isEqualTo("rejected 1 of 2 log records: "
        + "resourceLogs[0].scopeLogs[0].logRecords[0]: resource: 4 attributes, more than the limit of 3");
  }

  @Test
  void tooManyRecordsIsRefusedWhole() {
    LogRecord.Builder[] records = new LogRecord.Builder[21];
    for (int i = 0; i < records.length; i++) {
      records[i] = log("r" + i);
    }
    assertThatThrownBy(() -> validator.logs(request(records)))
        .isInstanceOf(RequestTooLargeException.class)
        .hasMessage("the request holds 21 log records, more than the limit of 20 per request; send smaller batches");
  }
}
