package com.conecta.hub.customers.contact;

import com.conecta.hub.customers.crm.CrudExtension;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * A phone typed on a CRM contact is that contact's WhatsApp address (most mobile numbers in Chile, Bolivia and Colombia
 * are), so campaigns, quotes and reminders can reach people the sales team entered by hand. The number stays this
 * contact's only if no other contact already writes from it, and a hub user's own phone is never a customer's address.
 */
public record PhoneIsWhatsAppAddress(ContactIdentityStore store) implements CrudExtension {
  @Override
  public Future<JsonObject> afterWrite(JsonObject row, JsonObject body, boolean creating) {
    String phone = row.getString("phone");
    if (phone == null || !body.containsKey("phone")) {
      return Future.succeededFuture(row);
    }
    return store.whatsAppFromPhone(row.getLong("id")).map(row);
  }
}
