package com.conecta.hub.marketing.campaign;

import com.conecta.hub.foundation.audit.AuditLog;
import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.messaging.inbox.Inbox;
import com.conecta.hub.messaging.inbox.InboxService;
import com.conecta.hub.messaging.realtime.HubEvent;
import com.conecta.hub.messaging.realtime.RealtimeBroker;
import com.conecta.hub.foundation.web.ApiError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Campaigns: a segment, a template with parameters from contact and lead fields, a schedule. Launch freezes the
 * audience; a fan-out pass keeps the outbox fed a little ahead of the sending rate (so memory stays flat whatever the
 * audience size), and pause, resume and cancel act on what has not gone yet.
 */
public final class CampaignService {
  private static final Logger log = LoggerFactory.getLogger(CampaignService.class);
  /** How far the fan-out runs ahead of the sender, in messages; pause stops at most this many queued sends. */
  private static final int AHEAD = 2_000;
  private static final int CHUNK = 500;

  private final CampaignStore store;
  private final InboxService inboxes;
  private final RealtimeBroker broker;
  private final AuditLog audit;
  private final java.util.concurrent.atomic.AtomicBoolean ticking = new java.util.concurrent.atomic.AtomicBoolean();

  private final CampaignTemplates templates;

  public CampaignService(CampaignStore store, InboxService inboxes, RealtimeBroker broker, AuditLog audit,
      com.conecta.templates.TemplateCatalogue templates) {
    this(store, inboxes, broker, audit, CampaignTemplates.catalogueOnly(templates));
  }

  public CampaignService(CampaignStore store, InboxService inboxes, RealtimeBroker broker, AuditLog audit,
      CampaignTemplates templates) {
    this.templates = templates;
    this.store = store;
    this.inboxes = inboxes;
    this.broker = broker;
    this.audit = audit;
  }

  public record Draft(String name, long inboxId, String template, String language, JsonArray params, JsonObject segment,
      Instant scheduledAt, String timeZone) {}

  public Future<JsonObject> create(Principal p, Draft d) {
    return messagingInbox(d.inboxId()).compose(inbox -> {
      SegmentSql.audience(d.segment(), inbox.channel(), 1);
      SegmentSql.parameters(d.params(), 1);
      zone(d.timeZone());
      return templates.check(inbox.id(), d.template(), d.language(), d.params().size()).compose(ok -> store.insert(d.name(), d.inboxId(), d.template(), d.language(), d.params(), d.segment(),
          d.scheduledAt() == null ? null : d.scheduledAt().atOffset(ZoneOffset.UTC), d.timeZone(), p.userId()));
    }).compose(this::get);
  }

  public Future<JsonObject> get(long id) {
    return store.byId(id).compose(c -> c == null ? Future.failedFuture(ApiError.notFound("campaign " + id))
        : store.funnel(id).map(f -> c.put("funnel", f)));
  }

  public Future<List<JsonObject>> list(Long beforeId, int limit) {
    return store.list(beforeId, limit).compose(list -> {
      List<Future<JsonObject>> withFunnels = list.stream().map(c -> store.funnel(c.getLong("id"))
          .map(f -> c.put("funnel", f.copy().put("timeline", null).put("errors", null)))).toList();
      return Future.all(withFunnels).map(list);
    });
  }

  /** The audience count for a segment, before launch (live in the editor). */
  public Future<JsonObject> audience(long inboxId, JsonObject segment) {
    return messagingInbox(inboxId).compose(inbox -> store.audienceCount(SegmentSql.audience(segment, inbox.channel(), 1))
        .compose(count -> store.excluded(SegmentSql.excluded(segment, inbox.channel(), 1))
            .map(excluded -> new JsonObject().put("count", count).put("excluded", excluded))));
  }

  /** The message as a sample contact of the audience would get it. */
  public Future<JsonObject> preview(long id) {
    return store.byId(id).compose(c -> {
      if (c == null) {
        return Future.failedFuture(ApiError.notFound("campaign " + id));
      }
      SegmentSql.Condition audience = SegmentSql.audience((JsonObject) c.getValue("segment"), c.getString("channel"), 1);
      return store.sample(audience, SegmentSql.parameters((JsonArray) c.getValue("params"), 1))
          .compose(sample -> store.audienceCount(audience).map(count -> new JsonObject().put("audience", count)
              .put("template", c.getJsonObject("template")).put("sample", sample)))
          .compose(preview -> store.recipientNames(audience, 5).map(names -> preview.put("recipients", names)));
    });
  }

