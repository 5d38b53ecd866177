package dev.sightline.pipeline;

import java.time.Duration;

/** A part of the server with a life cycle, as in the OpenTelemetry Collector. */
public interface Component {

  /** Starts work; fails fast when the component cannot run. */
  void start();

  /** Finishes what was accepted within {@code timeout}, then stops. Never throws. */
  void shutdown(Duration timeout);
}
