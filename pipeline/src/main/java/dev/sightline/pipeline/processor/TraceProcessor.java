package dev.sightline.pipeline.processor;

import dev.sightline.pipeline.Signal;

/** A processor of spans only; its id comes from the configuration. */
abstract class TraceProcessor implements Processor {
  private final String id;

  TraceProcessor(String id) {
    this.id = id;
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final boolean handles(Signal signal) {
    return signal == Signal.TRACES;
  }
}
