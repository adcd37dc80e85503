package com.conecta.hub.channels.email;

import com.conecta.hub.support.HubTestBase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A test hub whose demo email inbox (3) reads and sends through a real mail server, polling every second, with a short
 * lease so that a stopped node's mailbox moves within the test.
 */
abstract class EmailInboxTestBase extends HubTestBase {
  static final long EMAIL_INBOX = 3;
  TestMailServer mail;

  @Override
  protected JsonObject extraConfig() {
    return new JsonObject().put("email.poll-seconds", 1).put("email.lease-seconds", 6);
  }

  @BeforeAll
  void startMailServer() throws Exception {
    mail = TestMailServer.startFor(sql, EMAIL_INBOX);
  }

  @AfterAll
  void stopMailServer() {
    // The hub first, so that its IMAP connections end before the server that holds them.
    if (hub != null) {
      hub.stop().await();
      hub = null;
    }
    if (mail != null) {
      mail.stop();
    }
  }
}
