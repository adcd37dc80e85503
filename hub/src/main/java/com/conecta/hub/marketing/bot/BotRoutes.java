package com.conecta.hub.marketing.bot;

import com.conecta.hub.foundation.auth.Access;
import com.conecta.hub.foundation.web.ApiError;
import com.conecta.hub.foundation.web.JsonBody;
import com.conecta.hub.foundation.web.Responses;
import com.conecta.hub.foundation.auth.RouteTable;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** {@code POST /api/v1/bot/classify}: what the bot understands of a text. */
public record BotRoutes(BotService bot) {
  public void register(RouteTable routes) {
    routes.post("/api/v1/bot/classify", Access.SIGNED_IN, (ctx, p) -> {
      String text = JsonBody.of(ctx).optionalString("text", 5000);
      if (text == null) {
        throw ApiError.missing("text");
      }
      return bot.classify(text).onSuccess(u -> {
        JsonArray entities = new JsonArray();
        u.entities().forEach(e -> entities.add(new JsonObject().put("type", e.type()).put("value", e.value())
            .put("text", e.text()).put("start", e.start()).put("end", e.end())));
        Responses.ok(ctx, new JsonObject().put("language", u.language()).put("intent", u.intent())
            .put("confidence", u.confidence()).put("entities", entities));
      });
    });
  }
}
