package com.conecta.hub.commerce.sales;

import com.conecta.hub.foundation.auth.Principal;
import com.conecta.hub.foundation.auth.Role;
import com.conecta.hub.foundation.web.ApiError;
import com.conecta.hub.foundation.web.Page;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Opportunities: an account's deal with its salespeople and the divisions it claims. While one is open, a salesperson
 * who is not on it cannot open a competing one on the same account and division (409 naming the owner) unless a
 * supervisor overrides, which is audited. The check runs under a lock on the account, so parallel requests on any node
 * see each other.
 */
public final class OpportunityService {
  private final OpportunityStore store;
  private final List<Consumer<JsonObject>> changed = new CopyOnWriteArrayList<>();

  public OpportunityService(OpportunityStore store) {
    this.store = store;
  }

  /** Called with the saved opportunity after every create and update (the boards redraw it). */
  public void onChanged(Consumer<JsonObject> listener) {
    changed.add(listener);
  }

  private JsonObject announced(JsonObject saved) {
    changed.forEach(l -> l.accept(saved));
    return saved;
  }

  public Future<JsonObject> create(Principal p, Opportunity o) {
    requireWriter(p);
    return store.pool().withTransaction(tx -> createIn(tx, p, o)).compose(store::byId).map(this::announced);
  }

  /** Opens the opportunity inside the caller's transaction (lead conversion uses it); answers the new id. */
  public Future<Long> createIn(SqlClient tx, Principal p, Opportunity o) {
    return store.actor(tx, p.userId()).compose(a -> store.lockAccount(tx, o.accountId())).compose(found -> found ? store.stage(tx, o.stage())
            : Future.failedFuture(ApiError.invalid("accountId", "'accountId' points to no existing account")))
        .compose(stage -> stage != null && stage.lost()
            ? Future.failedFuture(ApiError.invalid("stage", "a new opportunity cannot start lost"))
            : checked(tx, o, stage).compose(v -> claim(tx, p, o, null)).compose(overriddenBy -> {
          int probability = o.probability() == null ? stage.probability() : o.probability();
          return store.insert(tx, new Opportunity(o.accountId(), o.contactId(), o.leadId(), o.name(), o.amount(),
                  o.currency(), o.expectedClose(), stage.key(), probability, o.salespeople(), o.divisions(), false),
                  probability, o.probability() != null, stage.outcome(), p.userId(), overriddenBy)
              .compose(id -> overriddenBy == null ? Future.succeededFuture(id)
                  : store.audit(tx, p.userId(), "opportunity.override", id, new JsonObject()
                      .put("accountId", o.accountId()).put("divisions", new JsonArray(o.divisions()))).map(id));
        }));
  }

  /**
   * A change: fields left null keep their value. {@code probability} null keeps an overridden probability or follows the
   * stage; {@code followStage} true goes back to the stage's default.
   */
  public Future<JsonObject> update(Principal p, long id, Function<JsonObject, Opportunity> change, boolean followStage,
      String lostReason) {
    requireWriter(p);
    return visible(p, id).compose(current -> store.pool().withTransaction(tx -> store.actor(tx, p.userId())
        .compose(a -> store.lockAccount(tx, current.getLong("accountId")))
        .compose(v -> store.byId(tx, id)).compose(fresh -> {
          Opportunity o = change.apply(fresh);
          return store.stage(tx, o.stage()).compose(stage -> stage != null && stage.lost() && lostReason == null
              && !"lost".equals(fresh.getString("status"))
              ? Future.failedFuture(new ApiError(422, "lost_reason_required", "a lost opportunity needs a 'lostReason'",
                  "lostReason"))
              : checked(tx, o, stage).compose(v -> {
            boolean claimsMore = "open".equals(stage.outcome()) && (!"open".equals(fresh.getString("status"))
                || !fresh.getJsonArray("divisions").getList().containsAll(o.divisions())
                || !o.salespeople().containsAll(longs(fresh.getJsonArray("salespeopleIds"))));
            return claimsMore ? claim(tx, p, o, id) : Future.succeededFuture((Long) null);
          }).compose(overriddenBy -> {
            boolean overridden = !followStage && (o.probability() != null || fresh.getBoolean("probabilityOverridden"));
            int probability = followStage ? stage.probability() : o.probability() != null ? o.probability()
                : overridden ? fresh.getInteger("probability") : stage.probability();
            return store.update(tx, id, new Opportunity(o.accountId(), o.contactId(), o.leadId(), o.name(), o.amount(),
                    o.currency(), o.expectedClose(), stage.key(), probability, o.salespeople(), o.divisions(), false),
                    probability, overridden, stage.outcome(), overriddenBy, lostReason)
                .compose(v -> overriddenBy == null ? Future.succeededFuture()
                    : store.audit(tx, p.userId(), "opportunity.override", id, new JsonObject()
                        .put("accountId", o.accountId()).put("divisions", new JsonArray(o.divisions()))));
          }));
        }))).compose(v -> store.byId(id)).map(this::announced);
  }

