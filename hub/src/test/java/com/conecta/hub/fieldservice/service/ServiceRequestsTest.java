package com.conecta.hub.fieldservice.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Api;
import com.conecta.hub.support.HubTestBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.multipart.MultipartForm;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Service requests: scheduling, state machine, visit reports, photos and at-risk work orders")
class ServiceRequestsTest extends HubTestBase {
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
  private Api ana;
  private Api bruno;
  private Api carla;
  private WebClient http;
  private long contactId;

  @Override
  protected JsonObject extraConfig() {
    return new JsonObject().put("service-work.photo-max-bytes", 200 * 1024);
  }

  @BeforeAll
  void people() {
    ana = signIn("ana@demo.conecta.cl");
    bruno = signIn("bruno@demo.conecta.cl");
    carla = signIn("carla@demo.conecta.cl");
    http = WebClient.create(vertx);
    assertEquals(200, admin.send(io.vertx.core.http.HttpMethod.PUT, "/api/v1/technicians/4",
        new JsonObject().put("level", "specialist")).statusCode());
    var c = admin.post("/api/v1/contacts", new JsonObject().put("name", "Hotel Los Andes").put("phone", "+56911112222"));
    assertEquals(201, c.statusCode(), c.bodyAsString());
    contactId = c.bodyAsJsonObject().getLong("id");
  }

