package com.conecta.hub.messaging.inbox;

import com.conecta.connectors.ChannelIdentity;
import com.conecta.connectors.ContentType;
import com.conecta.connectors.InboundMessage;
import com.conecta.connectors.SenderProfile;
import com.conecta.hub.foundation.auth.Access;
import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.foundation.web.ApiError;
import com.conecta.hub.foundation.web.JsonBody;
import com.conecta.hub.foundation.web.Page;
import com.conecta.hub.foundation.web.Query;
import com.conecta.hub.foundation.web.Responses;
import com.conecta.hub.foundation.auth.RouteTable;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** HTTP for inboxes: the list, and the generic API channel that integrations post inbound messages to. */
public final class InboxRoutes {
  private final InboxService inboxes;
  private final IngestService ingest;

  public InboxRoutes(InboxService inboxes, IngestService ingest) {
    this.inboxes = inboxes;
    this.ingest = ingest;
  }

  public void register(RouteTable routes) {
    routes.get("/api/v1/inboxes", Access.SIGNED_IN, (ctx, p) -> inboxes.visible(p)
            .onSuccess(list -> Responses.page(ctx, new Page<>(list.stream().map(Inbox::toJson).toList(), null))))
        .post("/api/v1/inboxes", Access.ADMIN, this::create)
        .post("/api/v1/inboxes/:inboxId/messages", Access.INBOX, this::apiChannelMessage);
  }

  private Future<?> create(RoutingContext ctx, Principal p) {
    JsonBody body = JsonBody.of(ctx);
    String name = body.optionalString("name", 100);
    if (name == null || name.isBlank()) {
      throw ApiError.missing("name");
    }
    String channel = body.oneOf("channel", null, java.util.Set.of("api", "whatsapp", "twilio", "email", "webform"));
    if (channel == null) {
      throw ApiError.missing("channel");
    }
    String account = body.optionalString("channelAccountId", 200);
    if (!"api".equals(channel) && (account == null || account.isBlank())) {
      throw ApiError.missing("channelAccountId");
    }
    JsonObject settings = body.optionalObject("settings");
    return inboxes.create(name.trim(), channel, account, body.optionalLong("teamId"),
            settings == null ? new JsonObject() : settings)
        .onSuccess(inbox -> Responses.created(ctx, inbox.toJson()));
  }

  private Future<?> apiChannelMessage(RoutingContext ctx, Principal p) {
    long inboxId = Query.pathId(ctx, "inboxId");
    JsonBody body = JsonBody.of(ctx);
    InboundMessage message = parse(body);
    return inboxes.byIdVisible(p, inboxId).compose(inbox -> {
      if (!"api".equals(inbox.channel())) {
        return Future.failedFuture(new ApiError(422, "not_api_channel",
            "inbox " + inboxId + " is a " + inbox.channel() + " inbox; only API-channel inboxes take messages here", null));
      }
      return ingest.ingest(inbox, message);
    }).onSuccess(r -> Responses.json(ctx, r.created() ? 201 : 200, new JsonObject().put("messageId", r.messageId())
        .put("conversationId", r.conversationId()).put("contactId", r.contactId()).put("duplicate", !r.created())));
  }

  static InboundMessage parse(JsonBody body) {
    String sourceId = body.optionalString("sourceId", 200);
    if (sourceId == null || sourceId.isBlank()) {
      throw ApiError.missing("sourceId");
    }
    JsonObject contact = body.optionalObject("contact");
    if (contact == null) {
      throw ApiError.missing("contact");
    }
    JsonBody c = JsonBody.wrap(contact);
    String identifier = c.optionalString("identifier", 200);
    if (identifier == null || identifier.isBlank()) {
      throw ApiError.missing("contact.identifier");
    }
    String name = fieldOf(c, "name", 200);
    String phone = fieldOf(c, "phone", 40);
    String email = fieldOf(c, "email", 254);
    if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
      throw ApiError.invalid("contact.email", "'contact.email' is not an email address");
    }
    if (phone != null && !phone.matches("\\+?[0-9 ()-]{6,20}")) {
      throw ApiError.invalid("contact.phone", "'contact.phone' is not a phone number");
    }
    String text = body.optionalString("text", 16_384);
    JsonArray rawAttachments = body.optionalArray("attachments");
    List<com.conecta.connectors.Attachment> attachments = new ArrayList<>();
    if (rawAttachments != null) {
      if (rawAttachments.size() > 10) {
        throw ApiError.invalid("attachments", "at most 10 attachments");
      }
      for (Object o : rawAttachments) {
        if (!(o instanceof JsonObject a) || !(a.getValue("url") instanceof String url) || !url.matches("https?://.{1,2000}")) {
          throw ApiError.invalid("attachments", "each attachment needs an http(s) 'url'");
        }
        Object fileName = a.getValue("fileName");
        if (fileName != null && !(fileName instanceof String n && FileNames.isPlain(n))) {
          throw ApiError.invalid("attachments.fileName", "a file name is a plain name without folders or '..'");
        }
        Object mimeType = a.getValue("mimeType");
        if (mimeType != null && !(mimeType instanceof String m && m.matches("[\\w.+-]{1,60}/[\\w.+-]{1,60}"))) {
          throw ApiError.invalid("attachments.mimeType", "a MIME type looks like type/subtype");
        }
        attachments.add(new com.conecta.connectors.Attachment(ContentType.DOCUMENT, null, a.getString("url"),
            a.getString("mimeType"), a.getString("fileName"), null, null, null, null));
      }
    }
    if ((text == null || text.isBlank()) && attachments.isEmpty()) {
      throw ApiError.missing("text");
    }
    List<ChannelIdentity> ids = new ArrayList<>();
    ids.add(new ChannelIdentity(ChannelIdentity.API, identifier));
    return new InboundMessage("api", null, sourceId,
        new SenderProfile(ids, name, phone, email == null ? null : email.toLowerCase(), null),
        attachments.isEmpty() ? ContentType.TEXT : ContentType.DOCUMENT, text, attachments, null, Instant.now(), null,
        null);
  }

  private static String fieldOf(JsonBody c, String field, int max) {
    try {
      String v = c.optionalString(field, max);
      return v == null || v.isBlank() ? null : v.trim();
    } catch (ApiError e) {
      throw new ApiError(e.status(), e.code(), e.getMessage().replace("'" + field + "'", "'contact." + field + "'"),
          "contact." + field);
    }
  }
}
