package dev.sightline.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Writes whole traces or logs of a time range, one JSON object per line (or CSV for logs), following the API's cursors. */
@Command(name = "export", description = "Export traces or logs of a time range as JSON lines (logs also as CSV).")
final class ExportCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();
  enum Signal { traces, logs }

  @Mixin Common common;
  @Parameters(index = "0", description = "traces or logs") Signal signal;
  @Option(names = "--service") String service;
  @Option(names = "--since", defaultValue = "1h") String since;
  @Option(names = "--max", defaultValue = "10000", description = "stop after this many traces or logs (default: ${DEFAULT-VALUE})")
  int max;

  @Override
  public Integer call() throws Exception {
    String cursor = null;
    int written = 0;
    boolean csv = common.output().format() == Output.Format.csv;
    if (csv && signal == Signal.traces) {
      throw new IllegalArgumentException("traces export as JSON lines only; use -o json");
    }
    if (csv) {
      common.out().println(Output.csvLine(LogsCommand.COLUMNS));
    }
    do {
      Map<String, Object> q = new LinkedHashMap<>();
      q.put("service", service);
      q.put("lookback", since);
      q.put("limit", signal == Signal.traces ? 100 : 1000);
      q.put("cursor", cursor);
      JsonNode page = common.api().get("/api/v1/" + signal + "?" + ApiClient.query(q));
      for (JsonNode item : page.path(signal.name())) {
        if (written >= max) {
          return 0;
        }
        if (signal == Signal.traces) {
          common.out().println(JSON.writeValueAsString(common.api().get("/api/v1/traces/" + item.path("traceId").asText())));
        } else if (csv) {
          common.out().println(Output.csvLine(LogsCommand.row(item)));
        } else {
          common.out().println(JSON.writeValueAsString(item));
        }
        written++;
      }
      cursor = page.path("nextCursor").isTextual() && !page.path("nextCursor").asText().isEmpty()
          ? page.path("nextCursor").asText() : null;
    } while (cursor != null);
    return 0;
  }
}
