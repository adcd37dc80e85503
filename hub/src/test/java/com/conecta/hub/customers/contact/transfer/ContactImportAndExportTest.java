package com.conecta.hub.customers.contact.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Api;
import com.conecta.hub.support.HubTestBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Contact import and export over real HTTP, with files as people have them. */
class ContactImportAndExportTest extends HubTestBase {
  private static final Charset CP1252 = Charset.forName("windows-1252");
  private ContactImportClient client;
  private Api marketing;

  @BeforeAll
  void setUp() {
    client = new ContactImportClient(vertx, hub.port());
    admin.post("/api/v1/users", new JsonObject().put("email", "mkt-import@demo.conecta.cl").put("name", "Marketing")
        .put("role", "marketing").put("password", Api.AGENT_PASSWORD));
    marketing = Api.signedIn(vertx, hub.port(), "mkt-import@demo.conecta.cl", Api.AGENT_PASSWORD);
    admin.post("/api/v1/custom-fields", new JsonObject().put("entity", "contact").put("key", "rubro")
        .put("type", "text").put("label", new JsonObject().put("es", "Rubro").put("en", "Industry")));
    admin.post("/api/v1/custom-fields", new JsonObject().put("entity", "contact").put("key", "presupuesto")
        .put("type", "money").put("label", new JsonObject().put("es", "Presupuesto").put("en", "Budget")));
  }

  private Row contactByPhone(String e164) {
    var rows = sql.preparedQuery("select * from contacts where phone = $1").execute(Tuple.of(e164)).await();
    assertEquals(1, rows.size(), "contacts with phone " + e164);
    return rows.iterator().next();
  }

  @Test
  @DisplayName("a file Excel saved on an es-CL machine (windows-1252, ';') is detected, its columns guessed, 'Núñez' kept")
  void excelSpanish() throws Exception {
    String csv = "Nombre;Teléfono;Correo;Etiquetas;Rubro;Presupuesto\r\n"
        + "José Núñez;9 8111 0001;jose.nunez@ejemplo.cl;feria 2026, VIP;Construcción;$1.234.567\r\n"
        + "María Peña;+56 9 8111 0002;;feria 2026;Minería;\r\n";
    var up = client.upload(admin, "clientes.csv", csv.getBytes(CP1252));
    assertEquals(201, up.statusCode(), up.bodyAsString());
    JsonObject job = up.bodyAsJsonObject();
    assertEquals("windows-1252", job.getString("encoding"));
    assertEquals("semicolon", job.getString("delimiter"));
    assertEquals("José Núñez", job.getJsonArray("preview").getJsonArray(0).getString(0));
    List<String> targets = job.getJsonArray("guess").stream().map(o -> ((JsonObject) o).getString("target")).toList();
    assertEquals(List.of("name", "phone", "email", "labels", "custom", "custom"), targets);

    var started = admin.post("/api/v1/contact-imports/" + job.getLong("id") + "/start",
        new JsonObject().put("mapping", job.getJsonArray("guess")));
    assertEquals(200, started.statusCode(), started.bodyAsString());
    JsonObject done = client.waitDone(admin, job.getLong("id"));
    assertEquals(2, done.getInteger("created"));
    assertEquals(0, done.getInteger("errors"));

    Row jose = contactByPhone("+56981110001");
    assertEquals("José Núñez", jose.getString("name"));
    assertEquals(List.of("feria 2026", "VIP"), List.of(jose.getArrayOfStrings("labels")));
    assertEquals("Construcción", jose.getJsonObject("custom_attributes").getString("rubro"));
    assertEquals(1234567, jose.getJsonObject("custom_attributes").getNumber("presupuesto").intValue());
    assertEquals(1, count("select count(*) from contact_identities where kind = 'whatsapp' and value = '56981110001'"));
    // the contacts list filters by the imported label
    var tagged = admin.get("/api/v1/contacts?label=VIP");
    assertEquals(200, tagged.statusCode(), tagged.bodyAsString());
    assertEquals(1, tagged.bodyAsJsonObject().getJsonArray("items").size());
  }

