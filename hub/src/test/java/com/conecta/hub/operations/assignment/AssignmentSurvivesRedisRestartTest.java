package com.conecta.hub.operations.assignment;

import static com.conecta.hub.operations.assignment.RoundRobinAcrossNodesTest.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.conecta.hub.Hub;
import com.conecta.hub.support.Api;
import com.conecta.hub.support.TeamFixture;
import com.conecta.hub.support.TestEnvironment;
import com.conecta.hub.support.TestHub;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Pool;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

@DisplayName("Assignment while Redis restarts")
class AssignmentSurvivesRedisRestartTest {

  @Test
  @DisplayName("Redis stopped and started mid-burst: every conversation is stored and assigned exactly once")
  void redisRestart() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    RedisServer redis = RedisServer.newRedisServer().port(port).bind("127.0.0.1").build();
    redis.start();
    Vertx vertx = Vertx.vertx();
    String db = TestEnvironment.freshDatabase();
    String url = "redis://127.0.0.1:" + port;
    Hub a = TestHub.start(vertx, db, url, "restart:");
    Hub b = TestHub.start(vertx, db, url, "restart:");
    Pool sql = com.conecta.hub.foundation.platform.Database.pool(vertx, db, 2);
    try {
      Api adminA = Api.admin(vertx, a.port());
      Api adminB = Api.admin(vertx, b.port());
      TeamFixture team = TeamFixture.create(adminA, 3, null, new JsonObject());
      for (int i = 0; i < 3; i++) {
        team.presence(vertx, a.port(), i, "online");
      }
      List<Future<HttpResponse<Buffer>>> posts = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        if (i == 30) {
          redis.stop();
        }
        if (i == 70) {
          redis.start();
        }
        posts.add((i % 2 == 0 ? adminA : adminB).postAsync("/api/v1/inboxes/" + team.inboxId + "/messages",
            Api.inboundBody("rs-" + i, "rs-contact-" + i, "Cliente " + i, "hola")));
        Thread.sleep(10);
      }
      Future.join(posts).await();
      assertTrue(posts.stream().allMatch(f -> f.succeeded() && f.result().statusCode() == 201),
          "every webhook is acknowledged while Redis is away");
      waitUntil(() -> count(sql, "select count(*) from conversations where inbox_id = " + team.inboxId
          + " and assignee_id is null") == 0);
      assertEquals(100, count(sql, "select count(*) from messages where provider_message_id like 'rs-%'"));
      assertEquals(100, count(sql, "select count(*) from assignments a join conversations c on c.id = a.conversation_id "
          + "where c.inbox_id = " + team.inboxId));
      assertEquals(0, count(sql, "select count(*) from (select conversation_id from assignments group by conversation_id "
          + "having count(*) > 1) twice"));
      long fewest = count(sql, "select min(n) from (select count(*) n from conversations where inbox_id = "
          + team.inboxId + " group by assignee_id) x");
      assertTrue(fewest >= 25, "still roughly even: the fewest got " + fewest);
      var ready = adminA.get("/ready");
      assertEquals(200, ready.statusCode(), "after the restart the node is ready again: " + ready.bodyAsString());
    } finally {
      sql.close().await();
      a.stop().await();
      b.stop().await();
      vertx.close().await();
      redis.stop();
    }
  }

  private static long count(Pool sql, String q) {
    return sql.query(q).execute().await().iterator().next().getLong(0);
  }
}