  private JsonObject create(String kind) {
    var res = admin.post("/api/v1/service-requests", new JsonObject().put("kind", kind).put("contactId", contactId)
        .put("scheduledFor", Instant.now().plus(1, ChronoUnit.DAYS).toString()).put("technicianId", 4)
        .put("sellerId", 3).put("address", "Av. Providencia 1234, Santiago"));
    assertEquals(201, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject();
  }

  private HttpResponse<Buffer> status(Api who, long id, JsonObject body) {
    return who.post("/api/v1/service-requests/" + id + "/status", body);
  }

  private static JsonObject to(String status) {
    return new JsonObject().put("status", status);
  }

  @Test
  @DisplayName("scheduled → in progress → not done (reason, back to the coordinator) → rescheduled → done → invoiced, "
      + "other moves refused with 422 and every move kept in history")
  void stateMachine() {
    JsonObject r = create("technical_visit");
    long id = r.getLong("id");
    assertEquals("scheduled", r.getString("status"));
    assertEquals(3, r.getJsonArray("checklist").size(), "the kind's default checklist");
    assertEquals(422, status(carla, id, to("done")).statusCode(), "scheduled cannot jump to done");
    assertEquals(404, ana.get("/api/v1/service-requests/" + id).statusCode(), "not ana's request");
    assertEquals(404, status(ana, id, to("in_progress")).statusCode(), "nor move it");
    assertEquals(200, status(carla, id, to("in_progress")).statusCode());
    var noReason = status(carla, id, to("not_done"));
    assertEquals(422, noReason.statusCode());
    assertEquals("reason", noReason.bodyAsJsonObject().getJsonObject("error").getString("field"));
    var notDone = status(carla, id, to("not_done").put("reason", "El cliente no estaba en el domicilio"));
    assertEquals(200, notDone.statusCode(), notDone.bodyAsString());
    assertTrue(notDone.bodyAsJsonObject().getBoolean("needsScheduling"));
    assertEquals(1, count("select count(*) from notifications where user_id = 1 and kind = 'service_not_done' "
        + "and payload ->> 'serviceRequestId' = '" + id + "'"), "the coordinator (admin, supervisor) is told");
    assertEquals(403, status(carla, id, to("scheduled").put("scheduledFor", Instant.now().toString())).statusCode(),
        "only a coordinator reschedules");
    assertEquals(422, status(admin, id, to("scheduled")).statusCode(), "a new date is required");
    String newDate = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
    var again = status(admin, id, to("scheduled").put("scheduledFor", newDate));
    assertEquals(200, again.statusCode(), again.bodyAsString());
    assertEquals(newDate, again.bodyAsJsonObject().getString("scheduledFor"));
    assertEquals(false, again.bodyAsJsonObject().getBoolean("needsScheduling"));
    assertEquals(200, status(carla, id, to("in_progress")).statusCode());
    var checked = carla.send(io.vertx.core.http.HttpMethod.PUT, "/api/v1/service-requests/" + id + "/checklist/2",
        new JsonObject().put("done", true));
    assertEquals(200, checked.statusCode(), checked.bodyAsString());
    assertTrue(checked.bodyAsJsonObject().getJsonArray("checklist").getJsonObject(1).getBoolean("done"));
    assertEquals(200, status(carla, id, to("done")).statusCode());
    assertEquals(403, status(carla, id, to("invoiced")).statusCode(), "technicians do not invoice");
    assertEquals(200, status(admin, id, to("invoiced")).statusCode());
    assertEquals(422, status(admin, id, to("in_progress")).statusCode(), "invoiced is final");
    JsonArray history = admin.get("/api/v1/service-requests/" + id).bodyAsJsonObject().getJsonArray("history");
    assertArrayEquals(new String[] {"scheduled", "in_progress", "not_done", "scheduled", "in_progress", "done", "invoiced"},
        history.stream().map(h -> ((JsonObject) h).getString("to")).toArray(String[]::new));
    assertEquals("El cliente no estaba en el domicilio", history.getJsonObject(2).getString("reason"));
  }

  @Test
  @DisplayName("the inbox schedules a visit with kind, contact, date, address and notes; it starts only once it has a "
      + "technician")
  void scheduleFromInbox() {
    var res = bruno.post("/api/v1/service-requests", new JsonObject().put("kind", "potential_client_visit")
        .put("contactId", contactId).put("scheduledFor", "2026-12-01T14:00:00Z").put("address", "Los Leones 55")
        .put("notes", "Quiere cotizar 3 equipos"));
    assertEquals(201, res.statusCode(), res.bodyAsString());
    JsonObject r = res.bodyAsJsonObject();
    assertEquals("2026-12-01T14:00:00Z", r.getString("scheduledFor"));
    assertNull(r.getLong("technicianId"));
    assertEquals(3L, r.getLong("createdBy"));
    assertEquals(200, bruno.get("/api/v1/service-requests/" + r.getLong("id")).statusCode(), "the creator sees it");
    assertEquals(422, status(admin, r.getLong("id"), to("in_progress")).statusCode());
    var bad = admin.post("/api/v1/service-requests", new JsonObject().put("kind", "repair").put("contactId", contactId)
        .put("scheduledFor", "2026-12-01T14:00:00Z"));
    assertEquals(422, bad.statusCode());
    var notTech = admin.post("/api/v1/service-requests", new JsonObject().put("kind", "maintenance")
        .put("contactId", contactId).put("scheduledFor", "2026-12-01T14:00:00Z").put("technicianId", 2));
    assertEquals("technicianId", notTech.bodyAsJsonObject().getJsonObject("error").getString("field"));
  }

  private HttpResponse<Buffer> upload(Api who, long id, String query, MultipartForm form) {
    return http.post(hub.port(), "127.0.0.1", "/api/v1/service-requests/" + id + "/photos" + query)
        .putHeader("cookie", who.cookie()).putHeader("X-CSRF-Token", who.csrf()).sendMultipartForm(form).await();
  }

  @Test
  @DisplayName("the technician uploads photos from the phone (type and size checked, seen only by those who may see "
      + "the request) and a maintenance report that finds a fault creates one service_work request")
  void reportPhotosAndFollowUp() {
    long id = create("maintenance").getLong("id");
    var early = carla.post("/api/v1/service-requests/" + id + "/report", new JsonObject()
        .put("startedAt", "2026-11-20T10:00:00Z").put("endedAt", "2026-11-20T11:00:00Z"));
    assertEquals(409, early.statusCode(), "no report before the visit starts");
    assertEquals(200, status(carla, id, to("in_progress")).statusCode());

    var before = upload(carla, id, "?phase=before", MultipartForm.create()
        .binaryFileUpload("photo", "IMG_0001.png", Buffer.buffer(PNG), "image/png"));
    assertEquals(201, before.statusCode(), before.bodyAsString());
    var after = upload(carla, id, "", MultipartForm.create().attribute("phase", "after")
        .binaryFileUpload("photo", "IMG_0002.png", Buffer.buffer(PNG), "image/png"));
    assertEquals(201, after.statusCode(), after.bodyAsString());
    assertEquals("after", after.bodyAsJsonObject().getString("phase"));
    assertEquals(415, upload(carla, id, "?phase=before", MultipartForm.create()
        .binaryFileUpload("photo", "notes.txt", Buffer.buffer("hello there, world"), "text/plain")).statusCode());
    assertEquals(415, upload(carla, id, "?phase=before", MultipartForm.create()
        .binaryFileUpload("photo", "fake.png", Buffer.buffer("not really a png image"), "image/png")).statusCode(),
        "the bytes must be the declared image type");
    assertEquals(413, upload(carla, id, "?phase=before", MultipartForm.create()
        .binaryFileUpload("photo", "big.png", Buffer.buffer(new byte[300 * 1024]), "image/png")).statusCode(),
        "larger than service-work.photo-max-bytes");
    assertEquals(400, upload(carla, id, "?phase=during", MultipartForm.create()
        .binaryFileUpload("photo", "IMG.png", Buffer.buffer(PNG), "image/png")).statusCode());
    assertEquals(2, count("select count(*) from service_photos where request_id = " + id), "refused photos stored nothing");

    long photoId = before.bodyAsJsonObject().getLong("id");
    var got = carla.get("/api/v1/service-requests/" + id + "/photos/" + photoId);
    assertEquals(200, got.statusCode());
    assertEquals("image/png", got.getHeader("content-type"));
    assertArrayEquals(PNG, got.body().getBytes());
    assertEquals(404, ana.get("/api/v1/service-requests/" + id + "/photos/" + photoId).statusCode());

    assertEquals(422, carla.post("/api/v1/service-requests/" + id + "/report", new JsonObject()
        .put("startedAt", "2026-11-20T11:00:00Z").put("endedAt", "2026-11-20T10:00:00Z")).statusCode());
    JsonObject report = new JsonObject().put("startedAt", "2026-11-20T10:00:00Z").put("endedAt", "2026-11-20T11:15:00Z")
        .put("findings", "Compresor con ruido y fuga de gas en la unión")
        .put("materials", new JsonArray().add(new JsonObject().put("name", "Gas R410A").put("quantity", 1.5)
            .put("unit", "kg")))
        .put("risks", "Trabajo en altura").put("faultFound", true);
    var rep = carla.post("/api/v1/service-requests/" + id + "/report", report);
    assertEquals(200, rep.statusCode(), rep.bodyAsString());
    long child = rep.bodyAsJsonObject().getLong("followUpRequestId");
    var again = carla.post("/api/v1/service-requests/" + id + "/report", report.put("risks", "Altura y electricidad"));
    assertEquals(child, again.bodyAsJsonObject().getLong("followUpRequestId"), "one follow-up, not two");
    assertEquals(1, count("select count(*) from service_requests where parent_id = " + id));

    JsonObject work = admin.get("/api/v1/service-requests/" + child).bodyAsJsonObject();
    assertEquals("service_work", work.getString("kind"));
    assertEquals(id, work.getLong("parentId"));
    assertTrue(work.getBoolean("needsScheduling"));
    assertNull(work.getString("scheduledFor"));
    assertEquals("Av. Providencia 1234, Santiago", work.getString("address"));
    assertEquals(1, count("select count(*) from notifications where kind = 'service_work_to_schedule' and user_id = 1"));
    var dated = admin.patch("/api/v1/service-requests/" + child, new JsonObject()
        .put("scheduledFor", "2026-12-02T13:00:00Z").put("technicianId", 4));
    assertEquals(200, dated.statusCode(), dated.bodyAsString());
    assertEquals(false, dated.bodyAsJsonObject().getBoolean("needsScheduling"));

    JsonObject full = carla.get("/api/v1/service-requests/" + id).bodyAsJsonObject();
    assertEquals("Altura y electricidad", full.getJsonObject("report").getString("risks"));
    assertEquals(List.of("before", "after"), full.getJsonArray("photos").stream()
        .map(p -> ((JsonObject) p).getString("phase")).toList());
    assertEquals(false, full.getJsonArray("photos").getJsonObject(0).containsKey("storageKey"));
  }

  @Test
  @DisplayName("an at-risk order warns its seller and shows the time left; a coordinator cancels only after the deadline "
      + "(409 before); the summary gives the share saved")
  void atRiskOrders() {
    long lost = create("service_work").getLong("id");
    long saved = create("service_work").getLong("id");
    var raised = carla.post("/api/v1/service-requests/" + lost + "/observations", new JsonObject()
        .put("kind", "address").put("description", "La dirección no existe: falta el número de departamento"));
    assertEquals(201, raised.statusCode(), raised.bodyAsString());
    JsonObject risk = raised.bodyAsJsonObject().getJsonObject("atRisk");
    assertNotNull(risk);
    long left = risk.getLong("secondsLeft");
    assertTrue(left > 7000 && left <= 7200, "about 2 hours left: " + left);
    assertEquals(3L, risk.getLong("sellerId"));
    assertEquals(1, count("select count(*) from notifications where user_id = 3 and kind = 'service_observation'"),
        "the responsible seller is told");
    assertEquals(409, carla.post("/api/v1/service-requests/" + lost + "/observations", new JsonObject()
        .put("kind", "technical").put("description", "otra")).statusCode(), "one open observation at a time");

    var early = status(admin, lost, to("cancelled"));
    assertEquals(409, early.statusCode(), early.bodyAsString());
    assertEquals("deadline_not_reached", early.bodyAsJsonObject().getJsonObject("error").getString("code"));
    assertEquals(403, status(bruno, lost, to("cancelled")).statusCode(), "sellers do not cancel");
    sql.query("update service_observations set deadline_at = now() - interval '1 minute' where request_id = " + lost)
        .execute().await();
    var cancelled = status(admin, lost, to("cancelled").put("reason", "El vendedor no corrigió la dirección"));
    assertEquals(200, cancelled.statusCode(), cancelled.bodyAsString());
    assertEquals("cancelled", cancelled.bodyAsJsonObject().getString("status"));
    assertNull(cancelled.bodyAsJsonObject().getValue("atRisk"));

    long obs = carla.post("/api/v1/service-requests/" + saved + "/observations", new JsonObject()
        .put("kind", "technical").put("description", "El equipo indicado no corresponde al modelo instalado"))
        .bodyAsJsonObject().getJsonObject("atRisk").getLong("observationId");
    assertEquals(403, carla.post("/api/v1/service-requests/" + saved + "/observations/" + obs + "/resolve",
        new JsonObject().put("resolution", "yo no")).statusCode(), "the technician is not the seller");
    var resolved = bruno.post("/api/v1/service-requests/" + saved + "/observations/" + obs + "/resolve",
        new JsonObject().put("resolution", "Modelo corregido: split 18000 BTU").put("address", "Av. Providencia 1234, depto 501"));
    assertEquals(200, resolved.statusCode(), resolved.bodyAsString());
    assertNull(resolved.bodyAsJsonObject().getValue("atRisk"));
    assertEquals("Av. Providencia 1234, depto 501", resolved.bodyAsJsonObject().getString("address"));
    assertEquals("scheduled", resolved.bodyAsJsonObject().getString("status"));

    JsonObject summary = admin.get("/api/v1/service-requests/at-risk/summary").bodyAsJsonObject();
    assertEquals(2L, summary.getLong("raised"));
    assertEquals(1L, summary.getLong("saved"));
    assertEquals(1L, summary.getLong("cancelled"));
    assertEquals(0.5, summary.getDouble("savedShare"));
  }
}
