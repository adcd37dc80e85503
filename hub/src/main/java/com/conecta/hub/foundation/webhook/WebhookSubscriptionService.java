package com.conecta.hub.foundation.webhook;

import com.conecta.hub.foundation.secrets.SecretBox;
import com.conecta.hub.foundation.web.ApiError;
import com.conecta.hub.foundation.web.Page;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The rules of subscriptions: which URLs and events, the secret made once and kept sealed, redelivery. */
public final class WebhookSubscriptionService {
  static final int MAX_DESCRIPTION = 200;
  private final WebhookSubscriptionStore store;
  private final SecretBox box;
  private final WebhookUrls urls;
  private final SecureRandom random = new SecureRandom();

  public WebhookSubscriptionService(WebhookSubscriptionStore store, SecretBox box, WebhookSettings settings) {
    this.store = store;
    this.box = box;
    this.urls = new WebhookUrls(settings.plainHttpToPrivate());
  }

  /** What a create or change asks for; null fields are left as they are. */
  public record Change(String url, boolean descriptionGiven, String description, List<String> events, Boolean active) {}

  public Future<List<JsonObject>> list() {
    return store.list();
  }

  public Future<JsonObject> get(long id) {
    return store.byId(id).map(s -> {
      if (s == null) {
        throw ApiError.notFound("webhook subscription " + id);
      }
      return s;
    });
  }

  /** The new subscription with its secret, which is never shown again. */
  public Future<JsonObject> create(Change c, long userId) {
    if (c.url() == null) {
      throw ApiError.missing("url");
    }
    if (c.events() == null) {
      throw ApiError.missing("events");
    }
    String url = urls.check(c.url());
    String secret = newSecret();
    return store.insert(url, c.description(), c.events(), box.seal(secret), c.active() == null || c.active(), userId)
        .compose(store::byId).map(s -> s.put("secret", secret));
  }

  public Future<JsonObject> change(long id, Change c) {
    String url = c.url() == null ? null : urls.check(c.url());
    return store.update(id, url, c.descriptionGiven(), c.description(), c.events(), c.active()).compose(found -> {
      if (!found) {
        return Future.failedFuture(ApiError.notFound("webhook subscription " + id));
      }
      return store.byId(id);
    });
  }

  public Future<Void> delete(long id) {
    return store.delete(id).compose(found -> found ? Future.<Void>succeededFuture()
        : Future.failedFuture(ApiError.notFound("webhook subscription " + id)));
  }

  public Future<Page<JsonObject>> deliveries(long id, Long beforeId, String status, int limit) {
    return get(id).compose(s -> store.deliveries(id, beforeId, status, limit + 1)).map(rows -> {
      boolean more = rows.size() > limit;
      List<JsonObject> items = more ? rows.subList(0, limit) : rows;
      return new Page<>(items, more ? String.valueOf(items.get(items.size() - 1).getLong("id")) : null);
    });
  }

  /** Queues the same event again, as a new delivery; 409 when the payload was erased with its contact. */
  public Future<Long> redeliver(long id, long deliveryId) {
    return store.redeliver(id, deliveryId).compose(newId -> newId != null ? Future.succeededFuture(newId)
        : store.exists(id, deliveryId).compose(exists -> Future.failedFuture(exists
            ? ApiError.conflict("payload_erased", "this delivery's content was erased with its contact; it cannot be sent again")
            : ApiError.notFound("webhook delivery " + deliveryId))));
  }

  /** The event types as given: known ones, at least one, no repeats. */
  static List<String> events(JsonArray raw) {
    if (raw == null) {
      return null;
    }
    if (raw.isEmpty()) {
      throw ApiError.invalid("events", "'events' must name at least one event");
    }
    Set<String> out = new LinkedHashSet<>();
    for (Object o : raw) {
      if (!(o instanceof String s) || !WebhookEventTypes.ALL.contains(s)) {
        throw ApiError.invalid("events", "'events' must be one of " + String.join(", ", WebhookEventTypes.ALL));
      }
      out.add(s);
    }
    return new ArrayList<>(out);
  }

  private String newSecret() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
