package dev.sightline.alerting.notify;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A named receiver and its channels; a receiver without channels notifies nobody (a "blackhole"). */
public record ReceiverConfig(String name, List<ChannelConfig> channels) {
  public ReceiverConfig {
    requireNonNull(name, "name");
    channels = List.copyOf(channels);
  }
}
