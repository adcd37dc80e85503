package com.conecta.hub.foundation.sandbox;

import com.conecta.hub.foundation.auth.AuthService;
import com.conecta.hub.operations.team.TeamStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds the demo company of sandbox mode once, into an empty database: an admin, three agents, the Ventas and
 * Soporte teams, and one inbox per channel (two WhatsApp numbers, email, web form, API).
 */
public record DemoSeeder(TeamStore teams, AuthService auth) {
  private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);
  public static final String SALES_PHONE_NUMBER_ID = "100000000000001";
  public static final String SERVICE_PHONE_NUMBER_ID = "100000000000002";
  private static final String AGENT_PASSWORD = "conecta-agente";
  private static final String INSERT_INBOX =
      "insert into inboxes (name, channel, channel_account_id, team_id, settings) values ($1, $2, $3, $4, $5)";

  /** A small catalogue so a quote can be built at once in the sandbox (prices in CLP, IVA 19 %). */
  private static final String INSERT_PRODUCTS = """
      insert into products (code, name, unit_price, tax_rate, currency) values
        ('CAM-IP4', 'Cámara IP 4 MP exterior', 89990, 19, 'CLP'),
        ('NVR-8', 'Grabador NVR 8 canales', 159990, 19, 'CLP'),
        ('INST-CAM', 'Instalación por cámara', 35000, 19, 'CLP'),
        ('ROUTER-AX', 'Router WiFi 6 empresarial', 129990, 19, 'CLP'),
        ('RED-PTO', 'Punto de red UTP cat. 6', 25990, 19, 'CLP'),
        ('SPLIT-12', 'Aire acondicionado split 12.000 BTU', 429990, 19, 'CLP'),
        ('PANEL-550', 'Panel solar 550 W', 149990, 19, 'CLP'),
        ('INV-5K', 'Inversor híbrido 5 kW', 899990, 19, 'CLP')
      on conflict (code) do nothing""";

  public Future<Void> seedIfEmpty(String adminEmail, String adminPassword) {
    return teams.userCount().compose(n -> {
      if (n > 0) {
        return Future.succeededFuture();
      }
      return Future.all(auth.hashPassword(adminPassword), auth.hashPassword(AGENT_PASSWORD))
          .compose(h -> teams.pool().withTransaction(conn -> seed(conn, adminEmail, h.resultAt(0), h.resultAt(1))))
          .onSuccess(v -> log.info("sandbox: demo company seeded (agents ana@, bruno@, carla@demo.conecta.cl, password '{}')",
              AGENT_PASSWORD));
    });
  }

  private Future<Void> seed(SqlConnection conn, String adminEmail, String adminHash, String agentHash) {
    long[] id = new long[6]; // admin, ana, bruno, carla, sales team, service team
    return teams.insertUser(conn, adminEmail, "Administración Demo", "admin", adminHash, "es", "+56911111111")
        .compose(x -> { id[0] = x; return teams.insertUser(conn, "ana@demo.conecta.cl", "Ana Rojas", "agent", agentHash, "es", "+56922222222"); })
        .compose(x -> { id[1] = x; return teams.insertUser(conn, "bruno@demo.conecta.cl", "Bruno Díaz", "agent", agentHash, "es", "+56933333333"); })
        .compose(x -> { id[2] = x; return teams.insertUser(conn, "carla@demo.conecta.cl", "Carla Mendoza", "agent", agentHash, "en", "+56944444444"); })
        .compose(x -> { id[3] = x; return teams.insertTeam(conn, "Ventas", "Prospectos y cotizaciones"); })
        .compose(x -> { id[4] = x; return teams.insertTeam(conn, "Soporte", "Servicio técnico y postventa"); })
        .compose(x -> { id[5] = x; return teams.addMember(conn, id[4], id[0], true); })
        .compose(v -> teams.addMember(conn, id[4], id[1], false))
        .compose(v -> teams.addMember(conn, id[4], id[2], false))
        .compose(v -> teams.addMember(conn, id[5], id[0], true))
        .compose(v -> teams.addMember(conn, id[5], id[3], false))
        .compose(v -> teams.addMember(conn, id[5], id[2], false))
        .compose(v -> inbox(conn, "WhatsApp Ventas", "whatsapp", SALES_PHONE_NUMBER_ID, id[4],
            new JsonObject().put("displayPhoneNumber", "+56 9 5000 0001").put("accessToken", "sandbox-token")
                .put("botFlow", "sales")))
        .compose(v -> inbox(conn, "WhatsApp Soporte", "whatsapp", SERVICE_PHONE_NUMBER_ID, id[5],
            new JsonObject().put("displayPhoneNumber", "+56 9 5000 0002").put("accessToken", "sandbox-token")
                .put("botFlow", "service")))
        .compose(v -> inbox(conn, "Correo Soporte", "email", "soporte@demo.conecta.cl", id[5], new JsonObject()))
        .compose(v -> inbox(conn, "Formulario web", "webform", "web", id[4], new JsonObject()))
        .compose(v -> inbox(conn, "Integraciones (API)", "api", null, id[4], new JsonObject()))
        .compose(v -> conn.query(INSERT_PRODUCTS).execute().mapEmpty());
  }

  private Future<Void> inbox(SqlConnection conn, String name, String channel, String account, long team, JsonObject settings) {
    return conn.preparedQuery(INSERT_INBOX).execute(Tuple.of(name, channel, account, team, settings)).mapEmpty();
  }
}
