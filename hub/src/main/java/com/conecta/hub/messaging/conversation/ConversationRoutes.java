package com.conecta.hub.messaging.conversation;

import com.conecta.hub.foundation.auth.Access;
import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.foundation.web.ApiError;
import com.conecta.hub.foundation.web.Cursor;
import com.conecta.hub.foundation.web.JsonBody;
import com.conecta.hub.foundation.web.Query;
import com.conecta.hub.foundation.web.Responses;
import com.conecta.hub.foundation.auth.RouteTable;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** HTTP for the shared inbox: list, read, reply, note, assign, status, labels, mark read. */
public final class ConversationRoutes {
  private static final Pattern LABEL = Pattern.compile("[\\p{L}\\p{N}_-]{1,50}");
  private static final int MAX_TEXT = 4096;
  private final ConversationService service;
  private final com.conecta.templates.TemplateCatalogue templates;

  public ConversationRoutes(ConversationService service, com.conecta.templates.TemplateCatalogue templates) {
    this.service = service;
    this.templates = templates;
  }

  public void register(RouteTable routes) {
    routes.get("/api/v1/conversations", Access.INBOX, this::list)
        .get("/api/v1/conversations/:conversationId", Access.INBOX, (ctx, p) ->
            service.visible(p, id(ctx)).onSuccess(c -> Responses.ok(ctx, c)))
        .get("/api/v1/conversations/:conversationId/messages", Access.INBOX, this::messages)
        .post("/api/v1/conversations/:conversationId/messages", Access.INBOX, this::reply)
        .post("/api/v1/conversations/:conversationId/notes", Access.INBOX, this::note)
        .post("/api/v1/conversations/:conversationId/status", Access.INBOX, this::status)
        .post("/api/v1/conversations/:conversationId/labels", Access.INBOX, this::addLabels)
        .delete("/api/v1/conversations/:conversationId/labels/:label", Access.INBOX, (ctx, p) ->
            service.removeLabel(p, id(ctx), label(ctx.pathParam("label"), "label")).onSuccess(c -> Responses.ok(ctx, c)))
        .post("/api/v1/conversations/:conversationId/read", Access.INBOX, (ctx, p) ->
            service.markRead(p, id(ctx)).onSuccess(c -> Responses.ok(ctx, c)));
  }

  private static long id(RoutingContext ctx) {
    return Query.pathId(ctx, "conversationId");
  }

  private Future<?> list(RoutingContext ctx, Principal p) {
    String status = Query.optional(ctx, "status");
    if (status == null) {
      status = "open";
    } else if ("all".equals(status)) {
      status = null;
    } else if (!ConversationService.STATUSES.contains(status)) {
      throw ApiError.badRequest("invalid_parameter", "'status' must be open, pending, snoozed, resolved or all", "status");
    }
    String assignee = Query.optional(ctx, "assignee");
    Long assigneeId = null;
    boolean unassigned = false;
    if (assignee != null && !"all".equals(assignee)) {
      if ("me".equals(assignee)) {
        assigneeId = p.userId();
      } else if ("unassigned".equals(assignee)) {
        unassigned = true;
      } else {
        try {
          assigneeId = Long.parseLong(assignee);
        } catch (NumberFormatException e) {
          throw ApiError.badRequest("invalid_parameter", "'assignee' must be me, unassigned, all or a user id", "assignee");
        }
      }
    }
    String q = Query.optional(ctx, "q");
    if (q != null && q.length() > 200) {
      throw ApiError.badRequest("invalid_parameter", "'q' is longer than 200 characters", "q");
    }
    String label = Query.optional(ctx, "label");
    ConversationFilter filter = new ConversationFilter(p.inboxFilter(), status, assigneeId, unassigned,
        Query.optionalId(ctx, "inboxId"), Query.optionalId(ctx, "teamId"), label == null ? null : label(label, "label"),
        q == null ? null : "%" + escapeLike(q.trim()) + "%", Cursor.decode(Query.optional(ctx, "cursor")),
        Query.limit(ctx, 25, 100));
    return service.list(filter).onSuccess(page -> Responses.page(ctx, page));
  }

  private Future<?> messages(RoutingContext ctx, Principal p) {
    Cursor cursor = Cursor.decode(Query.optional(ctx, "cursor"));
    return service.messages(p, id(ctx), cursor == null ? null : cursor.id(), Query.limit(ctx, 50, 200))
        .onSuccess(page -> Responses.page(ctx, page));
  }

