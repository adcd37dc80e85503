package com.conecta.hub.foundation.web;

/** A 429 refusal that knows when to try again: the error handler answers its {@code Retry-After}. */
public final class TryAgainLater extends ApiError {
  private final long retryAfterSeconds;

  public TryAgainLater(String code, String message, long retryAfterSeconds) {
    super(429, code, message, null);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
