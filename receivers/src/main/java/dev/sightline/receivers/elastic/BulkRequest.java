package dev.sightline.receivers.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An NDJSON bulk body: action lines ({@code index}, {@code create}; {@code delete} and
 * {@code update} are refused, logs are append-only) each followed by its document. Every action
 * becomes one {@link Item}, in order, holding either the document or the reason it was refused,
 * so that the response can answer item by item.
 */
final class BulkRequest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One action: its kind, index and id, and the document or why there is none. */
  record Item(String action, String index, String id, @Nullable ObjectNode document, String error) {}

  private BulkRequest() {}

  static List<Item> parse(byte[] body, String defaultIndex) {
    String[] lines = new String(body, StandardCharsets.UTF_8).split("\n");
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      JsonNode action;
      try {
        action = JSON.readTree(line);
      } catch (IOException e) {
        items.add(new Item("index", defaultIndex, "", null, "line " + (i + 1) + ": the action is not JSON"));
        continue;
      }
      if (action == null || !action.isObject() || action.size() != 1) {
        items.add(new Item("index", defaultIndex, "", null, "line " + (i + 1) + ": expected one action such as {\"index\": {}}"));
        continue;
      }
      String kind = action.fieldNames().next();
      JsonNode meta = action.get(kind);
      String index = meta.path("_index").asText(defaultIndex);
      String id = meta.path("_id").asText("");
      if (kind.equals("delete")) {
        items.add(new Item(kind, index, id, null, "delete is not supported: stored logs are append-only"));
        continue;
      }
      if (!kind.equals("index") && !kind.equals("create") && !kind.equals("update")) {
        items.add(new Item(kind, index, id, null, "line " + (i + 1) + ": unknown action '" + kind + "'"));
        continue;
      }
      if (i + 1 >= lines.length) {
        items.add(new Item(kind, index, id, null, "line " + (i + 1) + ": the action has no document line after it"));
        continue;
      }
      String docLine = lines[++i];
      if (kind.equals("update")) {
        items.add(new Item(kind, index, id, null, "update is not supported: stored logs are append-only"));
        continue;
      }
      try {
        JsonNode doc = JSON.readTree(docLine);
        if (doc == null || !doc.isObject()) {
          throw new IOException("not an object");
        }
        items.add(new Item(kind, index, id, (ObjectNode) doc, ""));
      } catch (IOException e) {
        items.add(new Item(kind, index, id, null, "line " + (i + 1) + ": the document is not a JSON object"));
      }
    }
    return items;
  }
}
