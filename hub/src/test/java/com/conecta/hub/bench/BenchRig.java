package com.conecta.hub.bench;

import io.vertx.sqlclient.Pool;

/**
 * What a load phase works with: the run's sizes, the load generator, the hub under test, a connection to its database
 * and the report the figures go into.
 */
record BenchRig(BenchMode mode, CommandedJvm gen, HubProcess hub, Pool sql, BenchReport report) {}
