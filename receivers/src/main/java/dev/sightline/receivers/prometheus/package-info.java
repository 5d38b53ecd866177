/**
 * Prometheus remote-write (version 1): {@link WriteRequestDecoder} reads the snappy-compressed
 * protobuf, {@link RemoteWriteService} maps its series to OTLP metrics and hands them to the OTLP
 * ingest path.
 */
@NullMarked
package dev.sightline.receivers.prometheus;

import org.jspecify.annotations.NullMarked;
