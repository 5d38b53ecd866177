package dev.sightline.otlp;

import static dev.sightline.otlp.Protos.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import org.junit.jupiter.api.Test;

class OtlpJsonErrorsTest {
  private static final String SPAN_PREFIX = """
      {"resourceSpans": [{"scopeSpans": [{"spans": [
        {"traceId": "5b8efff798038103d269b633813fc60c", "spanId": "eee19b7ec3c1b174"},
        {"traceId": "5b8efff798038103d269b633813fc60c", "spanId": "eee19b7ec3c1b174"},
      """;

  @Test
  void invalidJsonNamesLineAndColumn() {
    String json = """
        {"resourceSpans": [
          {"scopeSpans": [
            {"spans": [}
          ]}
        ]}
        """;
    assertThatThrownBy(() -> OtlpJson.traces(utf8(json)))
        .isInstanceOf(OtlpDecodeException.class)
        .hasMessage("invalid JSON at line 3 column 16: Unexpected close marker '}': expected ']' "
            + "(for Array starting at [line: 3, column: 15])");
  }

  @Test
  void badHexNamesTheFieldPath() {
    String json = SPAN_PREFIX + """
        {"traceId": "xyz", "spanId": "eee19b7ec3c1b174"}]}]}]}
        """;
    assertThatThrownBy(() -> OtlpJson.traces(utf8(json)))
        .isInstanceOf(OtlpDecodeException.class)
        .hasMessage("resourceSpans[0].scopeSpans[0].spans[2].traceId: \"xyz\" is not hex: "
            + "'x' at index 0 is not a hex digit (0-9, a-f, A-F)");
  }

  @Test
  void badHexInLinksLogsAndExemplarsIsFoundToo() {
    String link = SPAN_PREFIX + """
        {"links": [{"trace_id": "5b8efff798038103d269b633813fc60c", "span_id": "abc"}]}]}]}]}
        """;
    assertThatThrownBy(() -> OtlpJson.traces(utf8(link)))
        .hasMessageStartingWith("resourceSpans[0].scopeSpans[0].spans[2].links[0].span_id: \"abc\" is not hex");
    String log = """
        {"resourceLogs": [{"scopeLogs": [{"logRecords": [{"spanId": "W47/95gDgQM="}]}]}]}
        """;
    assertThatThrownBy(() -> OtlpJson.logs(utf8(log)))
        .hasMessageStartingWith("resourceLogs[0].scopeLogs[0].logRecords[0].spanId: \"W47/95gDgQM=\" is not hex");
    String exemplar = """
        {"resourceMetrics": [{"scopeMetrics": [{"metrics": [{"name": "m", "gauge": {"dataPoints": [
          {"asInt": 1, "exemplars": [{"traceId": "0g"}]}]}}]}]}]}
        """;
    assertThatThrownBy(() -> OtlpJson.metrics(utf8(exemplar)))
        .hasMessageStartingWith("resourceMetrics[0].scopeMetrics[0].metrics[0].gauge.dataPoints[0]"
            + ".exemplars[0].traceId: \"0g\" is not hex");
  }

  @Test
  void idsMustBeStrings() {
    String json = SPAN_PREFIX + """
        {"traceId": 123}]}]}]}
        """;
    assertThatThrownBy(() -> OtlpJson.traces(utf8(json)))
        .hasMessage("resourceSpans[0].scopeSpans[0].spans[2].traceId: expected a hex string, got number 123");
  }

  @Test
  void valuesOfTheWrongTypeNameTheFieldPath() {
    String json = SPAN_PREFIX + """
        {"traceId": "5b8efff798038103d269b633813fc60c", "startTimeUnixNano": "soon"}]}]}]}
        """;
    assertThatThrownBy(() -> OtlpJson.traces(utf8(json)))
        .isInstanceOf(OtlpDecodeException.class)
        .hasMessage("resourceSpans[0].scopeSpans[0].spans[2].startTimeUnixNano: Not an uint64 value: \"soon\"");
    String attribute = """
        {"resourceSpans": [{"resource": {"attributes": [
          {"key": "a", "value": {"intValue": "1"}},
          {"key": "b", "value": {"intValue": 1.5}}]}}]}
        """;
    assertThatThrownBy(() -> OtlpJson.traces(utf8(attribute)))
        .hasMessage("resourceSpans[0].resource.attributes[1].value.intValue: Not an int64 value: 1.5");
    String notAList = """
        {"resourceSpans": {"scopeSpans": []}}
        """;
    assertThatThrownBy(() -> OtlpJson.traces(utf8(notAList)))
        .hasMessageStartingWith("resourceSpans: ");
  }

