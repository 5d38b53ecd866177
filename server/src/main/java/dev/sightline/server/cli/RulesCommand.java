package dev.sightline.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "rules", description = "Check rule files and try them on stored history.",
    subcommands = {RulesCommand.Lint.class, RulesCommand.Backtest.class, RulesCommand.Test.class})
final class RulesCommand {

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
    }
  }

  @Command(name = "lint", description = "Validate rule files with the server's parser (file, line and reason for each error).")
  static final class Lint implements Callable<Integer> {
    @Mixin Common common;
    @Parameters(arity = "1..*", description = "rule files in the Prometheus format") List<Path> files;

    @Override
    public Integer call() {
      int failed = 0;
      for (Path f : files) {
        try {
          JsonNode data = common.api().postText("/api/v1/rules/validate", "application/yaml", read(f)).path("data");
          common.out().println(f + ": ok, " + data.path("groups").asInt() + " groups, " + data.path("rules").asInt() + " rules");
        } catch (ApiClient.ApiException e) {
          if (e.status != 400) {
            throw e;
          }
          failed++;
          common.out().println(f + ": " + e.getMessage().replaceFirst("^the server answered 400: ", "").replace("request:", "line "));
        }
      }
      return failed == 0 ? 0 : SightlineCli.REFUSED;
    }
  }

  @Command(name = "test", description = "Unit tests of rules in promtool's format, run on this machine (no server needed).")
  static final class Test implements Callable<Integer> {
    @Mixin Common common;
    @Parameters(arity = "1..*", description = "test files: rule_files, evaluation_interval, tests") List<Path> files;

    @Override
    public Integer call() throws IOException {
      int failed = 0;
      for (Path f : files) {
        failed += new RuleUnitTests(common.out()).run(f);
      }
      if (failed > 0) {
        common.out().println(failed + " check(s) failed");
      }
      return failed == 0 ? 0 : SightlineCli.REFUSED;
    }
  }

  @Command(name = "backtest", description = "When the rules of a file would have fired and resolved over stored history.")
  static final class Backtest implements Callable<Integer> {
    @Mixin Common common;
    @Parameters(index = "0", description = "a rule file") Path file;
    @Option(names = "--since", defaultValue = "24h", description = "how far back (default: ${DEFAULT-VALUE})") String since;

    @Override
    public Integer call() {
      Instant end = Instant.now();
      Instant start = end.minus(Duration.parse("PT" + since.toUpperCase(java.util.Locale.ROOT)));
      JsonNode answer = common.api().postText("/api/v1/rules/backtest?" + ApiClient.query(Map.of("start", start.toString(),
          "end", end.toString())), "application/yaml", read(file));
      if (common.output().format() == Output.Format.json) {
        common.output().json(answer);
        return 0;
      }
      List<List<String>> rows = new ArrayList<>();
      for (JsonNode f : answer.path("data").path("firings")) {
        rows.add(List.of(f.path("labels").path("alertname").asText(), Format.labels(f.path("labels")),
            f.path("firedAt").asText(), f.path("resolvedAt").isNull() ? "still firing" : f.path("resolvedAt").asText()));
      }
      common.output().rows(List.of("ALERT", "LABELS", "FIRED", "RESOLVED"), rows);
      answer.path("data").path("errors").forEach(e -> common.context().err().println("error: " + e.asText()));
      return 0;
    }
  }
}
