package dev.sightline.server.cli;

import java.util.List;

/** A trace as text: one line per span, indented by depth, with a bar placed on the trace's time axis. */
final class Waterfall {
  private Waterfall() {}

  record Bar(int depth, String label, long startNanos, long durationNanos, boolean error) {}

  static String draw(List<Bar> bars, int width) {
    if (bars.isEmpty()) {
      return "";
    }
    long start = bars.stream().mapToLong(Bar::startNanos).min().orElse(0);
    long end = bars.stream().mapToLong(b -> b.startNanos() + b.durationNanos()).max().orElse(start + 1);
    double scale = width / (double) Math.max(1, end - start);
    int labelWidth = Math.min(60, bars.stream().mapToInt(b -> 2 * b.depth() + b.label().length()).max().orElse(10));
    StringBuilder out = new StringBuilder();
    for (Bar b : bars) {
      String label = "  ".repeat(b.depth()) + b.label();
      label = label.length() > labelWidth ? label.substring(0, labelWidth - 1) + "…" : label;
      int from = (int) Math.min(width - 1, Math.floor((b.startNanos() - start) * scale));
      int length = (int) Math.max(1, Math.min(width - from, Math.round(b.durationNanos() * scale)));
      out.append(label).append(" ".repeat(labelWidth - label.length() + 2)).append('|')
          .append(" ".repeat(from)).append((b.error() ? "!" : "█").repeat(length)).append(" ".repeat(width - from - length))
          .append("| ").append(Format.duration(b.durationNanos())).append(b.error() ? "  error" : "").append('\n');
    }
    return out.toString();
  }
}
