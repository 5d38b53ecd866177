package dev.sightline.security.audit;

import static dev.sightline.security.audit.AuditTestFixtures.T0;
import static dev.sightline.security.audit.AuditTestFixtures.appendMany;
import static dev.sightline.security.audit.AuditTestFixtures.lines;
import static dev.sightline.security.audit.AuditTestFixtures.onlyFile;
import static dev.sightline.security.audit.AuditTestFixtures.writeLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditHmacTest {
  @TempDir Path dir;
  @TempDir Path secrets;
  private final AuditTestFixtures.SettableClock clock = new AuditTestFixtures.SettableClock(T0);

  private Path keyFile(int bytes) throws IOException {
    byte[] key = new byte[bytes];
    new SecureRandom().nextBytes(key);
    return Files.writeString(secrets.resolve("audit.key"), Base64.getEncoder().encodeToString(key) + "\n");
  }

  @Test
  void anAttackerWithoutTheKeyCannotRebuildTheChain() throws Exception {
    AuditLogConfig keyed = AuditLogConfig.of(dir).withHmacKeyFile(keyFile(32));
    try (AuditLog log = AuditLog.open(keyed, clock)) {
      appendMany(log, 1, 4);
      assertThat(log.verify()).isEqualTo(Verification.passed(4));
    }
    Path file = onlyFile(dir);
    assertThat(AuditLog.verifyFiles(AuditLogConfig.of(dir)).problem()).as("not a plain SHA-256 chain")
        .extracting(Verification.Problem::line, Verification.Problem::reason)
        .containsExactly(1L, "hash does not match its content");

    // The attacker changes an actor and recomputes every hash with plain SHA-256.
    List<String> forged = new ArrayList<>();
    String prev = AuditEntry.GENESIS;
    ChainHash sha = ChainHash.plain();
    for (String line : lines(file)) {
      AuditEntry e = AuditLineCodec.parse(line.getBytes(StandardCharsets.UTF_8));
      AuditEvent event = e.seq() != 2 ? e.event() : new AuditEvent(e.event().time(), "someone-else", e.event().tenant(),
          e.event().action(), e.event().target(), e.event().source(), e.event().outcome(), e.event().details());
      String hash = sha.hash(prev, AuditLineCodec.content(e.seq(), event));
      forged.add(new String(AuditLineCodec.line(new AuditEntry(e.seq(), event, prev, hash)), StandardCharsets.UTF_8).strip());
      prev = hash;
    }
    writeLines(file, forged);
    assertThat(AuditLog.verifyFiles(AuditLogConfig.of(dir)).ok()).as("a plain chain can be forged").isTrue();

    try (AuditLog log = AuditLog.open(keyed, clock)) {
      assertThat(log.verify().problem()).isEqualTo(new Verification.Problem(file, 1, 1, "hash does not match its content"));
    }
  }

  @Test
  void aBadKeyFileStopsTheOpenAndNamesIt() throws IOException {
    Path shortKey = keyFile(16);
    assertThatThrownBy(() -> AuditLog.open(AuditLogConfig.of(dir).withHmacKeyFile(shortKey), clock))
        .isInstanceOf(AuditLogException.class)
        .hasMessage("audit.hmac_key_file " + shortKey + " holds 16 bytes; at least 32 are needed");
    Path notBase64 = Files.writeString(secrets.resolve("bad.key"), "not base64 at all!");
    assertThatThrownBy(() -> AuditLog.open(AuditLogConfig.of(dir).withHmacKeyFile(notBase64), clock))
        .hasMessageStartingWith("audit.hmac_key_file " + notBase64 + " is not base64")
        .hasMessageNotContaining("not base64 at all!");
    Path missing = secrets.resolve("missing.key");
    assertThatThrownBy(() -> AuditLog.open(AuditLogConfig.of(dir).withHmacKeyFile(missing), clock))
        .hasMessageStartingWith("audit.hmac_key_file " + missing + " cannot be read");
  }
}
