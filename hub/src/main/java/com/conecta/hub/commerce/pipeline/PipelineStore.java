package com.conecta.hub.commerce.pipeline;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** SQL of the pipeline board: every column's count and amount in one query, its first cards in another. */
public record PipelineStore(Pool pool) {
  /** Which leads a board shows: closed stages only for 30 days (a board is for what is being worked), then filters. */
  private static final String WHERE = """
      (s.outcome = 'open' or l.stage_changed_at > now() - interval '30 days')
        and ($1::bigint is null or l.assignee_id = $1)
        and ($2::bigint is null or l.team_id = $2)
        and ($3::text is null or l.source = $3)
        and ($4::text is null or l.campaign = $4)
        and ($5::text[] is null or l.interest_area = any($5))
        and ($6::bigint is null or l.assignee_id = $6
             or exists (select 1 from conversations cv where cv.contact_id = l.contact_id and cv.inbox_id = any($7)))""";
  /** What a lead is worth: its opportunity's amount once converted, else the budget the customer gave the bot. */
  private static final String AMOUNT = "coalesce(o.amount, l.budget_amount)";
  private static final String TOTALS = """
      select l.stage, count(*) as n, sum(%s) as total
      from leads l join lead_stages s on s.key = l.stage and s.active left join opportunities o on o.id = l.opportunity_id
      where %s
      group by l.stage""".formatted(AMOUNT, WHERE);
  /**
   * Each stage's newest moves, read down the (stage, stage_changed_at) index one column at a time, so the cost follows
   * the cards shown rather than the leads on the board; only those are joined to contact, owner and last message.
   */
  private static final String CARDS = """
      select l.id, l.stage, l.stage_changed_at, %s as amount, l.title, l.interest_area, l.priority, l.score,
             l.source, l.campaign, l.assignee_id, u.name as owner_name, l.conversation_id, l.contact_id,
             c.name as contact_name, c.phone as contact_phone, l.opportunity_id, o.currency,
             lm.text as last_text, lm.content_type as last_type, lm.direction as last_direction, lm.created_at as last_at
      from lead_stages s
      cross join lateral (select l.* from leads l where l.stage = s.key and %s
                          order by l.stage_changed_at desc, l.id desc limit $8) l
      left join contacts c on c.id = l.contact_id
      left join users u on u.id = l.assignee_id
      left join opportunities o on o.id = l.opportunity_id
      left join lateral (select m.text, m.content_type, m.direction, m.created_at from messages m
                         where m.conversation_id = l.conversation_id and not m.private and m.sender_kind <> 'system'
                         order by m.id desc limit 1) lm on true
      where s.active
      order by s.position, l.stage_changed_at desc, l.id desc""".formatted(AMOUNT, WHERE);
  /** Sources and campaigns of open leads, for the filters' choices. */
  private static final String FACETS = """
      select 'source' as kind, source as value from (select distinct source from leads where source is not null) s
      union all
      select 'campaign', campaign from (select distinct campaign from leads where campaign is not null limit 100) c""";

  /** Per stage key: {count, amount, cards}. Stages with no lead are absent. */
  public Future<JsonObject> board(BoardFilter f, Long scopedUserId, Long[] scopedInboxes) {
    Tuple filter = Tuple.tuple().addLong(f.ownerId()).addLong(f.teamId()).addString(f.source())
        .addString(f.campaign()).addArrayOfString(f.interests() == null ? null : f.interests().toArray(String[]::new))
        .addLong(scopedUserId).addArrayOfLong(scopedInboxes);
    Tuple cards = Tuple.tuple();
    for (int i = 0; i < filter.size(); i++) {
      cards.addValue(filter.getValue(i));
    }
    cards.addInteger(f.perColumn());
    return Future.all(pool.preparedQuery(TOTALS).execute(filter), pool.preparedQuery(CARDS).execute(cards)).map(all -> {
      JsonObject columns = new JsonObject();
      for (Row r : all.<RowSet<Row>>resultAt(0)) {
        BigDecimal total = r.getBigDecimal("total");
        columns.put(r.getString("stage"), new JsonObject().put("count", r.getLong("n"))
            .put("amount", total == null ? "0" : total.toPlainString()).put("cards", new JsonArray()));
      }
      for (Row r : all.<RowSet<Row>>resultAt(1)) {
        JsonObject col = columns.getJsonObject(r.getString("stage"));
        if (col != null) {
          col.getJsonArray("cards").add(card(r));
        }
      }
      return columns;
    });
  }

  public Future<JsonObject> facets() {
    return pool.query(FACETS).execute().map(rows -> {
      JsonArray sources = new JsonArray();
      JsonArray campaigns = new JsonArray();
      for (Row r : rows) {
        ("source".equals(r.getString("kind")) ? sources : campaigns).add(r.getString("value"));
      }
      return new JsonObject().put("sources", sources).put("campaigns", campaigns);
    });
  }

  private static JsonObject card(Row r) {
    BigDecimal amount = r.getBigDecimal("amount");
    OffsetDateTime lastAt = r.getOffsetDateTime("last_at");
    return new JsonObject().put("id", r.getLong("id")).put("stage", r.getString("stage"))
        .put("stageChangedAt", r.getOffsetDateTime("stage_changed_at").toInstant().toString())
        .put("title", r.getString("title")).put("interestArea", r.getString("interest_area"))
        .put("priority", r.getString("priority")).put("score", r.getInteger("score"))
        .put("source", r.getString("source")).put("campaign", r.getString("campaign"))
        .put("amount", amount == null ? null : amount.toPlainString())
        .put("currency", r.getString("currency") == null ? "CLP" : r.getString("currency"))
        .put("ownerId", r.getLong("assignee_id")).put("ownerName", r.getString("owner_name"))
        .put("conversationId", r.getLong("conversation_id")).put("contactId", r.getLong("contact_id"))
        .put("contactName", r.getString("contact_name")).put("contactPhone", r.getString("contact_phone"))
        .put("opportunityId", r.getLong("opportunity_id"))
        .put("lastMessage", lastAt == null ? null : new JsonObject().put("text", r.getString("last_text"))
            .put("contentType", r.getString("last_type")).put("direction", r.getString("last_direction"))
            .put("at", lastAt.toInstant().toString()));
  }
}
