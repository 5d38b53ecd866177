package dev.sightline.alerting;

import dev.sightline.alerting.rules.RuleFileException;
import dev.sightline.alerting.rules.RuleFileParser;
import dev.sightline.alerting.rules.RuleGroup;
import dev.sightline.metadata.MetadataTable;
import dev.sightline.metadata.Replica;
import dev.sightline.metadata.RuleFileRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Where rules come from: the built-in default rules, the {@code *.yml}/{@code *.yaml} files of a
 * directory the operator keeps in git, and the files created through the API (kept in the metadata
 * store, so every node sharing it evaluates them; shown as {@code api/<name>} for the operator
 * tenant, {@code api/tenants/<tenant>/<name>} for the others, whose groups read their own data only). A
 * file that does not parse is reported and its last good version stays in force, so a typo never
 * switches alerting off.
 */
public final class RuleFiles {
  public static final String DEFAULTS = "sightline-defaults.yml";
  private static final Pattern API_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,100}\\.ya?ml");
  private final RuleFileParser parser;
  private final @Nullable Path operatorDir;
  private final Replica<RuleFileRecord> api;
  private final boolean defaults;
  private final Clock clock;
  private final Map<String, List<RuleGroup>> lastGood = new LinkedHashMap<>();
  private final Map<String, RuleFileException> errors = new LinkedHashMap<>();
  private String fingerprint = "";

  public RuleFiles(RuleFileParser parser, @Nullable Path operatorDir, Replica<RuleFileRecord> api, boolean defaults,
      Clock clock) {
    this.parser = parser;
    this.operatorDir = operatorDir;
    this.api = api;
    this.defaults = defaults;
    this.clock = clock;
  }

  /** Reads every file again; returns the groups in force (last good versions of failing files). */
  public synchronized List<RuleGroup> load() {
    Map<String, String> texts = texts();
    errors.clear();
    lastGood.keySet().retainAll(texts.keySet());
    for (Map.Entry<String, String> f : texts.entrySet()) {
      try {
        lastGood.put(f.getKey(), parser.parse(f.getKey(), f.getValue(), owner(f.getKey())));
      } catch (RuleFileException e) {
        errors.put(f.getKey(), e);
      }
    }
    fingerprint = fingerprintNow();
    List<RuleGroup> all = new ArrayList<>();
    lastGood.values().forEach(all::addAll);
    return all;
  }

  /** True when a file was added, removed or changed since the last {@link #load}. */
  public synchronized boolean changed() {
    return !fingerprintNow().equals(fingerprint);
  }

  /** The errors of the last load, by file. */
  public synchronized Map<String, RuleFileException> errors() {
    return Map.copyOf(errors);
  }

  /** Checks a file's text without keeping it; {@code owner} as in {@link #put}. */
  public List<RuleGroup> validate(String name, String text, @Nullable String owner) throws RuleFileException {
    return parser.parse(name, text, owner);
  }

  public List<RuleGroup> validate(String name, String text) throws RuleFileException {
    return validate(name, text, null);
  }

  /**
   * Checks and stores a file of the API for {@code owner}'s tenant (null: the operator's); a file
   * that does not parse is not stored.
   */
  public synchronized void put(String name, String text, @Nullable String owner) throws RuleFileException {
    requireApiName(name);
    parser.parse(apiName(name, owner), text, owner);
    api.table().put(new RuleFileRecord(tenant(owner), name, text, clock.instant(), 0));
    api.reloadAfterChange();
  }

  public synchronized boolean delete(String name, @Nullable String owner) {
    requireApiName(name);
    boolean deleted = api.table().delete(tenant(owner), name);
    api.reloadAfterChange();
    return deleted;
  }

  /** The names the rules API shows for the files of {@code owner}'s tenant (null: every file). */
  public synchronized List<String> names(@Nullable String owner) {
    String prefix = owner == null ? "" : "api/tenants/" + owner + "/";
    return texts().keySet().stream().filter(n -> n.startsWith(prefix)).toList();
  }

  private static String tenant(@Nullable String owner) {
    return owner == null ? RuleFileRecord.OPERATOR : owner;
  }

  /** The tenant a file belongs to, by its shown name: null for the operator's. */
  private static @Nullable String owner(String shownName) {
    if (!shownName.startsWith("api/tenants/")) {
      return null;
    }
    String rest = shownName.substring("api/tenants/".length());
    return rest.substring(0, rest.indexOf('/'));
  }

  /** The text of a file of any source, by the name the rules API shows. */
  public synchronized Optional<String> read(String name) {
    return Optional.ofNullable(texts().get(name));
  }

  /** Every file by the name the rules API shows: the defaults, {@code api/<name>}, and paths in the operator's directory. */
  public synchronized List<String> names() {
    return List.copyOf(texts().keySet());
  }

  /** The name the rules API shows for a file of the API. */
  public static String apiName(String name, @Nullable String owner) {
    return owner == null ? "api/" + name : "api/tenants/" + owner + "/" + name;
  }

  private static void requireApiName(String name) {
    if (!API_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("rule file name '" + name + "' must be letters, digits, '.', '_' or '-' ending in .yml or .yaml");
    }
  }

  private Map<String, String> texts() {
    Map<String, String> out = new LinkedHashMap<>();
    if (defaults) {
      try (InputStream in = RuleFiles.class.getResourceAsStream("/" + DEFAULTS)) {
        out.put(DEFAULTS, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (operatorDir != null) {
      files(operatorDir).forEach(p -> out.put(p.toString(), read(p)));
    }
    for (RuleFileRecord r : api.rows()) {
      out.put(apiName(r.name(), r.tenant().isEmpty() ? null : r.tenant()), r.text());
    }
    return out;
  }

  private String fingerprintNow() {
    StringBuilder b = new StringBuilder();
    api.rows().forEach(r -> b.append(r.tenant()).append('/').append(r.name()).append(r.version()).append('\n'));
    for (Path dir : operatorDir == null ? List.<Path>of() : List.of(operatorDir)) {
      for (Path p : files(dir)) {
        try {
          b.append(p).append(Files.getLastModifiedTime(p)).append(Files.size(p)).append('\n');
        } catch (IOException e) {
          b.append(p).append("?\n");
        }
      }
    }
    return b.toString();
  }

  /**
   * Copies the rule files an older version kept for the API under {@code apiDir}
   * ({@code <name>}, {@code tenants/<tenant>/<name>}) into the store; one already there is replaced,
   * so a repeated import changes nothing.
   *
   * @return how many files there were
   */
  public static int importDir(Path apiDir, MetadataTable<RuleFileRecord> table, Clock clock) {
    int n = 0;
    for (Path p : files(apiDir)) {
      table.put(new RuleFileRecord(RuleFileRecord.OPERATOR, p.getFileName().toString(), read(p), clock.instant(), 0));
      n++;
    }
    Path tenants = apiDir.resolve("tenants");
    if (Files.isDirectory(tenants)) {
      try (Stream<Path> s = Files.list(tenants)) {
        for (Path dir : s.filter(Files::isDirectory).sorted().toList()) {
          for (Path p : files(dir)) {
            table.put(new RuleFileRecord(dir.getFileName().toString(), p.getFileName().toString(), read(p), clock.instant(), 0));
            n++;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("listing tenants' rule files in " + tenants, e);
      }
    }
    return n;
  }

  private static List<Path> files(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("listing rule files in " + dir, e);
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException("reading rule file " + p, e);
    }
  }
}
