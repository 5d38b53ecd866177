package dev.sightline.server;

import dev.sightline.pipeline.processor.PipelineConfigException;
import dev.sightline.server.config.ConfigException;
import dev.sightline.server.config.ConfigLoader;
import dev.sightline.server.config.ServerConfig;
import java.time.Clock;
import java.util.List;

/** {@code sightline start [--key=value ...]}: runs the all-in-one server until stopped. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    List<String> flags = List.of(args);
    if (flags.contains("--help") || flags.contains("-h")) {
      System.out.println("Usage: sightline start [--config=FILE] [--key=value ...]\n\nSettings:\n" + ConfigLoader.help()
          + "\nEach setting can also come from SIGHTLINE_<KEY> (dots as underscores) or the YAML file.");
      return;
    }
    ServerConfig config;
    try {
      config = ConfigLoader.load(flags, System.getenv());
    } catch (ConfigException e) {
      System.err.println("sightline: configuration error: " + e.getMessage());
      System.exit(2);
      return;
    }
    SightlineServer server;
    try {
      server = SightlineServer.start(config, Clock.systemUTC());
    } catch (PipelineConfigException e) {
      System.err.println("sightline: configuration error: " + e.getMessage());
      System.exit(2);
      return;
    } catch (RuntimeException e) {
      System.err.println("sightline: cannot start: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "sightline-shutdown"));
  }
}
