package dev.sightline.alerting.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * The silences, kept in {@code silences.json} in the given directory so that they survive a
 * restart. Expired silences stay listed for five days, as in Alertmanager, then are dropped.
 */
public final class Silences {
  public static final String FILE = "silences.json";
  static final Duration RETENTION = Duration.ofDays(5);
  private final Path file;
  private final Clock clock;
  private volatile List<Silence> silences;

  /** A silence with its state at the time of listing. */
  public record Entry(Silence silence, SilenceState state) {}

  public Silences(Path directory, Clock clock) {
    this.file = directory.resolve(FILE);
    this.clock = clock;
    this.silences = load(file);
  }

  /**
   * Creates a silence and returns its id. A missing startsAt, or one in the past, means now.
   *
   * @throws IllegalArgumentException naming the field at fault
   */
  public synchronized String create(SilenceRequest request) {
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
    List<Silence> next = new ArrayList<>(retained(now));
    next.add(s);
    save(next);
    return s.id();
  }

  /**
   * Ends a silence now (a pending one never starts).
   *
   * @throws NoSuchElementException when there is no such silence
   * @throws IllegalStateException when it has already expired
   */
  public synchronized void expire(String id) {
    Instant now = clock.instant();
    Silence s = get(id).orElseThrow(() -> new NoSuchElementException("id: no silence '" + id + "'"));
    if (s.state(now) == SilenceState.EXPIRED) {
      throw new IllegalStateException("id: silence '" + id + "' has already expired");
    }
    Instant starts = s.state(now) == SilenceState.PENDING ? now : s.startsAt();
    Silence ended = new Silence(s.id(), s.matchers(), starts, now, s.createdBy(), s.comment(), now);
    List<Silence> next = new ArrayList<>();
    for (Silence other : retained(now)) {
      next.add(other.id().equals(id) ? ended : other);
    }
    save(next);
  }

  public Optional<Silence> get(String id) {
    return silences.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  /** All silences not yet past retention, with their state now. */
  public List<Entry> list() {
    Instant now = clock.instant();
    return retained(now).stream().map(s -> new Entry(s, s.state(now))).toList();
  }

  /** The id of an active silence that mutes these labels. */
  public Optional<String> muting(Map<String, String> labels) {
    Instant now = clock.instant();
    return silences.stream().filter(s -> s.mutes(labels, now)).map(Silence::id).findFirst();
  }

  private List<Silence> retained(Instant now) {
    return silences.stream().filter(s -> s.endsAt().plus(RETENTION).isAfter(now)).toList();
  }

  private void save(List<Silence> next) {
    ArrayNode list = AlertJson.MAPPER.createArrayNode();
    for (Silence s : next) {
      ObjectNode o = list.addObject();
      o.put("id", s.id());
      var matchers = o.putArray("matchers");
      s.matchers().forEach(m -> matchers.add(m.toString()));
      o.put("startsAt", s.startsAt().toString());
      o.put("endsAt", s.endsAt().toString());
      o.put("createdBy", s.createdBy());
      o.put("comment", s.comment());
      o.put("updatedAt", s.updatedAt().toString());
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(FILE + ".tmp");
      Files.writeString(tmp, AlertJson.write(list), StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    silences = List.copyOf(next);
  }

  private static List<Silence> load(Path file) {
    if (!Files.exists(file)) {
      return List.of();
    }
    List<Silence> out = new ArrayList<>();
    try {
      JsonNode list = AlertJson.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
      for (int i = 0; i < list.size(); i++) {
        JsonNode o = list.get(i);
        List<Matcher> matchers = new ArrayList<>();
        for (int j = 0; j < o.path("matchers").size(); j++) {
          matchers.add(Matcher.parse(o.path("matchers").get(j).asText(), file + ": [" + i + "].matchers[" + j + "]"));
        }
        out.add(new Silence(o.path("id").asText(), matchers, Instant.parse(o.path("startsAt").asText()),
            Instant.parse(o.path("endsAt").asText()), o.path("createdBy").asText(), o.path("comment").asText(),
            Instant.parse(o.path("updatedAt").asText())));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (RuntimeException e) {
      throw new IllegalStateException(file + ": not a silences file written by Sightline: " + e.getMessage(), e);
    }
    return List.copyOf(out);
  }
}
