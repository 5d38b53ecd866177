/**
 * The storage conformance kit: abstract JUnit 5 tests that every backend extends, so that all
 * backends answer the same queries the same way. {@link SampleData} builds the OTLP inputs.
 */
@NullMarked
package dev.sightline.storage.tests;

import org.jspecify.annotations.NullMarked;
