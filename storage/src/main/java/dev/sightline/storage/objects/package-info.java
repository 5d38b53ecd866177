/**
 * Object storage for the cold and archive tiers: an {@link ObjectStore} is a flat namespace of
 * immutable objects, kept in a local directory ({@link FileObjectStore}) or in any S3-compatible
 * service ({@link S3ObjectStore}).
 */
@NullMarked
package dev.sightline.storage.objects;

import org.jspecify.annotations.NullMarked;
