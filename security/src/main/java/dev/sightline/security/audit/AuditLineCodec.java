package dev.sightline.security.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes and reads the lines of the audit log.
 *
 * <p>The hashed content is the JSON of {@code seq} and {@code event} with a fixed field order and
 * sorted details, so that the same entry always gives the same bytes. A line is that content
 * followed by {@code prev} and {@code hash}; a line that parses but does not render back to the
 * same bytes carries something the hash does not cover, which verification reports.
 */
final class AuditLineCodec {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFactory FACTORY = JSON.getFactory();

  /** A line that cannot be read as an entry; the message is the reason verification reports. */
  static final class BadLine extends Exception {
    BadLine(String reason) {
      super(reason, null, false, false);
    }
  }

  private AuditLineCodec() {}

  /** The bytes the hash covers. */
  static byte[] content(long seq, AuditEvent event) {
    return render(seq, event, null);
  }

  /** The line as stored, with its newline. */
  static byte[] line(AuditEntry entry) {
    return render(entry.seq(), entry.event(), entry);
  }

  private static byte[] render(long seq, AuditEvent e, @Nullable AuditEntry chained) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("seq", seq);
      g.writeObjectFieldStart("event");
      g.writeStringField("time", e.time().toString());
      g.writeStringField("actor", e.actor());
      g.writeStringField("tenant", e.tenant());
      g.writeStringField("action", e.action());
      g.writeStringField("target", e.target());
      g.writeStringField("source", e.source());
      g.writeStringField("outcome", e.outcome().label());
      g.writeObjectFieldStart("details");
      for (Map.Entry<String, String> d : e.details().entrySet()) {
        g.writeStringField(d.getKey(), d.getValue());
      }
      g.writeEndObject();
      g.writeEndObject();
      if (chained != null) {
        g.writeStringField("prev", chained.prev());
        g.writeStringField("hash", chained.hash());
      }
      g.writeEndObject();
    } catch (IOException ex) {
      throw new UncheckedIOException("rendering an audit entry in memory", ex);
    }
    if (chained != null) {
      out.write('\n');
    }
    return out.toByteArray();
  }

  /** Reads one stored line (without its newline). */
  static AuditEntry parse(byte[] line) throws BadLine {
    JsonNode root;
    try {
      root = JSON.readTree(line);
    } catch (JsonProcessingException ex) {
      throw new BadLine("line is not JSON");
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    if (root == null || !root.isObject()) {
      throw new BadLine("line is not JSON");
    }
    JsonNode seq = root.path("seq");
    if (!seq.isIntegralNumber() || !seq.canConvertToLong()) {
      throw new BadLine("line has no integer seq");
    }
    String prev = text(root, "prev");
    String hash = text(root, "hash");
    JsonNode e = root.path("event");
    if (!e.isObject()) {
      throw new BadLine("line has no event object");
    }
    Map<String, String> details = new LinkedHashMap<>();
    JsonNode d = e.path("details");
    if (!d.isObject()) {
      throw new BadLine("event has no details object");
    }
    for (Map.Entry<String, JsonNode> field : d.properties()) {
      if (!field.getValue().isTextual()) {
        throw new BadLine("event detail " + field.getKey() + " is not a string");
      }
      details.put(field.getKey(), field.getValue().asText());
    }
    AuditEntry entry;
    try {
      AuditEvent event = new AuditEvent(Instant.parse(text(e, "time")), text(e, "actor"), text(e, "tenant"),
          text(e, "action"), text(e, "target"), text(e, "source"), AuditOutcome.parse(text(e, "outcome")), details);
      entry = new AuditEntry(seq.asLong(), event, prev, hash);
    } catch (DateTimeParseException ex) {
      throw new BadLine("event time is not an ISO-8601 instant");
    } catch (IllegalArgumentException | NullPointerException ex) {
      throw new BadLine("event is not valid: " + ex.getMessage());
    }
    byte[] canonical = line(entry);
    if (!Arrays.equals(canonical, 0, canonical.length - 1, line, 0, line.length)) {
      throw new BadLine("line holds more than its hashed content or is not in canonical form");
    }
    return entry;
  }

  /** Reads the seq of a line that may not parse as a whole; -1 when it has none. */
  static long seqOf(byte[] line) {
    try {
      JsonNode seq = JSON.readTree(line).path("seq");
      return seq.canConvertToLong() && seq.isIntegralNumber() ? seq.asLong() : -1;
    } catch (IOException | RuntimeException ex) {
      return -1;
    }
  }

  private static String text(JsonNode node, String field) throws BadLine {
    JsonNode v = node.path(field);
    if (!v.isTextual()) {
      throw new BadLine("line has no string " + field);
    }
    return v.asText();
  }
}
