package dev.sightline.storage.clickhouse;

/**
 * The server's release, deciding which table features the schema uses. Column codecs, TTL and
 * data-skipping indexes exist from 19.x and are settled from 20.1; Debian's 18.16 has none.
 */
record ServerVersion(int major, int minor) {

  static ServerVersion parse(String version) {
    String[] parts = version.strip().split("\\.");
    try {
      return new ServerVersion(Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("ClickHouse version '" + version + "' is not major.minor...");
    }
  }

  /** Column CODECs, TTL and bloom-filter skipping indexes. */
  boolean modern() {
    return major >= 20;
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
