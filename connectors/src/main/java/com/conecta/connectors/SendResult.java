package com.conecta.connectors;

import java.time.Duration;

/**
 * What happened when a connector tried to send. {@code ACCEPTED} carries the provider id; {@code RETRY} says when
 * to try again (rate limits, 5xx, time-outs); {@code FAILED} is final, with the provider's code for the agent.
 */
public record SendResult(Outcome outcome, String providerMessageId, Duration retryAfter, String errorCode, String errorTitle) {
  public enum Outcome { ACCEPTED, RETRY, FAILED }

  public static SendResult accepted(String providerMessageId) {
    return new SendResult(Outcome.ACCEPTED, providerMessageId, null, null, null);
  }

  public static SendResult retry(Duration after, String code, String title) {
    return new SendResult(Outcome.RETRY, null, after, code, title);
  }

  public static SendResult failed(String code, String title) {
    return new SendResult(Outcome.FAILED, null, null, code, title);
  }
}
