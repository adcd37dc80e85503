package com.conecta.hub.customers.contact.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.customers.customfield.CustomFieldService;
import com.conecta.hub.customers.customfield.CustomFieldStore;
import com.conecta.hub.support.WhatsAppCustomer;
import com.conecta.hub.support.HubTestBase;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** An import claimed by a node that dies mid-file is taken over by another node after the lease and finished once. */
class ImportResumesAfterNodeDiesTest extends HubTestBase {
  private static final int ROWS = 250;

  @Override
  protected JsonObject extraConfig() {
    // the hub under test runs no import worker: the two "nodes" below are driven by the test
    return new JsonObject().put("contact-transfer.worker", "false");
  }

  @Test
  @DisplayName("node A commits two batches and dies; node B claims the job when A's lease ends, resumes at row 100, "
      + "and A, back from the dead, can no longer write")
  void resumedAfterTheClaimingNodeStops() throws Exception {
    StringBuilder csv = new StringBuilder("Nombre;Teléfono\r\n");
    for (int i = 0; i < ROWS; i++) {
      csv.append("Cliente ").append(i).append(";9 8112 ").append(String.format("%04d", i)).append("\r\n");
    }
    ContactImportClient client = new ContactImportClient(vertx, hub.port());
    var up = client.upload(admin, "grande.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
    assertEquals(201, up.statusCode(), up.bodyAsString());
    long id = up.bodyAsJsonObject().getLong("id");
    assertEquals(200, admin.post("/api/v1/contact-imports/" + id + "/start",
        new JsonObject().put("mapping", up.bodyAsJsonObject().getJsonArray("guess"))).statusCode());

    ContactTransferSettings settings = new ContactTransferSettings(Path.of("unused"), 1 << 20, 50, 2, 100, "56", true);
    ImportJobStore store = new ImportJobStore(sql);
    CustomFieldService fields = new CustomFieldService(new CustomFieldStore(sql));
    ImportWorker a = new ImportWorker(vertx, store, fields, settings, "node-a");
    ImportWorker b = new ImportWorker(vertx, store, fields, settings, "node-b");

    ImportJob claimed = a.claim().await();
    assertEquals(id, claimed.id());
    ImportWorker.Run run = a.open(claimed).await();
    assertTrue(a.step(run).await());
    assertTrue(a.step(run).await());
    // node A dies here: it never renews its lease nor hands the job back
    assertEquals(100, count("select rows_done from import_jobs where id = " + id));
    assertEquals(100, count("select count(*) from contacts where phone like '+5698112%'"));
    assertNull(b.claim().await(), "while A's lease runs, the job is A's");

    ImportJob[] taken = new ImportJob[1];
    // the helper asks once more after success: ask the database only until B holds the job
    assertTrue(WhatsAppCustomer.eventually(() -> taken[0] != null || (taken[0] = b.claim().await()) != null),
        "B takes the job over");
    assertEquals(100, taken[0].rowsDone());
    assertEquals(ROWS, taken[0].totalRows());
    b.runJob(taken[0]).await();

    Throwable zombie = a.step(run).map(more -> (Throwable) null).otherwise(e -> e).await();
    assertInstanceOf(ImportJobStore.LeaseLost.class, zombie, "A's late batch is refused");
    assertEquals("done", sql.query("select status from import_jobs where id = " + id).execute().await()
        .iterator().next().getString(0));
    assertEquals(ROWS, count("select rows_done from import_jobs where id = " + id));
    assertEquals(ROWS, count("select created_count from import_jobs where id = " + id));
    assertEquals(ROWS, count("select count(*) from contacts where phone like '+5698112%'"));
    assertEquals(ROWS, count("select count(distinct phone) from contacts where phone like '+5698112%'"));
    assertEquals(0, count("select count(*) from import_errors where job_id = " + id));
  }
}
