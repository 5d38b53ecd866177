package dev.sightline.alerting.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** The dead-letter file, {@code dead-letter.jsonl} in the data directory: one failed notification a line. */
public final class DeadLetters {
  public static final String FILE = "dead-letter.jsonl";
  private final JsonLines<DeadLetter> lines;

  public DeadLetters(Path directory) {
    this.lines = new JsonLines<>(directory.resolve(FILE), DeadLetters::write, DeadLetters::read);
  }

  void append(DeadLetter letter) {
    lines.append(letter);
  }

  /** The newest {@code limit} dead letters, oldest first. */
  public List<DeadLetter> recent(int limit) {
    return lines.last(limit);
  }

  private static String write(DeadLetter d) {
    ObjectNode o = AlertJson.MAPPER.createObjectNode();
    o.put("time", d.at().toString());
    o.put("receiver", d.receiver());
    o.put("channel", d.channel());
    o.put("groupKey", d.groupKey());
    o.put("attempts", d.attempts());
    o.put("lastError", d.lastError());
    o.put("payload", d.payload());
    return AlertJson.write(o);
  }

  private static DeadLetter read(String line) {
    try {
      JsonNode o = AlertJson.MAPPER.readTree(line);
      return new DeadLetter(Instant.parse(o.path("time").asText()), o.path("receiver").asText(),
          o.path("channel").asText(), o.path("groupKey").asText(), o.path("payload").asText(),
          o.path("lastError").asText(), o.path("attempts").asInt());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
  }
}
