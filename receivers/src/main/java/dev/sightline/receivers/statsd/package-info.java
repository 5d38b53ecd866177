/**
 * StatsD and DogStatsD over UDP and TCP: lines parsed by {@link StatsdLine}, aggregated per flush
 * interval by {@link StatsdAggregator}, and handed to the OTLP ingest path as metrics by
 * {@link StatsdReceiver}.
 */
@NullMarked
package dev.sightline.receivers.statsd;

import org.jspecify.annotations.NullMarked;
