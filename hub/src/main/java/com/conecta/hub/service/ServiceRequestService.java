package com.conecta.hub.service;

import com.conecta.hub.auth.Principal;
import com.conecta.hub.auth.Role;
import com.conecta.hub.media.MediaService;
import com.conecta.hub.media.MediaStorage;
import com.conecta.hub.notify.Notification;
import com.conecta.hub.notify.NotificationStore;
import com.conecta.hub.web.ApiError;
import com.conecta.hub.web.Cursor;
import com.conecta.hub.web.JsonBody;
import com.conecta.hub.web.Page;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Service requests: potential-client visits, technical visits, maintenance and service work, scheduled with a
 * technician, with a checklist, moving scheduled → in_progress → done | not_done → invoiced (not_done goes back to
 * the coordinator to reschedule). Coordinators are admins and team supervisors. Visit reports and photos, and
 * at-risk observations that the responsible seller must resolve before a coordinator may cancel the order.
 */
public final class ServiceRequestService {
  public static final Set<String> KINDS = Set.of("potential_client_visit", "technical_visit", "maintenance", "service_work");
  private static final Set<String> PHOTO_TYPES = Set.of("image/jpeg", "image/png", "image/webp", "image/heic");
  private static final int MAX_PHOTOS = 40;
  /** Allowed moves; cancelled is handled apart (coordinators, at-risk deadline). */
  private static final Map<String, Set<String>> MOVES = Map.of(
      "scheduled", Set.of("in_progress", "cancelled"),
      "in_progress", Set.of("done", "not_done"),
      "not_done", Set.of("scheduled", "cancelled"),
      "done", Set.of("invoiced"),
      "invoiced", Set.of(),
      "cancelled", Set.of());
  private static final Map<String, List<String>> CHECKLISTS = Map.of(
      "potential_client_visit", List.of("Confirmar datos de contacto", "Levantar necesidades del cliente",
          "Registrar fotos del lugar"),
      "technical_visit", List.of("Revisar el equipo", "Diagnosticar la falla", "Informar al cliente"),
      "maintenance", List.of("Limpiar filtros", "Revisar presiones y conexiones", "Probar funcionamiento"),
      "service_work", List.of("Preparar materiales", "Ejecutar el trabajo", "Probar y entregar al cliente"));

  private final ServiceStore store;
  private final NotificationStore notifications;
  private final MediaStorage media;
  private final WorkSettings settings;

  public ServiceRequestService(ServiceStore store, NotificationStore notifications, MediaStorage media,
      WorkSettings settings) {
    this.store = store;
    this.notifications = notifications;
    this.media = media;
    this.settings = settings;
  }

  public long photoMaxBytes() {
    return settings.photoMaxBytes();
  }

  // --- who may do what

  private Future<Boolean> coordinator(Principal p) {
    return p.role() == Role.ADMIN ? Future.succeededFuture(true) : store.isSupervisor(p.userId());
  }

  private Future<Void> requireCoordinator(Principal p, String what) {
    return coordinator(p).compose(ok -> ok ? Future.succeededFuture()
        : Future.failedFuture(ApiError.forbidden("only a coordinator (an admin or a team supervisor) may " + what)));
  }

  /** The request if the user may see it; 404 otherwise. Coordinators see every request. */
  private Future<JsonObject> visible(Principal p, long id) {
    return coordinator(p).compose(c -> c ? Future.succeededFuture(true)
            : store.visibleToAgent(id, p.userId(), p.inboxFilter()))
        .compose(ok -> ok ? store.byId(store.pool(), id, false) : Future.succeededFuture(null))
        .compose(r -> r == null ? Future.failedFuture(ApiError.notFound("service request " + id))
            : Future.succeededFuture(r));
  }

  // --- create, read, list

