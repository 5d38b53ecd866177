package dev.sightline.storage;

/**
 * The store refuses a write because its disk budget is used up; the writer's caller keeps the batch
 * and tries again later, while the store makes room.
 */
public final class StorageFullException extends StorageException {
  private static final long serialVersionUID = 1L;

  public StorageFullException(String message) {
    super(message);
  }
}
