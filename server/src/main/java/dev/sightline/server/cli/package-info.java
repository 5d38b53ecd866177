/** The command-line client of a running server ({@code sightline keys ...}). */
@NullMarked
package dev.sightline.server.cli;

import org.jspecify.annotations.NullMarked;
