package com.conecta.hub.customers.contact.transfer;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One checked row, ready for {@code contact_import_batch}: null means "the file says nothing, keep what is there".
 *
 * @param optin "in", "out" or null
 */
public record ContactRow(long row, String name, String phone, String email, String identifier, String city,
    List<String> labels, JsonObject custom, String optin) {

  public JsonObject toJson() {
    return new JsonObject().put("n", row).put("name", name).put("phone", phone)
        .put("digits", phone == null ? null : phone.substring(1)).put("email", email).put("identifier", identifier)
        .put("city", city).put("labels", labels == null ? null : new JsonArray(labels))
        .put("custom", custom == null || custom.isEmpty() ? null : custom).put("optin", optin);
  }
}