  public Future<JsonObject> get(Principal p, long id) {
    return visible(p, id);
  }

  public Future<Page<JsonObject>> list(Principal p, Long accountId, String status, String stage, Long salespersonId,
      String division, Long beforeId, int limit) {
    return store.list(accountId, status, stage, salespersonId, division, p.role() == Role.AGENT ? p.userId() : null,
        beforeId, limit);
  }

  public Future<JsonArray> divisions() {
    return store.divisions();
  }

  /** Open opportunities weighted by probability; agents see their own. */
  public Future<JsonObject> forecast(Principal p, String groupBy, LocalDate from, LocalDate to) {
    return store.forecast(groupBy, from, to, p.role() == Role.AGENT ? p.userId() : null)
        .map(groups -> new JsonObject().put("groupBy", groupBy).put("from", from == null ? null : from.toString())
            .put("to", to == null ? null : to.toString()).put("groups", groups));
  }

  /** Agents see the opportunities they sell; admins and marketing see all. 404 otherwise. */
  private Future<JsonObject> visible(Principal p, long id) {
    return store.byId(id).compose(o -> o == null || (p.role() == Role.AGENT
        && !longs(o.getJsonArray("salespeopleIds")).contains(p.userId()))
        ? Future.failedFuture(ApiError.notFound("opportunity " + id)) : Future.succeededFuture(o));
  }

  private Future<Void> checked(SqlClient tx, Opportunity o, LeadStage stage) {
    if (stage == null) {
      return Future.failedFuture(ApiError.invalid("stage", "'stage' is not a stage of the pipeline"));
    }
    return store.divisionsActive(tx, o.divisions())
        .compose(ok -> ok ? store.usersActive(tx, o.salespeople())
            : Future.failedFuture(ApiError.invalid("divisions", "'divisions' names a division that does not exist")))
        .compose(ok -> ok ? Future.succeededFuture()
            : Future.failedFuture(ApiError.invalid("salespeopleIds", "'salespeopleIds' names a user who does not exist")));
  }

  /**
   * Refuses a competing claim unless overridden by a supervisor; answers the overriding user's id when an override was
   * used, else null. Runs under the account lock taken by the caller.
   */
  private Future<Long> claim(SqlClient tx, Principal p, Opportunity o, Long selfId) {
    return store.competing(tx, o.accountId(), o.divisions(), o.salespeople(), selfId).compose(c -> {
      if (c == null) {
        return Future.succeededFuture((Long) null);
      }
      if (!o.override()) {
        return Future.failedFuture(ApiError.conflict("competing_opportunity", "opportunity #" + c.id() + " of "
            + c.owners() + " is open on this account for " + c.divisions()
            + "; ask " + c.owners() + " or a supervisor (who may send \"override\": true)"));
      }
      Future<Boolean> supervisor = p.isAdmin() ? Future.succeededFuture(true) : store.isSupervisor(tx, p.userId());
      return supervisor.compose(yes -> yes ? Future.succeededFuture(p.userId())
          : Future.failedFuture(ApiError.forbidden("only an admin or a team supervisor may override a competing opportunity")));
    });
  }

  private static void requireWriter(Principal p) {
    if (p.role() == Role.MARKETING) {
      throw ApiError.forbidden("marketing reads CRM records; agents and admins change them");
    }
  }

  static List<Long> longs(JsonArray a) {
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      out.add(((Number) a.getValue(i)).longValue());
    }
    return out;
  }
}
