package com.conecta.hub.customers.customfield;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** A field an admin added to contacts, accounts, leads or tickets; its values live in the record's custom_attributes. */
public record CustomField(long id, String entity, String key, String labelEs, String labelEn, String type,
    List<String> choices, boolean required) {

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("entity", entity).put("key", key)
        .put("label", new JsonObject().put("es", labelEs).put("en", labelEn == null ? labelEs : labelEn))
        .put("type", type).put("choices", new JsonArray(choices)).put("required", required);
  }
}
