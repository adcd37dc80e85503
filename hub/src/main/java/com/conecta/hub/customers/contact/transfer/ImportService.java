package com.conecta.hub.customers.contact.transfer;

import com.conecta.hub.foundation.audit.AuditLog;
import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.customers.customfield.CustomField;
import com.conecta.hub.customers.customfield.CustomFieldService;
import com.conecta.hub.foundation.web.ApiError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The steps of a contact import a person goes through: upload (the file kept on disk, its dialect found, a preview
 * and a guessed mapping answered), start with the chosen mapping (queued for the worker), progress, row errors.
 */
public record ImportService(Vertx vertx, ImportJobStore store, CustomFieldService customFields,
    ContactTransferSettings settings, AuditLog audit) {
  static final int PREVIEW_ROWS = 10;
  private static final int MAX_COLUMNS = 100;

  /** What an upload answers: the job, the first rows as read, the guessed mapping and what columns may become. */
  record Preview(List<String> header, List<List<String>> rows) {}

  public Future<JsonObject> upload(Principal p, Path uploaded, String fileName, long size) {
    String safeName = fileName == null || fileName.isBlank() ? "contactos.csv"
        : fileName.replaceAll("[^\\p{L}\\p{N}._ -]", "_");
    Path target = settings.directory().resolve(UUID.randomUUID() + ".csv");
    return vertx.executeBlocking(() -> {
      Files.createDirectories(settings.directory());
      Files.move(uploaded, target, StandardCopyOption.REPLACE_EXISTING);
      CsvDialect dialect = CsvSniffer.sniff(target);
      return new Object[] {dialect, preview(target, dialect)};
    }).recover(e -> vertx.executeBlocking(() -> Files.deleteIfExists(target)).transform(x -> Future.failedFuture(e)))
        .compose(found -> {
          CsvDialect dialect = (CsvDialect) found[0];
          Preview preview = (Preview) found[1];
          if (preview.header().isEmpty()) {
            return vertx.executeBlocking(() -> Files.deleteIfExists(target)).compose(x -> Future.failedFuture(
                ApiError.invalid("file", "the file has no header row: the first row must name the columns")));
          }
          return customFields.list("contact").compose(fields -> store.insert(p.userId(), locale(p), safeName, target,
                  size, dialect, preview.header(), settings.defaultCountryCode())
              .map(job -> job.toJson().put("preview", new JsonArray(preview.rows().stream()
                      .map(r -> new JsonArray(new ArrayList<Object>(r))).toList()))
                  .put("guess", MappingGuesser.guess(preview.header(), fields).toJson())
                  .put("customFields", new JsonArray(fields.stream().map(CustomField::toJson).toList()))));
        });
  }

  private static String locale(Principal p) {
    return "en".equals(p.locale()) ? "en" : "es";
  }

  private static Preview preview(Path file, CsvDialect dialect) {
    try (CSVParser parser = dialect.open(file)) {
      Iterator<CSVRecord> it = parser.iterator();
      if (!it.hasNext()) {
        return new Preview(List.of(), List.of());
      }
      List<String> header = new ArrayList<>();
      it.next().forEach(h -> header.add(ContactRowChecker.clean(h) == null ? "" : h.strip()));
      if (header.size() > MAX_COLUMNS) {
        throw ApiError.invalid("file", "the file has more than " + MAX_COLUMNS + " columns");
      }
      List<List<String>> rows = new ArrayList<>();
      while (rows.size() < PREVIEW_ROWS && it.hasNext()) {
        List<String> row = new ArrayList<>();
        it.next().forEach(row::add);
        rows.add(row);
      }
      return new Preview(List.copyOf(header), rows);
    } catch (IOException | UncheckedIOException e) {
      throw ApiError.invalid("file", "the file cannot be read as CSV: " + e.getMessage());
    }
  }

  /** Queues the import with the mapping the person chose; the worker takes it from there. */
  public Future<JsonObject> start(Principal p, long id, JsonObject body) {
    String countryCode = body.getValue("countryCode") == null ? null : String.valueOf(body.getValue("countryCode"))
        .replace("+", "").trim();
    if (countryCode != null && !countryCode.matches("[1-9][0-9]{0,2}")) {
      throw ApiError.invalid("countryCode", "'countryCode' is a calling code such as 56, 591 or 57");
    }
    return job(id).compose(job -> customFields.list("contact").compose(fields -> {
      ColumnMapping mapping = ColumnMapping.fromJson(body.getValue("mapping"), job.header(), fields);
      return store.queue(id, mapping.toJson(), countryCode == null ? job.countryCode() : countryCode);
    })).compose(queued -> queued == null
        ? Future.failedFuture(ApiError.conflict("import_started", "this import was already started"))
        : store.pool().withConnection(conn -> audit.record(conn, p.userId(), "contact.import", "import_job",
            String.valueOf(id), new JsonObject().put("fileName", queued.fileName()).put("bytes", queued.byteSize())))
            .map(queued.toJson()));
  }

  public Future<JsonObject> get(long id) {
    return job(id).map(ImportJob::toJson);
  }

  public Future<List<ImportJob>> recent() {
    return store.recent(20);
  }

  Future<ImportJob> job(long id) {
    return store.byId(id).compose(job -> job == null ? Future.failedFuture(ApiError.notFound("import " + id))
        : Future.succeededFuture(job));
  }

  /** A page of row errors after an error id (the CSV download streams them page by page). */
  Future<List<RowError>> errors(long id, long afterId, long[] lastId) {
    return store.errors(id, afterId, 1000, lastId);
  }
}
