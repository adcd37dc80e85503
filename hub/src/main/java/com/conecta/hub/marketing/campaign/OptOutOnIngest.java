package com.conecta.hub.marketing.campaign;

import com.conecta.hub.messaging.inbox.IngestService;
import java.util.regex.Pattern;

/**
 * Replies that ask to stop (STOP, BAJA, "no me manden más", unsubscribe) mark the contact do-not-contact, honoured by
 * every later campaign. Until the bot classifies intents this is a keyword rule for whole-message requests.
 */
public record OptOutOnIngest(OptOuts optOuts, CampaignService campaigns, boolean botEnabled) {
  private static final Pattern OPT_OUT = Pattern.compile(
      "^\\s*(stop|baja|darme de baja|dar de baja|unsubscribe|cancelar suscripci[oó]n|no me (manden|envien|envíen|escriban) m[aá]s.*"
          + "|no quiero (recibir )?m[aá]s (mensajes|promociones).*)\\s*[.!]*\\s*$",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  public static boolean asksToStop(String text) {
    return text != null && text.length() < 200 && OPT_OUT.matcher(text).matches();
  }

  /** Idempotent: a reply is marked once, and a contact already opted out is not confirmed again. */
  public io.vertx.core.Future<Void> accept(IngestService.Ingested ingested) {
    io.vertx.core.Future<Void> replied = campaigns.replied(ingested.result().conversationId());
    if (ingested.inbox().settings().getString("botFlow") != null && botEnabled) {
      return replied; // the bot understands opt-out requests itself and confirms once
    }
    String text = ingested.message().text();
    if (asksToStop(text) || "BAJA".equalsIgnoreCase(ingested.message().content().getString("payload"))) {
      return replied.compose(v -> optOuts.optOut(ingested.result().contactId(), ingested.result().conversationId(),
          ingested.inbox())).mapEmpty();
    }
    return replied;
  }
}
