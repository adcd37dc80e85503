package com.conecta.hub.channels.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Await;
import com.conecta.hub.support.Api;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The demo email inbox (3, soporte@demo.conecta.cl) pointed at a GreenMail server: customers write over real SMTP,
 * the hub reads over real IMAP, agents' replies leave over real SMTP.
 */
@DisplayName("Email inbox end to end against a real mail server")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmailInboxEndToEndTest extends EmailInboxTestBase {
  @Test
  @Order(1)
  @DisplayName("a customer's email becomes a conversation with sanitised HTML, a trimmed preview and its attachment")
  void customerEmailArrives() throws Exception {
    mail.sendAsCustomer("""
        From: Juan Pérez <juan@cliente.cl>
        To: soporte@demo.conecta.cl
        Subject: Cámara sin imagen
        Message-ID: <a1@cliente.cl>
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="MIX"

        --MIX
        Content-Type: multipart/alternative; boundary="ALT"

        --ALT
        Content-Type: text/plain; charset=utf-8

        La cámara 3 no muestra imagen.
        --\s
        Juan Pérez
        Gerente
        --ALT
        Content-Type: text/html; charset=utf-8

        <p onclick="steal()">La c&aacute;mara 3 no muestra imagen.</p><script>alert('x')</script><img src="http://tracker.example/p.gif">
        --ALT--
        --MIX
        Content-Type: application/pdf; name="factura.pdf"
        Content-Disposition: attachment; filename="factura.pdf"
        Content-Transfer-Encoding: base64

        JVBERi0xLjQKJcOkw7zDtsOfCg==
        --MIX--
        """);
    JsonObject msg = awaitMessage("<a1@cliente.cl>");
    long conversation = msg.getLong("conversationId");
    String html = msg.getJsonObject("content").getString("html");
    assertTrue(html.contains("no muestra imagen"), html);
    assertFalse(html.toLowerCase().contains("<script"), html);
    assertFalse(html.toLowerCase().contains("onclick"), html);
    assertFalse(html.contains("tracker.example"), html);
    assertTrue(msg.getString("text").contains("Gerente"), "the stored text is the whole email");
    assertEquals("Cámara sin imagen", msg.getJsonObject("content").getString("subject"));

    JsonObject conv = admin.get("/api/v1/conversations/" + conversation).bodyAsJsonObject();
    assertEquals("juan@cliente.cl", conv.getJsonObject("contact").getString("email"));
    assertEquals("Juan Pérez", conv.getJsonObject("contact").getString("name"));
    String preview = sql.preparedQuery("select last_message_preview from conversations where id = $1")
        .execute(Tuple.of(conversation)).await().iterator().next().getString(0);
    assertEquals("La cámara 3 no muestra imagen.", preview, "the preview leaves out the signature");

    JsonArray files = msg.getJsonArray("attachments");
    assertEquals(1, files.size());
    assertEquals("factura.pdf", files.getJsonObject(0).getString("fileName"));
    var download = admin.get(files.getJsonObject(0).getString("downloadUrl"));
    assertEquals(200, download.statusCode());
    assertTrue(download.bodyAsString(StandardCharsets.ISO_8859_1.name()).startsWith("%PDF-1.4"));

    String inboxes = admin.get("/api/v1/inboxes").bodyAsString();
    assertFalse(inboxes.contains("secreto") || inboxes.contains("imapPassword"), "mailbox secrets never leave the hub");
  }

  @Test
  @Order(2)
  @DisplayName("an agent's reply leaves over SMTP threaded, with both parts and the agent's name, and the answer to it threads back")
  void replyAndThreadBack() throws Exception {
    mail.sendAsCustomer("""
        From: María Soto <maria@cliente.cl>
        To: soporte@demo.conecta.cl
        Subject: Cotización de mantención
        Message-ID: <m1@cliente.cl>
        Content-Type: text/plain; charset=utf-8

        Hola, necesito una cotización para 4 cámaras.
        """);
    long conversation = awaitMessage("<m1@cliente.cl>").getLong("conversationId");

    Api bruno = signIn("bruno@demo.conecta.cl");
    var res = bruno.post("/api/v1/conversations/" + conversation + "/messages",
        new JsonObject().put("text", "Hola María,\nle envío la cotización <hoy>."));
    assertEquals(201, res.statusCode(), res.bodyAsString());
    MimeMessage sent = mail.awaitSentTo("maria@cliente.cl", 1).get(0);

    String ourId = sent.getMessageID();
    assertTrue(ourId.matches("<conecta\\.[A-Za-z0-9_-]+@demo\\.conecta\\.cl>"), ourId);
    assertEquals("<m1@cliente.cl>", sent.getHeader("In-Reply-To", null));
    assertTrue(sent.getHeader("References", " ").contains("<m1@cliente.cl>"));
    assertEquals("Re: Cotización de mantención", sent.getSubject());
    InternetAddress from = (InternetAddress) sent.getFrom()[0];
    assertEquals(TestMailServer.MAILBOX, from.getAddress());
    assertEquals("Bruno Díaz (Demo Conecta)", from.getPersonal());
    String text = TestMailServer.part(sent, "text/plain");
    String html = TestMailServer.part(sent, "text/html");
    assertTrue(text.contains("le envío la cotización <hoy>.") && text.contains("Bruno Díaz"), text);
    assertTrue(html.contains("le envío la cotización &lt;hoy&gt;.") && html.contains("Hola María,<br>"), html);
    assertTrue(html.contains("responda a este correo"), "the Spanish layout of the templates catalogue");
    Await.until(() -> ourId.equals(providerIdOfLastOut(conversation)), "the sent Message-ID is recorded");

    mail.sendAsCustomer("""
        From: María Soto <maria@cliente.cl>
        To: soporte@demo.conecta.cl
        Subject: Re: Cotización de mantención
        Message-ID: <m2@cliente.cl>
        In-Reply-To: %s
        References: <m1@cliente.cl> %s
        Content-Type: text/plain; charset=utf-8

        Gracias, ¿incluye instalación?

        El lun, 23 nov 2026, Bruno Díaz escribió:
        > le envío la cotización
        """.formatted(ourId, ourId));
    assertEquals(conversation, awaitMessage("<m2@cliente.cl>").getLong("conversationId"), "threaded by In-Reply-To");

    // A mail gateway that rewrote our Message-ID's domain and a client that dropped References and the subject:
    // only the reply token is left, and it is enough.
    String token = ourId.substring("<conecta.".length(), ourId.indexOf('@'));
    mail.sendAsCustomer("""
        From: María Soto <maria@cliente.cl>
        To: soporte@demo.conecta.cl
        Subject: una cosa más
        Message-ID: <m3@cliente.cl>
        In-Reply-To: <conecta.%s@gateway.cliente.cl>
        Content-Type: text/plain; charset=utf-8

        ¿Y el plazo de entrega?
        """.formatted(token));
    assertEquals(conversation, awaitMessage("<m3@cliente.cl>").getLong("conversationId"), "threaded by the reply token");
  }

  @Test
  @Order(3)
  @DisplayName("a new subject from a known contact opens a new conversation beside the open one (even with a NUL in it)")
  void newSubjectNewConversation() throws Exception {
    mail.sendAsCustomer("""
        From: Pedro Lagos <pedro@cliente.cl>
        To: soporte@demo.conecta.cl
        Subject: Factura 123
        Message-ID: <p1@cliente.cl>
        Content-Type: text/plain; charset=utf-8

        No me llegó la factura 123.
        """);
    JsonObject first = awaitMessage("<p1@cliente.cl>");
    mail.sendAsCustomer("""
        From: Pedro Lagos <pedro@cliente.cl>
        To: soporte@demo.conecta.cl
        Subject: Visita técnica
        Message-ID: <p2@cliente.cl>
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: quoted-printable

        =C2=BFPueden venir el jueves?=00
        """);
    JsonObject second = awaitMessage("<p2@cliente.cl>");
    assertEquals("¿Pueden venir el jueves?", second.getString("text").strip(), "a NUL from a broken mailer is dropped");
    assertNotEquals(first.getLong("conversationId"), second.getLong("conversationId"));
    assertEquals(2, count("select count(*) from conversations c join contact_identities ci on ci.contact_id = c.contact_id "
        + "where ci.kind = 'email' and ci.value = 'pedro@cliente.cl' and c.status = 'open'"));
    assertEquals(1, count("select count(*) from contact_identities where kind = 'email' and value = 'pedro@cliente.cl'"),
        "one contact, found by the email identity");
  }

  @Test
  @Order(4)
  @DisplayName("auto-replies and bounces store nothing and open no conversation")
  void autoRepliesAndBounces() throws Exception {
    mail.sendAsCustomer("""
        From: Lucía Vera <lucia@cliente.cl>
        To: soporte@demo.conecta.cl
        Subject: Fuera de la oficina
        Message-ID: <auto1@cliente.cl>
        Auto-Submitted: auto-replied
        Content-Type: text/plain; charset=utf-8

        Estoy de vacaciones hasta el lunes.
        """);
    mail.sendAsCustomer("""
        From: Lucía Vera <lucia@cliente.cl>
        To: soporte@demo.conecta.cl
        Subject: Respuesta automática
        Message-ID: <auto2@cliente.cl>
        X-Autoreply: yes
        Precedence: auto_reply
        Content-Type: text/plain; charset=utf-8

        Gracias por su correo.
        """);
    mail.sendAsCustomer("""
        From: Mail Delivery System <MAILER-DAEMON@mx.cliente.cl>
        To: soporte@demo.conecta.cl
        Subject: Undelivered Mail Returned to Sender
        Message-ID: <bounce1@mx.cliente.cl>
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="R"

        --R
        Content-Type: text/plain

        Your message could not be delivered.
        --R
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.cliente.cl
        Final-Recipient: rfc822; nadie@cliente.cl
        Action: failed
        Status: 5.1.1
        --R--
        """);
    // Mail is read in order: once this one is stored, the three before it have been read and dropped.
    mail.sendAsCustomer("""
        From: Lucía Vera <lucia@cliente.cl>
        To: soporte@demo.conecta.cl
        Subject: Consulta real
        Message-ID: <real1@cliente.cl>
        Content-Type: text/plain; charset=utf-8

        Ahora sí escribo yo.
        """);
    awaitMessage("<real1@cliente.cl>");
    assertEquals(0, count("select count(*) from messages where provider_message_id in "
        + "('<auto1@cliente.cl>', '<auto2@cliente.cl>', '<bounce1@mx.cliente.cl>')"));
    assertEquals(0, count("select count(*) from contact_identities where value = 'mailer-daemon@mx.cliente.cl'"));
    assertEquals(1, count("select count(*) from conversations c join contact_identities ci on ci.contact_id = c.contact_id "
        + "where ci.value = 'lucia@cliente.cl'"));
  }

  @Test
  @Order(7)
  @DisplayName("an agent's file goes out as a MIME attachment, in the English layout for an English-speaking contact")
  void replyWithAttachmentInEnglish() throws Exception {
    mail.sendAsCustomer("""
        From: John Smith <john@client.com>
        To: soporte@demo.conecta.cl
        Subject: Quote please
        Message-ID: <j1@client.com>
        Content-Type: text/plain; charset=utf-8

        Could you send me the quote?
        """);
    long conversation = awaitMessage("<j1@client.com>").getLong("conversationId");
    sql.preparedQuery("update contacts set locale = 'en' where email = 'john@client.com'").execute().await();
    var form = io.vertx.ext.web.multipart.MultipartForm.create().binaryFileUpload("file", "quote-42.pdf",
        io.vertx.core.buffer.Buffer.buffer("%PDF-1.4 quote"), "application/pdf");
    var upload = io.vertx.ext.web.client.WebClient.create(vertx)
        .post(hub.port(), "127.0.0.1", "/api/v1/conversations/" + conversation + "/attachments")
        .putHeader("cookie", admin.cookie()).putHeader("X-CSRF-Token", admin.csrf()).sendMultipartForm(form).await();
    assertEquals(201, upload.statusCode(), upload.bodyAsString());
    var res = admin.post("/api/v1/conversations/" + conversation + "/messages", new JsonObject().put("text", "Here it is.")
        .put("attachments", new JsonArray().add(new JsonObject().put("storageKey", upload.bodyAsJsonObject().getString("storageKey")))));
    assertEquals(201, res.statusCode(), res.bodyAsString());
    MimeMessage sent = mail.awaitSentTo("john@client.com", 1).get(0);
    assertTrue(TestMailServer.part(sent, "text/html").contains("just reply to this email"));
    assertTrue(TestMailServer.part(sent, "text/plain").startsWith("Here it is."));
    Multipart mixed = (Multipart) sent.getContent();
    Part file = mixed.getBodyPart(1);
    assertEquals("quote-42.pdf", file.getFileName());
    assertEquals("%PDF-1.4 quote", new String(file.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  // --- helpers ---

  private JsonObject awaitMessage(String providerId) {
    return StoredEmail.await(sql, admin, providerId);
  }

  private String providerIdOfLastOut(long conversation) {
    var rows = sql.preparedQuery("select provider_message_id from messages where conversation_id = $1 and direction = 'out' "
        + "order by id desc limit 1").execute(Tuple.of(conversation)).await();
    return rows.size() == 0 ? null : rows.iterator().next().getString(0);
  }
}
