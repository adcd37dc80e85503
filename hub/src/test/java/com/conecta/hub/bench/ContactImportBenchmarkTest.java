package com.conecta.hub.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.conecta.hub.support.HubTestBase;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.multipart.MultipartForm;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A 100,000-row contact import over HTTP (an es-CL Excel file: windows-1252, ';'), then the same file again (all
 * updates), then the export of all of them. Prints rows per second and the heap in use before, at its highest during
 * and after each run (the hub runs in this JVM). Asserts only that every row arrived.
 * Run: ./mvnw -B -pl hub -am verify -Pbench -Dtest=ContactImportBenchmarkTest
 */
@Tag("benchmark")
@DisplayName("Contact import benchmark (100,000 rows)")
class ContactImportBenchmarkTest extends HubTestBase {
  private static final int ROWS = Integer.getInteger("bench.importRows", 100_000);
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  @Test
  @DisplayName("prints rows/s and heap before/during/after for a first import, a re-import and an export")
  void importHundredThousandRows() throws Exception {
    admin.post("/api/v1/custom-fields", new JsonObject().put("entity", "contact").put("key", "rubro")
        .put("type", "text").put("label", new JsonObject().put("es", "Rubro")));
    Path file = Files.createTempFile("contactos-bench", ".csv");
    try (BufferedWriter w = Files.newBufferedWriter(file, Charset.forName("windows-1252"))) {
      w.write("Nombre;Teléfono;Correo;Etiquetas;Rubro\r\n");
      for (int i = 0; i < ROWS; i++) {
        w.write("Cliente Núñez " + i + ";9 " + (30_000_000 + i) + ";cliente" + i + "@ejemplo.cl;feria 2026, lote "
            + (i % 10) + ";Construcción\r\n");
      }
    }
    System.out.printf("%nContact import benchmark: %,d rows, file %,d bytes (windows-1252, ';')%n", ROWS, Files.size(file));
    System.out.printf("%-12s %10s %10s %14s %14s %16s %14s%n", "run", "seconds", "rows/s", "heap before MB",
        "heap max MB", "live max MB (GC)", "heap after MB");
    run("import", file, ROWS, 0);
    run("re-import", file, 0, ROWS);
    assertEquals(ROWS, count("select count(*) from contacts where email like 'cliente%@ejemplo.cl'"));

    long before = heapAfterGc();
    long[] peak = {before};
    long t0 = System.nanoTime();
    long[] bytes = {0};
    var res = WebClient.create(vertx).get(hub.port(), "127.0.0.1", "/api/v1/contact-export?dialect=excel")
        .putHeader("cookie", admin.cookie()).as(io.vertx.ext.web.codec.BodyCodec.pipe(new io.vertx.core.streams.WriteStream<
            io.vertx.core.buffer.Buffer>() {
          public io.vertx.core.streams.WriteStream<io.vertx.core.buffer.Buffer> exceptionHandler(
              io.vertx.core.Handler<Throwable> h) {
            return this;
          }

          public io.vertx.core.Future<Void> write(io.vertx.core.buffer.Buffer data) {
            bytes[0] += data.length();
            peak[0] = Math.max(peak[0], used());
            return io.vertx.core.Future.succeededFuture();
          }

          public io.vertx.core.Future<Void> end() {
            return io.vertx.core.Future.succeededFuture();
          }

          public io.vertx.core.streams.WriteStream<io.vertx.core.buffer.Buffer> setWriteQueueMaxSize(int maxSize) {
            return this;
          }

          public boolean writeQueueFull() {
            return false;
          }

          public io.vertx.core.streams.WriteStream<io.vertx.core.buffer.Buffer> drainHandler(
              io.vertx.core.Handler<Void> handler) {
            return this;
          }
        })).send().await();
    assertEquals(200, res.statusCode());
    double s = (System.nanoTime() - t0) / 1e9;
    System.out.printf("%-12s %10.1f %10.0f %14.0f %14.0f %16.0f %14.0f   (%,d bytes streamed)%n", "export", s,
        count("select count(*) from contacts") / s, before / 1e6, peak[0] / 1e6, liveAfterLastGc() / 1e6,
        heapAfterGc() / 1e6, bytes[0]);
    Files.deleteIfExists(file);
  }

  private void run(String name, Path file, int created, int updated) throws Exception {
    long before = heapAfterGc();
    long peak = before;
    long live = before;
    long t0 = System.nanoTime();
    MultipartForm form = MultipartForm.create().binaryFileUpload("file", "contactos.csv", file.toString(), "text/csv");
    var up = WebClient.create(vertx).post(hub.port(), "127.0.0.1", "/api/v1/contact-imports")
        .putHeader("cookie", admin.cookie()).putHeader("X-CSRF-Token", admin.csrf()).sendMultipartForm(form).await();
    assertEquals(201, up.statusCode(), up.bodyAsString());
    long id = up.bodyAsJsonObject().getLong("id");
    assertEquals(200, admin.post("/api/v1/contact-imports/" + id + "/start",
        new JsonObject().put("mapping", up.bodyAsJsonObject().getJsonArray("guess"))).statusCode());
    JsonObject job;
    do {
      Thread.sleep(100); // the sampling interval of the heap figures below, which the poll of the job also takes
      peak = Math.max(peak, used());
      live = Math.max(live, liveAfterLastGc());
      job = admin.get("/api/v1/contact-imports/" + id).bodyAsJsonObject();
    } while (!"done".equals(job.getString("status")) && !"failed".equals(job.getString("status")));
    double s = (System.nanoTime() - t0) / 1e9;
    assertEquals("done", job.getString("status"), job.encode());
    assertEquals(created, job.getInteger("created"));
    assertEquals(updated, job.getInteger("updated"));
    System.out.printf("%-12s %10.1f %10.0f %14.0f %14.0f %16.0f %14.0f%n", name, s, ROWS / s, before / 1e6, peak / 1e6,
        live / 1e6, heapAfterGc() / 1e6);
  }

  private static long used() {
    return MEMORY.getHeapMemoryUsage().getUsed();
  }

  /** What the heap held right after its latest collection: the live data, without the garbage waiting for a GC. */
  private static long liveAfterLastGc() {
    long live = 0;
    for (java.lang.management.MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getCollectionUsage() != null) {
        live += pool.getCollectionUsage().getUsed();
      }
    }
    return live;
  }

  private static long heapAfterGc() {
    System.gc();
    return used();
  }
}
