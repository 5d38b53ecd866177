package dev.sightline.pipeline.processor;

/** Where an attribute list sits in OTLP data; rules can be limited to some sites. */
public enum AttributeSite {
  RESOURCE, SPAN, SPAN_EVENT, LOG, METRIC_POINT
}