  public Future<JsonObject> create(Principal p, JsonObject raw) {
    JsonBody b = JsonBody.wrap(raw);
    String kind = b.oneOf("kind", null, KINDS);
    if (kind == null) {
      throw ApiError.missing("kind");
    }
    long contactId = b.requiredLong("contactId");
    Long accountId = b.optionalLong("accountId");
    Instant when = b.optionalInstant("scheduledFor");
    if (when == null) {
      throw ApiError.missing("scheduledFor");
    }
    Long technicianId = b.optionalLong("technicianId");
    Long sellerId = b.optionalLong("sellerId");
    String address = text(b, "address", 500);
    String notes = text(b, "notes", 5000);
    JsonArray checklist = checklist(b.optionalArray("checklist"), kind);
    return exists("contacts", contactId, "contactId")
        .compose(v -> accountId == null ? Future.succeededFuture() : exists("accounts", accountId, "accountId"))
        .compose(v -> sellerId == null ? Future.succeededFuture() : exists("users", sellerId, "sellerId"))
        .compose(v -> technicianId == null ? Future.succeededFuture() : requireTechnician(technicianId))
        .compose(v -> store.pool().withTransaction(tx -> store.insert(tx, new ServiceStore.NewRequest(kind, contactId,
                accountId, address, at(when), technicianId, sellerId, notes, checklist, false, null, p.userId()))
            .compose(id -> store.history(tx, id, null, "scheduled", null, p.userId()).map(h -> id))))
        .compose(id -> get(p, id));
  }

  public Future<JsonObject> get(Principal p, long id) {
    return visible(p, id).compose(r -> Future.all(store.historyOf(id), store.reportOf(id), store.photosOf(id),
            store.observationsOf(id))
        .map(all -> {
          r.put("history", new JsonArray(all.<List<JsonObject>>resultAt(0)));
          r.put("report", all.<JsonObject>resultAt(1));
          r.put("photos", new JsonArray(all.<List<JsonObject>>resultAt(2)));
          List<JsonObject> obs = all.resultAt(3);
          r.put("observations", new JsonArray(obs));
          return withRisk(r, obs.stream().filter(o -> "open".equals(o.getString("status"))).findFirst().orElse(null));
        }));
  }

  /** An open observation shows as {@code atRisk} with the time left before a coordinator may cancel. */
  private static JsonObject withRisk(JsonObject r, JsonObject open) {
    if (open == null) {
      return r.put("atRisk", null);
    }
    long left = Math.max(0, Duration.between(Instant.now(), Instant.parse(open.getString("deadlineAt"))).getSeconds());
    return r.put("atRisk", new JsonObject().put("observationId", open.getLong("id")).put("kind", open.getString("kind"))
        .put("description", open.getString("description")).put("sellerId", open.getLong("sellerId"))
        .put("deadlineAt", open.getString("deadlineAt")).put("secondsLeft", left).put("expired", left == 0));
  }

  public Future<Page<JsonObject>> list(Principal p, String status, String kind, Long technicianId, Long contactId,
      Boolean needsScheduling, String cursor, int limit) {
    if (status != null && !MOVES.containsKey(status)) {
      throw ApiError.badRequest("invalid_parameter", "'status' must be one of " + String.join(", ",
          new java.util.TreeSet<>(MOVES.keySet())), "status");
    }
    if (kind != null && !KINDS.contains(kind)) {
      throw ApiError.badRequest("invalid_parameter", "'kind' must be one of " + String.join(", ",
          new java.util.TreeSet<>(KINDS)), "kind");
    }
    Cursor c = Cursor.decode(cursor);
    return coordinator(p).compose(all -> store.list(all ? null : p.inboxFilter(), all ? null : p.userId(), status, kind,
            technicianId, contactId, needsScheduling, c == null ? null : c.id(), limit))
        .map(items -> new Page<>(items, items.size() == limit
            ? new Cursor(0, items.get(items.size() - 1).getLong("id")).encode() : null));
  }

