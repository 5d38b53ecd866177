package dev.sightline.alerting.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sightline.metadata.MetadataTable;
import dev.sightline.metadata.Replica;
import dev.sightline.metadata.SilenceRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;

/**
 * The silences, kept in the metadata store so that they survive a restart and hold on every node
 * that shares it. Muting reads this node's replica, so it keeps working while the store is
 * unreachable. Expired silences stay listed for five days, as in Alertmanager, then are dropped.
 */
public final class Silences {
  /** The file of older versions, imported into the store once. */
  public static final String FILE = "silences.json";
  static final Duration RETENTION = Duration.ofDays(5);
  private final Replica<SilenceRecord> replica;
  private final Clock clock;
  private volatile Parsed parsed = new Parsed(List.of(), List.of());

  /** A silence with its state at the time of listing. */
  public record Entry(Silence silence, SilenceState state) {}

  /** The replica's rows as silences, parsed again when the replica holds new rows. */
  private record Parsed(List<SilenceRecord> rows, List<Silence> silences) {}

  public Silences(Replica<SilenceRecord> replica, Clock clock) {
    this.replica = replica;
    this.clock = clock;
  }

  /**
   * Creates a silence and returns its id. A missing startsAt, or one in the past, means now.
   *
   * @throws IllegalArgumentException naming the field at fault
   */
  public String create(SilenceRequest request) {
    Instant now = clock.instant();
    List<Matcher> matchers = request.matchers();
    if (matchers == null || matchers.isEmpty()) {
      throw new IllegalArgumentException("matchers: at least one matcher is required");
    }
    if (matchers.stream().allMatch(m -> m.matches(Map.of()))) {
      throw new IllegalArgumentException("matchers: at least one matcher must not match an empty label value, "
          + "or the silence would mute every alert");
    }
    Instant starts = request.startsAt() == null || request.startsAt().isBefore(now) ? now : request.startsAt();
    Instant ends = request.endsAt();
    if (ends == null) {
      throw new IllegalArgumentException("endsAt: required");
    }
    if (!ends.isAfter(now)) {
      throw new IllegalArgumentException("endsAt: " + ends + " is in the past");
    }
    if (!ends.isAfter(starts)) {
      throw new IllegalArgumentException("endsAt: must be after startsAt (" + starts + ")");
    }
    if (request.createdBy() == null || request.createdBy().isBlank()) {
      throw new IllegalArgumentException("createdBy: required");
    }
    if (request.comment() == null || request.comment().isBlank()) {
      throw new IllegalArgumentException("comment: required");
    }
    Silence s = new Silence(UUID.randomUUID().toString(), matchers, starts, ends, request.createdBy(),
        request.comment(), now);
    replica.table().insert(record(s, 0));
    for (SilenceRecord old : replica.rows()) {
      if (!old.endsAt().plus(RETENTION).isAfter(now)) {
        replica.table().delete(old.id());
      }
    }
    replica.reloadAfterChange();
    return s.id();
  }

  /**
   * Ends a silence now (a pending one never starts).
   *
   * @throws NoSuchElementException when there is no such silence
   * @throws IllegalStateException when it has already expired
   * @throws dev.sightline.metadata.ConcurrentChangeException when another node changed it meanwhile
   */
  public void expire(String id) {
    Instant now = clock.instant();
    replica.reload();
    SilenceRecord stored = replica.rows().stream().filter(r -> r.id().equals(id)).findFirst()
        .orElseThrow(() -> new NoSuchElementException("id: no silence '" + id + "'"));
    Silence s = silence(stored);
    if (s.state(now) == SilenceState.EXPIRED) {
      throw new IllegalStateException("id: silence '" + id + "' has already expired");
    }
    Instant starts = s.state(now) == SilenceState.PENDING ? now : s.startsAt();
    replica.table().update(record(new Silence(s.id(), s.matchers(), starts, now, s.createdBy(), s.comment(), now),
        stored.version()));
    replica.reloadAfterChange();
  }

  public Optional<Silence> get(String id) {
    return silences().stream().filter(s -> s.id().equals(id)).findFirst();
  }

  /** All silences not yet past retention, with their state now. */
  public List<Entry> list() {
    Instant now = clock.instant();
    return silences().stream().filter(s -> s.endsAt().plus(RETENTION).isAfter(now))
        .map(s -> new Entry(s, s.state(now))).toList();
  }

  /** The id of an active silence that mutes these labels. */
  public Optional<String> muting(Map<String, String> labels) {
    Instant now = clock.instant();
    return silences().stream().filter(s -> s.mutes(labels, now)).map(Silence::id).findFirst();
  }

  private List<Silence> silences() {
    List<SilenceRecord> rows = replica.rows();
    Parsed current = parsed;
    if (current.rows() != rows) {
      current = new Parsed(rows, rows.stream().map(Silences::silence).toList());
      parsed = current;
    }
    return current.silences();
  }

  private static SilenceRecord record(Silence s, long version) {
    ArrayNode matchers = AlertJson.MAPPER.createArrayNode();
    s.matchers().forEach(m -> matchers.add(m.toString()));
    return new SilenceRecord(s.id(), AlertJson.write(matchers), s.startsAt(), s.endsAt(), s.createdBy(), s.comment(),
        s.updatedAt(), version);
  }

  private static Silence silence(SilenceRecord r) {
    try {
      return new Silence(r.id(), matchers(AlertJson.MAPPER.readTree(r.matchers()), "silence " + r.id()), r.startsAt(),
          r.endsAt(), r.createdBy(), r.comment(), r.updatedAt());
    } catch (IOException e) {
      throw new IllegalStateException("silence " + r.id() + ": its matchers are not JSON: " + e.getMessage(), e);
    }
  }

  private static List<Matcher> matchers(JsonNode list, String where) {
    List<Matcher> out = new ArrayList<>();
    for (int j = 0; j < list.size(); j++) {
      out.add(Matcher.parse(list.get(j).asText(), where + ": matchers[" + j + "]"));
    }
    return out;
  }

  /**
   * Copies the silences of a {@code silences.json} of an older version into the store (one already
   * there is replaced, so a repeated import changes nothing).
   *
   * @return how many silences the file held
   */
  public static int importFile(Path dir, MetadataTable<SilenceRecord> table) throws IOException {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      return 0;
    }
    JsonNode list = AlertJson.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
    for (int i = 0; i < list.size(); i++) {
      JsonNode o = list.get(i);
      Silence s = new Silence(o.path("id").asText(), matchers(o.path("matchers"), file + ": [" + i + "]"),
          Instant.parse(o.path("startsAt").asText()), Instant.parse(o.path("endsAt").asText()), o.path("createdBy").asText(),
          o.path("comment").asText(), Instant.parse(o.path("updatedAt").asText()));
      table.put(record(s, 0));
    }
    return list.size();
  }
}
