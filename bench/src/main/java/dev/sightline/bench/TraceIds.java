package dev.sightline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Prints the trace ids of a trace search answer read from standard input, for the benchmark script. */
public final class TraceIds {
  private TraceIds() {}

  public static void main(String[] args) throws IOException {
    JsonNode answer = new ObjectMapper().readTree(System.in);
    for (JsonNode trace : answer.path("traces")) {
      System.out.println(trace.get("traceId").asText());
    }
  }
}