  /** Address, notes, date, technician or seller; a new date for a request waiting to be scheduled schedules it. */
  public Future<JsonObject> update(Principal p, long id, JsonObject raw) {
    JsonBody b = JsonBody.wrap(raw);
    for (String k : raw.fieldNames()) {
      if (!Set.of("address", "notes", "scheduledFor", "technicianId", "sellerId").contains(k)) {
        throw new ApiError(422, "unknown_field", "'" + k + "' cannot be changed here", k);
      }
    }
    String address = text(b, "address", 500);
    String notes = text(b, "notes", 5000);
    Instant when = b.optionalInstant("scheduledFor");
    Long technicianId = b.optionalLong("technicianId");
    Long sellerId = b.optionalLong("sellerId");
    boolean planning = when != null || technicianId != null || sellerId != null;
    return visible(p, id)
        .compose(r -> planning ? requireCoordinator(p, "change the date, technician or seller") : Future.succeededFuture())
        .compose(v -> technicianId == null ? Future.succeededFuture() : requireTechnician(technicianId))
        .compose(v -> sellerId == null ? Future.succeededFuture() : exists("users", sellerId, "sellerId"))
        .compose(v -> store.pool().withTransaction(tx -> store.byId(tx, id, true).compose(r -> {
          if (Set.of("done", "invoiced", "cancelled").contains(r.getString("status"))) {
            return Future.failedFuture(ApiError.conflict("closed_request", "a " + r.getString("status")
                + " request cannot change"));
          }
          return store.updateDetails(tx, id, address, notes, at(when), technicianId, sellerId);
        })))
        .compose(v -> get(p, id));
  }

  // --- the state machine

  public Future<JsonObject> changeStatus(Principal p, long id, JsonObject raw) {
    JsonBody b = JsonBody.wrap(raw);
    String to = b.oneOf("status", null, MOVES.keySet());
    if (to == null) {
      throw ApiError.missing("status");
    }
    String reason = text(b, "reason", 1000);
    Instant when = b.optionalInstant("scheduledFor");
    Long technicianId = b.optionalLong("technicianId");
    return visible(p, id).compose(r -> coordinator(p)).compose(isCoordinator -> {
      if (Set.of("scheduled", "invoiced", "cancelled").contains(to) && !isCoordinator) {
        return Future.failedFuture(ApiError.forbidden("only a coordinator (an admin or a team supervisor) may move a "
            + "request to " + to));
      }
      Future<Void> tech = technicianId == null ? Future.succeededFuture() : requireTechnician(technicianId);
      return tech.compose(v -> store.pool().withTransaction(tx -> store.byId(tx, id, true).compose(r -> {
        String from = r.getString("status");
        if (!MOVES.get(from).contains(to)) {
          return Future.failedFuture(new ApiError(422, "invalid_transition", "a " + from + " request cannot move to " + to
              + (MOVES.get(from).isEmpty() ? "" : "; it can move to " + String.join(", ", new java.util.TreeSet<>(MOVES.get(from)))),
              "status"));
        }
        boolean own = r.getLong("technicianId") != null && r.getLong("technicianId") == p.userId();
        if (Set.of("in_progress", "done", "not_done").contains(to) && !own && !isCoordinator) {
          return Future.failedFuture(ApiError.forbidden("only the request's technician or a coordinator may do this"));
        }
        return switch (to) {
          case "in_progress" -> r.getString("scheduledFor") == null || r.getLong("technicianId") == null
              ? Future.failedFuture(new ApiError(422, "not_scheduled", "give the request a date and a technician first",
                  r.getString("scheduledFor") == null ? "scheduledFor" : "technicianId"))
              : move(tx, p, r, to, null, false, null, null);
          case "not_done" -> {
            if (reason == null) {
              yield Future.failedFuture(ApiError.missing("reason"));
            }
            yield move(tx, p, r, to, reason, true, null, null).compose(h -> notifyCoordinators(tx, r, "service_not_done",
                "service-not-done:" + id + ":" + h,
                "Visita #" + id + " no realizada: reprogramar", "La solicitud #" + id + " (" + r.getString("kind")
                    + ") no se pudo realizar: " + reason + ". Hay que reprogramarla.",
                "Visit #" + id + " not done: reschedule", "Request #" + id + " (" + r.getString("kind")
                    + ") could not be done: " + reason + ". It needs a new date.").map(h));
          }
          case "scheduled" -> when == null ? Future.failedFuture(ApiError.missing("scheduledFor"))
              : move(tx, p, r, to, reason, false, at(when), technicianId);
          case "cancelled" -> cancel(tx, p, r, reason);
          default -> move(tx, p, r, to, reason, false, null, null);
        };
      })));
    }).compose(v -> get(p, id));
  }

