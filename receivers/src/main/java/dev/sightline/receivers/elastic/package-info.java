/**
 * The Elasticsearch bulk API ({@code POST /_bulk}, {@code /<index>/_bulk}) as Logstash, Beats,
 * Vector and Fluent Bit use it to ship logs, mapped to OTLP log records.
 */
@NullMarked
package dev.sightline.receivers.elastic;

import org.jspecify.annotations.NullMarked;
