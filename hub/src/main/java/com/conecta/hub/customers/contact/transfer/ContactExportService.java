package com.conecta.hub.customers.contact.transfer;

import com.conecta.hub.foundation.audit.AuditLog;
import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.customers.crm.CrudExtension;
import com.conecta.hub.customers.crm.CrudService;
import com.conecta.hub.customers.crm.FieldSpec;
import com.conecta.hub.customers.customfield.CustomField;
import com.conecta.hub.customers.customfield.CustomFieldService;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.csv.CSVPrinter;

/**
 * Exports the contacts a list filter matches (the contacts list's own filters and visibility) as CSV, page by page:
 * each page is written before the next is read, so 100,000 contacts never sit in memory together.
 */
public record ContactExportService(CrudService contacts, ContactExportStore store, CustomFieldService customFields,
    AuditLog audit) {
  static final int PAGE = 500;

  /** The list filters of one export, already checked. */
  public record Filter(Map<FieldSpec, Object> fields, List<CrudExtension.Condition> extra, String text,
      JsonObject asGiven) {}

  /**
   * Writes the export through {@code sink} (a write that completes when the bytes are on their way, which is the
   * backpressure); answers the number of contacts written.
   */
  public Future<Integer> export(Principal p, Filter filter, CsvDialect dialect, String lang,
      Function<Buffer, Future<Void>> sink) {
    return store.pool().withConnection(conn -> audit.record(conn, p.userId(), "contact.export", "contacts", null,
            new JsonObject().put("filter", filter.asGiven()).put("dialect", dialect.delimiterName())))
        .compose(v -> customFields.list("contact"))
        .compose(fields -> {
          ExportCells cells = new ExportCells(lang, fields);
          return sink.apply(encode(dialect, List.of(cells.header())))
              .compose(v -> page(p, filter, dialect, cells, sink, null, 0));
        });
  }

  private Future<Integer> page(Principal p, Filter f, CsvDialect dialect, ExportCells cells,
      Function<Buffer, Future<Void>> sink, Long beforeId, int written) {
    return contacts.list(p, f.fields(), f.extra(), f.text(), beforeId, PAGE).compose(page -> {
      if (page.items().isEmpty()) {
        return Future.succeededFuture(written);
      }
      List<Long> ids = page.items().stream().map(c -> c.getLong("id")).toList();
      return store.extras(ids).compose(extras -> {
        List<List<String>> rows = new ArrayList<>(page.items().size());
        page.items().forEach(c -> rows.add(cells.row(c, extras.getOrDefault(c.getLong("id"), new JsonObject()))));
        return sink.apply(encode(dialect, rows));
      }).compose(v -> page.nextCursor() == null ? Future.succeededFuture(written + ids.size())
          : page(p, f, dialect, cells, sink, ids.get(ids.size() - 1), written + ids.size()));
    });
  }

  static Buffer encode(CsvDialect dialect, List<List<String>> rows) {
    StringBuilder out = new StringBuilder(rows.size() * 100);
    try (CSVPrinter csv = new CSVPrinter(out, dialect.format())) {
      for (List<String> row : rows) {
        csv.printRecord(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // windows-1252 has no emoji: they come out as '?', as Excel itself would save them
    return Buffer.buffer(out.toString().getBytes(dialect.charset()));
  }

  /** The contacts' custom fields, for the columns. */
  public Future<List<CustomField>> fields() {
    return customFields.list("contact");
  }
}
