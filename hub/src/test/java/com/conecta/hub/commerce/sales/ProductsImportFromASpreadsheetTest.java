package com.conecta.hub.commerce.sales;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Api;
import com.conecta.hub.support.Browser;
import com.conecta.hub.support.HubTestBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

@DisplayName("Admins import the product list from a spreadsheet (CSV), all rows or none")
class ProductsImportFromASpreadsheetTest extends HubTestBase {

  private JsonObject product(String code) {
    return admin.get("/api/v1/products?q=" + code + "&includeInactive=true").bodyAsJsonObject().getJsonArray("items")
        .stream().map(JsonObject.class::cast).filter(p -> p.getString("code").equals(code)).findFirst().orElse(null);
  }

  @Test
  @DisplayName("Spanish headers, semicolons and Chilean prices are read; a known code is updated; each bad line is named and nothing is stored")
  void importCsv() {
    String bad = "codigo;nombre;precio;iva\nIMP-1;Kit alarma;89.990;19\nIMP-2;;12000;19\nIMP-3;Sensor;doce mil;19\nIMP-1;Otra;1;19\n";
    var refused = admin.post("/api/v1/products/import", new JsonObject().put("csv", bad));
    assertEquals(422, refused.statusCode(), refused.bodyAsString());
    JsonObject error = refused.bodyAsJsonObject().getJsonObject("error");
    assertEquals("csv_invalid_rows", error.getString("code"));
    assertEquals("csv", error.getString("field"));
    JsonArray lines = refused.bodyAsJsonObject().getJsonArray("fields");
    assertEquals(3, lines.size(), lines.encode());
    assertEquals(3L, lines.getJsonObject(0).getLong("line"));
    assertEquals("name", lines.getJsonObject(0).getString("field"));
    assertEquals("unitPrice", lines.getJsonObject(1).getString("field"));
    assertEquals("code", lines.getJsonObject(2).getString("field"), "a code twice in one file");
    assertEquals(0, count("select count(*) from products where code like 'IMP-%'"), "a refused file stores nothing");

    String good = "codigo;nombre;precio;iva;moneda\nIMP-1;Kit alarma;89.990;19;CLP\nIMP-2;Sirena exterior;$ 24.990;;clp\n"
        + "IMP-3;Soporte técnico (hora);1.500,50;13;BOB\nCAM-IP4;Cámara IP 4 MP exterior;84.990;19;CLP\n";
    var ok = admin.post("/api/v1/products/import", new JsonObject().put("csv", good));
    assertEquals(200, ok.statusCode(), ok.bodyAsString());
    assertEquals(3, ok.bodyAsJsonObject().getInteger("created"));
    assertEquals(1, ok.bodyAsJsonObject().getInteger("updated"), "the sandbox's CAM-IP4 took the file's price");
    assertEquals("89990.00", product("IMP-1").getString("unitPrice"), "89.990 is eighty-nine thousand in Chile");
    assertEquals("24990.00", product("IMP-2").getString("unitPrice"));
    assertEquals("19", product("IMP-2").getString("taxRate"), "IVA 19 % when the column is empty");
    assertEquals("1500.50", product("IMP-3").getString("unitPrice"));
    assertEquals("BOB", product("IMP-3").getString("currency"));
    assertEquals("84990.00", product("CAM-IP4").getString("unitPrice"));

    assertEquals(403, signIn("ana@demo.conecta.cl").post("/api/v1/products/import", new JsonObject().put("csv", good))
        .statusCode(), "admins keep the product list");
    var noHeader = admin.post("/api/v1/products/import", new JsonObject().put("csv", "a,b\n1,2\n"));
    assertEquals(422, noHeader.statusCode());
    assertEquals("csv_missing_column", noHeader.bodyAsJsonObject().getJsonObject("error").getString("code"));
    assertEquals(422, admin.post("/api/v1/products/import", new JsonObject()).statusCode());
  }

  @Test
  @DisplayName("on the Products page an admin picks a file: its products appear with CLP prices; a bad file lists its lines in Spanish")
  void importInTheBrowser() throws Exception {
    Path dir = Files.createTempDirectory("products");
    Path badFile = Files.writeString(dir.resolve("malo.csv"), "codigo,nombre,precio\nWEB-1,Panel,abc\n",
        StandardCharsets.UTF_8);
    Path goodFile = Files.writeString(dir.resolve("lista.csv"), "codigo,nombre,precio\nWEB-1,Panel solar 450 W,129.990\n",
        StandardCharsets.UTF_8);
    WebDriver driver = Browser.start();
    try {
      WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
      driver.get("http://127.0.0.1:" + hub.port() + "/#products");
      Browser.signIn(driver, wait, Api.ADMIN, Api.ADMIN_PASSWORD);
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("products-file"))).sendKeys(badFile.toString());
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("products-report"), "Línea 2: precio"));
      assertEquals(0, count("select count(*) from products where code = 'WEB-1'"));
      Browser.screenshot(driver, "80-products-bad-file");
      driver.findElement(By.id("products-file")).sendKeys(goodFile.toString());
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#products-table tr[data-code='WEB-1']")));
      String row = driver.findElement(By.cssSelector("#products-table tr[data-code='WEB-1']")).getText();
      assertTrue(row.contains("$129.990"), row);
      Browser.screenshot(driver, "81-products-imported");
    } finally {
      driver.quit();
    }
  }
}
