package dev.sightline.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "logs", description = "Search or follow logs.", subcommands = {LogsCommand.Search.class, LogsCommand.Tail.class})
final class LogsCommand {

  /** The filters both subcommands take. */
  static final class Filters {
    @Option(names = "--service") String service;
    @Option(names = "--min-severity", description = "e.g. WARN, ERROR") String minSeverity;
    @Option(names = "--contains", description = "text the body contains") String contains;
    @Option(names = "--trace-id") String traceId;

    Map<String, Object> query() {
      Map<String, Object> q = new LinkedHashMap<>();
      q.put("service", service);
      q.put("minSeverity", minSeverity);
      q.put("contains", contains);
      q.put("traceId", traceId);
      return q;
    }
  }

  static List<String> row(JsonNode log) {
    return List.of(Format.time(log.path("timeUnixNano").asText("0").equals("0") ? log.path("observedTimeUnixNano").asText()
        : log.path("timeUnixNano").asText()), log.path("severityText").asText(), log.path("service").asText(),
        log.path("body").isTextual() ? log.path("body").asText() : log.path("body").toString());
  }

  static final List<String> COLUMNS = List.of("TIME", "SEVERITY", "SERVICE", "BODY");

  @Command(name = "search", description = "Logs by service, severity, text and trace, newest first.")
  static final class Search implements Callable<Integer> {
    @Mixin Common common;
    @Mixin Filters filters;
    @Option(names = "--since", defaultValue = "1h") String since;
    @Option(names = "--limit", defaultValue = "100") int limit;

    @Override
    public Integer call() {
      Map<String, Object> q = filters.query();
      q.put("lookback", since);
      q.put("limit", limit);
      JsonNode answer = common.api().get("/api/v1/logs?" + ApiClient.query(q));
      if (common.output().format() == Output.Format.json) {
        common.output().json(answer);
        return 0;
      }
      List<List<String>> rows = new ArrayList<>();
      answer.path("logs").forEach(l -> rows.add(row(l)));
      common.output().rows(COLUMNS, rows);
      return 0;
    }
  }

  @Command(name = "tail", description = "Print new logs as they arrive (with -f), oldest first.")
  static final class Tail implements Callable<Integer> {
    @Mixin Common common;
    @Mixin Filters filters;
    @Option(names = {"-f", "--follow"}, description = "keep printing new logs") boolean follow;
    @Option(names = "--since", defaultValue = "1m", description = "start this far back (default: ${DEFAULT-VALUE})") String since;
    @Option(names = "--interval", defaultValue = "1s", description = "how often to ask (default: ${DEFAULT-VALUE})") String interval;
    @Option(names = "--for", description = "stop after this long (default: until interrupted)") String stopAfter;

    @Override
    public Integer call() throws InterruptedException {
      long pollMs = Duration.parse("PT" + interval.toUpperCase(java.util.Locale.ROOT)).toMillis();
      long deadline = stopAfter == null ? Long.MAX_VALUE
          : System.nanoTime() + Duration.parse("PT" + stopAfter.toUpperCase(java.util.Locale.ROOT)).toNanos();
      String startNanos = null;
      Set<String> seen = new HashSet<>();
      boolean header = true;
      do {
        Map<String, Object> q = filters.query();
        if (startNanos == null) {
          q.put("lookback", since);
        } else {
          q.put("start", new java.math.BigDecimal(startNanos).movePointLeft(9).toPlainString());
        }
        q.put("limit", 1000);
        List<JsonNode> logs = new ArrayList<>();
        common.api().get("/api/v1/logs?" + ApiClient.query(q)).path("logs").forEach(logs::add);
        List<List<String>> fresh = new ArrayList<>();
        for (int i = logs.size() - 1; i >= 0; i--) { // the API answers newest first
          JsonNode l = logs.get(i);
          String time = l.path("timeUnixNano").asText("0").equals("0") ? l.path("observedTimeUnixNano").asText()
              : l.path("timeUnixNano").asText();
          if (startNanos != null && Long.parseUnsignedLong(time) > Long.parseUnsignedLong(startNanos)) {
            seen.clear(); // only records at the newest time seen can come again: the next ask starts there
          }
          if (seen.add(time + "\u0000" + l.path("body"))) {
            fresh.add(row(l));
          }
          if (startNanos == null || Long.parseUnsignedLong(time) > Long.parseUnsignedLong(startNanos)) {
            startNanos = time;
          }
        }
        if (!fresh.isEmpty()) {
          printRows(fresh, header);
          header = false;
        }
        if (follow && System.nanoTime() < deadline) {
          Thread.sleep(pollMs);
        }
      } while (follow && System.nanoTime() < deadline);
      return 0;
    }

    private void printRows(List<List<String>> rows, boolean header) {
      if (common.output().format() == Output.Format.table) {
        rows.forEach(r -> common.out().println(String.join("  ", r)));
      } else if (common.output().format() == Output.Format.csv) {
        if (header) {
          common.out().println(Output.csvLine(COLUMNS));
        }
        rows.forEach(r -> common.out().println(Output.csvLine(r)));
      } else {
        rows.forEach(r -> common.out().println("{\"time\":\"" + r.get(0) + "\",\"severity\":\"" + r.get(1)
            + "\",\"service\":" + quote(r.get(2)) + ",\"body\":" + quote(r.get(3)) + "}"));
      }
    }

    private static String quote(String s) {
      return "\"" + new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }
  }
}
