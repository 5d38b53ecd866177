package dev.sightline.storage;

import io.opentelemetry.proto.trace.v1.Span;

/** A span as stored, with the resource and scope it came with. */
public record StoredSpan(Scoped origin, Span span) {}
