package dev.sightline.storage;

/** Deletes stored items on request, in every tier; backends with {@link Capability#DELETE} provide one. */
public interface DataDeleter {

  /** Removes what the request selects and reports how much, per tier. */
  DeletionReport delete(DeletionRequest request);
}
