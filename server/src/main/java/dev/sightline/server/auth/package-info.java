/**
 * Access control on every HTTP and gRPC listener, as one decorator each server gets when it is
 * built: which permission a request needs ({@link AccessPolicy}, deny by default), and who sent it
 * (API keys, the static admin key).
 */
@NullMarked
package dev.sightline.server.auth;

import org.jspecify.annotations.NullMarked;
