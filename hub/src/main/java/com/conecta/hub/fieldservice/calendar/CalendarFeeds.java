package com.conecta.hub.fieldservice.calendar;

import com.conecta.hub.customers.activity.ActivityStore;
import com.conecta.hub.foundation.auth.Principal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Each person's calendar as a secret iCalendar URL that Google Calendar or Outlook subscribe to. The token is shown
 * once; only its hash is kept, so a stolen database opens no calendar; making a new one revokes the old one.
 */
public final class CalendarFeeds {
  /** Calendar apps keep what they read; a month back and three ahead covers what a person plans. */
  private static final Duration BACK = Duration.ofDays(31);
  private static final Duration AHEAD = Duration.ofDays(92);
  private final io.vertx.core.Vertx vertx;
  private final CalendarFeedStore store;
  private final ActivityStore calendar;
  private final IcsCalendar ics;
  private final String publicBaseUrl;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public CalendarFeeds(io.vertx.core.Vertx vertx, CalendarFeedStore store, ActivityStore calendar, IcsCalendar ics,
      String publicBaseUrl, Clock clock) {
    this.vertx = vertx;
    this.store = store;
    this.calendar = calendar;
    this.ics = ics;
    this.publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
        : publicBaseUrl;
    this.clock = clock;
  }

  public static String path(String token) {
    return "/calendar/feed/" + token + ".ics";
  }

  /** A new secret URL for me (the old one, if any, stops working). */
  public Future<JsonObject> create(Principal p) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    return store.replace(p.userId(), hash(token)).map(created -> new JsonObject().put("active", true)
        .put("createdAt", created).put("path", path(token)).put("url", publicBaseUrl + path(token)));
  }

  public Future<JsonObject> status(Principal p) {
    return store.status(p.userId());
  }

  public Future<Boolean> revoke(Principal p) {
    return store.revoke(p.userId());
  }

  /** The calendar a token opens, or null when the token opens none. */
  public Future<String> read(String token) {
    if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
      return Future.succeededFuture(null);
    }
    return store.owner(hash(token)).compose(owner -> {
      if (owner == null) {
        return Future.succeededFuture(null);
      }
      OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
      return calendar.calendar(List.of(owner.userId()), now.minus(BACK), now.plus(AHEAD))
          // Writing a few hundred events is CPU work of tens of milliseconds: off the event loop.
          .compose(items -> vertx.executeBlocking(() -> ics.render(owner.name(), owner.locale(), items), false));
    });
  }

  static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(token.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
