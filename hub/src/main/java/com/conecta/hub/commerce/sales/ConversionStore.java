package com.conecta.hub.commerce.sales;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/** SQL of converting a lead: claim it once, find or make its contact and account, link everything. */
public record ConversionStore(Pool pool) {
  /** Claims the lead: a second conversion (even a parallel one) finds converted_at set and changes nothing. */
  private static final String CLAIM = """
      update leads l set converted_at = now(), updated_at = now() where id = $1 and converted_at is null
      returning l.id, l.stage, l.assignee_id, l.title, l.interest_area, l.answers ->> 'name' as answer_name,
        coalesce(l.contact_id, (select cv.contact_id from conversations cv where cv.id = l.conversation_id)) as contact_id""";
  private static final String NEW_CONTACT = "insert into contacts (name) values ($1) returning id";
  private static final String ACCOUNT_BY_TAX_ID = """
      select id from accounts where tax_id = $1 and kind = 'business' order by id limit 1""";
  private static final String NEW_ACCOUNT = """
      insert into accounts (name, tax_id, kind, owner_id) values ($1, $2, $3, $4) returning id""";
  private static final String LINK_CONTACT = "update contacts set account_id = $2, updated_at = now() where id = $1";
  private static final String LINK_LEAD = """
      update leads set contact_id = $2, account_id = $3, opportunity_id = $4, updated_at = now() where id = $1""";
  private static final String CONTACT_NAME = "select name from contacts where id = $1";
  private static final String STAGE_OUTCOME = "select outcome from lead_stages where key = $1";

  /** The claimed lead, or null when it does not exist or was converted already. */
  public Future<JsonObject> claim(SqlClient tx, long leadId) {
    return tx.preparedQuery(CLAIM).execute(Tuple.of(leadId)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row r = rows.iterator().next();
      return new JsonObject().put("id", r.getLong("id")).put("stage", r.getString("stage"))
          .put("assigneeId", r.getLong("assignee_id")).put("title", r.getString("title"))
          .put("interestArea", r.getString("interest_area"))
          .put("answerName", r.getString("answer_name")).put("contactId", r.getLong("contact_id"));
    });
  }

  public Future<String> stageOutcome(SqlClient tx, String stage) {
    return tx.preparedQuery(STAGE_OUTCOME).execute(Tuple.of(stage))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
  }

  public Future<String> contactName(Long contactId) {
    return contactId == null ? Future.succeededFuture(null) : pool.preparedQuery(CONTACT_NAME).execute(Tuple.of(contactId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
  }

  public Future<Long> newContact(SqlClient tx, String name) {
    return tx.preparedQuery(NEW_CONTACT).execute(Tuple.of(name)).map(rows -> rows.iterator().next().getLong(0));
  }

  /** A business account with the same tax id is the same company: reuse it rather than make a twin. */
  public Future<Long> account(SqlClient tx, String name, String taxId, String kind, Long ownerId) {
    Future<Long> existing = taxId == null || !"business".equals(kind) ? Future.succeededFuture(null)
        : tx.preparedQuery(ACCOUNT_BY_TAX_ID).execute(Tuple.of(taxId))
            .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
    return existing.compose(id -> id != null ? Future.succeededFuture(id)
        : tx.preparedQuery(NEW_ACCOUNT).execute(Tuple.of(name, taxId, kind, ownerId))
            .map(rows -> rows.iterator().next().getLong(0)));
  }

  public Future<Void> link(SqlClient tx, long leadId, long contactId, long accountId, long opportunityId) {
    return tx.preparedQuery(LINK_CONTACT).execute(Tuple.of(contactId, accountId))
        .compose(v -> tx.preparedQuery(LINK_LEAD).execute(Tuple.of(leadId, contactId, accountId, opportunityId)))
        .mapEmpty();
  }
}
