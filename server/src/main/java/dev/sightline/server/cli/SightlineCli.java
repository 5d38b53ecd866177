package dev.sightline.server.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command-line client of a running server: {@code sightline <command>}. Exit codes scripts
 * can rely on: 0 done, 1 the server refused or failed, 2 a usage error, 3 not found, 4 the server
 * cannot be reached.
 */
@Command(name = "sightline", mixinStandardHelpOptions = true, version = "sightline 0.1.0",
    description = "Query and manage a running Sightline server.",
    subcommands = {ServicesCommand.class, TracesCommand.class, TraceCommand.class, LogsCommand.class, QueryCommand.class,
        RulesCommand.class, AlertsCommand.class, KeysCommand.class, ExportCommand.class,
        AutoComplete.GenerateCompletion.class},
    footer = {"", "Server and key: --url/--key, else SIGHTLINE_URL/SIGHTLINE_API_KEY, else --profile (or the default)"
        + " of ~/.config/sightline/cli.yaml.",
        "Exit codes: 0 done, 1 refused or failed, 2 usage error, 3 not found, 4 server unreachable."})
public final class SightlineCli implements Runnable {
  static final int REFUSED = 1;
  static final int USAGE = 2;
  static final int NOT_FOUND = 3;
  static final int UNREACHABLE = 4;

  /** What a command needs from its surroundings, so that tests run it in-process too. */
  record Context(Map<String, String> env, PrintStream out, PrintStream err) {}

  final Context context;

  private SightlineCli(Context context) {
    this.context = context;
  }

  @Override
  public void run() {
    CommandLine.usage(this, context.out());
  }

  public static void main(String[] args) {
    System.exit(run(List.of(args), System.getenv(), System.out, System.err));
  }

  /** Runs one command line; returns the exit code. */
  public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    CommandLine cli = new CommandLine(new SightlineCli(new Context(env, out, err)));
    cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cli.setExecutionExceptionHandler((e, line, parsed) -> {
      if (e instanceof ApiClient.ApiException api) {
        err.println("sightline: " + api.getMessage());
        return api.status == 0 ? UNREACHABLE : api.status == 404 ? NOT_FOUND : REFUSED;
      }
      if (e instanceof IllegalArgumentException) {
        err.println("sightline: " + e.getMessage());
        return USAGE;
      }
      throw e;
    });
    return cli.execute(args.toArray(String[]::new));
  }
}
