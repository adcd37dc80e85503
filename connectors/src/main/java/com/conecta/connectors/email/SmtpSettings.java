package com.conecta.connectors.email;

import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * SMTP settings read from InboundAccount.settings: smtpHost, smtpPort, smtpSecurity (none|starttls|tls), smtpUser,
 * smtpPassword, fromAddress, fromName.
 */
public record SmtpSettings(String host, int port, String security, String user, String password, String fromAddress, String fromName) {
  public static SmtpSettings from(JsonObject s) {
    String security = s.getString("smtpSecurity", "starttls").toLowerCase(Locale.ROOT);
    if (!security.equals("none") && !security.equals("starttls") && !security.equals("tls")) {
      throw new IllegalArgumentException("smtpSecurity must be none, starttls or tls, not " + security);
    }
    String host = s.getString("smtpHost");
    String from = s.getString("fromAddress");
    if (host == null || from == null) throw new IllegalArgumentException("smtpHost and fromAddress are required");
    int port = s.getInteger("smtpPort", security.equals("tls") ? 465 : 587);
    return new SmtpSettings(host, port, security, s.getString("smtpUser"), s.getString("smtpPassword"), from, s.getString("fromName"));
  }

  public String domain() {
    return fromAddress.substring(fromAddress.indexOf('@') + 1);
  }
}
