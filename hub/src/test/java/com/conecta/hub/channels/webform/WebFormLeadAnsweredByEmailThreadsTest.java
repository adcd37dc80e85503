package com.conecta.hub.channels.webform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.HubTestBase;
import com.conecta.hub.support.WhatsAppCustomer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A web-form lead answered by email gets it from the email inbox, and their reply joins the same thread")
class WebFormLeadAnsweredByEmailThreadsTest extends HubTestBase {
  private int smtpPort;
  private int imapPort;

  @Override
  protected JsonObject extraConfig() {
    smtpPort = freePort();
    imapPort = freePort();
    return new JsonObject().put("email.sandbox-server", "true").put("email.sandbox-smtp-port", smtpPort)
        .put("email.sandbox-imap-port", imapPort);
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  @DisplayName("the email goes from soporte@ with the subject given, is recorded as sent and answered, and the customer's reply lands in that conversation")
  void threaded() throws Exception {
    assertEquals(201, WebClient.create(vertx).post(hub.port(), "127.0.0.1", "/forms/contact")
        .putHeader("content-type", "application/json")
        .sendJsonObject(new JsonObject().put("name", "Tomás Ríos").put("email", "tomas@rios.cl")
            .put("message", "¿Hacen mantención de extintores?")).await().statusCode());
    long form = count("select c.id from conversations c join inboxes i on i.id = c.inbox_id where i.channel = 'webform'");
    var channels = admin.get("/api/v1/conversations/" + form + "/reply-channels").bodyAsJsonObject().getJsonArray("items");
    assertEquals(1, channels.size(), "no phone was given: only email is offered: " + channels.encode());
    assertEquals("tomas@rios.cl", channels.getJsonObject(0).getString("to"));
    var whatsapp = admin.post("/api/v1/conversations/" + form + "/answers", new JsonObject().put("channel", "whatsapp")
        .put("template", new JsonObject().put("name", "seguimiento_cotizacion").put("params",
            new io.vertx.core.json.JsonArray().add("Tomás").add("COT-1"))));
    assertEquals(422, whatsapp.statusCode());
    assertEquals("channel_not_offered", whatsapp.bodyAsJsonObject().getJsonObject("error").getString("code"));

    var sent = admin.post("/api/v1/conversations/" + form + "/answers", new JsonObject().put("channel", "email")
        .put("subject", "Mantención de extintores").put("text", "Hola Tomás, sí: le envío los valores."));
    assertEquals(201, sent.statusCode(), sent.bodyAsString());
    long conversation = sent.bodyAsJsonObject().getLong("conversationId");
    assertTrue(WhatsAppCustomer.eventually(() -> count("select count(*) from messages where conversation_id = "
        + conversation + " and status = 'sent' and provider_message_id is not null") == 1), "sent over SMTP");
    assertEquals(1, count("select count(*) from conversations where id = " + conversation + " and first_reply_at is not null"));

    MimeMessage received = firstMessageOf("tomas@rios.cl");
    assertEquals("Mantención de extintores", received.getSubject());
    assertTrue(received.getFrom()[0].toString().contains("soporte@demo.conecta.cl"), received.getFrom()[0].toString());
    String ourId = received.getMessageID();

    sendAsCustomer("""
        From: Tomás Ríos <tomas@rios.cl>
        To: soporte@demo.conecta.cl
        Subject: Re: Mantención de extintores
        Message-ID: <r1@rios.cl>
        In-Reply-To: %s
        References: %s
        Content-Type: text/plain; charset=utf-8

        Perfecto, son 12 extintores.
        """.formatted(ourId, ourId));
    assertTrue(WhatsAppCustomer.eventually(() -> count("select count(*) from messages where provider_message_id = "
        + "'<r1@rios.cl>'") == 1), "the reply is read from the mailbox");
    assertEquals(conversation, count("select conversation_id from messages where provider_message_id = '<r1@rios.cl>'"),
        "threaded into the conversation the answer started");
  }

  private MimeMessage firstMessageOf(String address) throws Exception {
    Store store = Session.getInstance(new Properties()).getStore("imap");
    assertTrue(WhatsAppCustomer.eventually(() -> {
      try {
        if (!store.isConnected()) {
          store.connect("127.0.0.1", imapPort, address, "sandbox");
        }
        Folder f = store.getFolder("INBOX");
        f.open(Folder.READ_ONLY);
        boolean any = f.getMessageCount() > 0;
        f.close(false);
        return any;
      } catch (Exception e) {
        return false;
      }
    }), "the customer's mailbox gets the answer");
    Folder f = store.getFolder("INBOX");
    f.open(Folder.READ_ONLY);
    Message m = f.getMessage(1);
    MimeMessage copy = new MimeMessage((MimeMessage) m);
    f.close(false);
    store.close();
    return copy;
  }

  private void sendAsCustomer(String eml) throws Exception {
    Properties p = new Properties();
    p.put("mail.smtp.host", "127.0.0.1");
    p.put("mail.smtp.port", String.valueOf(smtpPort));
    Session session = Session.getInstance(p);
    MimeMessage m = new MimeMessage(session, new ByteArrayInputStream(eml.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
    // sendMessage, not Transport.send: the latter would replace the Message-ID the reply threads on.
    try (Transport t = session.getTransport("smtp")) {
      t.connect();
      t.sendMessage(m, new InternetAddress[] {new InternetAddress("soporte@demo.conecta.cl")});
    }
  }
}
