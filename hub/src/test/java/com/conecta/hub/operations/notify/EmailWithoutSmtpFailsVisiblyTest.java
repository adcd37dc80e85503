package com.conecta.hub.operations.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.HubTestBase;
import com.conecta.hub.support.WhatsAppCustomer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Without an SMTP host, email notifications fail visibly and the other channels still go out")
class EmailWithoutSmtpFailsVisiblyTest extends HubTestBase {

  @Override
  protected JsonObject extraConfig() {
    return new JsonObject().put("notifications.poll-ms", 200);
  }

  private Row row(long id) {
    return sql.query("select * from notifications where id = " + id).execute().await().iterator().next();
  }

  @Test
  @DisplayName("an email notification is marked failed with smtp_not_configured after one attempt, never silently dropped or retried forever")
  void smtpNotConfigured() throws Exception {
    NotificationStore store = new NotificationStore();
    long email = store.enqueue(sql, Notification.email(2L, null, "test", "Asunto", "Cuerpo", null, "nosmtp-1")).await();
    long inApp = store.enqueue(sql, Notification.inApp(2L, "test", "Asunto", "Cuerpo", new JsonObject(), "nosmtp-2")).await();
    assertTrue(WhatsAppCustomer.eventually(() -> "failed".equals(row(email).getString("status"))), row(email).toJson().encode());
    assertEquals("smtp_not_configured", row(email).getString("error_code"));
    assertTrue(row(email).getString("last_error").contains("notifications.smtp.host"));
    assertEquals(1, row(email).getInteger("attempts"));
    assertTrue(WhatsAppCustomer.eventually(() -> "sent".equals(row(inApp).getString("status"))));
  }
}
