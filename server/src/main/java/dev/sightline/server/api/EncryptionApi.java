package dev.sightline.server.api;

import static dev.sightline.server.api.JsonResponses.error;
import static dev.sightline.server.api.JsonResponses.ok;

import com.fasterxml.jackson.core.JsonGenerator;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.ServerBuilder;
import dev.sightline.security.atrest.DataKey;
import dev.sightline.security.atrest.DataKeyStore;
import dev.sightline.security.atrest.MasterKeys;
import dev.sightline.security.audit.AuditOutcome;
import dev.sightline.server.auth.AuditTrail;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Encryption at rest for admins: {@code GET /api/v1/encryption} (what is encrypted, under which
 * key versions and master key id; never key material) and {@code POST /api/v1/encryption/rotate}
 * (a new data-key version for what is written from now on). Both need {@code admin:system}, as
 * every path the access policy does not list.
 */
public final class EncryptionApi {
  /** What stays in plain text with encryption on; said in the status so nobody assumes otherwise. */
  private static final List<String> NOT_ENCRYPTED = List.of(
      "audit log (data/security/audit)", "API key hashes (data/security/keys.json)",
      "alerting state and notification dead letters (data/alerting)", "tail-sampling decisions (data/sampling)",
      "process logs written to stdout/stderr");

  private final @Nullable DataKeyStore keys;
  private final @Nullable MasterKeys master;
  private final boolean logEncrypted;
  private final String storeCrypto;
  private final AuditTrail audit;

  /** {@code keys} and {@code master} are null when encryption at rest is off. */
  public EncryptionApi(@Nullable DataKeyStore keys, @Nullable MasterKeys master, boolean logEncrypted, String storeCrypto,
      AuditTrail audit) {
    this.keys = keys;
    this.master = master;
    this.logEncrypted = logEncrypted;
    this.storeCrypto = storeCrypto;
    this.audit = audit;
  }

  public void register(ServerBuilder sb) {
    sb.route().get("/api/v1/encryption").build((ctx, req) -> ok(this::status));
    sb.route().post("/api/v1/encryption/rotate").build((ctx, req) -> {
      DataKeyStore k = keys;
      if (k == null) {
        return error(HttpStatus.CONFLICT, "encryption at rest is off (encryption.enabled=false): there is no data key to rotate");
      }
      DataKey next = k.rotate();
      audit.record(ctx, "encryption.rotate", "data-key:v" + next.version(), AuditOutcome.ALLOWED,
          Map.of("masterKey", next.masterKeyId()));
      return ok(g -> {
        g.writeStartObject();
        g.writeNumberField("dataKeyVersion", next.version());
        g.writeStringField("created", next.created().toString());
        g.writeStringField("appliesTo", "ingest-log entries written from now on; the store file keeps data key version "
            + k.storeKey().version());
        g.writeEndObject();
      });
    });
  }

  private void status(JsonGenerator g) throws IOException {
    DataKeyStore k = keys;
    MasterKeys m = master;
    g.writeStartObject();
    g.writeBooleanField("enabled", k != null);
    if (k != null && m != null) {
      g.writeObjectFieldStart("masterKey");
      g.writeStringField("current", m.currentId());
      g.writeArrayFieldStart("configured");
      for (String id : m.ids()) {
        g.writeString(id);
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeObjectFieldStart("dataKeys");
      g.writeNumberField("current", k.current().version());
      g.writeArrayFieldStart("versions");
      for (DataKey d : k.versions()) {
        g.writeStartObject();
        g.writeNumberField("version", d.version());
        g.writeStringField("created", d.created().toString());
        g.writeStringField("wrappedBy", d.masterKeyId());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeObjectFieldStart("ingestLog");
    g.writeBooleanField("encrypted", logEncrypted);
    if (k != null && logEncrypted) {
      g.writeStringField("cipher", "AES-256-GCM per entry");
      g.writeNumberField("dataKeyVersion", k.current().version());
    }
    g.writeEndObject();
    g.writeObjectFieldStart("store");
    g.writeBooleanField("encrypted", !storeCrypto.equals("none"));
    g.writeStringField("crypto", storeCrypto);
    if (k != null) {
      g.writeStringField("cipher", "AES-256-GCM (DuckDB database encryption: file, WAL, temporary files)");
      g.writeNumberField("dataKeyVersion", k.storeKey().version());
    }
    g.writeEndObject();
    g.writeArrayFieldStart("notEncrypted");
    for (String s : NOT_ENCRYPTED) {
      g.writeString(s);
    }
    g.writeEndArray();
    g.writeEndObject();
  }
}
