/**
 * Protection of the data itself: classification of attribute values ({@link Classifier}), masks
 * and hashes that keep values recognisable but safe, and field-level encryption with AES-256-GCM
 * under versioned, rotated keys ({@link FieldCipher}, {@link KeyRing}); owner-only, atomically
 * written key files ({@link OwnerOnlyFile}). Encryption at rest lives in {@code atrest}.
 */
@NullMarked
package dev.sightline.security;

import org.jspecify.annotations.NullMarked;
