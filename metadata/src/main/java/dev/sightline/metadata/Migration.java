package dev.sightline.metadata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One versioned schema change: the file {@code V<version>__<name>.sql}, its statements, and the
 * SHA-256 of its bytes, which must never change once a database has applied it.
 */
public record Migration(int version, String file, String sql, String checksum) {
  private static final Pattern FILE = Pattern.compile("V([0-9]{1,6})__[a-z0-9_]+\\.sql");
  private static final String DIR = "/dev/sightline/metadata/migrations/";

  public static Migration of(String file, byte[] content) {
    Matcher m = FILE.matcher(file);
    if (!m.matches()) {
      throw new MigrationException("metadata migration '" + file + "' is not named V<number>__<lowercase_name>.sql");
    }
    return new Migration(Integer.parseInt(m.group(1)), file, new String(content, StandardCharsets.UTF_8), sha256(content));
  }

  /** The migrations this build carries, in order, as its {@code migrations/index} lists them. */
  public static List<Migration> bundled() {
    List<Migration> out = new ArrayList<>();
    for (String file : new String(read("index"), StandardCharsets.UTF_8).split("\n")) {
      if (!file.isBlank()) {
        Migration next = of(file.strip(), read(file.strip()));
        if (!out.isEmpty() && next.version() <= out.getLast().version()) {
          throw new MigrationException("metadata migration " + next.file() + " is listed after " + out.getLast().file()
              + "; the index must list versions in increasing order");
        }
        out.add(next);
      }
    }
    return List.copyOf(out);
  }

  /** The statements, without comments, split at the semicolons that end them. */
  List<String> statements() {
    StringBuilder b = new StringBuilder();
    for (String line : sql.split("\n")) {
      if (!line.strip().startsWith("--")) {
        b.append(line).append('\n');
      }
    }
    List<String> out = new ArrayList<>();
    for (String s : b.toString().split(";")) {
      if (!s.isBlank()) {
        out.add(s.strip());
      }
    }
    return out;
  }

  private static byte[] read(String name) {
    try (InputStream in = Migration.class.getResourceAsStream(DIR + name)) {
      if (in == null) {
        throw new MigrationException("metadata migration " + name + " is missing from the classpath (" + DIR + ")");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("reading metadata migration " + name, e);
    }
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
