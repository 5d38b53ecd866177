package dev.sightline.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code sightline keys create|list|revoke}: API keys through {@code /api/v1/keys}. */
final class KeysCommand {
  private final ApiClient api;
  private final PrintStream out;

  KeysCommand(ApiClient api, PrintStream out) {
    this.api = api;
    this.out = out;
  }

  int run(CliArgs args) {
    String action = args.words().size() > 1 ? args.words().get(1) : "";
    switch (action) {
      case "create" -> {
        args.allowOnly("name", "role", "tenant");
        Map<String, String> body = new LinkedHashMap<>();
        body.put("name", args.required("name"));
        body.put("role", args.required("role"));
        if (args.options().containsKey("tenant")) {
          body.put("tenant", args.options().get("tenant"));
        }
        JsonNode created = api.post("/api/v1/keys", body);
        JsonNode d = created.path("details");
        out.println(created.path("key").asText());
        out.println("# id " + d.path("id").asText() + ", role " + d.path("role").asText() + ", tenant "
            + d.path("tenant").asText() + ". The key is shown once: store it now.");
        return 0;
      }
      case "list" -> {
        args.allowOnly();
        out.printf("%-14s %-10s %-12s %-24s %-22s %s%n", "ID", "ROLE", "TENANT", "NAME", "CREATED", "REVOKED");
        for (JsonNode k : api.get("/api/v1/keys").path("keys")) {
          out.printf("%-14s %-10s %-12s %-24s %-22s %s%n", k.path("id").asText(), k.path("role").asText(),
              k.path("tenant").asText(), k.path("name").asText(), k.path("createdAt").asText(), k.path("revokedAt").asText("-"));
        }
        return 0;
      }
      case "revoke" -> {
        args.allowOnly();
        if (args.words().size() != 3) {
          throw new IllegalArgumentException("keys revoke takes the key's id: sightline keys revoke ID");
        }
        api.delete("/api/v1/keys/" + java.net.URLEncoder.encode(args.words().get(2), java.nio.charset.StandardCharsets.UTF_8));
        out.println("revoked " + args.words().get(2));
        return 0;
      }
      default -> throw new IllegalArgumentException("keys: expected create, list or revoke, got '" + action + "'");
    }
  }
}
