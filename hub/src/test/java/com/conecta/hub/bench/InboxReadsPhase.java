package com.conecta.hub.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Inbox reads over a large inbox (the mode's conversations and messages, loaded straight into the database and
 * vacuumed as a running database would be): the conversation list and a conversation's newest messages, as an agent
 * reads them, with the plans PostgreSQL chose written beside the figures.
 */
final class InboxReadsPhase {
  private static final String PHONE_NUMBER_ID = HubBenchmarkTest.PHONE_NUMBER_ID;
  private final BenchReport report;

  InboxReadsPhase(BenchReport report) {
    this.report = report;
  }

  void run(BenchMode mode, CommandedJvm gen, Pool sql, String agentCookie, HubProcess hub, Path out)
      throws Exception {
    long t0 = System.nanoTime();
    int n = mode.conversations();
    Row inbox = sql.query("select id, team_id from inboxes where channel_account_id = '" + PHONE_NUMBER_ID + "'")
        .execute().await().iterator().next();
    long inboxId = inbox.getLong(0);
    long teamId = inbox.getLong(1);
    Row range = sql.query("with c as (insert into contacts (name, phone, city) select 'Lector ' || g, "
        + "'+5697' || lpad(g::text, 7, '0'), (array['Santiago','Temuco','Maipú','Concepción'])[1 + g % 4] "
        + "from generate_series(1, " + n + ") g returning id) select min(id), max(id) from c").execute().await()
        .iterator().next();
    long lo = range.getLong(0);
    long hi = range.getLong(1);
    sql.query("insert into contact_identities (contact_id, kind, value) select id, 'whatsapp', '5697' || "
        + "lpad((id - " + lo + " + 1)::text, 7, '0') from contacts where id between " + lo + " and " + hi)
        .execute().await();
    Row conv = sql.query("with c as (insert into conversations (inbox_id, contact_id, team_id, status, "
        + "last_activity_at, last_inbound_at, last_message_preview, unread_count) select " + inboxId + ", id, "
        + teamId + ", (array['open','open','open','pending','resolved','resolved'])[1 + (id % 6)], "
        + "now() - (random() * interval '90 days') - interval '1 hour', now() - interval '2 hours', "
        + "'Hola, quisiera una cotización', (id % 3)::int from contacts where id between " + lo + " and " + hi
        + " returning id) select min(id), max(id) from c").execute().await().iterator().next();
    long cLo = conv.getLong(0);
    long cHi = conv.getLong(1);
    int k = mode.messagesPerConversation();
    sql.query("insert into messages (conversation_id, inbox_id, direction, sender_kind, content_type, text, "
        + "provider_message_id, status, created_at, sent_at) select c.id, " + inboxId + ", "
        + "case when g % 2 = 1 then 'in' else 'out' end, case when g % 2 = 1 then 'contact' else 'agent' end, 'text', "
        + "(array['Hola, quisiera una cotización para un split de 12000 BTU', 'Claro, ¿en qué comuna sería la instalación?',"
        + " 'En Maipú, es un departamento', 'Perfecto, le envío la cotización en un momento', 'Gracias!'])[1 + g % 5], "
        + "'wamid.seed.' || c.id || '.' || g, case when g % 2 = 1 then null else 'read' end, "
        + "c.last_activity_at - (" + k + " - g) * interval '3 minutes', c.last_activity_at - (" + k + " - g) * interval '3 minutes' "
        + "from conversations c cross join generate_series(1, " + k + ") g where c.id between " + cLo + " and " + cHi)
        .execute().await();
    // Statistics, hint bits and the visibility map, as a database that has been running a while has them.
    sql.query("vacuum analyze contacts").execute().await();
    sql.query("vacuum analyze conversations").execute().await();
    sql.query("vacuum analyze messages").execute().await();
    long totalMessages = sql.query("select count(*) from messages").execute().await().iterator().next().getLong(0);
    long totalConversations = sql.query("select count(*) from conversations").execute().await().iterator().next()
        .getLong(0);
    double loadSeconds = (System.nanoTime() - t0) / 1e9;
    String plans = explain(sql, inboxId, cLo + (cHi - cLo) / 2);
    Files.writeString(Path.of("target", "bench", "explain-" + mode.name() + ".txt"), plans);

    List<String> listPaths = List.of("/api/v1/conversations", "/api/v1/conversations?assignee=unassigned",
        "/api/v1/conversations?status=all");
    Random rnd = new Random(7);
    List<String> messagePaths = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      messagePaths.add("/api/v1/conversations/" + (cLo + rnd.nextInt((int) (cHi - cLo + 1))) + "/messages");
    }
    for (List<String> paths : List.of(listPaths, messagePaths)) { // the hub's JIT and PostgreSQL's cache, unmeasured
      gen.call(new JsonObject().put("cmd", "gets").put("paths", new JsonArray(paths)).put("rate", 20).put("seconds", 3)
          .put("cookie", agentCookie));
    }
    hub.threadDumpLater(out.resolve("threads-inbox-reads.txt"), mode.readSeconds() * 500L);
    JsonObject list = gen.call(new JsonObject().put("cmd", "gets").put("paths", new JsonArray(listPaths))
        .put("rate", mode.readRate()).put("seconds", mode.readSeconds()).put("cookie", agentCookie));
    JsonObject messages = gen.call(new JsonObject().put("cmd", "gets").put("paths", new JsonArray(messagePaths))
        .put("rate", mode.readRate()).put("seconds", mode.readSeconds()).put("cookie", agentCookie));
    report.json.put("inboxReads", new JsonObject().put("messages", totalMessages).put("conversations", totalConversations)
        .put("loadSeconds", loadSeconds).put("conversationList", list).put("newestMessages", messages)
        .put("explain", "target/bench/explain-" + mode.name() + ".txt"));
    if (list.getInteger("errors") != 0 || messages.getInteger("errors") != 0) {
      report.problem("inbox reads: " + list.getInteger("errors") + " + " + messages.getInteger("errors")
          + " requests did not answer 200");
    }
  }

  /** The plans of the two reads as an agent of one inbox makes them (literal values: custom plans). */
  private static String explain(Pool sql, long inboxId, long conversationId) {
    StringBuilder text = new StringBuilder();
    for (String q : List.of("""
        explain (analyze, buffers) select c.*, ct.name as contact_name, ct.phone as contact_phone,
          ct.email as contact_email, ct.locale as contact_locale, i.channel
        from conversations c join contacts ct on ct.id = c.contact_id join inboxes i on i.id = c.inbox_id
        where c.inbox_id = any(array[%d]::bigint[]) and c.status = 'open'
        order by c.last_activity_at desc, c.id desc limit 26""".formatted(inboxId),
        "explain (analyze, buffers) select * from messages where conversation_id = " + conversationId
            + " order by id desc limit 51")) {
      text.append(q).append("\n");
      sql.query(q).execute().await().forEach(r -> text.append("  ").append(r.getString(0)).append("\n"));
      text.append("\n");
    }
    // The hub runs its reads as prepared statements; after five runs PostgreSQL may switch to a generic plan.
    String list;
    String messages;
    try {
      var f = com.conecta.hub.messaging.conversation.ConversationStore.class.getDeclaredField("LIST");
      f.setAccessible(true);
      list = (String) f.get(null);
      var g = com.conecta.hub.messaging.conversation.ConversationStore.class.getDeclaredField("MESSAGES");
      g.setAccessible(true);
      messages = (String) g.get(null);
    } catch (ReflectiveOperationException e) {
      return text.append("generic plans: ").append(e).toString();
    }
    var conn = sql.getConnection().await();
    try {
      conn.query("set plan_cache_mode = force_generic_plan").execute().await();
      conn.query("prepare bench_list(bigint[], text, bigint, boolean, bigint, bigint, text, text, timestamptz, bigint, "
          + "bigint) as " + list).execute().await();
      conn.query("prepare bench_messages(bigint, bigint, bigint) as " + messages).execute().await();
      for (String q : List.of("explain (analyze, buffers) execute bench_list(array[" + inboxId + "]::bigint[], 'open', "
          + "null, false, null, null, null, null, null, null, 26)", "explain (analyze, buffers) execute bench_list(array["
          + inboxId + "]::bigint[], null, null, false, null, null, null, null, null, null, 26)",
          "explain (analyze, buffers) execute bench_messages(" + conversationId + ", null, 51)")) {
        text.append("GENERIC PLAN: ").append(q).append("\n");
        conn.query(q).execute().await().forEach(r -> text.append("  ").append(r.getString(0)).append("\n"));
        text.append("\n");
      }
    } finally {
      conn.close().await();
    }
    return text.toString();
  }

}
