package com.conecta.hub.channels.webform;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/** SQL for web forms: the lead a submission makes, and finding it again by its reference code. */
public record FormStore(Pool pool) {
  private static final String TEAM = "select id from teams where lower(name) = lower($1)";
  private static final String LEAD = """
      insert into leads (contact_id, conversation_id, title, stage, source, campaign, interest_area, team_id,
                         answers, custom_attributes)
      values ($1, $2, $3, 'new', 'webform', $4, $5, $6, $7, $8)
      returning id, team_id, assignee_id""";
  private static final String BY_CODE = """
      select id, contact_id from leads where custom_attributes ->> 'referenceCode' = $1 order by id desc limit 1""";
  private static final String LINK = """
      update leads set custom_attributes = custom_attributes || jsonb_build_object('whatsappConversationId', $2::bigint),
             updated_at = now() where id = $1""";

  public Future<Long> teamByName(String name) {
    return name == null ? Future.succeededFuture(null) : pool.preparedQuery(TEAM).execute(Tuple.of(name))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
  }

  public Future<JsonObject> lead(long contactId, long conversationId, String title, String campaign, String interest,
      Long teamId, JsonObject answers, JsonObject attributes) {
    return pool.preparedQuery(LEAD).execute(Tuple.tuple().addLong(contactId).addLong(conversationId).addString(title)
            .addString(campaign).addString(interest).addLong(teamId).addValue(answers).addValue(attributes))
        .map(rows -> {
          Row r = rows.iterator().next();
          return new JsonObject().put("id", r.getLong("id")).put("teamId", r.getLong("team_id"))
              .put("assigneeId", r.getLong("assignee_id"));
        });
  }

  public record CodedLead(long id, long contactId) {}

  public Future<CodedLead> byCode(String code) {
    return pool.preparedQuery(BY_CODE).execute(Tuple.of(code)).map(rows -> rows.size() == 0 ? null
        : new CodedLead(rows.iterator().next().getLong("id"), rows.iterator().next().getLong("contact_id")));
  }

  public Future<Void> linkWhatsApp(long leadId, long conversationId) {
    return pool.preparedQuery(LINK).execute(Tuple.of(leadId, conversationId)).mapEmpty();
  }
}
