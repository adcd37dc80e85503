package com.conecta.hub.operations.supervision;

import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.foundation.web.ApiError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What supervisors and admins read and tune: a team's load against capacity with its waiting queue, an inbox's
 * non-secret settings (secrets are write-only), and the bot flows as their source files. {@code forgetSignIns} tells
 * every node that what it remembers of a user's sign-in (their teams) is stale.
 */
public record SupervisionService(
    Vertx vertx,
    SupervisionStore store,
    int presenceSeconds,
    java.util.function.LongFunction<Future<Void>> forgetSignIns) {
  /** Settings whose values are never sent back to a browser once stored. */
  static final Pattern SECRET = Pattern.compile("(?i).*(secret|token|password|apikey|api_key|credential).*");
  private static final List<String> BUNDLED_FLOWS = List.of("sales.yaml", "service.yaml");

  /** Admins see every team; an agent only the teams they supervise. */
  public Future<JsonObject> teamLoad(Principal p, long teamId) {
    return store.team(teamId).compose(team -> {
      if (team == null) {
        return Future.failedFuture(ApiError.notFound("team " + teamId));
      }
      Future<Boolean> allowed = p.isAdmin() ? Future.succeededFuture(true) : store.isSupervisor(teamId, p.userId());
      return allowed.compose(ok -> ok ? Future.succeededFuture(team)
          : Future.failedFuture(ApiError.forbidden("only this team's supervisors and admins see its load")));
    }).compose(team -> store.agents(teamId, presenceSeconds).compose(agents -> store.waiting(teamId)
        .map(waiting -> team.put("agents", agents).put("waiting", waiting)
            .put("online", agents.stream().filter(a -> "online".equals(((JsonObject) a).getString("availability"))).count()))));
  }

  /** The customer's conversations on every channel the user may see, newest first. */
  public Future<JsonArray> history(Principal p, long contactId) {
    // An agent who sees none of the contact's conversations is not told the contact exists.
    return store.history(contactId, p.inboxFilter()).compose(items -> items.isEmpty() && !p.seesAllInboxes()
        ? Future.failedFuture(ApiError.notFound("contact " + contactId)) : Future.succeededFuture(items));
  }

  /** An admin sets an agent's capacity (null = no limit) and, when given, exactly which teams they belong to. */
  public Future<Void> updateUser(long userId, boolean capacityGiven, Integer capacity, List<Long> teamIds) {
    return store.userExists(userId).compose(ok -> ok
        ? store.updateUser(userId, capacityGiven, capacity, teamIds == null ? null : teamIds.toArray(Long[]::new))
        : Future.failedFuture(ApiError.notFound("user " + userId)))
        // A session's principal carries the user's teams, which decide the inboxes they see: a membership change
        // applies to their next request on every node, not when a cached principal expires.
        .compose(v -> teamIds == null ? Future.<Void>succeededFuture() : forgetSignIns.apply(userId));
  }

  /** The inboxes a campaign can send from (WhatsApp numbers), for marketing, who sees no conversations. */
  public Future<JsonArray> sendingInboxes() {
    return store.sendingInboxes();
  }

  public Future<JsonObject> inboxSettings(long inboxId) {
    return store.inbox(inboxId).compose(i -> i == null ? Future.failedFuture(ApiError.notFound("inbox " + inboxId))
        : Future.succeededFuture(masked(i)));
  }

  /**
   * Merges a change into the inbox's settings: a null value removes a key; a secret is only ever replaced, and an
   * empty secret means "keep the stored one" (the browser never had it).
   */
  public Future<JsonObject> updateInbox(long inboxId, String name, Long teamId, boolean teamGiven, JsonObject change) {
    return store.inbox(inboxId).compose(i -> {
      if (i == null) {
        return Future.failedFuture(ApiError.notFound("inbox " + inboxId));
      }
      JsonObject settings = i.getJsonObject("settings").copy();
      for (String key : change.fieldNames()) {
        if (!key.matches("[A-Za-z][A-Za-z0-9_]{0,63}")) {
          return Future.failedFuture(ApiError.invalid("settings." + key, "a setting's name is letters and digits"));
        }
        Object v = change.getValue(key);
        if (v == null) {
          settings.remove(key);
        } else if (SECRET.matcher(key).matches() && v instanceof String s && s.isEmpty()) {
          continue;
        } else {
          settings.put(key, v);
        }
      }
      if (settings.getValue("businessHours") != null) {
        try {
          com.conecta.hub.marketing.bot.BusinessHours.of(settings);
        } catch (RuntimeException e) {
          return Future.failedFuture(ApiError.invalid("settings.businessHours",
              "business hours are {timeZone, weekly: {mon: [\"09:00\", \"18:00\"]}, holidays: [\"2026-12-25\"]}"));
        }
      }
      return store.saveInbox(inboxId, name, teamGiven ? teamId : i.getLong("teamId"), settings);
    }).compose(v -> inboxSettings(inboxId));
  }

  static JsonObject masked(JsonObject inbox) {
    JsonObject settings = new JsonObject();
    JsonArray secrets = new JsonArray();
    inbox.getJsonObject("settings").forEach(e -> {
      if (SECRET.matcher(e.getKey()).matches()) {
        secrets.add(e.getKey());
      } else {
        settings.put(e.getKey(), e.getValue());
      }
    });
    return inbox.copy().put("settings", settings).put("secretsSet", secrets);
  }

  /** The bot flows as written in config/bots (the file on disk, or the copy bundled in the jar). */
  public Future<List<JsonObject>> botFlows() {
    var fs = vertx.fileSystem();
    return fs.exists("config/bots").compose(onDisk -> onDisk
            ? fs.readDir("config/bots", ".*\\.yaml").map(paths -> paths.stream()
                .map(path -> "config/bots/" + java.nio.file.Path.of(path).getFileName()).sorted().toList())
            : Future.succeededFuture(BUNDLED_FLOWS.stream().map(n -> "config/bots/" + n).toList()))
        .compose(paths -> {
          List<Future<JsonObject>> reads = new ArrayList<>();
          for (String path : paths) {
            reads.add(fs.readFile(path).map(b -> new JsonObject().put("id", flowId(b.toString(), path))
                .put("source", path).put("text", b.toString())));
          }
          return Future.all(reads).map(all -> all.<JsonObject>list());
        });
  }

  private static String flowId(String yaml, String path) {
    var m = Pattern.compile("(?m)^id:\\s*['\"]?([\\w-]+)").matcher(yaml);
    return m.find() ? m.group(1) : path.replaceAll(".*/|\\.yaml$", "");
  }
}
