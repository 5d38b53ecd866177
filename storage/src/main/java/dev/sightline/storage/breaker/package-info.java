/** The circuit breaker shared by the clients of remote dependencies: Kafka, ClickHouse and Redis. */
@NullMarked
package dev.sightline.storage.breaker;

import org.jspecify.annotations.NullMarked;