  private Future<?> reply(RoutingContext ctx, Principal p) {
    JsonBody body = JsonBody.of(ctx);
    JsonObject template = body.optionalObject("template");
    if (template != null) {
      return templateReply(ctx, p, body, template);
    }
    String text = body.optionalString("text", MAX_TEXT);
    JsonArray attachments = body.optionalArray("attachments");
    if ((text == null || text.isBlank()) && (attachments == null || attachments.isEmpty())) {
      throw ApiError.missing("text");
    }
    String clientId = body.optionalString("clientMessageId", 100);
    return service.reply(p, id(ctx), text, attachments, clientId).onSuccess(m -> Responses.created(ctx, m));
  }

  /** {"template": {"name", "language", "params": ["..."]}} or with ready Cloud API "components". */
  private Future<?> templateReplyIn(RoutingContext ctx, Principal p, JsonBody body, JsonObject t) {
    JsonBody tb = JsonBody.wrap(t);
    String name = tb.optionalString("name", 512);
    if (name == null || !name.matches("[a-z0-9_]{1,512}")) {
      throw ApiError.invalid("template.name", "a template name is lower-case letters, digits and _");
    }
    String language = tb.optionalString("language", 10);
    JsonArray params = tb.optionalArray("params");
    JsonArray components = tb.optionalArray("components");
    if (components == null) {
      components = new JsonArray();
      if (params != null && !params.isEmpty()) {
        JsonArray parameters = new JsonArray();
        for (Object o : params) {
          if (!(o instanceof String s) || s.isBlank() || s.contains("\n") || s.length() > 1024) {
            throw ApiError.invalid("template.params", "each parameter is non-empty text on one line");
          }
          parameters.add(new JsonObject().put("type", "text").put("text", s));
        }
        components.add(new JsonObject().put("type", "body").put("parameters", parameters));
      }
    }
    String lang = language == null ? "es" : language;
    String preview = "[" + name + "] " + (params == null ? "" : String.join(" · ", params.stream().map(String::valueOf).toList()));
    if (tb.optionalArray("components") == null) {
      try {
        var rendered = templates.render(name, lang, params == null ? java.util.List.of()
            : params.stream().map(String::valueOf).toList());
        components = new JsonArray(new java.util.ArrayList<>(rendered.components()));
        lang = rendered.languageCode();
        preview = rendered.preview();
      } catch (com.conecta.templates.TemplateException e) {
        throw new ApiError(422, e.code(), e.getMessage(), e.field());
      }
    }
    JsonObject content = new JsonObject().put("name", name).put("language", lang).put("components", components);
    return service.replyWithTemplate(p, id(ctx), content, preview.trim(), body.optionalString("clientMessageId", 100))
        .onSuccess(m -> Responses.created(ctx, m));
  }

  /** Templates go in the contact's language unless the agent picks one. */
  private Future<?> templateReply(RoutingContext ctx, Principal p, JsonBody body, JsonObject t) {
    if (t.getString("language") != null) {
      return templateReplyIn(ctx, p, body, t);
    }
    return service.visible(p, id(ctx)).compose(c -> {
      String locale = c.getJsonObject("contact").getString("locale");
      return templateReplyIn(ctx, p, body, t.copy().put("language", locale == null ? "es" : locale));
    });
  }

  private Future<?> note(RoutingContext ctx, Principal p) {
    String text = JsonBody.of(ctx).optionalString("text", MAX_TEXT);
    if (text == null || text.isBlank()) {
      throw ApiError.missing("text");
    }
    return service.note(p, id(ctx), text).onSuccess(m -> Responses.created(ctx, m));
  }

  private Future<?> status(RoutingContext ctx, Principal p) {
    JsonBody body = JsonBody.of(ctx);
    return service.changeStatus(p, id(ctx), body.requiredString("status"), body.optionalInstant("snoozedUntil"))
        .onSuccess(c -> Responses.ok(ctx, c));
  }

  private Future<?> addLabels(RoutingContext ctx, Principal p) {
    JsonArray raw = JsonBody.of(ctx).optionalArray("labels");
    if (raw == null || raw.isEmpty()) {
      throw ApiError.missing("labels");
    }
    if (raw.size() > 20) {
      throw ApiError.invalid("labels", "at most 20 labels at once");
    }
    List<String> labels = new ArrayList<>();
    for (Object o : raw) {
      if (!(o instanceof String s)) {
        throw ApiError.invalid("labels", "labels must be strings");
      }
      labels.add(label(s, "labels"));
    }
    return service.addLabels(p, id(ctx), labels).onSuccess(c -> Responses.ok(ctx, c));
  }

  private static String label(String raw, String field) {
    String l = raw.trim().toLowerCase();
    if (!LABEL.matcher(l).matches()) {
      throw ApiError.invalid(field, "a label is 1 to 50 letters, digits, '-' or '_'");
    }
    return l;
  }

  static String escapeLike(String s) {
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
