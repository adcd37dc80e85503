package com.conecta.hub.foundation.account;

import io.vertx.core.Future;

/** Delivers a password reset link to a person (by email in the hub; captured in tests). */
@FunctionalInterface
public interface ResetMail {
  Future<Void> send(PasswordResetStore.Recipient to, String link);
}