  /** Writes the new status and its history row; answers the history row's id. */
  private Future<Long> move(SqlClient tx, Principal p, JsonObject r, String to, String reason, boolean needsScheduling,
      OffsetDateTime when, Long technicianId) {
    long id = r.getLong("id");
    return store.setStatus(tx, id, to, "not_done".equals(to) ? reason : null, needsScheduling, when, technicianId)
        .compose(v -> store.history(tx, id, r.getString("status"), to, reason, p.userId()));
  }

  /** Only coordinators cancel; an order at risk only once the seller's time to correct it is over. */
  private Future<Long> cancel(SqlClient tx, Principal p, JsonObject r, String reason) {
    long id = r.getLong("id");
    return store.openObservation(tx, id).compose(open -> {
      if (open == null) {
        return move(tx, p, r, "cancelled", reason, false, null, null);
      }
      Instant deadline = Instant.parse(open.getString("deadlineAt"));
      if (Instant.now().isBefore(deadline)) {
        long left = Duration.between(Instant.now(), deadline).getSeconds();
        return Future.failedFuture(ApiError.conflict("deadline_not_reached", "the seller has until " + deadline
            + " (" + Math.max(1, (left + 59) / 60) + " min) to correct the order; it cannot be cancelled before"));
      }
      return store.closeObservation(tx, open.getLong("id"), "cancelled", reason, p.userId())
          .compose(o -> move(tx, p, r, "cancelled", reason == null ? "observación no corregida a tiempo" : reason, false,
              null, null));
    });
  }

  // --- checklist

  public Future<JsonObject> checkItem(Principal p, long id, long itemId, JsonObject raw) {
    Boolean done = JsonBody.wrap(raw).optionalBoolean("done");
    if (done == null) {
      throw ApiError.missing("done");
    }
    return visible(p, id).compose(x -> store.pool().withTransaction(tx -> store.byId(tx, id, true).compose(r -> {
      if (Set.of("invoiced", "cancelled").contains(r.getString("status"))) {
        return Future.failedFuture(ApiError.conflict("closed_request", "a " + r.getString("status")
            + " request's checklist cannot change"));
      }
      JsonArray items = r.getJsonArray("checklist");
      JsonObject item = items.stream().map(o -> (JsonObject) o).filter(o -> o.getLong("id") == itemId).findFirst()
          .orElse(null);
      if (item == null) {
        return Future.failedFuture(ApiError.notFound("checklist item " + itemId));
      }
      item.put("done", done).put("doneAt", done ? Instant.now().toString() : null).put("doneBy", done ? p.userId() : null);
      return store.setChecklist(tx, id, items);
    }))).compose(v -> get(p, id));
  }

  // --- the visit report

  public Future<JsonObject> report(Principal p, long id, JsonObject raw) {
    JsonBody b = JsonBody.wrap(raw);
    Instant started = b.optionalInstant("startedAt");
    Instant ended = b.optionalInstant("endedAt");
    if (started == null) {
      throw ApiError.missing("startedAt");
    }
    if (ended == null) {
      throw ApiError.missing("endedAt");
    }
    if (ended.isBefore(started)) {
      throw ApiError.invalid("endedAt", "'endedAt' is before 'startedAt'");
    }
    String findings = text(b, "findings", 10_000);
    String risks = text(b, "risks", 5_000);
    JsonArray materials = materials(b.optionalArray("materials"));
    boolean fault = Boolean.TRUE.equals(b.optionalBoolean("faultFound"));
    return visible(p, id).compose(x -> coordinator(p)).compose(isCoordinator ->
        store.pool().withTransaction(tx -> store.byId(tx, id, true).compose(r -> {
          boolean own = r.getLong("technicianId") != null && r.getLong("technicianId") == p.userId();
          if (!own && !isCoordinator) {
            return Future.failedFuture(ApiError.forbidden("only the request's technician or a coordinator writes its report"));
          }
          if (!Set.of("in_progress", "done", "not_done").contains(r.getString("status"))) {
            return Future.failedFuture(ApiError.conflict("not_started", "a report is written once the visit started (the "
                + "request is " + r.getString("status") + ")"));
          }
          return store.upsertReport(tx, id, at(started), at(ended), findings, materials, risks, fault, p.userId())
              .compose(rep -> fault && "maintenance".equals(r.getString("kind"))
                  ? followUp(tx, p, r, findings).map(child -> rep.put("followUpRequestId", child)) : Future.succeededFuture(rep));
        })));
  }

