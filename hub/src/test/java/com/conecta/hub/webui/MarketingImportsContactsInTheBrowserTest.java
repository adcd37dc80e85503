package com.conecta.hub.webui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Api;
import com.conecta.hub.support.Browser;
import com.conecta.hub.support.BrowserTestBase;
import io.vertx.core.json.JsonObject;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

@DisplayName("Marketing imports an Excel contact list in the web inbox (real Chromium), in Spanish")
class MarketingImportsContactsInTheBrowserTest extends BrowserTestBase {
  private static final String MARKETING = "mkt.import.ui@demo.conecta.cl";
  private WebDriver driver;

  @Test
  @DisplayName("upload → detected dialect and guessed columns with a preview → live progress → summary, error rows to "
      + "download, the new contacts in the list")
  void importDialog() throws Exception {
    assertEquals(201, admin.post("/api/v1/users", new JsonObject().put("email", MARKETING).put("name", "Valentina")
        .put("role", "marketing").put("password", Api.AGENT_PASSWORD)).statusCode());
    Path file = Files.createTempFile("clientes-feria", ".csv");
    Files.write(file, ("Nombre;Teléfono;Correo;Etiquetas;Notas\r\n"
        + "José Núñez;9 8221 0001;jose@ejemplo.cl;feria 2026;llamar en la tarde\r\n"
        + "Ñandú Peña;+56 9 8221 0002;;feria 2026, VIP;\r\n"
        + "Fila Mala;12;malo@;feria 2026;\r\n").getBytes(Charset.forName("windows-1252")));

    driver = openBrowser();
    WebDriverWait wait = signInAt(driver, "/#contacts", Duration.ofSeconds(20), MARKETING, Api.AGENT_PASSWORD);
    wait.until(ExpectedConditions.elementToBeClickable(By.id("contacts-import"))).click();
    driver.findElement(By.id("import-file")).sendKeys(file.toString());
    driver.findElement(By.id("import-upload")).click();

    WebElement detected = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("import-detected")));
    assertTrue(detected.getText().contains("windows-1252") && detected.getText().contains("punto y coma"),
        detected.getText());
    List<WebElement> selects = driver.findElements(By.cssSelector("#import-preview select"));
    assertEquals(List.of("name", "phone", "email", "labels", "ignore"),
        selects.stream().map(s -> new Select(s).getFirstSelectedOption().getAttribute("value")).toList());
    assertTrue(driver.findElement(By.id("import-preview")).getText().contains("José Núñez"));
    Browser.screenshot(driver, "contact-import-mapping");

    driver.findElement(By.id("import-start")).click();
    WebElement summary = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("import-summary")));
    assertEquals("Importación terminada: 2 nuevos, 0 actualizados, filas con errores: 1", summary.getText());
    assertEquals("Descargar filas con errores (CSV)", driver.findElement(By.id("import-errors")).getText());
    Browser.screenshot(driver, "contact-import-done");
    driver.findElement(By.id("import-close")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("contacts-table"), "Ñandú Peña"));
    driver.findElement(By.id("contacts-export")).click();
    WebElement link = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("export-download")));
    assertTrue(link.getAttribute("href").contains("dialect=excel"), link.getAttribute("href"));
    Browser.screenshot(driver, "contact-export");
    assertEquals(2, count("select count(*) from contacts where 'feria 2026' = any(labels)"));
  }
}
