package com.conecta.hub.channels.webform;

import com.conecta.hub.foundation.auth.Access;
import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.foundation.web.ApiError;
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
import java.util.Set;

/**
 * {@code GET /api/v1/conversations/{id}/reply-channels} (where a web-form lead can be answered) and
 * {@code POST /api/v1/conversations/{id}/answers} {"channel": "whatsapp", "template": {"name", "params"}} or
 * {"channel": "email", "subject", "text"}, with an optional clientMessageId.
 */
public record FormReplyRoutes(FormReplyService service) {
  public void register(RouteTable routes) {
    routes.get("/api/v1/conversations/:conversationId/reply-channels", Access.INBOX, (ctx, p) ->
            service.channels(p, id(ctx)).onSuccess(items -> Responses.ok(ctx, new JsonObject().put("items", items))))
        .post("/api/v1/conversations/:conversationId/answers", Access.INBOX, this::answer);
  }

  private static long id(RoutingContext ctx) {
    return Query.pathId(ctx, "conversationId");
  }

  private Future<?> answer(RoutingContext ctx, Principal p) {
    JsonBody body = JsonBody.of(ctx);
    String channel = body.oneOf("channel", null, Set.of("whatsapp", "email"));
    if (channel == null) {
      throw ApiError.missing("channel");
    }
    String text = body.optionalString("text", 20_000);
    String subject = body.optionalString("subject", 200);
    JsonObject template = body.optionalObject("template");
    String name = null;
    List<String> params = List.of();
    if (template != null) {
      JsonBody tb = JsonBody.wrap(template);
      name = tb.optionalString("name", 512);
      if (name == null || !name.matches("[a-z0-9_]{1,512}")) {
        throw ApiError.invalid("template.name", "a template name is lower-case letters, digits and _");
      }
      JsonArray given = tb.optionalArray("params");
      params = new ArrayList<>();
      for (Object o : given == null ? new JsonArray() : given) {
        if (!(o instanceof String s) || s.isBlank() || s.contains("\n") || s.length() > 1024) {
          throw ApiError.invalid("template.params", "each parameter is non-empty text on one line");
        }
        params.add(s);
      }
    }
    return service.answer(p, id(ctx), new FormReplyService.Answer(channel, text, subject, name, params,
            body.optionalString("clientMessageId", 100)))
        .onSuccess(m -> Responses.created(ctx, m));
  }
}
