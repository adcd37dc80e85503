package com.conecta.connectors.sandbox.whatsapp;

import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The failures a test asks of the fake's sends: the next few answer an error or answer late, every send of a while
 * does (an outage), or the sends to one recipient are accepted and then fail asynchronously.
 */
final class FakeSendFailures {
  /** An error to answer (httpStatus, Graph code, title), or (httpStatus 0) an acceptance after delayMs. */
  record Failure(int httpStatus, int code, String title, long delayMs) {}

  /** Until {@code untilMillis} (epoch) every send meets this failure. */
  private record Outage(long untilMillis, Failure failure) {}

  private final Deque<Failure> next = new ConcurrentLinkedDeque<>();
  private final Map<String, Integer> failingRecipients = new ConcurrentHashMap<>();
  private volatile Outage outage;

  void failFor(long millis, int httpStatus, int code, String title) {
    outage = new Outage(System.currentTimeMillis() + millis, new Failure(httpStatus, code, title, 0));
  }

  void delayFor(long millis, long delayMs) {
    outage = new Outage(System.currentTimeMillis() + millis, new Failure(0, 0, null, delayMs));
  }

  void failNext(int count, int httpStatus, int code, String title) {
    for (int i = 0; i < count; i++) {
      next.add(new Failure(httpStatus, code, title, 0));
    }
  }

  void delayNext(int count, long delayMs) {
    for (int i = 0; i < count; i++) {
      next.add(new Failure(0, 0, null, delayMs));
    }
  }

  void failRecipient(String waId, int code) {
    failingRecipients.put(waId, code);
  }

  /** What a send arriving now meets: the outage's failure while it lasts, else the next one asked for, else null. */
  Failure forThisSend() {
    Outage o = outage;
    return o != null && System.currentTimeMillis() < o.untilMillis() ? o.failure() : next.poll();
  }

  /** The asynchronous failure code of sends to {@code to}, or null. */
  Integer recipientFailure(String to) {
    return failingRecipients.get(to);
  }

  void clear() {
    next.clear();
    failingRecipients.clear();
  }
}