  @Test
  @DisplayName("a UTF-8 file with a byte-order mark, commas and quoted fields holding commas and newlines imports whole")
  void utf8BomQuoted() throws Exception {
    String csv = "\uFEFFName,Phone,Email,Tags\n"
        + "\"Pérez, Ana\",+56981110101,ana.perez@ejemplo.cl,\"norte\"\n"
        + "\"Luis \"\"Lucho\"\" Soto\nSegunda línea\",56981110102,luis@ejemplo.cl,\"sur, norte\"\n";
    var up = client.upload(admin, "export.csv", csv.getBytes(StandardCharsets.UTF_8));
    assertEquals(201, up.statusCode(), up.bodyAsString());
    assertEquals("UTF-8", up.bodyAsJsonObject().getString("encoding"));
    assertTrue(up.bodyAsJsonObject().getBoolean("bom"));
    assertEquals("comma", up.bodyAsJsonObject().getString("delimiter"));
    assertEquals("Name", up.bodyAsJsonObject().getJsonArray("header").getString(0), "the mark is not part of the header");
    var started = admin.post("/api/v1/contact-imports/" + up.bodyAsJsonObject().getLong("id") + "/start",
        new JsonObject().put("mapping", up.bodyAsJsonObject().getJsonArray("guess")));
    assertEquals(200, started.statusCode(), started.bodyAsString());
    JsonObject done = client.waitDone(admin, up.bodyAsJsonObject().getLong("id"));
    assertEquals(2, done.getInteger("created"), done.encode());
    assertEquals("Pérez, Ana", contactByPhone("+56981110101").getString("name"));
    assertEquals("Luis \"Lucho\" Soto\nSegunda línea", contactByPhone("+56981110102").getString("name"));
    assertEquals(List.of("sur", "norte"), List.of(contactByPhone("+56981110102").getArrayOfStrings("labels")),
        "a new contact keeps the file's order");
  }

  @Test
  @DisplayName("importing again updates the same contacts (matched by phone, email or identifier): no duplicates")
  void secondImportUpdates() throws Exception {
    String first = "Nombre,Teléfono,Correo,RUT,Ciudad\n"
        + "Pedro Uno,981110201,,11.111.111-1,Temuco\n"
        + "Paula Dos,,paula.dos@ejemplo.cl,,Arica\n";
    JsonObject a = client.importWithGuess(admin, "a.csv", first.getBytes(StandardCharsets.UTF_8));
    assertEquals(2, a.getInteger("created"), a.encode());
    long before = count("select count(*) from contacts");
    String second = "Nombre,Teléfono,Correo,RUT,Ciudad\n"
        + "Pedro Uno Actualizado,+56 9 8111 0201,pedro@ejemplo.cl,,\n"
        + "Paula Dos,981110202,PAULA.DOS@ejemplo.cl,,Iquique\n"
        + "Otro Nombre,,,11.111.111-1,Valdivia\n";
    JsonObject b = client.importWithGuess(admin, "b.csv", second.getBytes(StandardCharsets.UTF_8));
    assertEquals(0, b.getInteger("created"), b.encode());
    assertEquals(3, b.getInteger("updated"));
    assertEquals(before, count("select count(*) from contacts"), "no contact added");
    Row pedro = contactByPhone("+56981110201");
    assertEquals("Otro Nombre", pedro.getString("name"), "the identifier row came last and names the same person");
    assertEquals("pedro@ejemplo.cl", pedro.getString("email"));
    assertEquals("Valdivia", pedro.getString("city"));
    Row paula = contactByPhone("+56981110202");
    assertEquals("Iquique", paula.getString("city"));
  }

  @Test
  @DisplayName("bad phones and emails are reported with their row and column, in Spanish, and those rows change nothing")
  void rowErrors() throws Exception {
    String csv = "Nombre,Teléfono,Correo\n"
        + "Buena Fila,981110301,buena@ejemplo.cl\n"
        + "Fono Malo,12-ab,fono.malo@ejemplo.cl\n"
        + "Correo Malo,981110303,no-es-correo\n"
        + "Sin Nada,,\n";
    JsonObject job = client.importWithGuess(admin, "errores.csv", csv.getBytes(StandardCharsets.UTF_8));
    assertEquals(1, job.getInteger("created"));
    assertEquals(3, job.getInteger("errors"));
    assertEquals(0, count("select count(*) from contacts where name in ('Fono Malo', 'Correo Malo', 'Sin Nada')"));
    var res = admin.get("/api/v1/contact-imports/" + job.getLong("id") + "/errors?lang=es");
    assertEquals(200, res.statusCode());
    String body = res.bodyAsString(StandardCharsets.UTF_8.name());
    String[] lines = body.split("\r\n");
    assertEquals("Fila,Columna,Valor,Código,Mensaje", lines[0]);
    assertTrue(lines[1].startsWith("3,Teléfono,12-ab,bad_phone,Teléfono no válido"), lines[1]);
    assertTrue(lines[2].startsWith("4,Correo,no-es-correo,bad_email,Correo no válido"), lines[2]);
    assertTrue(lines[3].startsWith("5,,,no_key,\"La fila no tiene teléfono"), lines[3]);
    String english = admin.get("/api/v1/contact-imports/" + job.getLong("id") + "/errors?lang=en").bodyAsString();
    assertTrue(english.contains("Invalid email address."), english);
  }

