package com.conecta.hub.foundation.twofactor;

import com.conecta.hub.foundation.auth.SecondFactorGate;
import com.conecta.hub.foundation.auth.Tokens;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * After the right password: a user with a confirmed authenticator types a code next; a user whose role requires one
 * and who has none sets it up first. Either way the browser gets a short-lived challenge, not a session.
 */
public record TwoFactorGate(TwoFactorStore store, Tokens tokens, Clock clock) implements SecondFactorGate {
  static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(5);
  static final int MAX_ATTEMPTS = 5;

  @Override
  public Future<Step> afterPassword(long userId) {
    return store.status(userId).compose(s -> {
      String kind = s == null ? null : s.enabled() ? "totp" : s.required() ? "enrol" : null;
      if (kind == null) {
        return Future.succeededFuture(null);
      }
      String challenge = tokens.newSecret("c_");
      return store.insertChallenge(Tokens.sha256(challenge), userId, kind, OffsetDateTime.now(clock).plus(CHALLENGE_LIFETIME))
          .map(v -> new Step(kind, challenge));
    });
  }
}
