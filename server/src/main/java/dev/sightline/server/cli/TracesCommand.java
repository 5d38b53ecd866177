package dev.sightline.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "traces", description = "Search traces.", subcommands = TracesCommand.Search.class)
final class TracesCommand {

  @Command(name = "search", description = "Traces by service, operation, attributes, duration and errors.")
  static final class Search implements Callable<Integer> {
    @Mixin Common common;
    @Option(names = "--service") String service;
    @Option(names = "--operation") String operation;
    @Option(names = "--attr", description = "key=value, repeatable") List<String> attributes = new ArrayList<>();
    @Option(names = "--min-duration", description = "e.g. 250ms") String minDuration;
    @Option(names = "--max-duration") String maxDuration;
    @Option(names = "--errors", description = "only traces with an error span") boolean errors;
    @Option(names = "--since", defaultValue = "1h", description = "how far back (default: ${DEFAULT-VALUE})") String since;
    @Option(names = "--limit", defaultValue = "20") int limit;

    @Override
    public Integer call() {
      Map<String, Object> q = new LinkedHashMap<>();
      q.put("service", service);
      q.put("operation", operation);
      q.put("minDuration", minDuration);
      q.put("maxDuration", maxDuration);
      q.put("errors", errors ? "true" : null);
      q.put("lookback", since);
      q.put("limit", limit);
      StringBuilder path = new StringBuilder("/api/v1/traces?" + ApiClient.query(q));
      attributes.forEach(a -> path.append("&").append(ApiClient.query(Map.of("attr", a))));
      JsonNode answer = common.api().get(path.toString());
      if (common.output().format() == Output.Format.json) {
        common.output().json(answer);
        return 0;
      }
      List<List<String>> rows = new ArrayList<>();
      for (JsonNode t : answer.path("traces")) {
        rows.add(List.of(t.path("traceId").asText(), t.path("rootService").asText(), t.path("rootName").asText(),
            Format.time(t.path("startTimeUnixNano").asText()), Format.duration(t.path("durationNanos").asLong()),
            t.path("spanCount").asText(), t.path("errorCount").asText()));
      }
      common.output().rows(List.of("TRACE ID", "SERVICE", "ROOT", "START", "DURATION", "SPANS", "ERRORS"), rows);
      return 0;
    }
  }
}
