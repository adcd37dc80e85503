package com.conecta.hub.commerce.sales;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.commerce.sales.quote.TaxRates;
import com.conecta.hub.support.HubTestBase;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("VAT by country: IVA 19 % Chile, 13 % Bolivia, 19 % Colombia, the company's country for new products")
class TaxRatesByCountryTest extends HubTestBase {

  @Test
  @DisplayName("GET /tax-rates answers config/sales.yaml's rates; a product given no rate gets the company country's")
  void ratesAndDefault() {
    JsonObject taxes = admin.get("/api/v1/tax-rates").bodyAsJsonObject();
    assertEquals("CL", taxes.getString("country"));
    assertEquals(new JsonObject().put("CL", "19").put("BO", "13").put("CO", "19"), taxes.getJsonObject("rates"));
    var product = admin.post("/api/v1/products", new JsonObject().put("code", "TAX-1").put("name", "Mantención anual")
        .put("unitPrice", 120000));
    assertEquals(201, product.statusCode(), product.bodyAsString());
    assertEquals("19", product.bodyAsJsonObject().getString("taxRate"));
  }

  @Test
  @DisplayName("a company in Bolivia defaults to 13 %; a country without a rate, or a rate over 100, stops the start with a clear message")
  void configuration() {
    TaxRates bolivia = TaxRates.parse(Map.of("country", "BO"));
    assertEquals("13", bolivia.defaultRate().toPlainString());
    var missing = assertThrows(IllegalStateException.class, () -> TaxRates.parse(Map.of("country", "PE")));
    assertTrue(missing.getMessage().contains("country PE has no entry in tax-rates"), missing.getMessage());
    var tooHigh = assertThrows(IllegalStateException.class,
        () -> TaxRates.parse(Map.of("tax-rates", Map.of("CL", 190))));
    assertTrue(tooHigh.getMessage().contains("tax-rates.CL"), tooHigh.getMessage());
  }
}
