package dev.sightline.security.audit;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * What {@link AuditLog#verify()} found.
 *
 * @param ok true when every entry is intact and chained to the one before
 * @param entriesChecked entries found intact before the first problem (all of them when ok)
 * @param problem the first problem; null when ok
 */
public record Verification(boolean ok, long entriesChecked, @Nullable Problem problem) {

  /**
   * The first entry that does not fit the chain.
   *
   * @param file the log file holding it
   * @param line its line number in that file, from 1
   * @param seq the seq the line carries, or the one expected where it has none
   * @param reason such as {@code hash does not match its content} or {@code seq jumps from 41 to 43}
   */
  public record Problem(Path file, long line, long seq, String reason) {}

  static Verification passed(long entries) {
    return new Verification(true, entries, null);
  }

  static Verification failed(long entries, Problem problem) {
    return new Verification(false, entries, problem);
  }
}
