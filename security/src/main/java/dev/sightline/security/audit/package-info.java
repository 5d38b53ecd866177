/**
 * The audit log: who did what to which tenant's data, from where, and whether it was allowed.
 * {@link AuditLog} appends {@link AuditEvent}s as JSON lines to fsync'd files, each line hashed
 * together with the previous line's hash so that {@link AuditLog#verify()} finds an edited,
 * deleted, reordered or inserted entry; with an HMAC key only the key holder can rebuild the chain.
 */
@NullMarked
package dev.sightline.security.audit;

import org.jspecify.annotations.NullMarked;
