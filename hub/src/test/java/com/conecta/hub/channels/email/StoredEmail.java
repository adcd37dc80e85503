package com.conecta.hub.channels.email;

import com.conecta.hub.support.Api;
import com.conecta.hub.support.Await;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;

/** An email as the hub stored it, waited for by its Message-ID. */
final class StoredEmail {
  private StoredEmail() {}

  /** Waits until the email {@code providerId} is stored, and answers it as its conversation's message list shows it. */
  static JsonObject await(Pool sql, Api admin, String providerId) {
    Await.until(() -> sql.preparedQuery("select count(*) from messages where provider_message_id = $1")
        .execute(Tuple.of(providerId)).await().iterator().next().getLong(0) > 0, "message " + providerId + " stored",
        Duration.ofSeconds(30));
    long conversation = sql.preparedQuery("select conversation_id from messages where provider_message_id = $1")
        .execute(Tuple.of(providerId)).await().iterator().next().getLong(0);
    JsonArray items = admin.get("/api/v1/conversations/" + conversation + "/messages").bodyAsJsonObject().getJsonArray("items");
    for (int i = 0; i < items.size(); i++) {
      if (providerId.equals(items.getJsonObject(i).getString("providerMessageId"))) {
        return items.getJsonObject(i);
      }
    }
    throw new AssertionError("message " + providerId + " not listed in conversation " + conversation);
  }
}
