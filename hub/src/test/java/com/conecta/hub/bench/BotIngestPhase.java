package com.conecta.hub.bench;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;

/**
 * Ingest with the sales bot answering (issue 23 asks for half the pgbench reference): the same step search as with
 * the bot off, on a hub started with the bot on, from customers the hub has not seen (so that the bot greets and
 * qualifies them rather than finding their conversations already with an agent). The webhook's p99 is what is searched
 * on; the bot's replies go out through the outbox at the number's sending rate meanwhile.
 */
final class BotIngestPhase {
  /** The customers of this phase's webhooks are 569 30000000 onwards: none of them wrote before. */
  static final int CONTACT_BASE = 30_000_000;

  private final BenchRig rig;

  BotIngestPhase(BenchRig rig) {
    this.rig = rig;
  }

  void run() throws Exception {
    Pool sql = rig.sql();
    // The bot's replies of this phase are the messages it writes from now on.
    OffsetDateTime from = sql.query("select now()").execute().await().iterator().next().getOffsetDateTime(0);
    BenchMode mode = rig.mode();
    JsonObject warm = rig.gen().call(RateSearch.webhooks(mode.botFirstRate() / 2, 4, "bot-warm")
        .put("contactBase", CONTACT_BASE));
    rig.hub().awaitQuiet();
    RateSearch.Result search = new RateSearch(rig.gen(), rig.hub(), mode, "bot-", CONTACT_BASE)
        .run(mode.botFirstRate(), mode.botMaxSteps());
    BenchReport report = rig.report();
    JsonObject ingest = report.json.getJsonObject("ingest");
    double reference = ingest != null ? ingest.getDouble("pgbenchReferenceTps") : BenchHost.pgbenchReference(mode);
    long rows = IngestPhase.storedOnce(sql, report, "ingest with the bot", search.ok(), search.sent(),
        "wamid.bench.bot-step%", "wamid.bench.bot-down%", "wamid.bench.bot-bisect%");
    long botReplies = sql.preparedQuery("select count(*) from messages where sender_kind = 'bot' and created_at >= $1")
        .execute(Tuple.of(from)).await().iterator().next().getLong(0);
    if (botReplies == 0) {
      report.problem("ingest with the bot: the bot answered no message (was it on?)");
    }
    report.json.put("ingestWithBot", new JsonObject().put("warmUp", warm).put("steps", search.steps())
        .put("maxRateP99Under100ms", search.best()).put("firstRateOver", search.failed())
        .put("pgbenchReferenceTps", reference).put("hubOverReference", reference > 0 ? search.best() / reference : null)
        .put("acknowledged", search.ok()).put("sent", search.sent()).put("stored", rows).put("botReplies", botReplies));
  }
}
