package dev.sightline.metadata;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The table of each kind, as the migrations create them. */
final class Tables {
  private Tables() {}

  static final TableSpec<UserRecord> USERS = new TableSpec<>("users",
      List.of("name", "user_kind", "tenant", "role_name", "source"), 1,
      u -> values(u.name(), u.kind(), u.tenant(), u.role(), u.source()),
      (r, v) -> new UserRecord(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), v));

  static final TableSpec<ApiKeyRecord> API_KEYS = new TableSpec<>("api_keys",
      List.of("id", "name", "tenant", "role_name", "secret_sha256", "created_at", "revoked_at"), 1,
      k -> values(k.id(), k.name(), k.tenant(), k.role(), k.secretSha256(), k.createdAt().toString(),
          k.revokedAt() == null ? null : k.revokedAt().toString()),
      (r, v) -> new ApiKeyRecord(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
          Instant.parse(r.getString(6)), instant(r, 7), v));

  static final TableSpec<RoleRecord> ROLES = new TableSpec<>("roles", List.of("name", "grants", "source"), 1,
      x -> values(x.name(), x.grants(), x.source()),
      (r, v) -> new RoleRecord(r.getString(1), r.getString(2), r.getString(3), v));

  static final TableSpec<RuleFileRecord> RULES = new TableSpec<>("rules", List.of("tenant", "name", "body", "updated_at"), 2,
      x -> values(x.tenant(), x.name(), x.text(), x.updatedAt().toString()),
      (r, v) -> new RuleFileRecord(r.getString(1), r.getString(2), r.getString(3), Instant.parse(r.getString(4)), v));

  static final TableSpec<ChannelRecord> CHANNELS = new TableSpec<>("channels",
      List.of("name", "channel_types", "settings", "source"), 1,
      x -> values(x.name(), x.types(), x.settings(), x.source()),
      (r, v) -> new ChannelRecord(r.getString(1), r.getString(2), r.getString(3), r.getString(4), v));

  static final TableSpec<SilenceRecord> SILENCES = new TableSpec<>("silences",
      List.of("id", "matchers", "starts_at", "ends_at", "created_by", "comment_text", "updated_at"), 1,
      x -> values(x.id(), x.matchers(), x.startsAt().toString(), x.endsAt().toString(), x.createdBy(), x.comment(),
          x.updatedAt().toString()),
      (r, v) -> new SilenceRecord(r.getString(1), r.getString(2), Instant.parse(r.getString(3)),
          Instant.parse(r.getString(4)), r.getString(5), r.getString(6), Instant.parse(r.getString(7)), v));

  static final TableSpec<DashboardRecord> DASHBOARDS = new TableSpec<>("dashboards",
      List.of("tenant", "id", "title", "body", "updated_at"), 2,
      x -> values(x.tenant(), x.id(), x.title(), x.body(), x.updatedAt().toString()),
      (r, v) -> new DashboardRecord(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
          Instant.parse(r.getString(5)), v));

  static final TableSpec<NotificationConfigRecord> NOTIFICATION_CONFIGS = new TableSpec<>("notification_configs",
      List.of("name", "section", "updated_at"), 1, x -> values(x.name(), x.section(), x.updatedAt().toString()),
      (r, v) -> new NotificationConfigRecord(r.getString(1), r.getString(2), Instant.parse(r.getString(3)), v));

  private static List<@Nullable Object> values(@Nullable Object... values) {
    return Arrays.asList(values);
  }

  private static @Nullable Instant instant(ResultSet r, int column) throws SQLException {
    String s = r.getString(column);
    return s == null ? null : Instant.parse(s);
  }
}
