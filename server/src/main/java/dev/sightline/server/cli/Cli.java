package dev.sightline.server.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * The command-line client: {@code sightline <command> ...} against a running server, with the API
 * key from {@code SIGHTLINE_API_KEY} (or {@code --key}) and the server from {@code SIGHTLINE_URL}
 * (or {@code --url}, default {@code http://localhost:8080}). Exit codes: 0 done, 1 the server
 * refused or failed, 2 a usage error.
 */
public final class Cli {
  static final String USAGE = """
      Usage: sightline keys create --name=NAME --role=ROLE [--tenant=TENANT]
             sightline keys list
             sightline keys revoke ID
      Options: --url=http://localhost:8080 (or SIGHTLINE_URL), --key=KEY (or SIGHTLINE_API_KEY)""";

  private Cli() {}

  public static void main(String[] args) {
    System.exit(run(List.of(args), System.getenv(), System.out, System.err));
  }

  /** Runs one command; returns the exit code. */
  public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    CliArgs parsed;
    try {
      parsed = CliArgs.parse(args, env);
    } catch (IllegalArgumentException e) {
      err.println("sightline: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    if (parsed.words().isEmpty() || parsed.words().get(0).equals("help")) {
      out.println(USAGE);
      return parsed.words().isEmpty() ? 2 : 0;
    }
    ApiClient api = new ApiClient(parsed.url(), parsed.key());
    try {
      return switch (parsed.words().get(0)) {
        case "keys" -> new KeysCommand(api, out).run(parsed);
        default -> throw new IllegalArgumentException("unknown command '" + parsed.words().get(0) + "'");
      };
    } catch (IllegalArgumentException e) {
      err.println("sightline: " + e.getMessage());
      err.println(USAGE);
      return 2;
    } catch (ApiClient.ApiException e) {
      err.println("sightline: " + e.getMessage());
      return 1;
    }
  }
}
