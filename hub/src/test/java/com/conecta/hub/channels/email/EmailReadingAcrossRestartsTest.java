package com.conecta.hub.channels.email;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.conecta.hub.Hub;
import com.conecta.hub.support.Api;
import com.conecta.hub.support.Await;
import com.conecta.hub.support.TestEnvironment;
import com.conecta.hub.support.TestHub;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The demo email inbox read over real IMAP by hub nodes that stop and start: the UID it resumes from, and the lease
 * that lets one node of two read a mailbox, so that no email is skipped or stored twice.
 */
@DisplayName("Email reading across a restart and two nodes: nothing skipped, nothing read twice")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmailReadingAcrossRestartsTest extends EmailInboxTestBase {
  /** A first email read, so that the node has a stored UID to resume from, as a running one has. */
  @BeforeAll
  void firstEmailRead() throws Exception {
    mail.sendAsCustomer("""
        From: Rosa Díaz <rosa@cliente.cl>
        To: soporte@demo.conecta.cl
        Subject: Hola
        Message-ID: <first@cliente.cl>
        Content-Type: text/plain; charset=utf-8

        Primer correo
        """);
    StoredEmail.await(sql, admin, "<first@cliente.cl>");
  }

  @Test
  @Order(1)
  @DisplayName("after a restart the hub reads the mail that came while it was down, and nothing twice")
  void restartNeitherSkipsNorRereads() throws Exception {
    Await.until(() -> storedFromCustomers() == mail.customerMailsInMailbox(), "everything so far is read");
    hub.stop().await();
    for (int i = 1; i <= 3; i++) {
      mail.sendAsCustomer("""
          From: Rosa Díaz <rosa@cliente.cl>
          To: soporte@demo.conecta.cl
          Subject: Mientras dormían %d
          Message-ID: <down%d@cliente.cl>
          Content-Type: text/plain; charset=utf-8

          Correo %d
          """.formatted(i, i, i));
    }
    hub = TestHub.start(vertx, dbUrl, TestEnvironment.redis(), redisPrefix, extraConfig());
    admin = Api.admin(vertx, hub.port());
    for (int i = 1; i <= 3; i++) {
      StoredEmail.await(sql, admin, "<down" + i + "@cliente.cl>");
    }
    assertEquals(0.0, metric(hub, "duplicate"), "the restarted node re-read nothing: it resumed from the stored UID");
    assertEquals(3.0, metric(hub, "created"));
    assertEquals(mail.customerMailsInMailbox(), storedFromCustomers(), "nothing skipped");
    assertEquals(mail.mailboxSize(), count("select last_uid from email_mailboxes where inbox_id = 3"));
  }

  @Test
  @Order(2)
  @DisplayName("two hub nodes on one mailbox: one reads it, each email is stored once")
  void twoNodesOneReader() throws Exception {
    Hub second = TestHub.start(vertx, dbUrl, TestEnvironment.redis(), redisPrefix, extraConfig());
    try {
      double before = metric(hub, "created") + metric(second, "created");
      for (int i = 1; i <= 6; i++) {
        mail.sendAsCustomer("""
            From: Cliente %d <c%d@empresa.cl>
            To: soporte@demo.conecta.cl
            Subject: Pedido %d
            Message-ID: <two%d@empresa.cl>
            Content-Type: text/plain; charset=utf-8

            Pedido número %d
            """.formatted(i, i, i, i, i));
      }
      for (int i = 1; i <= 6; i++) {
        StoredEmail.await(sql, admin, "<two" + i + "@empresa.cl>");
      }
      assertEquals(6, count("select count(*) from messages where provider_message_id like '<two%@empresa.cl>'"));
      assertEquals(6.0, metric(hub, "created") + metric(second, "created") - before);
      assertEquals(0.0, metric(hub, "duplicate") + metric(second, "duplicate"), "no node read what the other read");
      assertEquals(1, count("select count(*) from email_mailboxes where inbox_id = 3 and lease_owner is not null"));
    } finally {
      second.stop().await();
    }
  }

  private long storedFromCustomers() {
    return count("select count(*) from messages where inbox_id = 3 and direction = 'in'");
  }

  private double metric(Hub node, String result) {
    String text = new Api(vertx, node.port()).get("/metrics").bodyAsString();
    Matcher m = Pattern.compile("conecta_inbound_messages_total\\{result=\"" + result + "\"} ([0-9.E]+)").matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : 0.0;
  }
}
