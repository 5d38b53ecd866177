package dev.sightline.ingestlog;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How far the log is durable. The writer publishes a new position after each fsync; readers read
 * up to a position they saw and sleep on a condition until the next one, so that an idle reader
 * costs nothing and wakes as soon as data arrives.
 */
final class DurableMark {

  /** Everything up to {@code lastSequence} is durable; in the active {@code segment}, up to {@code bytes}. */
  record Position(long lastSequence, Segment segment, long bytes) {}

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition moved = lock.newCondition();
  private volatile Position current;

  DurableMark(Position initial) {
    this.current = initial;
  }

  Position current() {
    return current;
  }

  void publish(Position position) {
    lock.lock();
    try {
      current = position;
      moved.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Waits until a position other than {@code seen} is published; false when the time ran out. */
  boolean awaitChange(Position seen, long nanos) throws InterruptedException {
    long left = nanos;
    lock.lock();
    try {
      while (current == seen) {
        if (left <= 0) {
          return false;
        }
        left = moved.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }
}
