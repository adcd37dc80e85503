package com.conecta.hub.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A team of new agents with its own API-channel inbox, made through the admin API. */
public final class TeamFixture {
  public final long teamId;
  public final long inboxId;
  public final List<Long> agentIds;
  public final List<String> agentEmails;

  private TeamFixture(long teamId, long inboxId, List<Long> agentIds, List<String> agentEmails) {
    this.teamId = teamId;
    this.inboxId = inboxId;
    this.agentIds = agentIds;
    this.agentEmails = agentEmails;
  }

  public static TeamFixture create(Api admin, int agents, Integer capacity, JsonObject inboxSettings) {
    String tag = UUID.randomUUID().toString().substring(0, 6);
    List<Long> ids = new ArrayList<>();
    List<String> emails = new ArrayList<>();
    for (int i = 0; i < agents; i++) {
      String email = "agente" + i + "-" + tag + "@demo.conecta.cl";
      JsonObject user = new JsonObject().put("email", email).put("name", "Agente " + i + " " + tag).put("role", "agent")
          .put("password", Api.AGENT_PASSWORD);
      if (capacity != null) {
        user.put("maxOpenConversations", capacity);
      }
      var res = admin.post("/api/v1/users", user);
      assertEquals(201, res.statusCode(), res.bodyAsString());
      ids.add(res.bodyAsJsonObject().getLong("id"));
      emails.add(email);
    }
    var team = admin.post("/api/v1/teams", new JsonObject().put("name", "Equipo " + tag)
        .put("memberIds", new JsonArray(ids)).put("supervisorIds", new JsonArray().add(1)));
    assertEquals(201, team.statusCode(), team.bodyAsString());
    long teamId = team.bodyAsJsonObject().getLong("id");
    var inbox = admin.post("/api/v1/inboxes", new JsonObject().put("name", "Entrada " + tag).put("channel", "api")
        .put("teamId", teamId).put("settings", inboxSettings));
    assertEquals(201, inbox.statusCode(), inbox.bodyAsString());
    return new TeamFixture(teamId, inbox.bodyAsJsonObject().getLong("id"), ids, emails);
  }

  public Api agent(Vertx vertx, int port, int index) {
    return Api.signedIn(vertx, port, agentEmails.get(index), Api.AGENT_PASSWORD);
  }

  /** Signs the agent in and sends the browser's heartbeat with the given availability. */
  public Api presence(Vertx vertx, int port, int index, String availability) {
    Api api = agent(vertx, port, index);
    var res = api.post("/api/v1/presence", new JsonObject().put("availability", availability));
    assertEquals(200, res.statusCode(), res.bodyAsString());
    return api;
  }
}
