package com.conecta.hub.customers.contact.transfer;

import com.conecta.hub.customers.customfield.CustomFieldService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs queued contact imports on this node: claims one job at a time with a lease, reads its file from disk in batches
 * on a worker thread (the file is never held in memory), and commits each batch with the job's progress. A job whose
 * node died is claimed again once its lease ends and resumes after its last committed row.
 */
public final class ImportWorker {
  private static final Logger log = LoggerFactory.getLogger(ImportWorker.class);

  private final Vertx vertx;
  private final ImportJobStore store;
  private final CustomFieldService customFields;
  private final ContactTransferSettings settings;
  private final String node;
  private long timer = -1;
  private boolean busy;
  private boolean stopping;
  private Future<Void> current = Future.succeededFuture();

  public ImportWorker(Vertx vertx, ImportJobStore store, CustomFieldService customFields,
      ContactTransferSettings settings, String node) {
    this.vertx = vertx;
    this.store = store;
    this.customFields = customFields;
    this.settings = settings;
    this.node = node;
  }

  /** An import being read: the open file and how many data rows of it are committed. */
  public static final class Run implements AutoCloseable {
    private final ImportJob job;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final ContactRowChecker checker;
    private int rowsDone;

    Run(ImportJob job, CSVParser parser, ContactRowChecker checker, int rowsDone) {
      this.job = job;
      this.parser = parser;
      this.records = parser.iterator();
      this.checker = checker;
      this.rowsDone = rowsDone;
    }

    public ImportJob job() {
      return job;
    }

    @Override
    public void close() {
      try {
        parser.close();
      } catch (IOException e) {
        log.debug("closing import {}: {}", job.id(), e.toString());
      }
    }
  }

  public void start() {
    timer = vertx.setPeriodic(settings.pollMs(), id -> pass());
  }

  /** Finishes the batch in hand, then hands this node's running imports back so another node goes on at once. */
  public Future<Void> stop() {
    stopping = true;
    vertx.cancelTimer(timer);
    return current.transform(x -> store.release(node));
  }

  private void pass() {
    if (busy || stopping) {
      return;
    }
    busy = true;
    current = claim().compose(job -> job == null ? Future.<Void>succeededFuture() : runJob(job))
        .onComplete(x -> busy = false);
  }

  public Future<ImportJob> claim() {
    return store.claim(node, settings.leaseSeconds());
  }

  /** Opens the job's file where its last committed batch ended, counting its rows the first time. */
  public Future<Run> open(ImportJob job) {
    return customFields.list("contact").compose(fields -> vertx.executeBlocking(() -> {
      ColumnMapping mapping = ColumnMapping.fromJson(job.mapping(), job.header(), fields);
      int total = job.totalRows() != null ? job.totalRows() : countRows(job);
      CSVParser parser = job.dialect().open(job.file());
      Iterator<CSVRecord> it = parser.iterator();
      // the header, then the rows a node before this one committed
      for (int i = 0; i <= job.rowsDone() && it.hasNext(); i++) {
        it.next();
      }
      return new Object[] {new Run(job, parser, new ContactRowChecker(mapping, job.countryCode(), fields),
          job.rowsDone()), total};
    })).compose(opened -> {
      Run run = (Run) opened[0];
      return job.totalRows() != null ? Future.succeededFuture(run)
          : store.total(job.id(), node, (Integer) opened[1]).map(run);
    });
  }

  /** Reads and commits the next batch; true while rows remain. */
  public Future<Boolean> step(Run run) {
    return vertx.executeBlocking(() -> {
      List<ContactRow> rows = new ArrayList<>();
      List<RowError> errors = new ArrayList<>();
      int read = 0;
      while (read < settings.batchSize() && run.records.hasNext()) {
        ContactRowChecker.Checked checked = run.checker.check(run.records.next());
        read++;
        if (checked.row() != null) {
          rows.add(checked.row());
        } else if (checked.errors() != null) {
          errors.addAll(checked.errors());
        }
      }
      return new ImportJobStore.Batch(rows, errors, run.rowsDone + read);
    }).compose(batch -> store.commit(run.job.id(), node, settings.leaseSeconds(), batch).map(done -> {
      run.rowsDone = batch.rowsDoneAfter();
      return run.records.hasNext();
    }));
  }

  /** Runs a claimed job to its end (or until this node stops or loses it). */
  public Future<Void> runJob(ImportJob job) {
    log.info("contact import {} claimed by {} at row {}", job.id(), node, job.rowsDone());
    return open(job).compose(run -> loop(run).eventually(() -> vertx.executeBlocking(() -> {
      run.close();
      return null;
    })))
        .recover(e -> {
          if (e instanceof ImportJobStore.LeaseLost) {
            log.warn("contact import {}: {}", job.id(), e.getMessage());
            return Future.succeededFuture();
          }
          log.error("contact import {} failed", job.id(), e);
          return store.finish(job.id(), node, "failed", e.getMessage());
        });
  }

  private Future<Void> loop(Run run) {
    if (stopping) {
      return Future.succeededFuture();
    }
    return step(run).compose(more -> more ? loop(run) : store.finish(run.job.id(), node, "done", null)
        .compose(v -> vertx.executeBlocking(() -> Files.deleteIfExists(run.job.file())))
        .onSuccess(v -> log.info("contact import {} done: {} rows", run.job.id(), run.rowsDone))
        .mapEmpty());
  }

  private static int countRows(ImportJob job) {
    try (CSVParser parser = job.dialect().open(job.file())) {
      int n = 0;
      for (CSVRecord ignored : parser) {
        n++;
      }
      return Math.max(0, n - 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