  /** A maintenance that found a fault gets one service_work request, waiting for the coordinator to date it. */
  private Future<Long> followUp(SqlClient tx, Principal p, JsonObject maintenance, String findings) {
    long id = maintenance.getLong("id");
    String notes = "Falla detectada en la mantención #" + id + (findings == null ? "" : ": " + findings);
    return store.insert(tx, new ServiceStore.NewRequest("service_work", maintenance.getLong("contactId"),
            maintenance.getLong("accountId"), maintenance.getString("address"), null, null, maintenance.getLong("sellerId"),
            notes.length() > 5000 ? notes.substring(0, 5000) : notes, checklist(null, "service_work"), true, id, p.userId()))
        .compose(child -> {
          if (child == null) {
            return store.followUpOf(tx, id);
          }
          return store.history(tx, child, null, "scheduled", "mantención #" + id + " con falla", p.userId())
              .compose(h -> notifyCoordinators(tx, maintenance, "service_work_to_schedule", "service-followup:" + child,
                  "Trabajo #" + child + " por agendar", "La mantención #" + id + " encontró una falla; el trabajo #"
                      + child + " espera fecha y técnico.",
                  "Work #" + child + " to schedule", "Maintenance #" + id + " found a fault; work #" + child
                      + " needs a date and a technician."))
              .map(child);
        });
  }

  // --- photos

  public Future<JsonObject> addPhoto(Principal p, long id, String phase, Buffer bytes, String mimeType, String fileName) {
    if (!Set.of("before", "after").contains(phase)) {
      throw ApiError.badRequest("invalid_parameter", "'phase' must be before or after", "phase");
    }
    if (bytes.length() > settings.photoMaxBytes()) {
      throw new ApiError(413, "photo_too_large", "a photo is at most " + settings.photoMaxBytes() + " bytes", "photo");
    }
    String mime = mimeType == null ? "" : mimeType.toLowerCase().split(";")[0].trim();
    if (!PHOTO_TYPES.contains(mime) || !looksLike(mime, bytes)) {
      throw new ApiError(415, "unsupported_photo", "a photo is a JPEG, PNG, WebP or HEIC image", "photo");
    }
    return visible(p, id).compose(r -> {
      if (Set.of("invoiced", "cancelled").contains(r.getString("status"))) {
        return Future.failedFuture(ApiError.conflict("closed_request", "a " + r.getString("status")
            + " request takes no more photos"));
      }
      return store.photoCount(id);
    }).compose(n -> n >= MAX_PHOTOS ? Future.failedFuture(ApiError.conflict("too_many_photos",
            "a request keeps at most " + MAX_PHOTOS + " photos"))
        : media.put(bytes, mime).compose(key -> store.insertPhoto(id, phase, key, mime, bytes.length(),
            MediaService.safeName(fileName), p.userId())));
  }

  public record Photo(String mimeType, String fileName, Buffer bytes) {}

  public Future<Photo> photo(Principal p, long id, long photoId) {
    return visible(p, id).compose(r -> store.photo(id, photoId)).compose(ph -> ph == null
        ? Future.failedFuture(ApiError.notFound("photo " + photoId))
        : media.get(ph.getString("storageKey")).map(bytes -> new Photo(ph.getString("mimeType"), ph.getString("fileName"),
            bytes)));
  }

