package com.conecta.hub.customers.contact.transfer;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;

/** One contact import: its file and dialect, the chosen mapping, and how far it got. */
public record ImportJob(long id, Long createdBy, String locale, String fileName, Path file, long byteSize,
    CsvDialect dialect, List<String> header, JsonArray mapping, String countryCode, String status, Integer totalRows,
    int rowsDone, int created, int updated, int errors, String failure, OffsetDateTime createdAt,
    OffsetDateTime finishedAt) {

  public static CsvDialect dialect(String charset, String delimiter, boolean bom) {
    return new CsvDialect(Charset.forName(charset), delimiter.charAt(0), bom);
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("fileName", fileName).put("byteSize", byteSize)
        .put("encoding", dialect.charset().name()).put("delimiter", dialect.delimiterName()).put("bom", dialect.bom())
        .put("header", new JsonArray(header)).put("mapping", mapping).put("countryCode", countryCode)
        .put("status", status).put("totalRows", totalRows).put("rowsDone", rowsDone).put("created", created)
        .put("updated", updated).put("errors", errors).put("failure", failure)
        .put("createdAt", createdAt == null ? null : createdAt.toInstant().toString())
        .put("finishedAt", finishedAt == null ? null : finishedAt.toInstant().toString());
  }
}
