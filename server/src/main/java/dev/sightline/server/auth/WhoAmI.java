package dev.sightline.server.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.ServerBuilder;
import dev.sightline.receivers.RequestTenant;
import dev.sightline.security.auth.Permission;
import dev.sightline.security.auth.Principal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/whoami}: the caller as the API sees it, whatever the credential (API key,
 * login session, client certificate): name, tenant, role and every permission it holds, so the web
 * UI shows only what will not answer 403. Any authenticated caller may ask (AccessPolicy). With
 * authentication off everybody holds every permission.
 */
public final class WhoAmI {
  public static final String PATH = "/api/v1/whoami";
  private static final ObjectMapper JSON = new ObjectMapper();

  private WhoAmI() {}

  public static void register(ServerBuilder sb, boolean authEnabled) {
    sb.route().get(PATH).build((ctx, req) -> {
      Principal p = ctx.attr(AuthDecorator.PRINCIPAL);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("authentication", authEnabled);
      body.put("name", p == null ? "anonymous" : p.name());
      body.put("tenant", RequestTenant.of(ctx));
      body.put("role", p == null ? "" : p.role().name());
      body.put("permissions", Arrays.stream(Permission.values()).filter(x -> p == null || p.allows(x)).map(Permission::text).toList());
      try {
        return HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, JSON.writeValueAsBytes(body));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** Every permission: holding any one admits the request. */
  static List<Permission> any() {
    return List.of(Permission.values());
  }
}
