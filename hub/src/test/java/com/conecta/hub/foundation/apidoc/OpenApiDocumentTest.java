package com.conecta.hub.foundation.apidoc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Api;
import com.conecta.hub.support.Browser;
import com.conecta.hub.support.HubTestBase;
import com.conecta.hub.foundation.auth.RouteTable;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.openapi.contract.OpenAPIVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

@DisplayName("The OpenAPI 3.1 document names every route with its access, parameters, schemas and error shape")
class OpenApiDocumentTest extends HubTestBase {

  private JsonObject document() {
    var res = new Api(vertx, hub.port()).get("/api/v1/openapi.json");
    assertEquals(200, res.statusCode(), "public, no sign-in: " + res.bodyAsString());
    return res.bodyAsJsonObject();
  }

  @Test
  @DisplayName("the document is valid OpenAPI 3.1: it passes the specification's own JSON Schema (bundled with Vert.x"
      + " OpenAPI), and operation ids are unique")
  void validates() {
    JsonObject doc = document();
    assertEquals("3.1.0", doc.getString("openapi"));
    OpenAPIVersion version = OpenAPIVersion.fromContract(doc);
    assertEquals(OpenAPIVersion.V3_1, version);
    SchemaRepository repository = version.getRepository(vertx, "https://vertx.io/openapi-conecta").await();
    OutputUnit result = version.validateContract(vertx, repository, doc).await();
    assertTrue(result.getValid(), () -> "invalid: " + result.getErrors());
    List<String> ids = new ArrayList<>();
    doc.getJsonObject("paths").forEach(path -> ((JsonObject) path.getValue()).forEach(op ->
        ids.add(((JsonObject) op.getValue()).getString("operationId"))));
    assertEquals(ids.size(), ids.stream().distinct().count(), "operation ids are unique");
    assertTrue(ids.contains("getContacts"), "GET /api/v1/contacts is getContacts");
  }

  @Test
  @DisplayName("every route of the table is in it with its method, path parameters, access and error answers; a route"
      + " left out fails here")
  void everyRoute() {
    JsonObject paths = document().getJsonObject("paths");
    List<RouteTable.Entry> entries = hub.routes().entries();
    assertTrue(entries.size() > 100, "the table holds the whole API: " + entries.size());
    List<String> missing = new ArrayList<>();
    Pattern param = Pattern.compile(":([A-Za-z0-9_]+)");
    for (RouteTable.Entry e : entries) {
      String path = OpenApiDocument.openApiPath(e.path());
      JsonObject op = paths.getJsonObject(path, new JsonObject()).getJsonObject(e.method().name().toLowerCase(Locale.ROOT));
      if (op == null) {
        missing.add(e.method() + " " + e.path());
        continue;
      }
      assertEquals(e.access().name(), op.getString("x-access"), path);
      assertTrue(op.getString("summary").length() > 5, path);
      Matcher m = param.matcher(e.path());
      while (m.find()) {
        String name = m.group(1);
        assertTrue(op.getJsonArray("parameters").stream().map(JsonObject.class::cast)
            .anyMatch(p -> name.equals(p.getString("name")) && "path".equals(p.getString("in"))), path + " declares " + name);
      }
      JsonObject responses = op.getJsonObject("responses");
      if (!e.access().anonymous()) {
        assertEquals("#/components/responses/Error401", responses.getJsonObject("401").getString("$ref"), path);
        assertEquals("#/components/responses/Error403", responses.getJsonObject("403").getString("$ref"), path);
      }
      if (op.containsKey("requestBody")) {
        assertEquals("#/components/responses/Error422", responses.getJsonObject("422").getString("$ref"), path);
      }
    }
    assertTrue(missing.isEmpty(), "routes missing from the document: " + missing);
    for (String outside : List.of("/webhooks/whatsapp", "/webhooks/twilio", "/health", "/ready", "/metrics")) {
      assertTrue(paths.containsKey(outside), outside);
    }
  }

  @Test
  @DisplayName("every operation the curated file describes is a route of the table (a renamed route shows here)")
  void curatedOperationsExist() {
    JsonObject paths = document().getJsonObject("paths");
    JsonObject curated = new JsonObject(vertx.fileSystem().readFileBlocking("openapi/operations.json"));
    for (String key : curated.getJsonObject("operations").fieldNames()) {
      String[] parts = key.split(" ", 2);
      assertNotNull(paths.getJsonObject(parts[1], new JsonObject()).getJsonObject(parts[0].toLowerCase(Locale.ROOT)),
          "the curated file describes " + key + ", which no route serves");
    }
  }

  @Test
  @DisplayName("CRM resources carry the schemas of their fields, with the error shape every failure answers")
  void schemas() {
    JsonObject doc = document();
    JsonObject schemas = doc.getJsonObject("components").getJsonObject("schemas");
    JsonObject contactInput = schemas.getJsonObject("ContactInput").getJsonObject("properties");
    assertEquals("email", contactInput.getJsonObject("email").getString("format"));
    assertEquals(new JsonArray().add("en").add("es"), contactInput.getJsonObject("locale").getJsonArray("enum"));
    assertTrue(schemas.getJsonObject("AccountInput").getJsonArray("required").contains("name"));
    JsonObject error = schemas.getJsonObject("Error").getJsonObject("properties").getJsonObject("error");
    assertEquals(new JsonArray().add("code").add("message"), error.getJsonArray("required"));
    JsonObject create = doc.getJsonObject("paths").getJsonObject("/api/v1/contacts").getJsonObject("post");
    assertEquals("#/components/schemas/ContactInput", create.getJsonObject("requestBody").getJsonObject("content")
        .getJsonObject("application/json").getJsonObject("schema").getString("$ref"));
    assertTrue(create.getJsonObject("responses").containsKey("201"));
  }

  @Test
  @DisplayName("the reference page at /api-docs/ draws the API with Swagger UI under the hub's CSP, from the hub alone")
  void referencePage() {
    var page = new Api(vertx, hub.port()).get("/api-docs/");
    assertEquals(200, page.statusCode());
    assertTrue(page.getHeader("Content-Security-Policy").contains("script-src 'self'"));
    assertEquals(200, new Api(vertx, hub.port()).get("/api-docs/ui/swagger-ui-bundle.js").statusCode());
    WebDriver driver = Browser.start();
    try {
      driver.get("http://127.0.0.1:" + hub.port() + "/api-docs/");
      new WebDriverWait(driver, Duration.ofSeconds(20)).until(
          ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector(".opblock-tag"), 10));
      assertTrue(driver.findElement(By.cssSelector(".info .title")).getText().contains("Conecta API"));
      Browser.screenshot(driver, "api-docs");
    } finally {
      driver.quit();
    }
  }
}
