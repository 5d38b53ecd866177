package dev.sightline.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "services", description = "List the services that sent spans.")
final class ServicesCommand implements Callable<Integer> {
  @Mixin Common common;

  @Override
  public Integer call() {
    JsonNode answer = common.api().get("/api/v1/services");
    if (common.output().format() == Output.Format.json) {
      common.output().json(answer);
      return 0;
    }
    List<List<String>> rows = new ArrayList<>();
    answer.path("services").forEach(s -> rows.add(List.of(s.asText())));
    common.output().rows(List.of("SERVICE"), rows);
    return 0;
  }
}
