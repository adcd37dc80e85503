package com.conecta.hub.customers.contact.transfer;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** SQL of contact imports: the jobs, their claim by one node at a time (lease), their batches and their row errors. */
public record ImportJobStore(Pool pool) {
  private static final String COLUMNS = "id, created_by, locale, file_name, file_path, byte_size, charset, delimiter, "
      + "has_bom, header, mapping, country_code, status, total_rows, rows_done, created_count, updated_count, "
      + "error_count, failure, created_at, finished_at";
  private static final String INSERT = "insert into import_jobs (created_by, locale, file_name, file_path, byte_size, "
      + "charset, delimiter, has_bom, header, country_code) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning "
      + COLUMNS;
  private static final String BY_ID = "select " + COLUMNS + " from import_jobs where id = $1";
  private static final String RECENT = "select " + COLUMNS + " from import_jobs order by id desc limit $1";
  private static final String QUEUE = "update import_jobs set mapping = $2, country_code = $3, status = 'queued' "
      + "where id = $1 and status = 'uploaded' returning " + COLUMNS;
  /** A queued job, or a running one whose node stopped renewing its lease (it died or was cut off). */
  private static final String CLAIM = """
      update import_jobs set status = 'running', lease_owner = $1, lease_until = now() + make_interval(secs => $2),
             started_at = coalesce(started_at, now())
      where id = (select id from import_jobs
                  where status in ('queued', 'running') and (lease_until is null or lease_until < now())
                  order by id limit 1 for update skip locked)
      returning\s""" + COLUMNS;
  /** Renews the lease and moves progress, only while this node still holds the job: the batch's first statement. */
  private static final String ADVANCE = """
      update import_jobs set rows_done = $3, error_count = error_count + $4,
             lease_until = now() + make_interval(secs => $5)
      where id = $1 and lease_owner = $2 and status = 'running' returning id""";
  private static final String COUNTS = "update import_jobs set created_count = created_count + $2, "
      + "updated_count = updated_count + $3 where id = $1";
  private static final String UPSERT = "select o_row, o_contact, o_created, o_kept_opted_out "
      + "from contact_import_batch($1::jsonb)";
  private static final String ERRORS = """
      insert into import_errors (job_id, row_no, column_name, value, code, message_es, message_en)
      select $1, * from unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])""";
  private static final String TOTAL = "update import_jobs set total_rows = $3 where id = $1 and lease_owner = $2";
  private static final String FINISH = "update import_jobs set status = $3, failure = $4, finished_at = now(), "
      + "lease_owner = null, lease_until = null where id = $1 and lease_owner = $2";
  private static final String RELEASE = "update import_jobs set lease_owner = null, lease_until = null "
      + "where lease_owner = $1 and status = 'running'";
  private static final String ERROR_PAGE = "select id, row_no, column_name, value, code, message_es, message_en "
      + "from import_errors where job_id = $1 and id > $2 order by id limit $3";

  public Future<ImportJob> insert(Long userId, String locale, String fileName, Path file, long size, CsvDialect d,
      List<String> header, String countryCode) {
    return pool.preparedQuery(INSERT).execute(Tuple.of(userId, locale, fileName, file.toString(), size,
            d.charset().name(), String.valueOf(d.delimiter()), d.bom(), header.toArray(String[]::new), countryCode))
        .map(ImportJobStore::first);
  }

  public Future<ImportJob> byId(long id) {
    return pool.preparedQuery(BY_ID).execute(Tuple.of(id)).map(ImportJobStore::first);
  }

  public Future<List<ImportJob>> recent(int limit) {
    return pool.preparedQuery(RECENT).execute(Tuple.of(limit)).map(rows -> {
      List<ImportJob> out = new ArrayList<>();
      rows.forEach(r -> out.add(map(r)));
      return out;
    });
  }

  /** Null when the job is not waiting for its mapping (already started, or unknown). */
  public Future<ImportJob> queue(long id, JsonArray mapping, String countryCode) {
    return pool.preparedQuery(QUEUE).execute(Tuple.of(id, mapping, countryCode)).map(ImportJobStore::first);
  }

  public Future<ImportJob> claim(String node, int leaseSeconds) {
    return pool.preparedQuery(CLAIM).execute(Tuple.of(node, leaseSeconds)).map(ImportJobStore::first);
  }

  public Future<Void> total(long jobId, String node, int total) {
    return pool.preparedQuery(TOTAL).execute(Tuple.of(jobId, node, total)).mapEmpty();
  }

  /** What one batch brought: its rows, its errors and where the file was read up to. */
  public record Batch(List<ContactRow> rows, List<RowError> errors, int rowsDoneAfter) {}

  /** What a committed batch did. */
  public record BatchResult(int created, int updated, int errors) {}