  /** The first bytes must agree with the declared type (a phone browser's type is trusted no further). */
  private static boolean looksLike(String mime, Buffer b) {
    if (b.length() < 12) {
      return false;
    }
    return switch (mime) {
      case "image/jpeg" -> (b.getByte(0) & 0xff) == 0xFF && (b.getByte(1) & 0xff) == 0xD8 && (b.getByte(2) & 0xff) == 0xFF;
      case "image/png" -> (b.getByte(0) & 0xff) == 0x89 && b.getByte(1) == 'P' && b.getByte(2) == 'N' && b.getByte(3) == 'G';
      case "image/webp" -> b.getString(0, 4).equals("RIFF") && b.getString(8, 12).equals("WEBP");
      case "image/heic" -> b.getString(4, 8).equals("ftyp");
      default -> false;
    };
  }

  // --- at-risk work orders

  public Future<JsonObject> raiseObservation(Principal p, long id, JsonObject raw) {
    JsonBody b = JsonBody.wrap(raw);
    String kind = b.oneOf("kind", null, Set.of("address", "technical"));
    if (kind == null) {
      throw ApiError.missing("kind");
    }
    String description = text(b, "description", 2000);
    if (description == null) {
      throw ApiError.missing("description");
    }
    return visible(p, id).compose(x -> store.pool().withTransaction(tx -> store.byId(tx, id, true).compose(r -> {
      if (!Set.of("scheduled", "in_progress", "not_done").contains(r.getString("status"))) {
        return Future.failedFuture(ApiError.conflict("closed_request", "a " + r.getString("status")
            + " request cannot be put at risk"));
      }
      Long seller = r.getLong("sellerId");
      return store.insertObservation(tx, id, kind, description, p.userId(), seller, settings.atRiskHours()).compose(o -> {
        if (o == null) {
          return Future.failedFuture(ApiError.conflict("observation_open", "the request already has an open observation"));
        }
        String key = "service-observation:" + o.getLong("id");
        String es = "La orden #" + id + " está en riesgo de cancelación (" + ("address".equals(kind) ? "dirección"
            : "datos técnicos") + "): " + description + ". Corrígela antes de " + o.getString("deadlineAt") + ".";
        String en = "Work order #" + id + " is at risk of cancellation (" + kind + "): " + description
            + ". Correct it before " + o.getString("deadlineAt") + ".";
        Future<Void> sent = seller == null
            ? notifyCoordinators(tx, r, "service_observation", key, "Orden #" + id + " en riesgo", es,
                "Work order #" + id + " at risk", en)
            : store.person(tx, seller).compose(s -> notifications.enqueue(tx, Notification.inApp(seller,
                "service_observation", "en".equals(s.locale()) ? "Work order #" + id + " at risk" : "Orden #" + id
                    + " en riesgo", "en".equals(s.locale()) ? en : es,
                new JsonObject().put("serviceRequestId", id).put("observationId", o.getLong("id")), key))).mapEmpty();
        return sent;
      });
    }))).compose(v -> get(p, id));
  }

  /** The seller (or a coordinator) corrects the order; a corrected address may come with it. */
  public Future<JsonObject> resolveObservation(Principal p, long id, long observationId, JsonObject raw) {
    JsonBody b = JsonBody.wrap(raw);
    String resolution = text(b, "resolution", 2000);
    if (resolution == null) {
      throw ApiError.missing("resolution");
    }
    String address = text(b, "address", 500);
    String notes = text(b, "notes", 5000);
    return visible(p, id).compose(x -> coordinator(p)).compose(isCoordinator ->
        store.pool().withTransaction(tx -> store.byId(tx, id, true).compose(r -> store.openObservation(tx, id))
            .compose(open -> {
              if (open == null || open.getLong("id") != observationId) {
                return Future.failedFuture(ApiError.conflict("observation_closed", "observation " + observationId
                    + " is not open on this request"));
              }
              Long seller = open.getLong("sellerId");
              if (!isCoordinator && (seller == null || seller != p.userId())) {
                return Future.failedFuture(ApiError.forbidden("only the responsible seller or a coordinator resolves it"));
              }
              return store.closeObservation(tx, observationId, "resolved", resolution, p.userId())
                  .compose(o -> store.updateDetails(tx, id, address, notes, null, null, null));
            })))
        .compose(v -> get(p, id));
  }

