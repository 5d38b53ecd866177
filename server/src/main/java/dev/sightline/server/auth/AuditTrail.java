package dev.sightline.server.auth;

import com.linecorp.armeria.server.ServiceRequestContext;
import dev.sightline.security.audit.AuditEvent;
import dev.sightline.security.audit.AuditLog;
import dev.sightline.security.audit.AuditLogException;
import dev.sightline.security.audit.AuditOutcome;
import dev.sightline.security.auth.Principal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import dev.sightline.receivers.RequestTenant;
import java.time.Clock;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what the APIs change (keys, rules, notification settings, silences) in the audit log,
 * with the principal of the request, its address and the outcome.
 */
public final class AuditTrail {
  private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);
  private final String tenant;
  private final Clock clock;
  private volatile @Nullable AuditLog audit;

  /** The log is attached when the server has finished building, so that a failed start leaves no file lock behind. */
  public AuditTrail(String tenant, Clock clock) {
    this.tenant = tenant;
    this.clock = clock;
  }

  public void attach(AuditLog log) {
    this.audit = log;
  }

  public AuditLog log() {
    AuditLog a = audit;
    if (a == null) {
      throw new IllegalStateException("the audit log is not open yet");
    }
    return a;
  }

  /** The tenant the request acted in; the principal's, or the operator's, when none was set. */
  private String tenantOf(ServiceRequestContext ctx, @org.jspecify.annotations.Nullable Principal p) {
    String acted = ctx.attr(RequestTenant.KEY);
    return acted != null ? acted : p != null ? p.tenant() : tenant;
  }

  /**
   * Records that the role definitions (from the config file's {@code roles:} section) differ from
   * those of the last start, or are seen for the first time: role changes happen by editing the
   * file, and the next start makes them evident here. The definitions last recorded are kept in
   * {@code lastRecorded}, so that start-up does not search the audit log for them.
   */
  public void recordRolesAtStart(String roles, Path lastRecorded) {
    String before;
    try {
      before = Files.exists(lastRecorded) ? Files.readString(lastRecorded) : "";
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + lastRecorded, e);
    }
    if (before.equals(roles)) {
      return;
    }
    log().append(AuditEvent.builder().time(clock.instant()).actor("sightline").tenant(tenant).action("roles.config")
        .target("roles").source("config file").outcome(AuditOutcome.ALLOWED)
        .details(Map.of("roles", roles, "previous", before)).build());
    try {
      Files.createDirectories(lastRecorded.getParent());
      Path tmp = lastRecorded.resolveSibling(lastRecorded.getFileName() + ".tmp");
      Files.writeString(tmp, roles);
      Files.move(tmp, lastRecorded, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + lastRecorded, e);
    }
  }

  public void record(ServiceRequestContext ctx, String action, String target, AuditOutcome outcome, Map<String, String> details) {
    Principal p = ctx.attr(AuthDecorator.PRINCIPAL);
    AuditEvent event = AuditEvent.builder().time(clock.instant()).actor(p == null ? AuditEvent.ANONYMOUS : p.name())
        .tenant(tenantOf(ctx, p)).action(action).target(target)
        .source(ctx.clientAddress().getHostAddress()).outcome(outcome).details(details).build();
    try {
      log().append(event);
    } catch (AuditLogException e) {
      // The change is made; losing its record must not pass unnoticed.
      log.error("AUDIT RECORD LOST for {} {} by {}: {}", action, target, event.actor(), e.getMessage());
      throw e;
    }
  }
}
