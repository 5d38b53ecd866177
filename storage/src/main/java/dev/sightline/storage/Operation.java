package dev.sightline.storage;

/** A span name seen for a service, with its span kind (for example {@code SERVER}). */
public record Operation(String name, String spanKind) {}
