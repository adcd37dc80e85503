package com.conecta.hub.commerce.sales;

import com.conecta.hub.foundation.config.ConfigFiles;
import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneId;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * config/sales.yaml: the company name on quotes, their default validity, and the follow-up cadence
 * (the division a lead's interest proposes on conversion comes from the business-line catalogue).
 */
public record SalesSettings(String companyName, String companyTaxId, int quoteValidityDays, int followUpDays,
    String followUpTemplate, ZoneId zone) {

  public static SalesSettings load() {
    try (InputStream in = ConfigFiles.open("config/sales.yaml")) {
      Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      SalesSettings s = new SalesSettings(String.valueOf(root.getOrDefault("company-name", "Conecta")),
          root.get("company-tax-id") == null ? "" : String.valueOf(root.get("company-tax-id")),
          number(root, "quote-validity-days", 30), number(root, "quote-followup-days", 3),
          String.valueOf(root.getOrDefault("quote-followup-template", "quote_followup")),
          ZoneId.of(String.valueOf(root.getOrDefault("time-zone", "America/Santiago"))));
      if (s.quoteValidityDays() < 1 || s.quoteValidityDays() > 365) {
        throw new IllegalStateException("config/sales.yaml: quote-validity-days must be from 1 to 365");
      }
      if (s.followUpDays() < 1 || s.followUpDays() > 60) {
        throw new IllegalStateException("config/sales.yaml: quote-followup-days must be from 1 to 60");
      }
      return s;
    } catch (IOException e) {
      throw new IllegalStateException("config/sales.yaml cannot be read", e);
    }
  }

  private static int number(Map<String, Object> root, String key, int fallback) {
    Object v = root.get(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Number n)) {
      throw new IllegalStateException("config/sales.yaml: " + key + " must be a number");
    }
    return n.intValue();
  }
}
