package com.conecta.hub.commerce.sales;

import io.vertx.core.json.JsonObject;

/** One stage of the company's sales pipeline; {@code outcome} is open, won or lost. */
public record LeadStage(String key, String nameEs, String nameEn, int position, int probability, String outcome) {

  public boolean lost() {
    return "lost".equals(outcome);
  }

  public JsonObject toJson() {
    return new JsonObject().put("key", key).put("name", new JsonObject().put("es", nameEs).put("en", nameEn))
        .put("position", position).put("probability", probability).put("outcome", outcome);
  }
}
