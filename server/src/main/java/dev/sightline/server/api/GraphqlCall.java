package dev.sightline.server.api;

import com.linecorp.armeria.server.ServiceRequestContext;
import dev.sightline.receivers.RequestTenant;
import dev.sightline.security.auth.Permission;
import dev.sightline.security.auth.Principal;
import dev.sightline.server.auth.AuthDecorator;
import graphql.schema.DataFetchingEnvironment;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * One GraphQL request as its resolvers see it: the HTTP request (whose tenant the access decorator
 * set), the caller, and the masking of this answer. The decorator let the request in with one
 * permission for the whole path; each field that reads a signal checks its own here.
 */
record GraphqlCall(ServiceRequestContext ctx, Masking masking, Clock clock) {
  static final String KEY = GraphqlCall.class.getName();

  static GraphqlCall of(DataFetchingEnvironment env) {
    GraphqlCall call = env.getGraphQlContext().get(KEY);
    if (call == null) {
      throw new IllegalStateException("a GraphQL request ran without its call context");
    }
    return call;
  }

  /** The tenant the access decorator chose for this request; never a configured one. */
  String tenant() {
    return RequestTenant.of(ctx);
  }

  /** The caller; null when authentication is off, and then every field may be read. */
  @Nullable Principal principal() {
    return ctx.attr(AuthDecorator.PRINCIPAL);
  }

  /**
   * Checks that the caller may read the field being resolved, in the words of the REST API's 403.
   *
   * @throws GraphqlErrors.Denied naming the role, the caller, the missing permission and the field
   */
  void require(Permission needed, DataFetchingEnvironment env) {
    Principal p = principal();
    if (p != null && !p.allows(needed)) {
      throw new GraphqlErrors.Denied("role " + p.role().name() + " of " + p.name() + " lacks " + needed.text()
          + " for " + GraphqlErrors.field(env));
    }
  }
}
