package com.conecta.hub.customers.contact.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.support.Api;
import com.conecta.hub.support.WhatsAppCustomer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.multipart.MultipartForm;

/** What a person does in the import dialog, over real HTTP: upload, start with a mapping, wait for the end. */
final class ContactImportClient {
  private final WebClient http;
  private final int port;

  ContactImportClient(Vertx vertx, int port) {
    this.http = WebClient.create(vertx);
    this.port = port;
  }

  HttpResponse<Buffer> upload(Api who, String fileName, byte[] bytes) {
    MultipartForm form = MultipartForm.create().binaryFileUpload("file", fileName, Buffer.buffer(bytes), "text/csv");
    return http.post(port, "127.0.0.1", "/api/v1/contact-imports").putHeader("cookie", who.cookie())
        .putHeader("X-CSRF-Token", who.csrf()).putHeader("accept-language", "es").sendMultipartForm(form).await();
  }

  /** Uploads, starts with the guessed mapping and waits until the job is done; answers the finished job. */
  JsonObject importWithGuess(Api who, String fileName, byte[] bytes) throws InterruptedException {
    HttpResponse<Buffer> up = upload(who, fileName, bytes);
    assertEquals(201, up.statusCode(), up.bodyAsString());
    JsonObject job = up.bodyAsJsonObject();
    var started = who.post("/api/v1/contact-imports/" + job.getLong("id") + "/start",
        new JsonObject().put("mapping", job.getJsonArray("guess")));
    assertEquals(200, started.statusCode(), started.bodyAsString());
    return waitDone(who, job.getLong("id"));
  }

  JsonObject waitDone(Api who, long id) throws InterruptedException {
    JsonObject[] last = new JsonObject[1];
    assertTrue(WhatsAppCustomer.eventually(() -> {
      last[0] = who.get("/api/v1/contact-imports/" + id).bodyAsJsonObject();
      return "done".equals(last[0].getString("status")) || "failed".equals(last[0].getString("status"));
    }), () -> "import " + id + " did not finish: " + last[0]);
    assertEquals("done", last[0].getString("status"), last[0].encode());
    return last[0];
  }
}