  /**
   * Commits one batch in one transaction — progress, contacts and error rows together, so a node that dies between
   * batches leaves nothing half-done and the next node starts after the last committed row. Fails with
   * {@link LeaseLost} when another node took the job meanwhile.
   */
  public Future<BatchResult> commit(long jobId, String node, int leaseSeconds, Batch batch) {
    JsonArray rows = new JsonArray(batch.rows().stream().map(ContactRow::toJson).toList());
    int failedRows = (int) batch.errors().stream().mapToLong(RowError::row).distinct().count();
    // The job's row first: it is locked for the transaction, so no other node can claim it while this batch commits.
    return pool.withTransaction(conn -> conn.preparedQuery(ADVANCE)
        .execute(Tuple.of(jobId, node, batch.rowsDoneAfter(), failedRows, leaseSeconds))
        .compose(advanced -> advanced.size() == 0 ? Future.failedFuture(new LeaseLost(jobId))
            : conn.preparedQuery(UPSERT).execute(Tuple.of(rows)))
        .compose(result -> {
          List<RowError> errors = new ArrayList<>(batch.errors());
          int created = 0;
          for (Row r : result) {
            if (r.getBoolean("o_created")) {
              created++;
            }
            if (r.getBoolean("o_kept_opted_out")) {
              errors.add(new RowError(r.getInteger("o_row"), null, null, "kept_opted_out",
                  "Datos actualizados, pero el contacto sigue dado de baja: él mismo pidió no recibir mensajes.",
                  "Details updated, but the contact stays unsubscribed: they asked themselves not to be messaged."));
            }
          }
          BatchResult done = new BatchResult(created, result.size() - created, failedRows);
          return insertErrors(conn, jobId, errors)
              .compose(v -> conn.preparedQuery(COUNTS).execute(Tuple.of(jobId, done.created(), done.updated())))
              .map(done);
        }));
  }

  private static Future<Void> insertErrors(SqlConnection conn, long jobId, List<RowError> errors) {
    if (errors.isEmpty()) {
      return Future.succeededFuture();
    }
    return conn.preparedQuery(ERRORS).execute(Tuple.of(jobId,
        errors.stream().map(e -> (int) e.row()).toArray(Integer[]::new),
        errors.stream().map(RowError::column).toArray(String[]::new),
        errors.stream().map(RowError::value).toArray(String[]::new),
        errors.stream().map(RowError::code).toArray(String[]::new),
        errors.stream().map(RowError::messageEs).toArray(String[]::new),
        errors.stream().map(RowError::messageEn).toArray(String[]::new))).mapEmpty();
  }

  public Future<Void> finish(long jobId, String node, String status, String failure) {
    return pool.preparedQuery(FINISH).execute(Tuple.of(jobId, node, status, failure)).mapEmpty();
  }

  /** Hands this node's running jobs back at a graceful stop, so another node resumes them without waiting. */
  public Future<Void> release(String node) {
    return pool.preparedQuery(RELEASE).execute(Tuple.of(node)).mapEmpty();
  }

  /** A page of a job's row errors after the given error id, in file order. */
  public Future<List<RowError>> errors(long jobId, long afterId, int limit, long[] lastId) {
    return pool.preparedQuery(ERROR_PAGE).execute(Tuple.of(jobId, afterId, limit)).map(rows -> {
      List<RowError> out = new ArrayList<>();
      rows.forEach(r -> {
        lastId[0] = r.getLong("id");
        out.add(new RowError(r.getInteger("row_no"), r.getString("column_name"), r.getString("value"),
            r.getString("code"), r.getString("message_es"), r.getString("message_en")));
      });
      return out;
    });
  }

  /** Another node holds the job now: this one stops without writing. */
  public static final class LeaseLost extends RuntimeException {
    public LeaseLost(long jobId) {
      super("import " + jobId + " is held by another node now");
    }
  }

  private static ImportJob first(RowSet<Row> rows) {
    return rows.size() == 0 ? null : map(rows.iterator().next());
  }

  private static ImportJob map(Row r) {
    String[] header = r.getArrayOfStrings("header");
    Object mapping = r.getValue("mapping");
    return new ImportJob(r.getLong("id"), r.getLong("created_by"), r.getString("locale"), r.getString("file_name"),
        Path.of(r.getString("file_path")), r.getLong("byte_size"),
        ImportJob.dialect(r.getString("charset"), r.getString("delimiter"), r.getBoolean("has_bom")),
        List.of(header), mapping instanceof JsonArray a ? a : null, r.getString("country_code"), r.getString("status"),
        r.getInteger("total_rows"), r.getInteger("rows_done"), r.getInteger("created_count"),
        r.getInteger("updated_count"), r.getInteger("error_count"), r.getString("failure"),
        r.getOffsetDateTime("created_at"), r.getOffsetDateTime("finished_at"));
  }
}
