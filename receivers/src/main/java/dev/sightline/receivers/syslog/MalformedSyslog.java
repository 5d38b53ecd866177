package dev.sightline.receivers.syslog;

/** A message that is not valid syslog; the text says which part and what was expected. */
final class MalformedSyslog extends Exception {
  MalformedSyslog(String message) {
    super(message, null, false, false);
  }
}
