package com.conecta.hub.commerce.sales;

import com.conecta.hub.customers.crm.account.TaxIds;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the conversion dialog starts from: everything the lead already holds (the bot's answers: customer type, tax id,
 * budget, interest area) so the salesperson confirms rather than types it again.
 */
final class ConversionDraft {
  /** The bot stores an amount as "2000000 CLP" (see the bots module's entity extractor). */
  private static final Pattern AMOUNT = Pattern.compile("(\\d+(?:\\.\\d{1,2})?)\\s+([A-Z]{3})");

  private ConversionDraft() {}

  /** What the lead holds, for the conversion dialog; {@code divisionOf} names the business line's division. */
  static JsonObject of(JsonObject lead, String contactName, Function<String, String> divisionOf) {
    JsonObject answers = lead.getValue("answers") instanceof JsonObject a ? a : new JsonObject();
    String kind = "business".equals(answers.getValue("customer_type")) ? "business" : "residential";
    String company = text(answers, "company");
    String name = company != null ? company : contactName != null ? contactName : text(answers, "name");
    JsonObject draft = new JsonObject().put("leadId", lead.getLong("id")).put("accountKind", kind)
        .put("accountName", name == null ? "" : name)
        .put("opportunityName", lead.getString("title") != null ? lead.getString("title") : "");
    String taxId = TaxIds.normalize(text(answers, "tax_id"));
    if (taxId != null) {
      draft.put("taxId", taxId);
    }
    Matcher m = AMOUNT.matcher(String.valueOf(answers.getValue("budget", "")));
    if (m.matches()) {
      draft.put("amount", m.group(1)).put("currency", m.group(2));
    }
    String interest = lead.getString("interestArea") != null ? lead.getString("interestArea")
        : text(answers, "interest_area");
    String division = interest == null ? null : divisionOf.apply(interest);
    draft.put("divisions", division == null ? new JsonArray() : new JsonArray().add(division));
    return draft;
  }

  private static String text(JsonObject answers, String key) {
    return answers.getValue(key) instanceof String s && !s.isBlank() && !"unknown".equals(s) ? s : null;
  }
}
