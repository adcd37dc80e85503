package com.conecta.hub.commerce.sales.quote;

import com.conecta.hub.commerce.sales.SalesSettings;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A quote rendered to PDF: an HTML template (JMustache, es/en labels) laid out by openhtmltopdf on a worker thread. */
public final class QuotePdf {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
  private static final Map<String, Map<String, String>> LABELS = Map.of(
      "es", Map.ofEntries(Map.entry("title", "Cotización"), Map.entry("date", "Fecha"),
          Map.entry("validUntil", "Válida hasta"), Map.entry("customer", "Cliente"), Map.entry("taxId", "RUT/NIT"),
          Map.entry("code", "Código"), Map.entry("item", "Producto"), Map.entry("quantity", "Cantidad"),
          Map.entry("unitPrice", "Precio unitario"), Map.entry("discount", "Dcto."), Map.entry("net", "Neto"),
          Map.entry("tax", "Impuesto"), Map.entry("total", "Total"),
          Map.entry("footer", "Precios sujetos a la vigencia indicada. Para aceptar, responda este mensaje.")),
      "en", Map.ofEntries(Map.entry("title", "Quote"), Map.entry("date", "Date"),
          Map.entry("validUntil", "Valid until"), Map.entry("customer", "Customer"), Map.entry("taxId", "Tax ID"),
          Map.entry("code", "Code"), Map.entry("item", "Product"), Map.entry("quantity", "Quantity"),
          Map.entry("unitPrice", "Unit price"), Map.entry("discount", "Disc."), Map.entry("net", "Net"),
          Map.entry("tax", "Tax"), Map.entry("total", "Total"),
          Map.entry("footer", "Prices hold until the date above. To accept, reply to this message.")));

  private final Vertx vertx;
  private final SalesSettings settings;
  private final Template template;

  public QuotePdf(Vertx vertx, SalesSettings settings) {
    this.vertx = vertx;
    this.settings = settings;
    try (InputStream in = QuotePdf.class.getClassLoader().getResourceAsStream("sales/quote.html.mustache")) {
      if (in == null) {
        throw new IllegalStateException("sales/quote.html.mustache is missing");
      }
      // HTML escaping stays on: names and notes come from people.
      this.template = Mustache.compiler().defaultValue("").compile(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The HTML of the quote (what the PDF shows). */
  public String html(JsonObject quote) {
    String lang = "en".equals(quote.getString("language")) ? "en" : "es";
    Map<String, Object> model = new HashMap<>();
    model.put("lang", lang);
    model.put("t", LABELS.get(lang));
    model.put("company", settings.companyName());
    model.put("companyTaxId", settings.companyTaxId().isBlank() ? null : settings.companyTaxId());
    model.put("number", quote.getString("number"));
    model.put("date", LocalDate.now(settings.zone()).format(DAY));
    model.put("validUntil", LocalDate.parse(quote.getString("validUntil")).format(DAY));
    model.put("customer", quote.getString("contactName") == null ? "" : quote.getString("contactName"));
    model.put("account", quote.getString("accountName"));
    model.put("accountTaxId", quote.getString("accountTaxId"));
    model.put("currency", quote.getString("currency"));
    String currency = quote.getString("currency");
    model.put("net", Money.format(quote.getString("net"), currency, lang));
    model.put("tax", Money.format(quote.getString("tax"), currency, lang));
    model.put("total", Money.format(quote.getString("total"), currency, lang));
    model.put("notes", quote.getString("notes"));
    List<Map<String, Object>> items = quote.getJsonArray("items").stream().map(o -> {
      Map<String, Object> item = new HashMap<>(((JsonObject) o).getMap());
      item.put("unitPrice", Money.format((String) item.get("unitPrice"), currency, lang));
      item.put("net", Money.format((String) item.get("net"), currency, lang));
      return item;
    }).toList();
    model.put("items", items);
    return template.execute(model);
  }

  public Future<Buffer> render(JsonObject quote) {
    String html = html(quote);
    return vertx.executeBlocking(() -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      PdfRendererBuilder builder = new PdfRendererBuilder();
      builder.useFastMode();
      builder.withHtmlContent(html, null);
      builder.toStream(out);
      builder.run();
      return Buffer.buffer(out.toByteArray());
    }, false);
  }
}