  /** Launches now, or at the campaign's scheduled time; the audience is frozen at launch. */
  public Future<JsonObject> launch(Principal p, long id) {
    return store.byId(id).compose(c -> {
      if (c == null) {
        return Future.failedFuture(ApiError.notFound("campaign " + id));
      }
      if (!"draft".equals(c.getString("status"))) {
        return Future.failedFuture(ApiError.conflict("not_a_draft", "only a draft can be launched; it is " + c.getString("status")));
      }
      SegmentSql.Condition audience = SegmentSql.audience((JsonObject) c.getValue("segment"), c.getString("channel"), 1);
      boolean later = c.getString("scheduledAt") != null && Instant.parse(c.getString("scheduledAt")).isAfter(Instant.now());
      return store.pool().withTransaction(conn -> store.addRecipients(conn, id, audience)
              .compose(n -> store.setStatus(conn, id, later ? "scheduled" : "running", new String[] {"draft"}, null))
              .compose(ok -> audit.record(conn, p.userId(), "campaign.launch", "campaign", String.valueOf(id),
                  new JsonObject().put("scheduled", later))))
          .compose(v -> changed(id))
          // The first messages are fanned out now rather than at the next tick, once the planner knows the audience.
          .onSuccess(launched -> store.analyzeRecipients()
              .onFailure(e -> log.warn("campaign {}: recipients not analyzed ({})", id, e.getMessage()))
              .onComplete(a -> tick()));
    });
  }

  public Future<JsonObject> pause(long id) {
    return transition(id, "paused", "running", "scheduled");
  }

  public Future<JsonObject> resume(long id) {
    return transition(id, "running", "paused");
  }

  public Future<JsonObject> cancel(long id) {
    return store.pool().withTransaction(conn -> store.setStatus(conn, id, "cancelled",
                new String[] {"draft", "scheduled", "running", "paused"}, null)
            .compose(ok -> ok ? store.cancelPending(conn, id).map(true) : Future.succeededFuture(false)))
        .compose(ok -> ok ? changed(id) : refuse(id, "cancelled"));
  }

  private Future<JsonObject> transition(long id, String to, String... from) {
    return store.setStatus(store.pool(), id, to, from, null).compose(ok -> ok ? changed(id) : refuse(id, to));
  }

  private Future<JsonObject> refuse(long id, String to) {
    return store.byId(id).compose(c -> c == null ? Future.failedFuture(ApiError.notFound("campaign " + id))
        : Future.failedFuture(ApiError.conflict("bad_transition", "a " + c.getString("status") + " campaign cannot be " + to)));
  }

  private Future<JsonObject> changed(long id) {
    return get(id).onSuccess(c -> broker.publish(new HubEvent("campaign.updated", c.getLong("inboxId"), null,
        new JsonObject().put("id", id).put("status", c.getString("status")).put("funnel", c.getJsonObject("funnel")))));
  }

  /** One pass of every node: start due campaigns, feed running ones into the outbox, close finished ones. */
  public Future<Void> tick() {
    if (!ticking.compareAndSet(false, true)) {
      return Future.succeededFuture();
    }
    return store.startDue().compose(started -> store.running()).compose(running -> {
      Future<Void> chain = Future.succeededFuture();
      for (long id : running) {
        chain = chain.compose(v -> feed(id).recover(e -> {
          log.warn("campaign {} fan-out failed: {}", id, e.getMessage());
          return Future.succeededFuture();
        }));
      }
      return chain;
    }).eventually(() -> {
      ticking.set(false);
      return Future.succeededFuture();
    });
  }

  private Future<Void> feed(long id) {
    return store.ahead(id).compose(ahead -> {
      if (ahead >= AHEAD) {
        return Future.succeededFuture();
      }
      return store.byId(id).compose(c -> inboxes.byId(c.getLong("inboxId")).compose(inbox -> templates.body(inbox.id(),
              c.getJsonObject("template").getString("name"), c.getJsonObject("template").getString("language"))
          .compose(body -> store.fanOut(id, inbox.id(),
              inbox.teamId(), inbox.channel(), c.getJsonObject("template").getString("name"),
              c.getJsonObject("template").getString("language"), body,
              SegmentSql.parameters((JsonArray) c.getValue("params"), 1), (int) Math.min(CHUNK, AHEAD - ahead)))))
          .compose(n -> n == 0 ? store.completeIfDone(id).map(done -> {
            if (done) {
              log.info("campaign {} completed", id);
              changed(id);
            }
            return null;
          // A full chunk: fill on up to AHEAD in this pass, so that the fan-out (a chunk per pass would be exactly
          // 1,000/s at a 500 ms tick) never starves a sender at a 1,000 msg/s limit.
          }) : n == CHUNK ? feed(id) : Future.succeededFuture());
    });
  }

  /** A reply in a conversation a campaign reached counts as that campaign's reply. */
  public Future<Void> replied(long conversationId) {
    return store.markReplied(conversationId).mapEmpty();
  }

  private Future<Inbox> messagingInbox(long inboxId) {
    return inboxes.byId(inboxId).compose(inbox -> {
      if (inbox == null) {
        return Future.failedFuture(ApiError.invalid("inboxId", "no inbox " + inboxId));
      }
      if (!List.of("whatsapp", "twilio").contains(inbox.channel())) {
        return Future.failedFuture(ApiError.invalid("inboxId", "campaigns send WhatsApp templates: pick a WhatsApp inbox"));
      }
      return Future.succeededFuture(inbox);
    });
  }

  private static void zone(String tz) {
    try {
      ZoneId.of(tz);
    } catch (RuntimeException e) {
      throw ApiError.invalid("timeZone", "'" + tz + "' is not a time zone such as America/Santiago");
    }
  }
}
