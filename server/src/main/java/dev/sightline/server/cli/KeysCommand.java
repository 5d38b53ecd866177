package dev.sightline.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "keys", description = "Create, list and revoke API keys (needs an admin key).",
    subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
final class KeysCommand {

  @Command(name = "create", description = "Create a key; it is shown once.")
  static final class Create implements Callable<Integer> {
    @Mixin Common common;
    @Option(names = "--name", required = true) String name;
    @Option(names = "--role", required = true, description = "admin, operator, viewer, analyst or a custom role") String role;
    @Option(names = "--tenant", description = "default: the caller's tenant") String tenant;

    @Override
    public Integer call() {
      Map<String, String> body = new LinkedHashMap<>();
      body.put("name", name);
      body.put("role", role);
      if (tenant != null) {
        body.put("tenant", tenant);
      }
      JsonNode created = common.api().post("/api/v1/keys", body);
      if (common.output().format() == Output.Format.json) {
        common.output().json(created);
        return 0;
      }
      JsonNode d = created.path("details");
      common.out().println(created.path("key").asText());
      common.out().println("# id " + d.path("id").asText() + ", role " + d.path("role").asText() + ", tenant "
          + d.path("tenant").asText() + ". The key is shown once: store it now.");
      return 0;
    }
  }

  @Command(name = "list", description = "The keys, without secrets.")
  static final class ListKeys implements Callable<Integer> {
    @Mixin Common common;

    @Override
    public Integer call() {
      JsonNode answer = common.api().get("/api/v1/keys");
      if (common.output().format() == Output.Format.json) {
        common.output().json(answer);
        return 0;
      }
      List<List<String>> rows = new ArrayList<>();
      for (JsonNode k : answer.path("keys")) {
        rows.add(List.of(k.path("id").asText(), k.path("role").asText(), k.path("tenant").asText(), k.path("name").asText(),
            k.path("createdAt").asText(), k.path("revokedAt").asText("-")));
      }
      common.output().rows(List.of("ID", "ROLE", "TENANT", "NAME", "CREATED", "REVOKED"), rows);
      return 0;
    }
  }

  @Command(name = "revoke", description = "Revoke a key at once.")
  static final class Revoke implements Callable<Integer> {
    @Mixin Common common;
    @Parameters(index = "0", description = "the key's id") String id;

    @Override
    public Integer call() {
      common.api().delete("/api/v1/keys/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
      common.out().println("revoked " + id);
      return 0;
    }
  }
}
