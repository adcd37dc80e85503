package com.conecta.hub.bench;

import com.conecta.hub.foundation.auth.Tokens;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * Live delivery: the mode's agents (500) each hold an event stream while webhooks arrive; the time from a webhook to
 * its message.created event in every stream.
 */
final class LiveDeliveryPhase {
  private final BenchRig rig;

  LiveDeliveryPhase(BenchRig rig) {
    this.rig = rig;
  }

  /** Agents of the Ventas team (who see the WhatsApp Ventas inbox), each with a session made straight in the database. */
  static List<String> agents(Pool sql, int n) {
    sql.query("insert into users (email, name, role, password_hash) select 'agente' || g || '@bench.conecta.cl', "
        + "'Agente ' || g, 'agent', (select password_hash from users where email = 'ana@demo.conecta.cl') "
        + "from generate_series(1, " + n + ") g").execute().await();
    sql.query("insert into team_members (team_id, user_id) select (select team_id from inboxes where "
        + "channel_account_id = '" + HubBenchmarkTest.PHONE_NUMBER_ID + "'), id from users where email like "
        + "'agente%@bench.conecta.cl'").execute().await();
    List<Long> ids = new ArrayList<>();
    sql.query("select id from users where email like 'agente%@bench.conecta.cl' order by id").execute().await()
        .forEach(r -> ids.add(r.getLong(0)));
    Tokens tokens = new Tokens();
    List<String> cookies = new ArrayList<>();
    List<Tuple> rows = new ArrayList<>();
    for (long id : ids) {
      String secret = tokens.newSecret("s_");
      cookies.add("conecta_session=" + secret);
      rows.add(Tuple.of(Tokens.sha256(secret), id, tokens.newSecret("c_"),
          java.time.OffsetDateTime.now().plusDays(1)));
    }
    sql.preparedQuery("insert into sessions (token_hash, user_id, csrf_token, expires_at) values ($1, $2, $3, $4)")
        .executeBatch(rows).await();
    return cookies;
  }

  /** sustainedIngest: the ingest phase's highest rate (0 when it did not run). */
  void run(List<String> cookies, double sustainedIngest) throws Exception {
    BenchMode mode = rig.mode();
    CommandedJvm gen = rig.gen();
    BenchReport report = rig.report();
    // The generator answers once every stream has its first frame, written when the hub has subscribed it.
    JsonObject opened = gen.call(new JsonObject().put("cmd", "sse-open").put("cookies", new JsonArray(cookies)));
    // At most half the sustained ingest rate, so that the figure is delivery, not a saturated hub's queue.
    double rate = Math.max(2, Math.min(mode.sseRate(), Math.round(sustainedIngest / 2)));
    JsonObject r = gen.call(new JsonObject().put("cmd", "sse-run").put("rate", rate)
        .put("seconds", mode.sseSeconds()).put("tag", "sse"));
    gen.call(new JsonObject().put("cmd", "sse-close"));
    r.put("streamsOpened", opened.getLong("opened")).put("streamsConnected", opened.getLong("connected"));
    report.json.put("liveDelivery", r);
    if (opened.getLong("opened") != cookies.size()) {
      report.problem("live delivery: only " + opened.getLong("opened") + " of " + cookies.size() + " streams opened");
    }
    if (r.getLong("missingEvents") != 0 || r.getLong("duplicateEvents") != 0) {
      report.problem("live delivery: " + r.getLong("missingEvents") + " events missing, "
          + r.getLong("duplicateEvents") + " doubled in the agents' streams");
    }
  }
}
