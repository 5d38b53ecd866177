package dev.sightline.receivers.loki;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON push body: {@code {"streams": [{"stream": {labels}, "values": [["<unix ns>", "<line>",
 * {structured metadata}?], …]}]}}. A bad stream or entry is reported by its index and skipped.
 */
final class LokiJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LokiJson() {}

  static LokiStream.Decoded decode(byte[] body) throws IOException {
    JsonNode root = JSON.readTree(body);
    if (root == null || !root.path("streams").isArray()) {
      throw new IOException("expected an object with a \"streams\" array");
    }
    List<LokiStream> streams = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    JsonNode all = root.get("streams");
    for (int s = 0; s < all.size(); s++) {
      JsonNode stream = all.get(s);
      if (!stream.path("stream").isObject() || !stream.path("values").isArray()) {
        problems.add("streams[" + s + "]: expected \"stream\" (an object of labels) and \"values\" (an array)");
        continue;
      }
      Map<String, String> labels = strings(stream.get("stream"));
      List<LokiStream.Entry> entries = new ArrayList<>();
      JsonNode values = stream.get("values");
      for (int v = 0; v < values.size(); v++) {
        JsonNode value = values.get(v);
        String where = "streams[" + s + "].values[" + v + "]";
        if (!value.isArray() || value.size() < 2 || !value.get(1).isTextual()) {
          problems.add(where + ": expected [\"<unix nanoseconds>\", \"<line>\"]");
          continue;
        }
        long ns;
        try {
          ns = Long.parseLong(value.get(0).asText());
        } catch (NumberFormatException e) {
          problems.add(where + ": timestamp '" + value.get(0).asText() + "' is not Unix nanoseconds as a string");
          continue;
        }
        Map<String, String> metadata = value.size() > 2 && value.get(2).isObject() ? strings(value.get(2)) : Map.of();
        entries.add(new LokiStream.Entry(ns, value.get(1).asText(), metadata));
      }
      streams.add(new LokiStream(labels, entries));
    }
    return new LokiStream.Decoded(streams, problems);
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> out = new LinkedHashMap<>();
    object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
    return out;
  }
}
