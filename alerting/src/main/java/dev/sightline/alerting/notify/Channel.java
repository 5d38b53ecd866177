package dev.sightline.alerting.notify;

/**
 * One way of telling a receiver: it renders a notification into the payload it sends (kept as
 * text so that a failed one can be written to the dead-letter file as it was) and delivers it.
 */
public interface Channel {

  /** The kind, as in the config key without {@code _configs}: webhook, slack, pagerduty, email, alertmanager. */
  String type();

  boolean sendResolved();

  String render(Notification notification);

  /** Blocks until delivered; called on a delivery thread, never on the dispatcher's. */
  void deliver(String payload) throws DeliveryException;
}
