package dev.sightline.query.promql;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Prometheus 2.42's own PromQL test scripts (promql/testdata), run against this engine: the
 * expectations are facts about Prometheus's behaviour.
 */
class PrometheusScriptsTest {
  private static final List<String> SCRIPTS = List.of("aggregators", "at_modifier", "collision",
      "functions", "histograms", "literals", "operators", "selectors", "staleness", "subquery",
      "trig_functions", "sightline");

  @TestFactory
  Stream<DynamicTest> scripts() {
    return SCRIPTS.stream().flatMap(name -> {
      String text = read("/promql/" + name + ".test");
      return PromqlScript.parse(text).stream().map(e ->
          DynamicTest.dynamicTest(name + ":" + e.line() + " " + e.query(), () -> e.check().run()));
    });
  }

  private static String read(String resource) {
    try (InputStream in = PrometheusScriptsTest.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
