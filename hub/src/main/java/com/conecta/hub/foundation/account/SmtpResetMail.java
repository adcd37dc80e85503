package com.conecta.hub.foundation.account;

import com.conecta.connectors.ChannelIdentity;
import com.conecta.connectors.ContentType;
import com.conecta.connectors.InboundAccount;
import com.conecta.connectors.OutboundMessage;
import com.conecta.connectors.SendResult;
import com.conecta.connectors.email.SmtpSender;
import com.conecta.hub.foundation.config.HubConfig;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Sends reset links over SMTP: through {@code notifications.smtp.*} when it is set, else, in sandbox mode, to the
 * built-in mail server (read it over IMAP as the user's address, any password). Written here rather than as a
 * notification row because that row would keep the link, and with it a working token, in the database.
 */
public final class SmtpResetMail implements ResetMail {
  static final String SANDBOX_FROM = "no-responder@demo.conecta.cl";

  private final SmtpSender smtp;
  private final InboundAccount account;

  private SmtpResetMail(SmtpSender smtp, InboundAccount account) {
    this.smtp = smtp;
    this.account = account;
  }

  /** Null when there is no way to send: the request is still answered the same, and the log says why. */
  public static SmtpResetMail from(SmtpSender smtp, HubConfig config) {
    HubConfig.Smtp s = config.notifications().smtp();
    if (s.configured()) {
      JsonObject settings = new JsonObject().put("smtpHost", s.host()).put("smtpPort", s.port())
          .put("smtpSecurity", s.security()).put("fromAddress", s.from()).put("fromName", s.fromName());
      if (!s.username().isBlank()) {
        settings.put("smtpUser", s.username()).put("smtpPassword", s.password());
      }
      return new SmtpResetMail(smtp, new InboundAccount(0, "email", s.from(), settings));
    }
    // In sandbox mode the link goes to the sandbox mail server's SMTP port (the built-in server, or a test's own).
    if (config.sandbox().enabled()) {
      JsonObject settings = new JsonObject().put("smtpHost", "127.0.0.1").put("smtpPort", config.email().sandboxSmtpPort())
          .put("smtpSecurity", "none").put("fromAddress", SANDBOX_FROM).put("fromName", "Conecta");
      return new SmtpResetMail(smtp, new InboundAccount(0, "email", SANDBOX_FROM, settings));
    }
    return null;
  }

  @Override
  public Future<Void> send(PasswordResetStore.Recipient to, String link) {
    boolean english = "en".equals(to.locale());
    String subject = english ? "Reset your Conecta password" : "Restablece tu contraseña de Conecta";
    String text = english
        ? "Hello " + to.name() + ",\n\nSomeone asked to reset the password of your Conecta account. To choose a new one,"
            + " open this link within 30 minutes (it works once):\n\n" + link
            + "\n\nIf it was not you, ignore this message: your password stays as it is."
        : "Hola " + to.name() + ":\n\nAlguien pidió restablecer la contraseña de tu cuenta de Conecta. Para elegir una"
            + " nueva, abre este enlace antes de 30 minutos (sirve una sola vez):\n\n" + link
            + "\n\nSi no fuiste tú, ignora este mensaje: tu contraseña no cambia.";
    OutboundMessage m = new OutboundMessage("email", account.channelAccountId(),
        new ChannelIdentity(ChannelIdentity.EMAIL, to.email()), ContentType.TEXT, text, List.of(),
        new JsonObject().put("subject", subject), null, null, null);
    return smtp.send(account, m).compose(r -> r.outcome() == SendResult.Outcome.ACCEPTED ? Future.<Void>succeededFuture()
        : Future.failedFuture(r.errorCode() + ": " + r.errorTitle()));
  }
}
