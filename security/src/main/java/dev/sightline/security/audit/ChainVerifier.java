package dev.sightline.security.audit;

import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Walks every line of every file in order and checks that each entry is intact (its hash matches
 * its content), follows the one before (seq one higher) and is chained to it (prev is its hash).
 * Seq is checked before prev so that a deleted or moved entry is reported as what it is.
 */
final class ChainVerifier {
  private final ChainHash chain;
  private long checked;
  private long lastSeq;
  private String lastHash = AuditEntry.GENESIS;
  private Verification.@Nullable Problem problem;

  private ChainVerifier(ChainHash chain) {
    this.chain = chain;
  }

  static Verification verify(ChainHash chain, AuditWriter.Snapshot snapshot) throws IOException {
    ChainVerifier v = new ChainVerifier(chain);
    List<AuditFile> files = snapshot.files();
    for (int i = 0; i < files.size() && v.problem == null; i++) {
      AuditFile file = files.get(i);
      long limit = i == files.size() - 1 ? snapshot.lastFileBytes() : Long.MAX_VALUE;
      file.forEachLine(limit, (number, line) -> v.check(file, number, line));
    }
    Verification.Problem found = v.problem;
    return found == null ? Verification.passed(v.checked) : Verification.failed(v.checked, found);
  }

  private boolean check(AuditFile file, long number, byte[] line) {
    AuditEntry entry;
    try {
      entry = AuditLineCodec.parse(line);
    } catch (AuditLineCodec.BadLine e) {
      long seq = AuditLineCodec.seqOf(line);
      return fail(file, number, seq < 0 ? lastSeq + 1 : seq, e.getMessage());
    }
    String expected = chain.hash(entry.prev(), AuditLineCodec.content(entry.seq(), entry.event()));
    if (!expected.equals(entry.hash())) {
      return fail(file, number, entry.seq(), "hash does not match its content");
    }
    if (entry.seq() != lastSeq + 1) {
      return fail(file, number, entry.seq(), lastSeq == 0
          ? "seq starts at " + entry.seq() + ", not 1"
          : "seq jumps from " + lastSeq + " to " + entry.seq());
    }
    if (!entry.prev().equals(lastHash)) {
      return fail(file, number, entry.seq(), "prev does not match the previous entry's hash");
    }
    checked++;
    lastSeq = entry.seq();
    lastHash = entry.hash();
    return true;
  }

  private boolean fail(AuditFile file, long number, long seq, String reason) {
    problem = new Verification.Problem(file.path(), number, seq, reason);
    return false;
  }
}
