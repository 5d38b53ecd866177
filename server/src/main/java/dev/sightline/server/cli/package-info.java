/**
 * The command-line client of a running server ({@code sightline services|traces|trace|logs|query|
 * rules|alerts|keys|export|generate-completion}), with picocli.
 */
@NullMarked
package dev.sightline.server.cli;

import org.jspecify.annotations.NullMarked;
