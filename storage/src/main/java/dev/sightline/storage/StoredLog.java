package dev.sightline.storage;

import io.opentelemetry.proto.logs.v1.LogRecord;

/** A log record as stored, with the resource and scope it came with. */
public record StoredLog(Scoped origin, LogRecord record) {}
