package com.conecta.hub.foundation.runtime;

import com.conecta.connectors.sandbox.whatsapp.FakeWhatsAppCloudApi;
import com.conecta.hub.foundation.config.HubConfig;
import com.conecta.hub.foundation.platform.Database;
import com.conecta.hub.foundation.platform.RedisLink;
import com.conecta.hub.messaging.realtime.RealtimeBroker;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

/**
 * What every feature module of one hub node is built on: the configuration, the pools, Redis, the live-event broker,
 * the node's id, and in sandbox mode the built-in fake Graph API (null otherwise).
 */
public record NodeResources(Vertx vertx, HubConfig config, PrometheusMeterRegistry metrics, Pool pool,
    Database.SidePools side, RedisLink redis, RealtimeBroker broker, String nodeId, FakeWhatsAppCloudApi fake) {

  /** Meta's Graph API; in sandbox mode the hub talks to its built-in fake instead. */
  public String graphBaseUrl() {
    return fake != null ? fake.baseUrl() : config.whatsapp().graphBaseUrl();
  }
}
