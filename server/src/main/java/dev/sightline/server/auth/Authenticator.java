package dev.sightline.server.auth;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.RequestHeaders;
import dev.sightline.security.auth.ApiKeys;
import dev.sightline.security.auth.Principal;
import dev.sightline.security.auth.Role;
import dev.sightline.security.auth.Tenants;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import dev.sightline.security.auth.jwt.JwtRejectedException;
import dev.sightline.security.auth.jwt.JwtVerifier;
import dev.sightline.security.auth.jwt.VerifiedToken;
import org.jspecify.annotations.Nullable;

/**
 * Finds who sent a request: a verified client certificate whose common name has a role, or a key as {@code Authorization: Bearer <key>}, {@code X-API-Key: <key>},
 * or the password of HTTP basic auth (for shippers that only speak basic auth: Promtail, Logstash,
 * Fluent Bit); an API key, or the static admin key when one is configured.
 */
public final class Authenticator {
  private final ApiKeys keys;
  private final byte[] adminKey;
  private final Map<String, CertificateGrant> certificateRoles;

  /** The role (and tenant) a client certificate's common name is given: {@code role} or {@code role@tenant}. */
  private record CertificateGrant(String role, String tenant) {}
  private final @Nullable JwtVerifier jwt;
  private final Function<String, Optional<Role>> roles;
  private final String tenant;

  /** A credential was presented and refused, with the status and the reason to answer. */
  static final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;
    final boolean unavailable;

    Rejected(String reason, boolean unavailable) {
      super(reason, null, false, false);
      this.unavailable = unavailable;
    }
  }

  /**
   * @param adminKey the static admin key, empty for none
   * @param certificateRoles {@code role} or {@code role@tenant} of client certificates by subject common name
   * @param tenant the tenant of credentials that name none (the static admin key, tokens without the claim)
   */
  public Authenticator(ApiKeys keys, Function<String, Optional<Role>> roles, String adminKey, Map<String, String> certificateRoles,
      @Nullable JwtVerifier jwt, String tenant) {
    this.keys = keys;
    this.roles = roles;
    this.jwt = jwt;
    this.adminKey = adminKey.getBytes(StandardCharsets.UTF_8);
    this.tenant = tenant;
    Map<String, CertificateGrant> grants = new java.util.HashMap<>();
    certificateRoles.forEach((cn, value) -> {
      int at = value.indexOf('@');
      String role = at < 0 ? value : value.substring(0, at);
      String grantTenant = at < 0 ? tenant : value.substring(at + 1);
      if (roles.apply(role).isEmpty()) {
        throw new IllegalArgumentException("auth.mtls.roles: '" + role + "' for " + cn + " is not a role");
      }
      Tenants.requireValid(grantTenant, "auth.mtls.roles: the tenant for " + cn);
      grants.put(cn, new CertificateGrant(role, grantTenant));
    });
    this.certificateRoles = Map.copyOf(grants);
  }

  /**
   * The principal of a client certificate the TLS handshake verified, by its subject's common name;
   * empty when the connection has none or its name has no role.
   */
  Optional<Principal> authenticate(@Nullable SSLSession session) {
    if (session == null || certificateRoles.isEmpty()) {
      return Optional.empty();
    }
    try {
      Certificate[] chain = session.getPeerCertificates();
      if (chain.length == 0 || !(chain[0] instanceof X509Certificate cert)) {
        return Optional.empty();
      }
      String cn = commonName(cert);
      CertificateGrant grant = certificateRoles.get(cn);
      return grant == null ? Optional.empty()
          : roles.apply(grant.role()).map(r -> new Principal("cert:" + cn, grant.tenant(), r));
    } catch (SSLPeerUnverifiedException e) {
      return Optional.empty();
    }
  }

  static boolean hasClientCertificate(@Nullable SSLSession session) {
    try {
      return session != null && session.getPeerCertificates().length > 0;
    } catch (SSLPeerUnverifiedException e) {
      return false;
    }
  }

  private static String commonName(X509Certificate cert) {
    try {
      for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return rdn.getValue().toString();
        }
      }
    } catch (InvalidNameException e) {
      return "";
    }
    return "";
  }

  /** The credential the request carries, if any. */
  static Optional<String> credential(RequestHeaders headers) {
    String auth = headers.get(HttpHeaderNames.AUTHORIZATION, "").trim();
    if (auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.of(auth.substring(7).trim());
    }
    if (auth.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String pair = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        return colon < 0 ? Optional.empty() : Optional.of(pair.substring(colon + 1));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    String header = headers.get("x-api-key");
    return header == null || header.isBlank() ? Optional.empty() : Optional.of(header.trim());
  }

  /**
   * The principal of an API key, the static admin key, or a bearer JWT of the configured issuer
   * (its first role that is a Sightline role; none grants nothing)
   *
   * (its tenant claim, else the default tenant).
   *
   * @throws Rejected for a JWT that does not verify, or whose tenant claim is not a tenant name
   */
  public Optional<Principal> authenticate(String credential) throws Rejected {
    if (adminKey.length > 0 && MessageDigest.isEqual(adminKey, credential.getBytes(StandardCharsets.UTF_8))) {
      return Optional.of(new Principal("static-admin", tenant, Role.BUILT_IN.get("admin")));
    }
    if (jwt == null || credential.startsWith("sl_") || credential.chars().filter(c -> c == '.').count() != 2) {
      return keys.authenticate(credential);
    }
    VerifiedToken token;
    try {
      token = jwt.verify(credential);
    } catch (JwtRejectedException e) {
      throw new Rejected(e.getMessage(), e.reason() == JwtRejectedException.Reason.KEYS_UNAVAILABLE);
    }
    return Optional.of(principal(token, "jwt:"));
  }

  /**
   * The principal a verified token stands for: its first role that is a Sightline role (none
   * grants nothing) in its tenant claim's tenant, else the default tenant.
   */
  Principal principal(VerifiedToken token, String prefix) throws Rejected {
    String tokenTenant = token.tenant() == null ? tenant : token.tenant();
    if (!Tenants.valid(tokenTenant)) {
      throw new Rejected("the token's tenant claim '" + tokenTenant + "' is not a tenant name", false);
    }
    Role role = token.roles().stream().map(roles).flatMap(Optional::stream).findFirst()
        .orElse(new Role("none", java.util.Set.of()));
    return new Principal(prefix + token.subject(), tokenTenant, role);
  }
}
