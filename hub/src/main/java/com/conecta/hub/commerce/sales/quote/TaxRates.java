package com.conecta.hub.commerce.sales.quote;

import com.conecta.hub.foundation.config.ConfigFiles;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * VAT by country (config/sales.yaml {@code tax-rates}, IVA 19 % in Chile, 13 % in Bolivia, 19 % in Colombia) and the
 * company's {@code country}, whose rate a product gets when none is given.
 */
public record TaxRates(String country, Map<String, BigDecimal> rates) {
  private static final String FILE = "config/sales.yaml";
  private static final Map<String, BigDecimal> DEFAULTS = Map.of("CL", BigDecimal.valueOf(19), "BO",
      BigDecimal.valueOf(13), "CO", BigDecimal.valueOf(19));

  public BigDecimal defaultRate() {
    return rates.get(country);
  }

  public JsonObject toJson() {
    JsonObject r = new JsonObject();
    rates.forEach((k, v) -> r.put(k, v.stripTrailingZeros().toPlainString()));
    return new JsonObject().put("country", country).put("rates", r)
        .put("default", defaultRate().stripTrailingZeros().toPlainString());
  }

  public static TaxRates load() {
    try (InputStream in = ConfigFiles.open(FILE)) {
      Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      return parse(root == null ? Map.of() : root);
    } catch (IOException e) {
      throw new IllegalStateException(FILE + " cannot be read", e);
    }
  }

  /** Validates the keys of an already-read config/sales.yaml. */
  public static TaxRates parse(Map<String, Object> root) {
    Map<String, BigDecimal> rates = new LinkedHashMap<>();
    Object raw = root.get("tax-rates");
    if (raw == null) {
      rates.putAll(DEFAULTS);
    } else if (raw instanceof Map<?, ?> m) {
      m.forEach((k, v) -> {
        if (!(v instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() > 100 || !String.valueOf(k).matches("[A-Z]{2}")) {
          throw new IllegalStateException(FILE + ": tax-rates." + k + " must be a percentage from 0 to 100 under a "
              + "two-letter country code (CL, BO, CO)");
        }
        rates.put(String.valueOf(k), new BigDecimal(String.valueOf(n)));
      });
    } else {
      throw new IllegalStateException(FILE + ": tax-rates must map country codes to percentages, e.g. {CL: 19}");
    }
    String country = String.valueOf(root.getOrDefault("country", "CL"));
    if (!rates.containsKey(country)) {
      throw new IllegalStateException(FILE + ": country " + country + " has no entry in tax-rates " + rates.keySet());
    }
    return new TaxRates(country, Map.copyOf(rates));
  }
}
