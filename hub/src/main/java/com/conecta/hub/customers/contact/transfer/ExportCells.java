package com.conecta.hub.customers.contact.transfer;

import com.conecta.hub.customers.customfield.CustomField;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One contact as a row of cells, in the reader's language: headers an import recognises again, dates dd-mm-aaaa and
 * amounts "$1.234.567" in Spanish. A cell that a spreadsheet would run as a formula gets a leading apostrophe.
 */
final class ExportCells {
  private static final DateTimeFormatter DMY = DateTimeFormatter.ofPattern("dd-MM-yyyy");
  private static final ZoneId SANTIAGO = ZoneId.of("America/Santiago");
  private final boolean es;
  private final List<CustomField> fields;

  ExportCells(String lang, List<CustomField> fields) {
    this.es = !"en".equals(lang);
    this.fields = fields;
  }

  List<String> header() {
    List<String> h = new ArrayList<>(es
        ? List.of("Nombre", "Teléfono", "Correo", "Identificador", "Etiquetas", "Ciudad", "Suscripción")
        : List.of("Name", "Phone", "Email", "Identifier", "Labels", "City", "Subscription"));
    fields.forEach(f -> h.add(es || f.labelEn() == null ? f.labelEs() : f.labelEn()));
    h.add(es ? "Creado" : "Created");
    return h;
  }

  List<String> row(JsonObject c, JsonObject extra) {
    List<String> r = new ArrayList<>();
    r.add(safe(c.getString("name")));
    r.add(safe(c.getString("phone")));
    r.add(safe(c.getString("email")));
    r.add(safe(extra.getString("identifier")));
    Object labels = extra.getValue("labels");
    r.add(safe(labels instanceof JsonArray a ? String.join(", ", a.stream().map(String::valueOf).toList())
        : labels instanceof List<?> l ? String.join(", ", l.stream().map(String::valueOf).toList()) : ""));
    r.add(safe(c.getString("city")));
    boolean out = Boolean.TRUE.equals(c.getBoolean("doNotContact"));
    r.add(es ? (out ? "baja" : "suscrito") : (out ? "unsubscribed" : "subscribed"));
    JsonObject custom = c.getJsonObject("customAttributes", new JsonObject());
    fields.forEach(f -> r.add(safe(custom(f, custom.getValue(f.key())))));
    String created = c.getString("createdAt");
    r.add(created == null ? "" : format(LocalDate.ofInstant(Instant.parse(created), SANTIAGO)));
    return r;
  }

  private String custom(CustomField f, Object v) {
    if (v == null) {
      return "";
    }
    return switch (f.type()) {
      case "date" -> format(LocalDate.parse(String.valueOf(v)));
      case "money" -> es ? money(new BigDecimal(String.valueOf(v))) : String.valueOf(v);
      case "number" -> es ? String.valueOf(v).replace('.', ',') : String.valueOf(v);
      case "checkbox" -> Boolean.TRUE.equals(v) ? (es ? "sí" : "yes") : "no";
      default -> String.valueOf(v);
    };
  }

  private String format(LocalDate d) {
    return es ? DMY.format(d) : d.toString();
  }

  private static String money(BigDecimal amount) {
    NumberFormat nf = NumberFormat.getNumberInstance(Locale.forLanguageTag("es-CL"));
    nf.setMaximumFractionDigits(2);
    return "$" + nf.format(amount);
  }

  /** A formula guard: "=", "@", or "+"/"-" not starting a number would run in Excel; phones ("+569…") stay as they are. */
  static String safe(String s) {
    if (s == null || s.isEmpty()) {
      return "";
    }
    char c = s.charAt(0);
    boolean formula = c == '=' || c == '@' || c == '\t' || c == '\r'
        || ((c == '+' || c == '-') && (s.length() == 1 || !Character.isDigit(s.charAt(1))));
    return formula ? "'" + s : s;
  }
}
