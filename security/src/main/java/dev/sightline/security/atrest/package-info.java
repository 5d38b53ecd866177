/**
 * Encryption at rest: master keys from a file or the environment ({@link MasterKeys}, {@link
 * LocalMasterKeys}), versioned data keys wrapped by them ({@link DataKeyStore}), and AES-256-GCM
 * for blobs bound to where they live ({@link BlobCipher}). Master keys only ever wrap data keys;
 * data keys (or keys derived from them per purpose) encrypt the ingest log and the embedded store.
 */
@NullMarked
package dev.sightline.security.atrest;

import org.jspecify.annotations.NullMarked;