  @Test
  void twoValuesInOneAnyValueNameTheValue() {
    String json = """
        {"resourceLogs": [{"scopeLogs": [{"logRecords": [
          {"body": {"stringValue": "a", "intValue": 1}}]}]}]}
        """;
    assertThatThrownBy(() -> OtlpJson.logs(utf8(json)))
        .hasMessage("resourceLogs[0].scopeLogs[0].logRecords[0].body: both \"stringValue\" and \"intValue\" "
            + "are set, but only one of them may be");
  }

  @Test
  void aFieldGivenInBothSpellingsIsNamed() {
    String json = SPAN_PREFIX + """
        {"name": "a", "span_id": "eee19b7ec3c1b174", "spanId": "eee19b7ec3c1b174"}]}]}]}
        """;
    assertThatThrownBy(() -> OtlpJson.traces(utf8(json)))
        .hasMessage("resourceSpans[0].scopeSpans[0].spans[2]: the field is given twice, as \"span_id\" and as \"spanId\"");
  }

  @Test
  void anObjectWhereAListBelongsIsNamedWithoutQuotingItWhole() {
    String json = "{\"resourceSpans\": {\"schemaUrl\": \"" + "x".repeat(1000) + "\"}}";
    assertThatThrownBy(() -> OtlpJson.traces(utf8(json)))
        .hasMessageStartingWith("resourceSpans: Expected an array for resource_spans but found {")
        .hasMessageEndingWith("xxx…")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(250));
    assertThatThrownBy(() -> OtlpJson.traces(utf8("{\"resourceSpans\": [{}, 1]}")))
        .hasMessage("resourceSpans[1]: Expect message object but got: 1");
  }

  @Test
  void wholeBodyProblems() {
    assertThatThrownBy(() -> OtlpJson.traces(new byte[0]))
        .isInstanceOf(OtlpDecodeException.class)
        .hasMessage("the body is empty; expected an OTLP/JSON object");
    assertThatThrownBy(() -> OtlpJson.traces(utf8("[]")))
        .hasMessage("expected an OTLP/JSON object at the top level, got an array");
    assertThatThrownBy(() -> OtlpJson.metrics(utf8("{} {}")))
        .hasMessageStartingWith("invalid JSON at line 1 column 4: ");
    assertThatThrownBy(() -> OtlpJson.logs(utf8("{\"resourceLogs\": [], \"resourceLogs\": []}")))
        .hasMessageStartingWith("invalid JSON at line 1 column ")
        .hasMessageContaining("Duplicate field 'resourceLogs'");
    assertThatThrownBy(() -> OtlpJson.logs(new byte[] {'{', '"', (byte) 0xff, '"', ':', '1', '}'}))
        .hasMessageStartingWith("invalid JSON at line 1 column ")
        .hasMessageContaining("Invalid UTF-8 start byte 0xff");
  }

  @Test
  void trailingContentIsAnError() {
    assertThatThrownBy(() -> OtlpJson.traces(utf8("{}\n {\"resourceSpans\": []}")))
        .hasMessage("invalid JSON at line 2 column 2: unexpected content after the top-level object");
  }

  @Test
  void anEmptyObjectIsAnEmptyRequest() {
    assertThat(OtlpJson.traces(utf8("{}")).getResourceSpansCount()).isZero();
    assertThat(OtlpJson.traces(utf8("{\"resourceSpans\": null}")).getResourceSpansCount()).isZero();
  }

  @Test
  void printsPartialSuccessAsOtlpJson() throws Exception {
    ExportTraceServiceResponse response = ExportTraceServiceResponse.newBuilder()
        .setPartialSuccess(ExportTracePartialSuccess.newBuilder()
            .setRejectedSpans(3).setErrorMessage("rejected 3 of 10 spans: \"ünïcødé\""))
        .build();

    String json = OtlpJson.print(response);

    assertThat(json).isEqualTo(
        "{\"partialSuccess\":{\"rejectedSpans\":\"3\",\"errorMessage\":\"rejected 3 of 10 spans: \\\"ünïcødé\\\"\"}}");
    JsonNode tree = new ObjectMapper().readTree(json);
    assertThat(tree.path("partialSuccess").path("rejectedSpans").asLong()).isEqualTo(3);
    assertThat(OtlpJson.print(ExportMetricsServiceResponse.getDefaultInstance())).isEqualTo("{}");
    assertThat(OtlpJson.print(ExportLogsServiceResponse.getDefaultInstance())).isEqualTo("{}");
  }
}
