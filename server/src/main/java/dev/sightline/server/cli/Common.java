package dev.sightline.server.cli;

import java.io.PrintStream;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The options every command takes: where the server is, the key, and the output format. */
final class Common {
  @Option(names = "--url", description = "the server's API, e.g. http://localhost:8080", defaultValue = "")
  String url;

  @Option(names = "--key", description = "an API key (better: SIGHTLINE_API_KEY or a profile)", defaultValue = "")
  String key;

  @Option(names = "--profile", description = "a profile of ~/.config/sightline/cli.yaml", defaultValue = "")
  String profile;

  @Option(names = {"-o", "--output"}, description = "table, json or csv (default: ${DEFAULT-VALUE})", defaultValue = "table")
  Output.Format output;

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  SightlineCli.Context context() {
    return ((SightlineCli) spec.root().userObject()).context;
  }

  ApiClient api() {
    CliProfiles.Server server = CliProfiles.resolve(url, key, profile, context().env());
    return new ApiClient(server.url(), server.key());
  }

  PrintStream out() {
    return context().out();
  }

  Output output() {
    return new Output(output, out());
  }
}