  @Test
  @DisplayName("a contact exported as Excel es-CL and imported again comes back the same, and nothing is duplicated")
  void exportRoundTrip() throws Exception {
    String csv = "Nombre;Teléfono;Correo;Etiquetas;Suscripción;Rubro\r\n"
        + "Ñandú Ñuñoa;981110401;nandu@ejemplo.cl;ronda;baja;Agro\r\n"
        + "=Fórmula;981110402;;ronda;suscrito;\r\n";
    client.importWithGuess(admin, "ronda.csv", csv.getBytes(CP1252));
    var res = admin.get("/api/v1/contact-export?dialect=excel&label=ronda&lang=es");
    assertEquals(200, res.statusCode(), res.bodyAsString());
    assertEquals("text/csv; charset=windows-1252", res.getHeader("content-type"));
    String text = new String(res.body().getBytes(), CP1252);
    assertTrue(text.startsWith("Nombre;Teléfono;Correo;Identificador;Etiquetas;Ciudad;Suscripción;Rubro;Presupuesto;Creado\r\n"),
        text);
    assertTrue(text.contains("Ñandú Ñuñoa;+56981110401;nandu@ejemplo.cl;;ronda;;baja;Agro;;"), text);
    assertTrue(text.contains("'=Fórmula;+56981110402"), "a formula is not run by the spreadsheet: " + text);
    assertEquals(3, text.split("\r\n").length, "the header and the two contacts with that label");

    JsonObject snapshot = contactsJson("ronda");
    long before = count("select count(*) from contacts");
    JsonObject again = client.importWithGuess(admin, "contactos.csv", res.body().getBytes());
    assertEquals(0, again.getInteger("created"), again.encode());
    assertEquals(2, again.getInteger("updated"));
    assertEquals(0, again.getInteger("errors"));
    assertEquals(before, count("select count(*) from contacts"));
    JsonObject after = contactsJson("ronda");
    assertEquals(strip(snapshot), strip(after));
    assertTrue(contactByPhone("+56981110401").getBoolean("do_not_contact"));
  }

  private JsonObject contactsJson(String label) {
    return admin.get("/api/v1/contacts?label=" + label).bodyAsJsonObject();
  }

  private static JsonArray strip(JsonObject page) {
    JsonArray out = new JsonArray();
    page.getJsonArray("items").forEach(o -> {
      JsonObject c = ((JsonObject) o).copy();
      c.remove("updatedAt");
      out.add(c);
    });
    return out;
  }

  @Test
  @DisplayName("admins and marketing import and export; agents may do neither")
  void access() throws Exception {
    Api ana = signIn("ana@demo.conecta.cl");
    byte[] csv = "Nombre,Teléfono\nAcceso,981110501\n".getBytes(StandardCharsets.UTF_8);
    assertEquals(403, client.upload(ana, "a.csv", csv).statusCode());
    assertEquals(403, ana.get("/api/v1/contact-export?dialect=utf8").statusCode());
    assertEquals(403, ana.get("/api/v1/contact-imports").statusCode());
    JsonObject job = client.importWithGuess(marketing, "m.csv", csv);
    assertEquals(1, job.getInteger("created"));
    var export = marketing.get("/api/v1/contact-export?dialect=utf8&q=Acceso&lang=en");
    assertEquals(200, export.statusCode());
    String[] lines = export.bodyAsString().split("\r\n");
    assertEquals("Name,Phone,Email,Identifier,Labels,City,Subscription,Industry,Budget,Created", lines[0]);
    assertEquals(2, lines.length);
    assertTrue(lines[1].startsWith("Acceso,+56981110501,"), lines[1]);
    assertTrue(count("select count(*) from audit_log where action = 'contact.export'") >= 1, "exports are audited");
  }

  @Test
  @DisplayName("a mapping without phone, email or identifier, or a start twice, is refused with a clear error")
  void badMapping() {
    var up = client.upload(admin, "x.csv", "Nombre,Teléfono\nX,981110601\n".getBytes(StandardCharsets.UTF_8));
    long id = up.bodyAsJsonObject().getLong("id");
    var res = admin.post("/api/v1/contact-imports/" + id + "/start", new JsonObject().put("mapping",
        new JsonArray().add(new JsonObject().put("column", 0).put("target", "name"))));
    assertEquals(422, res.statusCode(), res.bodyAsString());
    assertEquals("mapping", res.bodyAsJsonObject().getJsonObject("error").getString("field"));
    assertFalse(res.bodyAsJsonObject().getJsonObject("error").getString("message").isBlank());
    var ok = admin.post("/api/v1/contact-imports/" + id + "/start",
        new JsonObject().put("mapping", up.bodyAsJsonObject().getJsonArray("guess")));
    assertEquals(200, ok.statusCode());
    var twice = admin.post("/api/v1/contact-imports/" + id + "/start",
        new JsonObject().put("mapping", up.bodyAsJsonObject().getJsonArray("guess")));
    assertEquals(409, twice.statusCode());
  }
}
