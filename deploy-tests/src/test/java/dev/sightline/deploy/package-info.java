/**
 * Checks of deploy/: the plain Kubernetes manifests and the Helm chart's rendering, read into
 * fabric8's typed Kubernetes models (strictly: a field the schema lacks fails), and the facts a
 * Sightline deployment depends on (roles, probes, ports, disruption budgets, autoscaling).
 */
@NullMarked
package dev.sightline.deploy;

import org.jspecify.annotations.NullMarked;