  public Future<JsonObject> atRiskSummary() {
    return store.atRiskSummary().map(s -> {
      long raised = s.getLong("raised");
      double share = raised == 0 ? 0 : Math.round(10_000.0 * s.getLong("saved") / raised) / 10_000.0;
      return s.put("savedShare", share);
    });
  }

  // --- technicians

  public Future<List<JsonObject>> technicians() {
    return store.technicians();
  }

  public Future<Void> setTechnicianLevel(long userId, JsonObject raw) {
    JsonBody b = JsonBody.wrap(raw);
    if (!raw.containsKey("level")) {
      throw ApiError.missing("level");
    }
    String level = b.oneOf("level", null, Set.of("standard", "specialist"));
    return store.setTechnicianLevel(userId, level).compose(found -> found ? Future.succeededFuture()
        : Future.failedFuture(ApiError.notFound("user " + userId)));
  }

  // --- helpers

  private Future<Void> notifyCoordinators(SqlClient tx, JsonObject r, String kind, String dedupe, String subjectEs,
      String bodyEs, String subjectEn, String bodyEn) {
    return store.coordinators(tx, r.getLong("technicianId")).compose(people -> {
      Future<Void> chain = Future.succeededFuture();
      for (ServiceStore.Person c : people) {
        boolean en = "en".equals(c.locale());
        Notification n = Notification.inApp(c.id(), kind, en ? subjectEn : subjectEs, en ? bodyEn : bodyEs,
            new JsonObject().put("serviceRequestId", r.getLong("id")), dedupe + ":" + c.id());
        chain = chain.compose(v -> notifications.enqueue(tx, n).mapEmpty());
      }
      return chain;
    });
  }

  private Future<Void> requireTechnician(long userId) {
    return store.technicianLevel(userId).compose(level -> level != null ? Future.succeededFuture()
        : Future.failedFuture(ApiError.invalid("technicianId", "user " + userId + " is not a technician")));
  }

  private Future<Void> exists(String table, long id, String field) {
    return store.exists(table, id).compose(ok -> ok ? Future.succeededFuture()
        : Future.failedFuture(ApiError.invalid(field, "'" + field + "' points to no existing record")));
  }

  private static String text(JsonBody b, String field, int max) {
    String s = b.optionalString(field, max);
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static OffsetDateTime at(Instant i) {
    return i == null ? null : i.atOffset(ZoneOffset.UTC);
  }

  private static JsonArray checklist(JsonArray given, String kind) {
    List<String> texts = new ArrayList<>();
    if (given == null) {
      texts.addAll(CHECKLISTS.get(kind));
    } else {
      if (given.size() > 50) {
        throw ApiError.invalid("checklist", "a checklist has at most 50 items");
      }
      for (Object o : given) {
        if (!(o instanceof String s) || s.isBlank() || s.length() > 200) {
          throw ApiError.invalid("checklist", "each checklist item is a text of 1 to 200 characters");
        }
        texts.add(s.trim());
      }
    }
    JsonArray items = new JsonArray();
    for (int i = 0; i < texts.size(); i++) {
      items.add(new JsonObject().put("id", i + 1).put("text", texts.get(i)).put("done", false));
    }
    return items;
  }

  private static JsonArray materials(JsonArray given) {
    JsonArray out = new JsonArray();
    if (given == null) {
      return out;
    }
    if (given.size() > 100) {
      throw ApiError.invalid("materials", "at most 100 materials");
    }
    for (Object o : given) {
      if (!(o instanceof JsonObject m) || !(m.getValue("name") instanceof String name) || name.isBlank()
          || name.length() > 200) {
        throw ApiError.invalid("materials", "each material is {\"name\", \"quantity\", \"unit\"?}");
      }
      Object q = m.getValue("quantity", 1);
      if (!(q instanceof Number n) || n.doubleValue() <= 0) {
        throw ApiError.invalid("materials", "a material's quantity is a positive number");
      }
      Object unit = m.getValue("unit");
      if (unit != null && (!(unit instanceof String u) || u.length() > 20)) {
        throw ApiError.invalid("materials", "a material's unit is a short text");
      }
      out.add(new JsonObject().put("name", name.trim()).put("quantity", q).put("unit", unit));
    }
    return out;
  }
}
