package com.conecta.hub.marketing.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.conecta.bots.nlp.MessageUnderstanding;
import com.conecta.hub.support.HubTestBase;
import com.conecta.hub.support.WhatsAppCustomer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

@DisplayName("The bot's intent model at start")
class BotModelIsReadyBeforeTheHubIsReadyTest extends HubTestBase {

  private JsonObject ready() {
    var res = WebClient.create(vertx).get(hub.port(), "127.0.0.1", "/ready").send().await();
    return res.bodyAsJsonObject().put("httpStatus", res.statusCode());
  }

  @Test
  @DisplayName("/ready answers 200 only once the intent model is trained, and says so")
  void readyWaitsForTheModel() throws Exception {
    assertTrue(WhatsAppCustomer.eventually(() -> ready().getInteger("httpStatus") == 200), "the hub becomes ready");
    JsonObject body = ready();
    assertEquals("ready", body.getString("bot"), body.encode());
    assertEquals("up", body.getString("database"), body.encode());
  }

  @Test
  @DisplayName("training the intent model writes no training lines to the log, only one line saying it is ready")
  void trainingIsQuiet() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    root.addAppender(captured);
    try {
      MessageUnderstanding fresh = new MessageUnderstanding(ZoneId.of("America/Santiago"));
      BotModelWarmUp.start(vertx, fresh).await();
      assertTrue(fresh.ready(), "the warm-up trained the model");
    } finally {
      root.detachAppender(captured);
    }
    List<String> fromOpenNlp = captured.list.stream().filter(e -> e.getLoggerName().startsWith("opennlp"))
        .map(ILoggingEvent::getFormattedMessage).toList();
    assertEquals(List.of(), fromOpenNlp, "OpenNLP's training output stays out of the log");
    assertEquals(1, captured.list.stream().filter(e -> e.getLoggerName().endsWith("BotModelWarmUp")).count());
  }
}
