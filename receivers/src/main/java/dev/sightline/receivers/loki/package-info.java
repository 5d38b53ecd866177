/**
 * The Loki push API ({@code POST /loki/api/v1/push}, JSON and snappy-compressed protobuf), as
 * Promtail, Grafana Alloy, Vector and Fluent Bit send it, mapped to OTLP log records.
 */
@NullMarked
package dev.sightline.receivers.loki;

import org.jspecify.annotations.NullMarked;
