package dev.sightline.server.api;

import com.linecorp.armeria.server.ServiceRequestContext;
import dev.sightline.security.DataClass;
import dev.sightline.security.Classifier;
import dev.sightline.security.audit.AuditOutcome;
import dev.sightline.security.auth.Permission;
import dev.sightline.security.auth.Principal;
import dev.sightline.server.auth.AuditTrail;
import dev.sightline.server.auth.AuthDecorator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Role-aware masking of query answers: each request gets a {@link Masking} for its principal,
 * from the classifiers of the pipeline's classify processors (the built-in rules when there is
 * none). Answers that showed restricted values unmasked are recorded in the audit log. With
 * authentication off there is no caller to tell apart, and nothing is masked.
 */
public final class QueryMasking {
  private final Supplier<List<Classifier>> classifiers;
  private final @Nullable AuditTrail audit;

  public QueryMasking(Supplier<List<Classifier>> classifiers, @Nullable AuditTrail audit) {
    this.classifiers = classifiers;
    this.audit = audit;
  }

  /** Masking off: every value as stored. */
  public static QueryMasking none() {
    return new QueryMasking(List::of, null);
  }

  public Masking forRequest(ServiceRequestContext ctx) {
    @Nullable Principal p = ctx.attr(AuthDecorator.PRINCIPAL);
    if (p == null) {
      return Masking.NONE;
    }
    Set<DataClass> hidden = EnumSet.noneOf(DataClass.class);
    if (!p.allows(Permission.READ_PERSONAL)) {
      hidden.add(DataClass.PERSONAL);
    }
    if (!p.allows(Permission.READ_CONFIDENTIAL)) {
      hidden.add(DataClass.CONFIDENTIAL);
    }
    if (!p.allows(Permission.READ_RESTRICTED)) {
      hidden.add(DataClass.RESTRICTED);
    }
    List<Classifier> in = classifiers.get();
    return new Masking(in.isEmpty() ? List.of(Classifier.defaults()) : in, hidden);
  }

  /** Records, once per answer, that it showed restricted values unmasked to its caller. */
  public void audit(ServiceRequestContext ctx, Masking masking) {
    if (audit != null && masking.revealed().contains(DataClass.RESTRICTED)) {
      audit.record(ctx, "query.restricted", ctx.method() + " " + ctx.path(), AuditOutcome.ALLOWED,
          Map.of("query", ctx.query() == null ? "" : ctx.query()));
    }
  }
}
