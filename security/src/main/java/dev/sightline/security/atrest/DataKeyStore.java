package dev.sightline.security.atrest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sightline.security.OwnerOnlyFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned AES-256 data keys in a file, each wrapped by a master key, so the file alone reveals
 * nothing. The newest version encrypts; older ones stay to decrypt what they encrypted. Opening
 * unwraps every version (a wrong or missing master key stops here, with the key id) and rewraps
 * those wrapped by an older master key under the current one: rotating the master key rewrites
 * this small file, never the data. The file is written atomically and readable by its owner only.
 *
 * <pre>
 * {"format": 1, "storeKeyVersion": 1,
 *  "keys": [{"version": 1, "created": "2026-01-01T00:00:00Z", "masterKey": "a1b2c3d4e5f60718",
 *            "wrapped": "base64 of nonce | encrypted key | tag"}]}
 * </pre>
 *
 * <p>{@code storeKeyVersion} is the version the embedded store's file was created under: that
 * file is encrypted as a whole and keeps its key when newer versions are added.
 */
public final class DataKeyStore {
  private record State(NavigableMap<Integer, DataKey> versions, int storeKeyVersion) {
    DataKey newest() {
      return versions.lastEntry().getValue();
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(DataKeyStore.class);
  // Parse errors must not quote the file.
  private static final ObjectMapper JSON = JsonMapper.builder().disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Path file;
  private final MasterKeys master;
  private final Clock clock;
  private final int rewrappedAtOpen;
  private volatile State state;

  private DataKeyStore(Path file, MasterKeys master, Clock clock, State state, int rewrapped) {
    this.file = file;
    this.master = master;
    this.clock = clock;
    this.state = state;
    this.rewrappedAtOpen = rewrapped;
  }

  /**
   * Opens the data-key file, creating it with version 1 when it does not exist, and rewraps
   * under the current master key what an older one wrapped.
   */
  public static DataKeyStore open(Path file, MasterKeys master, Clock clock) {
    try {
      return OwnerOnlyFile.locked(file, () -> {
        if (!Files.exists(file)) {
          DataKey first = newKey(1, clock.instant(), master.currentId());
          State created = new State(map(List.of(first)), 1);
          write(file, master, created);
          LOG.info("Created data-key file {} with data key version 1 wrapped by master key {}", file, master.currentId());
          return new DataKeyStore(file, master, clock, created, 0);
        }
        if (OwnerOnlyFile.othersCanRead(file)) {
          LOG.warn("Data-key file {} is readable by other users; restrict it with chmod 600", file);
        }
        State read = read(file, master);
        int stale = (int) read.versions().values().stream().filter(k -> !k.masterKeyId().equals(master.currentId())).count();
        if (stale > 0) {
          List<DataKey> keys = read.versions().values().stream().map(k -> k.rewrapped(master.currentId())).toList();
          read = new State(map(keys), read.storeKeyVersion());
          write(file, master, read);
          LOG.info("Rewrapped {} data key(s) in {} under master key {}; the data itself is unchanged", stale, file,
              master.currentId());
        }
        return new DataKeyStore(file, master, clock, read, stale);
      });
    } catch (IOException e) {
      throw new AtRestException("data-key file " + file + " cannot be used: " + e.getMessage(), e);
    }
  }

  /** The newest data key, the one that encrypts new data. */
  public DataKey current() {
    return state.newest();
  }

  public Optional<DataKey> version(int version) {
    return Optional.ofNullable(state.versions().get(version));
  }

  /** Every version, oldest first. */
  public List<DataKey> versions() {
    return List.copyOf(state.versions().values());
  }

  /** The data key the embedded store's file is encrypted with. */
  public DataKey storeKey() {
    State s = state;
    return s.versions().get(s.storeKeyVersion());
  }

  public String masterKeyId() {
    return master.currentId();
  }

  /** How many data keys opening rewrapped under a new master key. */
  public int rewrappedAtOpen() {
    return rewrappedAtOpen;
  }

  public Path file() {
    return file;
  }

  /** Adds and stores a new data-key version, which encrypts from now on. */
  public synchronized DataKey rotate() {
    try {
      return OwnerOnlyFile.locked(file, () -> {
        State s = state;
        DataKey next = newKey(s.newest().version() + 1, clock.instant(), master.currentId());
        List<DataKey> keys = new ArrayList<>(s.versions().values());
        keys.add(next);
        State rotated = new State(map(keys), s.storeKeyVersion());
        write(file, master, rotated);
        state = rotated;
        LOG.info("Data key rotated to version {} in {}; older versions stay to decrypt", next.version(), file);
        return next;
      });
    } catch (IOException e) {
      throw new UncheckedIOException("data-key file " + file + " cannot be written: " + e.getMessage(), e);
    }
  }

  private static DataKey newKey(int version, Instant created, String masterKeyId) {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return new DataKey(version, created, masterKeyId, new SecretKeySpec(key, "AES"));
  }

  private static String context(int version) {
    return "sightline-data-key:v" + version;
  }

  private static NavigableMap<Integer, DataKey> map(List<DataKey> keys) {
    TreeMap<Integer, DataKey> m = new TreeMap<>();
    keys.forEach(k -> m.put(k.version(), k));
    return Collections.unmodifiableNavigableMap(m);
  }

  private static void write(Path file, MasterKeys master, State s) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", 1).put("storeKeyVersion", s.storeKeyVersion());
    ArrayNode keys = root.putArray("keys");
    for (DataKey k : s.versions().values()) {
      MasterKeys.WrappedKey w = master.wrap(k.key(), context(k.version()));
      keys.addObject().put("version", k.version()).put("created", k.created().toString())
          .put("masterKey", w.masterKeyId()).put("wrapped", Base64.getEncoder().encodeToString(w.bytes()));
    }
    OwnerOnlyFile.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
  }

