package dev.sightline.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "alerts", description = "List pending and firing alerts.")
final class AlertsCommand implements Callable<Integer> {
  @Mixin Common common;

  @Override
  public Integer call() {
    JsonNode answer = common.api().get("/api/v1/alerts");
    if (common.output().format() == Output.Format.json) {
      common.output().json(answer);
      return 0;
    }
    List<List<String>> rows = new ArrayList<>();
    for (JsonNode a : answer.path("data").path("alerts")) {
      rows.add(List.of(a.path("labels").path("alertname").asText(), a.path("state").asText(),
          a.path("labels").path("severity").asText(), a.path("activeAt").asText(), a.path("value").asText(),
          Format.labels(a.path("labels"))));
    }
    common.output().rows(List.of("ALERT", "STATE", "SEVERITY", "ACTIVE SINCE", "VALUE", "LABELS"), rows);
    return 0;
  }
}
