package dev.sightline.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "trace", description = "Show one trace as a waterfall (or its spans as JSON or CSV).")
final class TraceCommand implements Callable<Integer> {
  @Mixin Common common;
  @Parameters(index = "0", description = "the trace id, 32 hex digits") String traceId;
  @Option(names = "--width", defaultValue = "40", description = "width of the bars (default: ${DEFAULT-VALUE})") int width;

  private record Row(JsonNode span, int depth) {}

  @Override
  public Integer call() {
    JsonNode trace = common.api().get("/api/v1/traces/" + traceId);
    if (common.output().format() == Output.Format.json) {
      common.output().json(trace);
      return 0;
    }
    List<Row> rows = order(trace.path("spans"));
    if (common.output().format() == Output.Format.csv) {
      List<List<String>> out = new ArrayList<>();
      for (Row r : rows) {
        JsonNode s = r.span();
        out.add(List.of(s.path("spanId").asText(), s.path("parentSpanId").asText(), s.path("service").asText(),
            s.path("name").asText(), s.path("startTimeUnixNano").asText(), s.path("durationNanos").asText(),
            s.path("status").path("code").asText()));
      }
      common.output().rows(List.of("SPAN ID", "PARENT", "SERVICE", "NAME", "START", "DURATION NANOS", "STATUS"), out);
      return 0;
    }
    common.out().print(Waterfall.draw(rows.stream().map(r -> new Waterfall.Bar(r.depth(), r.span().path("service").asText()
        + " " + r.span().path("name").asText(), Long.parseUnsignedLong(r.span().path("startTimeUnixNano").asText()),
        r.span().path("durationNanos").asLong(), r.span().path("status").path("code").asText().equals("ERROR"))).toList(), width));
    common.out().println(rows.size() + " spans, " + trace.path("logs").size() + " logs");
    return 0;
  }

  /** Spans depth first from the roots, children by start time; orphans become roots. */
  private static List<Row> order(JsonNode spans) {
    Map<String, List<JsonNode>> children = new HashMap<>();
    Set<String> ids = new HashSet<>();
    spans.forEach(s -> ids.add(s.path("spanId").asText()));
    List<JsonNode> roots = new ArrayList<>();
    for (JsonNode s : spans) {
      String parent = s.path("parentSpanId").asText();
      if (parent.isEmpty() || !ids.contains(parent)) {
        roots.add(s);
      } else {
        children.computeIfAbsent(parent, k -> new ArrayList<>()).add(s);
      }
    }
    Comparator<JsonNode> byStart = Comparator.comparing(s -> Long.parseUnsignedLong(s.path("startTimeUnixNano").asText()));
    List<Row> out = new ArrayList<>();
    List<Row> stack = new ArrayList<>();
    roots.sort(byStart.reversed());
    roots.forEach(r -> stack.add(new Row(r, 0)));
    while (!stack.isEmpty()) {
      Row r = stack.remove(stack.size() - 1);
      out.add(r);
      List<JsonNode> kids = new ArrayList<>(children.getOrDefault(r.span().path("spanId").asText(), List.of()));
      kids.sort(byStart.reversed());
      kids.forEach(k -> stack.add(new Row(k, r.depth() + 1)));
    }
    return out;
  }
}
