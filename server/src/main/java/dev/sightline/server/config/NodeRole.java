package dev.sightline.server.config;

import java.util.Locale;

/** What one Sightline process runs ({@code node.role}); {@link #ALL} is the single machine. */
public enum NodeRole {
  ALL(true, true, true),
  INGEST(true, false, false),
  WORKER(false, true, false),
  QUERY(false, false, true);

  private final boolean receives;
  private final boolean processes;
  private final boolean answersQueries;

  NodeRole(boolean receives, boolean processes, boolean answersQueries) {
    this.receives = receives;
    this.processes = processes;
    this.answersQueries = answersQueries;
  }

  /** Runs the receivers, which write to the ingest log. */
  public boolean receives() {
    return receives;
  }

  /** Runs the pipeline from the ingest log to storage. */
  public boolean processes() {
    return processes;
  }

  /** Serves the query APIs, the UI and alerting. */
  public boolean answersQueries() {
    return answersQueries;
  }

  static NodeRole parse(String raw) {
    for (NodeRole role : values()) {
      if (role.name().toLowerCase(Locale.ROOT).equals(raw.trim().toLowerCase(Locale.ROOT))) {
        return role;
      }
    }
    throw new ConfigException("node.role: '" + raw + "' is not all, ingest, worker or query");
  }
}
