package com.conecta.connectors.email;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.conecta.connectors.ChannelIdentity;
import com.conecta.connectors.ContentType;
import com.conecta.connectors.InboundAccount;
import com.conecta.connectors.OutboundMessage;
import com.conecta.connectors.SendResult;
import com.conecta.connectors.sandbox.email.SandboxMailServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The sandbox's local mail server")
class SandboxMailServerTest {
  @Test
  @DisplayName("the settings it hands out send over its SMTP and read back over its IMAP, the customer's side too")
  void settingsWork() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (SandboxMailServer server = SandboxMailServer.start("127.0.0.1", 0, 0)) {
      JsonObject settings = server.inboxSettings("soporte@demo.conecta.cl", "Conecta Demo");
      // The hub's reply to a customer: sent with the inbox's SMTP settings...
      var account = new InboundAccount(3, "email", "soporte@demo.conecta.cl", settings);
      var out = new OutboundMessage("email", "soporte@demo.conecta.cl", new ChannelIdentity("email", "cliente@correo.cl"),
          ContentType.EMAIL, "Hola", List.of(), new JsonObject().put("replyToken", "t1").put("subject", "Prueba"), null, null, "k1");
      SendResult sent = new SmtpSender(vertx).send(account, out).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
      assertEquals(SendResult.Outcome.ACCEPTED, sent.outcome(), sent.errorTitle());
      // ...and readable as the customer, with any password.
      JsonObject customer = settings.copy().put("imapUser", "cliente@correo.cl").put("imapPassword", "lo-que-sea");
      try (ImapMailboxReader reader = new ImapMailboxReader(ImapSettings.from(customer), "cliente@correo.cl", new EmailParser(), 10)) {
        FetchBatch batch = reader.fetchNew(MailboxCursor.initial());
        assertEquals(1, batch.emails().size());
        assertEquals("<conecta.t1@demo.conecta.cl>", batch.emails().get(0).email().message().providerMessageId());
      }
    } finally {
      vertx.close();
    }
  }
}
