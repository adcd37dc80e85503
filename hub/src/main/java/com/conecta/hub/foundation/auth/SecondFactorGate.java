package com.conecta.hub.foundation.auth;

import io.vertx.core.Future;

/** Decides, once the password is right, whether signing in takes a second step. */
public interface SecondFactorGate {
  /**
   * @param kind {@code totp} (type a code from the app or a backup code) or {@code enrol} (the role requires a second
   *     factor the user has not set up yet)
   * @param challenge the secret that stands for "password checked" until the step is done
   */
  record Step(String kind, String challenge) {}

  /** The step to take, or null to open the session at once. */
  Future<Step> afterPassword(long userId);
}