  private static State read(Path file, MasterKeys master) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readAllBytes(file));
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      throw new AtRestException("data-key file " + file + " is not valid JSON"
          + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
    }
    if (root == null || root.path("format").asInt() != 1 || !root.path("keys").isArray() || root.path("keys").isEmpty()) {
      throw new AtRestException("data-key file " + file + " is not a format 1 data-key file with keys");
    }
    List<DataKey> keys = new ArrayList<>();
    for (JsonNode k : root.path("keys")) {
      int version = k.path("version").asInt(0);
      if (version < 1 || keys.stream().anyMatch(o -> o.version() == version)) {
        throw new AtRestException("data-key file " + file + ": key #" + (keys.size() + 1) + " has no positive, unique version");
      }
      byte[] wrapped;
      Instant created;
      try {
        wrapped = Base64.getDecoder().decode(k.path("wrapped").asText(""));
        created = Instant.parse(k.path("created").asText(""));
      } catch (IllegalArgumentException | DateTimeParseException e) {
        throw new AtRestException("data-key file " + file + ": data key version " + version
            + " needs a base64 'wrapped' key and an ISO-8601 'created' time");
      }
      String masterId = k.path("masterKey").asText("");
      SecretKey key;
      try {
        key = master.unwrap(new MasterKeys.WrappedKey(masterId, wrapped), context(version));
      } catch (AtRestException e) {
        throw new AtRestException("data-key file " + file + ": data key version " + version + ": " + e.getMessage()
            + ". Start with the master key that wrote it (encryption.master.key.file or SIGHTLINE_MASTER_KEY); "
            + "to rotate, list the new master key in front of it");
      }
      keys.add(new DataKey(version, created, masterId, key));
    }
    int storeVersion = root.path("storeKeyVersion").asInt(0);
    if (keys.stream().noneMatch(k -> k.version() == storeVersion)) {
      throw new AtRestException("data-key file " + file + ": storeKeyVersion " + storeVersion + " is not among its keys");
    }
    return new State(map(keys), storeVersion);
  }
}
