/**
 * Who may do what: permissions on signals ({@code read:traces}, {@code write:logs}, …), roles that
 * grant them (the built-in admin, operator, viewer and analyst, and custom ones), principals
 * (a key's or a token's identity with its tenant and role), and API keys kept hashed at rest.
 */
@NullMarked
package dev.sightline.security.auth;

import org.jspecify.annotations.NullMarked;
